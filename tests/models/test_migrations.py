"""Alembic: new databases at head, older ones backed up and upgraded with every row kept,
newer or foreign ones refused and left byte-identical, and the tables agree with the migrations.
On SQLite and PostgreSQL alike (`empty_database_url`), except what is about a .sqlite file."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models.db import make_engine, sqlite_path
from models.errors import DatabaseFileError
from models.migrate import first_revision, head_revision, known_revisions, open_database, upgrade
from models.paths import sqlite_url
from models.tables import metadata
from tests.sql import run_statements


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(where) -> str:
    """The schema revision of a database, given its URL or (SQLite) its file."""
    engine = make_engine(where if isinstance(where, str) else sqlite_url(where))
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    finally:
        engine.dispose()


def execute(url: str, statements) -> None:
    run_statements(make_engine(url), statements)


def test_there_is_history_to_upgrade_through():
    assert len(known_revisions()) >= 2
    assert first_revision() != head_revision()


def test_new_database_is_created_at_head(empty_database_url):
    result = open_database(empty_database_url)
    result.database.dispose()
    assert result.created and result.backup_path is None
    assert revision_of(empty_database_url) == head_revision()


def test_tables_and_migrations_agree(empty_database_url):
    """Autogenerate against a database built by the migrations finds nothing to change."""
    url = empty_database_url
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


FIRST_REVISION_ROWS = {
    # table: INSERT statements valid against the first revision's schema, on SQLite and PostgreSQL alike
    # (booleans as TRUE/FALSE; test_pg_migrations.py runs them on a server)
    "party": ["INSERT INTO party (id, created_at, updated_at, version, name, sort_order, active) "
              "VALUES (1, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, '民盟', 1, TRUE)"],
    "sector": ["INSERT INTO sector (id, created_at, updated_at, version, name, sort_order, active) "
               "VALUES (1, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, '教育', 1, TRUE)"],
    "meeting_format": ["INSERT INTO meeting_format (id, created_at, updated_at, version, name, sort_order, active, "
                       "code) VALUES (1, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, '双月协商会', 1, TRUE, "
                       "'bimonthly')"],
    "person": [f"INSERT INTO person (id, created_at, updated_at, version, name, party_id, employer_title, active) "
               f"VALUES ({i}, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, '委员{i}', 1, '区实验小学教师', TRUE)"
               for i in range(1, 51)],
    "membership": [f"INSERT INTO membership (id, created_at, updated_at, version, person_id, level, term, sector_id, "
                   f"role, active) VALUES ({i}, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, {i}, '区', "
                   f"'第十六届', 1, '委员', TRUE)" for i in range(1, 51)],
    "meeting": ["INSERT INTO meeting (id, created_at, updated_at, version, format_id, title, starts_at, status) "
                "VALUES (1, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, 1, '双月协商会', "
                "'2023-05-18 14:00:00', '已召开')"],
    "attendance": [f"INSERT INTO attendance (id, created_at, updated_at, version, meeting_id, person_id, role, "
                   f"invite_status, walk_in) VALUES ({i}, '2023-01-01 09:00:00', '2023-01-01 09:00:00', 1, 1, {i}, "
                   f"'出席', '已确认', FALSE)" for i in range(1, 31)],
    "recommendation": [f"INSERT INTO recommendation (id, created_at, updated_at, version, year, source_kind, "
                       f"meeting_id, position, title, content, status) VALUES ({i}, '2023-01-01 09:00:00', "
                       f"'2023-01-01 09:00:00', 1, 2023, '会议', 1, {i}, '建议{i}', '内容{i}', '提出')"
                       for i in range(1, 11)],
}


def make_first_revision_database(url: str) -> dict[str, int]:
    upgrade(url, first_revision())
    execute(url, [statement for statements in FIRST_REVISION_ROWS.values() for statement in statements])
    return counts(url)


def counts(where) -> dict[str, int]:
    engine = make_engine(where if isinstance(where, str) else sqlite_url(where))
    try:
        with engine.connect() as connection:
            return {table: connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()
                    for table in FIRST_REVISION_ROWS}
    finally:
        engine.dispose()


def test_upgrade_from_first_revision_keeps_every_row(empty_database_url):
    url = empty_database_url
    before = make_first_revision_database(url)
    assert revision_of(url) == first_revision()

    result = open_database(url)
    result.database.dispose()

    assert result.upgraded_from == first_revision()
    assert revision_of(url) == head_revision()
    assert counts(url) == before


@pytest.mark.sqlite_only  # the backup of a .sqlite file, and SQLite's own checks
def test_upgrade_from_first_revision_backs_up_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite"
    before = make_first_revision_database(sqlite_url(path))
    assert revision_of(path) == first_revision()

    result = open_database(sqlite_url(path))
    result.database.dispose()

    assert result.upgraded_from == first_revision()
    assert revision_of(path) == head_revision()
    assert counts(path) == before
    # the backup sits next to the database, holds the old revision and the same rows
    assert result.backup_path is not None and result.backup_path.parent == tmp_path
    assert result.backup_path.name.startswith("old.before-upgrade-")
    assert revision_of(result.backup_path) == first_revision()
    assert counts(result.backup_path) == before
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.sqlite_only
def test_opening_at_head_makes_no_backup(tmp_path):
    path = tmp_path / "current.sqlite"
    open_database(sqlite_url(path)).database.dispose()
    result = open_database(sqlite_url(path))
    result.database.dispose()
    assert result.backup_path is None and not result.created
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite") == ["current.sqlite"]


def test_newer_schema_is_refused_and_left_untouched(empty_database_url, tmp_path):
    url = empty_database_url
    open_database(url).database.dispose()
    execute(url, ["UPDATE alembic_version SET version_num = '9999_from_the_future'"])
    path = sqlite_path(url)
    before = digest(path) if path else counts(url)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(url)
    assert caught.value.kind == DatabaseFileError.TOO_NEW
    assert "更新版本" in caught.value.message
    assert revision_of(url) == "9999_from_the_future"
    if path:
        assert str(path) in caught.value.message
        assert digest(path) == before
        assert not list(tmp_path.glob("*.before-upgrade-*"))
    else:
        assert counts(url) == before


@pytest.mark.sqlite_only
def test_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "someone_elses.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        connection.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == DatabaseFileError.FOREIGN
    assert "不是协商会务台的数据库" in caught.value.message
    assert digest(path) == before


def test_the_declared_head_is_alembics_head():
    """Opening a current database skips Alembic on the strength of this constant: it must be right."""
    from models.migrations.head import HEAD

    assert head_revision() == HEAD


def test_opening_a_current_database_does_not_import_alembic(empty_database_url):
    import subprocess
    import sys

    open_database(empty_database_url).database.dispose()
    code = ("import sys; from models.migrate import open_database; "
            f"open_database({empty_database_url!r}).database.dispose(); "
            "print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_planned_topics_still_before_the_plan_move_to_it_at_the_upgrade(empty_database_url):
    """0004: a database from before planning moved topics (the pool read 列入计划 "是" beside 征集) comes out
    with every planned topic at 列入计划, its history saying so; unplanned and later topics are untouched."""
    url = empty_database_url
    upgrade(url, "0003")
    stamp = "'2024-01-05 09:00:00'"
    execute(url, [
        f"INSERT INTO meeting_format (id, created_at, updated_at, version, name, sort_order, "
        f"active, code) VALUES (1, {stamp}, {stamp}, 1, '双月协商会', 1, TRUE, 'bimonthly')",
        *(f"INSERT INTO topic (id, created_at, updated_at, version, title, year, source, "
          f"status) VALUES ({topic_id}, {stamp}, {stamp}, 1, '议题{topic_id}', 2024, '委员荐题', '{status}')"
          for topic_id, status in ((1, "征集"), (2, "区委审定"), (3, "征集"), (4, "已协商"))),
        *(f"INSERT INTO plan_item (id, created_at, updated_at, version, year, topic_id, format_id, position) "
          f"VALUES ({item_id}, {stamp}, {stamp}, 1, 2024, {topic_id}, 1, {item_id})"
          for item_id, topic_id in ((1, 1), (2, 2), (3, 4))),  # topic 3 is not in the plan
    ])
    open_database(url).database.dispose()
    engine = make_engine(url)
    with engine.connect() as connection:
        statuses = dict(connection.exec_driver_sql("SELECT id, status FROM topic ORDER BY id").all())
        history = [tuple(row) for row in connection.exec_driver_sql(
            "SELECT topic_id, from_status, to_status, note FROM topic_status_change ORDER BY topic_id")]
    engine.dispose()
    assert statuses == {1: "列入计划", 2: "列入计划", 3: "征集", 4: "已协商"}
    assert history == [
        (1, "征集", "列入计划", "列入2024年度协商计划（升级时按计划补记；未经初筛、主席会议通过、区委审定）"),
        (2, "区委审定", "列入计划", "列入2024年度协商计划（升级时按计划补记）"),
    ]
