"""Fixtures: every test gets its own database file under tmp_path; Qt runs offscreen."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from models.demo import ensure_demo_database
from models.migrate import open_database
from models.paths import sqlite_url


@pytest.fixture
def database(tmp_path):
    """A new, migrated and seeded database of this test's own."""
    db = open_database(sqlite_url(tmp_path / "test.sqlite")).database
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo database, built once per test run; tests get copies (see demo_database)."""
    return ensure_demo_database(tmp_path_factory.mktemp("demo") / "consultdesk-demo.sqlite")


@pytest.fixture
def demo_file(tmp_path, demo_template):
    target = tmp_path / "data" / "consultdesk-demo.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo_database(demo_file):
    db = open_database(sqlite_url(demo_file)).database
    yield db
    db.dispose()
