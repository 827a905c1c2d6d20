"""One worker thread that runs jobs in the order they were asked for (Anki runs its collection work the same
way): all database work of the UI goes through the database executor, so a click never waits behind a lock
held by the app's own import, and the GUI thread never touches the database.

    executor.submit(work, database=db, deliver=job)   # from the GUI thread

`work(ctx)` runs on the worker; `ctx.session` is a session of its own (committed if `work` returns,
rolled back if it raises) when a database is given. The outcome goes to `deliver(outcome)`, called on
the worker thread (ui.tasks.Job turns it into a queued signal for the GUI thread).
"""

import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from models.app_log import get_logger
from models.changes import ChangeLog, change_log

log = get_logger("executor")


class TaskCancelled(Exception):  # noqa: N818 - a signal to stop, not an error
    """Raised by ctx.check_cancelled() after the user pressed 取消."""


class JobContext:
    """What running work sees: its session (if any), progress reporting and the cancel flag."""

    def __init__(self, progress: Callable[[int, int, str], None], cancel_event: threading.Event):
        self._progress = progress
        self._cancel = cancel_event
        self.session = None

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._progress(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()


@dataclass
class Outcome:
    """How a job ended: `kind` is "done", "failed", "cancelled" or "skipped" (superseded before it started)."""

    kind: str
    value: Any = None
    error: BaseException | None = None
    traceback: str = ""
    changes: ChangeLog | None = None  # what the job's session wrote (database jobs only)


@dataclass(eq=False)
class _Item:
    work: Callable[[JobContext], Any]
    database: Any
    deliver: Callable[[Outcome], None]
    progress: Callable[[int, int, str], None]
    cancel_event: threading.Event = field(default_factory=threading.Event)
    key: Any = None
    started: bool = False
    skipped: bool = False


class Executor:
    """A single worker thread with a queue. Thread-safe submit; `key` lets a newer request replace an
    older one that has not started yet (a list asked to reload twice reloads once)."""

    def __init__(self, name: str):
        self.name = name
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._lock = threading.Lock()
        self._waiting: dict[Any, _Item] = {}
        self._pending = 0
        self._idle = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._closed = False
        self.current: _Item | None = None

    # -- submitting -----------------------------------------------------------------------------------
    def submit(self, work: Callable[[JobContext], Any], *, database=None, deliver: Callable[[Outcome], None],
               progress: Callable[[int, int, str], None] = lambda *_: None, key: Any = None) -> _Item:
        item = _Item(work, database, deliver, progress, key=key)
        with self._lock:
            if self._closed:  # the app is closing: nothing more runs, whoever waits hears so
                item.skipped = True
                deliver(Outcome("skipped"))
                return item
            if key is not None:
                older = self._waiting.pop(key, None)
                if older is not None and not older.started:
                    older.skipped = True
                self._waiting[key] = item
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"consultdesk-{self.name}", daemon=True)
                self._thread.start()
        self._queue.put(item)
        return item

    def call_blocking(self, work: Callable[[JobContext], Any], *, database=None, timeout: float = 60.0):
        """Run `work` on the worker and wait for it here, without processing events. For tests and
        shutdown only: it blocks whoever calls it."""
        box: dict[str, Outcome] = {}
        finished = threading.Event()

        def deliver(outcome: Outcome) -> None:
            box["outcome"] = outcome
            finished.set()

        self.submit(work, database=database, deliver=deliver)
        if not finished.wait(timeout):
            raise TimeoutError(f"{self.name} executor did not finish within {timeout} s")
        outcome = box["outcome"]
        if outcome.kind == "failed":
            raise outcome.error
        return outcome.value

    # -- state ----------------------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return self._pending

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until nothing is queued or running (outcomes may still be on their way to the GUI)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Stop after the queued work; True if the worker ended in time."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is None:
            return True
        self._queue.put(None)
        thread.join(timeout)
        return not thread.is_alive()

    # -- the worker -----------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            with self._lock:
                if self._waiting.get(item.key) is item:
                    del self._waiting[item.key]
                item.started = not item.skipped
                self.current = item
            try:
                outcome = Outcome("skipped") if item.skipped else self._execute(item)
                try:
                    item.deliver(outcome)
                except Exception:  # a broken delivery must not stop the worker
                    log.exception("无法送出后台任务的结果")
            finally:
                with self._idle:
                    self.current = None
                    self._pending -= 1
                    self._idle.notify_all()

    @staticmethod
    def _execute(item: _Item) -> Outcome:
        ctx = JobContext(item.progress, item.cancel_event)
        changes = None
        try:
            if item.cancel_event.is_set():
                raise TaskCancelled()
            if item.database is None:
                return Outcome("done", item.work(ctx))
            with item.database.session() as session:
                ctx.session = session
                changes = change_log(session)
                value = item.work(ctx)
                ctx.check_cancelled()  # a late 取消 still rolls the work back
            return Outcome("done", value, changes=changes)
        except TaskCancelled:
            return Outcome("cancelled")
        except BaseException as exc:  # handed to the GUI thread, never lost on the worker
            # `changes` still says what the work meant to change (rolled back): screens may refresh.
            return Outcome("failed", error=exc, traceback=traceback.format_exc(), changes=changes)


__all__ = ["Executor", "JobContext", "Outcome", "TaskCancelled"]
