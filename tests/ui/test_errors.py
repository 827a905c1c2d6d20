"""Unexpected errors: a Chinese dialog with copyable details, a line in the log, and the app goes on."""

import logging
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from models.app_log import configure_logging
from models.errors import ValidationError
from ui import errors
from ui.errors import ErrorDialog, ErrorReporter


@pytest.fixture(autouse=True)
def real_error_dialogs(monkeypatch):
    """These tests are about the error dialog itself: let errors reach it (its exec is replaced below)."""
    monkeypatch.setattr(errors, "unexpected_hook", None)


class Shown:
    def __init__(self, monkeypatch):
        self.dialogs: list[ErrorDialog] = []
        monkeypatch.setattr(ErrorDialog, "exec", lambda dialog: self.dialogs.append(dialog) or 0)


def raise_and_hook(reporter: ErrorReporter, exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:
        reporter.excepthook(type(caught), caught, caught.__traceback__)


def test_unexpected_error_shows_chinese_dialog_and_is_logged(qtbot, tmp_path, monkeypatch):
    log_file = tmp_path / "logs" / "consultdesk.log"
    configure_logging(log_file)
    shown = Shown(monkeypatch)
    reporter = ErrorReporter(str(log_file))
    raise_and_hook(reporter, KeyError("meeting_id"))

    assert len(shown.dialogs) == 1
    dialog = shown.dialogs[0]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "程序出错"
    assert "KeyError" in dialog.details and "meeting_id" in dialog.details
    assert not dialog.details_box.isVisible()
    dialog.show()
    dialog.toggle_button.click()
    assert dialog.details_box.isVisible() and dialog.toggle_button.text() == "隐藏详细信息"
    dialog.copy_button.click()
    assert "KeyError" in QGuiApplication.clipboard().text()
    for handler in logging.getLogger("consultdesk").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "未预期的错误" in text and "KeyError" in text


def test_domain_error_gets_its_own_message_not_the_error_dialog(qtbot, monkeypatch, message_log):
    shown = Shown(monkeypatch)
    raise_and_hook(ErrorReporter(), ValidationError("请填写会议名称。"))
    assert shown.dialogs == []
    assert message_log.texts("warn") == ["请填写会议名称。"]


def test_errors_in_other_threads_are_shown_on_the_gui_thread(qtbot, monkeypatch):
    shown = Shown(monkeypatch)
    reporter = ErrorReporter()

    def worker():
        try:
            raise RuntimeError("后台出错")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown.dialogs) == 1, timeout=3000)
    assert "后台出错" in shown.dialogs[0].details


def test_install_routes_sys_excepthook(qtbot, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(errors, "_reporter", None)
    reporter = ErrorReporter()
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    errors.set_reporter(reporter)
    assert errors.reporter() is reporter


def test_an_exception_in_a_button_slot_shows_the_dialog_and_the_app_goes_on(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    shown = Shown(monkeypatch)
    reporter = ErrorReporter()
    reporter.install()
    button = QPushButton("导出")
    qtbot.addWidget(button)
    clicks = []

    def export():
        clicks.append(1)
        raise OSError("磁盘已满")

    button.clicked.connect(export)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # still alive and still clickable
    assert len(clicks) == 2 and len(shown.dialogs) == 2
    assert "磁盘已满" in shown.dialogs[0].details


def test_showing_the_details_keeps_the_dialog_wide_and_on_the_screen(qtbot):
    from ui.window_fit import available_area

    dialog = errors.ErrorDialog("保存时出现意外错误。", "Traceback …\n" * 80, "consultdesk.log")
    qtbot.addWidget(dialog)
    dialog.show()
    opened = dialog.width()
    dialog._toggle_details()
    assert dialog.details_box.isVisible() and dialog.width() >= opened  # it used to shrink to ~310 px
    assert available_area(dialog).contains(dialog.frameGeometry()) or dialog.height() <= available_area(dialog).height()
    dialog._toggle_details()
    assert dialog.width() >= opened
