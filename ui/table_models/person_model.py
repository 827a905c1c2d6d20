"""The register as a Qt table: PersonRow tuples, a visible subset and an order — no item per cell.

Sorting computes one permutation of all rows (keys are precomputed strings; rows read in stroke order are
left as they are); filtering walks that permutation, so a keystroke in the search box costs one pass over
the rows in memory. New rows are sorted once and filtered once (set_rows takes the filter to apply).
"""

from array import array
from itertools import compress, islice
from operator import itemgetter, le

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.columns import Column
from models.services.people_columns import PERSON_COLUMNS
from models.services.people_list import PeopleFilter, PersonRow, predicate
from ui import status_colours

FORMER_COLOUR = QColor(status_colours.MUTED)
NO_PARENT = QModelIndex()
STROKE, PINYIN = "stroke", "pinyin"
STROKE_KEY = itemgetter(*(PersonRow._fields.index(name) for name in ("sort_stroke", "id")))
PINYIN_KEY = itemgetter(*(PersonRow._fields.index(name) for name in ("sort_pinyin", "sort_stroke", "id")))


class PersonTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: tuple[Column, ...] = PERSON_COLUMNS
        self.rows: list[PersonRow] = []
        self.name_order = STROKE
        self._sort_column = 0
        self._descending = False
        self._order: range | list[int] = range(0)
        self._visible: array = array("i")  # indexes in self.rows: 4 bytes each, no int object per row
        self._positions: dict[int, int] | None = None
        self._row_of_id: dict[int, int] | None = None  # person id → index in self.rows (per set_rows, when asked)
        self._shown_at: list[int] | None = None  # index in self.rows → shown position, -1 if filtered out
        self._filter = PeopleFilter()

    @staticmethod
    def key(row: PersonRow) -> int:
        return row.id

    # -- data in ----------------------------------------------------------------------------------
    def set_rows(self, rows: list[PersonRow], people_filter: PeopleFilter | None = None) -> None:
        """Show these rows (under `people_filter` when given): one sort, one filter pass."""
        self.beginResetModel()
        self.rows = rows
        self._row_of_id = None
        if people_filter is not None:
            self._filter = people_filter
        self._order = self._sorted_order()
        self._show(self._apply_filter())
        self.endResetModel()

    def set_filter(self, people_filter: PeopleFilter) -> None:
        self.beginResetModel()
        self._filter = people_filter
        self._show(self._apply_filter())
        self.endResetModel()

    def set_name_order(self, mode: str) -> None:
        self.name_order = mode
        self.sort(self._sort_column, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder)

    # -- what is shown ----------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def shown(self) -> int:
        return len(self._visible)

    def row_at(self, row: int) -> PersonRow | None:
        return self.rows[self._visible[row]] if 0 <= row < len(self._visible) else None

    def rows_at(self, positions: list[int]) -> list[PersonRow]:
        """The rows shown at these positions (valid ones), without a call per row."""
        rows, visible, count = self.rows, self._visible, len(self._visible)
        return [rows[visible[p]] for p in positions if 0 <= p < count]

    def visible_rows(self) -> list[PersonRow]:
        return list(map(self.rows.__getitem__, self._visible))

    def index_of_key(self, person_id: int) -> int:
        """The shown row of a person, or -1; the index is built once per filter, so finding many is linear."""
        if self._positions is None:
            rows = self.rows
            self._positions = {rows[index].id: position for position, index in enumerate(self._visible)}
        return self._positions.get(person_id, -1)

    def positions_of(self, person_ids) -> list[int]:
        """The shown rows of these people, in order: linear in the list (for restoring a selection)."""
        if self._shown_at is None:
            shown_at = [-1] * len(self.rows)
            for position, index in enumerate(self._visible):
                shown_at[index] = position
            self._shown_at = shown_at
        if self._row_of_id is None:
            self._row_of_id = {row.id: index for index, row in enumerate(self.rows)}
        row_of_id, shown_at = self._row_of_id, self._shown_at
        found = {shown_at[row_of_id[pid]] for pid in person_ids if pid in row_of_id}
        found.discard(-1)
        return sorted(found)

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    # -- QAbstractTableModel --------------------------------------------------------------------------
    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return section + 1

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[self._visible[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].cell(row)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(FORMER_COLOUR)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self._order = self._sorted_order()
        self._show(self._apply_filter())
        self.layoutChanged.emit()

    # -- internals ---------------------------------------------------------------------------------------
    def _show(self, visible: array) -> None:
        self._visible = visible
        self._positions = None
        self._shown_at = None

    def _sorted_order(self) -> range | list[int]:
        column = self.columns[self._sort_column] if self.rows else self.columns[0]
        rows = self.rows
        order: range | list[int]
        if column.key == "name":
            keys = list(map(STROKE_KEY if self.name_order == STROKE else PINYIN_KEY, rows))
            if all(map(le, keys, islice(keys, 1, None))):  # as read (stroke order): nothing to sort
                order = range(len(rows))
            else:
                order = sorted(range(len(rows)), key=keys.__getitem__)
        elif column.sort is not None:
            order = sorted(range(len(rows)), key=lambda i: column.sort(rows[i]))
        else:
            # empty cells last, then the value, then official name order among equals
            key_name = column.key
            order = sorted(range(len(rows)), key=lambda i: (getattr(rows[i], key_name) in ("", None),
                                                            str(getattr(rows[i], key_name)), rows[i].sort_stroke))
        return order[::-1] if self._descending else order

    def _apply_filter(self) -> array:
        keep, rows, order = predicate(self._filter), self.rows, self._order
        # map and compress run the loop in C: only the filter itself is Python, once per row; the result is kept
        # as 4-byte indexes (a list of ints costs 40 bytes a row), made from a list: quicker than item by item
        tested = map(keep, rows) if order == range(len(rows)) else map(keep, map(rows.__getitem__, order))
        return array("i", list(compress(order, tested)))
