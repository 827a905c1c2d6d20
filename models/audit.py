"""操作日志: every flush writes who changed which row, and which fields, to audit_entry.

Hooked on the session factory in db.py, so no service has to remember it.
"""

import getpass
import json
from datetime import date, datetime

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from models.clock import now
from models.tables import AuditEntry

_SKIP_TABLES = {"audit_entry"}
# Derived columns (sort keys) are recomputed, not edited: logging them would only add noise.
_SKIP_COLUMNS = {"id", "created_at", "updated_at", "version", "sort_stroke", "sort_pinyin", "name_initials"}
_MAX_TEXT = 200
_operator: str | None = None


def set_operator(name: str | None) -> None:
    """Name recorded as the operator (defaults to the operating-system user)."""
    global _operator
    _operator = name


def current_operator() -> str:
    if _operator:
        return _operator
    try:
        return getpass.getuser()[:50]
    except Exception:  # no user name available (e.g. some services)
        return "未知"


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and len(value) > _MAX_TEXT:
        return value[:_MAX_TEXT] + "…"
    return value


def _columns(obj):
    mapper = inspect(obj).mapper
    return [attr for attr in mapper.column_attrs if attr.key not in _SKIP_COLUMNS]


def _entry(obj, action: str, changes: dict, at, operator) -> dict | None:
    table = getattr(obj, "__tablename__", None)
    if table is None or table in _SKIP_TABLES:
        return None
    return {
        "at": at, "operator": operator, "entity": table, "entity_id": getattr(obj, "id", None),
        "action": action, "changes": json.dumps(changes, ensure_ascii=False) if changes else None,
    }


def added_entry(table: str, row_id: int, values: dict, at, operator) -> dict:
    """The entry a flush would write for a new row: for bulk inserts, which bypass the flush."""
    changes = {key: _plain(value) for key, value in values.items() if key not in _SKIP_COLUMNS and value is not None}
    return {"at": at, "operator": operator, "entity": table, "entity_id": row_id, "action": "新增",
            "changes": json.dumps(changes, ensure_ascii=False) if changes else None}


def changed_entry(table: str, row_id: int, old: dict, new: dict, at, operator) -> dict | None:
    """The entry a flush would write for a changed row (None if no logged field changed): for bulk updates."""
    changes = {key: [_plain(old.get(key)), _plain(value)] for key, value in new.items()
               if key not in _SKIP_COLUMNS and old.get(key) != value}
    if not changes:
        return None
    return {"at": at, "operator": operator, "entity": table, "entity_id": row_id, "action": "修改",
            "changes": json.dumps(changes, ensure_ascii=False)}


def write_entries(session: Session, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(AuditEntry.__table__.insert(), rows)


def _in_order(objects) -> list:
    return sorted(objects, key=lambda obj: (getattr(obj, "__tablename__", ""), getattr(obj, "id", None) or 0))


def _deleted(session: Session, flush_context) -> list:
    """Rows this flush deleted: session.deleted misses orphans (a membership removed from a person's list
    is deleted by the flush's delete-orphan cascade), the flush's own states have them."""
    states = getattr(flush_context, "states", None)
    if states is None:
        return list(session.deleted)
    return [state.obj() for state, (is_delete, _list_only) in states.items() if is_delete and state.obj() is not None]


def record_flush(session: Session, _flush_context) -> None:
    """after_flush listener: the new/dirty/deleted sets and attribute history are still intact.

    Those are sets (dirty ones hashed by object address): each kind's entries are written in (table, id)
    order instead, so the same change logs the same entries in the same order on every engine and run."""
    at, operator = now(), current_operator()
    rows = []
    for obj in _in_order(session.new):
        changes = {a.key: _plain(getattr(obj, a.key)) for a in _columns(obj)
                   if getattr(obj, a.key) is not None}
        rows.append(_entry(obj, "新增", changes, at, operator))
    for obj in _in_order(session.dirty):
        state = inspect(obj)
        changes = {}
        for attr in _columns(obj):
            history = state.attrs[attr.key].history
            if history.has_changes() and (history.added or history.deleted):
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    changes[attr.key] = [_plain(old), _plain(new)]
        if changes:
            rows.append(_entry(obj, "修改", changes, at, operator))
    for obj in _in_order(_deleted(session, _flush_context)):
        label = getattr(obj, "name", None) or getattr(obj, "title", None)
        rows.append(_entry(obj, "删除", {"name": _plain(label)} if label else {}, at, operator))
    write_entries(session, [row for row in rows if row is not None])
