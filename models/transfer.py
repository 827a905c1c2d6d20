"""把本机数据导入办公室数据库: copy a local SQLite database into an empty server (PostgreSQL) database.

    survey = survey_transfer(source_db, target_db)        # refuses a target in use, text the server refuses
    result = copy_database(source_db, target_db, progress, check_cancelled)

Every table is copied in foreign-key order (metadata.sorted_tables) with its ids, so every link stays; the
whole copy is one transaction on the target: whatever goes wrong (the server, a cancel), the target is left
as it was. The sequences are set after (models/db.py reset_sequences). app_setting travels like any table, so
the bookkeeping (REFERENCE_DATA_SEEDED, SORT_KEYS_VERSION, DEMO_VERSION) and the entry-code secret (printed
参会证 stay valid) come along.

"Empty" target: a database the app has just created holds the seeded lookups, its settings and the audit
entries of that seeding; those are replaced by the source's. Any record of the office's own work (a person,
a meeting, a recommendation…) makes it "in use": refused, never merged or overwritten.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import BigInteger, Integer, SmallInteger, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - every table registered in the metadata
from models.audit_labels import column_label, table_label
from models.db import Database, busy_message, is_busy_error, reset_sequences, sqlstate
from models.errors import DomainError
from models.services.bulk_insert import insert_rows

BATCH_ROWS = 1000
MAX_LISTED = 8  # refused values listed in the message (the total is said too)
# Replaced by the source's when found in the target (what a new database holds before anyone works in it).
REPLACEABLE = frozenset({"app_setting", "audit_entry", "committee", "guest_category", "liaison_group",
                         "meeting_format", "party", "sector", "topic_criterion"})
_INT_RANGES = {SmallInteger: 2**15, BigInteger: 2**63, Integer: 2**31}


class TransferError(DomainError):
    """The copy was refused or failed; nothing changed on either side."""


Progress = Callable[[int, int, str], None]


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


def _nothing() -> None:
    pass


def tables():
    return SQLModel.metadata.sorted_tables  # parents before children


def holdings(connection: Connection) -> dict[str, int]:
    """The target's records of the office's own work, per table (empty: the target may be replaced)."""
    counted = [table for table in tables() if table.name not in REPLACEABLE]
    row = connection.execute(select(*[select(func.count()).select_from(table).scalar_subquery().label(table.name)
                                      for table in counted])).one()  # one round trip to the server
    return {table.name: count for table, count in zip(counted, row, strict=True) if count}


def _in_use_message(where: str, found: dict[str, int]) -> str:
    listed = "、".join(f"{table_label(name)} {count} 条" for name, count in found.items())
    return (f"办公室数据库 {where} 中已经有数据（{listed}），不是空数据库。为保护其中的数据，程序不会把本机数据"
            "与它合并，也不会覆盖它；两边的数据都没有改动。请确认选择的数据库是否正确；如果要导入，请管理员在"
            "服务器上另建一个空数据库（见说明书“管理员”一节），再导入到新库中。")


# -- what the server would refuse (SQLite stores it, PostgreSQL does not) ---------------------------------------
def _int_limit(column_type) -> int | None:
    for kind, limit in _INT_RANGES.items():
        if isinstance(column_type, kind):
            return limit
    return None


def _record(table, row) -> str:
    label = table_label(table.name)
    named = next((row[key] for key in ("name", "title", "key") if key in row and isinstance(row[key], str)), None)
    ident = row.get("id")
    if named:
        return f"{label}“{named.replace(chr(0), '')[:30]}”" + (f"（编号 {ident}）" if ident is not None else "")
    return f"{label}（编号 {ident}）" if ident is not None else label


def _problem(value, length: int | None, limit: int | None) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return "含有不可见的空字符（NUL），服务器不接受，请删去后重新输入这一项"
        if length is not None and len(value) > length:
            return f"长 {len(value)} 字，超过办公室数据库允许的 {length} 字，请缩短"
    if limit is not None and value is not None and not isinstance(value, bool):
        if not isinstance(value, int):
            return f"应为整数，实际是“{str(value)[:20]}”"
        if not -limit <= value < limit:
            return f"数值 {value} 超出办公室数据库能保存的范围（±{limit:,}）"
    return None


def _checks(table) -> list[tuple[str, int | None, int | None]]:
    """(column, its length limit, its integer range) for each column of `table`: looked up once per table."""
    checks = []
    for column in table.columns:
        length = getattr(column.type, "length", None)  # String, and sqlmodel's AutoString (a decorator of it)
        checks.append((column.name, length if isinstance(length, int) else None, _int_limit(column.type)))
    return checks


def _problems_in(table, rows: list[dict]) -> list[str]:
    found = []
    checks = _checks(table)
    for row in rows:
        for name, length, limit in checks:
            value = row[name]
            if value is None or (limit is None and not isinstance(value, str)):
                continue
            why = _problem(value, length, limit)
            if why is not None:
                found.append(f"{_record(table, row)}的“{column_label(table.name, name)}”：{why}")
    return found


def _refused_message(problems: list[str]) -> str:
    listed = "\n".join(f"· {line}" for line in problems[:MAX_LISTED])
    more = f"\n……共 {len(problems)} 处" if len(problems) > MAX_LISTED else ""
    return (f"本机数据中有 {len(problems)} 处内容办公室数据库不能保存，因此没有导入，两边的数据都没有改动：\n"
            f"{listed}{more}\n请在本机改正这些内容后再导入。")


# -- reading and copying ------------------------------------------------------------------------------------------
def _rows(connection: Connection, table) -> list[dict]:
    order = list(table.primary_key.columns) or list(table.columns)
    return [dict(row) for row in connection.execute(select(table).order_by(*order)).mappings()]


@dataclass(frozen=True)
class Survey:
    """What the confirmation says: what will be copied, to where."""

    source: str
    target: str
    members: int  # 区政协委员
    people: int
    meetings: int
    recommendations: int
    rows: int  # every row of every table


@dataclass(frozen=True)
class TransferResult:
    rows: int
    tables: int
    sequences: int  # sequences set after the copy


def _insert(connection: Connection, table, rows: list[dict]) -> None:
    """PostgreSQL's COPY (each value as the column's type writes it: JSON as text, …), else one executemany."""
    if connection.dialect.name != "postgresql":
        insert_rows(connection, table, rows)
        return
    dialect = connection.dialect
    names = [column.name for column in table.columns]
    processors = [(index, process) for index, name in enumerate(names)
                  if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))]
    quote = dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(statement) as copy:
        for row in rows:
            values = [row[name] for name in names]
            for index, process in processors:
                values[index] = process(values[index])
            copy.write_row(values)


def _refuse_read_only(target: Database) -> None:
    if target.read_only:
        raise TransferError(f"登录办公室数据库 {target.display_name} 的账号只有查看权限，不能导入数据；"
                            "两边的数据都没有改动。请用有编辑权限的账号连接后再导入。")


def _check_target(connection: Connection, target: Database) -> None:
    found = holdings(connection)
    if found:
        raise TransferError(_in_use_message(target.display_name, found))


def survey_transfer(source: Database, target: Database) -> Survey:
    """Check both sides before anything is written (raises TransferError saying why not) and count what will
    be copied. `target` is a server database at the app's schema (opened by models/server.py open_server)."""
    from sqlmodel import Session

    from models.services.overview import database_summary

    _refuse_read_only(target)
    with target.engine.connect() as connection:
        _check_target(connection, target)
    problems, rows = [], 0
    with source.engine.connect() as connection:
        for table in tables():
            table_rows = _rows(connection, table)
            rows += len(table_rows)
            problems += _problems_in(table, table_rows)
        with Session(bind=connection) as session:
            summary = database_summary(session)
    if problems:
        raise TransferError(_refused_message(problems))
    return Survey(source.display_name, target.display_name, summary.district_members, summary.people,
                  summary.meetings, summary.recommendations, rows)


