"""立即备份 and 从备份恢复 for SQLite database files (sqlite3 backup API, never a raw file copy)."""

import os
from pathlib import Path

from models.db import backup_sqlite, inspect_sqlite_file, timestamped_name
from models.errors import DatabaseFileError
from models.migrate import _refuse_unknown_schema


def backup_now(database_file: Path, folder: Path) -> Path:
    """A consistent, timestamped copy of the open database in `folder`."""
    return backup_sqlite(database_file, folder / timestamped_name(database_file, "backup"))


def check_backup_file(path: Path) -> str | None:
    """Refuse files that are not ConsultDesk databases, are damaged or come from a newer version."""
    has_tables, revision = inspect_sqlite_file(path)
    if not has_tables:
        raise DatabaseFileError(DatabaseFileError.NOT_A_DATABASE, path,
                                f"“{path}”是空文件或空数据库，不是协商会务台的备份。请选择其他备份文件。")
    _refuse_unknown_schema(path, has_tables, revision)
    return revision


def restore_backup(backup_file: Path, database_file: Path, folder: Path) -> Path:
    """Replace `database_file` with the backup; the current file is first saved to `folder`.

    The caller must have closed every connection to `database_file`.  Returns the path of
    the safety copy of the database as it was before the restore.
    """
    check_backup_file(backup_file)
    safety = backup_sqlite(database_file, folder / timestamped_name(database_file, "before-restore"))
    scratch = database_file.with_name(database_file.stem + ".restoring" + database_file.suffix)
    scratch.unlink(missing_ok=True)
    backup_sqlite(backup_file, scratch)
    for leftover in (Path(f"{database_file}-wal"), Path(f"{database_file}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(scratch, database_file)
    return safety
