"""The fields of a meeting's 基本信息, with the error shown next to the field that is wrong.

The end time follows the start: moving the start moves the end with it (keeping the meeting's length,
two hours unless the user set another), so a start typed into another year never leaves the end behind.
The service refuses an end before the start or more than a day after it, whatever path saves."""

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from models.errors import ValidationError
from models.services.lookups import LookupValue
from models.services.meeting_queries import MeetingRow
from models.services.meetings import DEFAULT_LENGTH, MAX_LENGTH, MeetingData
from ui.widgets.combos import ChoiceCombo, SearchCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError

CHECKED_FIELDS = ("title", "ends_at")  # a line under each (the ones people get wrong); the rest below all


@dataclass(frozen=True)
class FormChoices:
    """What the fields offer: the meeting formats and the topics (id, label)."""

    formats: list[LookupValue]
    topics: list[tuple[int, str]]


def _datetime_edit() -> DateEdit:
    return DateEdit(with_time=True)


class MeetingForm(QWidget):
    def __init__(self, choices: FormChoices, parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = choices
        self.meeting_id: int | None = None
        self.version: int | None = None
        self.format = ChoiceCombo(empty_label=None)
        self.title = QLineEdit()
        self.title.setPlaceholderText("必填，如：“完善社区卫生服务体系”专题双月协商会")
        self.topic = SearchCombo("（不关联议题）")
        self.starts_at = _datetime_edit()
        self.has_end = QCheckBox("结束时间")
        self.ends_at = _datetime_edit()
        self.ends_at.setEnabled(False)
        self.has_end.toggled.connect(self.ends_at.setEnabled)
        self._length = int(DEFAULT_LENGTH.total_seconds())  # seconds from start to end, kept as the start moves
        self._following = False
        self.starts_at.dateTimeChanged.connect(self._start_moved)
        self.ends_at.dateTimeChanged.connect(self._end_moved)
        self.venue = QLineEdit()
        self.host = QLineEdit()
        self.undertaker = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.error = FormError()

        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.ends_at, 1)
        form = QFormLayout(self)
        for label, widget, field in (("会议形式*：", self.format, "format_id"), ("会议名称*：", self.title, "title"),
                                     ("议题：", self.topic, "topic_id"), ("开始时间*：", self.starts_at, "starts_at"),
                                     ("", end_row, "ends_at"), ("地点：", self.venue, "venue"),
                                     ("主持人：", self.host, "host"), ("承办单位：", self.undertaker, "undertaker"),
                                     ("联系人：", self.contact_name, "contact_name"),
                                     ("联系电话：", self.contact_phone, "contact_phone"),
                                     ("备注：", self.notes, "notes")):
            form.addRow(label, widget)
            if field in CHECKED_FIELDS:
                form.addRow("", self.error.under(field, self.ends_at if field == "ends_at" else widget))
        form.addRow(self.error)
        self.load_choices()
        default = QDateTime.currentDateTime().addDays(14)
        default.setTime(QTime(14, 30))
        self.starts_at.setDateTime(default)  # the end follows

    def _start_moved(self, start: QDateTime) -> None:
        self._following = True
        try:
            self.ends_at.setDateTime(start.addSecs(self._length))
        finally:
            self._following = False

    def _end_moved(self, end: QDateTime) -> None:
        if self._following:
            return
        length = self.starts_at.dateTime().secsTo(end)
        # a length that could not be saved is not kept for the next move of the start
        self._length = length if 0 <= length <= MAX_LENGTH.total_seconds() else int(DEFAULT_LENGTH.total_seconds())

    def set_choices(self, choices: FormChoices) -> None:
        self.choices = choices
        self.load_choices(self.format.value(), self.topic.value())

    def load_choices(self, format_id: int | None = None, topic_id: int | None = None) -> None:
        self.format.set_lookup(self.choices.formats, current_id=format_id)
        self.topic.set_choices([(label, value) for value, label in self.choices.topics])
        self.topic.set_value(topic_id)

    def fill(self, m: MeetingRow) -> None:
        self.meeting_id, self.version = m.id, m.version
        self.load_choices(m.format_id, m.topic_id)
        self.title.setText(m.title)
        self._length = int(DEFAULT_LENGTH.total_seconds())  # a meeting without an end: ticking gives start + 2 h
        if m.starts_at:
            self.starts_at.setDateTime(QDateTime(m.starts_at))
            self._start_moved(self.starts_at.dateTime())  # even when the start did not change
        self.has_end.setChecked(m.ends_at is not None)
        if m.ends_at:
            self.ends_at.setDateTime(QDateTime(m.ends_at))
        for widget, value in ((self.venue, m.venue), (self.host, m.host), (self.undertaker, m.undertaker),
                              (self.contact_name, m.contact_name), (self.contact_phone, m.contact_phone)):
            widget.setText(value)
        self.notes.setPlainText(m.notes)

    def collected(self) -> MeetingData:
        return MeetingData(
            format_id=self.format.value(), title=self.title.text(), topic_id=self.topic.value(),
            starts_at=self.starts_at.dateTime().toPython().replace(second=0, microsecond=0),
            ends_at=self.ends_at.dateTime().toPython().replace(second=0, microsecond=0)
            if self.has_end.isChecked() else None,
            venue=self.venue.text(), host=self.host.text(), undertaker=self.undertaker.text(),
            contact_name=self.contact_name.text(), contact_phone=self.contact_phone.text(),
            notes=self.notes.toPlainText(), id=self.meeting_id, version=self.version)

    @property
    def errors(self) -> dict[str, QLabel]:
        return {field: label for field, (label, _widget) in self.error.fields.items()}

    def clear_errors(self) -> None:
        self.error.clear()

    def show_error(self, exc: ValidationError) -> bool:
        """Every problem under its field, the rest under the form."""
        return self.error.show_error(exc)
