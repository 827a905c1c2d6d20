"""会议活动 through the real widgets: the list, a new meeting, invitations, replies, status, sign-in."""

from datetime import datetime, timedelta

import openpyxl
import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models.clock import now
from models.services import lookups
from models.services.invitees import invite
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import load_people
from tests.screenshots import save_screenshot
from tests.ui.modal import click_button, when_modal
from ui.dialogs.invite_dialogs import InviteRuleDialog, LeaveDialog, PersonPickerDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.views.meeting_window import MeetingWindow
from ui.views.meetings_page import MeetingsPage
from ui.views.sign_in_window import SignInWindow, WalkInDialog


@pytest.fixture
def page(qtbot, demo_context):
    widget = MeetingsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


@pytest.fixture
def new_meeting(demo_context):
    def make(title="“推进老旧小区改造”专题双月协商会", days=20) -> int:
        fmt = next(v.id for v in demo_context.call(lookups.list_values, "meeting_format") if v.code == "bimonthly")
        return demo_context.call(save_meeting, MeetingData(fmt, title, now() + timedelta(days=days),
                                                           venue="区政协机关三楼会议室"))
    return make


@pytest.fixture
def window(qtbot, demo_context, new_meeting):
    widget = MeetingWindow(demo_context, new_meeting())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_list_counts_filters_and_search(qtbot, page):
    assert page.model.rowCount() == 5 and page.count_label.text() == "显示 5 / 共 5 场"
    salon = next(m for m in page.model.rows if m.format_name == "委员沙龙")
    assert salon.invited == 29 and salon.attended > 0
    page.format.setCurrentIndex(page.format.findText("委员沙龙"))
    assert [m.title for m in page.model.rows] == [salon.title]
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
            seen["errors"] = {f: label.text() for f, label in form.errors.items() if not label.isHidden()}
            seen["open"] = dialog.isVisible()
            if dialog.isVisible():
                click_button(dialog, "取消")
    return act


def test_create_a_meeting_and_its_window_opens(qtbot, page, message_log):
    start = (now() + timedelta(days=30)).replace(hour=14, minute=30)
    when_modal(fill_meeting("“推进老旧小区改造”专题双月协商会", start), kind=MeetingDialog)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "显示 6 / 共 6 场"
    window = page.windows[page.selected().id]
    qtbot.addWidget(window)
    assert window.isVisible() and window.meeting.status == "筹备中"
    assert window.heading.text() == "“推进老旧小区改造”专题双月协商会"


def test_bad_meeting_input(qtbot, page, message_log):
    seen = {}
    start = now() + timedelta(days=3)
    when_modal(fill_meeting("  ", start, seen=seen), kind=MeetingDialog)
    page.new_meeting()
    assert "会议名称" in seen["errors"]["title"] and seen["open"]
    seen.clear()
    when_modal(fill_meeting("沙龙", start, start - timedelta(hours=2), seen=seen), kind=MeetingDialog)
    page.new_meeting()
    assert "结束时间不能早于开始时间" in seen["errors"]["ends_at"]
    seen.clear()
    message_log.confirm_answer = False  # a past date is questioned; the user goes back
    when_modal(fill_meeting("补录的沙龙", datetime(2023, 12, 1, 14, 30), seen=seen), kind=MeetingDialog)
    page.new_meeting()
    assert "已经过去" in message_log.texts("confirm")[0] and seen["open"]
    assert len(page.all_rows) == 5


def test_clone_and_delete(qtbot, page, demo_context, message_log):
    page.select(page.model.rows[-1].id)
    qtbot.mouseClick(page.clone_button, Qt.MouseButton.LeftButton)
    clone = page.selected()
    assert clone.title.endswith("（副本）") and clone.status == "筹备中"
    assert (clone.invited, clone.confirmed) == (48, 0)
    for window in page.windows.values():
        qtbot.addWidget(window)
    page.select(page.model.rows[-1].id)  # a held meeting with attendance
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "不能删除" in message_log.texts("warn")[-1]


