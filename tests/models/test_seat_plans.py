"""座次 stored: a 59-invitee 双月协商会 seated at a 回字形 table by protocol, locked seats kept, the issues a
later reply, removal or new invitee raises, conflicts, refusals, and sign-in by the stored seat numbers."""

import json

import pytest
from sqlmodel import select

from models.errors import ConflictError, ValidationError
from models.seat_layouts import LayoutKind, LayoutSpec, build_layout
from models.seat_order import auto_seat
from models.services.invitees import (
    find_for_check_in,
    invite,
    invite_people,
    people_by_rule,
    record_reply,
    remove_invitees,
    set_role_bulk,
    update_invitee,
)
from models.services.meeting_queries import list_invitees
from models.services.meetings import change_meeting_status
from models.services.people_list import PeopleFilter, load_people
from models.services.seat_plans import (
    NOT_SEATED,
    NOW_STAFF,
    OFF_PLAN,
    ON_LEAVE,
    REMOVED,
    SHARED_SEAT,
    clear_seat_plan,
    get_seat_plan,
    plan_issues,
    save_seat_plan,
    seat_automatically,
)
from models.tables import AppSetting, SeatPlan
from models.vocab import MemberRole
from tests.models.test_meeting_services import new_meeting

HOLLOW = LayoutSpec(LayoutKind.HOLLOW, head=10, sides=20, foot=10)  # 60 seats


def meeting_of_59(session) -> dict:
    """1 主持, 3 特邀 (two with a 排序), 2 副主席 given a 排序, 6 发言, 38 出席 (one on leave), 6 列席, 3 工作人员."""
    meeting = new_meeting(session)
    people = load_people(session)
    members = [p for p in people if p.levels and p.role == MemberRole.MEMBER]
    vice = [p for p in people if p.role == MemberRole.VICE_CHAIR]
    guests = [p for p in people if not p.levels]
    host, vice_a, vice_b = vice[0], vice[1], vice[2]
    ids = {"host": invite(session, meeting, host.id, "主持")}
    ids["guests"] = [invite(session, meeting, p.id, "特邀") for p in guests[:3]]
    ids["vice"] = [invite(session, meeting, p.id, "出席") for p in (vice_a, vice_b)]
    ids["speakers"] = [invite(session, meeting, p.id, "发言") for p in members[:6]]
    ids["attend"] = [invite(session, meeting, p.id, "出席") for p in members[6:44]]
    ids["observe"] = [invite(session, meeting, p.id, "列席") for p in members[44:50]]
    ids["staff"] = [invite(session, meeting, p.id, "工作人员") for p in guests[3:6]]
    update_invitee(session, ids["guests"][0], role="特邀", protocol_rank=2)
    update_invitee(session, ids["guests"][1], role="特邀", protocol_rank=1)
    update_invitee(session, ids["vice"][0], role="出席", protocol_rank=4)
    update_invitee(session, ids["vice"][1], role="出席", protocol_rank=3)
    ids["leave"] = ids["attend"][5]
    record_reply(session, ids["leave"], "请假", leave_reason="出差", leave_approved_by="秘书长")
    ids["meeting"] = meeting
    assert len(list_invitees(session, meeting)) == 59
    return ids


def seated_meeting(session):
    """meeting_of_59 seated automatically at HOLLOW: (its ids, the meeting, the plan)."""
    ids = meeting_of_59(session)
    seat_automatically(session, ids["meeting"], HOLLOW)
    return ids, ids["meeting"], get_seat_plan(session, ids["meeting"])


def seat_of(session, meeting) -> dict[int, str]:
    return {r.attendance_id: r.seat_no for r in list_invitees(session, meeting)}


