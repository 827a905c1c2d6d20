"""新建会议: the basic information; the meeting window opens afterwards for everything else."""

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from models.errors import DomainError, ValidationError
from models.services.meetings import meeting_warnings, save_meeting
from ui import messages
from ui.context import AppContext
from ui.widgets.buttons import ok_cancel
from ui.widgets.meeting_form import MeetingForm


class MeetingDialog(QDialog):
    def __init__(self, context: AppContext, meeting_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.setWindowTitle("新建会议" if meeting_id is None else "会议基本信息")
        self.form = MeetingForm(context)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(ok_cancel(self, self.save, ok="保存"))
        self.resize(620, self.sizeHint().height())

    def save(self) -> None:
        self.saved_id = save_from_form(self, self.context, self.form)
        if self.saved_id is not None:
            self.accept()


def save_from_form(parent: QWidget, context: AppContext, form: MeetingForm) -> int | None:
    """Check, warn (past date on a new meeting), save; messages beside the fields. Returns the id or None."""
    form.clear_errors()
    data = form.collected()
    warnings = meeting_warnings(data)
    if warnings and not messages.confirm(parent, "请确认：", informative="\n".join(warnings), yes="继续保存"):
        return None
    try:
        return context.call(save_meeting, data)
    except ValidationError as exc:
        if not form.show_error(exc):
            messages.warn(parent, exc.message)
    except DomainError as exc:
        messages.warn(parent, exc.message, title="无法保存")
    return None
