"""参会人员 through the real widgets: the 常委会 by rule, the picker that knows who is invited and finds guests
by category, and the 催报名单 that follows replies and prints and exports."""

from datetime import timedelta

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from models.changes import Area, Changes
from models.clock import now
from models.printing import SheetKind
from models.services import lookups
from models.services.chase_list import awaiting_reply
from models.services.invitees import invite_people, people_by_rule, record_reply
from models.services.meeting_queries import list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter, load_people
from models.vocab import STANDING_COMMITTEE, InviteStatus
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button, when_modal
from ui.dialogs.invite_dialogs import InviteRuleDialog
from ui.dialogs.person_picker import PersonPickerDialog
from ui.dialogs.print_dialog import PrintDialog
from ui.views.meeting_invitees_tab import AWAITING
from ui.views.meeting_window import MeetingWindow

WAIT = 30000


@pytest.fixture
def window(qtbot, demo_context):
    fmt = next(v.id for v in db_call(demo_context, lookups.list_values, "meeting_format") if v.code == "bimonthly")
    meeting = db_call(demo_context, save_meeting, MeetingData(fmt, "“推进老旧小区改造”专题双月协商会",
                                                              now() + timedelta(days=20), venue="区政协机关三楼会议室"))
    widget = MeetingWindow(demo_context, meeting)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.tabs.setCurrentWidget(widget.invitees_tab)
    settle(qtbot, demo_context)
    return widget


def written(qtbot, window, work, *args, **kwargs) -> None:
    """A change made elsewhere (another window, an import): the window hears of it as the app would."""
    before = window.invitees
    db_call(window.context, work, *args, **kwargs)
    window.context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))
    qtbot.waitUntil(lambda: window.invitees is not before, timeout=WAIT)
    settle(qtbot, window.context)


def invite_standing_committee(qtbot, window) -> list[int]:
    ids = db_call(window.context, people_by_rule, PeopleFilter(role=STANDING_COMMITTEE))
    written(qtbot, window, invite_people, window.meeting_id, ids)
    return ids


def test_rule_dialog_invites_the_whole_standing_committee(qtbot, window, demo_context, message_log):
    tab, seen = window.invitees_tab, {}

    def act(dialog: InviteRuleDialog) -> None:
        role = dialog.filters.role
        seen["labels"] = [role.itemText(i) for i in range(role.count())]
        seen["tip"] = role.itemData(role.findData("常委"), Qt.ItemDataRole.ToolTipRole)
        counted = dialog.counted
        role.setCurrentIndex(role.findData(STANDING_COMMITTEE))

        def counted_then_add() -> None:
            if dialog.counted == counted or not dialog.buttons.buttons()[0].isEnabled():
                qtbot.wait(20)  # the answer is on its way
                return counted_then_add()
            seen["preview"] = dialog.preview.text()
            save_screenshot(dialog, "1366x700-invite_rule_standing_committee")
            click_button(dialog, "添加")

        counted_then_add()

    when_modal(act, kind=InviteRuleDialog)
    qtbot.mouseClick(tab.rule_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("inform")), timeout=WAIT)
    settle(qtbot, demo_context)
    assert seen["preview"] == "符合条件：47 人"
    assert "常委会组成人员" in seen["labels"] and "常委（仅常委）" in seen["labels"] and "常委" not in seen["labels"]
    assert "不含主席、副主席、秘书长" in seen["tip"]
    assert len(window.invitees) == 47 and "已添加 47 人" in message_log.texts("inform")[-1]
    assert {r.member_role for r in window.invitees} == {"主席", "副主席", "秘书长", "常委"}


def picker(qtbot, window) -> PersonPickerDialog:
    dialog = PersonPickerDialog(window.context, {r.person_id for r in window.invitees}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.searched > 0 and dialog.kind.count() > 3, timeout=WAIT)
    return dialog


