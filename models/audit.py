"""操作日志: every flush writes who changed which row, and which fields, to audit_entry.

Hooked on the session factory in db.py, so no service has to remember it.

Who ("the operator"): on PostgreSQL the database login (session_user: an editor may SET ROLE to, or inherit,
a group role, which current_user would name instead), asked once per connection; on a SQLite file the name
this PC gave in 设置 → 本机操作人… (ui/dialogs/operator_dialog.py), else the system user. Kept per database
(an Operator on its session factory), never per process: two databases open at once each name their own.
"""

import getpass
import json
from datetime import date, datetime

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from models.clock import now
from models.errors import ValidationError
from models.tables import AuditEntry
from models.text import is_fit

_SKIP_TABLES = {"audit_entry"}
# Derived columns (sort keys) are recomputed, not edited: logging them would only add noise.
NOT_LOGGED_COLUMNS = {"id", "created_at", "updated_at", "version", "sort_stroke", "sort_pinyin", "name_initials"}
_MAX_TEXT = 200
# Settings whose value is a key (入场码, models/services/entry_codes.py): the log, which every account may read
# and 操作日志 shows, says that it was set, never what to
_SECRET_SETTINGS = {"entry_code_secret"}
SECRET_SHOWN = "（密钥，不记录）"
OPERATOR_MAX = 50  # audit_entry.operator and the status histories' operator are VARCHAR(50)
OPERATOR_KEY = "operator"  # Session.info: the database's Operator (db.py gives it to every session)
_LOGIN_KEY = "session_user"  # a PostgreSQL connection's info: its login, once asked
# Session.info: the operator of rows the program writes by itself, not a person (the demo's thousands of rows
# would otherwise be logged as whoever first opened the demo)
BUILT_BY_KEY = "built_by"
DEMO_OPERATOR = "演示数据"
SEED_OPERATOR = "程序初始设置"  # the lookups, criteria and settings a new database starts with


class Operator:
    """Who one open database records as the operator. `pc_name`: this PC's name for the log (set by the ui
    from this PC's settings), used on SQLite only; a server always records the login."""

    def __init__(self, pc_name: str | None = None):
        self.pc_name = pc_name


def system_user() -> str:
    try:
        return getpass.getuser()[:OPERATOR_MAX] or "未知"
    except Exception:  # no user name available (e.g. some services)
        return "未知"


def server_login(connection) -> str:
    """The login of a PostgreSQL connection: asked once, then kept with the connection (in the pool too)."""
    info = connection.info
    login = info.get(_LOGIN_KEY)
    if login is None:
        login = info[_LOGIN_KEY] = connection.exec_driver_sql("SELECT session_user").scalar()
    return login[:OPERATOR_MAX]  # a role name may be 63 characters long


def current_operator(session: Session) -> str:
    """The operator of what `session` writes: what the program names its own writing (BUILT_BY_KEY: the
    demo, the seed), else the login on a server, else this PC's name or the system user."""
    built_by = session.info.get(BUILT_BY_KEY)
    if built_by:
        return built_by
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return server_login(connection)
    operator = session.info.get(OPERATOR_KEY)
    return (operator.pc_name if operator is not None else None) or system_user()


def check_operator_name(text: str | None) -> str:
    """This PC's name for the log as typed, trimmed; "" (the system user) when empty. A name no file or log
    line could hold, or one a spreadsheet would take for a formula, is refused in Chinese."""
    name = (text or "").strip()
    if len(name) > OPERATOR_MAX:
        raise ValidationError(f"姓名最多 {OPERATOR_MAX} 个字，现在有 {len(name)} 个字，请缩短。", field="name")
    if not is_fit(name) or any(ch in name for ch in "\n\t"):
        raise ValidationError("姓名中有无法保存的字符（例如从其他程序复制来的不可见字符或换行），"
                              "请删除后重新输入。", field="name")
    if name.startswith("="):
        raise ValidationError("姓名不能以“=”开头（在 Excel 中打开操作日志时会被当作公式），请去掉“=”。",
                              field="name")
    return name


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and len(value) > _MAX_TEXT:
        return value[:_MAX_TEXT] + "…"
    return value


def _columns(obj):
    mapper = inspect(obj).mapper
    return [attr for attr in mapper.column_attrs if attr.key not in NOT_LOGGED_COLUMNS]


def _entry(obj, action: str, changes: dict, at, operator) -> dict | None:
    table = getattr(obj, "__tablename__", None)
    if table is None or table in _SKIP_TABLES:
        return None
    if table == "app_setting" and getattr(obj, "key", None) in _SECRET_SETTINGS and "value" in changes:
        changes = {**changes, "value": SECRET_SHOWN}
    return {
        "at": at, "operator": operator, "entity": table, "entity_id": getattr(obj, "id", None),
        "action": action, "changes": json.dumps(changes, ensure_ascii=False) if changes else None,
    }


def added_entry(table: str, row_id: int, values: dict, at, operator) -> dict:
    """The entry a flush would write for a new row: for bulk inserts, which bypass the flush."""
    changes = {key: _plain(value) for key, value in values.items()
               if key not in NOT_LOGGED_COLUMNS and value is not None}
    return {"at": at, "operator": operator, "entity": table, "entity_id": row_id, "action": "新增",
            "changes": json.dumps(changes, ensure_ascii=False) if changes else None}


def changed_entry(table: str, row_id: int, old: dict, new: dict, at, operator) -> dict | None:
    """The entry a flush would write for a changed row (None if no logged field changed): for bulk updates."""
    changes = {key: [_plain(old.get(key)), _plain(value)] for key, value in new.items()
               if key not in NOT_LOGGED_COLUMNS and old.get(key) != value}
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
    at, operator = now(), current_operator(session)
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
