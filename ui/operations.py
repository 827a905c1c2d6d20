"""How a click reaches the database: every command and every query of the UI goes through here.

    run_command(context, self, lambda s: check_in(s, row.attendance_id), on_done=self._checked_in)
    run_query(context, self, lambda s: list_invitees(s, meeting_id), on_done=self._show, key=(self, "list"))

Both run on the database executor (one worker thread, in order) with a session of their own. A command's
success publishes one change notice (models.changes.Changes: the areas the services declared and the rows
they touched, and the owner as initiator) before `on_done` runs; a failure goes through the one error
policy (ui/error_policy.py), after `on_error` if given (return True from it to say "handled"). Callbacks
run on the GUI thread and only while `owner` lives. `run_background` is the same for work without the
database (writing a PDF or a workbook from rows already read), on a worker of its own.

Work is called as `work(session)`; with `progress=True` (or `cancellable=True`) as `work(ctx)`, where
`ctx.session`, `ctx.progress(done, total, text)` and `ctx.check_cancelled()` are available.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from models.app_log import get_logger
from models.changes import Changes
from models.errors import ConflictError, NotFoundError, ReadOnlyError
from ui.error_policy import FieldHandler, show_error
from ui.executor import JobContext, Outcome
from ui.tasks import Job

log = get_logger("operations")

# Tests turn this on: a command writing a table no service declared, or a query writing at all, fails.
STRICT = False

Work = Callable[[Any], Any]


class UndeclaredChange(AssertionError):  # noqa: N818 - raised in tests only, as a failed check
    """A command wrote tables whose area no @writes declared (the notice would miss a screen)."""


def _call(work: Work, with_context: bool) -> Callable[[JobContext], Any]:
    if with_context:
        return work
    return lambda ctx: work(ctx.session) if ctx.session is not None else work(ctx)


def _job(context, owner: QWidget | None, *, label: str, cancellable: bool, read_only: bool, on_outcome,
         always=None) -> Job:
    job = Job(context.jobs, owner, label=label, cancellable=cancellable, read_only=read_only, on_outcome=on_outcome,
              always=always)
    context.jobs.add(job)
    return job


def _refresh_after_refusal(context, outcome: Outcome) -> None:
    """The record changed or went away meanwhile: screens showing it fetch the latest state, the asking one
    too (no initiator: a watch that skips its own writes must not skip this)."""
    if isinstance(outcome.error, (ConflictError, NotFoundError)) and outcome.changes is not None:
        declared = frozenset(outcome.changes.declared)
        if declared:
            context.notices.publish(Changes(declared, {}, None))


def _failed(owner, outcome: Outcome, on_error, form: FieldHandler | None, title: str) -> None:
    if on_error is not None and on_error(outcome.error):
        return
    show_error(outcome.error, owner, outcome.traceback, form=form, title=title)


def _finisher(owner, on_done, on_error, on_cancel, form: FieldHandler | None, title: str,
              check: Callable[[Outcome], None] | None = None) -> Callable[[Outcome], None]:
    """What runs on the GUI thread once the work is over (while the owner lives): the caller's callback for
    each way it can end, the error policy for a failure."""

    def finished(outcome: Outcome) -> None:
        if outcome.kind == "done":
            if check is not None:
                check(outcome)
            if on_done is not None:
                on_done(outcome.value)
        elif outcome.kind == "failed":
            _failed(owner, outcome, on_error, form, title)
        elif outcome.kind == "cancelled" and on_cancel is not None:
            on_cancel()

    return finished


def run_command(context, owner: QWidget | None, work: Work, *, on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], bool | None] | None = None, form: FieldHandler | None = None,
                on_cancel: Callable[[], None] | None = None, label: str = "正在保存，请稍候…",
                progress: bool = False, cancellable: bool = False, title: str = "提示") -> Job:
    """Write something: one transaction on the database executor, then one change notice. With an account
    that may only view, nothing is tried: the command fails at once with the Chinese reason (ReadOnlyError)
    through the same error policy, whichever button started it."""
    if getattr(context, "read_only", False):
        work, progress, cancellable = _refuse_write, False, False

    def announce(outcome: Outcome) -> None:  # whether or not the owner is still there
        changes = outcome.changes
        if outcome.kind == "done" and changes is not None:
            if STRICT and changes.undeclared():
                raise UndeclaredChange(f"未声明改动范围的写入：{sorted(changes.undeclared())}")
            context.notices.publish(changes.changes(initiator=owner))
        elif outcome.kind == "failed":
            _refresh_after_refusal(context, outcome)

    job = _job(context, owner, label=label, cancellable=cancellable, read_only=False,
               on_outcome=_finisher(owner, on_done, on_error, on_cancel, form, title), always=announce)
    return job.start(context.db, _call(work, progress or cancellable), database=context.database)


def _refuse_write(_session) -> None:
    raise ReadOnlyError()


def run_query(context, owner: QWidget | None, work: Work, *, on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], bool | None] | None = None, key: Any = None,
              on_cancel: Callable[[], None] | None = None, label: str = "正在读取，请稍候…",
              progress: bool = False, cancellable: bool = False, title: str = "提示") -> Job:
    """Read something on the database executor; `key` makes a newer request replace a waiting older one."""

    def wrote_nothing(outcome: Outcome) -> None:
        if outcome.changes is not None and outcome.changes.tables:
            if STRICT:
                raise UndeclaredChange(f"读取时写入了数据：{sorted(outcome.changes.tables)}")
            log.warning("读取操作写入了数据：%s", sorted(outcome.changes.tables))

    job = _job(context, owner, label=label, cancellable=cancellable, read_only=True,
               on_outcome=_finisher(owner, on_done, on_error, on_cancel, None, title, check=wrote_nothing))
    return job.start(context.db, _call(work, progress or cancellable), database=context.database, key=key)


def run_background(context, owner: QWidget | None, work: Callable[[JobContext], Any], *,
                   on_done: Callable[[Any], None] | None = None,
                   on_error: Callable[[BaseException], bool | None] | None = None,
                   on_cancel: Callable[[], None] | None = None, label: str = "正在处理，请稍候…",
                   cancellable: bool = False, read_only: bool = False, title: str = "无法保存",
                   on_database: bool = False) -> Job:
    """Work without a session of the open database: `work(ctx)` on the file worker, or on the database
    executor with `on_database=True` (opening, backing up or restoring a database file)."""

    job = _job(context, owner, label=label, cancellable=cancellable, read_only=read_only,
               on_outcome=_finisher(owner, on_done, on_error, on_cancel, None, title))
    return job.start(context.db if on_database else context.files, work)


__all__ = ["STRICT", "UndeclaredChange", "run_background", "run_command", "run_query"]
