"""Open a database safely: check the file, back it up, bring its schema to head, seed it.

At start-up a new database is created at head; an older one is first backed up (sqlite3
backup API, timestamped copy next to it) and then upgraded; a database whose schema is
newer than this program, or that is not ours, is refused and left untouched. Alembic is
imported only when a migration is due (the stored revision is not migrations/head.py's HEAD).

Developers create a new revision with:  python -m models.migrate revision "说明"
"""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from models.db import (
    Database,
    backup_sqlite,
    discard_partial_copies,
    foreign_key_problems,
    inspect_sqlite_file,
    is_busy_error,
    make_engine,
    sqlite_path,
    timestamped_path,
)
from models.errors import DatabaseFileError
from models.migrations.head import HEAD

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return script_directory().get_current_head()


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def first_revision() -> str:
    return list(script_directory().walk_revisions())[-1].revision


@dataclass
class OpenResult:
    database: Database
    created: bool = False
    upgraded_from: str | None = None
    backup_path: Path | None = None


def _current_revision(url: str) -> tuple[bool, str | None]:
    """(has_tables, revision) for a non-file database (PostgreSQL ...)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables -= {"alembic_version"}
        return bool(tables), revision
    finally:
        engine.dispose()


def refuse_unknown_schema(where, has_tables: bool, revision: str | None) -> None:
    if revision is None and has_tables:
        raise DatabaseFileError(DatabaseFileError.FOREIGN, where, (
            f"“{where}”是一个数据库文件，但不是协商会务台的数据库。"
            "为保护其中的数据，程序不会打开或修改它。请选择协商会务台的数据库文件。"))
    if revision is not None and revision != HEAD and revision not in known_revisions():
        raise DatabaseFileError(DatabaseFileError.TOO_NEW, where, (
            f"数据库“{where}”由更新版本的协商会务台创建（数据结构版本 {revision}），"
            "当前程序无法安全打开。请安装最新版本的协商会务台后再打开；文件未被改动。"))


def upgrade(url: str, revision: str = "head") -> None:
    """Run migrations up to `revision` (foreign keys off while tables are rebuilt)."""
    from alembic import command

    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":  # ALTER TABLE waits for other clients' transactions
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {MIGRATION_LOCK_TIMEOUT_MS}")
            command.upgrade(alembic_config(connection), revision)
            problems = foreign_key_problems(connection)
            if problems:
                raise RuntimeError(f"迁移后外键检查失败：{problems[:5]}")
    finally:
        engine.dispose()


# pg_advisory_lock key held while one client checks, backs up, migrates and seeds a server database
# (advisory locks are per database, so one constant serves every office database on a server).
FIRST_OPEN_LOCK = 0x43440001
FIRST_OPEN_WAIT_S = 600  # another client's upgrade (with its pg_dump) may take minutes
MIGRATION_LOCK_TIMEOUT_MS = 60_000  # an upgrade waits this long for a table other clients are reading


@contextmanager
def _first_open_lock(url: str, where) -> Iterator[None]:
    """On PostgreSQL: one client at a time past this point; the others wait, then find the schema at head."""
    engine = make_engine(url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        yield
        return
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            deadline = time.monotonic() + FIRST_OPEN_WAIT_S
            while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": FIRST_OPEN_LOCK}).scalar():
                if time.monotonic() > deadline:
                    raise DatabaseFileError(DatabaseFileError.LOCKED, where, (
                        f"另一台电脑正在建立或升级办公室数据库“{where}”，等待 {FIRST_OPEN_WAIT_S // 60} 分钟仍未完成。"
                        "数据库未被改动。请稍后再打开；若一直如此，请联系管理员检查数据库服务器。"))
                time.sleep(0.2)
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": FIRST_OPEN_LOCK})
    finally:
        engine.dispose()


def open_database(url: str, *, seed: bool = True, server_backups: Path | None = None) -> OpenResult:
    """Check, back up, migrate and seed the database at `url`, then open it. A server database behind head
    is first dumped into `server_backups` (default: the data folder's backups)."""
    path = sqlite_path(url)
    if path is not None:
        discard_partial_copies(path)
        has_tables, revision = inspect_sqlite_file(path)
        return _open(url, path, path, has_tables, revision, seed, None)
    where = Database(url).display_name
    try:
        with _first_open_lock(url, where):
            has_tables, revision = _current_revision(url)
            return _open(url, None, where, has_tables, revision, seed, server_backups)
    except DBAPIError as exc:
        if not is_busy_error(exc):
            raise
        raise DatabaseFileError(DatabaseFileError.LOCKED, where, (
            f"办公室数据库“{where}”正被其他电脑上的协商会务台使用，数据结构升级等待后仍无法进行，已全部撤销，"
            "数据库未被改动。请其他同事先关闭协商会务台，再重新打开。")) from exc


def _open(url: str, path: Path | None, where, has_tables: bool, revision: str | None, seed: bool,
          server_backups: Path | None) -> OpenResult:
    refuse_unknown_schema(where, has_tables, revision)
    result_created = revision is None
    backup_path = None
    head = HEAD
    if revision != head:
        if path is not None and revision is not None:
            backup_path = backup_sqlite(path, timestamped_path(path.parent, path, f"before-upgrade-{revision}"))
        elif revision is not None:
            from models.paths import resolve_paths
            from models.server_backup import backup_server_database

            backup_path = backup_server_database(url, server_backups or resolve_paths().backups_dir, revision)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        upgrade(url)
    database = Database(url)
    if seed:
        from models.audit import BUILT_BY_KEY, SEED_OPERATOR
        from models.reference_data import seed_reference_data
        from models.services.entry_codes import make_entry_secret
        from models.services.sort_keys import refresh_sort_keys

        with database.session() as session:
            session.info[BUILT_BY_KEY] = SEED_OPERATOR  # not the work of whoever happens to open it first
            seed_reference_data(session)
            refresh_sort_keys(session)
            make_entry_secret(session)  # before a view-only account needs it for 参会证 (it cannot make it)
    database.is_demo = holds_demo(database)
    return OpenResult(database, created=result_created,
                      upgraded_from=revision if revision not in (None, head) else None,
                      backup_path=backup_path)


def holds_demo(database: Database) -> bool:
    """Whether the demo generator built this database: it says so itself, whatever the file is called, so a
    restored or copied demo is still marked 【演示数据】 and an office's database never is."""
    from models.services.app_settings import get_setting
    from models.settings import DEMO_VERSION

    with database.session() as session:
        return get_setting(session, DEMO_VERSION) is not None


def create_revision(message: str) -> None:
    """Autogenerate a new revision against a scratch database built at head."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'scratch.sqlite'}"
        if known_revisions():
            upgrade(url)
        engine = make_engine(url)
        with engine.begin() as connection:
            rev_id = f"{len(known_revisions()) + 1:04d}"
            command.revision(alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "revision":
        create_revision(sys.argv[2])
    else:
        print('用法: python -m models.migrate revision "说明"')
        sys.exit(2)
