"""Rules the later screens rely on: status transitions, duplicate invitations, final attendance,
bulletin numbers and instruction dates."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.errors import ValidationError
from models.services.common import meeting_format_id
from models.services.invitees import check_in, finalize_attendance, invite, record_reply
from models.services.meetings import change_meeting_status, create_meeting
from models.services.people import PersonData, create_person
from models.services.recommendations import (
    add_instruction,
    add_recommendation,
    change_recommendation_status,
    create_bulletin,
    set_outcome,
)
from models.services.topics import change_topic_status, create_topic
from models.tables import Attendance, Topic
from models.vocab import (
    TOPIC_TRANSITIONS,
    AttendanceRole,
    InviteStatus,
    MeetingStatus,
    RecommendationStatus,
    TopicStatus,
)


@pytest.fixture
def meeting(database):
    with database.session() as session:
        return create_meeting(session, format_id=meeting_format_id(session, "bimonthly"), title="双月协商会",
                              starts_at=datetime(2024, 4, 18, 14, 30), venue="区政协三楼会议室")


def test_meeting_needs_title_and_a_sane_time(database):
    with database.session() as session:
        format_id = meeting_format_id(session, "salon")
        with pytest.raises(ValidationError, match="会议名称"):
            create_meeting(session, format_id=format_id, title="  ", starts_at=datetime(2024, 1, 1, 9))
        with pytest.raises(ValidationError, match="日期"):
            create_meeting(session, format_id=format_id, title="委员沙龙", starts_at=None)
        with pytest.raises(ValidationError, match="结束时间不能早于开始时间"):
            create_meeting(session, format_id=format_id, title="委员沙龙", starts_at=datetime(2024, 1, 1, 9),
                           ends_at=datetime(2024, 1, 1, 8))


def test_inviting_twice_is_refused(database, meeting):
    with database.session() as session:
        person = create_person(session, PersonData(name="赵敏"))
        invite(session, meeting, person, AttendanceRole.SPEAKER)
        with pytest.raises(ValidationError) as caught:
            invite(session, meeting, person)
    assert "赵敏已在本次会议的参会名单中" in caught.value.message


def test_final_attendance_and_status_transitions(database, meeting):
    with database.session() as session:
        came, excused, missing = (create_person(session, PersonData(name=n)) for n in ("甲一", "乙二", "丙三"))
        ids = [invite(session, meeting, pid) for pid in (came, excused, missing)]
        check_in(session, ids[0], datetime(2024, 4, 18, 14, 10))
        with pytest.raises(ValidationError, match="请假须填写请假事由"):
            record_reply(session, ids[1], InviteStatus.LEAVE)
        record_reply(session, ids[1], InviteStatus.LEAVE, leave_reason="因公出差", leave_approved_by="秘书长")
        with pytest.raises(ValidationError) as caught:
            change_meeting_status(session, meeting, MeetingStatus.ARCHIVED)
        assert "可改为" in caught.value.message
        change_meeting_status(session, meeting, MeetingStatus.NOTIFIED)
        change_meeting_status(session, meeting, MeetingStatus.HELD)
        results = {a.person_id: a.result for a in session.exec(select(Attendance))}
    assert results == {came: "出席", excused: "请假", missing: "缺席"}


def test_finalize_is_idempotent(database, meeting):
    with database.session() as session:
        pid = create_person(session, PersonData(name="丁四"))
        invite(session, meeting, pid)
        finalize_attendance(session, meeting)
        finalize_attendance(session, meeting)
        assert session.exec(select(Attendance.result)).all() == ["缺席"]


def test_topic_moves_one_step_at_a_time_with_history(database):
    with database.session() as session:
        topic_id = create_topic(session, year=2024, title="推进老旧小区加装电梯", source="委员荐题",
                                on=date(2023, 11, 1))
        with pytest.raises(ValidationError) as caught:
            change_topic_status(session, topic_id, TopicStatus.PLANNED)
        assert "下一步可选：初筛、未采用、延期" in caught.value.message
        change_topic_status(session, topic_id, TopicStatus.SCREENED, on=date(2023, 11, 20), note="初筛通过")
        change_topic_status(session, topic_id, TopicStatus.POSTPONED, on=date(2023, 12, 1), note="条件不成熟")
        topic = session.get(Topic, topic_id)
        history = [(h.from_status, h.to_status, h.changed_on, h.note) for h in topic.history]
    assert history == [(None, "征集", date(2023, 11, 1), "征集"),
                       ("征集", "初筛", date(2023, 11, 20), "初筛通过"),
                       ("初筛", "延期", date(2023, 12, 1), "条件不成熟")]
    assert TopicStatus.COLLECTED in TOPIC_TRANSITIONS[TopicStatus.POSTPONED]


def test_recommendation_lifecycle_refuses_jumps(database):
    with database.session() as session:
        with pytest.raises(ValidationError, match="请填写建议内容"):
            add_recommendation(session, title="加强社区养老", content=" ", year=2024, source_kind="会议")
        rec = add_recommendation(session, title="加强社区养老", content="建议增设社区食堂。", year=2024,
                                 source_kind="提案")
        with pytest.raises(ValidationError) as caught:
            change_recommendation_status(session, rec, RecommendationStatus.CONCLUDED)
        assert "下一步可选：已汇编" in caught.value.message
        with pytest.raises(ValidationError, match="已办结"):
            set_outcome(session, rec, "采纳")
        for status in ("已汇编", "已报送", "已交办", "办理中", "已办结"):
            change_recommendation_status(session, rec, status, on=date(2024, 5, 1))
        set_outcome(session, rec, "部分采纳", reply_text="已在三个社区试点。")


def test_bulletin_numbers_are_unique_per_year_and_instructions_follow_them(database):
    with database.session() as session:
        first = create_bulletin(session, year=2024, issue_no=1, title="关于社区养老的建议", issued_on=date(2024, 5, 10))
        create_bulletin(session, year=2025, issue_no=1, title="次年第一期", issued_on=date(2025, 3, 1))
        with pytest.raises(ValidationError, match="2024年第1期已被"):
            create_bulletin(session, year=2024, issue_no=1, title="重复", issued_on=date(2024, 6, 1))
        with pytest.raises(ValidationError, match="批示日期不能早于专报印发日期"):
            add_instruction(session, bulletin_id=first, leader_name="某领导", instructed_on=date(2024, 5, 1))
        add_instruction(session, bulletin_id=first, leader_name="某领导", leader_title="区长",
                        instructed_on=date(2024, 5, 15), content="请认真研究。")