def copy_database(source: Database, target: Database, progress: Progress = _no_progress,
                  check_cancelled: Callable[[], None] = _nothing) -> TransferResult:
    """Copy every row of `source` into `target` in one transaction (see the module's docstring): the target's
    replaceable rows are deleted first, every table is then inserted in batches, the sequences are set last.
    `check_cancelled()` may raise to stop: the transaction is rolled back, the target left as it was."""
    _refuse_read_only(target)
    try:
        return _copy(source, target, progress, check_cancelled)
    except _server_errors() as exc:  # the transaction was rolled back: the target is as it was
        raise TransferError(_failed_message(target, exc)) from exc


def _server_errors() -> tuple[type[BaseException], ...]:
    """What the server refusing looks like: through SQLAlchemy, or straight from psycopg (COPY)."""
    try:
        import psycopg
    except ImportError:
        return (DBAPIError,)
    return (DBAPIError, psycopg.Error)


def _failed_message(target: Database, exc: BaseException) -> str:
    where = f"办公室数据库 {target.display_name}"
    if sqlstate(exc) in ("42501", "25006"):
        return (f"登录{where}的账号没有写入全部数据表的权限，导入已全部撤销，两边的数据都没有改动。"
                "请管理员按说明书“管理员”一节为编辑账号授权，或改用有编辑权限的账号。")
    if is_busy_error(exc):
        return busy_message(target.url, exc)
    server_said = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return (f"导入{where}时出错，已全部撤销，办公室数据库仍是空的，本机数据没有改动。"
            f"服务器的答复：{server_said}\n请检查网络和服务器后重试；若反复出现，请把本提示告诉管理员。")


