"""Alembic on a real PostgreSQL server (CONSULTDESK_TEST_POSTGRES_URL): an empty database is created at head
and seeded exactly as a SQLite file is; one made by the first revision, with data, is dumped with pg_dump and
upgraded with every row kept; without a backup it is not upgraded."""

import json
import subprocess
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from models.audit import DEMO_OPERATOR, SEED_OPERATOR
from models.db import make_engine
from models.errors import DatabaseFileError
from models.migrate import first_revision, head_revision, open_database, upgrade
from models.paths import sqlite_url
from models.server_backup import ENV_BACKED_UP, ENV_PG_DUMP
from models.settings import ENTRY_CODE_SECRET
from models.tables import metadata
from tests.models.test_migrations import FIRST_REVISION_ROWS
from tests.postgres import fresh_database

TIMESTAMPS = {"created_at", "updated_at", "at"}  # when a row was written differs between two runs


@pytest.fixture
def pg_url():
    with fresh_database() as url:
        yield url


def revision(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()
                    for table in FIRST_REVISION_ROWS}
    finally:
        engine.dispose()


def every_row(url: str) -> dict[str, list[dict]]:
    """Each table's rows in id order (or every column's order for link tables), timestamps left out."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found = {}
            for table in metadata.sorted_tables:
                columns = [c for c in table.columns if c.name not in TIMESTAMPS]
                order = list(table.primary_key.columns) or columns
                found[table.name] = [dict(row._mapping) for row in connection.execute(
                    select(*columns).order_by(*order))]
            return _random_key_masked(found)
    finally:
        engine.dispose()


def _random_key_masked(found: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The 入场码 key is random in every database by design: wherever it appears (its setting, the audit entry
    that made it) it reads the same on both sides."""
    keys = [row["value"].strip('"') for row in found.get("app_setting", []) if row["key"] == ENTRY_CODE_SECRET.key]
    for rows in found.values():
        for row in rows:
            for column, value in row.items():
                if isinstance(value, str):
                    for key in keys:
                        value = value.replace(key, "<入场码密钥>")
                    row[column] = value
    return found


def set_apart_operators(found: dict[str, list[dict]]) -> set:
    """The one difference meant between the engines: who wrote the rows (the login on a server, the system
    user on a file; models/audit.py), also inside the audit entries of the rows that name it (status
    histories). Removed from every row, returned."""
    who = set()
    for rows in found.values():
        for row in rows:
            if "operator" in row:
                who.add(row.pop("operator"))
            changes = row.get("changes")
            if isinstance(changes, str) and '"operator"' in changes:
                fields = json.loads(changes)
                who.add(fields.pop("operator"))
                row["changes"] = json.dumps(fields, ensure_ascii=False)
    return who - {None}


