"""按签到表补录出席: after the meeting, tick who signed the paper 签到表 and save them all in one command.

Works on the rows the meeting window has read (no query while ticking or searching). No sign-in time is
recorded — the dialog says so, so that nobody reads the export's empty 签到时间 as a mistake."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from models.services.invitees import find_for_check_in
from models.services.meeting_queries import InviteeRow, MeetingRow
from models.services.paper_attendance import record_paper_attendance
from models.vocab import AttendanceResult, AttendanceRole
from ui import messages
from ui.dialogs import EditDialog, save_form
from ui.widgets.buttons import ok_cancel
from ui.widgets.form_error import FormError

_ID = Qt.ItemDataRole.UserRole


def _label(row: InviteeRow) -> str:
    notes = []
    if row.checked_in_at is not None:
        notes.append(f"已于 {row.checked_in_at:%H:%M} 在签到模式签到")
    elif row.on_leave:
        notes.append("请假")
    return f"{row.name}　{row.employer_title}" + (f"（{'，'.join(notes)}）" if notes else "")


class PaperAttendanceDialog(EditDialog):
    def __init__(self, context, meeting: MeetingRow, rows: list[InviteeRow], parent=None):
        super().__init__(parent)
        self.context, self.meeting_id = context, meeting.id
        self.rows = [r for r in rows if r.role != AttendanceRole.STAFF]  # 工作人员 are not counted as 应到
        self.result_message = ""
        self.setWindowTitle(f"按签到表补录出席 — {meeting.title}")
        note = QLabel("勾选纸质签到表上已签名的人员，保存后记为“出席”。补录不记录签到时间（签到时间只来自签到模式），"
                      "在签到模式中已签到的人员不能在此取消，如有误请在签到模式中撤销。")
        note.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：姓名、拼音首字母或座位号")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.list = QListWidget()
        for row in self.rows:
            item = QListWidgetItem(_label(row))
            item.setData(_ID, row.attendance_id)
            came = row.checked_in_at is not None or row.result == AttendanceResult.PRESENT
            item.setCheckState(Qt.CheckState.Checked if came else Qt.CheckState.Unchecked)
            if row.checked_in_at is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.itemChanged.connect(self.count)
        select_all = QPushButton("全选")
        select_all.clicked.connect(lambda: self.tick(lambda _state: Qt.CheckState.Checked))
        invert = QPushButton("反选")
        invert.clicked.connect(lambda: self.tick(lambda state: Qt.CheckState.Unchecked
                                                 if state == Qt.CheckState.Checked else Qt.CheckState.Checked))
        self.counter = QLabel()
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(select_all)
        tools.addWidget(invert)
        self.error = FormError()
        self.buttons = ok_cancel(self, self.save, ok="保存出席情况")
        self.save_button = next(b for b in self.buttons.buttons()
                                if self.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(tools)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.counter)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.count()
        self.track_edits(save=self.save, state=self.ticked)
        self.resize(720, 600)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def ticked(self) -> list[int]:
        return [item.data(_ID) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def filter(self, text: str) -> None:
        shown = {r.attendance_id for r in find_for_check_in(self.rows, text)} if text.strip() else None
        for item in self._items():
            item.setHidden(shown is not None and item.data(_ID) not in shown)

    def tick(self, new_state) -> None:
        """全选 / 反选 act on the names shown (after a search, only those), never on those signed in at the door."""
        for item in self._items():
            if not item.isHidden() and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(new_state(item.checkState()))

    def count(self, *_args) -> None:
        self.counter.setText(f"已勾选 {len(self.ticked())} 人 / 应到 {len(self.rows)} 人")

    def save(self) -> None:
        meeting_id, ticked = self.meeting_id, self.ticked()

        def done(result) -> None:
            self.result_message = result.message()
            self.mark_clean()
            messages.saved(self, self.result_message)
            self.accept()

        save_form(self, lambda s: record_paper_attendance(s, meeting_id, ticked), error=self.error,
                  button=self.save_button, on_done=done)
