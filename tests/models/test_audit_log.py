"""操作日志 read back (models/services/audit_log.py): filters, pages, Chinese labels and values, one record's
history with its dependent rows, deleted records."""

import json
from datetime import date, datetime

from sqlmodel import select

from models.audit import write_entries
from models.services.audit_log import (
    AuditFilter,
    filter_choices,
    list_entries,
    record_history,
    record_title,
)
from models.services.lookups import LOOKUP_KINDS
from models.services.people import MembershipData, PersonData, create_person, get_person, save_person
from models.tables import Person, Sector
from models.vocab import Level
from tests.audit_operators import written_by


def _as(operator, database, work):
    return written_by(operator, database.session, work)


def _sector_id(database, name="经济"):
    with database.session() as session:
        return session.exec(select(Sector).where(Sector.name == name)).one().id


def _entry(at, operator="甲", entity="person", entity_id=1, action="修改", changes=None):
    return {"at": at, "operator": operator, "entity": entity, "entity_id": entity_id, "action": action,
            "changes": json.dumps(changes or {"mobile": ["1", "2"]}, ensure_ascii=False)}


def test_an_edit_reads_in_chinese_with_old_and_new_values(database):
    sector = _sector_id(database)
    person_id = _as("联络室小王", database, lambda s: create_person(s, PersonData(
        name="王芳", mobile="13900000001", memberships=[MembershipData(level=Level.DISTRICT, sector_id=sector)])))

    def edit(session):
        data = get_person(session, person_id)
        data.mobile, data.active = "13900000002", False
        data.memberships[0].start_date = date(2024, 3, 5)
        return save_person(session, data)

    _as("研究室老李", database, edit)
    with database.session() as session:
        page = list_entries(session, AuditFilter(operator="研究室老李"))
    by_kind = {row.kind: row for row in page.rows}
    person, membership = by_kind["人员"], by_kind["职务（委员身份）"]
    assert person.title == "王芳" and person.action == "修改" and person.operator == "研究室老李"
    assert {f.line for f in person.fields} >= {"手机：13900000001 → 13900000002", "在任：是 → 否"}
    assert membership.title == "王芳"
    assert [f.line for f in membership.fields] == ["任职起始：空 → 2024年3月5日"]
    with database.session() as session:
        added = list_entries(session, AuditFilter(operator="联络室小王", entity="membership")).rows
    # a foreign key reads as the linked record's name, not its id
    assert "界别：经济" in [f.line for f in added[0].fields]
    assert added[0].summary.startswith("新建：")


def test_filters_by_operator_kind_record_date_and_text(database):
    with database.session() as session:
        write_entries(session, [
            _entry(datetime(2024, 3, 4, 9), "甲", "person", 1, changes={"mobile": ["1", "2"]}),
            _entry(datetime(2024, 3, 5, 9), "乙", "meeting", 2, changes={"venue": ["一楼", "三楼会议室"]}),
            _entry(datetime(2024, 3, 6, 9), "甲", "meeting", 3, changes={"venue": ["a", "b"]}),
        ])

    def ids(**kw):
        with database.session() as session:
            rows = list_entries(session, AuditFilter(**kw)).rows
        return [(r.entity, r.entity_id) for r in rows if r.at.year == 2024]

    assert ids() == [("meeting", 3), ("meeting", 2), ("person", 1)]  # newest first
    assert ids(operator="甲") == [("meeting", 3), ("person", 1)]
    assert ids(entity="meeting") == [("meeting", 3), ("meeting", 2)]
    assert ids(records={"meeting": frozenset({2})}) == [("meeting", 2)]
    assert ids(date_from=date(2024, 3, 5), date_to=date(2024, 3, 5)) == [("meeting", 2)]
    assert ids(text="三楼") == [("meeting", 2)]
    assert ids(text="100%") == []  # LIKE's wildcards are taken literally
    with database.session() as session:
        choices = filter_choices(session)
    assert {"甲", "乙"} <= set(choices.operators)
    assert ("meeting", "会议") in choices.kinds and ("person", "人员") in choices.kinds


def test_search_finds_a_record_by_its_name_even_where_the_entry_does_not_spell_it(database):
    person_id = _as("甲", database, lambda s: create_person(s, PersonData(name="欧阳明月")))

    def edit(session):
        data = get_person(session, person_id)
        data.mobile = "13911112222"
        save_person(session, data)

    _as("甲", database, edit)
    with database.session() as session:
        rows = list_entries(session, AuditFilter(text="阳明")).rows
    assert [r.action for r in rows] == ["修改", "新增"]