def _copy(source: Database, target: Database, progress: Progress, check_cancelled) -> TransferResult:
    all_tables = tables()
    with source.engine.connect() as reading:  # read whole first: a refusal comes before anything is written
        rows_of = {table.name: _rows(reading, table) for table in all_tables}
    problems = [line for table in all_tables for line in _problems_in(table, rows_of[table.name])]
    if problems:  # changed since the survey: still said before the server refuses it
        raise TransferError(_refused_message(problems))
    total, done = sum(len(rows) for rows in rows_of.values()), 0
    progress(0, total, "正在检查办公室数据库…")
    with target.engine.begin() as writing:
        _check_target(writing, target)  # again, inside the transaction: nobody started working meanwhile
        for table in reversed(all_tables):
            writing.execute(table.delete())
        for table in all_tables:
            rows = rows_of[table.name]
            for start in range(0, len(rows), BATCH_ROWS):
                check_cancelled()
                batch = rows[start:start + BATCH_ROWS]
                _insert(writing, table, batch)
                done += len(batch)
                progress(done, total, f"正在导入{table_label(table.name)}…")
        check_cancelled()
        sequences = reset_sequences(writing)
    return TransferResult(done, len(all_tables), len(sequences))


def transfer(source_file: Path, target_url: str, backups: Path, progress: Progress = _no_progress,
             check_cancelled: Callable[[], None] = _nothing) -> tuple[Survey, TransferResult]:
    """The whole move for one file and one server database: both brought to the app's schema the usual way
    (an older file upgraded after its backup, an empty server database created and seeded), checked, copied."""
    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.server import open_server

    source = open_database(sqlite_url(source_file)).database
    try:
        target = open_server(target_url, backups).database
        try:
            survey = survey_transfer(source, target)
            return survey, copy_database(source, target, progress, check_cancelled)
        finally:
            target.dispose()
    finally:
        source.dispose()


__all__ = ["REPLACEABLE", "Survey", "TransferError", "TransferResult", "copy_database", "holdings",
           "survey_transfer", "transfer"]
