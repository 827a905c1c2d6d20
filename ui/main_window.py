"""The main window: navigation on the left, one page per entry, menus, and the status bar.

It paints before the database is open: pages are built the first time they are shown (and only once a
database is open), the summary in the status bar is read in the background.
"""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from models import APP_TITLE
from models.changes import Area
from models.settings import MAIN_PAGE
from ui import messages
from ui.context import AppContext
from ui.dialogs import exec_dialog
from ui.resources import icon
from ui.views.pages import PAGES
from ui.watch import AreaWatch, inside
from ui.widgets.cut_tips import show_cut_text_in
from ui.widgets.office_name_hint import OfficeNameHint
from ui.window_state import read, restore_splitter, restore_window, save_splitter, save_window, write

STATE_KEY = "main_window"
SUMMARY_AREAS = {Area.PEOPLE, Area.MEMBERSHIPS, Area.MEETINGS, Area.VISITS, Area.RECOMMENDATIONS}


class MainWindow(QMainWindow):
    ready = Signal()  # the database is open and the page shown has its data

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(icon("app.svg"))
        self.setWindowTitle(APP_TITLE)
        self._actions_db = None

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setMinimumWidth(130)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # at its narrowest too
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.placeholders: dict[str, QLabel] = {}
        for number, spec in enumerate(PAGES, start=1):
            placeholder = QLabel("正在打开数据库…")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setObjectName("pageLead")
            self.placeholders[spec.key] = placeholder
            self.stack.addWidget(placeholder)
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title}（Ctrl+{number}）")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.ensurePolished()  # the style sheet's item padding counts in the width below
        # never narrower than its longest page name (a wide page must not squeeze 议题与计划 to 议题与…)
        self.navigation.setMinimumWidth(max(130, self.navigation.sizeHintForColumn(0)
                                            + 2 * self.navigation.frameWidth() + 16))

        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 1000])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.database_label = QLabel("正在打开数据库…")
        self.summary_label = QLabel()
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.summary_label)
        self.office_name_hint = OfficeNameHint(context, self)
        self.statusBar().addPermanentWidget(self.office_name_hint)

        self.watch = AreaWatch(self, context, SUMMARY_AREAS, lambda _changes: self._update_status())
        self._database_watch = AreaWatch(self, context, (), lambda _changes: self._database_changed())
        restore_window(context.settings, STATE_KEY, self, QSize(1200, 760))
        restore_splitter(context.settings, STATE_KEY, self.splitter)
        last = read(context.settings, MAIN_PAGE)
        self.show_page(last if last in {spec.key for spec in PAGES} else PAGES[0].key)
        if context.is_open:
            self.database_opened()

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    @property
    def actions_db(self):
        if self._actions_db is None:
            from ui.database_actions import DatabaseActions

            self._actions_db = DatabaseActions(self, self.context)
        return self._actions_db

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.setToolTipsVisible(True)  # an item that does not apply (on a server) says why
        self.new_action = self._action("新建数据库(&N)…", lambda: self.actions_db.new_database(),
                                       tip="新建一个空的数据库文件并切换到它")
        self.open_action = self._action("打开数据库(&O)…", lambda: self.actions_db.open_database(),
                                        QKeySequence.StandardKey.Open, tip="打开另一个数据库文件")
        self.connect_action = self._action("连接办公室数据库(&C)…", lambda: self.actions_db.connect_server(),
                                           tip="连接办公室服务器（PostgreSQL）上多人共用的数据库")
        self.transfer_action = self._action("把本机数据导入办公室数据库(&I)…",
                                            lambda: self.actions_db.transfer_to_server())
        self.backup_action = self._action("立即备份(&B)", lambda: self.actions_db.backup(), "Ctrl+Shift+B")
        self.restore_action = self._action("从备份恢复(&R)…", lambda: self.actions_db.restore())
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit)
        file_menu.addActions([self.new_action, self.open_action, self.connect_action, self.transfer_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        settings_menu = bar.addMenu("设置(&S)")
        self.settings_action = self._action("参数设置(&P)…", self.open_settings, "Ctrl+,",
                                            tip="界别、党派、专委会、会议形式、评分标准等")
        # a PC setting, so never disabled; on a server it shows the login the log records instead
        self.operator_action = self._action("本机操作人(&O)…", self.open_operator,
                                            tip="在本机修改数据时记入操作日志的姓名")
        settings_menu.addActions([self.settings_action, self.operator_action])

        tools_menu = bar.addMenu("工具(&T)")
        self.audit_log_action = self._action("操作日志(&L)…", self.open_audit_log, "Ctrl+L",
                                             tip="谁在什么时候新建、修改、删除了哪些记录")
        tools_menu.addAction(self.audit_log_action)

        help_menu = bar.addMenu("帮助(&H)")
        self.about_action = self._action("关于(&A)", self.open_about, tip="版本、数据文件位置")
        help_menu.addAction(self.about_action)

        for number, spec in enumerate(PAGES, start=1):
            go = self._action(spec.title, lambda _checked=False, key=spec.key: self.show_page(key), f"Ctrl+{number}")
            self.addAction(go)
        self._database_actions = [self.new_action, self.open_action, self.connect_action, self.transfer_action,
                                  self.backup_action, self.restore_action, self.settings_action, self.audit_log_action]
        for action in self._database_actions:
            action.setEnabled(self.context.is_open)

    # -- pages -------------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        keys = [spec.key for spec in PAGES]
        self.navigation.setCurrentRow(keys.index(key))

    def current_page_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        """The page (built now if it was not shown yet)."""
        return self._ensure_page(key)

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row].key
        self._ensure_page(key)
        self.stack.setCurrentIndex(row)

    def _ensure_page(self, key: str) -> QWidget:
        page = self.pages.get(key)
        if page is not None or not self.context.is_open:
            return page or self.placeholders[key]
        index = [spec.key for spec in PAGES].index(key)
        spec = PAGES[index]
        page = spec.build(self.context)
        show_cut_text_in(page)
        self.pages[key] = page
        placeholder = self.placeholders.pop(key)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return page

    def database_opened(self) -> None:
        """The database is open: build the page on show, enable the menus, read the summary."""
        for action in self._database_actions:
            action.setEnabled(True)
        for placeholder in self.placeholders.values():
            placeholder.setText("")
        current = self.navigation.currentRow()
        self._row_changed(current if current >= 0 else 0)
        self._database_changed()  # the title at once; the summary comes with set_database's notice
        self._ready_sent = False
        self.context.jobs.finished.connect(self._maybe_ready)

    def _maybe_ready(self, _job=None) -> None:
        """Ready once the page shown has read its data: it asked (its watch fired) and nothing of it runs."""
        page = self.pages.get(self.current_page_key())
        watch = getattr(page, "watch", None)
        if self._ready_sent or watch is None or not watch.reloads or watch.stale:
            return
        if any(job.owner is not None and inside(job.owner, page) for job in self.context.jobs.active):
            return
        if AreaWatch.any_scheduled():
            return
        self._ready_sent = True
        self.context.jobs.finished.disconnect(self._maybe_ready)
        self.ready.emit()

    def open_settings(self) -> None:
        from ui.dialogs.lookup_settings import open_lookup_settings

        open_lookup_settings(self.context, self)

    def open_operator(self) -> None:
        from ui.dialogs.operator_dialog import open_operator_dialog

        open_operator_dialog(self.context, self)

    def open_audit_log(self) -> None:
        """The 操作日志 window: one at a time, brought to the front when already open."""
        from ui.views.audit_log_window import AuditLogWindow

        # a closed one is only waiting to be deleted (WA_DeleteOnClose): not that one
        window = next((w for w in self.findChildren(AuditLogWindow) if w.isVisible()), None)
        if window is None:
            window = AuditLogWindow(self.context, self)
        window.show()
        window.raise_()
        window.activateWindow()

    def open_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        exec_dialog(AboutDialog(self.context, self))

    # -- status --------------------------------------------------------------------------------------
    def _database_changed(self) -> None:
        database = self.context.database
        if database is None:
            return
        from ui.database_names import full_name, short_name

        demo = "【演示数据】" if self.context.demo else ""
        self.setWindowTitle(f"{demo}{short_name(database)} — {APP_TITLE}")
        self.setWindowFilePath(str(database.path) if database.path is not None else "")
        self.database_label.setText(f"数据库：{full_name(database)}")
        self.database_label.setToolTip(full_name(database))
        from ui.database_actions import show_file_menu_state

        show_file_menu_state(self, database)  # a file's items, or what applies on a server

    def _update_status(self) -> None:
        from models.services.overview import database_summary
        from ui.operations import run_query

        if not self.context.is_open:
            return
        run_query(self.context, self, database_summary, on_done=self._show_summary, key=(id(self), "summary"))

    def _show_summary(self, s) -> None:
        self.summary_label.setText(f"区政协委员 {s.district_members} 人 · 会议活动 {s.meetings} 场 · "
                                   f"调研 {s.field_visits} 次 · 意见建议 {s.recommendations} 条")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.context.jobs.busy and not messages.confirm(
                self, "还有操作正在进行。现在退出会中止它（已保存的数据不受影响）。确定退出吗？",
                yes="退出", danger=True):
            event.ignore()
            return
        save_window(self.context.settings, STATE_KEY, self)
        save_splitter(self.context.settings, STATE_KEY, self.splitter)
        write(self.context.settings, MAIN_PAGE, self.current_page_key())
        self.context.settings.sync()
        event.accept()
