"""Inviting the whole 常委会 by rule, finding guests by category, and the 催报名单 of those who have not
replied: on the demo, without widgets (tests/ui/test_invitee_tools.py drives the screens)."""

from datetime import timedelta

import openpyxl
from sqlmodel import select

from models.clock import now
from models.exports.invitees_xlsx import ATTENDANCE_ID_HEADER, export_chase_list
from models.imports.replies_import import analyse_reply_import, apply_reply_import
from models.printing import SheetKind
from models.services import lookups
from models.services.chase_list import awaiting_reply, awaiting_summary, phones
from models.services.common import meeting_format_id
from models.services.invitees import check_in, invite_people, people_by_rule, record_reply, save_group
from models.services.meeting_queries import get_meeting, list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter, load_people
from models.services.people_search import GUESTS, MEMBERS, search_people
from models.tables import Membership
from models.vocab import STANDING_COMMITTEE, AttendanceRole, InviteStatus
from tests.models.printing_fixtures import person, render_pages, sheet_input, squeeze


def new_meeting(session) -> int:
    title = "“推进老旧小区改造”专题双月协商会"
    return save_meeting(session, MeetingData(meeting_format_id(session, "bimonthly"), title,
                                             now() + timedelta(days=20), venue="区政协机关三楼会议室"))


def test_standing_committee_rule_is_the_whole_committee(demo_database):
    with demo_database.session() as session:
        whole = people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE))
        standing_only = people_by_rule(session, PeopleFilter(role="常委"))
        leaders = {role: people_by_rule(session, PeopleFilter(role=role)) for role in ("主席", "副主席", "秘书长")}
        assert len(whole) == 47 and len(standing_only) == 40
        assert [len(ids) for ids in leaders.values()] == [1, 5, 1]
        assert set(whole) == set(standing_only).union(*leaders.values())
        rows = {row.id: row for row in load_people(session)}
        assert [rows[pid].sort_stroke for pid in whole] == sorted(rows[pid].sort_stroke for pid in whole)
        # combined with other conditions and with a saved group, as every rule is
        health = next(v.id for v in lookups.list_values(session, "sector") if v.name == "医药卫生")
        in_health = people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE, sector_id=health))
        assert in_health and set(in_health) < set(whole)
        assert all(health in rows[pid].sector_ids for pid in in_health)
        group = save_group(session, "试用名单", [whole[0], standing_only[0], next(iter(set(rows) - set(whole)))])
        assert set(people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE), group_id=group)) == {
            whole[0], standing_only[0]}
        invited = invite_people(session, new_meeting(session), whole)
        assert invited.added == 47


def test_standing_committee_rule_counts_current_district_roles_only(demo_database):
    with demo_database.session() as session:
        whole = set(people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE)))
        # a 市政协常委 who is only a 委员 of this committee is not on its 常委会
        city = session.exec(select(Membership).where(Membership.level == "市")).first()
        assert city.person_id not in whole
        city.role = "常委"
        # a vice-chair whose term has ended is not either
        vice = session.exec(select(Membership).where(Membership.role == "副主席")).first()
        vice.active = False
        session.add_all([city, vice])
        session.flush()
        now_whole = set(people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE)))
        assert now_whole == whole - {vice.person_id}


def test_search_people_by_kind_and_guest_category(demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
        experts = next(v for v in lookups.list_values(session, "guest_category") if v.name == "专家学者")
        found = search_people(session, "", kind=GUESTS, guest_category_id=experts.id, limit=1000)
        assert found.complete and {h.id for h in found.hits} == {r.id for r in rows if r.guest_category == "专家学者"}
        assert found.total and all(h.guest_category == "专家学者" for h in found.hits)
        guests = search_people(session, "", kind=GUESTS, limit=1000)
        assert {h.id for h in guests.hits} == {r.id for r in rows if r.guest_category_id is not None}
        members = search_people(session, "", kind=MEMBERS, limit=1000)
        assert {h.id for h in members.hits} == {r.id for r in rows if r.is_member}
        assert len(guests.hits) + len(members.hits) >= len(rows) - 1 and found.total < guests.total


def test_chase_list_follows_replies(demo_database):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE)))
        staff = [r.id for r in load_people(session) if r.guest_category == "工作人员"][:2]
        invite_people(session, meeting, staff, AttendanceRole.STAFF)
        rows = list_invitees(session, meeting)
        assert len(rows) == 49 and len(awaiting_reply(rows)) == 47  # staff are not chased
        assert awaiting_summary(rows) == "未回执 47 人（待通知 47）"
        first, second, third, fourth = [r.attendance_id for r in rows if r.role != AttendanceRole.STAFF][:4]
        record_reply(session, first, InviteStatus.CONFIRMED)
        record_reply(session, second, InviteStatus.LEAVE, leave_reason="因公出差")
        record_reply(session, third, InviteStatus.NO_REPLY)
        check_in(session, fourth)  # came without replying: not to be phoned any more
        rows = list_invitees(session, meeting)
        waiting = awaiting_reply(rows)
        assert {first, second, fourth}.isdisjoint(r.attendance_id for r in waiting)
        assert third in [r.attendance_id for r in waiting] and len(waiting) == 44
        assert awaiting_summary(rows) == "未回执 44 人（待通知 43、未回复 1）"
        assert [r.attendance_id for r in waiting] == [r.attendance_id for r in rows if r in waiting]  # list order


