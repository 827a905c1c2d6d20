"""Rows of one lookup table (界别, 党派 …) for the 参数设置 dialog."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.services.lookups import LookupValue

RETIRED_COLOUR = QColor("#8A94A3")
NO_PARENT = QModelIndex()


class LookupTableModel(QAbstractTableModel):
    def __init__(self, has_weight: bool, parent=None):
        super().__init__(parent)
        self.has_weight = has_weight
        self.columns = ["名称"] + (["权重（%）"] if has_weight else []) + ["状态", "使用次数"]
        self.rows: list[LookupValue] = []

    def set_rows(self, rows: list[LookupValue]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_value(self, row: int) -> LookupValue | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, value_id: int) -> int:
        return next((i for i, value in enumerate(self.rows) if value.id == value_id), -1)

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "名称":
                return value.name
            if column.startswith("权重"):
                return f"{value.weight:g}"
            if column == "状态":
                return "在用" if value.active else "已停用"
            return str(value.usage)
        if role == Qt.ItemDataRole.ForegroundRole and not value.active:
            return QBrush(RETIRED_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and (column == "使用次数" or column.startswith("权重")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if value.code:
                return "内置项：可以改名或停用，但不能删除。"
            if value.usage:
                return f"已被 {value.usage} 条记录使用：不能删除，可以停用。"
            return "未被使用，可以删除。"
        return None
