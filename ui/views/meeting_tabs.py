"""The smaller tabs of a meeting window: 基本信息, 议程, 发言安排, 会议纪要."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError, ValidationError
from models.services.invitees import set_speech_order, update_invitee
from models.services.meetings import (
    add_agenda_item,
    delete_agenda_item,
    move_agenda_item,
    save_minutes,
    update_agenda_item,
)
from ui import messages
from ui.dialogs.meeting_dialog import save_from_form
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.buttons import ok_cancel
from ui.widgets.meeting_form import MeetingForm


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _selected(table: QTableView, model: RowTableModel):
    rows = table.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None


def _side_buttons(*buttons: QPushButton) -> QVBoxLayout:
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    return column


class InfoTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.form = MeetingForm(owner.context)
        self.save_button = QPushButton("保存基本信息")
        self.save_button.clicked.connect(self.save)
        self._saved_data = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def refresh(self) -> None:
        if self.dirty():
            return  # keep what the user is typing; saving will report a conflict if needed
        self.form.fill(self.owner.meeting)
        self._saved_data = self.form.collected()

    def dirty(self) -> bool:
        return self._saved_data is not None and self.form.collected() != self._saved_data

    def save(self) -> None:
        if save_from_form(self, self.owner.context, self.form) is not None:
            self._saved_data = None
            self.owner.changed()


class AgendaItemDialog(QDialog):
    def __init__(self, parent, *, time_text="", title="", speaker="", notes=""):
        super().__init__(parent)
        self.setWindowTitle("议程")
        self.time_text, self.title, self.speaker, self.notes = (QLineEdit(v) for v in (time_text, title, speaker,
                                                                                         notes))
        self.time_text.setPlaceholderText("如 14:30 或 14:30-14:50")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        form = QFormLayout()
        for label, widget in (("时间：", self.time_text), ("议程内容*：", self.title),
                              ("发言人/负责人：", self.speaker), ("备注：", self.notes)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._accept_if_titled))
        self.resize(480, self.sizeHint().height())

    def _accept_if_titled(self) -> None:
        if not self.title.text().strip():
            self.error.setText("请填写议程内容。")
            self.error.setVisible(True)
            return
        self.accept()

    def values(self) -> dict:
        return {"title": self.title.text(), "time_text": self.time_text.text(), "speaker": self.speaker.text(),
                "notes": self.notes.text()}


class AgendaTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel([
            RowColumn("时间", lambda a: a.time_text), RowColumn("议程内容", lambda a: a.title),
            RowColumn("发言人/负责人", lambda a: a.speaker), RowColumn("备注", lambda a: a.notes)])
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        buttons = [QPushButton(text) for text in ("添加…", "修改…", "上移", "下移", "删除")]
        for button, slot in zip(buttons, (self.add, self.edit, lambda: self.move(-1), lambda: self.move(1),
                                          self.delete), strict=True):
            button.clicked.connect(slot)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(_side_buttons(*buttons))

    def refresh(self) -> None:
        current = _selected(self.table, self.model)
        self.model.set_rows(self.owner.agenda)
        if current is not None:
            for row, item in enumerate(self.model.rows):
                if item.id == current.id:
                    self.table.selectRow(row)

    def _call(self, service, *args, **kwargs) -> None:
        try:
            self.owner.context.call(service, *args, **kwargs)
        except DomainError as exc:
            messages.warn(self, exc.message)
        self.owner.changed()

    def add(self) -> None:
        dialog = AgendaItemDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._call(add_agenda_item, self.owner.meeting_id, values.pop("title"), **values)

    def edit(self) -> None:
        item = _selected(self.table, self.model)
        if item is None:
            return
        dialog = AgendaItemDialog(self, time_text=item.time_text, title=item.title, speaker=item.speaker,
                                  notes=item.notes)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._call(update_agenda_item, item.id, values.pop("title"), expected_version=item.version, **values)

    def move(self, delta: int) -> None:
        item = _selected(self.table, self.model)
        if item is not None:
            self._call(move_agenda_item, item.id, delta)

    def delete(self) -> None:
        item = _selected(self.table, self.model)
        if item is not None and messages.confirm(self, f"删除议程“{item.title}”吗？", yes="删除", danger=True):
            self._call(delete_agenda_item, item.id)


class SpeechesTab(QWidget):
    """发言安排: booked speakers in speaking order, with their topics."""

    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel([
            RowColumn("顺序", lambda r: str(r.speech_order or "")), RowColumn("姓名", lambda r: r.name),
            RowColumn("单位及职务", lambda r: r.employer_title), RowColumn("发言题目", lambda r: r.speech_title)])
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_title())
        hint = QLabel("列出参会角色为“发言”或已排定发言顺序的人员。在“参会人员”中把某人的角色设为“发言”即可加入。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = [QPushButton(text) for text in ("上移", "下移", "发言题目…", "取消发言顺序")]
        for button, slot in zip(buttons, (lambda: self.move(-1), lambda: self.move(1), self.edit_title,
                                          self.remove), strict=True):
            button.clicked.connect(slot)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(_side_buttons(*buttons))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body)

    def speakers(self) -> list:
        rows = [r for r in self.owner.invitees if r.speech_order or r.role == "发言"]
        return sorted(rows, key=lambda r: (r.speech_order is None, r.speech_order or 0, r.sort_stroke))

    def refresh(self) -> None:
        current = _selected(self.table, self.model)
        self.model.set_rows(self.speakers())
        if current is not None:
            for row, item in enumerate(self.model.rows):
                if item.attendance_id == current.attendance_id:
                    self.table.selectRow(row)

    def _save_order(self, rows: list) -> None:
        try:
            self.owner.context.call(set_speech_order, self.owner.meeting_id, [r.attendance_id for r in rows])
        except DomainError as exc:
            messages.warn(self, exc.message)
        self.owner.changed()

    def move(self, delta: int) -> None:
        item = _selected(self.table, self.model)
        if item is None:
            return
        rows = list(self.model.rows)
        index = rows.index(item)
        target = index + delta
        if 0 <= target < len(rows):
            rows.insert(target, rows.pop(index))
            self._save_order(rows)

    def remove(self) -> None:
        item = _selected(self.table, self.model)
        if item is not None:
            self._save_order([r for r in self.model.rows if r.attendance_id != item.attendance_id and r.speech_order])

    def edit_title(self) -> None:
        item = _selected(self.table, self.model)
        if item is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"发言题目 — {item.name}")
        edit = QLineEdit(item.speech_title)
        layout = QVBoxLayout(dialog)
        layout.addWidget(edit)
        layout.addWidget(ok_cancel(dialog, dialog.accept))
        dialog.resize(460, dialog.sizeHint().height())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.owner.context.call(update_invitee, item.attendance_id, role=item.role, seat_no=item.seat_no,
                                    speech_order=item.speech_order, speech_title=edit.text(), notes=item.notes,
                                    expected_version=item.version)
        except (ValidationError, DomainError) as exc:
            messages.warn(self, exc.message)
        self.owner.changed()


class MinutesTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("会议纪要：会议情况、主要发言、部门回应、领导讲话要点……")
        self.save_button = QPushButton("保存纪要")
        self.save_button.clicked.connect(self.save)
        self._version = None
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self._saved = ""

    def refresh(self) -> None:
        if self.text.toPlainText() != self._saved:
            return  # unsaved typing stays
        self._saved = self.owner.meeting.minutes
        self._version = self.owner.meeting.version
        self.text.setPlainText(self._saved)

    def save(self) -> None:
        try:
            self.owner.context.call(save_minutes, self.owner.meeting_id, self.text.toPlainText(),
                                    expected_version=self._version)
        except DomainError as exc:
            messages.warn(self, exc.message, title="无法保存")
            return
        self._saved = self.text.toPlainText()
        self.owner.changed()
