"""签到模式 that forgives, driven through real key events: matches while typing, a warning on another day,
undo of any check-in that survives reopening, Esc asks, and 出席 ticked in bulk from the paper 签到表."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from models.clock import now
from models.services.common import meeting_format_id
from models.services.invitees import check_in, invite_people, people_by_rule, record_reply, undo_check_in
from models.services.meeting_queries import get_meeting, list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter
from models.vocab import AttendanceResult
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button, when_modal
from ui.dialogs.paper_attendance_dialog import PaperAttendanceDialog
from ui.views.sign_in_window import SignInWindow


@pytest.fixture
def meeting(demo_context):
    """A 双月协商会 in 14 days with the 40 常委 invited, one of them on leave."""
    def make(session):
        data = MeetingData(meeting_format_id(session, "bimonthly"), "“推进老旧小区改造”专题双月协商会",
                           (now() + timedelta(days=14)).replace(hour=14, minute=30), venue="区政协机关三楼会议室")
        meeting_id = save_meeting(session, data)
        invite_people(session, meeting_id, people_by_rule(session, PeopleFilter(role="常委")))
        record_reply(session, list_invitees(session, meeting_id)[3].attendance_id, "请假", leave_reason="因公出差")
        return meeting_id

    return demo_context.db.call_blocking(lambda ctx: make(ctx.session), database=demo_context.database)


def open_sign_in(qtbot, context, meeting_id: int) -> SignInWindow:
    meeting = db_call(context, get_meeting, meeting_id)
    window = SignInWindow(context, meeting, db_call(context, list_invitees, meeting_id))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def on_the_day(monkeypatch, demo_context, meeting):
    day = db_call(demo_context, get_meeting, meeting).starts_at.date()
    monkeypatch.setattr("models.clock.today", lambda: day)


def stored(context, meeting_id: int) -> dict:
    return {r.attendance_id: r for r in db_call(context, list_invitees, meeting_id)}


def test_matches_show_per_keystroke_and_arrows_choose(qtbot, demo_context, meeting, on_the_day, message_log):
    sign_in = open_sign_in(qtbot, demo_context, meeting)
    rows = sign_in.rows
    letter = max({r.initials[0][0] for r in rows if r.initials}, key=lambda c: sum(
        r.initials[0].startswith(c) for r in rows))
    target = next(r for r in rows if r.initials[0].startswith(letter) and len(r.initials[0]) == 3)
    qtbot.keyClick(sign_in.input, letter)  # one key: everyone whose initials begin so, shown at once
    shown = [sign_in.choices.item(i).data(Qt.ItemDataRole.UserRole) for i in range(sign_in.choices.count())]
    assert sign_in.choices.isVisible() and len(shown) > 1 and sign_in.choices.currentRow() == -1
    assert all(any(v.startswith(letter) for v in r.initials) for r in shown)
    assert target.attendance_id in [r.attendance_id for r in shown]
    for key in target.initials[0][1:]:  # each further key narrows the list
        qtbot.keyClick(sign_in.input, key)
    narrowed = [sign_in.choices.item(i).data(Qt.ItemDataRole.UserRole) for i in range(sign_in.choices.count())]
    assert target.attendance_id in [r.attendance_id for r in narrowed]
    assert {r.attendance_id for r in narrowed} < {r.attendance_id for r in shown}
    for _ in range([r.attendance_id for r in narrowed].index(target.attendance_id) + 1):
        qtbot.keyClick(sign_in.input, Qt.Key.Key_Down)  # the arrows move the choice, typing stays in the box
    assert sign_in.input.text() == target.initials[0]
    save_screenshot(sign_in, "1366x700-sign_in_window-matches")
    assert sign_in.choices.currentItem().data(Qt.ItemDataRole.UserRole).attendance_id == target.attendance_id
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=30000)
    assert target.name in sign_in.result.text() and not sign_in.choices.isVisible()
    settle(qtbot, demo_context)
    assert stored(demo_context, meeting)[target.attendance_id].checked_in_at is not None
    qtbot.keyClicks(sign_in.input, "qqqq")
    assert not sign_in.choices.isVisible()  # nobody: nothing offered, and Enter says so
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert "没有找到" in sign_in.result.text()


def test_another_day_is_asked_once_per_session(qtbot, demo_context, meeting, monkeypatch, message_log):
    day = db_call(demo_context, get_meeting, meeting).starts_at.date()
    monkeypatch.setattr("models.clock.today", lambda: day - timedelta(days=14))  # two weeks early
    sign_in = open_sign_in(qtbot, demo_context, meeting)
    assert sign_in.off_day.isVisible() and "会议在 14 天后召开" in sign_in.off_day.text()
    first, second = sign_in.rows[0], sign_in.rows[1]
    message_log.confirm_answer = False
    sign_in.input.insert(first.name)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    asked = message_log.texts("confirm")[0]
    assert "今天不是会议日期" in asked and "会议在 14 天后召开" in asked and "Excel" in asked
    assert "未签到" in sign_in.result.text()
    settle(qtbot, demo_context)
    assert stored(demo_context, meeting)[first.attendance_id].checked_in_at is None  # nothing written
    message_log.confirm_answer = True
    sign_in.input.insert(first.name)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=30000)
    sign_in.input.insert(second.name)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: second.name in sign_in.result.text(), timeout=30000)
    assert len(message_log.texts("confirm")) == 2  # the refusal and the one yes; not again this session
    save_screenshot(sign_in, "1366x700-sign_in_window-another_day")
    settle(qtbot, demo_context)
    rows = stored(demo_context, meeting)
    assert rows[first.attendance_id].checked_in_at and rows[second.attendance_id].checked_in_at


def test_on_the_day_nothing_is_asked(qtbot, demo_context, meeting, on_the_day, message_log):
    sign_in = open_sign_in(qtbot, demo_context, meeting)
    assert not sign_in.off_day.isVisible()
    sign_in.input.insert(sign_in.rows[0].name)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=30000)
    assert message_log.texts("confirm") == []


def test_any_check_in_can_be_undone_also_after_reopening(qtbot, demo_context, meeting, on_the_day, message_log):
    rows = db_call(demo_context, list_invitees, meeting)
    people = [rows[0], rows[1], rows[2], rows[5], rows[6]]
    start = now() - timedelta(hours=1)  # earlier than the check-in below, whatever the hour (14:00 was not, mornings)
    for minutes, row in enumerate(people):  # five signed in earlier, in another session
        db_call(demo_context, check_in, row.attendance_id, start + timedelta(minutes=minutes))
    sign_in = open_sign_in(qtbot, demo_context, meeting)  # as if reopened
    assert sign_in.recent.count() == 5
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已撤销" in sign_in.result.text(), timeout=30000)
    assert people[-1].name in sign_in.result.text() and sign_in.recent.count() == 4  # the newest
    oldest = sign_in.recent.count() - 1
    assert sign_in.recent.item(oldest).data(Qt.ItemDataRole.UserRole).attendance_id == people[0].attendance_id
    sign_in.recent.setCurrentRow(oldest)
    message_log.confirm_answer = False
    qtbot.mouseClick(sign_in.undo_selected_button, Qt.MouseButton.LeftButton)
    assert f"撤销 {people[0].name} 的签到" in message_log.texts("confirm")[0] and sign_in.recent.count() == 4
    message_log.confirm_answer = True
    sign_in.recent.setCurrentRow(oldest)
    qtbot.mouseClick(sign_in.undo_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sign_in.recent.count() == 3, timeout=30000)
    assert f"已撤销 {people[0].name}" in sign_in.result.text() and "实到 3 人" in sign_in.counts.text()
    save_screenshot(sign_in, "1366x700-sign_in_window-undo")
    sign_in.input.insert(people[0].name)  # signed in again: at the top of the list, the newest
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sign_in.recent.count() == 4, timeout=30000)
    top = [sign_in.recent.item(i).data(Qt.ItemDataRole.UserRole).attendance_id for i in range(4)]
    assert top == [people[0].attendance_id, people[3].attendance_id, people[2].attendance_id, people[1].attendance_id]
    db_call(demo_context, undo_check_in, people[0].attendance_id)
    settle(qtbot, demo_context)
    after = stored(demo_context, meeting)
    assert [after[r.attendance_id].checked_in_at is not None for r in people] == [False, True, True, True, False]


def test_escape_asks_before_leaving(qtbot, demo_context, meeting, on_the_day, message_log):
    sign_in = open_sign_in(qtbot, demo_context, meeting)
    sign_in.activateWindow()  # window shortcuts act on the active window
    qtbot.waitUntil(sign_in.isActiveWindow, timeout=30000)
    message_log.confirm_answer = False
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Escape)
    assert message_log.texts("confirm") and message_log.texts("confirm")[0].startswith("退出签到模式？")
    assert sign_in.isVisible()
    message_log.confirm_answer = True
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sign_in.isVisible(), timeout=30000)


def test_paper_sign_in_sheet_ticked_in_bulk(qtbot, demo_context, meeting, message_log):
    rows = db_call(demo_context, list_invitees, meeting)
    door = rows[0]
    db_call(demo_context, check_in, door.attendance_id)
    rows = db_call(demo_context, list_invitees, meeting)
    dialog = PaperAttendanceDialog(demo_context, db_call(demo_context, get_meeting, meeting), rows)
    qtbot.addWidget(dialog)
    dialog.resize(720, 600)
    dialog.show()
    items = {item.data(Qt.ItemDataRole.UserRole): item for item in map(dialog.list.item, range(dialog.list.count()))}
    assert "请假" in items[rows[3].attendance_id].text()  # on leave, shown as such
    assert not items[door.attendance_id].flags() & Qt.ItemFlag.ItemIsEnabled  # signed in at the door: kept
    assert "不记录签到时间" in dialog.findChildren(type(dialog.counter))[0].text()
    assert dialog.counter.text() == "已勾选 1 人 / 应到 40 人"
    click_button(dialog, "全选")
    assert dialog.counter.text() == "已勾选 40 人 / 应到 40 人"
    surname = rows[5].name[0]
    dialog.search.insert(surname)  # what the input method commits
    shown = [i for i in items.values() if not i.isHidden()]
    assert 0 < len(shown) < 40 and all(surname in i.text().split("　")[0] for i in shown)
    click_button(dialog, "反选")  # only the names shown are unticked
    unticked = {i.data(Qt.ItemDataRole.UserRole) for i in items.values() if i.checkState() == Qt.CheckState.Unchecked}
    assert unticked == {i.data(Qt.ItemDataRole.UserRole) for i in shown} - {door.attendance_id}
    dialog.search.clear()
    away = rows[7].attendance_id
    items[away].setCheckState(Qt.CheckState.Unchecked)  # as a click on its box does
    items[rows[3].attendance_id].setCheckState(Qt.CheckState.Checked)  # on leave, but came after all
    ticked = set(dialog.ticked())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("saved")), timeout=30000)
    assert "不记录签到时间" in message_log.texts("saved")[0]
    after = stored(demo_context, meeting)
    for attendance_id, row in after.items():
        if attendance_id == door.attendance_id:
            assert row.checked_in_at is not None
        else:
            assert row.checked_in_at is None  # no time invented
            assert (row.result == AttendanceResult.PRESENT) == (attendance_id in ticked)
    assert away not in ticked and after[rows[3].attendance_id].result == AttendanceResult.PRESENT  # came after all


def test_the_meeting_window_opens_the_paper_dialog(qtbot, demo_context, meeting, message_log):
    from ui.views.meeting_window import MeetingWindow

    window = MeetingWindow(demo_context, meeting)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    settle(qtbot, demo_context)
    seen = {}

    def tick_and_save(dialog: PaperAttendanceDialog) -> None:
        seen["count"] = dialog.list.count()
        save_screenshot(dialog, "1366x700-paper_attendance_dialog")
        dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
        click_button(dialog, "保存出席情况")

    when_modal(tick_and_save, kind=PaperAttendanceDialog)
    qtbot.mouseClick(window.paper_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("saved")), timeout=30000)
    settle(qtbot, demo_context)
    assert seen["count"] == 40 and window.counts().present == 1
    save_screenshot(window, "1366x700-meeting_window-paper_button")


def test_a_cancelled_meeting_takes_no_attendance(qtbot, demo_context, meeting, message_log):
    from models.services.meetings import change_meeting_status
    from ui.views.meeting_window import MeetingWindow

    db_call(demo_context, change_meeting_status, meeting, "已取消")
    window = MeetingWindow(demo_context, meeting)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, demo_context)
    qtbot.mouseClick(window.paper_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    assert message_log.texts("warn") == ["会议状态为“已取消”，不能补录出席。", "会议状态为“已取消”，不能签到。"]
    assert window.sign_in is None
