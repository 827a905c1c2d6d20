"""insert_rows (models/services/bulk_insert.py) stores exactly what SQLAlchemy's insert(table) stores."""

from datetime import date, datetime

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, text

from models.services.bulk_insert import insert_rows
from models.tables import Membership

ROWS = [{"id": 1, "person_id": 7, "level": "区", "term": "第十六届", "sector_id": None, "role": "委员",
         "committee_id": 3, "liaison_group_id": None, "start_date": date(2022, 1, 5), "end_date": None,
         "active": True, "created_at": datetime(2026, 1, 2, 3, 4, 5, 6), "updated_at": datetime(2026, 1, 2),
         "version": 1},
        {"id": 2, "person_id": 8, "level": "市", "term": None, "sector_id": 4, "role": "常委", "committee_id": None,
         "liaison_group_id": 2, "start_date": None, "end_date": date(2027, 12, 31), "active": False,
         "created_at": datetime(2026, 5, 6), "updated_at": datetime(2026, 5, 6, 7, 8), "version": 3}]


def _stored(write) -> list[tuple]:
    engine = create_engine("sqlite://")
    table = Membership.__table__
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        write(connection, table)
        return connection.execute(text("SELECT * FROM membership ORDER BY id")).all()


@pytest.mark.sqlite_only  # compares SQLite's stored text byte for byte (PostgreSQL: the import tests)
def test_same_raw_values_as_sqlalchemy_insert():
    ours = _stored(lambda connection, table: insert_rows(connection, table, ROWS))
    theirs = _stored(lambda connection, table: connection.execute(insert(table), ROWS))
    assert ours == theirs and len(ours) == 2
    assert ours[0].created_at == "2026-01-02 03:04:05.000006"  # the text SQLAlchemy's DateTime reads back


@pytest.mark.sqlite_only  # an in-memory SQLite table: the check runs before any SQL
def test_refuses_rows_without_a_column_that_has_a_python_default():
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("kind", String, default="x"))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    with engine.begin() as connection, pytest.raises(ValueError, match="kind"):
        insert_rows(connection, table, [{"id": 1}])
