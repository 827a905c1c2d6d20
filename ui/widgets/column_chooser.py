"""显示列: which columns of a list are shown and in what order, chosen from a menu (the button or a right
click on the header), remembered on this PC, with 恢复默认列."""

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QToolButton

from models.columns import Column
from ui.window_state import restore_header, save_header


class ColumnChooser:
    def __init__(self, table: QTableView, columns: Sequence[Column], settings: QSettings, state_key: str, *,
                 fixed: set[str] = frozenset(), default_sort: int = 0):
        self.table, self.columns, self.settings, self.state_key = table, list(columns), settings, state_key
        self.fixed = set(fixed)  # always shown
        self._button: QToolButton | None = None
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.menu().exec(header.mapToGlobal(pos)))
        if not restore_header(settings, state_key, header):
            self.reset()
            header.setSortIndicator(default_sort, Qt.SortOrder.AscendingOrder)
        for index, column in enumerate(self.columns):  # a state saved elsewhere (or edited) cannot hide them
            if column.key in self.fixed:
                header.setSectionHidden(index, False)
        header.sectionMoved.connect(lambda *_: self.save())
        header.sectionResized.connect(lambda *_: self.save())
        header.sortIndicatorChanged.connect(lambda *_: self.save())

    def save(self) -> None:
        save_header(self.settings, self.state_key, self.table.horizontalHeader())

    def menu(self, menu: QMenu | None = None) -> QMenu:
        menu = menu or QMenu("显示列", self.table)
        menu.clear()
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.columns):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(index))
            action.setEnabled(column.key not in self.fixed)
            action.toggled.connect(lambda on, i=index: self.set_visible(i, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("恢复默认列", self.reset)
        return menu

    def button(self) -> QToolButton:
        """A 显示列 button whose menu is filled when it opens (so it shows the current state)."""
        if self._button is None:
            button = QToolButton()
            button.setText("显示列")
            button.setToolTip("选择显示哪些列（也可在列标题上点右键）；可拖动列标题调整顺序")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            menu.aboutToShow.connect(lambda: self.menu(menu))
            button.setMenu(menu)
            self._button = button
        return self._button

    def set_visible(self, index: int, visible: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(index, not visible)
        self.save()

    def reset(self) -> None:
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.columns):
            header.moveSection(header.visualIndex(index), index)
            header.setSectionHidden(index, not column.default)
            header.resizeSection(index, column.pixels)
        self.save()

    def shown_keys(self) -> list[str]:
        """The visible columns in their on-screen order (what an export of the list should contain)."""
        header = self.table.horizontalHeader()
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        return [self.columns[i].key for i in sorted(visible, key=header.visualIndex)]


__all__ = ["ColumnChooser"]
