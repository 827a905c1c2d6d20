"""A read-only table over a list of plain rows (dataclasses), its columns described once (models.columns).

The model sorts itself with each column's sort key (one pass with precomputed keys: fast for long lists)
and finds a row by its key (`key(row)`, the id by default) through an index built once per change.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.columns import CENTER, RIGHT, Column

NO_PARENT = QModelIndex()
_ALIGN = {RIGHT: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
          CENTER: int(Qt.AlignmentFlag.AlignCenter)}


def row_id(row):
    return row.id


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, *, key: Callable = row_id):
        super().__init__(parent)
        self.columns: list[Column] = list(columns)
        self.rows: list = []
        self.key = key
        self.colour: Callable[[object], str | None] = lambda _row: None  # the row's, for its coloured columns
        # … or, when set, each coloured cell's own (row, column key) → colour: two statuses in one row
        self.cell_colour: Callable[[object, str], str | None] | None = None
        self._index: dict | None = None
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    # -- data in ----------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._index = None
        if self._sorted is not None:
            self._sort_rows(*self._sorted)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self._sorted = None
        self.endResetModel()

    # -- what is shown --------------------------------------------------------------------------------
    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rows_at(self, positions: list[int]) -> list:
        count = len(self.rows)
        return [self.rows[p] for p in positions if 0 <= p < count]

    def index_of_key(self, key) -> int:
        if self._index is None:
            self._index = {self.key(row): position for position, row in enumerate(self.rows)}
        return self._index.get(key, -1)

    def column_index(self, key: str) -> int:
        return next((i for i, column in enumerate(self.columns) if column.key == key), -1)

    # -- QAbstractTableModel ---------------------------------------------------------------------------
    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return section + 1

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.cell(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN.get(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and column.coloured:
            colour = self.colour(row) if self.cell_colour is None else self.cell_colour(row, column.key)
            return QBrush(QColor(colour)) if colour else None
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):  # no columns yet, or no sort column chosen
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted = (column, order)
        spec = self.columns[column]
        self.rows.sort(key=spec.sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._index = None
