"""Checks every UI test runs under.

- SQL on the GUI thread: a listener on every engine fails a test whose code executes SQL on the main
  (GUI) thread while the app is running; all such work belongs on the database executor.
- Unexpected errors: the error reporter hands them to the test instead of opening a dialog that would wait
  forever offscreen; the test fails with the traceback.
"""

import threading
import traceback
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


class GuiThreadSql(AssertionError):  # noqa: N818 - a failed check
    pass


class SqlGuard:
    def __init__(self):
        self.depth = 0  # > 0 while the app runs (a context exists, or the test body runs)
        self.paused = 0
        self.violations: list[str] = []
        event.listen(Engine, "before_cursor_execute", self.check)

    @property
    def active(self) -> bool:
        return self.depth > 0 and not self.paused

    def check(self, _conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if self.active and threading.current_thread() is threading.main_thread():
            where = "".join(traceback.format_stack(limit=12)[:-2])
            self.violations.append(f"{statement.splitlines()[0][:120]}\n{where}")
            raise GuiThreadSql(f"SQL on the GUI thread: {statement.splitlines()[0][:120]}")

    @contextmanager
    def running(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    @contextmanager
    def outside_app(self):
        """For preparing files before the app starts (as another program would)."""
        self.paused += 1
        try:
            yield
        finally:
            self.paused -= 1

    def take(self) -> list[str]:
        found, self.violations = self.violations, []
        return found


SQL_GUARD = SqlGuard()


class UnexpectedErrors:
    def __init__(self):
        self.seen: list[str] = []
        self.expected = False

    def __call__(self, exc: BaseException, tb_text: str) -> None:
        text = tb_text or "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.seen.append(text)

    def take(self) -> list[str]:
        found, self.seen = self.seen, []
        return found


class ModalWatchdog:
    """A modal dialog nobody answers would wait forever offscreen: after PATIENCE_MS the watchdog notes it,
    closes it (so the test goes on and fails) and the test is reported with the dialog's title and text."""

    PATIENCE_MS = 20000
    TICK_MS = 250

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.stuck: list[str] = []
        self._current = None
        self._waited = 0
        self._timer = QTimer()
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        widget = QApplication.activeModalWidget()
        if widget is None or widget is not self._current:
            self._current, self._waited = widget, 0
            return
        self._waited += self.TICK_MS
        if self._waited < self.PATIENCE_MS:
            return
        text = widget.text() if isinstance(widget, QMessageBox) else ""
        self.stuck.append(f"{type(widget).__name__} “{widget.windowTitle()}” {text}".strip())
        self._current, self._waited = None, 0
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)  # not reject(): a form with changes would only ask again
        else:
            widget.close()

    def take(self) -> list[str]:
        found, self.stuck = self.stuck, []
        return found
