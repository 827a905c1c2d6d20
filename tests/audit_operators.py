"""Entries written under a chosen operator's name, on either engine, for tests of reading the 操作日志.

Who is recorded is decided by models/audit.py (the login on a server, this PC's name on a file) and tested in
tests/models/test_audit_operator.py. A test of the log reader only needs entries that name several people, so
the entries `work` writes are relabelled afterwards, the same way on SQLite and PostgreSQL."""

from sqlalchemy import func, select, update

from models.tables import AuditEntry


def last_entry_id(session) -> int:
    return session.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one()


def relabel_since(session, after_id: int, operator: str) -> None:
    session.execute(update(AuditEntry).where(AuditEntry.id > after_id).values(operator=operator))
    session.commit()


def written_by(operator: str, session_of, work):
    """`work(session)` run in a session from `session_of()`, its entries then naming `operator`."""
    with session_of() as session:
        before = last_entry_id(session)
    with session_of() as session:
        result = work(session)
    with session_of() as session:
        relabel_since(session, before, operator)
    return result