def test_59_invitees_at_a_hollow_table_leaders_at_the_head_by_rank(demo_database):
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        meeting = ids["meeting"]
        version = seat_automatically(session, meeting, HOLLOW, "回字形会议桌（60座）")
        view = get_seat_plan(session, meeting)
        seats = seat_of(session, meeting)
    assert version == view.version == 1 and view.template_name == "回字形会议桌（60座）"
    assert view.layout.spec == HOLLOW and view.issues == () and view.locked == frozenset()
    by_seat = {seat: aid for seat, aid in view.occupant.items()}
    # 主持, then the ranked leaders in rank order (特邀 1, 特邀 2, 副主席 3, 副主席 4), then the unranked 特邀
    order = [ids["host"], ids["guests"][1], ids["guests"][0], ids["vice"][1], ids["vice"][0], ids["guests"][2]]
    assert [by_seat[n] for n in range(1, 7)] == order
    assert all(view.layout.seat(n).head for n in range(1, 7))  # at the head of the table
    assert {by_seat[n] for n in range(7, 11)} <= set(ids["speakers"])  # the head's last four: 发言
    assert len(view.occupant) == 59 - 3 - 1 and set(view.occupant) == set(range(1, 56))
    assert seats[ids["leave"]] == "" and all(seats[s] == "" for s in ids["staff"])
    assert all(seats[aid] == str(seat) for seat, aid in view.occupant.items())  # stored on the invitees


def test_sign_in_by_seat_number_finds_everyone_seated(demo_database):
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        seat_automatically(session, ids["meeting"], HOLLOW)
        view = get_seat_plan(session, ids["meeting"])
        rows = list_invitees(session, ids["meeting"])
    for seat, attendance_id in view.occupant.items():
        assert [r.attendance_id for r in find_for_check_in(rows, str(seat))] == [attendance_id]
    host = next(r for r in rows if r.attendance_id == ids["host"])
    assert [r.attendance_id for r in find_for_check_in(rows, host.name)] == [ids["host"]]


def test_locked_seats_are_kept_when_seating_again(demo_database):
    with demo_database.session() as session:
        ids, meeting, view = seated_meeting(session)
        # the user moves the last 列席 into seat 12 (its person to the freed seat) and locks seat 12
        moved, last = ids["observe"][-1], max(view.occupant)
        occupant = dict(view.occupant)
        occupant[12], occupant[last] = moved, occupant[12]
        save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant=occupant, locked=[12, 70],
                       expected_version=view.version)
        locked_view = get_seat_plan(session, meeting)
        assert locked_view.locked == frozenset({12})  # a locked number the layout has not is dropped
        seat_automatically(session, meeting, HOLLOW)  # again: everyone else by protocol
        again = get_seat_plan(session, meeting)
    assert again.occupant[12] == moved and again.locked == frozenset({12})
    assert moved not in [aid for seat, aid in again.occupant.items() if seat != 12]
    assert again.occupant[1] == ids["host"] and len(again.occupant) == 55


def test_a_reply_a_removal_a_new_invitee_and_a_role_change_show_as_issues(demo_database):
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        meeting = ids["meeting"]
        seat_automatically(session, meeting, HOLLOW)
        before = get_seat_plan(session, meeting)
        seat = {aid: n for n, aid in before.occupant.items()}
        names = {r.attendance_id: r.name for r in list_invitees(session, meeting)}
        on_leave, removed, staff = ids["attend"][0], ids["attend"][1], ids["attend"][2]
        record_reply(session, on_leave, "请假", leave_reason="生病", leave_approved_by="秘书长")
        remove_invitees(session, [removed])
        set_role_bulk(session, [staff], "工作人员")
        newcomer = next(p for p in load_people(session) if p.levels and p.id not in
                        {r.person_id for r in list_invitees(session, meeting)})
        new_id = invite(session, meeting, newcomer.id, "出席")
        view = get_seat_plan(session, meeting)
    issues = {(i.seat, i.attendance_id, i.name, i.reason) for i in view.issues}
    assert issues == {(seat[on_leave], on_leave, names[on_leave], ON_LEAVE),
                      (seat[removed], removed, names[removed], REMOVED),
                      (seat[staff], staff, names[staff], NOW_STAFF),
                      (None, new_id, newcomer.name, NOT_SEATED)}
    assert view.occupant[seat[on_leave]] == on_leave  # nothing reshuffled: the seats stay as they were
    assert seat[removed] not in view.occupant


