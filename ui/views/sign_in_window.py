"""签到模式: a full-screen window for the door — type a name, initials or seat number and Enter, or scan the QR
of a 参会证 (a USB scanner types its 入场码 and Enter).

Matches show while typing (from the rows already read: no query per keystroke). What can be undone is read
from the stored check-in times, so it is the same after closing and reopening."""

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

from models import clock
from models.changes import Area, Changes
from models.services.entry_codes import find_by_code, looks_like_code
from models.services.invitees import add_walk_in, check_in, find_for_check_in, undo_check_in
from models.services.meeting_queries import InviteeRow, MeetingRow, attendance_counts, list_invitees
from models.services.sign_in_day import off_day_warning
from models.vocab import AttendanceResult
from ui import messages, status_colours
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


def _newest_first(row: InviteeRow) -> tuple:
    return (-row.checked_in_at.timestamp(), -row.attendance_id)


class SignInWindow(QWidget):
    """`meeting` and `rows` as its meeting window has just read them; other windows' changes to the list
    arrive as notices. A check-in here updates the window from the command's answer, without reading again."""

    def __init__(self, context, meeting: MeetingRow, rows: list[InviteeRow], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context, self.meeting_id, self.meeting = context, meeting.id, meeting
        self.rows: list[InviteeRow] = list(rows)
        self.candidates: list[InviteeRow] = []
        self._recent_items: dict[int, QListWidgetItem] = {}  # attendance id → its line under 已签到
        self.day_confirmed = False  # signing in on another day was confirmed once for this session
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
        self.input.setPlaceholderText("输入姓名、首字母、座位号或扫码，回车签到")
        self.input.returnPressed.connect(self.submit)
        self.input.textChanged.connect(self.show_matches)
        self.result = QLabel("请输入，名单随输入显示；↑↓ 选择，回车签到")
        self.result.setFont(_font(26, True))
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setFont(_font(20))
        self.choices.setVisible(False)
        self.choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box; ↑↓ there choose
        self.choices.itemActivated.connect(lambda item: self.check_in_row(item.data(Qt.ItemDataRole.UserRole)))
        self.off_day = QLabel()
        self.off_day.setFont(_font(14, True))
        self.off_day.setWordWrap(True)
        self.off_day.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.off_day.setStyleSheet(f"color: {status_colours.BAD};")
        warning = off_day_warning(meeting, clock.today())
        self.off_day.setText(f"注意：{warning}" if warning else "")
        self.off_day.setVisible(bool(warning))
        self.recent = QListWidget()
        self.recent.setFont(_font(14))
        self.recent.setMaximumWidth(380)
        self.recent.itemActivated.connect(lambda _item: self.undo_selected())
        self.undo_button = QPushButton("撤销最近一次签到（Ctrl+Z）")
        self.undo_selected_button = QPushButton("撤销所选签到…")
        self.undo_selected_button.setEnabled(False)
        self.recent.currentRowChanged.connect(lambda row: self.undo_selected_button.setEnabled(row >= 0))
        self.walk_in_button = QPushButton("添加临时参会人员（Ctrl+T）")
        self.exit_button = QPushButton("退出签到（Esc）")
        for button in (self.undo_button, self.undo_selected_button, self.walk_in_button, self.exit_button):
            button.setFont(_font(13))
            button.setMinimumHeight(44)
        self.undo_button.clicked.connect(self.undo)
        self.undo_selected_button.clicked.connect(self.undo_selected)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.exit_button.clicked.connect(self.leave)

        centre = QVBoxLayout()
        centre.addWidget(title)
        centre.addWidget(self.counts)
        centre.addWidget(self.off_day)
        centre.addSpacing(24)
        centre.addWidget(self.input)
        centre.addWidget(self.result)
        centre.addWidget(self.choices, 1)
        centre.addStretch(1)
        side = QVBoxLayout()
        recent_title = QLabel("已签到（选中后可撤销）")
        recent_title.setFont(_font(14, True))
        side.addWidget(recent_title)
        side.addWidget(self.recent, 1)
        side.addWidget(self.undo_button)
        side.addWidget(self.undo_selected_button)
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
        QShortcut(QKeySequence("Escape"), self, self.leave)
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
        if watched is self.input and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.choices.isVisible():
            self._move_choice(-1 if event.key() == Qt.Key.Key_Up else 1)  # typing goes on in the box
            return True
        return super().eventFilter(watched, event)

    def leave(self) -> None:
        if messages.confirm(self, "退出签到模式？", yes="退出", no="继续签到",
                            informative="已签到的记录都已保存；退出后可随时按 F9 重新进入。"):
            self.close()
        else:
            self.input.setFocus()

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
            chosen = self.choices.currentItem()
            chosen_id = chosen.data(Qt.ItemDataRole.UserRole).attendance_id if chosen is not None else None
            self.show_matches(self.input.text())  # the matches as the list now stands, the same one chosen
            for index in range(self.choices.count()):
                if self.choices.item(index).data(Qt.ItemDataRole.UserRole).attendance_id == chosen_id:
                    self.choices.setCurrentRow(index)
            waiting, self._after_reload = self._after_reload, []
            for action in waiting:
                action()

        run_query(self.context, self, lambda s: list_invitees(s, meeting_id), on_done=loaded,
                  key=(id(self), "list"))

    def show_rows(self) -> None:
        self._show_counts()
        self.recent.clear()
        self._recent_items = {}
        for row in self.signed_in():
            self._add_recent(row, self.recent.count())
        self.undo_selected_button.setEnabled(self.recent.currentRow() >= 0)

    def _show_counts(self) -> None:
        c = attendance_counts(self.rows)
        self.counts.setText(f"应到 {c.expected} 人　　实到 {c.present} 人　　请假 {c.on_leave} 人　　"
                            f"未到 {c.expected - c.present - c.on_leave} 人")

    def _add_recent(self, row: InviteeRow, index: int) -> None:
        seat = f"（{row.seat_no}号）" if row.seat_no else ""
        item = QListWidgetItem(f"{row.checked_in_at:%H:%M}　{row.name}{seat}")
        item.setData(Qt.ItemDataRole.UserRole, row)
        self.recent.insertItem(index, item)
        self._recent_items[row.attendance_id] = item

    def signed_in(self) -> list[InviteeRow]:
        """Everyone with a stored check-in time, newest first: the undo history, whoever signed them in."""
        return sorted((r for r in self.rows if r.checked_in_at), key=_newest_first)

    def _replace(self, updated: InviteeRow) -> InviteeRow:
        """One check-in or undo: the list of those signed in changes by one item (a door with 400 names
        signed in does not rebuild 400 items per person)."""
        self.rows = [updated if r.attendance_id == updated.attendance_id else r for r in self.rows]
        self._show_counts()
        item = self._recent_items.pop(updated.attendance_id, None)
        if item is not None:
            self.recent.takeItem(self.recent.row(item))
        if updated.checked_in_at is not None:
            index = 0  # usually the newest: the top
            while index < self.recent.count() and _newest_first(
                    self.recent.item(index).data(Qt.ItemDataRole.UserRole)) < _newest_first(updated):
                index += 1
            self._add_recent(updated, index)
        self.undo_selected_button.setEnabled(self.recent.currentRow() >= 0)
        return updated

    def _say(self, text: str, colour: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour};")

    # -- signing in ---------------------------------------------------------------------------------------
    def show_matches(self, text: str) -> None:
        """Per keystroke: who the text means so far, none chosen until ↑↓ (a scanner's Enter takes the code)."""
        self.candidates = find_for_check_in(self.rows, text) if text.strip() else []
        self.choices.clear()
        for row in self.candidates[:20]:
            state = f"（已于 {row.checked_in_at:%H:%M} 签到）" if row.checked_in_at else ""
            seat = f"　{row.seat_no}号" if row.seat_no else ""
            item = QListWidgetItem(f"{row.name}{seat}　{row.employer_title}{state}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.choices.addItem(item)
        self.choices.setCurrentRow(-1)
        self.choices.setVisible(bool(self.candidates))
        if len(self.candidates) > 20:
            self._say(f"找到 {len(self.candidates)} 人，显示前 20 人；请继续输入：", status_colours.INFO)
        elif self.candidates:
            self._say(f"找到 {len(self.candidates)} 人" + ("，按回车签到" if len(self.candidates) == 1
                                                          else "，请用 ↑↓ 选择后按回车："), status_colours.INFO)

    def _move_choice(self, step: int) -> None:
        count = self.choices.count()
        current = self.choices.currentRow()
        self.choices.setCurrentRow(0 if current < 0 else max(0, min(count - 1, current + step)))

    def submit(self) -> None:
        if self.choices.isVisible() and self.choices.currentItem() is not None:
            self.check_in_row(self.choices.currentItem().data(Qt.ItemDataRole.UserRole))
            return
        query = self.input.text()
        if not query.strip():
            return
        if looks_like_code(query):
            self.scan(query)
            return
        found = find_for_check_in(self.rows, query)
        if not found:
            self.choices.setVisible(False)
            self._say(f"名单中没有找到“{query.strip()}”。如是临时参会人员，请按 Ctrl+T 添加。", status_colours.BAD)
        elif len(found) == 1:
            self.check_in_row(found[0])
        else:
            self.choices.setCurrentRow(0)
            self._say(f"找到 {len(found)} 人，请用 ↑↓ 选择后按回车：", status_colours.INFO)

    def scan(self, code: str) -> None:
        """A 参会证's QR as the scanner typed it: whose card it is is worked out from the database's key."""
        self.input.clear()
        self.choices.setVisible(False)
        meeting_id = self.meeting_id

        def found(attendance_id: int) -> None:
            row = next((r for r in self.rows if r.attendance_id == attendance_id), None)
            if row is None:  # added in another window a moment ago: the list as it now stands
                self.reload(then=lambda: self._scanned(attendance_id))
            else:
                self.check_in_row(row)

        run_query(self.context, self, lambda s: find_by_code(s, meeting_id, code), on_done=found,
                  on_error=self._refused, label="正在识别入场码…")

    def _scanned(self, attendance_id: int) -> None:
        row = next((r for r in self.rows if r.attendance_id == attendance_id), None)
        if row is not None:
            self.check_in_row(row)

    def _day_is_confirmed(self) -> bool:
        """Before the first check-in on a day other than the meeting's: ask once for this session."""
        warning = off_day_warning(self.meeting, clock.today())
        if warning is None or self.day_confirmed:
            return True
        self.day_confirmed = messages.confirm(
            self, "今天不是会议日期，仍要签到吗？", yes="仍要签到", no="不签到", danger=True,
            informative=f"{warning}签到时间会记入参会名单和导出的 Excel。确认后，本次签到模式中不再询问。")
        if not self.day_confirmed:
            self._say("未签到：今天不是会议日期。", status_colours.WAIT)
        return self.day_confirmed

    def check_in_row(self, row: InviteeRow) -> None:
        self.input.clear()
        self.input.setFocus()
        if row.checked_in_at is not None:
            self._say(f"{row.name} 已于 {row.checked_in_at:%H:%M} 签到", status_colours.WAIT)
            return
        if not self._day_is_confirmed():
            return

        def done(at) -> None:
            self._replace(replace(row, checked_in_at=at))
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
        """Ctrl+Z: the newest stored check-in, as before closing the window too."""
        signed = self.signed_in()
        if not signed:
            self._say("没有可撤销的签到。", status_colours.WAIT)
            return
        self._undo(signed[0])

    def undo_selected(self) -> None:
        """Any check-in from the list, asked first: it may be someone signed in long ago."""
        item = self.recent.currentItem()
        if item is None:
            self._say("请先在右侧“已签到”列表中选中要撤销的人。", status_colours.WAIT)
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if messages.confirm(self, f"撤销 {row.name} 的签到（{row.checked_in_at:%H:%M}）？", yes="撤销签到",
                            no="取消", informative="撤销后此人算作未到，可重新签到。"):
            self._undo(row)
        else:
            self.input.setFocus()

    def _undo(self, row: InviteeRow) -> None:
        def done(_result) -> None:
            result = "" if row.result == AttendanceResult.PRESENT else row.result
            self._replace(replace(row, checked_in_at=None, result=result))
            self._say(f"已撤销 {row.name} 的签到", status_colours.WAIT)
            self.input.setFocus()

        run_command(self.context, self, lambda s: undo_check_in(s, row.attendance_id), on_done=done,
                    on_error=self._refused, label="正在撤销签到…")

    def walk_in(self) -> None:
        if not self._day_is_confirmed():
            return
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
                    self._say(f"✓ 已添加并签到：{row.name}（临时参会）", status_colours.GOOD)
                self.input.setFocus()

            self.reload(then=shown)

        run_command(self.context, self, lambda s: add_walk_in(s, meeting_id, person_id=person_id, name=name,
                                                              employer_title=unit), on_done=added)
