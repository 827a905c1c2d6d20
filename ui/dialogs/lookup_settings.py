"""参数设置: one tab per lookup table; add, rename, reorder, retire, delete what nobody uses."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services import lookups
from models.services.app_settings import COMMITTEE_NAME_KEY, DEFAULT_COMMITTEE_NAME, get_setting, set_setting
from models.services.performance import format_infos
from ui import messages
from ui.context import AppContext
from ui.dialogs.lookup_value_dialog import LookupValueDialog
from ui.dialogs.print_dialog import ISSUER_KEY
from ui.dialogs.scheme_dialog import SchemeTab
from ui.table_models.lookup_model import LookupTableModel
from ui.window_state import restore_header, save_header

STATE_KEY = "lookup_settings"


class LookupTab(QWidget):
    def __init__(self, context: AppContext, kind: lookups.LookupKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.kind = context, kind
        hint = QLabel(kind.hint + " 被使用过的项目不能删除，只能停用；"
                      "停用的项目保留在原有记录中，但不再出现在新建记录的选项里。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.model = LookupTableModel(kind.has_weight, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.rename())

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
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

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
        self.reload()
        if restore_header(context.settings, self._header_key, self.table.horizontalHeader()):
            self._fit_columns = False  # the user's own column widths win

    def save_state(self) -> None:
        save_header(self.context.settings, self._header_key, self.table.horizontalHeader())

    # -- data ------------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = self.selected()
        self.model.set_rows(self.context.call(lookups.list_values, self.kind.key))
        if getattr(self, "_fit_columns", True):
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        wanted = select_id if select_id is not None else (current.id if current else None)
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        if self.kind.has_weight:
            total = sum(v.weight or 0 for v in self.model.rows if v.active)
            ok = abs(total - 100) < 0.05
            self.total_label.setText(f"在用评分项权重合计：{total:g}%" + ("" if ok else "（应为 100%，请调整）"))
            self.total_label.setObjectName("hint" if ok else "fieldError")
            self.total_label.style().unpolish(self.total_label)
            self.total_label.style().polish(self.total_label)
        self._update_buttons()

    def selected(self) -> lookups.LookupValue | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_value(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        value = self.selected()
        for button in (self.rename_button, self.up_button, self.down_button, self.retire_button, self.delete_button):
            button.setEnabled(value is not None)
        if value is not None:
            self.retire_button.setText("启用" if not value.active else "停用")
            self.delete_button.setEnabled(value.usage == 0 and not value.code)

    def _run(self, service, *args, select_id=None, **kwargs) -> bool:
        try:
            self.context.call(service, *args, **kwargs)
        except DomainError as exc:
            messages.warn(self, exc.message)
            self.reload()
            return False
        self.reload(select_id)
        self.context.data_changed.emit()
        return True

    # -- actions -----------------------------------------------------------------------------------
    def add(self) -> None:
        created: list[lookups.LookupValue] = []

        def save(name: str, weight: float | None) -> None:
            created.append(self.context.call(lookups.add_value, self.kind.key, name, weight=weight))

        dialog = LookupValueDialog(f"新增{self.kind.label}", save, has_weight=self.kind.has_weight, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and created:
            self.reload(created[0].id)
            self.context.data_changed.emit()

    def rename(self) -> None:
        value = self.selected()
        if value is None:
            return

        def save(name: str, weight: float | None) -> None:
            def change(session):
                row_version = value.version
                if name.strip() != value.name:
                    lookups.rename_value(session, self.kind.key, value.id, name, expected_version=row_version)
                    row_version += 1
                if weight is not None and weight != value.weight:
                    lookups.set_weight(session, self.kind.key, value.id, weight, expected_version=row_version)
            self.context.call(change)

        dialog = LookupValueDialog(f"修改{self.kind.label}", save, name=value.name, weight=value.weight,
                                   has_weight=self.kind.has_weight, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(value.id)
            self.context.data_changed.emit()

    def move(self, delta: int) -> None:
        value = self.selected()
        if value is not None:
            self._run(lookups.move_value, self.kind.key, value.id, delta, select_id=value.id)

    def toggle_active(self) -> None:
        value = self.selected()
        if value is not None:
            self._run(lookups.set_active, self.kind.key, value.id, not value.active,
                      expected_version=value.version, select_id=value.id)

    def delete(self) -> None:
        value = self.selected()
        if value is None:
            return
        if value.usage or value.code:
            # The service explains why; asking "are you sure" first would be pointless.
            self._run(lookups.delete_value, self.kind.key, value.id)
            return
        if messages.confirm(self, f"确定删除{self.kind.label}“{value.name}”吗？", yes="删除", danger=True):
            self._run(lookups.delete_value, self.kind.key, value.id)


class OrganizationTab(QWidget):
    """单位信息: how printed documents name the committee and the issuing office."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.committee = QLineEdit(context.call(get_setting, COMMITTEE_NAME_KEY, DEFAULT_COMMITTEE_NAME))
        self.committee.setPlaceholderText("如：××区政协")
        self.issuer = QLineEdit(context.call(get_setting, ISSUER_KEY, "区政协办公室"))
        self.issuer.setPlaceholderText("如：××区政协办公室")
        self.saved = QLabel()
        self.saved.setObjectName("hint")
        save = QPushButton("保存")
        save.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("区政协名称：", self.committee)
        form.addRow("发文单位：", self.issuer)
        hint = QLabel("区政协名称用于《××区政协2024年度协商计划》等文件标题；发文单位印在会议通知末尾。")
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

    def save(self) -> None:
        committee, issuer = self.committee.text().strip(), self.issuer.text().strip()
        if not committee or not issuer:
            messages.warn(self, "区政协名称和发文单位都不能为空。")
            return
        self.context.call(set_setting, COMMITTEE_NAME_KEY, committee[:50])
        self.context.call(set_setting, ISSUER_KEY, issuer[:50])
        self.saved.setText("已保存。")
        self.context.data_changed.emit()


class LookupSettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("参数设置")
        self.tabs = QTabWidget()
        self.pages: dict[str, LookupTab] = {}
        for kind in lookups.LOOKUP_KINDS:
            tab = LookupTab(context, kind)
            self.pages[kind.key] = tab
            self.tabs.addTab(tab, kind.label)
        self.organization_tab = OrganizationTab(context)
        self.tabs.addTab(self.organization_tab, "单位信息")
        self.scheme_tab = SchemeTab(context, context.call(format_infos))
        self.tabs.addTab(self.scheme_tab, "履职积分")
        buttons = QDialogButtonBox()
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        note = QLabel("所有修改立即保存。")
        note.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)
        self.context = context
        geometry = context.settings.value(f"{STATE_KEY}/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(720, 520)
        self.tabs.setCurrentIndex(int(context.settings.value(f"{STATE_KEY}/tab", 0)))

    def done(self, result: int) -> None:
        self.context.settings.setValue(f"{STATE_KEY}/geometry", self.saveGeometry())
        self.context.settings.setValue(f"{STATE_KEY}/tab", self.tabs.currentIndex())
        for tab in self.pages.values():
            tab.save_state()
        super().done(result)
