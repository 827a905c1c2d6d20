"""Background work as the GUI sees it: one Job per request, its progress dialog, and its callbacks.

A Job hands its work to an Executor (ui/executor.py) and receives the outcome on the GUI thread through
a queued signal. It shows a progress dialog only when the work takes longer than SHOW_AFTER_MS, so quick
work never flashes a window. Two rules keep it safe:

- Re-entrancy: QProgressDialog.setValue() on a modal dialog processes events, so the job's own finish may
  be delivered while one of its dialog calls is still running. Outcomes arriving then are held and handled
  when that call has returned; nothing touches a dialog that has been closed.
- Lifetime: the callbacks belong to the widget that asked (`owner`). Once it is destroyed they are dropped
  (checked with shiboken when the outcome arrives; no connection to the owner is kept): a background result
  never reaches a widget that is gone.
"""

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.executor import Executor, Outcome, TaskCancelled

SHOW_AFTER_MS = 500

__all__ = ["SHOW_AFTER_MS", "Job", "JobTracker", "TaskCancelled"]


def alive(widget: QObject | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class _Signals(QObject):
    outcome = Signal(object)
    progress = Signal(int, int, str)


class Job(QObject):
    """One request for background work; lives on the GUI thread.

    `on_outcome(outcome)` runs on the GUI thread, only while the owner lives (ui/operations.py turns it into
    on_done / on_error / on_cancel); `always(outcome)` runs first, owner or not.
    `done` is emitted once the job has ended (its callbacks, if any, have run)."""

    done = Signal()

    def __init__(self, tracker: "JobTracker", owner: QWidget | None, *, label: str, cancellable: bool,
                 read_only: bool, on_outcome: Callable[[Outcome], None] | None = None,
                 always: Callable[[Outcome], None] | None = None):
        super().__init__()
        self.tracker, self.owner, self.label, self.cancellable = tracker, owner, label, cancellable
        self.read_only = read_only
        self.on_outcome = on_outcome
        self.always = always  # runs even when the owner is gone (a committed change is always announced)
        self.finished = False
        self.outcome: Outcome | None = None
        self.dialog: QProgressDialog | None = None
        self._in_dialog = 0  # > 0 while one of the dialog's own calls runs (it may process events)
        self._held: Outcome | None = None
        self._last_progress = (0, 0, label)
        self._item = None
        self._signals = _Signals()
        self._signals.outcome.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    # -- starting and stopping -----------------------------------------------------------------------------
    def start(self, executor: Executor, work, *, database=None, key=None) -> "Job":
        signals = self._signals  # the worker holds only this, never the Job or its widgets
        self._item = executor.submit(work, database=database, deliver=signals.outcome.emit,
                                     progress=signals.progress.emit, key=key)
        if self.owner is None or alive(self.owner):
            self._timer.start(SHOW_AFTER_MS)
        return self

    def cancel(self) -> None:
        if self._item is not None:
            self._item.cancel_event.set()
        dialog = self.dialog
        if dialog is not None and alive(dialog):
            self._dialog_call(dialog.setLabelText, "正在取消，请稍候…")

    @property
    def owner_alive(self) -> bool:
        return self.owner is None or alive(self.owner)

    # -- the dialog ----------------------------------------------------------------------------------------
    def _dialog_call(self, method, *args) -> None:
        """Call a method of the dialog; an outcome arriving meanwhile waits until the call has returned."""
        self._in_dialog += 1
        try:
            method(*args)
        finally:
            self._in_dialog -= 1
        if not self._in_dialog and self._held is not None:
            held, self._held = self._held, None
            self._arrived(held)

    @Slot()
    def _show_dialog(self) -> None:
        if self.finished or not self.owner_alive:
            return
        parent = self.owner.window() if self.owner is not None else None
        dialog = QProgressDialog(self.label, "取消" if self.cancellable else None, 0, 0, parent)
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
        if self.dialog is dialog and not self.finished:
            self._dialog_call(dialog.show)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        self._last_progress = (done, total, text or self.label)
        dialog = self.dialog
        if dialog is None or self.finished or not alive(dialog):
            return
        self._dialog_call(dialog.setMaximum, max(total, 0))
        if self.dialog is dialog and not self.finished:
            self._dialog_call(dialog.setValue, min(done, total) if total else 0)
        if text and self.dialog is dialog and not self.finished:
            self._dialog_call(dialog.setLabelText, text)

    def _close_dialog(self) -> None:
        self._timer.stop()
        dialog, self.dialog = self.dialog, None
        if dialog is not None and alive(dialog):
            dialog.canceled.disconnect(self.cancel)
            dialog.hide()
            dialog.deleteLater()

    # -- the outcome ---------------------------------------------------------------------------------------
    @Slot(object)
    def _arrived(self, outcome: Outcome) -> None:
        if self.finished:
            return
        if self._in_dialog:
            self._held = outcome  # handled when the dialog call that is running returns
            return
        self.finished = True
        self.outcome = outcome
        self._close_dialog()
        self.tracker.forget(self)
        try:
            if self.always is not None:
                self.always(outcome)
            if self.owner_alive and self.on_outcome is not None:
                self.on_outcome(outcome)
        finally:
            self.done.emit()
            self.tracker.finished.emit(self)


class JobTracker(QObject):
    """The jobs under way, so that quitting can ask first and tests can wait for quiet."""

    finished = Signal(object)  # a Job, after its callbacks ran

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.active: set[Job] = set()
        self._retired: list[Job] = []

    def add(self, job: Job) -> None:
        self.active.add(job)

    def forget(self, job: Job) -> None:
        # The Job is inside its own slot: keep a reference until the next turn of the event loop.
        self.active.discard(job)
        self._retired.append(job)
        QTimer.singleShot(0, self, self._retired.clear)

    @property
    def busy(self) -> bool:
        """Work that writes or saves something is under way (closing now would interrupt it)."""
        return any(not job.read_only for job in self.active)

    @property
    def idle(self) -> bool:
        return not self.active