def test_issues_follow_an_edit_in_memory_and_hand_typed_seat_numbers(demo_database):
    with demo_database.session() as session:
        ids, meeting, view = seated_meeting(session)
        first, second = ids["attend"][0], ids["attend"][1]
        update_invitee(session, first, role="出席", seat_no="99")  # typed in the invitee dialog
        update_invitee(session, second, role="出席", seat_no="1")  # the host's seat
        typed = get_seat_plan(session, meeting)
        rows = list_invitees(session, meeting)
    reasons = {i.attendance_id: (i.seat, i.reason) for i in typed.issues}
    assert reasons == {first: (None, OFF_PLAN), second: (1, SHARED_SEAT)}
    assert typed.occupant[1] == ids["host"]
    # the ui recomputes after an edit in memory: the other holder of seat 1 keeps it, the host goes to 60 —
    # no issue left; the host off seat 1 with no seat: until saved, seat 1 still finds both at the door
    edited = {n: aid for n, aid in typed.occupant.items() if aid != ids["host"]}
    edited[1], edited[60] = second, first
    assert {(i.attendance_id, i.reason) for i in plan_issues(typed.layout, edited, rows, typed.saved)} == {
        (ids["host"], SHARED_SEAT)}
    edited[59] = ids["host"]
    assert plan_issues(typed.layout, edited, rows, typed.saved) == ()
    assert plan_issues(None, view.occupant, rows, {}) == ()


def test_a_stale_version_is_a_conflict_and_nothing_is_written(demo_database):
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        meeting = ids["meeting"]
        with pytest.raises(ConflictError):  # "no plan yet" expected a version
            save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant={}, expected_version=3)
        seat_automatically(session, meeting, HOLLOW)
        view = get_seat_plan(session, meeting)
        for stale in (None, view.version + 1):  # someone saved a plan meanwhile / a later save than ours
            with pytest.raises(ConflictError):
                save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant={}, expected_version=stale)
        assert get_seat_plan(session, meeting).occupant == view.occupant
        version = save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant={1: ids["host"]},
                                 expected_version=view.version)
        assert version == view.version + 1
        with pytest.raises(ConflictError):
            clear_seat_plan(session, meeting, view.version)


def test_refusals_name_every_problem_and_write_nothing(demo_database):
    with demo_database.session() as session:
        ids, meeting, view = seated_meeting(session)
        names = {r.attendance_id: r.name for r in list_invitees(session, meeting)}
        wrong = {1: ids["host"], 2: ids["host"], 61: ids["guests"][0], 3: ids["leave"], 4: ids["staff"][0],
                 5: 999999}
        with pytest.raises(ValidationError) as refused:
            save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant=wrong,
                           expected_version=view.version)
        text = " ".join(message for _field, message in refused.value.problems)
        for words in (f"{names[ids['host']]}被安排了两个座位（1 号和 2 号）", "座位 61 不在座次图内（共 60 座）",
                      f"{names[ids['leave']]}已请假", f"{names[ids['staff'][0]]}是工作人员",
                      "5 号座位上的人已不在本次会议的名单中"):
            assert words in text
        assert get_seat_plan(session, meeting).occupant == view.occupant
        with pytest.raises(ValidationError, match="上首（主位一侧）至少要有 1 个座位"):
            save_seat_plan(session, meeting, spec=LayoutSpec(LayoutKind.HOLLOW, head=0, sides=3), template_name="",
                           occupant={}, expected_version=view.version)


@pytest.mark.parametrize("status", ["已取消", "已归档"])
def test_a_cancelled_or_archived_meeting_keeps_its_seats(demo_database, status):
    with demo_database.session() as session:
        _ids, meeting, view = seated_meeting(session)
        if status == "已归档":
            for step in ("已发通知", "已召开"):
                change_meeting_status(session, meeting, step)
        change_meeting_status(session, meeting, status)
        with pytest.raises(ValidationError, match=f"会议状态为“{status}”，不能保存座次。"):
            save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant={},
                           expected_version=view.version)
        with pytest.raises(ValidationError, match=f"会议状态为“{status}”，不能清除座次。"):
            clear_seat_plan(session, meeting, view.version)


