"""签到模式: a full-screen window for the door — type a name, initials or seat number (or scan) and Enter."""

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.services.invitees import add_walk_in, check_in, find_for_check_in, undo_check_in
from models.services.meeting_queries import InviteeRow, MeetingRow, attendance_counts, list_invitees
from models.vocab import AttendanceResult
from ui import status_colours
from ui.dialogs import EditDialog, exec_dialog
from ui.operations import run_command, run_query
from ui.watch import AreaWatch
from ui.widgets.buttons import ok_cancel
from ui.widgets.form_error import FormError


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


class WalkInDialog(EditDialog):
    """临时参会人员: someone not on the list — from the register, or a new guest by name."""

    def __init__(self, context, invited: set[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.invited = context, invited
        self.person_id: int | None = None
        self.setWindowTitle("添加临时参会人员")
        self.name = QLineEdit()
        self.unit = QLineEdit()
        pick = QPushButton("从人员库中选择…")
        pick.clicked.connect(self.pick)
        form = QFormLayout()
        self.error = FormError()
        form.addRow("姓名*：", self.name)
        form.addRow("", self.error.under("name", self.name))
        form.addRow("单位及职务：", self.unit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("人员库中已有此人时，请点“从人员库中选择”；否则填写姓名，作为新嘉宾登记。"))
        layout.addWidget(pick)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._check, ok="添加并签到"))
        self.track_edits(save=self._check)

    def pick(self) -> None:
        from ui.dialogs.person_picker import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, self.invited, self, title="从人员库中选择", with_role=False,
                                    single=True, ok="选择")
        if exec_dialog(dialog) and dialog.chosen_ids():
            self.person_id = dialog.chosen_ids()[0]
            self.accept()

    def _check(self) -> None:
        if not self.name.text().strip():
            self.error.say("请填写姓名，或从人员库中选择。", "name")
            return
        self.accept()