def test_invite_by_rule_search_and_bulk_replies(qtbot, window, demo_context, message_log):
    tab = window.invitees_tab
    window.tabs.setCurrentWidget(tab)

    def all_standing(dialog: InviteRuleDialog) -> None:
        dialog.filters.role.setCurrentIndex(dialog.filters.role.findData("常委"))
        assert dialog.preview.text() == "符合条件：40 人"
        click_button(dialog, "添加")

    when_modal(all_standing, kind=InviteRuleDialog)
    qtbot.mouseClick(tab.rule_button, Qt.MouseButton.LeftButton)
    assert len(window.invitees) == 40 and "已添加 40 人" in message_log.texts("inform")[-1]

    def health_sector(dialog: InviteRuleDialog) -> None:
        dialog.filters.level.setCurrentIndex(dialog.filters.level.findData("区"))
        dialog.filters.sector.setCurrentIndex(dialog.filters.sector.findText("医药卫生"))
        click_button(dialog, "添加")

    when_modal(health_sector, kind=InviteRuleDialog)
    qtbot.mouseClick(tab.rule_button, Qt.MouseButton.LeftButton)
    doctors = [r for r in window.invitees if r.sector == "医药卫生" and "区" in r.levels]
    assert len(doctors) == 20

    guests = [r for r in demo_context.call(load_people) if r.guest_category == "专家学者"][:3]

    def three_guests(dialog: PersonPickerDialog) -> None:
        dialog.role.set_value("特邀")
        for guest in guests:
            dialog.search.setText(guest.name)
            dialog.apply_filter()
            dialog.table.selectionModel().select(
                dialog.model.index(0, 0), dialog.table.selectionModel().SelectionFlag.Select |
                dialog.table.selectionModel().SelectionFlag.Rows)
        click_button(dialog, "添加选中的人员")

    when_modal(three_guests, kind=PersonPickerDialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert {r.name for r in window.invitees if r.role == "特邀"} >= {guests[-1].name}
    total = len(window.invitees)

    tab.table.selectAll()
    next(a for a in tab.status_button.menu().actions() if a.text() == "已通知").trigger()
    assert {r.invite_status for r in window.invitees} == {"已通知"}
    assert f"已通知 {total}" in tab.counts.text()

    first = tab.model.rows[0]
    tab.table.selectRow(0)

    def leave(dialog: LeaveDialog) -> None:
        dialog.reason.setText("因公出差")
        dialog.approved_by.setText("秘书长")
        click_button(dialog, "确定")

    when_modal(leave, kind=LeaveDialog)
    next(a for a in tab.status_button.menu().actions() if a.text() == "请假").trigger()
    leave_row = next(r for r in window.invitees if r.attendance_id == first.attendance_id)
    assert leave_row.invite_status == "请假"
    assert (leave_row.leave_reason, leave_row.leave_approved_by) == ("因公出差", "秘书长")
    save_screenshot(window, "meeting_invitees")


def test_status_buttons_and_final_attendance(qtbot, window, demo_context, message_log):
    from models.services.invitees import check_in, invite_people, people_by_rule
    from models.services.people_list import PeopleFilter

    ids = demo_context.call(people_by_rule, PeopleFilter(role="常委"))[:3]
    demo_context.call(invite_people, window.meeting_id, ids)
    window.reload()
    demo_context.call(check_in, window.invitees[0].attendance_id)
    window.reload()
    labels = [window.status_buttons.itemAt(i).widget().text() for i in range(window.status_buttons.count())]
    assert labels == ["标记为已发通知", "会议已召开（确定出勤）", "取消会议"]
    window.change_status("已召开")
    assert window.meeting.status == "已召开"
    assert sorted(r.result for r in window.invitees) == ["出席", "缺席", "缺席"]
    assert "出席 1" not in message_log.texts("confirm")[-1]  # the question spelled out the counts
    assert "已签到 1 人" in message_log.texts("confirm")[-1]


def test_two_windows_on_one_meeting_report_a_conflict(qtbot, demo_context, new_meeting, message_log):
    meeting = new_meeting()
    first, second = MeetingWindow(demo_context, meeting), MeetingWindow(demo_context, meeting)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    # the second window is opened, then the first one saves a change
    second.info_tab.form.venue.setText("区政协机关五楼会议室")
    first.info_tab.form.venue.setText("区行政中心一楼报告厅")
    first.info_tab.save()
    second.info_tab.save()
    assert any("已被他人修改" in t for t in message_log.texts("warn"))
    assert demo_context.call(list_meetings, meeting_ids=[meeting])[0].venue == "区行政中心一楼报告厅"


def test_sign_in_from_the_keyboard(qtbot, demo_context, new_meeting):
    from models.services.invitees import invite_people, people_by_rule, update_invitee
    from models.services.people_list import PeopleFilter

    meeting = new_meeting()
    demo_context.call(invite_people, meeting, demo_context.call(people_by_rule, PeopleFilter(role="常委")))
    rows = demo_context.call(list_invitees, meeting)
    seated = rows[5]
    demo_context.call(update_invitee, seated.attendance_id, role="出席", seat_no="18")
    sign_in = SignInWindow(demo_context, meeting)
    qtbot.addWidget(sign_in)
    sign_in.show()
    sign_in.activateWindow()  # window shortcuts (Ctrl+T) act on the active window, as at the door
    qtbot.waitUntil(sign_in.isActiveWindow, timeout=3000)
    assert "应到 40 人" in sign_in.counts.text() and "实到 0 人" in sign_in.counts.text()

    sign_in.input.insert(rows[0].name)  # what the input method commits
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert "签到成功" in sign_in.result.text() and "实到 1 人" in sign_in.counts.text()
    qtbot.keyClicks(sign_in.input, "18")  # a seat number, or a barcode scanner typing it
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert seated.name in sign_in.result.text() and "实到 2 人" in sign_in.counts.text()
    sign_in.input.insert(rows[0].name)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert "已于" in sign_in.result.text() and "实到 2 人" in sign_in.counts.text()
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "已撤销" in sign_in.result.text() and "实到 1 人" in sign_in.counts.text()
    qtbot.keyClicks(sign_in.input, "nobody")
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert "没有找到" in sign_in.result.text()

    def walk_in(dialog: WalkInDialog) -> None:
        dialog.name.setText("临时来宾")
        dialog.unit.setText("区融媒体中心记者")
        click_button(dialog, "添加并签到")

    when_modal(walk_in, kind=WalkInDialog)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "临时来宾" in sign_in.result.text() and "实到 2 人" in sign_in.counts.text()
    save_screenshot(sign_in, "sign_in_mode")
    QApplication.processEvents()


def test_sign_in_with_several_matches_lets_the_user_choose(qtbot, demo_context, new_meeting):
    from models.services.invitees import invite_people, people_by_rule
    from models.services.people_list import PeopleFilter

    meeting = new_meeting()
    demo_context.call(invite_people, meeting, demo_context.call(people_by_rule, PeopleFilter(level="区")))
    rows = demo_context.call(list_invitees, meeting)
    surname = max({r.name[0] for r in rows}, key=lambda s: sum(r.name.startswith(s) for r in rows))
    sign_in = SignInWindow(demo_context, meeting)
    qtbot.addWidget(sign_in)
    sign_in.show()
    sign_in.input.insert(surname)
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    assert sign_in.choices.isVisible() and sign_in.choices.count() > 1
    qtbot.keyClick(sign_in.choices, Qt.Key.Key_Down)
    chosen = sign_in.choices.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(sign_in.choices, Qt.Key.Key_Return)
    assert chosen.name in sign_in.result.text() and "签到成功" in sign_in.result.text()


def test_reply_sheet_round_trip(qtbot, window, demo_context, tmp_path, monkeypatch, message_log):
    from ui.dialogs.import_preview import ImportPreviewDialog

    tab = window.invitees_tab
    people = [p.id for p in demo_context.call(load_people)[:3]]
    for person_id in people:
        demo_context.call(invite, window.meeting_id, person_id)
    window.changed()
    sheet_path = tmp_path / "回执.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(sheet_path), ""))
    when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox)
    tab.export_reply_sheet()
    qtbot.waitUntil(sheet_path.exists, timeout=15000)
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    first = next(r for r in range(1, sheet.max_row + 1) if isinstance(sheet.cell(r, 9).value, int))
    sheet.cell(first, 5).value = "确认"
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["heading"] = dialog.counts.text()
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog)
    tab.import_replies()
    qtbot.waitUntil(lambda: "heading" in seen, timeout=15000)
    assert "更新 1" in seen["heading"] and message_log.texts("inform")[-1] == "已更新 1 人的回复状态。"
    assert sum(r.invite_status == "已确认" for r in window.invitees) == 1
