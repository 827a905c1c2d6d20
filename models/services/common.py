"""Small helpers shared by the services."""

from sqlmodel import Session, select

from models.errors import ConflictError, NotFoundError, ValidationError
from models.tables import MeetingFormat
from models.text import clean_line


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


def meeting_format_id(session: Session, code: str) -> int:
    row = session.exec(select(MeetingFormat).where(MeetingFormat.code == code)).first()
    if row is None:
        raise NotFoundError(f"找不到会议形式（代码 {code}），请检查参数设置。")
    return row.id
