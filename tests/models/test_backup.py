"""立即备份 and 从备份恢复 on SQLite files."""

import fnmatch
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

import models.db
from models.backup import backup_now, check_backup_file, restore_backup
from models.errors import DatabaseFileError
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.people import PersonData, create_person
from models.tables import Person

pytestmark = pytest.mark.sqlite_only  # backups of a .db file (sqlite3 backup API)

ROOT = Path(__file__).resolve().parents[2]


def people(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM person ORDER BY id")]


def test_backup_is_a_consistent_copy_while_the_database_is_open(database, tmp_path):
    with database.session() as session:
        create_person(session, PersonData(name="周婷"))
    copy = backup_now(database.path, tmp_path / "backups")
    assert copy.parent == tmp_path / "backups" and copy.name.startswith("test.backup-")
    assert people(copy) == ["周婷"]
    check_backup_file(copy)


def test_two_backups_in_the_same_second_are_both_kept(database, tmp_path, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr(models.db, "now", lambda: datetime(2026, 12, 1, 9, 30, 0))  # the clock stands still
    with database.session() as session:
        create_person(session, PersonData(name="周婷"))
    first = backup_now(database.path, tmp_path / "backups")
    with database.session() as session:
        create_person(session, PersonData(name="吴刚"))
    second = backup_now(database.path, tmp_path / "backups")
    assert first != second and second.name == "test.backup-20261201-093000-2.sqlite"
    assert people(first) == ["周婷"] and people(second) == ["周婷", "吴刚"]  # the first was not replaced


def office_with_backup(tmp_path) -> tuple[Path, Path]:
    """office.sqlite backed up when it held 周婷, then given 吴刚 too (and closed): the database and backup."""
    path = tmp_path / "office.sqlite"
    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        create_person(session, PersonData(name="周婷"))
    backup = backup_now(path, tmp_path / "backups")
    with db.session() as session:
        create_person(session, PersonData(name="吴刚"))
    db.dispose()
    return path, backup


def test_restore_replaces_the_database_and_keeps_a_safety_copy(tmp_path):
    path, backup = office_with_backup(tmp_path)

    safety = restore_backup(backup, path, tmp_path / "backups")
    assert people(path) == ["周婷"]
    assert people(safety) == ["周婷", "吴刚"]
    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        assert [p.name for p in session.exec(select(Person))] == ["周婷"]
    db.dispose()


def test_restore_refuses_what_is_not_a_backup(tmp_path, database):
    fake = tmp_path / "fake.sqlite"
    fake.write_text("not a database")
    with pytest.raises(DatabaseFileError):
        restore_backup(fake, database.path, tmp_path / "backups")
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with pytest.raises(DatabaseFileError, match="不是协商会务台的备份"):
        check_backup_file(empty)
    assert not (tmp_path / "backups").exists()  # nothing was touched


# -- a backup cut short leaves nothing that looks like a backup -------------------------------------------

KILLED_BACKUP = """
import os, signal, sys
from pathlib import Path
import models.db as db
import models.db
from models.backup import backup_now

def killed(*_args):  # the copy is written but not yet renamed: the process dies as if ended in Task Manager
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

db.os.replace = killed
backup_now(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def looks_like_backup(path) -> bool:
    """What 从备份恢复 offers (FILE_FILTER: *.sqlite *.db) and what a backup is named."""
    return fnmatch.fnmatch(path.name, "*.sqlite") or fnmatch.fnmatch(path.name, "*.db")


def test_a_killed_backup_leaves_no_backup_and_its_leftover_goes_at_the_next_start(tmp_path):
    path = tmp_path / "office.sqlite"
    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        for n in range(200):
            create_person(session, PersonData(name=f"委员{n:03d}"))
    db.dispose()
    folder = tmp_path / "backups"

    done = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(path), str(folder)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0, done.stderr
    left = list(folder.iterdir())
    assert left and all(p.name.endswith(".partial") for p in left)  # the copy was under way
    assert not any(looks_like_backup(p) for p in left)

    open_database(sqlite_url(path)).database.dispose()  # the next start
    assert list(folder.iterdir()) == []
    assert people(path)[:1] == ["委员000"]  # the database itself untouched


def test_a_failed_copy_removes_its_partial_file_at_once(database, tmp_path, monkeypatch):
    def full_disk(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(models.db, "_flush_to_disk", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        backup_now(database.path, tmp_path / "backups")
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_restore_cut_short_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path, backup = office_with_backup(tmp_path)

    def cut(*_args):
        raise KeyboardInterrupt  # as if the process were stopped between the copy and the rename

    monkeypatch.setattr(models.db.os, "replace", cut)
    with pytest.raises(KeyboardInterrupt):
        restore_backup(backup, path, tmp_path / "backups")
    monkeypatch.undo()
    assert people(path) == ["周婷", "吴刚"]
    # Nothing beside the database (and its own -wal/-shm, kept open by people()): no half-restored copy.
    assert [p.name for p in tmp_path.iterdir() if p.is_file() and not p.name.startswith("office.sqlite-")] \
        == ["office.sqlite"]
