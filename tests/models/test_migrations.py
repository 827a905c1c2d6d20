"""Alembic: new databases at head, older ones backed up and upgraded with every row kept,
newer or foreign ones refused and left byte-identical, and the tables agree with the migrations."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models.db import make_engine
from models.errors import DatabaseFileError
from models.migrate import first_revision, head_revision, known_revisions, open_database, upgrade
from models.paths import sqlite_url
from models.tables import metadata


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_of(path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_there_is_history_to_upgrade_through():
    assert len(known_revisions()) >= 2
    assert first_revision() != head_revision()


def test_new_database_is_created_at_head(tmp_path):
    path = tmp_path / "new.sqlite"
    result = open_database(sqlite_url(path))
    result.database.dispose()
    assert result.created and result.backup_path is None
    assert revision_of(path) == head_revision()


def test_tables_and_migrations_agree(tmp_path):
    """Autogenerate against a database built by the migrations finds nothing to change."""
    url = sqlite_url(tmp_path / "head.sqlite")
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


def make_first_revision_database(path) -> dict[str, int]:
    url = sqlite_url(path)
    upgrade(url, first_revision())
    with sqlite3.connect(path) as connection:
        for statements in FIRST_REVISION_ROWS.values():
            for statement in statements:
                connection.execute(statement)
    return counts(path)


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in FIRST_REVISION_ROWS}


def test_upgrade_from_first_revision_backs_up_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite"
    before = make_first_revision_database(path)
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


def test_opening_at_head_makes_no_backup(tmp_path):
    path = tmp_path / "current.sqlite"
    open_database(sqlite_url(path)).database.dispose()
    result = open_database(sqlite_url(path))
    result.database.dispose()
    assert result.backup_path is None and not result.created
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite") == ["current.sqlite"]


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    open_database(sqlite_url(path)).database.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == DatabaseFileError.TOO_NEW
    assert str(path) in caught.value.message and "更新版本" in caught.value.message
    assert digest(path) == before
    assert not list(tmp_path.glob("future.before-upgrade-*"))


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


def test_opening_a_current_database_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "current.sqlite"
    open_database(f"sqlite:///{path}").database.dispose()
    code = ("import sys; from models.migrate import open_database; "
            f"open_database({str('sqlite:///' + str(path))!r}).database.dispose(); "
            "print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_planned_topics_still_before_the_plan_move_to_it_at_the_upgrade(tmp_path):
    """0004: a database from before planning moved topics (the pool read 列入计划 "是" beside 征集) comes out
    with every planned topic at 列入计划, its history saying so; unplanned and later topics are untouched."""
    path = tmp_path / "old.sqlite"
    upgrade(sqlite_url(path), "0003")
    stamp = "'2024-01-05 09:00:00'"
    with sqlite3.connect(path) as connection:
        connection.execute(f"INSERT INTO meeting_format (id, created_at, updated_at, version, name, sort_order, "
                           f"active, code) VALUES (1, {stamp}, {stamp}, 1, '双月协商会', 1, 1, 'bimonthly')")
        for topic_id, status in ((1, "征集"), (2, "区委审定"), (3, "征集"), (4, "已协商")):
            connection.execute(f"INSERT INTO topic (id, created_at, updated_at, version, title, year, source, "
                               f"status) VALUES ({topic_id}, {stamp}, {stamp}, 1, '议题{topic_id}', 2024, "
                               f"'委员荐题', '{status}')")
        for item_id, topic_id in ((1, 1), (2, 2), (3, 4)):  # topic 3 is not in the plan
            connection.execute(f"INSERT INTO plan_item (id, created_at, updated_at, version, year, topic_id, "
                               f"format_id, position) VALUES ({item_id}, {stamp}, {stamp}, 1, 2024, {topic_id}, 1, "
                               f"{item_id})")
    open_database(sqlite_url(path)).database.dispose()
    with sqlite3.connect(path) as connection:
        statuses = dict(connection.execute("SELECT id, status FROM topic ORDER BY id").fetchall())
        history = connection.execute("SELECT topic_id, from_status, to_status, note FROM topic_status_change "
                                     "ORDER BY topic_id").fetchall()
    assert statuses == {1: "列入计划", 2: "列入计划", 3: "征集", 4: "已协商"}
    assert history == [
        (1, "征集", "列入计划", "列入2024年度协商计划（升级时按计划补记；未经初筛、主席会议通过、区委审定）"),
        (2, "区委审定", "列入计划", "列入2024年度协商计划（升级时按计划补记）"),
    ]
