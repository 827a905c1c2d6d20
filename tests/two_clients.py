"""Two clients on one database, as two PCs of an office: two Database objects (two engines, two pools of
real connections) on one SQLite file or on one PostgreSQL database (tests/postgres.py; skipped without a
server). Import the fixtures into a test module:

    from tests.two_clients import pg_template_fixture, two_clients_fixture  # noqa: F401 - fixtures
"""

import pytest

from models.migrate import open_database
from models.paths import sqlite_url
from tests.postgres import fresh_database, require_server

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", name="pg_template")
def pg_template_fixture():
    """A migrated, seeded PostgreSQL database, made once per run; each test gets a copy (migrating costs seconds)."""
    from sqlalchemy.engine import make_url

    require_server()
    with fresh_database() as url:
        open_database(url).database.dispose()  # no connection may stay open on a template
        yield make_url(url).database


def open_pair(url: str):
    first = open_database(url).database
    return first, open_database(url).database


@pytest.fixture(params=ENGINES, name="two_clients")
def two_clients_fixture(request, tmp_path):
    """(A, B): two Database objects on one new database of the engine given by the parameter."""
    if request.param == "sqlite":
        pair = open_pair(sqlite_url(tmp_path / "shared.sqlite"))
        yield pair
        for database in pair:
            database.dispose()
        return
    template = request.getfixturevalue("pg_template")
    with fresh_database(template=template) as url:
        pair = open_pair(url)
        yield pair
        for database in pair:
            database.dispose()


def backend_waiting_on_lock(url: str) -> bool:
    """Whether some session of this PostgreSQL database waits for a row lock (another's uncommitted write)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return bool(connection.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %(name)s AND wait_event_type = 'Lock'",
                {"name": name}).scalar_one())
    finally:
        engine.dispose()
