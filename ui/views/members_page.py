"""委员: the register — search as you type, filters, CPPCC stroke order, edit, 离任, merge, Excel.

The register is read in the background when the page is first shown and after changes to people,
memberships or lookups; a change to a few people reloads only those rows.
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.services import lookups
from models.services.people_list import load_people, terms_of
from models.settings import NAME_ORDER
from ui.context import AppContext
from ui.operations import run_query
from ui.read_only import edits
from ui.row_refresh import RowRefresh, changed_ids, merged
from ui.table_models.person_model import PINYIN, STROKE, PersonTableModel
from ui.views.members_actions import MembersActions
from ui.watch import AreaWatch
from ui.widgets.column_chooser import ColumnChooser
from ui.widgets.combos import ChoiceCombo
from ui.widgets.people_filter_bar import PeopleFilterBar
from ui.widgets.tables import kept_view, list_table, select_keys, selected_rows
from ui.window_state import read, write

STATE_KEY = "members"
SEARCH_DELAY_MS = 120
AREAS = {Area.PEOPLE, Area.MEMBERSHIPS, Area.LOOKUPS}
PARTIAL_LIMIT = 500  # more people changed at once than this: read the whole register again


class MembersPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = PersonTableModel(self)
        self.actions = MembersActions(self)
        self.lookup_values: dict = {}
        self.refresh = RowRefresh()
        self._pending_select: list[int] = []

        title = QLabel("委员库")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母（如 zw）、单位或电话")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.count_label = QLabel("正在读取名单…")
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
        self.table = list_table(self.model, movable=True)
        self.table.doubleClicked.connect(lambda _index: self.actions.edit())
        self.columns = ColumnChooser(self.table, self.model.columns, context.settings, STATE_KEY,
                                     fixed={"name"})

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
        self.order.set_value(read(context.settings, NAME_ORDER))
        self.model.name_order = self.order.value() or STROKE
        self._update_buttons()
        self.watch = AreaWatch(self, context, AREAS, self.reload)
        self.watch.request()

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
        self.columns_button = self.columns.button()
        row = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.former_button, self.delete_button, self.merge_button,
                       self.visits_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.import_button, self.export_button, self.columns_button):
            row.addWidget(widget)
        QShortcut(QKeySequence("Return"), self.table, a.edit, context=Qt.ShortcutContext.WidgetShortcut)
        edits(self.context, self.add_button, self.edit_button, self.former_button, self.delete_button,
              self.merge_button, self.import_button)
        return row

    def columns_menu(self) -> QMenu:
        return self.columns.menu()

    def shown_column_keys(self) -> list[str]:
        """The visible columns in their on-screen order (what an export should contain)."""
        return self.columns.shown_keys()

    def _order_changed(self) -> None:
        write(self.context.settings, NAME_ORDER, self.order.value())
        self.model.set_name_order(self.order.value())

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self, changes: Changes) -> None:
        """Read the register (or the few people notices named) in the background; the page keeps working."""
        ids = changed_ids(changes, (Area.PEOPLE, Area.MEMBERSHIPS), full=(Area.LOOKUPS,), limit=PARTIAL_LIMIT)
        wanted, token = self.refresh.want(ids)
        if wanted is not None:
            chosen = sorted(wanted)
            run_query(self.context, self, lambda s: load_people(s, person_ids=chosen),
                      on_done=lambda rows: self._merge(token, chosen, rows), key=(id(self), "people"),
                      label="正在读取人员名单…")
            return

        def load(session):
            values = lookups.values_of(session)
            rows = load_people(session)
            return rows, values, terms_of(rows)

        run_query(self.context, self, load, on_done=lambda result: self._loaded(token, result),
                  key=(id(self), "people"), label="正在读取人员名单…")

    def _loaded(self, token, result) -> None:
        rows, self.lookup_values, terms = result
        self.refresh.answered(token, whole=True)
        self.filters.blockSignals(True)
        self.filters.set_lookups(self.lookup_values, terms)
        self.filters.blockSignals(False)
        # the new lookups may change what the filter means: it goes with the rows (one sort, one filter pass)
        self._show(rows, self.filters.current(self.search.text()))

    def _merge(self, token, ids: list[int], rows) -> None:
        """Put the re-read people in place; those not returned were deleted."""
        self.refresh.answered(token, whole=False)
        self._show(merged(self.model.rows, ids, rows))

    def _show(self, rows, people_filter=None) -> None:
        with kept_view(self.table):
            self.model.set_rows(rows, people_filter)
        if self._pending_select:
            select_keys(self.table, self._pending_select)
            self._pending_select = []
        self._update_count()

    def after_reload_select(self, person_ids: list[int]) -> None:
        """Select these people once the reload that a save triggered has arrived."""
        self._pending_select = [pid for pid in person_ids if pid]
        if self._pending_select and select_keys(self.table, self._pending_select) == len(self._pending_select):
            self._pending_select = []

    def apply_filter(self) -> None:
        self._search_timer.stop()
        with kept_view(self.table, follow_selection=True):
            self.model.set_filter(self.filters.current(self.search.text()))
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"显示 {self.model.shown} / 共 {self.model.total} 人")
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = selected_rows(self.table)
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(len(rows) == 1)
        self.merge_button.setEnabled(len(rows) == 2)
        self.visits_button.setEnabled(len(rows) == 1)
        self.former_button.setEnabled(len(rows) >= 1)
        self.former_button.setText("恢复在任" if rows and all(not r.active for r in rows) else "标记离任")
