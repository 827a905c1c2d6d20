"""Numbers people see, allocated without races when several PCs save at once.

"The last number + 1" read by two clients at the same moment gives both the same number (two 第5期, two
议程 item 3; or a duplicate key for ids chosen by the app). A service that allocates such a number first
calls `hold_numbering(session, name)`: until its transaction ends no other client allocates numbers of
`name`, and the read that follows sees every number committed before.

- PostgreSQL: a transaction-scoped advisory lock on a key derived from `name` (other names do not wait).
- SQLite: the file has one writer at a time; a write that changes nothing takes its write lock now instead
  of at the first INSERT, so the read comes after the other writer's commit (waiting up to the busy timeout).

`allocate_ids` gives a bulk insert ids no other client can take: the sequence's on PostgreSQL (so the
sequence stays ahead of the rows), max + 1 … under the write lock on SQLite.
"""

import hashlib

from sqlalchemy import func, select, text


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(f"consultdesk:{name}".encode(), digest_size=8).digest(), "big",
                          signed=True)


def hold_numbering(session, name: str) -> None:
    """Allocate numbers of `name` alone until this transaction commits or rolls back."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
    else:
        connection.execute(text("UPDATE alembic_version SET version_num = version_num WHERE 1 = 0"))


def allocate_ids(session, table, count: int) -> list[int]:
    """`count` new ids for rows of `table` that will be inserted with explicit ids in this transaction."""
    if count <= 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        rows = connection.execute(select(func.nextval(sequence)).select_from(func.generate_series(1, count)))
        return sorted(row[0] for row in rows)
    hold_numbering(session, f"ids:{table.name}")
    first = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    return list(range(first, first + count))


__all__ = ["allocate_ids", "hold_numbering", "lock_key"]
