"""The 履职档案 list's load: no cyclic collection while it builds its objects, totals counted in one pass."""

import gc
from dataclasses import replace

import pytest

from models.services import performance
from models.services.performance import Tally, format_infos, member_activities, member_records
from models.services.performance_scheme import Scheme
from tests.models.statistics_world import build_world


@pytest.fixture
def world(database):
    return build_world(database)


def test_load_builds_with_the_collector_paused(database, world, monkeypatch):
    """The counting and the scoring run with automatic collection off, and it is on again afterwards."""
    seen = []

    def watched(function):
        def call(*args, **kwargs):
            seen.append((function.__name__, gc.isenabled()))
            return function(*args, **kwargs)
        return call

    for name in ("_attendance", "_visits", "_score"):
        monkeypatch.setattr(performance, name, watched(getattr(performance, name)))
    gc.enable()
    with database.session() as s:
        records = member_records(member_activities(s, 2023), Scheme(), format_infos(s))
    assert records and {name for name, _ in seen} == {"_attendance", "_visits", "_score"}
    assert not any(enabled for _, enabled in seen)
    assert gc.isenabled()  # given back as it was


def test_pause_gives_back_a_disabled_collector(database, world):
    gc.disable()
    try:
        with database.session() as s:
            member_activities(s, 2023)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_totals_counted_in_the_same_pass_equal_the_formats_sum(database, world):
    with database.session() as s:
        activities = member_activities(s, 2023)
    assert any(a.meetings for a in activities)
    for a in activities:
        tallies = a.meetings.values()
        assert a.total == Tally(sum(t.invited for t in tallies), sum(t.present for t in tallies),
                                sum(t.leave for t in tallies))
    # A copy with other meetings works its total out afresh (the seeded cache is per object).
    busy = next(a for a in activities if a.meetings)
    copy = replace(busy, meetings={"salon": Tally(3, 1, 1)})
    assert (copy.total, copy.total.absent) == (Tally(3, 1, 1), 1)


def test_tally_sums_and_absences():
    assert Tally(2, 1, 0) + Tally(3, 1, 1) == Tally(5, 2, 1)
    assert Tally(5, 2, 1).absent == 2 and Tally() == Tally(0, 0, 0)
