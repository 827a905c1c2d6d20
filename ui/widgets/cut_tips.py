"""A cell too narrow for its text ("阿依古丽·买…" for two different people) shows the whole text when the
pointer rests on it. List models give every cell a tooltip of their own (ToolTipRole); this is for the
tables, trees and lists whose items have none (QTableWidget, QTreeWidget, QListWidget in dialogs)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QToolTip,
    QTreeWidget,
)

ITEM_WIDGETS = (QTableWidget, QTreeWidget, QListWidget)


class CutTextTips(QStyledItemDelegate):
    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.ToolTip and index.isValid()
                and not index.data(Qt.ItemDataRole.ToolTipRole) and self.is_cut(option, index)):
            QToolTip.showText(event.globalPos(), index.data(Qt.ItemDataRole.DisplayRole), view)
            return True
        return super().helpEvent(event, view, option, index)

    def is_cut(self, option, index) -> bool:
        """The cell's text is wider than the room the style gives it (it is drawn with "…")."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return False
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return False
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget).width()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return max(item.fontMetrics.horizontalAdvance(line) for line in text.splitlines()) > room - 2 * margin


def show_cut_text(*views: QAbstractItemView) -> None:
    for view in views:
        view.setItemDelegate(CutTextTips(view))


def show_cut_text_in(root) -> None:
    """Every item view in `root` (a dialog, a page, a window) whose delegate is Qt's plain one: called
    where dialogs open (ui/dialogs.run_sized) and pages and windows are built, so no table is left out."""
    for view in root.findChildren(QAbstractItemView):
        # item widgets only: the list models (ui/table_models) give every cell its tooltip themselves
        if isinstance(view, ITEM_WIDGETS) and type(view.itemDelegate()) is QStyledItemDelegate:
            show_cut_text(view)
