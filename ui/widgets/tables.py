"""The list table every screen shows (whole rows selected, sortable, striped) and the helpers around it:
the selected rows, selecting rows again by their keys after a reload or a filter (linear in the list), and
keeping the scroll position while the rows are replaced."""

from collections.abc import Iterable
from contextlib import contextmanager

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

ROW_HEIGHT = 26


def list_table(model, *, sort_column: int | None = 0, order=Qt.SortOrder.AscendingOrder, single: bool = False,
               movable: bool = False, sortable: bool = True, stretch_last: bool = False) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if single
                           else QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionsMovable(movable)
    header.setStretchLastSection(stretch_last)
    for index, column in enumerate(getattr(model, "columns", ())):
        if hasattr(column, "pixels"):
            table.setColumnWidth(index, column.pixels)
    if sortable and sort_column is not None:
        header.setSortIndicator(sort_column, order)
        table.setSortingEnabled(True)
    return table


def selected_rows(table: QTableView) -> list:
    """The rows selected, top to bottom, as the model's row objects."""
    selection = table.selectionModel()
    model = table.model()
    if selection is None:
        return []
    rows = sorted(index.row() for index in selection.selectedRows())
    return [row for row in (model.row_at(r) for r in rows) if row is not None]


def current_row(table: QTableView):
    rows = selected_rows(table)
    return rows[0] if len(rows) == 1 else None


def select_keys(table: QTableView, keys: Iterable, *, scroll: bool = True) -> int:
    """Select the rows with these keys (contiguous rows as ranges): one pass, whatever the list's length.
    Returns how many were found."""
    model = table.model()
    positions = sorted({p for p in (model.index_of_key(key) for key in keys) if p >= 0})
    selection = QItemSelection()
    last_column = max(model.columnCount() - 1, 0)
    start = previous = None
    for position in positions:
        if start is None:
            start = previous = position
        elif position == previous + 1:
            previous = position
        else:
            selection.select(model.index(start, 0), model.index(previous, last_column))
            start = previous = position
    if start is not None:
        selection.select(model.index(start, 0), model.index(previous, last_column))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(selection, flags)
    if scroll and positions:
        table.scrollTo(model.index(positions[0], 0))
    return len(positions)


@contextmanager
def kept_view(table: QTableView, *, follow_selection: bool = False):
    """Replace the rows inside this block: the selection (by key) and the scroll position survive
    (with `follow_selection`, as after a filter, the view shows the first selected row instead)."""
    model = table.model()
    keys = [model.key(row) for row in selected_rows(table)]
    scroll = table.verticalScrollBar().value()
    current = table.currentIndex()
    current_key = model.key(model.row_at(current.row())) if current.isValid() and model.row_at(current.row()) \
        is not None else None
    yield
    if keys:
        select_keys(table, keys, scroll=follow_selection)
    if current_key is not None:
        position = model.index_of_key(current_key)
        if position >= 0:
            table.selectionModel().setCurrentIndex(model.index(position, max(current.column(), 0)),
                                                   QItemSelectionModel.SelectionFlag.NoUpdate)
    if not follow_selection:
        table.verticalScrollBar().setValue(scroll)


__all__ = ["ROW_HEIGHT", "current_row", "kept_view", "list_table", "select_keys", "selected_rows"]
