"""委员: the register — search as you type, filters, CPPCC stroke order, edit, 离任, merge, Excel."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.services import lookups
from models.services.people_columns import PERSON_COLUMNS
from models.services.people_list import load_people
from ui.context import AppContext
from ui.table_models.person_model import PINYIN, STROKE, PersonTableModel
from ui.views.members_actions import MembersActions
from ui.widgets.combos import ChoiceCombo
from ui.widgets.people_filter_bar import PeopleFilterBar
from ui.window_state import restore_header, save_header

STATE_KEY = "members"
SEARCH_DELAY_MS = 120


class MembersPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = PersonTableModel(self)
        self.actions = MembersActions(self)
        self._loaded_once = False
        self._reload_pending = False
        self._pending_select: list[int] = []

        title = QLabel("委员库")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母（如 zw）、单位或电话")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.order = ChoiceCombo(empty_label=None)
        self.order.set_choices([("按姓氏笔画", STROKE), ("按拼音", PINYIN)])
        self.order.setToolTip("姓名列的排序方式；默认按姓氏笔画（政协惯例）")
        self.order.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToContents)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("排序"))
        top.addWidget(self.order)
        top.addWidget(self.count_label)

        self.filters = PeopleFilterBar()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(lambda _index: self.actions.edit())
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.columns_menu().exec(header.mapToGlobal(pos)))
        header.sectionMoved.connect(lambda *_: self.save_state())
        header.sectionResized.connect(lambda *_: self.save_state())
        header.sortIndicatorChanged.connect(lambda *_: self.save_state())

        self.buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.filters.changed.connect(self.apply_filter)
        self.order.currentIndexChanged.connect(self._order_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Escape"), self.search, self.search.clear,
                  context=Qt.ShortcutContext.WidgetShortcut)
        context.database_changed.connect(self.reload)
        context.data_changed.connect(self.reload)
        self._restore_state()
        self._update_buttons()

    # -- layout pieces --------------------------------------------------------------------------------
    def _button(self, text: str, slot, tip: str, shortcut=None) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        if shortcut is not None:
            QShortcut(QKeySequence(shortcut), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def _build_buttons(self) -> QHBoxLayout:
        a = self.actions
        self.add_button = self._button("新增", a.add, "新增一位委员或嘉宾（Ctrl+N）", QKeySequence.StandardKey.New)
        self.edit_button = self._button("编辑", a.edit, "编辑选中的人员（回车或双击）")
        self.former_button = self._button("标记离任", a.toggle_former,
                                          "离任人员保留全部历史记录，但不再出现在在任名单中")
        self.delete_button = self._button("删除", a.delete, "只能删除从未参加过会议、调研或提出过建议的人员（Delete）",
                                          QKeySequence.StandardKey.Delete)
        self.visits_button = self._button("参加的调研…", a.show_visits, "查看选中人员参加过的调研、视察、座谈和走访")
        self.merge_button = self._button("合并重复…", a.merge,
                                         "选中两条重复记录，合并为一条，保留全部参会、调研和建议记录")
        self.import_button = self._button("从 Excel 导入…", a.import_excel,
                                          "从花名册 Excel 文件导入或更新人员（先预览，再确认）")
        export = QToolButton()
        export.setText("导出 Excel")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        menu.addAction("导出当前名单（按当前筛选、排序和列）…", a.export_list)
        menu.addAction("导出委员花名册（按界别分组）…", a.export_roster)
        export.setMenu(menu)
        self.export_button = export
        self.columns_button = QToolButton()
        self.columns_button.setText("显示列")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(self.columns_menu())
        self.columns_button.menu().aboutToShow.connect(self._refresh_columns_menu)
        row = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.former_button, self.delete_button, self.merge_button,
                       self.visits_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.import_button, self.export_button, self.columns_button):
            row.addWidget(widget)
        QShortcut(QKeySequence("Return"), self.table, a.edit, context=Qt.ShortcutContext.WidgetShortcut)
        return row

    def columns_menu(self) -> QMenu:
        menu = QMenu("显示列", self)
        header = self.table.horizontalHeader()
        for index, column in enumerate(PERSON_COLUMNS):
            action = QAction(column.header, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(index))
            action.setEnabled(column.key != "name")  # the name is always shown
            action.toggled.connect(lambda on, i=index: self.set_column_visible(i, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("恢复默认列", self.reset_columns)
        return menu

    def _refresh_columns_menu(self) -> None:
        header = self.table.horizontalHeader()
        for index, action in enumerate(self.columns_button.menu().actions()[: len(PERSON_COLUMNS)]):
            action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(index))
            action.blockSignals(False)

    def set_column_visible(self, index: int, visible: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(index, not visible)
        self.save_state()

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for index, column in enumerate(PERSON_COLUMNS):
            header.moveSection(header.visualIndex(index), index)
            header.setSectionHidden(index, not column.default)
            header.resizeSection(index, max(60, column.chars * 14))
        self.save_state()

    def shown_column_keys(self) -> list[str]:
        """The visible columns in their on-screen order (what an export should contain)."""
        header = self.table.horizontalHeader()
        visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        return [PERSON_COLUMNS[i].key for i in sorted(visible, key=header.visualIndex)]

    # -- state --------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        header = self.table.horizontalHeader()
        if not restore_header(self.context.settings, STATE_KEY, header):
            self.reset_columns()
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.order.set_value(self.context.settings.value(f"{STATE_KEY}/name_order", STROKE))
        self.model.name_order = self.order.value() or STROKE

    def save_state(self) -> None:
        save_header(self.context.settings, STATE_KEY, self.table.horizontalHeader())

    def _order_changed(self) -> None:
        self.context.settings.setValue(f"{STATE_KEY}/name_order", self.order.value())
        self.model.set_name_order(self.order.value())

    # -- data -----------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded_once or self._reload_pending:
            self.reload()

    def reload(self) -> None:
        """Load the register in the background; the page keeps working with what it shows meanwhile."""
        if not self.isVisible() and self._loaded_once:
            self._reload_pending = True  # refresh when the user comes back to this page
            return
        self._reload_pending = False
        self._loaded_once = True

        def load(ctx):
            lookup_values = {key: lookups.list_values(ctx.session, key)
                             for key in ("sector", "party", "committee", "liaison_group", "guest_category")}
            return load_people(ctx.session), lookup_values

        self.context.tasks.run(load, on_done=self._loaded, label="正在读取人员名单…", parent=self, read_only=True)

    def _loaded(self, result) -> None:
        rows, lookup_values = result
        selected = self._pending_select or self.actions.selected_ids()
        self._pending_select = []
        terms = sorted({term for row in rows for term in row.terms})
        self.filters.blockSignals(True)
        self.filters.set_lookups(lookup_values, terms)
        self.filters.blockSignals(False)
        self.model.set_filter(self.filters.current(self.search.text()))
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.actions.select_ids(selected)
        self._update_count()

    def after_reload_select(self, person_ids: list[int]) -> None:
        """Select these people once the reload that a save triggered has arrived."""
        self._pending_select = [pid for pid in person_ids if pid]

    def apply_filter(self) -> None:
        self._search_timer.stop()
        selected = self.actions.selected_ids()
        self.model.set_filter(self.filters.current(self.search.text()))
        self.actions.select_ids(selected)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"显示 {self.model.shown} / 共 {self.model.total} 人")
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.actions.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(len(rows) == 1)
        self.merge_button.setEnabled(len(rows) == 2)
        self.visits_button.setEnabled(len(rows) == 1)
        self.former_button.setEnabled(len(rows) >= 1)
        self.former_button.setText("恢复在任" if rows and all(not r.active for r in rows) else "标记离任")
