"""Start-up: the QApplication, logging and error handling, opening the database, the main window."""

import argparse
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from models import APP_NAME, APP_TITLE, __version__
from models.app_log import configure_logging, get_logger
from models.demo import ensure_demo_database
from models.errors import DomainError
from models.migrate import OpenResult, open_database
from models.paths import ENV_DATABASE_URL, AppPaths, resolve_database_url, resolve_paths, sqlite_url
from ui.context import AppContext
from ui.errors import ErrorReporter, set_reporter
from ui.main_window import MainWindow
from ui.resources import choose_ui_font, icon, install_translations, stylesheet
from ui.tasks import TaskRunner
from ui.window_state import open_settings

log = get_logger("app")


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app.svg"))
    install_translations(app)
    choose_ui_font(app)
    app.setStyleSheet(stylesheet())
    return app


class Launcher(QObject):
    """Opens (or builds, for --demo) the database off the GUI thread, then shows the main window."""

    ready = Signal(object)  # the MainWindow
    gave_up = Signal()

    def __init__(self, app: QApplication, args: argparse.Namespace, environ=os.environ):
        super().__init__()
        self.app, self.args, self.environ = app, args, environ
        self.paths: AppPaths = resolve_paths(args.data_dir, environ)
        self.paths.ensure()
        configure_logging(self.paths.log_file)
        self.reporter = ErrorReporter(str(self.paths.log_file))
        set_reporter(self.reporter)
        self.reporter.install()
        self.settings = open_settings(self.paths.settings_file)
        self.runner = TaskRunner(None, self)
        self.window: MainWindow | None = None
        self.notice: str | None = None

    def initial_url(self) -> str:
        if self.args.demo or self.args.database_url or self.environ.get(ENV_DATABASE_URL):
            return resolve_database_url(self.paths, self.args.database_url, demo=self.args.demo, environ=self.environ)
        last = self.settings.value("database/last_file")
        if last:
            if Path(last).is_file():
                return sqlite_url(last)
            self.notice = f"上次使用的数据库“{last}”找不到了（可能已被移动或删除），已打开默认数据库。"
        return sqlite_url(self.paths.database_file)

    def start(self) -> None:
        self.app.setQuitOnLastWindowClosed(False)  # no window yet: a message box closing must not quit
        log.info("启动 %s %s，数据文件夹 %s", APP_TITLE, __version__, self.paths.data_dir)
        url = self.initial_url()
        if self.args.demo:
            target = self.paths.demo_database_file
            self.runner.run(lambda ctx: ensure_demo_database(target, ctx.progress), with_session=False,
                            label="正在生成演示数据（首次使用需要几秒钟）…",
                            on_done=lambda _path: self.open(url), on_error=self.failed)
        else:
            self.open(url)

    def open(self, url: str) -> None:
        self.runner.run(lambda _ctx: open_database(url), with_session=False, label="正在打开数据库…",
                        on_done=self.show_window, on_error=self.failed)

    def show_window(self, result: OpenResult) -> None:
        context = AppContext(self.paths, result.database, self.settings, demo=self.args.demo)
        if not self.args.demo and result.database.path is not None:
            self.settings.setValue("database/last_file", str(result.database.path))
        self.window = MainWindow(context)
        self.window.show()
        self.app.setQuitOnLastWindowClosed(True)
        if result.backup_path is not None:
            self.window.statusBar().showMessage(
                f"数据库已升级到新版本，升级前的备份：{result.backup_path}", 15000)
        if self.notice:
            self.window.statusBar().showMessage(self.notice, 15000)
        self.ready.emit(self.window)

    def failed(self, exc: BaseException) -> None:
        """The database could not be opened: say why, then offer another file or quit."""
        if not isinstance(exc, DomainError):
            self.reporter.report(exc)
            self.give_up()
            return
        log.warning("无法打开数据库：%s", exc.message)
        box = QMessageBox(QMessageBox.Icon.Warning, "无法打开数据库", exc.message)
        other = box.addButton("打开其他数据库…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is other:
            chosen, _ = QFileDialog.getOpenFileName(None, "打开数据库", str(self.paths.data_dir),
                                                    "协商会务台数据库 (*.sqlite *.db);;所有文件 (*)")
            if chosen:
                self.args.demo = False
                self.open(sqlite_url(chosen))
                return
        self.give_up()

    def give_up(self) -> None:
        self.gave_up.emit()
        self.app.quit()


def run(args: argparse.Namespace) -> int:
    app = create_application()
    launcher = Launcher(app, args)
    launcher.start()
    code = app.exec()
    if launcher.window is not None:
        launcher.window.context.tasks.wait_for_done(5000)
        launcher.window.context.database.dispose()
    return code
