"""Files that must not be opened: each gets a message naming it, and stays byte-identical."""

import hashlib
import os
import sqlite3

import pytest

from models.db import inspect_sqlite_file
from models.errors import DatabaseFileError
from models.migrate import open_database
from models.paths import sqlite_url

pytestmark = pytest.mark.sqlite_only  # checks of .sqlite files before opening them


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "office.sqlite"
    open_database(sqlite_url(path)).database.dispose()
    return path


def refused(path, kind: str) -> DatabaseFileError:
    before = digest(path)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == kind
    assert str(path) in caught.value.message  # the message names the file
    assert digest(path) == before  # and the file is untouched
    return caught.value


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "名单.sqlite"
    path.write_text("姓名,单位\n张伟,区实验小学\n", encoding="utf-8")
    error = refused(path, DatabaseFileError.NOT_A_DATABASE)
    assert "不是" in error.message


def test_an_excel_file_renamed_is_not_a_database(tmp_path):
    path = tmp_path / "roster.db"
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    refused(path, DatabaseFileError.NOT_A_DATABASE)


def test_a_corrupt_database_is_refused(good_file):
    data = bytearray(good_file.read_bytes())
    # keep the header, destroy the schema page and what follows
    data[100:4096 * 3] = os.urandom(4096 * 3 - 100)
    good_file.write_bytes(bytes(data))
    error = refused(good_file, DatabaseFileError.CORRUPT)
    assert "已损坏" in error.message and "从备份恢复" in error.message


def test_a_truncated_database_is_refused(good_file):
    data = good_file.read_bytes()
    good_file.write_bytes(data[: len(data) // 3])
    refused(good_file, DatabaseFileError.CORRUPT)


def test_a_database_locked_by_another_program_is_refused(good_file):
    holder = sqlite3.connect(good_file, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        error = refused(good_file, DatabaseFileError.LOCKED)
        assert "占用" in error.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    open_database(sqlite_url(good_file)).database.dispose()  # fine again once released


def test_a_read_only_database_is_refused(good_file, monkeypatch):
    good_file.chmod(0o444)
    if os.geteuid() == 0:  # root ignores permission bits: make the check see what a user would
        real_access = os.access
        monkeypatch.setattr("models.db.os.access", lambda p, mode: False if (
            mode == os.W_OK and str(p) == str(good_file)) else real_access(p, mode))
    try:
        error = refused(good_file, DatabaseFileError.READ_ONLY)
        assert "只读" in error.message
    finally:
        good_file.chmod(0o644)


def test_a_missing_file_is_a_new_database(tmp_path):
    assert inspect_sqlite_file(tmp_path / "not-yet.sqlite") == (False, None)


def test_an_empty_file_is_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    result = open_database(sqlite_url(path))
    result.database.dispose()
    assert result.created
