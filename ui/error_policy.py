"""One way to tell the user that a command or a query did not work.

- a ValidationError is shown under its field when the form can (`form(exc)` returns True), else as a warning;
- a ConflictError (someone saved the record meanwhile) as 保存冲突, with what to do;
- any other domain error (refused by a rule, database busy, file not writable …) as a warning;
- anything else through the error dialog, which logs it with its details.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from models.errors import ConflictError, DomainError, ValidationError
from ui import messages

CONFLICT_TITLE = "保存冲突"
CONFLICT_ADVICE = "您的修改没有保存。列表和窗口已换成最新的内容；若是在对话框中修改的，请关闭对话框，重新打开后再修改。"

FieldHandler = Callable[[ValidationError], bool]


def show_error(exc: BaseException, parent: QWidget | None, tb_text: str = "", *, form: FieldHandler | None = None,
               title: str = "提示") -> None:
    if isinstance(exc, ValidationError) and form is not None and form(exc):
        return
    if isinstance(exc, ConflictError):
        messages.warn(parent, exc.message, title=CONFLICT_TITLE, informative=CONFLICT_ADVICE)
    elif isinstance(exc, DomainError):
        messages.warn(parent, exc.message, title=title)
    else:
        from ui.errors import reporter

        reporter().report(exc, parent, tb_text or None)


__all__ = ["CONFLICT_TITLE", "show_error"]
