"""One invitee: role, 排序 (protocol rank), reply (请假 with reason and approver), seat, speaking order and topic,
notes."""

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from models.errors import FieldErrors
from models.services.invitees import PROTOCOL_RANK_MAX, record_reply, update_invitee
from models.services.meeting_queries import InviteeRow
from models.vocab import InviteStatus
from ui.dialogs import EditDialog, save_form
from ui.dialogs.person_picker import role_combo
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form_error import FormError


class InviteeDialog(EditDialog):
    def __init__(self, context, row: InviteeRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.row = context, row
        self.setWindowTitle(f"参会人员 — {row.name}")
        self.role = role_combo(row.role)
        self.protocol_rank = QSpinBox()
        self.protocol_rank.setRange(0, PROTOCOL_RANK_MAX)
        self.protocol_rank.setSpecialValueText("按身份和笔画")  # 0 shown as this: no rank of its own
        self.protocol_rank.setValue(row.protocol_rank or 0)
        self.protocol_rank.setToolTip("领导、特邀人员的礼宾顺序，数字小者在前；空=按身份和笔画")
        self.status = ChoiceCombo(empty_label=None)
        self.status.set_choices([(s.value, s.value) for s in InviteStatus])
        self.status.set_value(row.invite_status)
        self.leave_reason = QLineEdit(row.leave_reason)
        self.leave_approved_by = QLineEdit(row.leave_approved_by)
        self.seat_no = QLineEdit(row.seat_no)
        self.speech_order = QSpinBox()
        self.speech_order.setRange(0, 999)
        self.speech_order.setSpecialValueText("不安排")
        self.speech_order.setValue(row.speech_order or 0)
        self.speech_title = QLineEdit(row.speech_title)
        self.notes = QLineEdit(row.notes)
        self.error = FormError()
        form = QFormLayout()
        form.addRow("单位及职务：", QLabel(row.employer_title or "—"))
        for label, widget in (("参会角色：", self.role), ("排序：", self.protocol_rank), ("回复状态：", self.status),
                              ("请假事由：", self.leave_reason),
                              ("", self.error.under("leave_reason", self.leave_reason)),
                              ("批准人：", self.leave_approved_by), ("座位号：", self.seat_no),
                              ("发言顺序：", self.speech_order),
                              ("发言题目：", self.speech_title), ("备注：", self.notes)):
            form.addRow(label, widget)
        self.status.currentIndexChanged.connect(lambda _i: self._leave_fields())
        self._leave_fields()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.track_edits(save=self.save)

    def _leave_fields(self) -> None:
        leave = self.status.value() == InviteStatus.LEAVE
        self.leave_reason.setEnabled(leave)
        self.leave_approved_by.setEnabled(leave)

    def save(self) -> None:
        row = self.row
        role, seat, order = self.role.value(), self.seat_no.text(), self.speech_order.value() or None
        rank = self.protocol_rank.value() or None
        title, notes = self.speech_title.text(), self.notes.text()
        reply = (self.status.value(), self.leave_reason.text(), self.leave_approved_by.text())

        def change(session) -> None:
            errors = FieldErrors()  # both services' problems at once (each checks before it writes)
            errors.check(update_invitee, session, row.attendance_id, role=role, seat_no=seat, speech_order=order,
                         speech_title=title, notes=notes, protocol_rank=rank, expected_version=row.version)
            if reply != (row.invite_status, row.leave_reason, row.leave_approved_by):
                errors.check(record_reply, session, row.attendance_id, reply[0], leave_reason=reply[1],
                             leave_approved_by=reply[2])
            errors.raise_if_any()  # and nothing is kept: the command's transaction is rolled back

        save_form(self, change, error=self.error, button=self.save_button, on_done=lambda _r: self.accept(),
                  saved="已保存参会信息。")
