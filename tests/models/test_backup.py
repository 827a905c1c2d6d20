"""立即备份 and 从备份恢复 on SQLite files."""

import sqlite3

import pytest
from sqlmodel import select

from models.backup import backup_now, check_backup_file, restore_backup
from models.errors import DatabaseFileError
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.people import PersonData, create_person
from models.tables import Person


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


def test_restore_replaces_the_database_and_keeps_a_safety_copy(tmp_path):
    path = tmp_path / "office.sqlite"
    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        create_person(session, PersonData(name="周婷"))
    backup = backup_now(path, tmp_path / "backups")
    with db.session() as session:
        create_person(session, PersonData(name="吴刚"))
    db.dispose()

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
