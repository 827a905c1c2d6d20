"""立即备份 and 从备份恢复 for SQLite database files (sqlite3 backup API, never a raw file copy)."""

from pathlib import Path

from models.db import backup_sqlite, inspect_sqlite_file, timestamped_path
from models.errors import DatabaseFileError
from models.migrate import refuse_unknown_schema


def backup_now(database_file: Path, folder: Path) -> Path:
    """A consistent, timestamped copy of the open database in `folder`."""
    return backup_sqlite(database_file, timestamped_path(folder, database_file, "backup"))


def check_backup_file(path: Path) -> str | None:
    """Refuse files that are not ConsultDesk databases, are damaged or come from a newer version."""
    has_tables, revision = inspect_sqlite_file(path)
    if not has_tables:
        raise DatabaseFileError(DatabaseFileError.NOT_A_DATABASE, path,
                                f"“{path}”是空文件或空数据库，不是协商会务台的备份。请选择其他备份文件。")
    refuse_unknown_schema(path, has_tables, revision)
    return revision


def restore_backup(backup_file: Path, database_file: Path, folder: Path) -> Path:
    """Replace `database_file` with the backup; the current file is first saved to `folder`.

    The caller must have closed every connection to `database_file`.  Returns the path of
    the safety copy of the database as it was before the restore.
    """
    check_backup_file(backup_file)
    safety = backup_sqlite(database_file, timestamped_path(folder, database_file, "before-restore"))

    def drop_journals() -> None:
        # The old file's WAL must not be applied to the restored one.
        for leftover in (Path(f"{database_file}-wal"), Path(f"{database_file}-shm")):
            leftover.unlink(missing_ok=True)

    # Written beside the database and renamed over it once whole: a restore cut short leaves the database as it was.
    backup_sqlite(backup_file, database_file, before_replace=drop_journals)
    return safety
