"""操作日志 and application-wide settings stored in the database."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.clock import now
from models.tables.base import Entity, datetime_field, text_field


class AuditEntry(SQLModel, table=True):
    """One change to one row, written by the flush listener in models/audit.py."""

    __tablename__ = "audit_entry"
    # The 操作日志 screen lists newest first, filtered by kind of record or operator: these serve the
    # ORDER BY at DESC of each filter without sorting the whole log (models/services/audit_log.py).
    __table_args__ = (sa.Index("ix_audit_entry_entity_at", "entity", "at"),
                      sa.Index("ix_audit_entry_operator_at", "operator", "at"))
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = datetime_field(nullable=False, index=True, default=None)
    operator: str | None = Field(default=None, max_length=50)
    entity: str = Field(max_length=50, nullable=False, index=True)
    entity_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=10, nullable=False)  # 新增/修改/删除
    changes: str | None = text_field()  # JSON: {field: [old, new]}


class AppSetting(Entity, table=True):
    """A named setting shared by everyone using this database (e.g. 履职积分 scheme)."""

    __tablename__ = "app_setting"
    key: str = Field(max_length=100, unique=True, nullable=False)
    value: str | None = Field(default=None, sa_type=sa.Text())


__all__ = ["AppSetting", "AuditEntry", "now"]
