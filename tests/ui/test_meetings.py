"""会议活动 through the real widgets: the list, a new meeting, invitations, replies, status, sign-in."""

from datetime import datetime, timedelta

import openpyxl
import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from models.changes import Area
from models.clock import now
from models.services import lookups
from models.services.invitees import invite, people_by_rule
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import load_people
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button, when_modal
from ui.dialogs.invite_dialogs import InviteRuleDialog, LeaveDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.person_picker import PersonPickerDialog
from ui.views.meeting_window import MeetingWindow
from ui.views.meetings_page import MeetingsPage
from ui.views.sign_in_window import SignInWindow, WalkInDialog


@pytest.fixture
def page(qtbot, demo_context):
    widget = MeetingsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    settle(qtbot, demo_context)
    return widget


@pytest.fixture
def new_meeting(demo_context):
    def make(title="“推进老旧小区改造”专题双月协商会", days=20) -> int:
        fmt = next(v.id for v in db_call(demo_context, lookups.list_values, "meeting_format") if v.code == "bimonthly")
        return db_call(demo_context, save_meeting, MeetingData(fmt, title, now() + timedelta(days=days),
                                                               venue="区政协机关三楼会议室"))
    return make


def open_window(qtbot, context, meeting_id: int) -> MeetingWindow:
    widget = MeetingWindow(context, meeting_id)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(widget)
    widget.show()
    settle(qtbot, context)
    return widget


@pytest.fixture
def window(qtbot, demo_context, new_meeting):
    return open_window(qtbot, demo_context, new_meeting())


def announce(context, *areas) -> None:
    """What a save elsewhere (another window, a colleague) tells the screens."""
    from models.changes import Changes

    context.notices.publish(Changes(frozenset(areas), {}))


def wait_then(condition, action, waited=0) -> None:
    """Inside a modal dialog's own event loop: do `action` once `condition` holds (answers arrive async)."""
    from PySide6.QtCore import QTimer

    if condition() or waited >= 30000:
        action()
    else:
        QTimer.singleShot(20, lambda: wait_then(condition, action, waited + 20))


def open_sign_in(qtbot, context, meeting_id: int, monkeypatch) -> SignInWindow:
    """Sign-in mode on the meeting's day (models.clock says so)."""
    from models.services.meeting_queries import get_meeting

    meeting = db_call(context, get_meeting, meeting_id)
    monkeypatch.setattr("models.clock.today", lambda: meeting.starts_at.date())
    window = SignInWindow(context, meeting, db_call(context, list_invitees, meeting_id))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(window)
    window.show()
    return window


def test_list_counts_filters_and_search(qtbot, page):
    assert page.model.rowCount() == 13 and page.count_label.text() == "显示 13 / 共 13 场"  # 2023 and 2022
    salon = next(m for m in page.model.rows if m.format_name == "委员沙龙")
    assert salon.invited == 29 and salon.attended > 0
    salons = [m.title for m in page.model.rows if m.format_name == "委员沙龙"]  # 2023's and 2022's
    page.format.setCurrentIndex(page.format.findText("委员沙龙"))
    assert [m.title for m in page.model.rows] == salons and salon.title in salons and len(salons) == 2
    page.format.setCurrentIndex(0)
    page.search.setText("社区卫生")
    assert len(page.model.rows) == 1
    save_screenshot(page, "meetings_page")


def fill_meeting(title: str, start: datetime, end: datetime | None = None, seen: dict | None = None):
    def act(dialog: MeetingDialog) -> None:
        form = dialog.form
        form.title.setText(title)
        form.starts_at.setDateTime(QDateTime(start))
        if end is not None:
            form.has_end.setChecked(True)
            form.ends_at.setDateTime(QDateTime(end))
        click_button(dialog, "保存")
        if seen is not None:
            report_when_settled(dialog, seen)
    return act


def report_when_settled(dialog, seen, waited=0) -> None:
    """Once the dialog's background save has answered: what it shows, and whether it is still open."""
    from PySide6.QtCore import QTimer

    if not dialog.save_button.isEnabled() and dialog.isVisible() and waited < 30000:
        QTimer.singleShot(20, lambda: report_when_settled(dialog, seen, waited + 20))
        return
    seen["errors"] = {f: label.text() for f, label in dialog.form.errors.items() if not label.isHidden()}
    seen["open"] = dialog.isVisible()
    if dialog.isVisible():
        click_button(dialog, "取消")


