"""The import's bulk write (models/services/people_bulk.py) leaves the database exactly as save_person, row by
row, would: the same people, memberships, versions, sort keys, audit entries and change notice — on rows
with duplicates, new and changed memberships, lookups added, mapped and left empty, and same-name people."""

import json

import openpyxl
import pytest
from sqlmodel import select

from models.changes import Area, change_log
from models.errors import ConflictError, ValidationError
from models.imports.people_import import (
    NEW,
    _check_decisions,
    _resolve_row,
    _resolve_values,
    analyse_people_import,
    apply_people_import,
)
from models.imports.report import ImportReport
from models.services.lookups import list_values
from models.services.people import MembershipData, PersonData, create_person, save_person
from models.services.people_bulk import save_people
from models.tables import AuditEntry, Membership, Person

HEADER = ["姓名", "性别", "出生年月", "党派", "级别", "届次", "界别", "身份", "专委会", "单位职务", "手机"]
ROWS = [
    ["张伟", "男", "1968.5", "中共", None, None, None, None, None, "滨江实业集团董事长", "13900000001"],  # field
    ["李娜", None, "1970.3", None, "区、市", "第十六届", "教育", "常委", None, None, None],  # role + new level
    ["孙红", None, None, "新党派", None, None, "经济", None, None, None, "13800000000"],  # new value, membership
    ["王小明", "男", "1968年5月", "民主促进会", "区", "第十六届", "经济界", None, "经济委", "新华商贸", "13900000003"],
    ["王小明", "男", "1968.05", "中共", None, None, None, None, None, "新华商贸", "13900000003"],  # duplicate
    ["孙红", "女", "197501", "群众", "全国", None, "经济", "委员", None, "区人民医院", "13900000012"],  # same name
    ["欧阳明", "女", "1980.1", "中共", "区、市、全国", "第十六届", "经济界", None, None, None, None],
    ["张伟", None, None, None, None, None, None, None, None, None, "13900000001"],  # same person again: error
]


def _register(database) -> None:
    with database.session() as session:
        sector = {v.name: v.id for v in list_values(session, "sector")}
        party = {v.name: v.id for v in list_values(session, "party")}
        create_person(session, PersonData(
            name="张伟", gender="男", birth_year=1968, birth_month=5, party_id=party["中共"],
            employer_title="滨江实业集团总经理", mobile="13900000001",
            memberships=[MembershipData(level="区", term="第十六届", sector_id=sector["经济"])]))
        create_person(session, PersonData(name="李娜", gender="女", birth_year=1970, birth_month=3,
                                          memberships=[MembershipData(level="区", term="第十六届")]))
        create_person(session, PersonData(name="孙红", birth_year=1960, mobile="13800000000",
                                          party_id=party["民盟"]))


@pytest.fixture
def twins(database_factory):
    """Two identical registers: one imported in bulk, one person by person through save_person."""
    made = [database_factory(name) for name in ("bulk", "rows")]
    for database in made:
        _register(database)
    return made


def _book(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in ROWS:
        wb.active.append(row)
    wb.save(tmp_path / "名单.xlsx")
    return tmp_path / "名单.xlsx"


def _decisions(session) -> dict:
    committees = {v.name: v.id for v in list_values(session, "committee")}
    return {("party", "新党派"): None, ("party", "民主促进会"): NEW, ("sector", "经济界"): NEW,
            ("committee", "经济委"): next(iter(committees.values()))}


def _per_row(session, preview, value_map):
    """The write path as it was: every rule of save_person, one person at a time."""
    _check_decisions(session, preview, value_map)
    ids = _resolve_values(session, preview, value_map, ImportReport("人"))
    for row in preview.rows:
        if row.outcome in ("新增", "更新"):
            save_person(session, _resolve_row(row, ids))


def _state(database):
    skip = {"created_at", "updated_at"}
    with database.session() as session:
        people = [{k: v for k, v in p.model_dump().items() if k not in skip}
                  for p in session.exec(select(Person).order_by(Person.id))]
        memberships = [{k: v for k, v in m.model_dump().items() if k not in skip}
                       for m in session.exec(select(Membership).order_by(Membership.id))]
        audit = sorted((a.entity, a.entity_id, a.action, json.dumps(json.loads(a.changes or "null"), sort_keys=True))
                       for a in session.exec(select(AuditEntry)))
    return people, memberships, audit


def test_bulk_import_and_save_person_agree(tmp_path, twins):
    bulk, rows = twins
    path = _book(tmp_path)
    notices = []
    for database, write in ((bulk, apply_people_import), (rows, _per_row)):
        with database.session() as session:
            value_map = _decisions(session)
            preview = analyse_people_import(session, path, value_map=value_map)
            write(session, preview, value_map)
            notices.append(change_log(session).changes())
    assert [r.outcome for r in preview.rows] == ["更新", "更新", "更新", "新增", "错误", "新增", "新增", "错误"]
    bulk_state, rows_state = _state(bulk), _state(rows)
    assert bulk_state[0] == rows_state[0]  # people: fields, versions, sort keys
    assert bulk_state[1] == rows_state[1]  # memberships
    assert bulk_state[2] == rows_state[2]  # audit entries
    assert all(p["sort_stroke"] and p["sort_pinyin"] for p in bulk_state[0])
    assert notices[0].areas == notices[1].areas and Area.LOOKUPS in notices[0].areas
    for area in (Area.PEOPLE, Area.MEMBERSHIPS):
        assert notices[0].ids_of(area) == notices[1].ids_of(area) and notices[0].ids_of(area)


def test_bulk_save_keeps_save_persons_rules(database):
    _register(database)
    with database.session() as session:
        zhang = session.exec(select(Person).where(Person.name == "张伟")).one()
        stale = PersonData(name="张伟", id=zhang.id, version=zhang.version + 1)
        with pytest.raises(ConflictError) as conflict:
            save_people(session, [(PersonData(name="新人"), None), (stale, PersonData(name="张伟"))])
        assert "张伟" in conflict.value.message
        with pytest.raises(ValidationError):
            save_people(session, [(PersonData(name="新人"), None), (PersonData(name="某", mobile="123"), None)])
        twice = [MembershipData(level="区", term="第十六届"), MembershipData(level="区", term="第十六届")]
        with pytest.raises(ValidationError):
            save_people(session, [(PersonData(name="某", memberships=twice), None)])
        assert session.exec(select(Person).where(Person.name == "新人")).first() is None  # nothing half-written
