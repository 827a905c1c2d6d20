"""The 委员 list's model on real reloads: one sort and one filter pass, the selection kept, every column sortable."""

from PySide6.QtCore import Qt

import ui.table_models.person_model as person_model
from models.changes import Area, Changes
from tests.ui.conftest import settle


def counted(monkeypatch, page) -> dict[str, int]:
    """Count the sorts and the rows the filter tests from now on."""
    calls = {"sorts": 0, "tested": 0}
    sort, make_filter = page.model._sorted_order, person_model.predicate

    def sorted_order():
        calls["sorts"] += 1
        return sort()

    def predicate(people_filter):
        keep = make_filter(people_filter)

        def counting(row):
            calls["tested"] += 1
            return keep(row)
        return counting

    monkeypatch.setattr(page.model, "_sorted_order", sorted_order)
    monkeypatch.setattr(person_model, "predicate", predicate)
    return calls


def test_a_full_reload_sorts_once_filters_once_and_keeps_the_selection(qtbot, members_page, demo_context,
                                                                      monkeypatch):
    page = members_page
    shown = page.model.visible_rows()
    chosen = [shown[3].id, shown[40].id, shown[200].id]
    page.actions.select_ids(chosen)
    calls = counted(monkeypatch, page)
    before = page.model.rows
    demo_context.notices.publish(Changes(frozenset({Area.LOOKUPS})))  # a renamed 界别: every row again
    qtbot.waitUntil(lambda: page.model.rows is not before, timeout=30000)
    settle(qtbot, demo_context)
    assert calls == {"sorts": 1, "tested": 379}  # the old rows are not filtered first
    assert sorted(page.actions.selected_ids()) == sorted(chosen)
    assert page.count_label.text() == f"显示 {page.model.shown} / 共 379 人"


def test_a_search_filters_the_rows_once(qtbot, members_page, monkeypatch):
    calls = counted(monkeypatch, members_page)
    members_page.search.setText("田")
    members_page.apply_filter()
    assert calls == {"sorts": 0, "tested": 379} and 0 < members_page.model.shown < 379


def test_every_column_sorts_both_ways(qtbot, members_page):
    page, model = members_page, members_page.model
    page.filters.status.setCurrentIndex(page.filters.status.findText("全部"))  # 在任 and 离任: empty cells too
    everyone = sorted(row.id for row in model.visible_rows())
    for position, column in enumerate(model.columns):
        page.table.sortByColumn(position, Qt.SortOrder.AscendingOrder)
        ascending = model.visible_rows()
        page.table.sortByColumn(position, Qt.SortOrder.DescendingOrder)
        assert model.visible_rows() == ascending[::-1], column.key
        assert sorted(row.id for row in ascending) == everyone, column.key
        texts = [column.cell(row) for row in ascending]
        if column.key == "name":
            assert [row.sort_stroke for row in ascending] == sorted(row.sort_stroke for row in ascending)
        elif column.sort is None:  # the value, empty cells last
            filled = [text for text in texts if text]
            assert texts == filled + [""] * (len(texts) - len(filled)) and filled == sorted(filled), column.key
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row.id for row in model.visible_rows()] == [row.id for row in model.rows]  # stroke order, as read