def test_create_a_meeting_and_its_window_opens(qtbot, page, message_log):
    start = (now() + timedelta(days=30)).replace(hour=14, minute=30)
    when_modal(fill_meeting("“推进老旧小区改造”专题双月协商会", start), kind=MeetingDialog, timeout_ms=30000)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.count_label.text() == "显示 14 / 共 14 场", timeout=30000)
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=30000)
    window = page.windows[page.selected().id]
    qtbot.addWidget(window)
    settle(qtbot, page.context)
    assert window.isVisible() and window.meeting.status == "筹备中"
    assert window.heading.text() == "“推进老旧小区改造”专题双月协商会"


def test_bad_meeting_input(qtbot, page, message_log):
    start = now() + timedelta(days=3)

    def attempt(*args) -> dict:
        seen = {}
        when_modal(fill_meeting(*args, seen=seen), kind=MeetingDialog, timeout_ms=30000)
        page.new_meeting()
        qtbot.waitUntil(lambda: "open" in seen, timeout=30000)
        return seen

    seen = attempt("  ", start)
    assert "会议名称" in seen["errors"]["title"] and seen["open"]
    seen = attempt("沙龙", start, start - timedelta(hours=2))
    assert "结束时间不能早于开始时间" in seen["errors"]["ends_at"]
    message_log.confirm_answer = False  # a past date is questioned; the user goes back
    seen = attempt("补录的沙龙", datetime(2023, 12, 1, 14, 30))
    assert "已经过去" in message_log.texts("confirm")[0] and seen["open"]
    settle(qtbot, page.context)
    assert len(page.all_rows) == 13


def test_clone_and_delete(qtbot, page, demo_context, message_log):
    page.select(next(m for m in page.model.rows if m.title.startswith("“打造中心城区消费新高地”")).id)
    qtbot.mouseClick(page.clone_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.all_rows) == 14, timeout=30000)
    settle(qtbot, demo_context)
    clone = page.selected()
    assert clone.title.endswith("（副本）") and clone.status == "筹备中"
    assert (clone.invited, clone.confirmed) == (48, 0)
    for window in page.windows.values():
        qtbot.addWidget(window)
    page.select(page.model.rows[-1].id)  # a held meeting with attendance
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    assert "不能删除" in message_log.texts("warn")[-1]


def test_invite_by_rule_search_and_bulk_replies(qtbot, window, demo_context, message_log):
    tab = window.invitees_tab
    window.tabs.setCurrentWidget(tab)

    def by_rule(choose, expected: str | None = None) -> None:
        def act(dialog: InviteRuleDialog) -> None:
            counted = dialog.counted
            choose(dialog)
            wait_then(lambda: dialog.counted > counted and dialog.buttons.buttons()[0].isEnabled(),
                      lambda: (seen.update(preview=dialog.preview.text()), click_button(dialog, "添加")))

        seen = {}
        when_modal(act, kind=InviteRuleDialog, timeout_ms=30000)
        qtbot.mouseClick(tab.rule_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "preview" in seen, timeout=30000)
        qtbot.waitUntil(lambda: bool(message_log.texts("inform")), timeout=30000)
        settle(qtbot, demo_context)
        if expected is not None:
            assert seen["preview"] == expected

    by_rule(lambda d: d.filters.role.setCurrentIndex(d.filters.role.findData("常委")), "符合条件：40 人")
    assert len(window.invitees) == 40 and "已添加 40 人" in message_log.texts("inform")[-1]
    by_rule(lambda d: (d.filters.level.setCurrentIndex(d.filters.level.findData("区")),
                       d.filters.sector.setCurrentIndex(d.filters.sector.findText("医药卫生"))))
    doctors = [r for r in window.invitees if r.sector == "医药卫生" and "区" in r.levels]
    assert len(doctors) == 20

    guests = [r for r in db_call(demo_context, load_people) if r.guest_category == "专家学者"][:3]
    picked = []

    def three_guests(dialog: PersonPickerDialog) -> None:
        dialog.role.set_value("特邀")

        def pick(remaining) -> None:
            if not remaining:
                click_button(dialog, "添加选中的人员")
                return
            searched = dialog.searched
            dialog.search.setText(remaining[0].name)
            dialog.apply_filter()

            def found() -> None:
                row = next(i for i, hit in enumerate(dialog.model.rows) if hit.id == remaining[0].id)
                picked.append(remaining[0].id)
                dialog.table.selectionModel().select(
                    dialog.model.index(row, 0), dialog.table.selectionModel().SelectionFlag.ClearAndSelect |
                    dialog.table.selectionModel().SelectionFlag.Rows)
                pick(remaining[1:] if len(remaining) > 1 else [])

            wait_then(lambda: dialog.searched > searched, found)

        wait_then(lambda: dialog.searched > 0, lambda: pick(guests))

    when_modal(three_guests, kind=PersonPickerDialog, timeout_ms=30000)
    inform_count = len(message_log.texts("inform"))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(message_log.texts("inform")) > inform_count, timeout=30000)
    settle(qtbot, demo_context)
    assert {r.name for r in window.invitees if r.role == "特邀"} >= {guests[-1].name}
    total = len(window.invitees)

    tab.table.selectAll()
    next(a for a in tab.status_button.menu().actions() if a.text() == "已通知").trigger()
    qtbot.waitUntil(lambda: {r.invite_status for r in window.invitees} == {"已通知"}, timeout=30000)
    settle(qtbot, demo_context)
    assert f"已通知 {total}" in tab.counts.text()

    first = tab.model.rows[0]
    tab.table.selectRow(0)

    def leave(dialog: LeaveDialog) -> None:
        dialog.reason.setText("因公出差")
        dialog.approved_by.setText("秘书长")
        click_button(dialog, "确定")

    when_modal(leave, kind=LeaveDialog)
    next(a for a in tab.status_button.menu().actions() if a.text() == "请假").trigger()
    qtbot.waitUntil(lambda: any(r.invite_status == "请假" for r in window.invitees), timeout=30000)
    leave_row = next(r for r in window.invitees if r.attendance_id == first.attendance_id)
    assert leave_row.invite_status == "请假"
    assert (leave_row.leave_reason, leave_row.leave_approved_by) == ("因公出差", "秘书长")
    save_screenshot(window, "meeting_invitees")


