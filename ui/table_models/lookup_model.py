"""Rows of one lookup table (界别, 党派 …) for the 参数设置 dialog: retired values greyed, and the tooltip
says whether a value can be deleted."""

from PySide6.QtCore import Qt

from models.columns import Column, number
from models.services.lookups import LookupValue
from ui import status_colours
from ui.table_models.row_model import RowTableModel

RETIRED_COLOUR = status_colours.MUTED


def lookup_columns(has_weight: bool) -> list[Column]:
    weight = [number("weight", "权重（%）", lambda v: v.weight, chars=4)] if has_weight else []
    return [Column("name", "名称", chars=12), *weight,
            Column("active", "状态", text=lambda v: "在用" if v.active else "已停用", chars=3),
            number("usage", "使用次数", lambda v: v.usage, chars=4)]


def usage_tip(value: LookupValue) -> str:
    if value.code:
        return "内置项：可以改名或停用，但不能删除。"
    if value.usage:
        return f"已被 {value.usage} 条记录使用：不能删除，可以停用。"
    return "未被使用，可以删除。"


class LookupTableModel(RowTableModel):
    def __init__(self, has_weight: bool, parent=None):
        super().__init__(lookup_columns(has_weight), parent)
        self.has_weight = has_weight
        self.colour = lambda value: RETIRED_COLOUR if not value.active else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return usage_tip(self.rows[index.row()])
        return super().data(index, role)


__all__ = ["RETIRED_COLOUR", "LookupTableModel", "lookup_columns", "usage_tip"]
