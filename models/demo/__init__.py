"""`--demo`: a deterministic, synthetic district built through the same services the screens use.

The demo database is a file of its own in the data directory, built on first use and reused
after.  When the generator changes (DEMO_VERSION), an old demo file is set aside and rebuilt.
Checking that the file is current imports none of the generator (models/demo/build.py).
"""

from collections.abc import Callable
from pathlib import Path

DEMO_VERSION = 7  # 6: a 2022 year, 全体会议 and 常委会议 attendance, the 13 visits are 实地调研; 7: 双月协商会 seated
SEED = 20231118

Progress = Callable[[int, int, str], None]


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


def demo_is_current(database) -> bool:
    from models.services.app_settings import get_setting
    from models.settings import DEMO_VERSION as STORED_DEMO_VERSION

    with database.session() as session:
        return get_setting(session, STORED_DEMO_VERSION) == DEMO_VERSION


def _file_is_current(path: Path) -> bool:
    """Whether the file holds this version's demo (any doubt — an old schema, a damaged file — says no)."""
    from models.db import Database
    from models.paths import sqlite_url

    database = Database(sqlite_url(path))
    try:
        return demo_is_current(database)
    except Exception:  # rebuilt below; a damaged file is set aside, never overwritten
        return False
    finally:
        database.dispose()


def ensure_demo_database(path: Path, progress: Progress = _no_progress) -> Path:
    """Build the demo file at `path` unless a current one is there; returns the path."""
    if path.exists() and _file_is_current(path):
        return path
    from models.demo.build import rebuild

    return rebuild(path, progress)


def build_demo(database, progress: Progress = _no_progress) -> None:
    from models.demo.build import build_demo as build

    build(database, progress)


__all__ = ["DEMO_VERSION", "SEED", "build_demo", "demo_is_current", "ensure_demo_database"]
