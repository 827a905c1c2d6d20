"""Fixtures: every test gets its own database file under tmp_path; Qt runs offscreen."""

import os
import shutil
from pathlib import Path

# Offscreen, on a 1600×1000 virtual screen (an office PC), instead of Qt's default 800×600.
_SCREENS = Path(__file__).with_name("offscreen_screens.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREENS}"

import pytest  # noqa: E402 - the platform must be chosen before Qt is imported

from models.demo import ensure_demo_database  # noqa: E402
from models.migrate import open_database  # noqa: E402
from models.paths import sqlite_url  # noqa: E402


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
