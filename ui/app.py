"""Start-up: the QApplication, logging and error handling, the main window at once, then the database.

Nothing heavy happens before the first paint: the window shows with its navigation, then the database is
opened (and migrated only when its revision differs) on the database executor; the demo database is built
there on first use, with progress. The database layer, openpyxl, docx, pypinyin and the demo code are
imported only when first needed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from models import APP_NAME, APP_TITLE, __version__
from models.app_log import configure_logging, get_logger
from models.errors import DomainError
from models.paths import ENV_DATABASE_URL, AppPaths, resolve_database_url, resolve_paths, sqlite_url
from models.server_address import is_server_url
from models.settings import LAST_DATABASE_FILE, LAST_DATABASE_SERVER
from ui.context import AppContext, open_and_migrate
from ui.errors import ErrorReporter, set_reporter
from ui.garbage import collect_on_gui_thread
from ui.main_window import MainWindow
from ui.operations import run_background
from ui.qt_platform import fatal_start_in_chinese, platform_problem
from ui.resources import choose_ui_font, icon, install_translations, stylesheet
from ui.watchdog import Watchdog
from ui.window_state import open_settings, read

log = get_logger("app")
READY_TIMEOUT_S = 120  # --exit-when-ready gives up (exit code 3) if the first page has no data by then
SELF_TEST_TIMEOUT_S = 300  # --self-test: building the demo on first use, then three files, on a slow PC


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app.svg"))
    install_translations(app)
    choose_ui_font(app)
    app.setStyleSheet(stylesheet())
    collect_on_gui_thread(app)  # never on a worker, where a collected Qt object would crash the app
    return app


def _build_demo(target: Path, progress):
    from models.demo import ensure_demo_database

    return ensure_demo_database(target, progress)


class Launcher(QObject):
    """Shows the main window, then opens (or builds, for --demo) the database in the background."""

    ready = Signal(object)  # the MainWindow, with its database open
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
        self.context = AppContext(self.paths, None, self.settings)
        self.window: MainWindow | None = None
        self.notice: str | None = None
        self.exit_code = 0  # 1 once the user gave up opening a database
        self.unattended = False  # --exit-when-ready: nobody to answer a question, say why and exit 1

    def initial_url(self) -> str:
        if self.args.demo or self.args.database_url or self.environ.get(ENV_DATABASE_URL):
            return resolve_database_url(self.paths, self.args.database_url, demo=self.args.demo, environ=self.environ)
        if read(self.settings, LAST_DATABASE_SERVER):  # connected to the office database last time: again
            from ui.server_login import remembered_address

            address = remembered_address(self.settings)
            if address.host:
                return address.url()
        last = read(self.settings, LAST_DATABASE_FILE)
        if last:
            if Path(last).is_file():
                return sqlite_url(last)
            self.notice = f"上次使用的数据库“{last}”找不到了（可能已被移动或删除），已打开默认数据库。"
        return sqlite_url(self.paths.database_file)

    def start(self) -> None:
        log.info("启动 %s %s，数据文件夹 %s", APP_TITLE, __version__, self.paths.data_dir)
        self.window = MainWindow(self.context)
        self.window.show()
        if not self.unattended:  # nobody to answer: --exit-when-ready and --self-test never ask
            from ui.dialogs.operator_dialog import ask_after_opening

            ask_after_opening(self.context, lambda: self.window)
        url = self.initial_url()
        if self.args.demo:
            target = self.paths.demo_database_file
            run_background(self.context, self.window, lambda ctx: _build_demo(target, ctx.progress), on_database=True,
                           label="正在生成演示数据（首次使用需要几秒钟）…",
                           on_done=lambda _path: self.open(url), on_error=self.failed)
        else:
            self.open(url)

    def open(self, url: str) -> None:
        if is_server_url(url):  # asks the password when the server wants one
            from ui.server_login import connect

            connect(self.context, self.window, url, on_done=self.opened, on_error=self.failed)
            return
        run_background(self.context, self.window, lambda _ctx: open_and_migrate(url, self.paths.backups_dir),
                       on_database=True,
                       label="正在打开数据库…", on_done=self.opened, on_error=self.failed)

    def opened(self, result) -> None:
        self.context.set_database(result.database)
        window = self.window
        window.database_opened()
        if result.backup_path is not None:
            window.statusBar().showMessage(f"数据库已升级到新版本，升级前的备份：{result.backup_path}", 15000)
        if self.notice:
            window.statusBar().showMessage(self.notice, 15000)
        self.ready.emit(window)

    def failed(self, exc: BaseException) -> bool:
        """The database could not be opened: say why, then offer another file or quit."""
        if self.unattended:
            why = exc.message if isinstance(exc, DomainError) else repr(exc)
            log.error("无法打开数据库：%s", why)
            print(f"无法打开数据库：{why}", file=sys.stderr, flush=True)
            self.give_up()
            return True
        if not isinstance(exc, DomainError):
            self.reporter.report(exc, self.window)
            self.give_up()
            return True
        log.warning("无法打开数据库：%s", exc.message)
        box = QMessageBox(QMessageBox.Icon.Warning, "无法打开数据库", exc.message, parent=self.window)
        # The office database: never a silent switch to a file on this PC; the user chooses what next.
        server = box.addButton("连接办公室数据库…", QMessageBox.ButtonRole.AcceptRole) if _from_server(exc) else None
        other = box.addButton("打开其他数据库…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if server is not None and box.clickedButton() is server:
            from ui.dialogs import exec_dialog
            from ui.dialogs.server_dialog import ServerDialog

            dialog = ServerDialog(self.context, self.window)
            if exec_dialog(dialog) and dialog.result_value is not None:
                self.args.demo = False
                self.opened(dialog.result_value)
                return True
            return self.failed(exc)  # closed without connecting: the same choice again
        if box.clickedButton() is other:
            from ui.database_actions import FILE_FILTER
            from ui.files import choose_open_file

            chosen = choose_open_file(self.window, self.context, "database", "打开数据库", FILE_FILTER)
            if chosen:
                self.args.demo = False
                self.open(sqlite_url(chosen))
                return True
        self.give_up()
        return True

    def give_up(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        self.exit_code = 1  # a smoke test sees that the app did not start
        self.gave_up.emit()
        self.app.quit()

    def shutdown(self) -> None:
        self.context.shutdown(5.0)


def _from_server(exc: BaseException) -> bool:
    from models.server import ServerError  # the database layer is loaded by now (it raised this)

    return isinstance(exc, ServerError)


class _FirstPaint(QObject):
    """Notes when the main window paints for the first time (for --exit-when-ready)."""

    def __init__(self, started: float, on_paint):
        super().__init__()
        self.started, self.on_paint, self.done = started, on_paint, False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            self.on_paint((time.perf_counter() - self.started) * 1000)
        return False


def _exit_when_ready(app: QApplication, launcher: Launcher, started: float, then=None,
                     timeout_s: float = READY_TIMEOUT_S) -> None:
    """Smoke test: exit 0 once the first page has its data, printing the times; non-zero otherwise.
    `then(window)`, if given, runs instead of exiting (--self-test goes on to write its files)."""
    times: dict[str, float] = {}

    def painted(ms: float) -> None:
        times["first_paint_ms"] = ms

    def window_ready(window) -> None:
        times["ready_ms"] = (time.perf_counter() - started) * 1000
        print(f"first_paint_ms={times.get('first_paint_ms', times['ready_ms']):.0f} "
              f"ready_ms={times['ready_ms']:.0f}", flush=True)
        if then is None:
            app.exit(0)
        else:
            then(window)

    def connect(window) -> None:
        window.ready.connect(lambda: window_ready(window))

    launcher.unattended = True
    paint = _FirstPaint(started, painted)
    launcher.ready.connect(connect)
    original_start = launcher.start

    def start() -> None:
        original_start()
        if launcher.window is not None:
            launcher.window.installEventFilter(paint)

    launcher.start = start
    launcher._first_paint = paint  # kept alive with the launcher
    launcher._watchdog = Watchdog(app, timeout_s).start()  # a hang or a waiting dialog exits non-zero


def _self_test(app: QApplication, launcher: Launcher, started: float, folder: str) -> None:
    """--self-test DIR: once ready, write and read back one PDF, one workbook and one Word document; exit 0
    when all three open, 1 with the Chinese reason otherwise."""

    def checked(results) -> None:
        for result in results:
            print(f"自检通过：{result.path}（{result.summary}）", flush=True)
        app.exit(0)

    def failed(exc: BaseException) -> bool:
        why = exc.message if isinstance(exc, DomainError) else f"自检失败：程序出错（{exc!r}）"
        log.error("%s", why, exc_info=None if isinstance(exc, DomainError) else (type(exc), exc, exc.__traceback__))
        print(why, file=sys.stderr, flush=True)
        app.exit(1)
        return True

    def write(window) -> None:
        from models.self_test import run_self_test

        database = launcher.context.database
        run_background(launcher.context, window, lambda _ctx: run_self_test(database, folder), on_database=True,
                       label="正在自检…", on_done=checked, on_error=failed)

    _exit_when_ready(app, launcher, started, then=write, timeout_s=SELF_TEST_TIMEOUT_S)


def run(args: argparse.Namespace, started: float | None = None) -> int:
    started = started if started is not None else time.perf_counter()
    problem = platform_problem()
    if problem is not None:  # Qt would abort with its English text
        print(problem, file=sys.stderr, flush=True)
        return 1
    with fatal_start_in_chinese():
        app = create_application()
    launcher = Launcher(app, args)
    if getattr(args, "self_test", None):
        _self_test(app, launcher, started, args.self_test)
    elif getattr(args, "exit_when_ready", False):
        _exit_when_ready(app, launcher, started)
    launcher.start()
    code = app.exec()
    launcher.shutdown()
    return code or launcher.exit_code


def write_samples(args: argparse.Namespace, environ=os.environ) -> int:
    """--sample-documents DIR: the 样张 of the (demo) database into DIR, without a window; 0 when all are
    written, 1 with a Chinese message on stderr when anything fails."""
    from PySide6.QtGui import QGuiApplication

    from models.demo import ensure_demo_database
    from models.migrate import open_database
    from models.sample_documents import writable_folder, write_sample_documents

    problem = platform_problem()
    if problem is not None:
        print(problem, file=sys.stderr, flush=True)
        return 1
    with fatal_start_in_chinese():
        _app = QGuiApplication.instance() or QGuiApplication([APP_NAME])  # QPdfWriter needs one; no window
    paths = resolve_paths(args.data_dir, environ)
    database = None
    try:
        folder = writable_folder(args.sample_documents)  # before the demo is built: fail fast
        paths.ensure()
        configure_logging(paths.log_file)
        if args.demo:
            print("正在准备演示数据库…", flush=True)
            ensure_demo_database(paths.demo_database_file)
        database = open_database(resolve_database_url(paths, args.database_url, demo=args.demo,
                                                      environ=environ)).database
        written = write_sample_documents(database, folder, report=lambda text: print(text, flush=True))
    except DomainError as exc:
        print(f"样张未能全部生成：{exc.message}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # unattended: say what went wrong and exit non-zero, no dialog
        log.exception("生成样张失败")
        print(f"样张未能全部生成：程序出错（{exc!r}），详情见日志 {paths.log_file}。", file=sys.stderr, flush=True)
        return 1
    finally:
        if database is not None:
            database.dispose()
    print(f"已生成 {len(written)} 个样张文件，保存在“{folder}”。", flush=True)
    return 0