def search(qtbot, dialog, text=None, kind_label=None) -> None:
    searched = dialog.searched
    if kind_label is not None:
        dialog.kind.setCurrentIndex(dialog.kind.findText(kind_label))
    if text is not None:
        dialog.search.setText(text)
        dialog.apply_filter()
    qtbot.waitUntil(lambda: dialog.searched > searched and not dialog._timer.isActive(), timeout=WAIT)
    settle(qtbot, dialog.context)


def select_ids(dialog, ids) -> None:
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for position, hit in enumerate(dialog.model.rows):
        if hit.id in ids:
            selection.select(dialog.model.index(position, 0), selection.SelectionFlag.Select |
                             selection.SelectionFlag.Rows)


def test_picker_marks_the_invited_and_never_adds_them_again(qtbot, window, demo_context, message_log):
    standing = invite_standing_committee(qtbot, window)
    chair = next(r for r in window.invitees if r.member_role == "主席")
    dialog = picker(qtbot, window)
    save_screenshot(dialog, "1366x700-person_picker_invited")
    search(qtbot, dialog, chair.name)
    name_column = dialog.model.column_index("name")
    texts = {hit.id: dialog.model.index(i, name_column).data() for i, hit in enumerate(dialog.model.rows)}
    assert texts[chair.person_id] == f"{chair.name}（已邀请）"
    assert "已邀请" in dialog.count.text()
    colour = dialog.model.index(dialog.model.index_of_key(chair.person_id), name_column).data(
        Qt.ItemDataRole.ForegroundRole)
    assert colour is not None  # greyed
    select_ids(dialog, {chair.person_id})
    click_button(dialog, "添加选中的人员")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "已在名单中" in dialog.count.text() and dialog.chosen_ids() == []
    dialog.close()

    # through the tab: one invited and one not chosen together → only the new one is added, without a word
    def choose(picked: PersonPickerDialog) -> None:
        def ready() -> None:
            if picked.searched == 0:
                qtbot.wait(20)
                return ready()
            invited = next(hit.id for hit in picked.model.rows if hit.id in picked.invited_ids)
            new = next(hit.id for hit in picked.model.rows if hit.id not in picked.invited_ids and hit.active)
            select_ids(picked, {invited, new})
            seen.update(invited=invited, new=new, selected=len(picked.chosen()), chosen=picked.chosen_ids())
            click_button(picked, "添加选中的人员")

        ready()

    seen = {}
    when_modal(choose, kind=PersonPickerDialog)
    informed = len(message_log.texts("inform"))
    qtbot.mouseClick(window.invitees_tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(message_log.texts("inform")) > informed, timeout=WAIT)
    settle(qtbot, demo_context)
    assert seen["selected"] == 2 and seen["chosen"] == [seen["new"]]
    assert message_log.texts("inform")[-1] == "已添加 1 人。"  # nothing said about duplicates: none were sent
    assert len(window.invitees) == len(standing) + 1
    assert [r.person_id for r in window.invitees].count(seen["invited"]) == 1


def test_picker_filters_guests_by_category(qtbot, window, demo_context):
    people = db_call(demo_context, load_people)
    categories = {v.name for v in db_call(demo_context, lookups.list_values, "guest_category") if v.active}
    dialog = picker(qtbot, window)
    labels = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert labels[:3] == ["全部人员", "仅委员", "仅嘉宾（全部类别）"]
    assert {label.removeprefix("嘉宾：") for label in labels[3:]} == categories
    search(qtbot, dialog, kind_label="嘉宾：领导")
    leaders = {r.id for r in people if r.guest_category == "领导"}
    assert leaders and {hit.id for hit in dialog.model.rows} == leaders
    assert dialog.count.text() == f"找到 {len(leaders)} 人"
    save_screenshot(dialog, "1366x700-person_picker_guest_leaders")
    search(qtbot, dialog, kind_label="仅嘉宾（全部类别）")
    guests = [r for r in people if r.guest_category_id is not None]
    assert {hit.id for hit in dialog.model.rows} == {r.id for r in guests[:200]}
    assert all(hit.guest_category for hit in dialog.model.rows) and not any(hit.levels for hit in dialog.model.rows)
    search(qtbot, dialog, kind_label="仅委员")
    assert all(hit.levels and not hit.guest_category for hit in dialog.model.rows)
    leader = next(r for r in people if r.guest_category == "领导")
    search(qtbot, dialog, text=leader.name, kind_label="仅委员")
    assert leader.id not in {hit.id for hit in dialog.model.rows}
    search(qtbot, dialog, kind_label="嘉宾：领导")
    assert leader.id in {hit.id for hit in dialog.model.rows}  # the words and the category together


