"""新建会议: the basic information; the meeting window opens afterwards for everything else."""

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.services import lookups
from models.services.meetings import meeting_warnings, save_meeting
from models.services.topics import topic_choices
from models.text import quoted
from ui import messages
from ui.context import AppContext
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_command
from ui.widgets.buttons import ok_cancel
from ui.widgets.meeting_form import FormChoices, MeetingForm


def load_form_choices(session) -> FormChoices:
    """What the fields of a meeting offer (read on the database executor)."""
    return FormChoices(lookups.list_values(session, "meeting_format"), topic_choices(session))


class MeetingDialog(EditDialog):
    def __init__(self, context: AppContext, choices: FormChoices, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.setWindowTitle("新建会议")
        self.form = MeetingForm(choices)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self.track_edits(save=self.save)

    def save(self) -> None:
        save_from_form(self, self.context, self.form, self._saved, button=self.save_button)

    def _saved(self, meeting_id: int) -> None:
        self.saved_id = meeting_id
        self.accept()


def save_from_form(parent: QWidget, context: AppContext, form: MeetingForm, on_saved: Callable[[int], None], *,
                   button=None) -> None:
    """Check, warn (past date on a new meeting), save in the background; messages beside the fields."""
    form.clear_errors()
    data = form.collected()
    warnings = meeting_warnings(data)
    if warnings and not messages.confirm(parent, "请确认：", informative="\n".join(warnings), yes="继续保存"):
        return
    if button is not None:
        button.setEnabled(False)

    def enable(_exc=None) -> None:
        if button is not None:
            button.setEnabled(True)

    def saved(meeting_id: int) -> None:
        enable()
        messages.saved(parent, f"已保存会议{quoted(data.title)}。")
        on_saved(meeting_id)

    run_command(context, parent, lambda s: save_meeting(s, data), on_done=saved, on_error=enable,
                form=form.show_error, title="无法保存")
