"""Preview rows of an Excel import: 行号, 结果, 姓名, 说明 — coloured by outcome, filterable."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui import status_colours

NO_PARENT = QModelIndex()
COLOURS = {"新增": status_colours.GOOD, "更新": status_colours.INFO, "错误": status_colours.BAD,
           "跳过": status_colours.MUTED}


class ImportRowsModel(QAbstractTableModel):
    HEADERS = ("行号", "结果", "姓名", "说明")

    def __init__(self, parent=None):
        super().__init__(parent)
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
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.visible[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            name = getattr(row, "name", None) or getattr(row, "title", "")
            return (str(row.row_no), row.outcome, name, row.reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(COLOURS.get(row.outcome, "#000000")))
        return None
