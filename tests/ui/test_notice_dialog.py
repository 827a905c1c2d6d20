"""The 会议通知's print dialog: its dates in working days (saying where the holidays came from, warning when
issued late) and, before anything is printed, the empty fields the notice would print as blanks."""

from datetime import date, datetime

from PySide6.QtCore import Qt

from models.printing import SheetKind
from models.services.holidays import add_holiday, working_day_settings
from models.services.meeting_queries import list_meetings
from models.services.meetings import create_meeting
from models.working_days import OFF, HolidayEntry
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui.dialogs.print_dialog import PrintDialog
from ui.views.meetings_page import MeetingsPage


def meeting_window(qtbot, context, **fields):
    format_id = db_call(context, list_meetings)[0].format_id
    meeting_id = db_call(context, create_meeting, format_id=format_id, title="“推进老旧小区改造”专题双月协商会",
                         starts_at=datetime(2027, 1, 5, 9, 0), **fields)
    page = MeetingsPage(context)
    qtbot.addWidget(page)
    window = page.open_meeting(meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.meeting is not None, timeout=30000)
    settle(qtbot, context)
    return window


def notice_dialog(qtbot, context, window) -> PrintDialog:
    settings = {"issuer": "区政协办公室", "even_left": True, "working_days": db_call(context, working_day_settings)}
    dialog = PrintDialog(window, SheetKind.NOTICE, settings)
    qtbot.addWidget(dialog)
    return dialog


def test_a_2027_meeting_counts_with_the_office_table_and_warns_when_late(qtbot, demo_context, message_log):
    db_call(demo_context, add_holiday, HolidayEntry(date(2027, 1, 1), OFF, "元旦"))
    window = meeting_window(qtbot, demo_context, venue="区政协机关三楼会议室", contact_name="陈晓燕",
                            contact_phone="0571-86012345")
    dialog = notice_dialog(qtbot, demo_context, window)
    dialog.issued_on.set_value(date(2026, 12, 10))
    note = dialog.dates_note.text()
    assert "回执截止：2026年12月30日（会前3个工作日）" in note and "最迟发文：2026年12月14日" in note
    assert "本单位维护的节假日表（2027年）" in note and "晚于" not in note
    assert dialog.dates_note.objectName() == "hint"
    assert "请于12月30日前将回执报送区政协办公室" in dialog.text.toPlainText()
    dialog.issued_on.set_value(date(2026, 12, 21))  # a week after the latest send date
    assert "成文日期2026年12月21日晚于最迟发文日期" in dialog.dates_note.text()
    assert dialog.dates_note.objectName() == "fieldError"
    dialog.resize(720, 640)
    dialog.show()
    save_screenshot(dialog, "notice_print_dialog")
    assert dialog.sheet_input().options.reply_by is None  # counted when laid out, with the same calendar
    assert dialog.sheet_input().options.calendar.source(2027).value == "本单位节假日表"


def test_empty_fields_are_named_before_printing(qtbot, demo_context, message_log, monkeypatch):
    window = meeting_window(qtbot, demo_context)  # no place, no contact
    dialog = notice_dialog(qtbot, demo_context, window)
    asked = []
    monkeypatch.setattr("ui.files.ask_save_path", lambda *a, **k: asked.append(a) or None)
    message_log.confirm_answer = False  # 返回填写
    dialog.save_pdf()
    (question,) = message_log.texts("confirm")
    assert question.startswith("会议通知中以下内容还没有填写：会议地点、联系人、联系电话。")
    assert asked == []
    message_log.confirm_answer = True  # 仍然打印
    dialog.save_pdf()
    assert len(message_log.texts("confirm")) == 2 and len(asked) == 1


def test_nothing_asked_when_the_notice_is_complete(qtbot, demo_context, message_log, monkeypatch):
    window = meeting_window(qtbot, demo_context, venue="区政协机关三楼会议室", contact_name="陈晓燕",
                            contact_phone="0571-86012345")
    dialog = notice_dialog(qtbot, demo_context, window)
    asked = []
    monkeypatch.setattr("ui.files.ask_save_path", lambda *a, **k: asked.append(a) or None)
    dialog.save_pdf()
    assert message_log.texts("confirm") == [] and len(asked) == 1


def test_a_kept_body_with_another_reply_deadline_is_put_right_before_printing(qtbot, demo_context, message_log,
                                                                              monkeypatch):
    """The body printed before 2027-01-01 was marked 休 said 12月31日; the 回执 now counts 12月30日."""
    window = meeting_window(qtbot, demo_context, venue="区政协机关三楼会议室", contact_name="陈晓燕",
                            contact_phone="0571-86012345")
    before = notice_dialog(qtbot, demo_context, window)
    kept = before.text.toPlainText()
    assert "请于12月31日前" in kept and "正文中写的" not in before.dates_note.text()
    db_call(demo_context, add_holiday, HolidayEntry(date(2027, 1, 1), OFF, "元旦"))
    dialog = notice_dialog(qtbot, demo_context, window)
    dialog.text.setPlainText(kept)  # as kept with the meeting when it was printed
    note = dialog.dates_note.text()
    assert "正文中写的回执截止日期是12月31日，与回执上的12月30日不一致" in note
    assert dialog.dates_note.objectName() == "fieldError"
    dialog.resize(720, 640)
    dialog.show()
    save_screenshot(dialog, "notice_print_dialog-stale_deadline")
    asked = []
    monkeypatch.setattr("ui.files.ask_save_path", lambda *a, **k: asked.append(a) or None)
    message_log.confirm_answer = False  # 返回修改
    dialog.save_pdf()
    (question,) = message_log.texts("confirm")
    assert question.startswith("通知正文中写的回执截止日期是12月31日，而回执上是12月30日。") and asked == []
    assert dialog.text.toPlainText() == kept
    message_log.confirm_answer = True  # 把正文改为12月30日
    dialog.save_pdf()
    assert len(asked) == 1 and "请于12月30日前" in dialog.text.toPlainText()
    assert dialog.text.toPlainText().replace("12月30日前", "12月31日前") == kept  # nothing else changed
    assert "正文中写的" not in dialog.dates_note.text() and dialog.dates_note.objectName() == "hint"
