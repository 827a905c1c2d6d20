"""First run seeds the lookup tables once; what users delete later does not come back."""

from sqlmodel import select

from models.migrate import open_database
from models.reference_data import COMMITTEES, MEETING_FORMATS, PARTIES, SECTORS, TOPIC_CRITERIA
from models.services import lookups
from models.tables import GuestCategory, MeetingFormat, Party, Sector, TopicCriterion
from models.vocab import GUEST_CATEGORIES


def names(session, table):
    return [row.name for row in session.exec(select(table).order_by(table.sort_order))]


def test_first_run_seeds_every_lookup_table(database):
    with database.session() as session:
        assert names(session, Sector) == list(SECTORS)
        assert len(SECTORS) == 28 and "九三学社" in SECTORS and "特邀" in SECTORS
        assert names(session, Party)[:3] == ["中共", "民革", "民盟"] and names(session, Party) == list(PARTIES)
        assert names(session, GuestCategory) == list(GUEST_CATEGORIES)
        formats = session.exec(select(MeetingFormat).order_by(MeetingFormat.sort_order)).all()
        assert [(f.code, f.name) for f in formats] == list(MEETING_FORMATS)
        criteria = session.exec(select(TopicCriterion).order_by(TopicCriterion.sort_order)).all()
        assert [(c.name, c.weight) for c in criteria] == list(TOPIC_CRITERIA)
        assert sum(c.weight for c in criteria) == 100
        assert len(lookups.list_values(session, "committee")) == len(COMMITTEES)
        assert lookups.list_values(session, "liaison_group") == []  # district-specific: users add their own


def test_seeding_happens_once(database_url):
    url = database_url
    db = open_database(url).database
    with db.session() as session:
        unused = next(v for v in lookups.list_values(session, "sector") if v.name == "宗教")
        lookups.delete_value(session, "sector", unused.id)
    db.dispose()
    db = open_database(url).database
    with db.session() as session:
        assert "宗教" not in names(session, Sector)
        assert len(names(session, Sector)) == len(SECTORS) - 1
    db.dispose()
