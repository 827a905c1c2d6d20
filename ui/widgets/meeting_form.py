"""The fields of a meeting's 基本信息, with the error shown next to the field that is wrong."""

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
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
from models.services.meetings import MeetingData
from ui.widgets.combos import ChoiceCombo, SearchCombo


@dataclass(frozen=True)
class FormChoices:
    """What the fields offer: the meeting formats and the topics (id, label)."""

    formats: list[LookupValue]
    topics: list[tuple[int, str]]


def _datetime_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日 HH:mm")
    return edit


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
        self.venue = QLineEdit()
        self.host = QLineEdit()
        self.undertaker = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.errors: dict[str, QLabel] = {}

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
            error = QLabel()
            error.setObjectName("fieldError")
            error.setVisible(False)
            self.errors[field] = error
            form.addRow("", error)
        self.load_choices()
        default = QDateTime.currentDateTime().addDays(14)
        default.setTime(QTime(14, 30))
        self.starts_at.setDateTime(default)
        self.ends_at.setDateTime(default.addSecs(2 * 3600))

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
        if m.starts_at:
            self.starts_at.setDateTime(QDateTime(m.starts_at))
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

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)

    def show_error(self, exc: ValidationError) -> bool:
        """Show the message beside its field; False if the error belongs to no field here."""
        label = self.errors.get(exc.field or "")
        if label is None:
            return False
        label.setText(exc.message)
        label.setVisible(True)
        return True
