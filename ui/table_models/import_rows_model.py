"""Preview rows of an Excel import, in the columns the importer declares (its preview's `columns`:
行号, 结果, 议题名称 / 姓名 / 意见建议, 说明) — the result coloured by outcome, filterable."""

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.columns import RIGHT, Column
from ui import status_colours

NO_PARENT = QModelIndex()
COLOURS = {"新增": status_colours.GOOD, "更新": status_colours.INFO, "错误": status_colours.BAD,
           "跳过": status_colours.MUTED}
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ImportRowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list = []
        self.visible: list = []
        self.outcome: str | None = None

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.visible = [r for r in rows if self.outcome is None or r.outcome == self.outcome]
        self.endResetModel()

    def show_only(self, outcome: str | None) -> None:
        self.outcome = outcome
        self.set_rows(self.rows)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.visible[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.cell(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align == RIGHT:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "outcome":
            return QBrush(QColor(COLOURS.get(row.outcome, "#000000")))
        return None
