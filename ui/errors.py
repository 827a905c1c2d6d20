"""Unexpected errors: logged, shown in Chinese with copyable details, and the app keeps running."""

import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from models.app_log import get_logger
from models.errors import DatabaseFileError, DomainError
from ui.window_fit import fit_to_screen

log = get_logger("errors")

# Tests set this: an unexpected error is handed to it (and fails the test) instead of waiting in a dialog.
unexpected_hook = None


class ErrorDialog(QDialog):
    """A short Chinese message, and the technical details one click away for support staff."""

    def __init__(self, message: str, details: str, log_file: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("程序出错")
        self.details = details
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        text = QLabel(message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel("您的数据没有丢失，可以继续使用。如果问题反复出现，请点击“复制详细信息”，"
                      "把内容发给技术支持人员。" + (f"\n日志文件：{log_file}" if log_file else ""))
        hint.setWordWrap(True)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_box = QPlainTextEdit(details)
        self.details_box.setReadOnly(True)
        self.details_box.setVisible(False)
        self.details_box.setMinimumHeight(180)

        self.toggle_button = QPushButton("显示详细信息")
        self.toggle_button.clicked.connect(self._toggle_details)
        self.copy_button = QPushButton("复制详细信息")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox()
        buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        ok = buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(text)
        column.addWidget(hint)
        top.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_box)
        layout.addWidget(buttons)
        self.resize(520, 200)

    def _toggle_details(self) -> None:
        visible = not self.details_box.isVisible()
        self.details_box.setVisible(visible)
        self.toggle_button.setText("隐藏详细信息" if visible else "显示详细信息")
        # taller for the details, never narrower than it opened (adjustSize alone shrank it to ~310 px)
        width = max(self.width(), 520)
        self.layout().activate()
        self.resize(width, self.sizeHint().height())
        fit_to_screen(self)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


def format_details(exc: BaseException, tb_text: str | None = None) -> str:
    from models import __version__

    body = tb_text or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return f"协商会务台 {__version__}\nPython {sys.version.split()[0]}\n\n{body}"


class ErrorReporter(QObject):
    """Shows errors on the GUI thread; errors from other threads arrive through a signal."""

    _from_thread = Signal(object, str)

    def __init__(self, log_file: str | None = None):
        super().__init__()
        self.log_file = log_file
        self._showing = False
        self._from_thread.connect(self._show_unexpected, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException, parent: QWidget | None = None, tb_text: str | None = None) -> None:
        """Domain errors through the one error policy (a warning); anything else the error dialog (and the log)."""
        if isinstance(exc, DomainError):
            from ui.error_policy import show_error  # it hands unexpected errors back here

            log.info("操作被拒绝：%s", exc.message)
            show_error(exc, parent or _active_window(),
                       title="无法打开数据库" if isinstance(exc, DatabaseFileError) else "提示")
            return
        log.error("未预期的错误", exc_info=(type(exc), exc, exc.__traceback__))
        self._show_unexpected(exc, tb_text or "")

    def _show_unexpected(self, exc: BaseException, tb_text: str) -> None:
        if unexpected_hook is not None:
            unexpected_hook(exc, tb_text)
            return
        if self._showing:  # an error while showing an error: the log has it, do not stack dialogs
            return
        self._showing = True
        try:
            dialog = ErrorDialog(f"程序遇到了一个意外错误：{_short(exc)}", format_details(exc, tb_text or None),
                                 self.log_file, _active_window())
            dialog.exec()
        finally:
            self._showing = False

    # sys.excepthook / threading.excepthook ----------------------------------------------
    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        tb_text = "".join(traceback.format_exception(exc_type, exc, tb))
        if threading.current_thread() is not threading.main_thread():
            log.error("后台线程错误\n%s", tb_text)
            self._from_thread.emit(exc, tb_text)
            return
        if isinstance(exc, DomainError):
            self.report(exc)
            return
        log.error("未预期的错误\n%s", tb_text)
        self._show_unexpected(exc, tb_text)

    def thread_excepthook(self, args) -> None:
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _active_window() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if app else None


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter:
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter()
    return _reporter


def set_reporter(value: ErrorReporter) -> None:
    global _reporter
    _reporter = value

