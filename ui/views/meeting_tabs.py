"""The smaller tabs of a meeting window: 基本信息, 议程, 发言安排, 会议纪要."""

from PySide6.QtWidgets import (
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

from models.columns import Column
from models.services.invitees import set_speech_order, update_invitee
from models.services.meetings import (
    add_agenda_item,
    delete_agenda_item,
    move_agenda_item,
    save_minutes,
    update_agenda_item,
)
from models.text import quoted
from ui import messages
from ui.dialogs import EditDialog, exec_dialog
from ui.dialogs.meeting_dialog import save_from_form
from ui.operations import run_command
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.widgets.buttons import ok_cancel
from ui.widgets.form_error import FormError
from ui.widgets.meeting_form import FormChoices, MeetingForm
from ui.widgets.scrolling import scrolling
from ui.widgets.tables import current_row, kept_view, list_table

AGENDA_COLUMNS = (Column("time_text", "时间", chars=8), Column("title", "议程内容", chars=30),
                  Column("speaker", "发言人/负责人", chars=12), Column("notes", "备注", chars=12))
SPEECH_COLUMNS = (Column("speech_order", "顺序", text=lambda r: str(r.speech_order or ""), chars=3),
                  Column("name", "姓名", chars=6), Column("employer_title", "单位及职务", chars=20),
                  Column("speech_title", "发言题目", chars=24))


def _table(model) -> QTableView:
    table = list_table(model, single=True, sortable=False, stretch_last=True)
    table.verticalHeader().setVisible(True)
    return table


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
        self.form = MeetingForm(FormChoices([], []))
        self.save_button = QPushButton("保存基本信息")
        self.save_button.clicked.connect(self.save)
        self._saved_data = None
        edits(owner.context, self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.form), 1)  # with its error lines, taller than a laptop's screen leaves
        self.history_button = QPushButton("修改记录…")  # as the edit dialogs have (ui/dialogs/unsaved.py)
        self.history_button.setToolTip("谁在什么时候改过这次会议（含议程、参会人员）、改了什么（操作日志）")
        self.history_button.clicked.connect(self.show_history)
        row = QHBoxLayout()
        row.addWidget(self.history_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def show_history(self) -> None:
        from ui.dialogs.record_history_dialog import open_history

        open_history(self, self.owner.context, "meeting", self.owner.meeting_id)

    def refresh(self) -> None:
        if self.dirty():
            return  # keep what the user is typing; saving will report a conflict if needed
        self.form.fill(self.owner.meeting)
        self._saved_data = self.form.collected()

    def dirty(self) -> bool:
        return self._saved_data is not None and self.form.collected() != self._saved_data

    def save(self) -> None:
        save_from_form(self, self.owner.context, self.form, self._saved, button=self.save_button)

    def _saved(self, _meeting_id: int) -> None:
        self._saved_data = None  # the notice brings the saved meeting back into the form


class AgendaItemDialog(EditDialog):
    def __init__(self, parent, *, time_text="", title="", speaker="", notes=""):
        super().__init__(parent)
        self.setWindowTitle("议程")
        self.time_text, self.title, self.speaker, self.notes = (QLineEdit(v) for v in (time_text, title, speaker,
                                                                                         notes))
        self.time_text.setPlaceholderText("如 14:30 或 14:30-14:50")
        self.error = FormError()
        form = QFormLayout()
        for label, widget in (("时间：", self.time_text), ("议程内容*：", self.title),
                              ("", self.error.under("title", self.title)),
                              ("发言人/负责人：", self.speaker), ("备注：", self.notes)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._accept_if_titled))
        self.resize(480, self.sizeHint().height())
        self.track_edits(save=self._accept_if_titled)

    def _accept_if_titled(self) -> None:
        if not self.title.text().strip():
            self.error.say("请填写议程内容。", "title")
            return
        self.accept()

    def values(self) -> dict:
        return {"title": self.title.text(), "time_text": self.time_text.text(), "speaker": self.speaker.text(),
                "notes": self.notes.text()}


class AgendaTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel(AGENDA_COLUMNS)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        buttons = [QPushButton(text) for text in ("添加…", "修改…", "上移", "下移", "删除")]
        edits(owner.context, *buttons)
        for button, slot in zip(buttons, (self.add, self.edit, lambda: self.move(-1), lambda: self.move(1),
                                          self.delete), strict=True):
            button.clicked.connect(slot)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(_side_buttons(*buttons))

    def refresh(self) -> None:
        with kept_view(self.table):
            self.model.set_rows(self.owner.agenda)

    def _call(self, service, *args, **kwargs) -> None:
        run_command(self.owner.context, self, lambda s: service(s, *args, **kwargs))

    def add(self) -> None:
        dialog = AgendaItemDialog(self)
        if exec_dialog(dialog):
            values = dialog.values()
            self._call(add_agenda_item, self.owner.meeting_id, values.pop("title"), **values)

    def edit(self) -> None:
        item = current_row(self.table)
        if item is None:
            return
        dialog = AgendaItemDialog(self, time_text=item.time_text, title=item.title, speaker=item.speaker,
                                  notes=item.notes)
        if exec_dialog(dialog):
            values = dialog.values()
            self._call(update_agenda_item, item.id, values.pop("title"), expected_version=item.version, **values)

    def move(self, delta: int) -> None:
        item = current_row(self.table)
        if item is not None:
            self._call(move_agenda_item, item.id, delta)

    def delete(self) -> None:
        item = current_row(self.table)
        if item is not None and messages.confirm(self, f"删除议程{quoted(item.title)}吗？", yes="删除", danger=True):
            self._call(delete_agenda_item, item.id)


class SpeechesTab(QWidget):
    """发言安排: booked speakers in speaking order, with their topics."""

    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel(SPEECH_COLUMNS, key=lambda r: r.attendance_id)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_title())
        hint = QLabel("列出参会角色为“发言”或已排定发言顺序的人员。在“参会人员”中把某人的角色设为“发言”即可加入。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = [QPushButton(text) for text in ("上移", "下移", "发言题目…", "取消发言顺序")]
        edits(owner.context, *buttons)
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
        with kept_view(self.table):
            self.model.set_rows(self.speakers())

    def _save_order(self, rows: list) -> None:
        meeting_id, order = self.owner.meeting_id, [r.attendance_id for r in rows]
        run_command(self.owner.context, self, lambda s: set_speech_order(s, meeting_id, order))

    def move(self, delta: int) -> None:
        item = current_row(self.table)
        if item is None:
            return
        rows = list(self.model.rows)
        index = rows.index(item)
        target = index + delta
        if 0 <= target < len(rows):
            rows.insert(target, rows.pop(index))
            self._save_order(rows)

    def remove(self) -> None:
        item = current_row(self.table)
        if item is not None:
            self._save_order([r for r in self.model.rows if r.attendance_id != item.attendance_id and r.speech_order])

    def edit_title(self) -> None:
        item = current_row(self.table)
        if item is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"发言题目 — {item.name}")
        edit = QLineEdit(item.speech_title)
        layout = QVBoxLayout(dialog)
        layout.addWidget(edit)
        layout.addWidget(ok_cancel(dialog, dialog.accept))
        dialog.resize(460, dialog.sizeHint().height())
        if not exec_dialog(dialog):
            return
        title = edit.text()
        run_command(self.owner.context, self, lambda s: update_invitee(
            s, item.attendance_id, role=item.role, seat_no=item.seat_no, speech_order=item.speech_order,
            speech_title=title, notes=item.notes, expected_version=item.version))


class MinutesTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("会议纪要：会议情况、主要发言、部门回应、领导讲话要点……")
        self.save_button = QPushButton("保存纪要")
        self.save_button.clicked.connect(self.save)
        edits(owner.context, self.save_button)
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

    def dirty(self) -> bool:
        return self.text.toPlainText() != (self._saved or "")

    def save(self) -> None:
        text, meeting_id, version = self.text.toPlainText(), self.owner.meeting_id, self._version
        self.save_button.setEnabled(False)

        def saved(_result) -> None:
            self.save_button.setEnabled(True)
            self._saved = text  # the notice brings the new version
            messages.saved(self, "已保存会议纪要。")

        run_command(self.owner.context, self, lambda s: save_minutes(s, meeting_id, text, expected_version=version),
                    on_done=saved, on_error=lambda _e: self.save_button.setEnabled(True), title="无法保存")