def test_chase_list_follows_replies_prints_and_exports(qtbot, window, demo_context, message_log, tmp_path,
                                                      monkeypatch):
    tab = window.invitees_tab
    invite_standing_committee(qtbot, window)
    rows = db_call(demo_context, list_invitees, window.meeting_id)
    for row in rows[:5]:
        db_call(demo_context, record_reply, row.attendance_id, InviteStatus.CONFIRMED)
    written(qtbot, window, record_reply, rows[5].attendance_id, InviteStatus.LEAVE, leave_reason="因病")
    assert "未回执 41" in tab.counts.text()

    next(a for a in tab.chase_button.menu().actions() if a.text() == "只看未回执的人员").trigger()
    settle(qtbot, demo_context)
    assert tab.status_filter.value() == AWAITING
    assert [r.attendance_id for r in tab.model.rows] == [r.attendance_id for r in awaiting_reply(window.invitees)]
    assert len(tab.model.rows) == 41
    save_screenshot(window, "1366x700-meeting_invitees_chase")

    # a reply recorded in the list takes the person off the 催报名单
    first = tab.model.rows[0]
    tab.table.selectRow(0)
    next(a for a in tab.status_button.menu().actions() if a.text() == "已确认").trigger()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 40, timeout=WAIT)
    assert first.attendance_id not in {r.attendance_id for r in tab.model.rows} and "未回执 40" in tab.counts.text()

    # printed: the menu opens the 催报名单's print dialog, which saves the PDF
    opened = {}
    when_modal(lambda d: (opened.update(kind=d.kind), d.reject()), kind=PrintDialog)
    next(a for a in tab.chase_button.menu().actions() if a.text() == "打印催报名单…").trigger()
    qtbot.waitUntil(lambda: "kind" in opened, timeout=WAIT)
    settle(qtbot, demo_context)
    assert opened["kind"] == SheetKind.CHASE
    dialog = PrintDialog(window, SheetKind.CHASE, {"issuer": "区政协办公室", "even_left": True})
    qtbot.addWidget(dialog)
    target = tmp_path / "催报名单.pdf"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    dialog.save_pdf()
    qtbot.waitUntil(lambda: "text" in done, timeout=WAIT)
    import subprocess

    text = "".join(subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    waiting = awaiting_reply(window.invitees)
    assert "未回执40人" in text and all(r.name.replace("·", "") in text.replace("·", "") for r in waiting)
    assert first.name not in text and rows[0].name not in text

    # exported to Excel: the 40, with phones
    book = tmp_path / "催报名单.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(book), ""))
    done.clear()
    when_modal(lambda box: (done.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    next(a for a in tab.chase_button.menu().actions() if a.text() == "导出催报名单（Excel）…").trigger()
    qtbot.waitUntil(lambda: "text" in done, timeout=WAIT)
    assert "催报名单已保存" in done["text"]
    sheet = openpyxl.load_workbook(book).active
    names = [r[1] for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert names == [r.name for r in waiting]


def test_no_chase_list_when_everyone_replied(qtbot, window, demo_context, message_log):
    ids = db_call(demo_context, people_by_rule, PeopleFilter(role="主席"))
    written(qtbot, window, invite_people, window.meeting_id, ids)
    written(qtbot, window, record_reply, window.invitees[0].attendance_id, InviteStatus.CONFIRMED)
    tab = window.invitees_tab
    assert "未回执" not in tab.counts.text()
    next(a for a in tab.chase_button.menu().actions() if a.text() == "导出催报名单（Excel）…").trigger()
    assert message_log.texts("inform")[-1] == "全部人员均已回执，没有需要催报的人员。"
