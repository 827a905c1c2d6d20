"""A read-only table over a list of plain rows (dataclasses), with columns described once.

Each column is (header, getter, align_right); sorting uses an optional key per column.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class RowColumn:
    header: str
    text: Callable[[object], str]
    sort_key: Callable[[object], object] | None = None
    right: bool = False
    coloured: bool = True  # whether the model's row colour applies to this column


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: list[RowColumn], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list = []
        self.colour: Callable[[object], str | None] = lambda _row: None

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.columns[section].header if orientation == Qt.Orientation.Horizontal else section + 1

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.coloured:
            colour = self.colour(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):  # no columns yet, or no sort column chosen
            return
        spec = self.columns[column]
        key = spec.sort_key or spec.text
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
