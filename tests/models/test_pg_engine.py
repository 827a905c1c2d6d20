"""PostgreSQL connection settings and errors, against a real server (CONSULTDESK_TEST_POSTGRES_URL): a blocked
writer gives up after the lock timeout, and lock timeouts, deadlocks, serialization failures and statement
timeouts reach the user as Chinese DatabaseBusyError messages; sequences after rows copied with explicit ids."""

import threading

import pytest
from sqlalchemy import text
from sqlmodel import select

import models.db as db_module
from models.db import LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS, Database, make_engine, reset_sequences
from models.errors import DatabaseBusyError
from models.migrate import open_database
from models.services.lookups import rename_value
from models.tables import Sector
from tests.postgres import fresh_database

WAIT_S = 60  # generous: the machine is shared


@pytest.fixture
def pg_url():
    with fresh_database() as url:
        yield url


@pytest.fixture
def pg_database(pg_url):
    db = open_database(pg_url).database
    yield db
    db.dispose()


def _sector(db: Database, name: str = "经济") -> Sector:
    with db.session() as session:
        return session.exec(select(Sector).where(Sector.name == name)).one()


def test_connections_get_a_lock_timeout_and_a_statement_timeout(pg_database):
    with pg_database.session() as session:
        lock = session.exec(text("SELECT setting FROM pg_settings WHERE name = 'lock_timeout'")).one()[0]
        statement = session.exec(text("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")).one()[0]
    assert int(lock) == LOCK_TIMEOUT_MS  # milliseconds
    assert int(statement) == STATEMENT_TIMEOUT_MS


def test_a_writer_blocked_by_another_connection_gives_up_with_a_chinese_message(pg_url, monkeypatch):
    monkeypatch.setattr(db_module, "LOCK_TIMEOUT_MS", 300)  # read when each connection is made
    db = open_database(pg_url).database
    other = make_engine(pg_url)
    try:
        sector = _sector(db)
        outcome = {}

        def save():
            try:
                with db.session() as session:
                    rename_value(session, "sector", sector.id, "经济界", expected_version=sector.version)
                outcome["saved"] = True
            except DatabaseBusyError as exc:
                outcome["busy"] = exc

        with other.connect() as holder:  # another PC saving the same row, not committed yet
            holder.execute(text("UPDATE sector SET sort_order = 90 WHERE id = :id"), {"id": sector.id})
            blocked = threading.Thread(target=save)
            blocked.start()
            blocked.join(WAIT_S)  # without a lock timeout it would wait until the holder lets go
            gave_up = not blocked.is_alive()
            holder.rollback()
            blocked.join(WAIT_S)
        assert gave_up, "the blocked save waited for the other connection instead of timing out"
        assert "busy" in outcome, outcome
        message = outcome["busy"].message
        assert "另一位同事" in message and "未保存" in message and "再试" in message
        assert _sector(db).name == "经济"  # nothing saved
        with db.session() as session:  # and the next save works
            rename_value(session, "sector", sector.id, "经济界", expected_version=sector.version)
        assert _sector(db, "经济界").version == sector.version + 1
    finally:
        other.dispose()
        db.dispose()


def test_a_statement_timeout_says_what_happened(pg_url, monkeypatch):
    monkeypatch.setattr(db_module, "STATEMENT_TIMEOUT_MS", 200)
    db = open_database(pg_url).database
    try:
        with pytest.raises(DatabaseBusyError) as caught, db.session() as session:
            session.exec(text("SELECT pg_sleep(30)"))
        assert "仍未完成" in caught.value.message and "未保存" in caught.value.message
    finally:
        db.dispose()


