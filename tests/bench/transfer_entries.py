"""transfer_demo: 把本机数据导入办公室数据库 of the demo (models/transfer.py copy_database: every table read with
its types, checked for what PostgreSQL refuses, inserted in batches, sequences set, one transaction) beside its
limit — the same rows read raw with sqlite3 and written by PostgreSQL's own COPY, table by table, in one
transaction, the same sequences set. Part of `python -m tests.bench limits`; needs a PostgreSQL server that
may CREATE DATABASE, named by CONSULTDESK_TEST_POSTGRES_URL (as the tests).

Each round copies into a fresh copy of a seeded, empty server database (made outside the timing); afterwards
both targets must hold the same number of rows in every table, or the entry reports the difference.
"""

import sqlite3
import time
from pathlib import Path

from tests.bench.limits import Entry


def _seeded_template() -> str:
    from models.migrate import open_database
    from tests import postgres

    if postgres.server_url() is None:
        raise SystemExit(f"transfer_demo 需要 PostgreSQL 服务器：{postgres.HOW_TO_ENABLE}")
    return postgres.make_template("bench_seeded", lambda url: open_database(url).database.dispose())


def _counts(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from models.db import Database
    from models.transfer import tables

    database = Database(url)
    try:
        with database.engine.connect() as connection:
            return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}
    finally:
        database.dispose()


def transfer_entries(demo_file: Path) -> dict[str, Entry]:
    from models.db import Database, reset_sequences
    from models.paths import sqlite_url
    from models.transfer import copy_database, tables
    from tests import postgres

    template = _seeded_template()
    source = Database(sqlite_url(demo_file))
    names = [table.name for table in tables()]
    entry = Entry("演示数据", lambda: 0.0, lambda: 0.0)
    seen: dict[str, dict[str, int]] = {}

    def fresh() -> tuple[str, Database]:
        manager = postgres.copy_of(template)
        url = manager.__enter__()
        return url, manager

    def project() -> float:
        url, manager = fresh()
        target = Database(url)
        try:
            started = time.perf_counter()
            copy_database(source, target)
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            target.dispose()
        seen["project"] = _counts(url)
        manager.__exit__(None, None, None)
        return elapsed

    def limit() -> float:
        url, manager = fresh()
        target = Database(url)
        try:
            started = time.perf_counter()
            raw = sqlite3.connect(str(demo_file))
            with target.engine.begin() as connection:
                cursor = connection.connection.driver_connection.cursor()
                for name in reversed(names):
                    cursor.execute(f'DELETE FROM "{name}"')
                for name in names:
                    rows = raw.execute(f'SELECT * FROM "{name}"')
                    columns = ", ".join(f'"{c[0]}"' for c in rows.description)
                    with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(row)
                reset_sequences(connection)
            raw.close()
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            target.dispose()
        seen["limit"] = _counts(url)
        manager.__exit__(None, None, None)
        if seen.get("project") is not None and seen["project"] != seen["limit"]:
            differ = [n for n in names if seen["project"][n] != seen["limit"][n]]
            entry.problems.append(f"两边复制的行数不同：{differ}")
        return elapsed

    entry.project, entry.limit = project, limit
    total = sum(len(sqlite3.connect(str(demo_file)).execute(f'SELECT 1 FROM "{n}"').fetchall()) for n in names)
    entry.size = f"演示数据 {total} 行，{len(names)} 个表"
    return {"transfer_demo": entry}
