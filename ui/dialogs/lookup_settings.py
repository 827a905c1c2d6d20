"""参数设置: one tab per lookup table (add, rename, reorder, retire, delete what nobody uses), the office's
names (单位信息), the scoring scheme (履职积分), the holiday table (节假日, holiday_tab.py), the Word
templates (公文模板, template_tab.py) and the seating rules (座次, seating_tab.py). Every change is
saved as it is made.

`open_lookup_settings` reads what the dialog shows first, then opens it; each lookup tab reads its values
again when a change to the lookups is announced (its own, or one made elsewhere).
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.services import lookups
from models.services.app_settings import get_setting, set_setting
from models.services.holidays import WorkingDaySettings, working_day_settings
from models.services.performance import FormatInfo, format_infos
from models.services.performance_scheme import Scheme, get_scheme, save_scheme
from models.settings import COMMITTEE_NAME, PRINT_ISSUER, SETTINGS_TAB, WINDOW_GEOMETRY
from models.text import quoted
from ui import messages
from ui.context import AppContext
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.dialogs.holiday_tab import HolidayTab
from ui.dialogs.lookup_value_dialog import LookupValueDialog
from ui.dialogs.scheme_dialog import SchemeTab
from ui.dialogs.seating_tab import SeatingSettings, SeatingTab, seating_settings
from ui.dialogs.template_tab import TemplateTab
from ui.operations import run_command, run_query
from ui.read_only import READ_ONLY_TIP, view_only
from ui.table_models.lookup_model import LookupTableModel
from ui.watch import AreaWatch
from ui.widgets.tables import current_row, kept_view, list_table, select_keys
from ui.window_state import read, restore_header, save_header, write

STATE_KEY = "lookup_settings"
NAME_LIMIT = 50  # characters kept of the committee's and the issuer's names


@dataclass(frozen=True)
class SettingsData:
    values: dict[str, list[lookups.LookupValue]]  # kind key → its values, retired ones included
    formats: list[FormatInfo]
    scheme: Scheme
    committee: str
    issuer: str
    working_days: WorkingDaySettings
    seating: SeatingSettings


def load_settings(session) -> SettingsData:
    values = {kind.key: lookups.list_values(session, kind.key, with_usage=True) for kind in lookups.LOOKUP_KINDS}
    return SettingsData(values,
                        format_infos(session), get_scheme(session), get_setting(session, COMMITTEE_NAME),
                        get_setting(session, PRINT_ISSUER), working_day_settings(session), seating_settings(session))


def open_lookup_settings(context: AppContext, parent: QWidget | None) -> None:
    """设置 → 参数设置: read what the dialog shows, then open it."""
    run_query(context, parent, load_settings, label="正在读取参数设置…",
              on_done=lambda data: exec_dialog(LookupSettingsDialog(context, data, parent)))


class LookupTab(QWidget):
    def __init__(self, context: AppContext, kind: lookups.LookupKind, values: list[lookups.LookupValue],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.kind = context, kind
        self._pending_select: int | None = None
        hint = QLabel(kind.hint + " 被使用过的项目不能删除，只能停用；"
                      "停用的项目保留在原有记录中，但不再出现在新建记录的选项里。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.model = LookupTableModel(kind.has_weight, self)
        self.table = list_table(self.model, single=True, sortable=False)  # the lookup's own order
        self.table.verticalHeader().setVisible(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: None if context.read_only else self.rename())

        self.add_button = QPushButton("新增…")
        self.rename_button = QPushButton("修改…" if kind.has_weight else "重命名…")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.retire_button = QPushButton("停用")
        self.delete_button = QPushButton("删除")
        self.add_button.setToolTip("新增一项（Ctrl+N）")
        self.rename_button.setToolTip("修改选中项（F2 或双击）")
        self.up_button.setToolTip("上移（Ctrl+↑）")
        self.down_button.setToolTip("下移（Ctrl+↓）")
        self.delete_button.setToolTip("删除未被使用的项（Delete）")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.retire_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete)
        for keys, slot in ((QKeySequence.StandardKey.New, self.add), (Qt.Key.Key_F2, self.rename),
                           (QKeySequence.StandardKey.Delete, self.delete),
                           (QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move(1))):
            shortcut = QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(not context.read_only)  # a view-only account: the keys do nothing, as the buttons

        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button,
                       self.retire_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.total_label = QLabel()
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body)
        layout.addWidget(self.total_label)
        self.total_label.setVisible(kind.has_weight)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._header_key = f"{STATE_KEY}/{kind.key}"
        self._fit_columns = True
        self._show(values)
        if restore_header(context.settings, self._header_key, self.table.horizontalHeader()):
            self._fit_columns = False  # the user's own column widths win
        self.watch = AreaWatch(self, context, {Area.LOOKUPS}, self.reload)

    def save_state(self) -> None:
        save_header(self.context.settings, self._header_key, self.table.horizontalHeader())

    # -- data ------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        key = self.kind.key
        run_query(self.context, self, lambda s: lookups.list_values(s, key, with_usage=True), on_done=self._show,
                  key=(id(self), "values"), label="正在读取参数…")

    def _show(self, values: list[lookups.LookupValue]) -> None:
        with kept_view(self.table):
            self.model.set_rows(values)
        if self._pending_select is not None and select_keys(self.table, [self._pending_select]):
            self._pending_select = None
        if self._fit_columns:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.kind.has_weight:
            total = sum(v.weight or 0 for v in self.model.rows if v.active)
            ok = abs(total - 100) < 0.05
            self.total_label.setText(f"在用评分项权重合计：{total:g}%" + ("" if ok else "（应为 100%，请调整）"))
            self.total_label.setObjectName("hint" if ok else "fieldError")
            self.total_label.style().unpolish(self.total_label)
            self.total_label.style().polish(self.total_label)
        self._update_buttons()

    def select_after_reload(self, value_id: int) -> None:
        """Select this value now if it is listed, else once the reload its save announced has arrived."""
        self._pending_select = None if select_keys(self.table, [value_id]) else value_id

    def selected(self) -> lookups.LookupValue | None:
        return current_row(self.table)

    def _update_buttons(self) -> None:
        value = self.selected()
        for button in (self.rename_button, self.up_button, self.down_button, self.retire_button, self.delete_button):
            button.setEnabled(value is not None)
        if value is not None:
            self.retire_button.setText("启用" if not value.active else "停用")
            self.delete_button.setEnabled(value.usage == 0 and not value.code)

    def _run(self, work, value_id: int | None = None) -> None:
        """A change to this table; the list follows through the change notice."""
        run_command(self.context, self, work,
                    on_done=lambda _result: self.select_after_reload(value_id) if value_id is not None else None)

    # -- actions -----------------------------------------------------------------------------------
    def add(self) -> None:
        key = self.kind.key
        dialog = LookupValueDialog(self.context, f"新增{self.kind.label}",
                                   lambda session, name, weight: lookups.add_value(session, key, name, weight=weight),
                                   has_weight=self.kind.has_weight, parent=self)
        if exec_dialog(dialog) and dialog.saved is not None:
            self.select_after_reload(dialog.saved.id)

    def rename(self) -> None:
        value = self.selected()
        if value is None:
            return
        key = self.kind.key

        def save(session, name: str, weight: float | None) -> None:
            row_version = value.version
            if name.strip() != value.name:
                lookups.rename_value(session, key, value.id, name, expected_version=row_version)
                row_version += 1
            if weight is not None and weight != value.weight:
                lookups.set_weight(session, key, value.id, weight, expected_version=row_version)

        dialog = LookupValueDialog(self.context, f"修改{self.kind.label}", save, name=value.name,
                                   weight=value.weight, has_weight=self.kind.has_weight, parent=self)
        if exec_dialog(dialog):
            self.select_after_reload(value.id)

    def move(self, delta: int) -> None:
        value, key = self.selected(), self.kind.key
        if value is not None:
            self._run(lambda s: lookups.move_value(s, key, value.id, delta), value.id)

    def toggle_active(self) -> None:
        value, key = self.selected(), self.kind.key
        if value is not None:
            self._run(lambda s: lookups.set_active(s, key, value.id, not value.active,
                                                   expected_version=value.version), value.id)

    def delete(self) -> None:
        value, key = self.selected(), self.kind.key
        if value is None:
            return
        # In use or built in (asked again: the list may be older than a colleague's change): said, not asked.
        delete_after_check(self.context, self, refusal=lambda s: lookups.value_delete_refusal(s, key, value.id),
                           question=f"确定删除{self.kind.label}{quoted(value.name)}吗？",
                           delete=lambda s: lookups.delete_value(s, key, value.id))


class OrganizationTab(QWidget):
    """单位信息: how printed documents name the committee and the issuing office (saved as they are edited)."""

    def __init__(self, context: AppContext, committee: str, issuer: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        # Not entered yet: an empty field asking for it, not the placeholder that looks like a real name.
        missing = committee.strip() in ("", COMMITTEE_NAME.default)
        committee = "" if missing else committee
        self.stored = (committee, issuer)
        self.committee = QLineEdit(committee)
        self.committee.setPlaceholderText("尚未填写：请输入本单位名称，如“某某区政协”")
        self.issuer = QLineEdit(issuer)
        self.issuer.setPlaceholderText(f"如：××{PRINT_ISSUER.default}")
        self.saved = QLabel()
        self.saved.setObjectName("hint")
        save = QPushButton("保存")
        save.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("区政协名称：", self.committee)
        form.addRow("发文单位：", self.issuer)
        hint = QLabel("区政协名称用于《××区政协2024年度协商计划》等文件标题；发文单位印在会议通知末尾。"
                      + (f"尚未填写区政协名称时，文件标题暂印为“{COMMITTEE_NAME.default}”。" if missing else ""))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.saved, 1)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addStretch(1)
        for edit in (self.committee, self.issuer):
            edit.editingFinished.connect(self._save_if_changed)
            edit.textEdited.connect(lambda _text: self.saved.setText(""))

    def _names(self) -> tuple[str, str]:
        return self.committee.text().strip()[:NAME_LIMIT], self.issuer.text().strip()[:NAME_LIMIT]

    def unsaved(self) -> tuple[str, str] | None:
        """Names on screen that can be saved and differ from the stored ones."""
        names = self._names()
        return names if all(names) and names != self.stored else None

    def unsavable(self) -> str | None:
        """Why the names on screen cannot be kept (an emptied field), or None."""
        names = self._names()
        return "区政协名称和发文单位都不能为空，这项修改无法保存。" if names != self.stored and not all(names) else None

    def _save_if_changed(self) -> None:
        if self.unsaved() is not None:
            self.save()

    def save(self) -> None:
        committee, issuer = self._names()
        if not committee or not issuer:
            messages.warn(self, "区政协名称和发文单位都不能为空。")
            return
        run_command(self.context, self, lambda s: save_names(s, committee, issuer),
                    on_done=lambda _result: self._saved((committee, issuer)))

    def _saved(self, names: tuple[str, str]) -> None:
        self.stored = names
        self.saved.setText("已保存。")


def save_names(session, committee: str, issuer: str) -> None:
    set_setting(session, COMMITTEE_NAME, committee)
    set_setting(session, PRINT_ISSUER, issuer)


class LookupSettingsDialog(QDialog):
    def __init__(self, context: AppContext, data: SettingsData, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("参数设置（只能查看）" if context.read_only else "参数设置")
        self.tabs = QTabWidget()
        self.pages: dict[str, LookupTab] = {}
        for kind in lookups.LOOKUP_KINDS:
            tab = LookupTab(context, kind, data.values.get(kind.key, []))
            self.pages[kind.key] = tab
            self.tabs.addTab(tab, kind.label)
        self.organization_tab = OrganizationTab(context, data.committee, data.issuer)
        self.tabs.addTab(self.organization_tab, "单位信息")
        self.scheme_tab = SchemeTab(context, data.formats, data.scheme)
        self.tabs.addTab(self.scheme_tab, "履职积分")
        self.holiday_tab = HolidayTab(context, data.working_days)
        self.tabs.addTab(self.holiday_tab, "节假日")
        self.template_tab = TemplateTab(context)
        self.tabs.addTab(self.template_tab, "公文模板")
        self.seating_tab = SeatingTab(context, data.seating)
        self.tabs.addTab(self.seating_tab, "座次")
        buttons = QDialogButtonBox()
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        note = QLabel(READ_ONLY_TIP if context.read_only else "所有修改立即保存。")
        note.setObjectName("fieldError" if context.read_only else "hint")
        note.setWordWrap(True)
        # a view-only account sees the office's settings and changes none; 公文模板 are this PC's own choice
        # (kept in its settings, not the database): that tab stays as it is
        for index in range(self.tabs.count()):
            if self.tabs.widget(index) is not self.template_tab:
                view_only(context, self.tabs.widget(index))
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)
        geometry = read(context.settings, WINDOW_GEOMETRY.of(STATE_KEY))
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(720, 520)
        self.tabs.setCurrentIndex(read(context.settings, SETTINGS_TAB))

    def reject(self) -> None:
        """Closing keeps every change (see done); one that cannot be kept is not dropped without asking."""
        for index, tab in ((self.tabs.indexOf(self.organization_tab), self.organization_tab),
                           (self.tabs.indexOf(self.scheme_tab), self.scheme_tab)):
            reason = tab.unsavable()
            if reason and messages.ask_discard(self, can_save=False, informative=reason) != messages.DISCARD:
                self.tabs.setCurrentIndex(index)
                return
        super().reject()

    def done(self, result: int) -> None:
        settings = self.context.settings
        write(settings, WINDOW_GEOMETRY.of(STATE_KEY), self.saveGeometry())
        write(settings, SETTINGS_TAB, self.tabs.currentIndex())
        for tab in self.pages.values():
            tab.save_state()
        self._save_unsaved()
        super().done(result)

    def _save_unsaved(self) -> None:
        """Edits not saved yet (closed with Esc while typing a name, or without 保存积分办法) are kept too."""
        owner = self.parentWidget()  # this dialog goes away: a refusal is told over the window below
        names = self.organization_tab.unsaved()
        if names is not None:
            self.organization_tab.stored = names  # the name field losing focus as the dialog hides: once
            run_command(self.context, owner, lambda s: save_names(s, *names))
        scheme = self.scheme_tab.unsaved()
        if scheme is not None:
            self.scheme_tab.stored = scheme
            run_command(self.context, owner, lambda s: save_scheme(s, scheme), title="积分办法有误")


__all__ = ["LookupSettingsDialog", "LookupTab", "OrganizationTab", "SettingsData", "load_settings",
           "open_lookup_settings"]
