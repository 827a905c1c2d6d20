"""签到模式 that forgives, without widgets: the meeting's day, and 出席 ticked from the paper 签到表."""

from datetime import date, datetime, timedelta

import pytest

from models.clock import now
from models.errors import ValidationError
from models.services.common import meeting_format_id
from models.services.invitees import check_in, finalize_attendance, invite_people, people_by_rule, record_reply
from models.services.meeting_queries import attendance_counts, get_meeting, list_invitees
from models.services.meetings import MeetingData, change_meeting_status, save_meeting
from models.services.paper_attendance import record_paper_attendance
from models.services.people_list import PeopleFilter
from models.services.sign_in_day import off_day_warning
from models.vocab import AttendanceResult


def meeting_on(session, starts_at: datetime, ends_at: datetime | None = None) -> int:
    return save_meeting(session, MeetingData(meeting_format_id(session, "bimonthly"), "专题协商会", starts_at,
                                             ends_at=ends_at, venue="区政协机关三楼会议室"))


def test_sign_in_on_another_day_is_named_before_and_after(demo_database):
    with demo_database.session() as session:
        one_day = get_meeting(session, meeting_on(session, datetime(2026, 12, 15, 14, 30)))
        late = get_meeting(session, meeting_on(session, datetime(2026, 12, 15, 19, 0), datetime(2026, 12, 16, 1)))
    assert off_day_warning(one_day, date(2026, 12, 15)) is None
    assert off_day_warning(late, date(2026, 12, 16)) is None  # a meeting that runs past midnight
    assert off_day_warning(late, date(2026, 12, 15)) is None
    early = off_day_warning(one_day, date(2026, 12, 1))
    assert early == "今天是2026年12月1日（星期二），会议日期是2026年12月15日（星期二），会议在 14 天后召开。"
    assert "会议已于 2 天前结束" in off_day_warning(late, date(2026, 12, 18))


def test_paper_attendance_records_present_without_inventing_a_time(demo_database):
    with demo_database.session() as session:
        meeting = meeting_on(session, now() - timedelta(days=1))
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委"))[:5])
        door, paper, leave, absent, untick = list_invitees(session, meeting)
        check_in(session, door.attendance_id)
        record_reply(session, leave.attendance_id, "请假", leave_reason="因公出差")
        change_meeting_status(session, meeting, "已发通知")
        change_meeting_status(session, meeting, "已召开")
        result = record_paper_attendance(session, meeting, [paper.attendance_id, leave.attendance_id,
                                                            untick.attendance_id])
        assert result.marked == 3 and "不记录签到时间" in result.message()
        # unticked later (a mistake on the first pass); the one signed in at the door is kept although unticked
        result = record_paper_attendance(session, meeting, [paper.attendance_id, leave.attendance_id])
        assert (result.marked, result.cleared) == (0, 1)
        rows = {r.attendance_id: r for r in list_invitees(session, meeting)}
        finalize_attendance(session, meeting)  # held again later: the paper's 出席 stays
        after = {r.attendance_id: r for r in list_invitees(session, meeting)}
    assert rows[door.attendance_id].checked_in_at is not None
    for row in (paper, leave):
        assert rows[row.attendance_id].result == AttendanceResult.PRESENT
        assert rows[row.attendance_id].checked_in_at is None  # no time invented
        assert after[row.attendance_id].result == AttendanceResult.PRESENT
    assert rows[untick.attendance_id].result == AttendanceResult.ABSENT  # the held meeting's rule
    assert rows[absent.attendance_id].result == AttendanceResult.ABSENT
    counts = attendance_counts(list(after.values()))
    assert (counts.present, counts.on_leave, counts.absent) == (3, 0, 2)


def test_paper_attendance_refuses_strangers_and_a_cancelled_meeting(demo_database):
    with demo_database.session() as session:
        meeting = meeting_on(session, now() - timedelta(days=1))
        other = meeting_on(session, now() - timedelta(days=2))
        invite_people(session, other, people_by_rule(session, PeopleFilter(role="常委"))[:1])
        stranger = list_invitees(session, other)[0]
        with pytest.raises(ValidationError, match="不在本次会议名单中"):
            record_paper_attendance(session, meeting, [stranger.attendance_id])
        change_meeting_status(session, meeting, "已取消")
        with pytest.raises(ValidationError, match="不能补录出席"):
            record_paper_attendance(session, meeting, [])