def test_pages_follow_each_other_without_gaps_or_repeats(database):
    same_second = datetime(2023, 1, 1, 8, 0, 0)  # many entries in one second: the id breaks the tie
    with database.session() as session:
        write_entries(session, [_entry(same_second if i % 3 else datetime(2023, 1, 1, 7, i % 60), entity_id=i)
                                for i in range(450)])
    seen, after = [], None
    flt = AuditFilter(date_to=date(2023, 1, 1))
    while True:
        with database.session() as session:
            page = list_entries(session, flt, after=after, limit=200)
        seen += [r.entity_id for r in page.rows]
        if not page.more:
            break
        after = page.last
    assert len(seen) == 450 and set(seen) == set(range(450))
    keys = [(datetime(2023, 1, 1, 8) if i % 3 else datetime(2023, 1, 1, 7, i % 60), i) for i in seen]
    assert keys == sorted(keys, reverse=True)  # newest first, the later id first within a second


def test_history_of_a_person_includes_memberships_even_deleted_ones(database):
    sector = _sector_id(database)
    person_id = _as("甲", database, lambda s: create_person(s, PersonData(
        name="李明", memberships=[MembershipData(level=Level.DISTRICT, sector_id=sector),
                                   MembershipData(level=Level.MUNICIPAL)])))
    other_id = _as("甲", database, lambda s: create_person(s, PersonData(
        name="张华", memberships=[MembershipData(level=Level.DISTRICT)])))

    def drop_municipal(session):
        data = get_person(session, person_id)
        data.memberships = [m for m in data.memberships if m.level != Level.MUNICIPAL]
        save_person(session, data)

    _as("乙", database, drop_municipal)
    with database.session() as session:
        rows = record_history(session, "person", person_id).rows
    kinds = [(r.kind, r.action) for r in rows]
    assert ("职务（委员身份）", "删除") in kinds  # the removed 市 membership, found through its 新增 entry
    assert kinds.count(("职务（委员身份）", "新增")) == 2 and ("人员", "新增") in kinds
    assert all(r.title in ("李明", "（已删除）") for r in rows)
    assert not any(r.entity_id == other_id for r in rows if r.entity == "person")


def test_a_deleted_record_keeps_its_name(database):
    person_id = _as("甲", database, lambda s: create_person(s, PersonData(name="赵敏")))

    def delete(session):
        session.delete(session.get(Person, person_id))

    _as("甲", database, delete)
    with database.session() as session:
        rows = record_history(session, "person", person_id).rows
        title = record_title(session, "person", person_id)
    assert [r.action for r in rows] == ["删除", "新增"]
    assert {r.title for r in rows} == {"赵敏"} and title == "（已删除）"
    assert rows[0].summary == "删除了这条记录"


def test_a_lookup_rename_reads_by_its_label(database):
    kind = next(k for k in LOOKUP_KINDS if k.key == "sector")
    sector = _sector_id(database)

    def rename(session):
        row = session.get(kind.table, sector)
        row.name = "经济界"

    _as("甲", database, rename)
    with database.session() as session:
        row = list_entries(session, AuditFilter(entity="sector")).rows[0]
    assert row.kind == "界别" and row.title == "经济界"
    assert [f.line for f in row.fields] == ["名称：经济 → 经济界"]


def test_history_of_a_meeting_includes_its_agenda_and_invitees_with_their_names(database):
    from models.services import lookups
    from models.services.invitees import check_in, invite_people
    from models.services.meetings import add_agenda_item, create_meeting, delete_agenda_item
    from models.tables import Attendance

    def prepare(session):
        people = [create_person(session, PersonData(name=name)) for name in ("孙立", "周红")]
        bimonthly = next(v.id for v in lookups.list_values(session, "meeting_format") if v.name == "双月协商会")
        meeting = create_meeting(session, format_id=bimonthly, title="社区卫生双月协商会",
                                 starts_at=datetime(2026, 12, 18, 14, 30))
        invite_people(session, meeting, people)
        item = add_agenda_item(session, meeting, "部门通报")
        delete_agenda_item(session, item)
        other = create_meeting(session, format_id=bimonthly, title="另一次会议", starts_at=datetime(2026, 12, 20, 9))
        invite_people(session, other, people[:1])
        return meeting

    meeting = _as("甲", database, prepare)

    def sign_in(session):
        attendance = session.exec(select(Attendance).where(Attendance.meeting_id == meeting)).first()
        check_in(session, attendance.id, datetime(2026, 12, 18, 14, 5))

    _as("乙", database, sign_in)
    with database.session() as session:
        rows = record_history(session, "meeting", meeting).rows
    kinds = {(r.kind, r.action) for r in rows}
    assert {("会议", "新增"), ("议程", "新增"), ("议程", "删除"), ("参会人员", "新增"), ("参会人员", "修改")} <= kinds
    assert not any("另一次会议" in r.title for r in rows)
    signed = next(r for r in rows if r.kind == "参会人员" and r.action == "修改")
    assert signed.title.endswith(" · 社区卫生双月协商会") and signed.operator == "乙"
    assert "签到时间：空 → 2026年12月18日 14:05" in [f.line for f in signed.fields]
    assert next(r for r in rows if r.kind == "议程" and r.action == "删除").title == "部门通报"