def test_status_buttons_and_final_attendance(qtbot, window, demo_context, message_log):
    from models.services.invitees import check_in, invite_people, people_by_rule
    from models.services.people_list import PeopleFilter

    ids = db_call(demo_context, people_by_rule, PeopleFilter(role="常委"))[:3]
    db_call(demo_context, invite_people, window.meeting_id, ids)
    announce(demo_context, Area.ATTENDANCE)
    qtbot.waitUntil(lambda: len(window.invitees) == 3, timeout=30000)
    db_call(demo_context, check_in, window.invitees[0].attendance_id)
    announce(demo_context, Area.ATTENDANCE)
    qtbot.waitUntil(lambda: window.invitees[0].checked_in, timeout=30000)
    labels = [window.status_buttons.itemAt(i).widget().text() for i in range(window.status_buttons.count())]
    assert labels == ["标记为已发通知", "会议已召开（确定出勤）", "取消会议"]
    window.change_status("已召开")
    qtbot.waitUntil(lambda: window.meeting.status == "已召开", timeout=30000)
    settle(qtbot, demo_context)
    assert sorted(r.result for r in window.invitees) == ["出席", "缺席", "缺席"]
    assert "出席 1" not in message_log.texts("confirm")[-1]  # the question spelled out the counts
    assert "已签到 1 人" in message_log.texts("confirm")[-1]


def test_two_windows_on_one_meeting_report_a_conflict(qtbot, demo_context, new_meeting, message_log):
    meeting = new_meeting()
    first, second = open_window(qtbot, demo_context, meeting), open_window(qtbot, demo_context, meeting)
    # the second window is opened, then the first one saves a change
    second.info_tab.form.venue.setText("区政协机关五楼会议室")
    first.info_tab.form.venue.setText("区行政中心一楼报告厅")
    first.info_tab.save()
    second.info_tab.save()
    qtbot.waitUntil(lambda: any("已被他人修改" in t for t in message_log.texts("warn")), timeout=30000)
    settle(qtbot, demo_context)
    assert db_call(demo_context, list_meetings, meeting_ids=[meeting])[0].venue == "区行政中心一楼报告厅"
    # the first window's change shows in the second without a manual refresh (its own edit was refused)
    assert first.meeting.venue == "区行政中心一楼报告厅"


