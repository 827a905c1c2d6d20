"""领导批示: who (name and title), when, and what, on a bulletin or one recommendation."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from models.services.bulletins import InstructionData, save_instruction
from ui.dialogs import EditDialog, save_form
from ui.widgets.buttons import ok_cancel
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError


class InstructionDialog(EditDialog):
    def __init__(self, context, target: str, *, bulletin_id=None, recommendation_id=None, row=None, parent=None):
        super().__init__(parent)
        self.context, self.row = context, row
        self.bulletin_id, self.recommendation_id = bulletin_id, recommendation_id
        self.setWindowTitle("领导批示")
        self.leader = QLineEdit(row.leader_name if row else "")
        self.title = QLineEdit(row.leader_title if row else "")
        self.title.setPlaceholderText("如：区委书记、区长、分管副区长")
        self.date = DateEdit(row.instructed_on if row and row.instructed_on else None)
        self.content = QPlainTextEdit(row.content if row else "")
        self.content.setFixedHeight(100)
        self.error = FormError()
        form = QFormLayout()
        form.addRow("批示对象：", QLabel(target))
        form.addRow("批示领导*：", self.leader)
        form.addRow("", self.error.under("leader_name", self.leader))
        form.addRow("职务：", self.title)
        form.addRow("批示日期：", self.date)
        form.addRow("", self.error.under("instructed_on", self.date))
        form.addRow("批示内容：", self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.track_edits(save=self.save)

    def save(self) -> None:
        data = InstructionData(leader_name=self.leader.text(), instructed_on=self.date.date().toPython(),
                               content=self.content.toPlainText(), leader_title=self.title.text(),
                               bulletin_id=self.bulletin_id, recommendation_id=self.recommendation_id,
                               id=self.row.id if self.row else None, version=self.row.version if self.row else None)
        save_form(self, lambda s: save_instruction(s, data), error=self.error, button=self.save_button,
                  on_done=lambda _id: self.accept(), saved="已保存领导批示。")
