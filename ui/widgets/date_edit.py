"""The one date (and date-time) field of every dialog: type the date as people write it (2023-10-12,
2023.10.12, 20231012, 2023年10月12日) or pick it from the calendar (the button, Alt+↓ or F4).

Unlike QDateEdit there are no sections to step through: Tab leaves the field, pasting a date works.
The text is read when editing finishes (Tab, Enter, a click elsewhere): a date that does not exist is
said in Chinese beside the field and the field goes back to the date it held, so what is shown is what
is saved. The QDateEdit names the dialogs use (date, setDate, dateTime, setDateTime, dateChanged,
dateTimeChanged) work the same way."""

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QWidget,
)

from models.clock import now, today
from models.dates import DATE_HINT, format_date, format_datetime, parse_date, parse_datetime
from models.errors import ValidationError


class DateEdit(QWidget):
    # The QDateEdit signal names, so a dialog connects to this field as it did to QDateEdit.
    valueChanged = Signal(object)  # noqa: N815 - date, datetime or None
    dateChanged = Signal(QDate)  # noqa: N815
    dateTimeChanged = Signal(QDateTime)  # noqa: N815

    def __init__(self, value: date | datetime | QDate | QDateTime | None = None, parent: QWidget | None = None, *,
                 optional: bool = False, with_time: bool = False, empty_text: str = "未填"):
        super().__init__(parent)
        self.optional, self.with_time = optional, with_time
        self.problem = ""  # what was wrong with the text last read ("" when it was fine)
        self._value: date | datetime | None = None
        self.line = QLineEdit()
        example = "如 2023-10-12 14:30" if with_time else "如 2023-10-12"
        self.line.setPlaceholderText(empty_text if optional else example)
        self.line.setToolTip(self._hint())
        self.line.editingFinished.connect(self.commit)
        self.line.installEventFilter(self)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)  # drawn by the style: no glyph a font may lack
        self.button.setToolTip("从日历中选择")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the text to the next field
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)  # room given to the field stays empty after the button
        self.setFocusProxy(self.line)
        # As wide as its longest text, one line high: a date does not stretch across a form.
        longest = "2023年12月31日 23:59" if with_time else "2023年12月31日"
        metrics = self.line.fontMetrics()
        widest = max(metrics.horizontalAdvance(longest), metrics.horizontalAdvance(self.line.placeholderText()))
        self.line.setFixedWidth(widest + 24)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.calendar: QCalendarWidget | None = None
        if value is None and not optional:
            value = now().replace(second=0) if with_time else today()
        self.set_value(value)

    # -- the value ------------------------------------------------------------------------------------------
    def value(self) -> date | datetime | None:
        """The date (a datetime with_time; None when an optional field is empty), the typed text read first
        if it is a date. Text still being typed is left alone (a refresh may read the field meanwhile): it is
        explained when editing finishes."""
        self.commit(quietly=True)
        return self._value

    def set_value(self, value) -> None:
        value = _python(value)
        if value is not None:
            value = _as_datetime(value) if self.with_time else (value.date() if isinstance(value, datetime) else value)
        self._show(value)
        self._clear_problem()
        if value != self._value:
            self._value = value
            self._announce()

    def commit(self, *, quietly: bool = False) -> None:
        """Read the typed text; a wrong one is explained and replaced by the date held before (`quietly`:
        kept as it is, unexplained)."""
        text = self.line.text()
        if text == self._shown_text(self._value):
            return
        try:
            if self.with_time:
                before = self._value.time() if isinstance(self._value, datetime) else time(0, 0)
                value = parse_datetime(text, before)
            else:
                value = parse_date(text)
            if value is None and not self.optional:
                raise ValidationError("请填写日期。", field="date")
        except ValidationError as error:
            if quietly:
                return
            kept = self._shown_text(self._value) or "未填"
            self._show(self._value)
            self._say(f"{error.message}\n已恢复为：{kept}")
            return
        self.set_value(value)

    # -- QDateEdit / QDateTimeEdit names --------------------------------------------------------------------
    def date(self) -> QDate:
        value = self.value()
        return QDate(value.year, value.month, value.day) if value is not None else QDate()

    def setDate(self, value) -> None:  # noqa: N802 - the QDateEdit name
        value = _python(value)
        if self.with_time and value is not None and not isinstance(value, datetime):
            held = self._value.time() if isinstance(self._value, datetime) else time(0, 0)
            value = datetime.combine(value, held)
        self.set_value(value)

    def dateTime(self) -> QDateTime:  # noqa: N802 - the QDateTimeEdit name
        value = self.value()
        return QDateTime(_as_datetime(value)) if value is not None else QDateTime()

    def setDateTime(self, value) -> None:  # noqa: N802 - the QDateTimeEdit name
        self.set_value(value)

    # -- the calendar ---------------------------------------------------------------------------------------
    def show_calendar(self) -> None:
        self.commit()
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        shown = self._value or today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.setDate(picked.toPython())
        self.line.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    # -- showing --------------------------------------------------------------------------------------------
    def _shown_text(self, value) -> str:
        if value is None:
            return ""
        return format_datetime(value) if self.with_time else format_date(value)

    def _show(self, value) -> None:
        self.line.setText(self._shown_text(value))

    def _say(self, message: str) -> None:
        self.problem = message
        self.line.setStyleSheet("QLineEdit { border: 1px solid #B3261E; }")
        self.line.setToolTip(message)
        if self.isVisible():
            QToolTip.showText(self.line.mapToGlobal(QPoint(0, self.line.height())), message, self.line)

    def _clear_problem(self) -> None:
        if self.problem:
            self.problem = ""
            self.line.setStyleSheet("")
            self.line.setToolTip(self._hint())

    def _hint(self) -> str:
        return DATE_HINT + ("，日期后可写时间，如 14:30" if self.with_time else "") + "；Alt+↓ 打开日历。"

    def _announce(self) -> None:
        self.valueChanged.emit(self._value)
        self.dateChanged.emit(self._held_qdate())
        self.dateTimeChanged.emit(QDateTime(_as_datetime(self._value)) if self._value is not None else QDateTime())

    def _held_qdate(self) -> QDate:
        """The held date as a QDate without reading the text (for the signals)."""
        v = self._value
        return QDate(v.year, v.month, v.day) if v is not None else QDate()


def _python(value):
    if isinstance(value, (QDate, QDateTime)):
        return value.toPython() if value.isValid() else None
    return value


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0, 0))


__all__ = ["DateEdit"]
