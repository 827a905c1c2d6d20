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


def selected_positions(table: QTableView) -> list[int]:
    """The selected rows, top to bottom. Read from the selection's ranges: QItemSelectionModel.selectedRows()
    asks the model about every column of every row, which costs seconds with thousands selected."""
    selection = table.selectionModel()
    if selection is None:
        return []
    rows: set[int] = set()
    for part in selection.selection():
        rows.update(range(part.top(), part.bottom() + 1))
    return sorted(rows)


def selected_rows(table: QTableView) -> list:
    """The rows selected, top to bottom, as the model's row objects."""
    model = table.model()
    positions = selected_positions(table)
    rows_at = getattr(model, "rows_at", None)
    if rows_at is not None:
        return rows_at(positions)
    return [row for row in (model.row_at(r) for r in positions) if row is not None]


def current_row(table: QTableView):
    rows = selected_rows(table)
    return rows[0] if len(rows) == 1 else None


def _positions(model, keys: Iterable) -> list[int]:
    find = getattr(model, "positions_of", None)
    if find is not None:
        return find(keys)
    return sorted({p for p in (model.index_of_key(key) for key in keys) if p >= 0})


def select_keys(table: QTableView, keys: Iterable, *, scroll: bool = True) -> int:
    """Select the rows with these keys (contiguous rows as ranges): one pass, whatever the list's length.
    Returns how many were found."""
    model = table.model()
    positions = _positions(model, keys)
    selection = QItemSelection()
    last_column = max(model.columnCount() - 1, 0)
    index = model.createIndex  # no row/column check per call: the positions come from the model itself
    start = previous = None
    for position in positions:
        if start is None:
            start = previous = position
        elif position == previous + 1:
            previous = position
        else:
            selection.select(index(start, 0), index(previous, last_column))
            start = previous = position
    if start is not None:
        selection.select(index(start, 0), index(previous, last_column))
    # The ranges already span every column: no Rows flag, which would make Qt widen each range again. The view
    # would work out the screen area of each range to repaint: it repaints what it shows once instead.
    selection_model = table.selectionModel()
    was_blocked = selection_model.blockSignals(True)
    selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection_model.blockSignals(was_blocked)
    table.viewport().update()
    if not was_blocked:
        selection_model.selectionChanged.emit(QItemSelection(), QItemSelection())  # for the buttons that listen
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


__all__ = ["ROW_HEIGHT", "current_row", "kept_view", "list_table", "select_keys", "selected_positions",
           "selected_rows"]