def test_sign_in_from_the_keyboard(qtbot, demo_context, new_meeting, monkeypatch):
    from models.services.invitees import invite_people, people_by_rule, update_invitee
    from models.services.people_list import PeopleFilter

    meeting = new_meeting()
    db_call(demo_context, invite_people, meeting, db_call(demo_context, people_by_rule, PeopleFilter(role="常委")))
    rows = db_call(demo_context, list_invitees, meeting)
    seated = rows[5]
    db_call(demo_context, update_invitee, seated.attendance_id, role="出席", seat_no="18")
    sign_in = open_sign_in(qtbot, demo_context, meeting, monkeypatch)
    sign_in.activateWindow()  # window shortcuts (Ctrl+T) act on the active window, as at the door
    qtbot.waitUntil(sign_in.isActiveWindow, timeout=30000)
    assert "应到 40 人" in sign_in.counts.text() and "实到 0 人" in sign_in.counts.text()

    def enter(text: str, *, typed: bool = False) -> None:
        (qtbot.keyClicks if typed else lambda widget, t: widget.insert(t))(sign_in.input, text)
        assert "找到 1 人" in sign_in.result.text()  # shown while typing
        sign_in.result.setText("")
        qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: sign_in.result.text() != "", timeout=30000)

    enter(rows[0].name)  # what the input method commits
    assert "签到成功" in sign_in.result.text() and "实到 1 人" in sign_in.counts.text()
    enter("18", typed=True)  # a seat number, or a barcode scanner typing it
    assert seated.name in sign_in.result.text() and "实到 2 人" in sign_in.counts.text()
    enter(rows[0].name)
    assert "已于" in sign_in.result.text() and "实到 2 人" in sign_in.counts.text()
    sign_in.result.setText("")
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已撤销" in sign_in.result.text(), timeout=30000)
    assert "实到 1 人" in sign_in.counts.text()
    qtbot.keyClicks(sign_in.input, "nobody")
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert "没有找到" in sign_in.result.text()

    def walk_in(dialog: WalkInDialog) -> None:
        dialog.name.setText("临时来宾")
        dialog.unit.setText("区融媒体中心记者")
        click_button(dialog, "添加并签到")

    when_modal(walk_in, kind=WalkInDialog)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "临时来宾" in sign_in.result.text(), timeout=30000)
    assert "实到 2 人" in sign_in.counts.text()
    save_screenshot(sign_in, "sign_in_mode")
    QApplication.processEvents()


def test_sign_in_with_several_matches_lets_the_user_choose(qtbot, demo_context, new_meeting, monkeypatch):
    from models.services.invitees import invite_people, people_by_rule
    from models.services.people_list import PeopleFilter

    meeting = new_meeting()
    db_call(demo_context, invite_people, meeting, db_call(demo_context, people_by_rule, PeopleFilter(level="区")))
    rows = db_call(demo_context, list_invitees, meeting)
    surname = max({r.name[0] for r in rows}, key=lambda s: sum(r.name.startswith(s) for r in rows))
    sign_in = open_sign_in(qtbot, demo_context, meeting, monkeypatch)
    sign_in.input.insert(surname)
    assert sign_in.choices.isVisible() and sign_in.choices.count() > 1  # shown while typing, before Enter
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)  # several and none chosen: the first is offered
    assert sign_in.choices.currentRow() == 0 and "请用 ↑↓ 选择" in sign_in.result.text()
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Down)
    chosen = sign_in.choices.currentItem().data(Qt.ItemDataRole.UserRole)
    assert chosen.attendance_id == sign_in.choices.item(1).data(Qt.ItemDataRole.UserRole).attendance_id
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=30000)
    assert chosen.name in sign_in.result.text()


def test_reply_sheet_round_trip(qtbot, window, demo_context, tmp_path, monkeypatch, message_log):
    from ui.dialogs.import_preview import ImportPreviewDialog

    tab = window.invitees_tab
    people = [p.id for p in db_call(demo_context, load_people)[:3]]
    for person_id in people:
        db_call(demo_context, invite, window.meeting_id, person_id)
    announce(demo_context, Area.ATTENDANCE)
    qtbot.waitUntil(lambda: len(window.invitees) == 3, timeout=30000)
    sheet_path = tmp_path / "回执.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(sheet_path), ""))
    exported = when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox)
    tab.export_reply_sheet()
    qtbot.waitUntil(lambda: exported["handled"], timeout=30000)  # "已导出" closed: the import may open
    settle(qtbot, demo_context)
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    first = next(r for r in range(1, sheet.max_row + 1) if isinstance(sheet.cell(r, 9).value, int))
    sheet.cell(first, 5).value = "确认"
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["heading"] = dialog.counts.text()
        model = dialog.findChild(QTableView).model()
        seen["headings"] = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog, timeout_ms=30000)
    tab.import_replies()
    qtbot.waitUntil(lambda: "heading" in seen, timeout=30000)
    assert seen["headings"] == ["行号", "结果", "姓名", "说明"]
    qtbot.waitUntil(lambda: any(text.startswith("导入完成：更新 1 人的回复状态。\n未导入 2 行：\n· 跳过 2 行：")
                                for text in message_log.texts("inform")), timeout=30000)
    assert "更新 1" in seen["heading"]
    qtbot.waitUntil(lambda: sum(r.invite_status == "已确认" for r in window.invitees) == 1, timeout=30000)