class SignInWindow(QWidget):
    """`meeting` and `rows` as its meeting window has just read them; other windows' changes to the list
    arrive as notices. A check-in here updates the window from the command's answer, without reading again."""

    def __init__(self, context, meeting: MeetingRow, rows: list[InviteeRow], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context, self.meeting_id, self.meeting = context, meeting.id, meeting
        self.rows: list[InviteeRow] = list(rows)
        self.history: list[InviteeRow] = []  # check-ins made here, newest last, for 撤销
        self.candidates: list[InviteeRow] = []
        self._after_reload: list = []  # what waits for the list to be read again (see reload)
        self.setWindowTitle(f"签到 — {self.meeting.title}")
        self.setObjectName("signInWindow")
        self.setStyleSheet("#signInWindow { background: #F7F9FB; }")

        title = QLabel(self.meeting.title)
        title.setFont(_font(24, True))
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counts = QLabel()
        self.counts.setFont(_font(20))
        self.counts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input = QLineEdit()
        self.input.setFont(_font(30))
        self.input.setPlaceholderText("输入姓名、拼音首字母或座位号，回车签到")
        self.input.returnPressed.connect(self.submit)
        self.result = QLabel("请输入后按回车")
        self.result.setFont(_font(26, True))
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setFont(_font(20))
        self.choices.setVisible(False)
        self.choices.itemActivated.connect(lambda item: self.check_in_row(item.data(Qt.ItemDataRole.UserRole)))
        self.recent = QListWidget()
        self.recent.setFont(_font(14))
        self.recent.setMaximumWidth(380)
        self.undo_button = QPushButton("撤销上一次签到（Ctrl+Z）")
        self.walk_in_button = QPushButton("添加临时参会人员（Ctrl+T）")
        self.exit_button = QPushButton("退出签到（Esc）")
        for button in (self.undo_button, self.walk_in_button, self.exit_button):
            button.setFont(_font(13))
            button.setMinimumHeight(44)
        self.undo_button.clicked.connect(self.undo)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.exit_button.clicked.connect(self.close)

        centre = QVBoxLayout()
        centre.addWidget(title)
        centre.addWidget(self.counts)
        centre.addSpacing(24)
        centre.addWidget(self.input)
        centre.addWidget(self.result)
        centre.addWidget(self.choices, 1)
        centre.addStretch(1)
        side = QVBoxLayout()
        recent_title = QLabel("最近签到")
        recent_title.setFont(_font(14, True))
        side.addWidget(recent_title)
        side.addWidget(self.recent, 1)
        side.addWidget(self.undo_button)
        side.addWidget(self.walk_in_button)
        side.addWidget(self.exit_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 32, 32, 32)
        layout.addLayout(centre, 3)
        layout.addSpacing(24)
        layout.addLayout(side, 1)

        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        # The input box would take Ctrl+Z for undoing its own typing: here it means 撤销签到.
        self.input.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+T"), self, self.walk_in)
        QShortcut(QKeySequence("Escape"), self, self.close)
        self.show_rows()
        self.input.setFocus()
        self.watch = AreaWatch(self, context, {Area.ATTENDANCE, Area.PEOPLE}, self.reload, ignore_own=True,
                               relevant=lambda c: c.touches_record(Area.ATTENDANCE, self.meeting_id)
                               or Area.PEOPLE in c.areas)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.input and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and event.matches(QKeySequence.StandardKey.Undo):
            if event.type() == QEvent.Type.KeyPress:
                self.undo()
            event.accept()
            return True
        return super().eventFilter(watched, event)

    # -- data ------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None, then=None) -> None:
        """The list as another window changed it (or after a walk-in: `then` once the list shows it). A newer
        reload replaces a waiting one, so whatever waits for a reload waits for the one that arrives."""
        meeting_id = self.meeting_id
        if then is not None:
            self._after_reload.append(then)

        def loaded(rows) -> None:
            self.rows = rows
            self.show_rows()
            waiting, self._after_reload = self._after_reload, []
            for action in waiting:
                action()

        run_query(self.context, self, lambda s: list_invitees(s, meeting_id), on_done=loaded,
                  key=(id(self), "list"))

    def show_rows(self) -> None:
        c = attendance_counts(self.rows)
        self.counts.setText(f"应到 {c.expected} 人　　实到 {c.present} 人　　请假 {c.on_leave} 人　　"
                            f"未到 {c.expected - c.present - c.on_leave} 人")
        self.recent.clear()
        for row in sorted((r for r in self.rows if r.checked_in_at), key=lambda r: r.checked_in_at, reverse=True)[:30]:
            seat = f"（{row.seat_no}号）" if row.seat_no else ""
            self.recent.addItem(f"{row.checked_in_at:%H:%M}　{row.name}{seat}")

    def _replace(self, updated: InviteeRow) -> InviteeRow:
        self.rows = [updated if r.attendance_id == updated.attendance_id else r for r in self.rows]
        self.show_rows()
        return updated

    def _say(self, text: str, colour: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour};")

    # -- signing in ---------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.choices.isVisible() and self.choices.currentItem() is not None and not self.input.text().strip():
            self.check_in_row(self.choices.currentItem().data(Qt.ItemDataRole.UserRole))
            return
        query = self.input.text()
        if not query.strip():
            return
        found = find_for_check_in(self.rows, query)
        self.choices.setVisible(False)
        if not found:
            self._say(f"名单中没有找到“{query.strip()}”。如是临时参会人员，请按 Ctrl+T 添加。", status_colours.BAD)
        elif len(found) == 1:
            self.check_in_row(found[0])
        else:
            self.candidates = found
            self.choices.clear()
            for row in found[:20]:
                state = f"（已于 {row.checked_in_at:%H:%M} 签到）" if row.checked_in_at else ""
                item = QListWidgetItem(f"{row.name}　{row.employer_title}{state}")
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.choices.addItem(item)
            self.choices.setVisible(True)
            self.choices.setCurrentRow(0)
            self.choices.setFocus()
            self._say(f"找到 {len(found)} 人，请用 ↑↓ 选择后按回车：", status_colours.INFO)

    def check_in_row(self, row: InviteeRow) -> None:
        self.choices.setVisible(False)
        self.input.clear()
        self.input.setFocus()
        if row.checked_in_at is not None:
            self._say(f"{row.name} 已于 {row.checked_in_at:%H:%M} 签到", status_colours.WAIT)
            return

        def done(at) -> None:
            self.history.append(self._replace(replace(row, checked_in_at=at)))
            seat = f"　座位 {row.seat_no} 号" if row.seat_no else ""
            leave = "（原登记请假）" if row.on_leave else ""
            self._say(f"✓ {row.name} 签到成功{seat}{leave}", status_colours.GOOD)

        run_command(self.context, self, lambda s: check_in(s, row.attendance_id), on_done=done,
                    on_error=self._refused, label="正在签到…")

    def _refused(self, exc: BaseException) -> bool:
        message = getattr(exc, "message", None)
        if message is None:
            return False  # not a refusal: the error dialog
        self._say(message, status_colours.BAD)
        self.reload()
        return True

    def undo(self) -> None:
        if not self.history:
            self._say("没有可撤销的签到。", status_colours.WAIT)
            return
        row = self.history.pop()

        def done(_result) -> None:
            result = "" if row.result == AttendanceResult.PRESENT else row.result
            self._replace(replace(row, checked_in_at=None, result=result))
            self._say(f"已撤销 {row.name} 的签到", status_colours.WAIT)
            self.input.setFocus()

        run_command(self.context, self, lambda s: undo_check_in(s, row.attendance_id), on_done=done,
                    on_error=self._refused, label="正在撤销签到…")

    def walk_in(self) -> None:
        dialog = WalkInDialog(self.context, {r.person_id for r in self.rows}, self)
        if not exec_dialog(dialog):
            self.input.setFocus()
            return
        meeting_id, person_id = self.meeting_id, dialog.person_id
        name, unit = dialog.name.text(), dialog.unit.text()

        def added(attendance_id: int) -> None:
            def shown() -> None:
                row = next((r for r in self.rows if r.attendance_id == attendance_id), None)
                if row is not None:
                    self.history.append(row)
                    self._say(f"✓ 已添加并签到：{row.name}（临时参会）", status_colours.GOOD)
                self.input.setFocus()

            self.reload(then=shown)

        run_command(self.context, self, lambda s: add_walk_in(s, meeting_id, person_id=person_id, name=name,
                                                              employer_title=unit), on_done=added)