def test_an_empty_server_database_is_created_at_head_and_agrees_with_the_tables(pg_url):
    result = open_database(pg_url)
    result.database.dispose()
    assert result.created and result.backup_path is None
    assert revision(pg_url) == head_revision()
    engine = make_engine(pg_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_the_seed_comes_out_the_same_as_on_sqlite_table_by_table(pg_url, tmp_path):
    sqlite = sqlite_url(tmp_path / "seeded.sqlite")
    for url in (sqlite, pg_url):
        open_database(url).database.dispose()
    on_sqlite, on_server = every_row(sqlite), every_row(pg_url)
    assert sum(map(len, on_sqlite.values())) > 50  # seeded: lookups, criteria, settings, their audit entries
    assert set_apart_operators(on_server) == set_apart_operators(on_sqlite) == {SEED_OPERATOR}  # not the opener
    for table in on_sqlite:
        assert on_server[table] == on_sqlite[table], table


def make_first_revision_database(url: str) -> dict[str, int]:
    upgrade(url, first_revision())
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statements in FIRST_REVISION_ROWS.values():
                for statement in statements:
                    connection.execute(text(statement))
    finally:
        engine.dispose()
    return counts(url)


def test_upgrade_from_the_first_revision_with_data_dumps_then_keeps_every_row(pg_url, tmp_path):
    before = make_first_revision_database(pg_url)
    assert revision(pg_url) == first_revision() != head_revision()
    backups = tmp_path / "backups"

    result = open_database(pg_url, server_backups=backups)
    result.database.dispose()

    assert result.upgraded_from == first_revision()
    assert revision(pg_url) == head_revision()
    assert counts(pg_url) == before
    database = pg_url.rsplit("/", 1)[1]
    assert result.backup_path.parent == backups
    assert result.backup_path.name.startswith(f"{database}.before-upgrade-{first_revision()}-")
    assert result.backup_path.suffix == ".dump"
    assert list(backups.iterdir()) == [result.backup_path]  # no partial copy left
    listing = subprocess.run(["pg_restore", "--list", str(result.backup_path)], capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert "TABLE DATA public person" in listing.stdout
    # the dump holds the old revision: restored into another database it is the database before the upgrade
    with fresh_database() as copy:
        restored = subprocess.run(["pg_restore", "--no-owner", f"--dbname={_libpq(copy)}", str(result.backup_path)],
                                  capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr
        assert revision(copy) == first_revision()
        assert counts(copy) == before


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _failing_pg_dump(tmp_path: Path) -> Path:
    script = tmp_path / "pg_dump"
    script.write_text("#!/bin/sh\necho 'pg_dump: error: server version: 99.0; pg_dump version: 15.0' >&2\n"
                      "exit 1\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_no_upgrade_when_pg_dump_fails(pg_url, tmp_path, monkeypatch):
    before = make_first_revision_database(pg_url)
    monkeypatch.setenv(ENV_PG_DUMP, str(_failing_pg_dump(tmp_path)))
    with pytest.raises(DatabaseFileError) as caught:
        open_database(pg_url, server_backups=tmp_path / "backups")
    assert caught.value.kind == DatabaseFileError.BACKUP_FAILED
    message = caught.value.message
    assert "没有升级" in message and "未被改动" in message and "server version: 99.0" in message
    assert "pg_dump -Fc" in message  # how to do it by hand
    assert revision(pg_url) == first_revision() and counts(pg_url) == before
    assert not any((tmp_path / "backups").glob("*"))  # no half-written dump


def test_without_pg_dump_the_upgrade_waits_for_a_backup_by_hand(pg_url, tmp_path, monkeypatch):
    make_first_revision_database(pg_url)
    monkeypatch.setenv(ENV_PG_DUMP, str(tmp_path / "nowhere" / "pg_dump"))
    with pytest.raises(DatabaseFileError) as caught:
        open_database(pg_url, server_backups=tmp_path / "backups")
    assert "找不到" in caught.value.message and ENV_BACKED_UP in caught.value.message
    assert revision(pg_url) == first_revision()

    monkeypatch.setenv(ENV_BACKED_UP, "1")  # the administrator backed it up by hand
    result = open_database(pg_url, server_backups=tmp_path / "backups")
    result.database.dispose()
    assert result.backup_path is None and revision(pg_url) == head_revision()


def test_the_demo_built_on_a_server_equals_the_demo_file_row_for_row(pg_url, demo_template):
    """The whole demo generator (every service it calls) on PostgreSQL: each table identical to SQLite's,
    row for row, ids, sort keys and audit entries included."""
    from models.demo.build import build_demo

    database = open_database(pg_url).database
    try:
        build_demo(database)
    finally:
        database.dispose()
    on_sqlite, on_server = every_row(sqlite_url(demo_template)), every_row(pg_url)
    assert len(on_sqlite["attendance"]) > 1000
    # the program's own writing on both: the seed and the demo
    assert set_apart_operators(on_server) == set_apart_operators(on_sqlite) == {SEED_OPERATOR, DEMO_OPERATOR}
    for table in on_sqlite:
        assert on_server[table] == on_sqlite[table], table


def test_an_upgrade_blocked_by_another_client_is_undone_and_says_so(pg_url, tmp_path, monkeypatch):
    import models.migrate as migrate

    before = make_first_revision_database(pg_url)
    monkeypatch.setattr(migrate, "MIGRATION_LOCK_TIMEOUT_MS", 300)
    other = make_engine(pg_url)
    try:
        with other.connect() as reader:  # another PC in the middle of reading the people list
            reader.execute(text("SELECT COUNT(*) FROM person")).scalar()
            with pytest.raises(DatabaseFileError) as caught:
                open_database(pg_url, server_backups=tmp_path / "backups")
            reader.rollback()
    finally:
        other.dispose()
    assert caught.value.kind == DatabaseFileError.LOCKED
    assert "其他电脑" in caught.value.message and "未被改动" in caught.value.message
    assert revision(pg_url) == first_revision() and counts(pg_url) == before  # all of it undone
    result = open_database(pg_url, server_backups=tmp_path / "backups")  # once the other PC let go
    result.database.dispose()
    assert revision(pg_url) == head_revision()
