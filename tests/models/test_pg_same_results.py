"""The same services give the same results on SQLite and on PostgreSQL (CONSULTDESK_TEST_POSTGRES_URL), the
server's databases in the C collation and in ICU zh-Hans: Chinese names in one order, numbers too large for
PostgreSQL's INTEGER refused in Chinese, audit entries in one order, case-blind search, bulk imports."""

import json
import uuid
from contextlib import contextmanager
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import select

from models.errors import ValidationError
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.bulletins import BulletinData, save_bulletin
from models.services.counts import Scope, bulletins_by_kind, figures_by_format
from models.services.invitees import invite, list_groups, save_group, update_invitee
from models.services.meetings import create_meeting
from models.services.people import PersonData, create_organization, create_person, organization_choices
from models.services.people_bulk import save_people
from models.services.people_search import search_people
from models.services.plans import PlanItemData, save_plan_item
from models.services.recommendations import add_recommendation
from models.tables import AuditEntry, Person, Sector
from tests.postgres import fresh_database, require_server

ENGINES = ["sqlite", "postgresql", "postgresql-icu"]


@contextmanager
def icu_database():
    """A database whose default collation is ICU zh-Hans (pinyin order), as an office server may be set up."""
    url = require_server()
    name = f"cd_icu_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                                       "LOCALE_PROVIDER icu ICU_LOCALE 'zh-Hans' LOCALE 'C.UTF-8'")
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="module")
def server_templates():
    """One migrated, seeded database per collation; each test gets a copy (much faster than migrating)."""
    require_server()
    with fresh_database() as plain, icu_database() as icu:
        for url in (plain, icu):
            open_database(url).database.dispose()
        yield {"postgresql": make_url(plain).database, "postgresql-icu": make_url(icu).database}


@pytest.fixture(params=ENGINES)
def db(request, tmp_path):
    if request.param == "sqlite":
        where = _just(sqlite_url(tmp_path / "test.sqlite"))
    else:
        where = fresh_database(template=request.getfixturevalue("server_templates")[request.param])
    with where as url:
        database = open_database(url).database
        try:
            yield database
        finally:
            database.dispose()


@contextmanager
def _just(url):
    yield url


def call(db, service, *args, **kwargs):
    with db.session() as session:
        return service(session, *args, **kwargs)


STROKE_ORDER = ["乙组", "丙组", "甲组"]  # 乙 1 stroke; 丙 横… before 甲 竖… (5 strokes each)


def test_saved_groups_come_in_stroke_order_whatever_the_collation(db):
    for name in ("甲组", "丙组", "乙组"):
        call(db, save_group, name, [])
    assert [name for _id, name, _count in call(db, list_groups)] == STROKE_ORDER


def test_units_come_in_stroke_order_whatever_the_collation(db):
    for name in ("甲组", "丙组", "乙组"):
        call(db, create_organization, name)
    names = [name for _id, name in call(db, organization_choices)]
    assert [n for n in names if n in STROKE_ORDER] == STROKE_ORDER


def test_bulletin_kinds_with_as_many_issues_come_in_stroke_order(db):
    for number, kind in enumerate(("甲组", "丙组", "乙组"), start=1):
        call(db, save_bulletin, BulletinData(year=2023, issue_no=number, title=f"专报{number}", kind=kind))
    scope = Scope(year=2023)
    assert list(call(db, bulletins_by_kind, scope)) == STROKE_ORDER
    figures, _by_format = call(db, figures_by_format, scope)
    assert list(figures.bulletins_by_kind) == STROKE_ORDER


TOO_BIG = 2**31  # one past PostgreSQL's INTEGER


