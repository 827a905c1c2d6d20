"""Deleting a record: first ask the database whether it may go at all, then ask the user, then delete.

A record others refer to cannot be deleted, and asking "确定删除…？" before saying so would be a question
with no point (and an answer that does nothing). `refusal(session)` is the models' check (for example
`people_records.person_delete_refusal`), run in the background; what it returns is said as the reason.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ui import messages
from ui.operations import Work, run_command, run_query

REFUSED_TITLE = "不能删除"


def delete_after_check(context, owner: QWidget, *, refusal: Callable[[Any], str | None] | None, question: str,
                       delete: Work, informative: str | None = None, yes: str = "删除",
                       on_done: Callable[[Any], None] | None = None, label: str = "正在删除…") -> None:
    """`refusal` None: nothing can stand in the way (only the question is asked)."""

    def checked(reason: str | None) -> None:
        if reason:
            messages.warn(owner, reason, title=REFUSED_TITLE)
        elif messages.confirm(owner, question, informative=informative, yes=yes, danger=True):
            run_command(context, owner, delete, on_done=on_done, label=label, title=REFUSED_TITLE)

    if refusal is None:
        checked(None)
    else:
        run_query(context, owner, refusal, on_done=checked, label="正在检查能否删除…")


__all__ = ["REFUSED_TITLE", "delete_after_check"]