def test_a_serialization_failure_says_to_try_again(pg_database, pg_url):
    sector = _sector(pg_database)
    other = make_engine(pg_url)
    try:
        with pytest.raises(DatabaseBusyError) as caught, pg_database.session() as session:
            session.exec(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            session.exec(text("SELECT sort_order FROM sector WHERE id = :id").bindparams(id=sector.id)).all()
            with other.begin() as quick:  # a colleague changes the row meanwhile and commits
                quick.execute(text("UPDATE sector SET sort_order = 91 WHERE id = :id"), {"id": sector.id})
            session.exec(text("UPDATE sector SET sort_order = 92 WHERE id = :id").bindparams(id=sector.id))
        assert "同时修改了相同的数据" in caught.value.message and "再试" in caught.value.message
    finally:
        other.dispose()


def _wait_until_waiting(engine, pid: int) -> None:
    """Until the backend `pid` waits for a lock (checked from a third connection)."""
    import time

    deadline = time.monotonic() + WAIT_S
    with engine.connect() as watcher:
        while time.monotonic() < deadline:
            state = watcher.execute(text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"),
                                    {"pid": pid}).scalar()
            if state == "Lock":
                return
            watcher.rollback()
            time.sleep(0.05)
    raise AssertionError("the other connection never waited for the lock")


def test_a_deadlock_says_to_try_again(pg_database, pg_url):
    first, second = _sector(pg_database, "经济"), _sector(pg_database, "教育")
    other = make_engine(pg_url)
    holder = other.connect()
    try:
        # The other connection never runs the deadlock check itself, so the app's session is the one cancelled.
        holder.execute(text("SET deadlock_timeout = '60s'"))
        holder.execute(text("UPDATE sector SET sort_order = 93 WHERE id = :id"), {"id": first.id})
        holder_pid = holder.execute(text("SELECT pg_backend_pid()")).scalar()
        outcome = {}

        def colleague():  # wants the row the app holds
            try:
                holder.execute(text("UPDATE sector SET sort_order = 93 WHERE id = :id"), {"id": second.id})
                outcome["done"] = True
            except Exception as exc:  # pragma: no cover - only if the server picked this side
                outcome["error"] = exc

        thread = threading.Thread(target=colleague)
        with pytest.raises(DatabaseBusyError) as caught, pg_database.session() as session:
            session.exec(text("UPDATE sector SET sort_order = 91 WHERE id = :id").bindparams(id=second.id))
            thread.start()
            _wait_until_waiting(other, holder_pid)
            session.exec(text("UPDATE sector SET sort_order = 91 WHERE id = :id").bindparams(id=first.id))
        thread.join(WAIT_S)
        holder.rollback()
        assert outcome == {"done": True}
        assert "互相等待" in caught.value.message and "再试" in caught.value.message
    finally:
        holder.close()
        other.dispose()


def test_sequences_follow_rows_copied_with_explicit_ids(pg_url):
    engine = make_engine(pg_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE copied (id SERIAL PRIMARY KEY, name TEXT)"))
            connection.execute(text("CREATE TABLE untouched (id SERIAL PRIMARY KEY, name TEXT)"))
            connection.execute(text("INSERT INTO copied (id, name) VALUES (1, '甲'), (7, '乙')"))
        with engine.begin() as connection:
            tables = reset_sequences(connection)
        assert {"copied", "untouched"} <= set(tables)
        with engine.begin() as connection:
            new_id = connection.execute(text("INSERT INTO copied (name) VALUES ('丙') RETURNING id")).scalar()
            first_id = connection.execute(text("INSERT INTO untouched (name) VALUES ('丁') RETURNING id")).scalar()
        assert new_id == 8
        assert first_id == 1  # an empty table starts at 1, not 2
    finally:
        engine.dispose()


def test_sequences_of_the_app_tables_after_a_copy(pg_database):
    """Rows inserted with explicit ids (as a transfer tool does), then the app adds one the ordinary way."""
    with pg_database.engine.begin() as connection:
        top = connection.execute(text("SELECT MAX(id) FROM sector")).scalar()
        connection.execute(text("INSERT INTO sector (id, created_at, updated_at, version, name, sort_order, active)"
                                " VALUES (:id, now(), now(), 1, '复制来的界别', 99, TRUE)"), {"id": top + 50})
        reset_sequences(connection)
    with pg_database.session() as session:
        session.add(Sector(name="新界别", sort_order=100))
        session.flush()
        new_id = session.exec(select(Sector.id).where(Sector.name == "新界别")).one()
    assert new_id == top + 51


@pytest.mark.sqlite_only
def test_sequences_are_left_alone_on_sqlite(database):
    with database.engine.begin() as connection:
        assert reset_sequences(connection) == []
