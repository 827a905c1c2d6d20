"""The database fixtures (tests/conftest.py): a test that gets a database runs on each engine its markers allow;
without a server the PostgreSQL runs are left out with one line saying how to enable them; xfail_postgres
excuses the [postgres] run only; every PostgreSQL test gets a new seeded copy, dropped afterwards."""

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from models.migrations.head import HEAD
from tests import postgres

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parent.parent

SAMPLE = '''
import pytest

def test_both(db_engine):
    pass

@pytest.mark.sqlite_only
def test_sqlite(db_engine):
    assert db_engine == "sqlite"

@pytest.mark.postgres_only
def test_postgres(db_engine):
    assert db_engine == "postgres"

@pytest.mark.xfail_postgres(reason="a known bug")
def test_bug(db_engine):
    assert db_engine == "sqlite"

def test_plain():
    pass
'''


def run_sample(pytester, monkeypatch, server: str | None):
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if server:
        monkeypatch.setenv(postgres.ENV, server)
    else:
        monkeypatch.delenv(postgres.ENV, raising=False)
    pytester.makeconftest("from tests.conftest import *  # noqa: F403")
    pytester.makepyfile(test_sample=SAMPLE)
    return pytester.runpytest_subprocess("-v", "-p", "no:cacheprovider",
                                         "-W", "ignore::pytest.PytestUnknownMarkWarning")


def outcomes(result) -> dict[str, str]:
    """test id → PASSED / XFAIL / …, from the -v lines."""
    found = (re.match(r"test_sample\.py::(\S+) ([A-Z]+)", line) for line in result.outlines)
    return {match[1]: match[2] for match in found if match}


def test_without_a_server_only_sqlite_runs_and_the_end_says_how_to_enable(pytester, monkeypatch):
    result = run_sample(pytester, monkeypatch, None)
    result.assert_outcomes(passed=4, deselected=3)
    assert outcomes(result) == {"test_both[sqlite]": "PASSED", "test_sqlite[sqlite]": "PASSED",
                                "test_bug[sqlite]": "PASSED", "test_plain": "PASSED"}
    note = [line for line in result.outlines if line.startswith("PostgreSQL：已跳过（3 个测试未选）")]
    assert note and postgres.ENV in note[0] and ".ci/run" in note[0]


@pytest.mark.postgres_only
def test_with_a_server_each_test_runs_on_the_engines_its_marks_allow(pytester, monkeypatch):
    server = postgres.require_server()
    result = run_sample(pytester, monkeypatch, server)
    result.assert_outcomes(passed=6, xfailed=1)
    assert outcomes(result) == {
        "test_both[sqlite]": "PASSED", "test_both[postgres]": "PASSED", "test_sqlite[sqlite]": "PASSED",
        "test_postgres[postgres]": "PASSED", "test_bug[sqlite]": "PASSED", "test_bug[postgres]": "XFAIL",
        "test_plain": "PASSED"}


def test_each_test_gets_a_new_seeded_database_of_its_own(database, db_engine):
    with database.session() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
        assert session.execute(text("SELECT COUNT(*) FROM party")).scalar_one() > 0  # seeded
        assert session.execute(text("SELECT COUNT(*) FROM person")).scalar_one() == 0  # nobody else's rows
        if db_engine == "postgres":
            name = session.execute(text("SELECT current_database()")).scalar_one()
            assert name.startswith("cd_test_")


@pytest.mark.postgres_only
def test_a_copy_is_dropped_after_its_test(db_engine):
    from tests.conftest import _fill_seeded

    template = postgres.make_template("check", _fill_seeded)
    try:
        with postgres.copy_of(template) as url:
            name = url.rsplit("/", 1)[1]
            assert database_exists(name)
    finally:
        postgres.drop_template(template)  # waits for the copies being made or dropped
    assert not database_exists(name) and not database_exists(template)


def database_exists(name: str) -> bool:
    with postgres._admin(postgres.require_server()).connect() as connection:
        return connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is not None
