"""The one date field: typed dates by keyboard, Tab leaves at once, an impossible date explained and not
saved, the calendar, and every dialog uses it (no QDateEdit with its sections left anywhere)."""

import re
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from tests.screenshots import save_screenshot
from ui.dialogs.membership_dialog import MembershipDialog
from ui.widgets.date_edit import DateEdit

UI = Path(__file__).resolve().parents[2] / "ui"


def _form(qtbot, *fields: DateEdit) -> tuple[QWidget, QLineEdit]:
    """The fields followed by another one, shown, so Tab has somewhere to go."""
    host = QWidget()
    layout = QVBoxLayout(host)
    after = QLineEdit("下一项")
    for field in fields:
        layout.addWidget(field)
    layout.addWidget(after)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    return host, after


def _keys(qtbot, line: QLineEdit, text: str) -> None:
    """Typed key by key; Chinese characters arrive as an input method commits them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(line, char)
        else:
            line.insert(char)


def _type(qtbot, field: DateEdit, text: str) -> None:
    field.line.setFocus()
    qtbot.waitUntil(field.line.hasFocus)
    field.line.selectAll()
    if text:
        _keys(qtbot, field.line, text)
    else:
        qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)


def test_typed_dates_in_every_form_people_write(qtbot):
    field = DateEdit(date(2020, 1, 1))
    _kept = _form(qtbot, field)
    seen = []
    field.dateChanged.connect(seen.append)
    for typed in ("20231012", "2023.10.13", "2023-10-14", "2023年10月15日"):
        _type(qtbot, field, typed)
        assert field.problem == ""
    assert field.value() == date(2023, 10, 15) and field.line.text() == "2023年10月15日"
    assert [d.toPython() for d in seen] == [date(2023, 10, d) for d in (12, 13, 14, 15)]


def test_one_tab_leaves_the_field(qtbot):
    field = DateEdit(date(2020, 1, 1))
    _host, after = _form(qtbot, field)
    _type(qtbot, field, "20231012")
    qtbot.waitUntil(after.hasFocus)  # not the month, then the day, then the next field
    assert field.value() == date(2023, 10, 12)


def test_an_impossible_date_is_explained_and_not_kept(qtbot):
    field = DateEdit(date(2023, 2, 1))
    _kept = _form(qtbot, field)
    _type(qtbot, field, "2023-02-30")
    assert "2023年2月只有 28 天" in field.problem and "已恢复为：2023年2月1日" in field.problem
    assert field.value() == date(2023, 2, 1) and field.line.text() == "2023年2月1日"  # what is shown is saved
    assert field.line.toolTip() == field.problem
    _type(qtbot, field, "2023")
    assert "不完整" in field.problem and field.value() == date(2023, 2, 1)
    _type(qtbot, field, "2023.2.3")
    assert field.problem == "" and field.value() == date(2023, 2, 3)


def test_a_required_date_cannot_be_emptied_an_optional_one_can(qtbot):
    required, optional = DateEdit(date(2023, 5, 1)), DateEdit(date(2023, 5, 1), optional=True)
    _kept = _form(qtbot, required, optional)
    _type(qtbot, required, "")
    assert "请填写日期" in required.problem and required.value() == date(2023, 5, 1)
    _type(qtbot, optional, "")
    assert optional.problem == "" and optional.value() is None and optional.date() == QDate()
    assert optional.line.placeholderText() == "未填"


def test_date_and_time(qtbot):
    field = DateEdit(datetime(2024, 3, 15, 14, 30), with_time=True)
    _kept = _form(qtbot, field)
    _type(qtbot, field, "2024.3.20")  # the time is kept
    assert field.value() == datetime(2024, 3, 20, 14, 30)
    _type(qtbot, field, "2024年3月21日 9:00")
    assert field.dateTime().toPython() == datetime(2024, 3, 21, 9, 0)
    assert field.line.text() == "2024年3月21日 09:00"


def test_the_value_is_read_even_before_tab(qtbot):
    """保存 by shortcut while the cursor is still in the field: the typed date is what is saved."""
    field = DateEdit(date(2020, 1, 1))
    _kept = _form(qtbot, field)
    field.line.setFocus()
    field.line.selectAll()
    _keys(qtbot, field.line, "20231012")
    assert field.date() == QDate(2023, 10, 12)


def test_the_calendar_picks_a_date(qtbot):
    field = DateEdit(date(2023, 10, 12))
    _kept = _form(qtbot, field)
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible() and calendar.selectedDate() == QDate(2023, 10, 12)
    calendar.clicked.emit(QDate(2023, 10, 20))
    assert not calendar.isVisible() and field.value() == date(2023, 10, 20)


def test_a_dialog_saves_the_typed_dates(qtbot):
    lookups = {"sector": [], "committee": [], "liaison_group": []}
    dialog = MembershipDialog(None, lookups, ["第十六届"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    _type(qtbot, dialog.start, "2021年1月20日")
    _type(qtbot, dialog.end, "20260119")
    save_screenshot(dialog, "membership_dialog_dates")
    dialog.try_accept()
    assert dialog.result_data.start_date == date(2021, 1, 20) and dialog.result_data.end_date == date(2026, 1, 19)


def test_every_date_field_is_the_shared_one():
    """QDateEdit's sections ignore 20231012 and make Tab stop three times: no screen may use it."""
    found = [f"{path.relative_to(UI)}" for path in UI.rglob("*.py") if path.name != "date_edit.py"
             and re.search(r"\bQDate(Time)?Edit\b|\bQTimeEdit\b", path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_field_is_wide_enough_for_its_longest_date_and_its_placeholder(qtbot):
    for field, text in ((DateEdit(date(2023, 12, 31)), "2023年12月31日"),
                        (DateEdit(datetime(2023, 12, 31, 23, 59), with_time=True), "2023年12月31日 23:59"),
                        (DateEdit(optional=True, empty_text="默认（会前 3 天）"), "默认（会前 3 天）")):
        qtbot.addWidget(field)
        assert field.line.width() > field.line.fontMetrics().horizontalAdvance(text)


def test_reading_the_field_while_a_date_is_being_typed_leaves_the_typing_alone(qtbot):
    """A refresh elsewhere may read the field (统计's date range) while the user is half-way through."""
    field = DateEdit(date(2023, 1, 1))
    _kept = _form(qtbot, field)
    field.line.setFocus()
    qtbot.waitUntil(field.line.hasFocus)
    field.line.selectAll()
    _keys(qtbot, field.line, "2023.0")
    assert field.value() == date(2023, 1, 1) and field.line.text() == "2023.0" and field.problem == ""
    _keys(qtbot, field.line, "5.18")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == date(2023, 5, 18) and field.problem == ""
