"""Engine and sessions.  The only module allowed SQLite-specific SQL (the PRAGMAs).

Services receive a Session and return plain data; `Database.session()` is the one
transaction boundary: commit on success, roll back on any error, and translate
low-level failures into domain errors a screen can show.
"""

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from models.audit import OPERATOR_KEY, Operator, record_flush
from models.changes import record_flush as record_changes
from models.clock import now
from models.errors import ConflictError, ConnectionLostError, DatabaseBusyError, DatabaseFileError, ReadOnlyError
from models.live import announce_commits
from models.paths import BACKUPS_FOLDER
from models.server import connect_args, missing_grant

BUSY_TIMEOUT_MS = 5000
# PostgreSQL: a statement waiting this long for a row lock gives up (as SQLite's busy timeout), and any
# statement running this long is cancelled, so a blocked or runaway query never hangs a window for good.
LOCK_TIMEOUT_MS = BUSY_TIMEOUT_MS
STATEMENT_TIMEOUT_MS = 10 * 60 * 1000


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def _tolerant_text(value: bytes) -> str:
    """Text another program stored as bytes that are not UTF-8 reads as U+FFFD (�) instead of failing the
    whole page with "Could not decode to UTF-8"; saving the row back then writes valid UTF-8."""
    return value.decode("utf-8", "replace")


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.text_factory = _tolerant_text
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _postgresql_on_connect(dbapi_connection, _record) -> None:
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside any transaction lasts for the whole connection
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
            cursor.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
    finally:
        dbapi_connection.autocommit = autocommit


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for `url`; SQLite connections get foreign keys, WAL and a busy timeout, PostgreSQL ones a
    lock timeout and a statement timeout."""
    # a server's password (in memory only), connect timeout and read-only mode: models/server.py
    server = make_url(url).get_backend_name() == "postgresql"
    # pool_pre_ping: a pooled connection the server dropped (a restart, an idle timeout) is found and replaced
    # before a command uses it, so the first save after a server restart works instead of failing once
    # pool_use_lifo: the connection used last is used next. PRAGMA data_version (models/live.py) tells a
    # connection of the other connections' commits; taking the pooled connections in turn (first in, first
    # out), a poll landed on another connection than the save before it and took this app's own save for one
    # made elsewhere (a reload of every screen). The database executor works one job at a time, so it keeps
    # to one connection.
    engine = create_engine(url, connect_args=connect_args(url), pool_pre_ping=server, pool_use_lifo=True)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_on_connect)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        if not foreign_keys:
            # Migrations rebuild tables in batch mode, which needs foreign keys off.
            event.listen(engine, "connect", _sqlite_foreign_keys_off)
    return engine


def _sqlite_foreign_keys_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")


def foreign_key_problems(connection) -> list:
    """Rows that break a foreign key (checked after migrations rebuilt tables with the check off)."""
    if connection.dialect.name != "sqlite":
        return []  # other databases enforce foreign keys during the migration itself
    return connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()


# PostgreSQL's SQLSTATEs for "another transaction is in the way": each rolls the transaction back.
LOCK_NOT_AVAILABLE, DEADLOCK, SERIALIZATION_FAILURE, QUERY_CANCELED = "55P03", "40P01", "40001", "57014"
BUSY_SQLSTATES = frozenset({LOCK_NOT_AVAILABLE, DEADLOCK, SERIALIZATION_FAILURE, QUERY_CANCELED})


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a PostgreSQL error (psycopg 3 or psycopg2), wrapped by SQLAlchemy or not."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def is_busy_error(exc: BaseException) -> bool:
    if sqlstate(exc) in BUSY_SQLSTATES:
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database table is locked" in text


def sqlite_data_version(dbapi_connection) -> int:
    """Changes when another connection commits to the file (models/live.py asks it every few seconds)."""
    return dbapi_connection.execute("PRAGMA data_version").fetchone()[0]


_NOTHING_SAVED = "本次操作未保存任何修改。"
_SERVER_MESSAGES = {
    LOCK_NOT_AVAILABLE: ("另一位同事（或另一个窗口）正在修改同一条记录，等待 {seconds} 秒后仍未完成。"
                         + _NOTHING_SAVED + "请稍候片刻再试一次。"),
    DEADLOCK: ("本次操作与另一位同事的操作同时修改了相同的记录，互相等待对方，数据库已取消本次操作。"
               + _NOTHING_SAVED + "请再试一次。"),
    SERIALIZATION_FAILURE: ("本次操作与另一位同事的操作同时修改了相同的数据，数据库无法让两者同时生效，已取消本次操作。"
                            + _NOTHING_SAVED + "请再试一次。"),
    QUERY_CANCELED: ("数据库执行本次操作超过 {minutes} 分钟仍未完成（或被管理员取消），已停止。" + _NOTHING_SAVED
                     + "请稍后再试；若反复出现，请联系管理员检查办公室数据库服务器。"),
}


def busy_message(url: str, exc: BaseException | None = None) -> str:
    state = sqlstate(exc) if exc is not None else None
    if state in _SERVER_MESSAGES:
        where = make_url(url).database
        return f"办公室数据库“{where}”：" + _SERVER_MESSAGES[state].format(
            seconds=LOCK_TIMEOUT_MS // 1000, minutes=STATEMENT_TIMEOUT_MS // 60000)
    where = sqlite_path(url) or url
    return (f"数据库“{where}”正被其他程序占用，等待后仍无法写入。"
            "请关闭正在使用该文件的其他程序或窗口后重试；本次修改未保存。")


def reset_sequences(connection) -> list[str]:
    """After rows were copied with explicit ids (a transfer, a restore), set each table's id sequence past
    its largest id, so the next row inserted without an id does not collide. SQLite needs nothing (it takes
    max(id) + 1). Returns the tables whose sequence was set."""
    if connection.dialect.name != "postgresql":
        return []
    done = []
    rows = connection.exec_driver_sql(
        "SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name)"
        " FROM information_schema.columns c WHERE c.table_schema = current_schema()"
        " ORDER BY c.table_name, c.column_name").fetchall()
    quote = connection.dialect.identifier_preparer.quote
    for table, column, sequence in rows:
        if sequence is None:
            continue
        # is_called = false when the table is empty: the next id is then 1, not 2
        connection.exec_driver_sql(
            f"SELECT setval(%(sequence)s, COALESCE(MAX({quote(column)}), 1), MAX({quote(column)}) IS NOT NULL)"
            f" FROM {quote(table)}", {"sequence": sequence})
        done.append(table)
    return done


# Class 08 (connection exception), 57P01-57P03 (the server is shutting down or starting up).
_CONNECTION_SQLSTATES = ("57P01", "57P02", "57P03")


def is_connection_lost(exc: BaseException) -> bool:
    """The server went away during (or just before) a unit of work: restarted, stopped, or the network broke."""
    if getattr(exc, "connection_invalidated", False):
        return True
    state = sqlstate(exc) or ""
    if state.startswith("08") or state in _CONNECTION_SQLSTATES:
        return True
    orig = getattr(exc, "orig", exc)
    # psycopg: an OperationalError without SQLSTATE is a connection that failed or broke, not a rule
    return type(orig).__module__.startswith("psycopg") and type(orig).__name__ == "OperationalError" and not state


def connection_lost_message(url: str, committing: bool = False) -> str:
    """Lost before the commit: the server rolled everything back. Lost during it: nobody can tell whether the
    server committed, so the message does not claim either (and nothing is retried: it might save twice)."""
    where = make_url(url).database
    lost = f"与办公室数据库“{where}”所在服务器的连接中断了（服务器可能正在重启，或网络暂时不通），"
    if committing:
        return (lost + "无法确认本次修改是否已经保存。请稍候重新打开该记录查看；没有保存时再改一次。"
                "若一直如此，请联系管理员检查数据库服务器和网络。")
    return lost + "本次操作没有完成，没有保存任何修改。请稍候再试一次；若一直如此，请联系管理员检查数据库服务器和网络。"


def _roll_back_quietly(session) -> None:
    with contextlib.suppress(DBAPIError):  # the connection is gone: the server rolled it back already
        session.rollback()


def _hold_row(session, instance) -> None:
    """Keep every row a session loaded or saved alive until it closes. The identity map holds rows weakly, so
    otherwise whether session.get() finds a row, or queries (and autoflushes first), would depend on when
    the garbage collector ran: flushes, and so the audit entries they write, would then be grouped and
    ordered differently from run to run and between engines."""
    session.info.setdefault("held_rows", []).append(instance)


class Database:
    """One open database: its URL, engine and session factory."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.is_demo = False  # holds the demo district (told by open_database, from the database itself)
        self.read_only = False  # a server account that may only view (told by models/server.py open_server)
        self.engine = engine or make_engine(url)
        self.operator = Operator()  # who its audit entries name (models/audit.py; this PC's name set by the ui)
        self._sessions = sessionmaker(self.engine, class_=Session, expire_on_commit=False,
                                      info={OPERATOR_KEY: self.operator})
        event.listen(self._sessions, "after_flush", record_flush)
        event.listen(self._sessions, "after_flush", record_changes)  # what a command tells the screens
        self.client_id = uuid.uuid4().hex  # tells this client's change notifications from others'
        announce_commits(self._sessions, url, self.client_id)  # PostgreSQL: NOTIFY the others
        for held in ("loaded_as_persistent", "pending_to_persistent"):
            event.listen(self._sessions, held, _hold_row)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        path = self.path
        if path is not None:
            return str(path)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits if the block succeeds, rolls back otherwise."""
        session = self._sessions()
        committing = False
        try:
            yield session
            committing = True
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError() from exc
        except DBAPIError as exc:
            _roll_back_quietly(session)  # after a lost connection the rollback itself may fail
            if is_busy_error(exc):
                raise DatabaseBusyError(busy_message(self.url, exc)) from exc
            if is_connection_lost(exc):
                raise ConnectionLostError(connection_lost_message(self.url, committing)) from exc
            # 42501 no privilege, 25006 read-only transaction: a view-only account's write the UI did not stop;
            # an editing account lacking one GRANT is told what is wrong instead (models/server.py)
            if sqlstate(exc) == "25006" or (sqlstate(exc) == "42501" and self.read_only):
                raise ReadOnlyError() from exc
            if sqlstate(exc) == "42501":
                raise missing_grant(exc, make_url(self.url).username) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


# --- SQLite files: safety checks before opening, and backups -------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"


def _file_error(kind: str, path: Path, message: str) -> DatabaseFileError:
    return DatabaseFileError(kind, path, message)


def inspect_sqlite_file(path: Path) -> tuple[bool, str | None]:
    """Check that `path` can be opened safely and read its schema revision.

    Returns (has_tables, alembic_revision).  A missing or empty file is a new database:
    (False, None).  Raises DatabaseFileError naming the file and what to do when it is not
    a database, corrupt, locked or read-only.  Never writes to the file.
    """
    E = DatabaseFileError  # noqa: N806 - short alias for the kind constants
    folder = path.parent
    if not path.exists() or path.stat().st_size == 0:
        if not folder.exists():
            return False, None
        if not os.access(folder, os.W_OK):
            raise _file_error(E.READ_ONLY, path, (
                f"无法在文件夹“{folder}”中创建数据库：该文件夹不允许写入。"
                "请选择其他文件夹（例如“文档”），或请管理员开放写入权限。"))
        return False, None
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        from models.os_errors import os_reason

        raise _file_error(E.UNREADABLE, path, (
            f"无法读取文件“{path}”（{os_reason(exc)}）。"
            "该文件可能正被其他程序独占使用，或您没有读取权限。请关闭其他程序后重试；文件未被改动。")) from exc
    if header != SQLITE_HEADER:
        raise _file_error(E.NOT_A_DATABASE, path, (
            f"文件“{path}”不是协商会务台的数据库（不是 SQLite 数据库文件）。"
            "请确认选择的文件是否正确；该文件未被改动。"))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise _file_error(E.READ_ONLY, path, (
            f"数据库文件“{path}”是只读的（或其所在文件夹不允许写入），无法保存修改。"
            "请在文件属性中取消“只读”，或将文件复制到可写入的文件夹（例如“文档”）后再打开。文件未被改动。"))
    try:
        connection = sqlite3.connect(str(path), timeout=1.0)
    except sqlite3.Error as exc:
        raise _file_error(E.UNREADABLE, path, (
            f"无法打开数据库文件“{path}”（{exc}）。请确认文件存在且未被其他程序独占使用。")) from exc
    try:
        try:
            check = connection.execute("PRAGMA quick_check(1)").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            # Another program holding a write lock would make every save fail: find out now.
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if is_busy_error(exc):
                raise _file_error(E.LOCKED, path, (
                    f"数据库文件“{path}”正被其他程序占用（可能是另一个协商会务台窗口、"
                    "备份或同步软件）。请关闭占用它的程序后重试；文件未被改动。")) from exc
            raise _corrupt(path) from exc
        except sqlite3.DatabaseError as exc:
            raise _corrupt(path) from exc
    finally:
        connection.close()
    return bool(tables - {"alembic_version"}), revision


def _corrupt(path: Path) -> DatabaseFileError:
    return _file_error(DatabaseFileError.CORRUPT, path, (
        f"数据库文件“{path}”已损坏，无法打开。文件未被改动。"
        "请通过“文件 → 从备份恢复”选择最近的备份，或将该文件交给技术支持人员处理。"))


PARTIAL = ".partial"  # suffix of a copy still being written: never a *.sqlite file that looks like a backup


def backup_sqlite(source: Path, target: Path, *, before_replace=None) -> Path:
    """Copy a live SQLite database consistently (sqlite3 backup API), even while it is open.

    The copy is whole or absent: it is written as `target` + PARTIAL, flushed to disk and only then renamed
    to `target` (after `before_replace()`, if given), so a copy cut short by a crash, a killed process or a
    full disk never looks like a backup. A leftover partial file is removed on the next start
    (discard_partial_copies).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL)
    try:
        _remove_partial(partial)
        src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        _flush_to_disk(partial)
        if before_replace is not None:
            before_replace()
        os.replace(partial, target)
    except BaseException:
        _remove_partial(partial)
        raise
    _flush_to_disk(target.parent)
    return target


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or (POSIX) a folder so that a rename in it survives a power cut."""
    if path.is_dir() and os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    descriptor = os.open(path, os.O_RDONLY if path.is_dir() else os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, Path(f"{partial}-journal")):
        with contextlib.suppress(OSError):  # still open elsewhere (Windows): the next start tries again
            leftover.unlink(missing_ok=True)


def backups_folder(database_file: Path) -> Path:
    return database_file.parent / BACKUPS_FOLDER


def discard_partial_copies(database_file: Path) -> None:
    """Remove copies left half-written by a backup, restore or upgrade that was cut short (see backup_sqlite):
    next to the database and in its backups folder."""
    for folder in (database_file.parent, backups_folder(database_file)):
        if folder.is_dir():
            for partial in folder.glob(f"*{PARTIAL}"):
                _remove_partial(partial)


def timestamped_name(path: Path, label: str, when=None) -> str:
    """consultdesk.sqlite -> consultdesk.<label>-20261125-093000.sqlite"""
    stamp = (when or now()).strftime("%Y%m%d-%H%M%S")
    return f"{path.stem}.{label}-{stamp}{path.suffix or '.sqlite'}"


def timestamped_path(folder: Path, path: Path, label: str, when=None) -> Path:
    """`folder`/timestamped_name, with "-2", "-3"… added when that name is taken: two copies made within
    the same second must not replace one another."""
    first = folder / timestamped_name(path, label, when)
    candidate, number = first, 2
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL).exists():
        candidate = first.with_name(f"{first.stem}-{number}{first.suffix}")
        number += 1
    return candidate
