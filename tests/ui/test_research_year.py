"""The 调研 page opens on this year, or on the latest year with visits when this one has none; 全部年度 stays a
choice, a reload keeps what the user chose, and a visit saved in a year not shown brings its year up."""

from datetime import date

import pytest

from models.services.research import create_visit
from tests.ui.conftest import settle
from ui.operations import run_command
from ui.views import research_page
from ui.views.research_page import ResearchPage, opening_year

WAIT = 30000


def on(monkeypatch, day: date) -> None:
    monkeypatch.setattr(research_page, "today", lambda: day)


def test_opening_year(monkeypatch):
    on(monkeypatch, date(2024, 3, 1))
    assert opening_year([2024, 2023]) == 2024
    assert opening_year([2023, 2022]) == 2023  # nothing yet this year: the latest with visits
    assert opening_year([2025, 2023]) == 2025
    assert opening_year([]) is None  # no visits at all: 全部年度


def open_page(qtbot, context) -> ResearchPage:
    page = ResearchPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    return page


@pytest.mark.parametrize(("day", "year", "shown"), [(date(2022, 6, 1), 2022, 6), (date(2026, 12, 1), 2023, 13)])
def test_the_page_opens_on_one_year_and_keeps_the_choice(qtbot, demo_context, monkeypatch, day, year, shown):
    on(monkeypatch, day)
    page = open_page(qtbot, demo_context)
    assert page.year.value() == year and page.year.currentText() == f"{year}年"
    assert page.model.rowCount() == shown and all(v.visit_date.year == year for v in page.model.rows)
    assert f"共 {shown} 次调研" in page.counts.text() and "全部 19 次" in page.counts.text()
    assert page.year.itemText(0) == "全部年度"
    page.year.setCurrentIndex(0)  # as the user picks it
    assert page.model.rowCount() == 19
    page.reload()  # what a change elsewhere causes: the choice stays
    settle(qtbot, demo_context)
    assert page.year.value() is None and page.model.rowCount() == 19


def test_a_visit_saved_in_a_year_not_shown_brings_its_year(qtbot, demo_context, monkeypatch):
    on(monkeypatch, date(2023, 9, 1))
    page = open_page(qtbot, demo_context)
    assert page.year.value() == 2023
    saved = []
    run_command(demo_context, page, lambda s: create_visit(s, kind="座谈", visit_date=date(2021, 11, 5),
                                                           title="补录：2021年社区养老服务座谈"),
                on_done=lambda visit_id: saved.append(visit_id) or page._select_when_loaded(visit_id))
    qtbot.waitUntil(lambda: bool(saved) and page.selected() is not None and page.selected().id == saved[0],
                    timeout=WAIT)
    assert page.year.value() == 2021 and page.model.rowCount() == 1
    page.reload()  # and stays there, as the user's choice would
    settle(qtbot, demo_context)
    assert page.year.value() == 2021