def test_invite_by_rule_ignores_the_answer_for_conditions_no_longer_shown(qtbot, demo_context, monkeypatch):
    import threading

    import ui.dialogs.invite_dialogs as invite_dialogs

    real, started, release = invite_dialogs.people_by_rule, threading.Event(), threading.Event()

    def held_first(session, rule, group_id=None):
        if not started.is_set():
            started.set()
            release.wait(30)
        return real(session, rule, group_id=group_id)

    monkeypatch.setattr(invite_dialogs, "people_by_rule", held_first)
    dialog = InviteRuleDialog(demo_context, {}, [])
    qtbot.addWidget(dialog)
    answers = dialog.counted
    dialog.filters.level.set_value("区")
    dialog.update_preview()  # rule A: counting starts, and is held
    assert started.wait(30)
    dialog.filters.role.set_value("常委")
    dialog.update_preview()  # rule B, asked while A's answer is still coming
    release.set()
    qtbot.waitUntil(lambda: dialog.counted == answers + 1, timeout=30000)
    settle(qtbot, demo_context)
    assert dialog.counted == answers + 1  # A's answer was dropped
    assert dialog.ids == db_call(demo_context, people_by_rule, dialog.rule())
    assert dialog.buttons.buttons()[0].isEnabled() and f"{len(dialog.ids)} 人" in dialog.preview.text()


def test_attendance_is_coloured_by_meaning_with_a_legend(qtbot, window, demo_context, message_log):
    """缺席 after 已确认 is red (not the reply's green); 请假 amber; 出席 green; one legend says so."""
    from PySide6.QtCore import Qt as QtCore

    from models.services.invitees import check_in, invite_people, people_by_rule, record_reply
    from models.services.people_list import PeopleFilter
    from ui import status_colours

    ids = db_call(demo_context, people_by_rule, PeopleFilter(role="常委"))[:3]
    db_call(demo_context, invite_people, window.meeting_id, ids)
    announce(demo_context, Area.ATTENDANCE)
    qtbot.waitUntil(lambda: len(window.invitees) == 3, timeout=30000)
    present, absent, away = window.invitees
    db_call(demo_context, record_reply, present.attendance_id, "已确认")
    db_call(demo_context, record_reply, absent.attendance_id, "已确认")
    db_call(demo_context, record_reply, away.attendance_id, "请假", leave_reason="出差", leave_approved_by="秘书长")
    db_call(demo_context, check_in, present.attendance_id)
    announce(demo_context, Area.ATTENDANCE)
    qtbot.waitUntil(lambda: window.invitees[0].checked_in, timeout=30000)
    window.change_status("已召开")
    qtbot.waitUntil(lambda: window.meeting.status == "已召开", timeout=30000)
    settle(qtbot, demo_context)
    tab = window.invitees_tab
    model = tab.model
    result, reply = model.column_index("result"), model.column_index("invite_status")

    def colour(attendance_id: int, column: int) -> str | None:
        brush = model.data(model.index(model.index_of_key(attendance_id), column), QtCore.ItemDataRole.ForegroundRole)
        return brush.color().name().upper() if brush is not None else None

    assert colour(absent.attendance_id, result) == status_colours.BAD  # 缺席
    assert colour(absent.attendance_id, reply) == status_colours.GOOD  # its reply was 已确认
    assert colour(present.attendance_id, result) == status_colours.GOOD
    assert colour(away.attendance_id, result) == colour(away.attendance_id, reply) == status_colours.WAIT
    assert colour(absent.attendance_id, model.column_index("name")) is None
    assert tab.legend.isVisibleTo(tab) and "缺席" in tab.legend.text() and status_colours.BAD in tab.legend.text()
    window.tabs.setCurrentWidget(tab)
    save_screenshot(window, "meeting_invitees_held")
