"""Unattended runs (--exit-when-ready, --self-test) end by themselves: nobody is there to answer a dialog.

A timer thread ends the process if it has not finished in time, even when the GUI thread is stuck (a Qt
timer would never fire then); a Qt timer looks for a dialog waiting for an answer (an error, a question) and
ends the process with what it says. Both exit at once with os._exit: a nested event loop or a hung worker
must not keep the process alive.
"""

import os
import sys
import threading

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QProgressDialog

TOO_SLOW = 3  # exit codes a CI script can tell apart
DIALOG_WAITING = 4


def _say_and_exit(text: str, code: int) -> None:
    print(text, file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(code)


def dialog_text(dialog: QDialog) -> str:
    """The title and every label of a dialog, for the log of a run nobody watched."""
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text().strip()]
    buttons = [button.text() for button in dialog.findChildren(QAbstractButton) if button.text().strip()]
    return f"“{dialog.windowTitle()}”：{' '.join(labels)}（按钮：{'、'.join(buttons)}）"


def waiting_dialog(app: QApplication) -> QDialog | None:
    """A dialog that waits for a person (progress dialogs only inform, and close by themselves)."""
    for widget in app.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and not isinstance(widget, QProgressDialog):
            return widget
    return None


class Watchdog(QObject):
    def __init__(self, app: QApplication, timeout_s: float, *, poll_ms: int = 200, exit=_say_and_exit):
        super().__init__(app)
        self.app, self.exit = app, exit
        self.timer = threading.Timer(timeout_s, lambda: exit(f"未能在 {timeout_s:g} 秒内完成，已退出。", TOO_SLOW))
        self.timer.daemon = True
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self._look_for_dialog)

    def start(self) -> "Watchdog":
        self.timer.start()
        self.poll.start()
        return self

    def stop(self) -> None:
        self.timer.cancel()
        self.poll.stop()

    def _look_for_dialog(self) -> None:
        dialog = waiting_dialog(self.app)
        if dialog is not None:
            self.stop()
            self.exit(f"出现了需要人来回答的对话框，无人值守运行已退出。{dialog_text(dialog)}", DIALOG_WAITING)


__all__ = ["DIALOG_WAITING", "TOO_SLOW", "Watchdog", "dialog_text", "waiting_dialog"]
