"""Drive modal dialogs opened with exec(): act on them from a timer while their event loop runs."""

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


def when_modal(action: Callable[[QWidget], None], *, timeout_ms: int = 30000, kind: type | None = None) -> dict:
    """Call `action(dialog)` as soon as a modal dialog (of `kind`, if given) is showing. The answer's
    "handled" turns True once it has: wait for it before the next step that opens a dialog (one modal at a
    time — a late message box still open would turn the next dialog away)."""
    waited = {"ms": 0, "handled": False}

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and (kind is None or isinstance(widget, kind)) and widget.isVisible():
            action(widget)
            waited["handled"] = True
            return
        waited["ms"] += 20
        if waited["ms"] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return waited


def click_button(dialog: QWidget, text: str) -> None:
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {dialog!r}")
