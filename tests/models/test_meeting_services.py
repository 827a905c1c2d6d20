"""Meetings and their invitee lists: edit, clone, delete, invite by rule, bulk changes, sign-in."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from models.clock import now
from models.errors import ConflictError, InUseError, ValidationError
from models.services import lookups
from models.services.common import meeting_format_id
from models.services.invitees import (
    add_walk_in,
    check_in,
    find_for_check_in,
    group_members,
    invite,
    invite_people,
    list_groups,
    people_by_rule,
    record_reply,
    remove_invitees,
    save_group,
    set_speech_order,
    set_status_bulk,
    undo_check_in,
    update_invitee,
)
from models.services.meeting_queries import attendance_counts, list_agenda, list_invitees, list_meetings
from models.services.meetings import (
    MeetingData,
    add_agenda_item,
    change_meeting_status,
    clone_meeting,
    delete_meeting,
    meeting_warnings,
    move_agenda_item,
    save_meeting,
)
from models.services.people_list import PeopleFilter
from models.services.plans import PlanItemData, save_plan_item
from models.tables import Attendance, PlanItem


def new_meeting(session, **changes) -> int:
    data = MeetingData(format_id=meeting_format_id(session, "bimonthly"), title="“推进老旧小区改造”专题双月协商会",
                       starts_at=now() + timedelta(days=20), venue="区政协机关三楼会议室")
    for key, value in changes.items():
        setattr(data, key, value)
    return save_meeting(session, data)


def test_meeting_validation_and_warnings(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "salon")
        for data, words in ((MeetingData(fmt, "  ", now()), "会议名称"), (MeetingData(fmt, "沙龙", None), "日期"),
                            (MeetingData(None, "沙龙", now()), "会议形式"),
                            (MeetingData(fmt, "沙龙", now(), ends_at=now() - timedelta(hours=1)), "结束时间")):
            with pytest.raises(ValidationError, match=words):
                save_meeting(session, data)
        past = MeetingData(fmt, "补录的沙龙", datetime(2023, 6, 1, 14, 30))
        assert "已经过去" in meeting_warnings(past)[0]
        meeting_id = save_meeting(session, past)  # allowed after the warning
        saved = list_meetings(session, meeting_ids=[meeting_id])[0]
        assert meeting_warnings(MeetingData(fmt, "补录的沙龙", datetime(2023, 6, 1), id=meeting_id)) == []
    stale = MeetingData(fmt, "改名", datetime(2023, 6, 1, 14, 30), id=meeting_id, version=saved.version)
    with database.session() as session:
        save_meeting(session, stale)
    with pytest.raises(ConflictError), database.session() as session:
        save_meeting(session, stale)  # a second window still holds the old version


def test_clone_copies_agenda_and_list_but_not_replies(demo_database):
    with demo_database.session() as session:
        source = list_meetings(session, year=2023)[-1]
        clone_id = clone_meeting(session, source.id, starts_at=datetime(2024, 3, 21, 14, 30))
        clone = list_meetings(session, meeting_ids=[clone_id])[0]
        assert clone.status == "筹备中" and clone.title.endswith("（副本）") and clone.topic_id == source.topic_id
        assert [a.title for a in list_agenda(session, clone_id)] == [a.title for a in list_agenda(session, source.id)]
        before, after = list_invitees(session, source.id), list_invitees(session, clone_id)
        assert [(r.person_id, r.role) for r in after] == [(r.person_id, r.role) for r in before]
        assert {r.invite_status for r in after} == {"待通知"}
        assert not any(r.checked_in or r.result for r in after)


def test_delete_only_an_empty_meeting(demo_database):
    with demo_database.session() as session:
        held = list_meetings(session, year=2023)[0]
        with pytest.raises(InUseError) as caught:
            delete_meeting(session, held.id)
        assert "参会记录" in caught.value.message and "已取消" in caught.value.message
        empty = new_meeting(session)
        item = save_plan_item(session, PlanItemData(year=2024, format_id=meeting_format_id(session, "bimonthly"),
                                                    meeting_id=empty))
        delete_meeting(session, empty)
        assert session.get(PlanItem, item).meeting_id is None


def test_status_transitions_and_final_attendance(database):
    with database.session() as session:
        meeting = new_meeting(session)
        with pytest.raises(ValidationError, match="可改为"):
            change_meeting_status(session, meeting, "已归档")
        change_meeting_status(session, meeting, "已取消")
        change_meeting_status(session, meeting, "筹备中")


def test_invite_by_rule_and_report_duplicates(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        standing = people_by_rule(session, PeopleFilter(role="常委"))
        health = next(v.id for v in lookups.list_values(session, "sector") if v.name == "医药卫生")
        doctors = people_by_rule(session, PeopleFilter(level="区", sector_id=health))
        assert len(standing) == 40 and len(doctors) == 20
        first = invite_people(session, meeting, standing)
        assert (first.added, first.already) == (40, ())
        second = invite_people(session, meeting, doctors)
        overlap = set(standing) & set(doctors)
        assert second.added == 20 - len(overlap) and len(second.already) == len(overlap)
        if overlap:
            assert "未重复添加" in second.message()
        with pytest.raises(ValidationError, match="不能重复添加"):
            invite(session, meeting, standing[0])
        rows = list_invitees(session, meeting)
        assert [r.sort_stroke for r in rows] == sorted(r.sort_stroke for r in rows)


def test_saved_groups(demo_database):
    with demo_database.session() as session:
        some = people_by_rule(session, PeopleFilter(role="常委"))[:7]
        group = save_group(session, "经济界别召集人", some)
        assert list_groups(session) == [(group, "经济界别召集人", 7)]
        assert people_by_rule(session, PeopleFilter(), group_id=group) == [pid for pid in
                                                                            people_by_rule(session, PeopleFilter())
                                                                            if pid in some]
        save_group(session, "经济界别召集人", some[:3])  # saving again replaces the members
        assert sorted(group_members(session, group)) == sorted(some[:3])


def test_bulk_status_roles_speech_order_and_removal(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委")))
        rows = list_invitees(session, meeting)
        assert set_status_bulk(session, [r.attendance_id for r in rows], "已通知") == 40
        with pytest.raises(ValidationError, match="请假事由"):
            set_status_bulk(session, [rows[0].attendance_id], "请假")
        set_status_bulk(session, [rows[0].attendance_id], "请假", leave_reason="出差", leave_approved_by="秘书长")
        update_invitee(session, rows[1].attendance_id, role="主持", seat_no="1")
        set_speech_order(session, meeting, [rows[5].attendance_id, rows[3].attendance_id])
        counts = attendance_counts(list_invitees(session, meeting))
        assert counts.by_role == {"主持": 1, "出席": 39} and counts.by_status == {"请假": 1, "已通知": 39}
        speakers = sorted((r for r in list_invitees(session, meeting) if r.speech_order), key=lambda r: r.speech_order)
        assert [r.attendance_id for r in speakers] == [rows[5].attendance_id, rows[3].attendance_id]
        check_in(session, rows[2].attendance_id)
        with pytest.raises(InUseError, match="已签到"):
            remove_invitees(session, [rows[2].attendance_id, rows[4].attendance_id])
        assert remove_invitees(session, [rows[4].attendance_id]) == 1


def test_check_in_by_name_initials_seat_and_number(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委")))
        rows = list_invitees(session, meeting)
        target = rows[7]
        update_invitee(session, target.attendance_id, role="出席", seat_no="12")
        rows = list_invitees(session, meeting)
    assert find_for_check_in(rows, target.name) == [next(r for r in rows if r.name == target.name)]
    assert [r.attendance_id for r in find_for_check_in(rows, "12")] == [target.attendance_id]
    assert [r.attendance_id for r in find_for_check_in(rows, str(target.attendance_id))] == [target.attendance_id]
    initials = target.initials[0]
    assert target.attendance_id in [r.attendance_id for r in find_for_check_in(rows, initials.upper())]
    assert target.attendance_id in [r.attendance_id for r in find_for_check_in(rows, target.name[1:])]
    assert find_for_check_in(rows, "   ") == [] and find_for_check_in(rows, "不存在的人") == []


def test_sign_in_undo_walk_in_and_final_attendance(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委"))[:3])
        came, excused, missing = list_invitees(session, meeting)
        check_in(session, came.attendance_id)
        with pytest.raises(ValidationError, match="无需重复签到"):
            check_in(session, came.attendance_id)
        undo_check_in(session, came.attendance_id)
        check_in(session, came.attendance_id)
        record_reply(session, excused.attendance_id, "请假", leave_reason="参加市里会议")
        walk_in = add_walk_in(session, meeting, name="临时来宾", employer_title="区融媒体中心记者")
        change_meeting_status(session, meeting, "已发通知")
        change_meeting_status(session, meeting, "已召开")
        results = {a.id: a.result for a in session.exec(select(Attendance).where(Attendance.meeting_id == meeting))}
        assert results == {came.attendance_id: "出席", excused.attendance_id: "请假", missing.attendance_id: "缺席",
                           walk_in: "出席"}
        counts = attendance_counts(list_invitees(session, meeting))
        assert (counts.expected, counts.present, counts.on_leave, counts.absent) == (4, 2, 1, 1)


def test_agenda_order(database):
    with database.session() as session:
        meeting = new_meeting(session)
        ids = [add_agenda_item(session, meeting, title, time_text=t) for title, t in
               (("主持人宣布开会", "14:30"), ("部门通报", "14:35"), ("委员发言", "15:00"))]
        move_agenda_item(session, ids[2], -1)
        assert [a.title for a in list_agenda(session, meeting)] == ["主持人宣布开会", "委员发言", "部门通报"]