def test_numbers_too_large_for_an_integer_column_are_refused_in_chinese(db):
    for data, field in ((BulletinData(year=2023, issue_no=TOO_BIG, title="专报"), "issue_no"),
                        (BulletinData(year=TOO_BIG, issue_no=1, title="专报"), "year")):
        with pytest.raises(ValidationError) as caught:
            call(db, save_bulletin, data)
        assert caught.value.field == field and "之间的整数" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        call(db, add_recommendation, title="建议", content="内容", year=TOO_BIG, source_kind="社情民意")
    assert caught.value.field == "year"
    with pytest.raises(ValidationError) as caught:
        call(db, save_plan_item, PlanItemData(year=TOO_BIG, format_id=1))
    assert "计划年度" in caught.value.message

    meeting_id = call(db, create_meeting, format_id=1, title="双月协商会", starts_at=datetime(2023, 5, 18, 14))
    person_id = call(db, create_person, PersonData(name="王芳"))
    with pytest.raises(ValidationError):
        call(db, invite, meeting_id, person_id, speech_order=TOO_BIG)
    attendance_id = call(db, invite, meeting_id, person_id)
    with pytest.raises(ValidationError) as caught:
        call(db, update_invitee, attendance_id, role="出席", speech_order=TOO_BIG)
    assert caught.value.field == "speech_order"
    # the largest accepted numbers are stored
    saved = call(db, save_bulletin, BulletinData(year=2999, issue_no=9999, title="专报"))
    assert saved > 0


def test_audit_entries_of_one_flush_come_in_table_and_id_order(db):
    with db.session() as session:
        sectors = session.exec(select(Sector).order_by(Sector.id)).all()
        for index, sector in enumerate(reversed(sectors)):  # touched in the opposite order
            sector.sort_order = 100 + index
        session.add(Person(name="新委员"))
    with db.session() as session:
        entries = session.exec(select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.action, AuditEntry.changes)
                               .where(AuditEntry.action.in_(["修改", "新增"]),
                                      AuditEntry.entity.in_(["sector", "person"]))
                               .order_by(AuditEntry.id.desc()).limit(len(sectors) + 1)).all()
    entries = list(reversed(entries))
    assert entries[0][:3] == ("person", entries[0][1], "新增")
    changed = entries[1:]
    assert [entity_id for _entity, entity_id, _action, _changes in changed] == [s.id for s in sectors]
    first = json.loads(changed[0][3])
    assert first == {"sort_order": [1, 100 + len(sectors) - 1]}


def test_search_ignores_the_case_of_latin_letters(db):
    call(db, create_person, PersonData(name="Mary Smith", employer_title="IBM 中国研究院"))
    for typed in ("mary", "SMITH", "ibm"):
        hits = call(db, search_people, typed).hits
        assert [hit.name for hit in hits] == ["Mary Smith"], typed


def test_a_bulk_import_then_an_ordinary_save_get_their_own_ids(db):
    ids = call(db, save_people, [(PersonData(name=f"委员{i}"), None) for i in range(5)])
    assert len(set(ids)) == 5
    later = call(db, create_person, PersonData(name="后来的委员"))  # the ORM's own id: no collision
    assert later not in ids
    with db.session() as session:
        assert session.exec(text("SELECT COUNT(*) FROM person")).one()[0] == 6
        names = session.exec(select(Person.name).where(Person.id.in_(ids)).order_by(Person.id)).all()
    assert names == [f"委员{i}" for i in range(5)]


def test_dates_come_back_as_dates(db):
    saved = call(db, save_bulletin, BulletinData(year=2023, issue_no=1, title="专报", issued_on=date(2023, 5, 18)))
    with db.session() as session:
        from models.tables import Bulletin

        assert session.get(Bulletin, saved).issued_on == date(2023, 5, 18)


def test_an_attachment_too_large_for_the_size_column_is_refused(tmp_path):
    from models.services.research import copy_attachment

    huge = tmp_path / "现场录像.mp4"
    with open(huge, "wb") as handle:
        handle.truncate(TOO_BIG)  # sparse: no disk used
    with pytest.raises(ValidationError) as caught:
        copy_attachment(huge, tmp_path / "attachments")
    assert "超过 2 GB" in caught.value.message
    assert not (tmp_path / "attachments").exists() or not any((tmp_path / "attachments").iterdir())


def test_undated_instructions_come_first_as_on_sqlite(db):
    from models.services.bulletins import InstructionData, save_instruction
    from models.services.recommendation_queries import instructions_for

    rec_id = call(db, add_recommendation, title="建议", content="内容", year=2023, source_kind="社情民意")
    for leader, on in (("李书记", date(2023, 6, 1)), ("王区长", None), ("张主任", date(2023, 5, 2))):
        call(db, save_instruction, InstructionData(leader_name=leader, instructed_on=on, recommendation_id=rec_id))
    rows = call(db, instructions_for, recommendation_id=rec_id)
    assert [row.leader_name for row in rows] == ["王区长", "张主任", "李书记"]