def test_phones_give_both_numbers():
    assert phones(person(1, "张伟", mobile="13800000001", office_phone="0571-86012345")) == \
        "13800000001 0571-86012345"
    assert phones(person(1, "张伟", office_phone="0571-86012345")) == "0571-86012345"
    assert phones(person(1, "张伟")) == ""


def test_chase_sheet_lists_only_those_awaiting(qapp, tmp_path):
    people = sheet_input(60).invitees
    statuses = [InviteStatus.CONFIRMED, InviteStatus.NOTIFIED, InviteStatus.LEAVE, InviteStatus.NO_REPLY,
                InviteStatus.PENDING]
    people = [p.__class__(**{**p.__dict__, "invite_status": statuses[i % 5], "mobile": f"139{i:08d}"})
              for i, p in enumerate(people)]
    waiting = awaiting_reply(people)
    assert 20 < len(waiting) < 40 and all(p.role != AttendanceRole.STAFF for p in waiting)
    count, pages = render_pages(SheetKind.CHASE, sheet_input(people=people), tmp_path, "催报名单.pdf")
    text = squeeze("".join(pages))
    assert "催报名单" in squeeze(pages[0]) and f"未回执{len(waiting)}人" in text
    assert all(p.name in text and p.mobile in text for p in waiting)
    assert not any(p.name in text for p in people if p not in waiting)
    assert all("序号" in squeeze(page) and "催报情况" in squeeze(page) for page in pages)  # header on every page
    assert count == len(pages) >= 1
    everyone_replied = [p.__class__(**{**p.__dict__, "invite_status": InviteStatus.CONFIRMED}) for p in people]
    _count, pages = render_pages(SheetKind.CHASE, sheet_input(people=everyone_replied), tmp_path, "done.pdf")
    assert "全部人员均已回执" in squeeze(pages[0])


def test_chase_workbook_lists_those_awaiting_and_imports_back(demo_database, tmp_path):
    with demo_database.session() as session:
        meeting = new_meeting(session)
        invite_people(session, meeting, people_by_rule(session, PeopleFilter(role=STANDING_COMMITTEE)))
        rows = list_invitees(session, meeting)
        for row in rows[:7]:
            record_reply(session, row.attendance_id, InviteStatus.CONFIRMED)
        rows = list_invitees(session, meeting)
        path = export_chase_list(get_meeting(session, meeting), rows, tmp_path / "催报名单.xlsx")
    sheet = openpyxl.load_workbook(path).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0].endswith("催报名单") and "应邀 47 人，未回执 40 人" in values[1][0]
    header = values[2]
    people = [dict(zip(header, r, strict=True)) for r in values[3:]]
    assert len(people) == 40 and {p["回复状态"] for p in people} == {"待通知"}
    assert {p[ATTENDANCE_ID_HEADER] for p in people} == {r.attendance_id for r in rows[7:]}
    by_id = {r.attendance_id: r for r in rows}
    assert all(p["联系电话"] == (by_id[p[ATTENDANCE_ID_HEADER]].mobile or by_id[p[ATTENDANCE_ID_HEADER]].office_phone
                                 or None) for p in people)
    # phoned and filled in, it imports back like the 回执登记表
    status_column = header.index("回复状态") + 1
    sheet.cell(row=4, column=status_column, value="已确认")
    sheet.parent.save(path)
    with demo_database.session() as session:
        preview = analyse_reply_import(session, meeting, path)
        apply_reply_import(session, preview)
        after = list_invitees(session, meeting)
    assert len(awaiting_reply(after)) == 39
