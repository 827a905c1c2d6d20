"""Background work: run a function off the GUI thread with its own session, hand back the result.

    runner.run(fn, on_done=..., label="正在导出…", cancellable=True)

`fn(ctx)` runs on a pool thread; `ctx.session` is a session of its own (committed if fn
returns, rolled back if it raises), `ctx.progress(done, total, text)` reports progress and
`ctx.check_cancelled()` stops at a safe point when the user pressed 取消.  `on_done(result)`
and `on_error(exc)` run on the GUI thread.  A progress dialog appears only when the work
takes longer than SHOW_AFTER_MS, so quick work never flashes a window.
"""

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.app_log import get_logger

SHOW_AFTER_MS = 500
log = get_logger("tasks")


class TaskCancelled(Exception):  # noqa: N818 - a signal to stop, not an error
    """Raised by ctx.check_cancelled() after the user pressed 取消."""


class TaskContext:
    def __init__(self, signals: "_Signals", cancel_event: threading.Event):
        self._signals = signals
        self._cancel = cancel_event
        self.session = None

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, fn, signals: _Signals, cancel_event: threading.Event, database):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.signals, self.cancel_event, self.database = fn, signals, cancel_event, database

    def run(self) -> None:
        ctx = TaskContext(self.signals, self.cancel_event)
        try:
            if self.database is not None:
                with self.database.session() as session:
                    ctx.session = session
                    result = self.fn(ctx)
                    ctx.check_cancelled()  # a late 取消 still rolls the work back
            else:
                result = self.fn(ctx)
        except TaskCancelled:
            self.signals.cancelled.emit()
        except BaseException as exc:  # handed to the GUI thread, never lost in the pool
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            # Wrapped: PySide 6.12 miscounts references to a bare True/False sent through Signal(object).
            self.signals.finished.emit((result,))


class Task(QObject):
    """One piece of background work; lives on the GUI thread and owns its progress dialog."""

    done = Signal()  # after on_done / on_error / cancel handling, for whoever waits

    def __init__(self, runner: "TaskRunner", fn, *, on_done, on_error, on_cancel, label: str,
                 cancellable: bool, parent: QWidget | None, database, read_only: bool = False):
        super().__init__(runner)
        self.read_only = read_only
        self.runner, self.label, self.cancellable, self.parent_widget = runner, label, cancellable, parent
        self.on_done, self.on_error, self.on_cancel = on_done, on_error, on_cancel
        self.finished = False
        self.dialog: QProgressDialog | None = None
        self._last_progress = (0, 0, label)
        self._cancel_event = threading.Event()
        self._signals = _Signals()
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._signals.cancelled.connect(self._cancelled, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._work = (fn, database)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def start(self) -> None:
        self._timer.start(SHOW_AFTER_MS)
        fn, database = self._work
        # No Python reference is kept: the pool owns and deletes the runnable when it is done.
        self.runner.pool.start(_Runnable(fn, self._signals, self._cancel_event, database))

    def cancel(self) -> None:
        self._cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消，请稍候…")

    @Slot()
    def _show_dialog(self) -> None:
        if self.finished:
            return
        dialog = QProgressDialog(self.label, "取消" if self.cancellable else None, 0, 0, self.parent_widget)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._progress(*self._last_progress)
        dialog.show()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        self._last_progress = (done, total, text or self.label)
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.finished = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            if self.dialog.parent() is not None:
                self.dialog.deleteLater()
            self.dialog = None
        self.runner._forget(self)

    @Slot(object)
    def _finished(self, wrapped: tuple) -> None:
        (result,) = wrapped
        self._close()
        try:
            if self.on_done is not None:
                self.on_done(result)
        finally:
            self.done.emit()

    @Slot(object, str)
    def _failed(self, exc: BaseException, tb_text: str) -> None:
        self._close()
        try:
            if self.on_error is not None:
                self.on_error(exc)
            else:
                from ui.errors import reporter

                reporter().report(exc, self.parent_widget, tb_text)
        finally:
            self.done.emit()

    @Slot()
    def _cancelled(self) -> None:
        self._close()
        try:
            if self.on_cancel is not None:
                self.on_cancel()
        finally:
            self.done.emit()


class TaskRunner(QObject):
    """Starts Tasks on a thread pool; `database` (a callable returning the open Database) gives sessions."""

    def __init__(self, database: Callable[[], Any] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._database = database
        self.pool = QThreadPool(self)
        self._active: set[Task] = set()
        self._retired: set[Task] = set()

    def run(self, fn: Callable[[TaskContext], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None, label: str = "正在处理，请稍候…",
            cancellable: bool = False, parent: QWidget | None = None, with_session: bool = True,
            read_only: bool = False) -> Task:
        """`read_only` work (loading a list) may be abandoned: it does not count as busy."""
        database = self._database() if (with_session and self._database is not None) else None
        task = Task(self, fn, on_done=on_done, on_error=on_error, on_cancel=on_cancel, label=label,
                    cancellable=cancellable, parent=parent, database=database, read_only=read_only)
        self._active.add(task)
        task.start()
        return task

    @property
    def busy(self) -> bool:
        """Work that writes or saves something is under way (closing now would interrupt it)."""
        return any(not task.read_only for task in self._active)

    @property
    def idle(self) -> bool:
        return not self._active

    def _forget(self, task: Task) -> None:
        # The Task is inside its own slot: keep a reference until the next turn of the event
        # loop, then let Python free it (deleteLater() races PySide's ownership and can crash).
        self._active.discard(task)
        task.setParent(None)
        self._retired.add(task)
        QTimer.singleShot(0, self, self._retired.clear)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (used at shutdown and in tests)."""
        return self.pool.waitForDone(msecs)
