"""The read-only list table every page shows: whole rows selected, sortable, striped, no row numbers."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


def list_table(model, *, sort_column: int = 0, order=Qt.SortOrder.AscendingOrder, single: bool = False) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSortIndicator(sort_column, order)
    return table


__all__ = ["list_table"]
