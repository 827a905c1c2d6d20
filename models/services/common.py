"""Small helpers shared by the services."""

from datetime import date

from sqlmodel import Session, select

from models.audit import current_operator
from models.clock import today
from models.errors import ConflictError, NotFoundError, ValidationError
from models.tables import MeetingFormat
from models.text import clean_block, clean_line
from models.vocab import allowed_next


def get_row(session: Session, table, row_id: int, what: str, expected_version: int | None = None):
    """Load a row for change; a missing row or another version is reported in Chinese."""
    row = session.get(table, row_id)
    if row is None:
        raise NotFoundError(f"该{what}已不存在（可能已被他人删除）。")
    if expected_version is not None and row.version != expected_version:
        raise ConflictError()
    return row


def required_text(value, label: str, max_length: int, field: str | None = None) -> str:
    text = clean_line(value)
    if not text:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise ValidationError(f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。", field=field)
    return text


def optional_text(value, label: str, max_length: int, field: str | None = None) -> str | None:
    text = clean_line(value)
    if len(text) > max_length:
        raise ValidationError(f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。", field=field)
    return text or None


# PostgreSQL's INTEGER holds up to this; a larger number typed or imported is refused here, in Chinese,
# instead of by the server (DataError). SQLite would store it, so both engines get the same rule.
INTEGER_MAX = 2**31 - 1
YEAR_MIN, YEAR_MAX = 1900, 2999  # as the statistics' year field
NUMBER_MAX = 9999  # 期号, 发言顺序: far beyond any real one, and well inside INTEGER


def whole_number(value, label: str, field: str | None = None, *, low: int = 1, high: int = INTEGER_MAX) -> int:
    """`value` as a whole number from `low` to `high`, or a ValidationError saying so."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = "" if value is None else f"（当前为 {value}）"
        raise ValidationError(f"{label}须为 {low} 到 {high} 之间的整数{shown}。", field=field)
    return value


def optional_number(value, label: str, field: str | None = None, *, low: int = 1, high: int = INTEGER_MAX):
    return None if value is None else whole_number(value, label, field, low=low, high=high)


def check_year(value, label: str = "年份", field: str | None = "year") -> int:
    return whole_number(value, label, field, low=YEAR_MIN, high=YEAR_MAX)


def nulls_low(column, *, descending: bool = False) -> tuple:
    """ORDER BY terms for a column that may be empty, putting empty values where SQLite does (below every
    value: first, or last when descending) on every engine: PostgreSQL sorts NULL above every value."""
    empty = column.is_(None)
    return (empty, column.desc()) if descending else (empty.desc(), column)


def meeting_format_id(session: Session, code: str) -> int:
    row = session.exec(select(MeetingFormat).where(MeetingFormat.code == code)).first()
    if row is None:
        raise NotFoundError(f"找不到会议形式（代码 {code}），请检查参数设置。")
    return row.id


def record_status(session: Session, row, history_row_class, status: str, *, on: date | None, note: str | None,
                  from_status: str | None = None) -> None:
    """Append a status-history row (who, when, why) and set the new status; who: the operator of `session`'s
    database (models/audit.py)."""
    row.history.append(history_row_class(from_status=from_status, to_status=status, changed_on=on or today(),
                                         note=clean_block(note), operator=current_operator(session)))
    row.status = status


def move_status(session: Session, row, transitions: dict, status: str, history_row_class, *, what: str,
                on: date | None, note: str | None, finished: str = "无") -> None:
    """Move `row` one allowed step; a jump is refused naming the steps that are allowed."""
    allowed = allowed_next(transitions, row.status)
    if status not in allowed:
        names = "、".join(allowed) or finished
        raise ValidationError(f"{what}不能从“{row.status}”直接改为“{status}”。下一步可选：{names}。", field="status")
    record_status(session, row, history_row_class, status, on=on, note=note, from_status=row.status)
    session.add(row)
    session.flush()
