"""The main window: navigation on the left, one page per entry, menus, and the status bar."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget, QWidget

from models import APP_TITLE
from models.services.overview import database_summary
from ui import messages
from ui.context import AppContext
from ui.database_actions import DatabaseActions
from ui.dialogs.about import AboutDialog
from ui.dialogs.lookup_settings import LookupSettingsDialog
from ui.resources import icon
from ui.views.pages import PAGES
from ui.window_state import restore_splitter, restore_window, save_splitter, save_window

STATE_KEY = "main_window"


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.actions_db = DatabaseActions(self, context)
        self.setWindowIcon(icon("app.svg"))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setMinimumWidth(130)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for number, spec in enumerate(PAGES, start=1):
            page = spec.build(context)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title}（Ctrl+{number}）")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 1000])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.database_label = QLabel()
        self.summary_label = QLabel()
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.summary_label)

        context.database_changed.connect(self._database_changed)
        context.data_changed.connect(self._update_status)
        if not restore_window(context.settings, STATE_KEY, self):
            self.resize(1200, 760)
        restore_splitter(context.settings, STATE_KEY, self.splitter)
        last = context.settings.value(f"{STATE_KEY}/page", PAGES[0].key)
        self.show_page(last if last in self.pages else PAGES[0].key)
        self._database_changed()

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建数据库(&N)…", self.actions_db.new_database,
                                       tip="新建一个空的数据库文件并切换到它")
        self.open_action = self._action("打开数据库(&O)…", self.actions_db.open_database, QKeySequence.StandardKey.Open,
                                        tip="打开另一个数据库文件")
        self.backup_action = self._action("立即备份(&B)", self.actions_db.backup, "Ctrl+Shift+B",
                                          tip="把当前数据库备份到其所在文件夹的 backups 子文件夹")
        self.restore_action = self._action("从备份恢复(&R)…", self.actions_db.restore,
                                           tip="用一个备份文件替换当前数据库（会先自动备份当前数据库）")
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit)
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        settings_menu = bar.addMenu("设置(&S)")
        self.settings_action = self._action("参数设置(&P)…", self.open_settings, "Ctrl+,",
                                            tip="界别、党派、专委会、会议形式、评分标准等")
        settings_menu.addAction(self.settings_action)

        help_menu = bar.addMenu("帮助(&H)")
        self.about_action = self._action("关于(&A)", self.open_about, tip="版本、数据文件位置")
        help_menu.addAction(self.about_action)

        for number, spec in enumerate(PAGES, start=1):
            go = self._action(spec.title, lambda _checked=False, key=spec.key: self.show_page(key), f"Ctrl+{number}")
            self.addAction(go)

    # -- pages -------------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        keys = [spec.key for spec in PAGES]
        self.navigation.setCurrentRow(keys.index(key))

    def current_page_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        return self.pages[key]

    def open_settings(self) -> None:
        LookupSettingsDialog(self.context, self).exec()

    def open_about(self) -> None:
        AboutDialog(self.context, self).exec()

    # -- status --------------------------------------------------------------------------------------
    def _database_changed(self) -> None:
        database = self.context.database
        label = database.path.name if database.path is not None else database.display_name
        demo = "【演示数据】" if self.context.demo else ""
        self.setWindowTitle(f"{demo}{label} — {APP_TITLE}")
        if database.path is not None:
            self.setWindowFilePath(str(database.path))
        self.database_label.setText(f"数据库：{database.display_name}")
        self.database_label.setToolTip(database.display_name)
        self._update_status()

    def _update_status(self) -> None:
        s = self.context.call(database_summary)
        self.summary_label.setText(f"区政协委员 {s.district_members} 人 · 会议活动 {s.meetings} 场 · "
                                   f"调研 {s.field_visits} 次 · 意见建议 {s.recommendations} 条")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.context.tasks.busy and not messages.confirm(
                self, "还有操作正在进行。现在退出会中止它（已保存的数据不受影响）。确定退出吗？",
                yes="退出", danger=True):
            event.ignore()
            return
        save_window(self.context.settings, STATE_KEY, self)
        save_splitter(self.context.settings, STATE_KEY, self.splitter)
        self.context.settings.setValue(f"{STATE_KEY}/page", self.current_page_key())
        self.context.settings.sync()
        event.accept()
