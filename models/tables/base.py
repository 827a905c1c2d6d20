"""Shared columns: id, timestamps and the optimistic-concurrency version."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from models.clock import now

# Named constraints keep Alembic's SQLite batch mode able to find them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def datetime_field(*, nullable: bool = True, index: bool = False, **kw):
    """A naive local datetime column (the office works in one time zone)."""
    default = kw.pop("default", None)
    return Field(default=default, sa_type=sa.DateTime(), nullable=nullable, index=index, **kw)


def text_field(*, nullable: bool = True):
    """Unlimited text (minutes, content, notes)."""
    return Field(default=None, sa_type=sa.Text(), nullable=nullable)


class Entity(SQLModel):
    """Base of every editable table.

    `version` is SQLAlchemy's version counter: each UPDATE checks it in its WHERE clause,
    so a stale write fails instead of overwriting (db.py turns that into ConflictError).
    """

    # Table rows are not validated by pydantic: its schema is built only if something asks (faster start-up).
    model_config = {"defer_build": True}

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=now, sa_type=sa.DateTime(), nullable=False)
    updated_at: datetime = Field(
        default_factory=now, sa_type=sa.DateTime(), nullable=False,
        sa_column_kwargs={"onupdate": now},
    )
    version: int = Field(default=1, nullable=False)

    @declared_attr
    def __mapper_args__(cls):  # noqa: N805 - SQLAlchemy declared_attr takes the class
        return {"version_id_col": cls.__table__.c.version}


class HistoryRow(SQLModel):
    """Base of append-only rows (status history): never edited, so no version."""

    model_config = {"defer_build": True}  # as Entity

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=now, sa_type=sa.DateTime(), nullable=False)


class StatusChangeRow(HistoryRow):
    """One step of a status history: from, to, on which date, why, by whom."""

    from_status: str | None = Field(default=None, max_length=10)
    to_status: str = Field(max_length=10, nullable=False)
    changed_on: date = Field(nullable=False)
    note: str | None = text_field()
    operator: str | None = Field(default=None, max_length=50)


__all__ = ["Entity", "HistoryRow", "StatusChangeRow", "date", "datetime", "datetime_field", "text_field"]
