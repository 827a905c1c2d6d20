"""The engine, SQLite connection settings and the transaction boundary."""

import pytest
from sqlalchemy import text
from sqlmodel import select

from models.db import BUSY_TIMEOUT_MS, Database, sqlite_path
from models.errors import ConflictError
from models.tables import Sector


@pytest.mark.sqlite_only
def test_sqlite_connections_get_foreign_keys_wal_and_busy_timeout(database):
    with database.session() as session:
        assert session.exec(text("PRAGMA foreign_keys")).one()[0] == 1
        assert session.exec(text("PRAGMA journal_mode")).one()[0] == "wal"
        assert session.exec(text("PRAGMA busy_timeout")).one()[0] == BUSY_TIMEOUT_MS


def test_sqlite_path_of_urls(tmp_path):
    assert sqlite_path(f"sqlite:///{tmp_path}/a.sqlite") == tmp_path / "a.sqlite"
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("postgresql://user:pw@server/consultdesk") is None


def test_display_name_hides_password():
    db = Database("postgresql+psycopg://clerk:secret@server/consultdesk", engine=object())
    assert "secret" not in db.display_name
    assert "server" in db.display_name


def test_session_rolls_back_when_the_block_fails(database):
    with pytest.raises(RuntimeError), database.session() as session:
        session.add(Sector(name="临时界别", sort_order=99))
        session.flush()
        raise RuntimeError("boom")
    with database.session() as session:
        assert session.exec(select(Sector).where(Sector.name == "临时界别")).first() is None


def test_foreign_keys_are_enforced(database):
    from sqlalchemy.exc import IntegrityError

    from models.tables import Membership

    with pytest.raises(IntegrityError), database.session() as session:
        session.add(Membership(person_id=424242, level="区"))
        session.flush()


def test_stale_update_raises_conflict(database):
    """Two windows load the same row; the second save must not overwrite the first."""
    with database.session() as session:
        sector_id = session.exec(select(Sector.id).where(Sector.name == "经济")).one()
    with pytest.raises(ConflictError) as caught, database.session() as slow:
        stale = slow.get(Sector, sector_id)  # read at version 1
        with database.session() as quick:
            quick.get(Sector, sector_id).name = "经济界"
        stale.name = "经济界别"  # saving this at commit finds version 2
    assert "已被他人修改" in caught.value.message
    with database.session() as session:
        row = session.get(Sector, sector_id)
        assert (row.name, row.version) == ("经济界", 2)
