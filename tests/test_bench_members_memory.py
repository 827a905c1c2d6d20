"""members_memory_30k counts what is kept, not what was only passed through; its limit reads the same register."""

from models.services.people_list import load_people
from tests.bench.members_memory import kept_bytes, raw_rows


def test_only_what_is_still_alive_counts(qapp):
    closed = []
    kept, peak = kept_bytes(lambda: bytearray(4_000_000), closed.append)
    assert kept >= 4_000_000 and peak >= kept and len(closed) == 1
    passed, peak = kept_bytes(lambda: len(bytearray(4_000_000)), closed.append)  # made and dropped
    assert passed < 100_000 and peak >= 4_000_000


def test_the_limit_rows_are_the_register_the_page_shows(demo_file, demo_database):
    raw = raw_rows(demo_file)
    with demo_database.session() as session:
        rows = load_people(session)
    assert [r[0] for r in raw] == [row.id for row in rows]  # same people, same (stroke) order
    assert [(r[2], r[-7], r[-6], r[-3], r[-1]) for r in raw] == [
        (row.name, row.levels, row.sector, row.party, row.haystack) for row in rows]
