"""The 统计 page's two loads send few statements, and give what hand-written SQL gives.

The hand-written SQL is the bench's limit (tests/bench/statistics_entries.py): here it runs on the small
world counted by hand (a member joining mid-year, one leaving, a merged duplicate, 工作人员, a meeting not
yet held), so the bench's comparison and the services check each other on the awkward cases too.
"""

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import event

from models.services.performance import format_infos, member_activities, member_records
from models.services.performance_scheme import Scheme
from models.services.statistics import overview, range_scope, year_scope
from tests.bench.statistics_entries import (
    differences,
    member_list_by_hand,
    member_list_figures,
    overview_by_hand,
    overview_figures,
)
from tests.models.statistics_world import build_world


@pytest.fixture
def world(database):
    return build_world(database)


class Selects:
    def __init__(self, database):
        self.database, self.statements = database, []

    def _remember(self, _conn, _cursor, statement, *_args):
        if statement.lstrip().lower().startswith("select"):
            self.statements.append(statement)

    def __enter__(self):
        event.listen(self.database.engine, "before_cursor_execute", self._remember)
        return self

    def __exit__(self, *_exc):
        event.remove(self.database.engine, "before_cursor_execute", self._remember)


def test_the_overview_of_a_year_and_the_year_before_takes_fourteen_statements(database, world):
    with database.session() as s, Selects(database) as selects:
        ov = overview(s, year_scope(2023))
    assert ov.current.figures.meetings == 2 and ov.previous.figures.meetings == 1  # M1 M2; M4 in 2022
    # formats, meeting lines (2), committee name, and five for each period (was 38: one per figure)
    assert len(selects.statements) <= 14


def test_the_member_list_takes_six_statements(database, world):
    with database.session() as s, Selects(database) as selects:
        records = member_records(member_activities(s, 2023), Scheme(), format_infos(s))
    assert {r.activity.name for r in records} >= {"甲", "乙", "丙"}
    # members with their lookup names, format keys, attendance, visits, proposals + bulletins +
    # instructions together, format_infos (was 11: a statement per count and per lookup)
    assert len(selects.statements) <= 6


def test_month_columns_of_a_range_come_from_its_meetings(database, world):
    with database.session() as s:
        ov = overview(s, range_scope(date(2022, 5, 1), date(2023, 3, 31)))
    months = {column.label: column.counts for column in ov.months}
    labels = [column.label for column in ov.months]
    assert labels[0] == "2022年5月" and labels[-1] == "2023年3月" and len(labels) == 11
    assert months["2022年6月"] == {"双月协商会": 1} and months["2023年3月"] == {"双月协商会": 1}
    assert sum(sum(c.values()) for c in months.values()) == len(ov.meetings) == 2


@pytest.mark.sqlite_only  # the hand-written statements are SQLite's (tests/bench/statistics.py)
def test_hand_written_sql_gives_the_services_figures(database, world, tmp_path):
    with database.session() as s:
        ov = overview(s, year_scope(2023))
        records = member_records(member_activities(s, 2023), Scheme(), format_infos(s))
    connection = sqlite3.connect(tmp_path / "test.sqlite")
    try:
        by_hand = overview_by_hand(connection, 2023, date.today())
        listed = member_list_by_hand(connection, 2023, Scheme())
    finally:
        connection.close()
    assert differences("year_overview", overview_figures(ov), by_hand) == []
    assert differences("member_list", member_list_figures(records), listed) == []
    yi = next(row for row in listed if row[1] == "乙")
    assert yi[11] == {"salon": (1, 1, 0)} and yi[12] == 1  # joined 2023-07-01: not M1, not V1 (before joining)


def test_a_difference_is_reported_where_it_is():
    same = {"a": [1, (2, datetime(2023, 3, 10))], "rate": 0.5}
    assert differences("x", same, {"a": [1, (2, datetime(2023, 3, 10))], "rate": 0.5}) == []
    found = differences("x", same, {"a": [1, (3, datetime(2023, 3, 10))], "rate": 0.5})
    assert found == ["x.a[1][0]：项目 2，手写 SQL 3"]
    assert differences("x", [1, 2], [1, 2, 3]) == ["x：项目 [1, 2]，手写 SQL [1, 2, 3]"]
