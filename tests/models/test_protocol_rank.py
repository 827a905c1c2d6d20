"""排序 (protocol rank) of an invitee: stored, shown on the list's rows, bounded, and kept by callers that do not
edit it (the speech tab saves a title through the same service)."""

import pytest

from models.errors import ValidationError
from models.services.invitees import invite_people, people_by_rule, update_invitee
from models.services.meeting_queries import list_invitees
from models.services.people_list import PeopleFilter
from tests.models.test_meeting_services import new_meeting


def test_rank_is_stored_kept_and_cleared(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委"))[:3])
        first = list_invitees(session, meeting)[0]
        assert first.protocol_rank is None
        update_invitee(session, first.attendance_id, role="特邀", protocol_rank=2)
        assert list_invitees(session, meeting)[0].protocol_rank == 2
        update_invitee(session, first.attendance_id, role="特邀", speech_title="一个题目")  # rank not given: kept
        row = list_invitees(session, meeting)[0]
        assert (row.protocol_rank, row.speech_title) == (2, "一个题目")
        update_invitee(session, first.attendance_id, role="特邀", protocol_rank=None)
        assert list_invitees(session, meeting)[0].protocol_rank is None


@pytest.mark.parametrize("rank", [0, -1, 10000, True, "3", 2.5])
def test_rank_outside_one_to_9999_is_refused_with_the_field(demo_database, rank):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委"))[:1])
        row = list_invitees(session, meeting)[0]
        with pytest.raises(ValidationError, match="排序须为 1 至 9999 的整数") as raised:
            update_invitee(session, row.attendance_id, role="出席", protocol_rank=rank)
        assert "protocol_rank" in dict(raised.value.problems)
        update_invitee(session, row.attendance_id, role="出席", protocol_rank=9999)  # the bounds themselves are fine
        update_invitee(session, row.attendance_id, role="出席", protocol_rank=1)
        assert list_invitees(session, meeting)[0].protocol_rank == 1