def test_the_plan_keeps_its_layout_and_clearing_removes_every_seat(demo_database):
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        meeting = ids["meeting"]
        seat_automatically(session, meeting, HOLLOW, "回字形会议桌（60座）")
        plan = session.exec(select(SeatPlan).where(SeatPlan.meeting_id == meeting)).one()
        assert json.loads(plan.layout) == HOLLOW.to_dict()  # a snapshot: a template edit later moves nothing
        saved = json.loads(plan.seated)
        assert saved["1"][0] == ids["host"] and isinstance(saved["1"][1], str) and saved["1"][1]
        view = get_seat_plan(session, meeting)
        clear_seat_plan(session, meeting, view.version)
        cleared = get_seat_plan(session, meeting)
        assert cleared.version is None and cleared.layout is None and cleared.occupant == {}
        assert set(seat_of(session, meeting).values()) == {""}


def test_without_a_plan_hand_typed_seats_are_the_occupant(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role="常委"))[:3])
        rows = list_invitees(session, meeting)
        update_invitee(session, rows[0].attendance_id, role="出席", seat_no="7")
        update_invitee(session, rows[1].attendance_id, role="出席", seat_no="主桌")
        view = get_seat_plan(session, meeting)
        assert session.exec(select(AppSetting)).first() is not None  # (the database is the demo's)
    assert (view.version, view.layout, view.issues) == (None, None, ())
    assert view.occupant == {7: rows[0].attendance_id}


def test_auto_seat_and_save_agree_with_the_pure_core(demo_database):
    """seat_automatically is auto_seat on the stored list with the office's preferences, then saved."""
    with demo_database.session() as session:
        ids = meeting_of_59(session)
        rows = list_invitees(session, ids["meeting"])
        expected = auto_seat(build_layout(HOLLOW).numbers, rows).occupant
        seat_automatically(session, ids["meeting"], HOLLOW)
        assert get_seat_plan(session, ids["meeting"]).occupant == expected


def test_a_copied_meeting_has_the_same_seats_ranks_and_layout(demo_database):
    from models.services.meetings import clone_meeting

    with demo_database.session() as session:
        ids = meeting_of_59(session)
        seat_automatically(session, ids["meeting"], HOLLOW, "回字形会议桌（60座）")
        source = get_seat_plan(session, ids["meeting"])
        person = {r.attendance_id: r.person_id for r in list_invitees(session, ids["meeting"])}
        copy = clone_meeting(session, ids["meeting"])
        copied = get_seat_plan(session, copy)
        rows = list_invitees(session, copy)
    assert copied.layout == source.layout and copied.template_name == "回字形会议桌（60座）"
    copied_person = {r.attendance_id: r.person_id for r in rows}
    assert {n: copied_person[a] for n, a in copied.occupant.items()} == {
        n: person[a] for n, a in source.occupant.items()}
    assert {n: copied_person[a] for n, (a, _name) in copied.saved.items()} == {
        n: person[a] for n, a in source.occupant.items()}
    assert sorted(r.protocol_rank for r in rows if r.protocol_rank) == [1, 2, 3, 4]
    # everyone starts as 待通知 in the copy, so the one on leave takes a seat again and has none
    assert [(i.reason, copied_person[i.attendance_id]) for i in copied.issues] == [
        (NOT_SEATED, person[ids["leave"]])]


def test_a_meeting_with_an_empty_plan_can_still_be_deleted(demo_database):
    from models.services.meetings import delete_meeting

    with demo_database.session() as session:
        meeting = new_meeting(session)
        save_seat_plan(session, meeting, spec=HOLLOW, template_name="", occupant={}, expected_version=None)
        delete_meeting(session, meeting)  # nobody invited: allowed, and the plan goes with it
        session.flush()
        assert session.exec(select(SeatPlan).where(SeatPlan.meeting_id == meeting)).first() is None


def test_an_arrangement_in_memory_names_whoever_was_removed_once(demo_database):
    with demo_database.session() as session:
        ids, meeting, view = seated_meeting(session)
        names = {r.attendance_id: r.name for r in list_invitees(session, meeting)}
        gone, moved = ids["attend"][0], ids["attend"][1]
        seat = {aid: n for n, aid in view.occupant.items()}
        edited = dict(view.occupant)  # the ui's unsaved edit: the two swapped
        edited[seat[gone]], edited[seat[moved]] = moved, gone
        remove_invitees(session, [gone])
        rows = list_invitees(session, meeting)
    issues = plan_issues(view.layout, edited, rows, view.saved)
    assert [(i.attendance_id, i.name, i.reason) for i in issues] == [(gone, names[gone], REMOVED)]
