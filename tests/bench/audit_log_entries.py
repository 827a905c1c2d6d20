"""audit_log_100k and audit_log_100k_record: the 操作日志's first page over 100,000 entries, beside the same
SELECT run directly with sqlite3. Part of `python -m tests.bench limits`.

The log is the 30,000-person register's plus generated entries: 30,000 新增 of people (as imports write
them), 60,000 edits by five operators, 10,000 of memberships. The project side is the whole
`list_entries` call (or `record_history`, which first finds the person's membership rows): the page's
SELECT and putting it into words (labels, values, record titles); the limit
is that page's SELECT alone (for the history, also finding the memberships
by hand). Each round also checks both return the same entry ids. A note says how long
the same SELECT takes without the index on (operator, at), to show what the index is for.
"""

import json
import random
import sqlite3
import time
from datetime import datetime, timedelta

from tests.bench.limits import Entry, register_file

ENTRIES = 100_000
OPERATORS = ("联络室小王", "研究室老李", "提案办小张", "专委会老陈", "办公室小刘")
WANTED = "提案办小张"


def _fill(path) -> int:
    """Write the generated entries; returns a person id with a history."""
    con = sqlite3.connect(path)
    people = [row[0] for row in con.execute("SELECT id FROM person ORDER BY id")]
    con.execute("DELETE FROM audit_entry")
    rng, start, rows = random.Random(15), datetime(2024, 1, 1, 8), []
    for i in range(ENTRIES):
        at = (start + timedelta(seconds=i * 30)).isoformat(" ") + ".000000"
        person = people[i % len(people)]
        if i < 30_000:
            changes = {"name": f"委员{i}", "gender": "女", "mobile": f"139{i:08d}", "active": True, "party_id": 1}
            rows.append((at, OPERATORS[0], "person", person, "新增", changes))
        elif i < 40_000:
            changes = {"person_id": person, "level": "区", "sector_id": 1 + i % 20, "active": True}
            rows.append((at, OPERATORS[0], "membership", i, "新增", changes))
        else:
            operator = OPERATORS[rng.randrange(len(OPERATORS))]
            changes = {"mobile": [f"139{i:08d}", f"138{i:08d}"], "party_id": [1, 2]}
            rows.append((at, operator, "person", person, "修改", changes))
    con.executemany("INSERT INTO audit_entry (at, operator, entity, entity_id, action, changes) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(*row[:5], json.dumps(row[5], ensure_ascii=False)) for row in rows])
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return people[len(people) // 2]


def _literal_sql(statement) -> str:
    from sqlalchemy.dialects import sqlite

    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def audit_log_entries() -> dict[str, Entry]:
    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.services.audit_log import AuditFilter, entries_select, history_filter, list_entries, record_history

    path = register_file(30_000)
    database = open_database(sqlite_url(path)).database  # upgraded to this branch's schema (the new indexes)
    person = _fill(path)
    by_operator = AuditFilter(operator=WANTED)
    with database.session() as session:
        record = history_filter(session, "person", person)
        sql = {"audit_log_100k": _literal_sql(entries_select(session, by_operator)),
               "audit_log_100k_record": _literal_sql(entries_select(session, record))}
    con = sqlite3.connect(path)
    problems: dict[str, list[str]] = {name: [] for name in sql}
    shown: dict[str, list[int]] = {}

    def project(name, read):
        def run() -> float:
            started = time.perf_counter()
            with database.session() as session:
                page = read(session)
            elapsed = (time.perf_counter() - started) * 1000
            shown[name] = [row.id for row in page.rows]
            return elapsed
        return run

    def dependents() -> None:
        """What record_history first finds by hand: the person's memberships, and deleted ones' 新增 entries."""
        con.execute("SELECT id FROM membership WHERE person_id = ?", (person,)).fetchall()
        key = f'"person\\_id": {person}'
        con.execute("SELECT entity_id FROM audit_entry WHERE entity = 'membership' AND action = '新增' "
                    "AND (changes LIKE ? ESCAPE '\\' OR changes LIKE ? ESCAPE '\\')",
                    (f"%{key},%", f"%{key}}}%")).fetchall()

    def limit(name):
        def run() -> float:
            started = time.perf_counter()
            if name == "audit_log_100k_record":
                dependents()
            ids = [row[0] for row in con.execute(sql[name]).fetchall()]
            elapsed = (time.perf_counter() - started) * 1000
            if name in shown and ids[:len(shown[name])] != shown[name]:
                problems[name].append("程序与直接查询列出的记录不同")
            return elapsed
        return run

    def without_index() -> str:
        copy = sqlite3.connect(":memory:")
        con.backup(copy)
        copy.execute("DROP INDEX ix_audit_entry_operator_at")
        started = time.perf_counter()
        copy.execute(sql["audit_log_100k"]).fetchall()
        copy.close()
        return f"同一条 SELECT 去掉 (operator, at) 索引：{(time.perf_counter() - started) * 1000:.1f} 毫秒"

    read_page = project("audit_log_100k", lambda s: list_entries(s, by_operator))
    read_history = project("audit_log_100k_record", lambda s: record_history(s, "person", person))
    return {
        "audit_log_100k": Entry(f"10 万条中按操作人筛选的第一页（{WANTED}）", read_page,
                                limit("audit_log_100k"), notes=[without_index],
                                problems=problems["audit_log_100k"]),
        "audit_log_100k_record": Entry("10 万条中一位委员的修改记录（含职务）", read_history,
                                       limit("audit_log_100k_record"), problems=problems["audit_log_100k_record"]),
    }
