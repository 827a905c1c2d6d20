"""The 座次 tab, driven as a user does: the meeting of test_meeting_day (常委, 医药卫生 and three 特邀 guests,
every tenth on leave) seated automatically at a 回字形 table, two members swapped by dragging, undo/redo,
a locked seat kept on re-seating and refusing a drop, 保存座次 storing each invitee's seat number, a
reply after seating shown as an issue while the unsaved edit stays, and closing with unsaved changes."""

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from models.changes import Area, Changes
from models.seat_layouts import LayoutKind, LayoutSpec
from models.seat_order import takes_a_seat
from models.services.invitees import record_reply, update_invitee
from models.services.meeting_queries import list_invitees
from tests.screenshots import save_screenshot
from tests.ui import test_meeting_day
from tests.ui.conftest import db_call, settle
from ui import messages
from ui.widgets.seat_map import MIME, seat_payload

meeting_window = test_meeting_day.meeting_window  # the fixture: that meeting, 59 invited
HOLLOW = LayoutSpec(LayoutKind.HOLLOW, head=9, sides=22, foot=9)  # 62 seats: everyone who comes


def open_tab(qtbot, window, context):
    """The 座次 tab at a 回字形 room big enough for the meeting, the host set first."""
    host = next(r for r in window.invitees if r.role == "出席" and not r.on_leave)
    db_call(context, update_invitee, host.attendance_id, role="主持", expected_version=host.version)
    context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))
    settle(qtbot, context)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=30000)  # shortcuts (Ctrl+Z …) go to the active window
    window.tabs.setCurrentWidget(window.seat_tab)
    tab = window.seat_tab
    qtbot.waitUntil(lambda: tab.state.layout is not None, timeout=30000)
    tab.set_room("三楼回字形", HOLLOW)
    settle(qtbot, context)
    return tab, host


def row_of(window, attendance_id):
    return next(r for r in window.invitees if r.attendance_id == attendance_id)


def two_members(tab, window):
    """Two 委员/常委 seats side by side on the long sides (neither the host nor a guest)."""
    seats = [n for n, a in sorted(tab.state.occupant.items()) if row_of(window, a).role == "出席"]
    return seats[5], seats[6]


def test_auto_seat_swap_undo_lock_and_save(qtbot, meeting_window, demo_context, message_log):
    window, context = meeting_window, demo_context
    tab, host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    occupant = dict(tab.state.occupant)
    seated = [r for r in window.invitees if takes_a_seat(r)]
    assert len(window.invitees) >= 55 and len(occupant) == len(seated)  # everyone who comes has a seat
    assert occupant[1] == host.attendance_id  # the most honoured seat: the host
    head = {s.number for s in tab.state.layout.seats if s.head}
    guests = {r.attendance_id for r in window.invitees if r.role == "特邀" and not r.on_leave}
    assert guests <= {occupant[s] for s in head}  # the 特邀 leaders sit at the head
    on_leave = [r for r in window.invitees if r.on_leave]
    assert on_leave and not {r.attendance_id for r in on_leave} & set(occupant.values())
    assert tab.unseated.count() == 0 and tab.dirty()

    a, b = two_members(tab, window)
    tab.drop(seat_payload(a), b)  # what the map's dropEvent ends in
    assert (tab.state.occupant[a], tab.state.occupant[b]) == (occupant[b], occupant[a])
    assert tab.map.items_by_number[a].cell.name == row_of(window, occupant[b]).name
    qtbot.keyClick(tab.map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert tab.state.occupant == occupant
    qtbot.keyClick(tab.map, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Y
    assert tab.state.occupant[a] == occupant[b]
    tab.undo_stack.undo()
    qtbot.keyClick(tab.map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tab.state.occupant[a] == occupant[b]  # Ctrl+Shift+Z redoes too

    # a synthetic drop of seat b's name onto seat a, as Qt delivers it to the view: swapped back
    mime = QMimeData()
    mime.setData(MIME, seat_payload(b).encode())
    target = tab.map.mapFromScene(tab.map.items_by_number[a].scenePos())
    enter = QDragEnterEvent(target, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.map.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.map.viewport(), drop)
    assert tab.state.occupant == occupant
    tab.drop(seat_payload(a), b)  # and once more, to keep the swap

    # lock seat a (selected, Space), re-seat: it keeps its swapped occupant; a drop onto it is refused
    tab.map.select_seat(a)
    qtbot.keyClick(tab.map, Qt.Key.Key_Space)
    assert a in tab.state.locked and tab.map.items_by_number[a].cell.locked
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    assert "重新自动排座吗？" in message_log.texts("confirm")[-1]  # an arrangement exists: asked first
    assert tab.state.occupant[a] == occupant[b]
    moved = dict(tab.state.occupant)
    assert not tab.drop(seat_payload(1), a)
    assert "已锁定" in window.statusBar().currentMessage()
    assert tab.state.occupant == moved

    qtbot.keyClick(tab.map, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    settle(qtbot, context)
    assert any("已保存座次" in t for t in message_log.texts("saved")) and not tab.dirty()
    stored = {r.attendance_id: r.seat_no for r in db_call(context, list_invitees, window.meeting_id)}
    assert {int(seat): a_id for a_id, seat in stored.items() if seat} == moved
    assert all(stored[r.attendance_id] == "" for r in on_leave)
    assert a in tab.state.locked  # the lock was saved and read back
    save_screenshot(window, "1366x768-meeting_window-seat_plan")


def test_a_reply_after_seating_keeps_the_edit_and_shows_the_seat(qtbot, meeting_window, demo_context, message_log):
    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    tab.save()
    settle(qtbot, context)
    a, b = two_members(tab, window)
    leaving = tab.state.occupant[b]
    tab.drop(seat_payload(a), b)  # unsaved: b's person now sits at a
    db_call(context, record_reply, leaving, "请假", leave_reason="因公出差")
    context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))  # as another PC's reply arrives
    settle(qtbot, context)
    assert tab.dirty() and tab.state.occupant[a] == leaving  # the edit stayed
    reasons = {(i.seat, i.reason) for i in tab.issues}
    assert (a, "请假") in reasons
    assert tab.map.items_by_number[a].cell.issue
    shown = [tab.issue_list.item(i).text() for i in range(tab.issue_list.count())]
    assert any(text.startswith(f"{a} 号") and "请假" in text for text in shown)
    tab.issue_list.itemClicked.emit(tab.issue_list.item(0))
    assert tab.map.selected_seats() == [tab.issue_list.item(0).data(Qt.ItemDataRole.UserRole)]
    save_screenshot(window, "1366x768-meeting_window-seat_plan-issue")


def test_closing_with_an_unsaved_plan_asks(qtbot, meeting_window, demo_context, message_log):
    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    message_log.discard_answer = messages.KEEP_EDITING
    window.close()
    assert window.isVisible() and "座次" in message_log.texts("ask_discard")[-1]
    message_log.discard_answer = messages.DISCARD
    window.close()
    assert not window.isVisible()


def test_a_swap_among_400_seats_repaints_two_seats(qtbot, meeting_window, demo_context, message_log, monkeypatch):
    """Dragging stays cheap at 400 seats: a swap updates the two seat items, not the scene."""
    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    tab.set_room("大会堂", LayoutSpec(LayoutKind.PLATFORM, head=20, rows=20, per_row=20))
    assert len(tab.map.items_by_number) == 420
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    a, b = two_members(tab, window)
    updated = []
    from ui.widgets import seat_map

    original = seat_map.SeatItem.set_cell

    def counted(item, cell):
        if cell != item.cell:
            updated.append(item.number)
        original(item, cell)

    monkeypatch.setattr(seat_map.SeatItem, "set_cell", counted)
    tab.drop(seat_payload(a), b)
    assert sorted(updated) == sorted((a, b))


def test_a_new_invitee_is_seated_from_the_list_and_a_seat_dragged_back_unseats(qtbot, meeting_window, demo_context,
                                                                               message_log):
    from models.services.invitees import invite
    from models.services.people_list import load_people

    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    tab.save()
    settle(qtbot, context)
    invited = {r.person_id for r in window.invitees}
    newcomer = next(p for p in db_call(context, load_people) if p.id not in invited)
    db_call(context, invite, window.meeting_id, newcomer.id)
    context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))
    settle(qtbot, context)
    row = next(r for r in window.invitees if r.person_id == newcomer.id)
    assert [(i.attendance_id, i.reason) for i in tab.issues] == [(row.attendance_id, "新增人员未安排座位")]
    assert tab.unseated.count() == 1
    tab.issue_list.itemClicked.emit(tab.issue_list.item(0))  # the issue points at the person in the list
    assert tab.unseated.currentItem().data(Qt.ItemDataRole.UserRole) == row.attendance_id

    # dragged from 未安排座位 (the list's own drag data) onto the first empty seat
    empty = next(n for n in tab.state.layout.numbers if n not in tab.state.occupant)
    mime = tab.unseated.mimeData([tab.unseated.item(0)])
    assert tab.drop(bytes(mime.data(MIME)).decode(), empty)
    assert tab.state.occupant[empty] == row.attendance_id and tab.unseated.count() == 0 and not tab.issues

    # a seat dragged onto the list leaves its person without a seat, as Qt delivers the drop to the list
    mime = QMimeData()
    mime.setData(MIME, seat_payload(empty).encode())
    at = tab.unseated.viewport().rect().center()
    QApplication.sendEvent(tab.unseated.viewport(), QDragEnterEvent(
        at, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(tab.unseated.viewport(), QDropEvent(
        QPointF(at), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert empty not in tab.state.occupant and tab.unseated.count() == 1
    tab.undo_stack.undo()
    assert tab.state.occupant[empty] == row.attendance_id


def test_a_plan_saved_meanwhile_elsewhere_is_a_conflict(qtbot, meeting_window, demo_context, message_log):
    from models.services.seat_plans import get_seat_plan, seat_automatically

    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    a, b = two_members(tab, window)
    tab.drop(seat_payload(a), b)
    mine = dict(tab.state.occupant)
    db_call(context, seat_automatically, window.meeting_id, HOLLOW, "同事的布置")  # another PC, no notice here
    message_log.confirm_answer = False  # 保留我的调整
    tab.save()
    settle(qtbot, context)
    assert any("座次已在另一窗口或由另一位同事修改并保存" in t for t in message_log.texts("confirm"))
    assert tab.dirty() and tab.state.occupant == mine  # kept, and now saved over theirs on request
    tab.save()
    settle(qtbot, context)
    assert not tab.dirty()
    assert db_call(context, get_seat_plan, window.meeting_id).occupant == mine


def test_layout_dialog_previews_saves_and_deletes_templates(qtbot, meeting_window, demo_context, message_log):
    from models.services.seat_plans import list_layout_templates
    from tests.ui.modal import click_button, when_modal
    from ui.dialogs.seat_layout_dialog import SeatLayoutDialog

    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    seated = dict(tab.state.occupant)

    def adjust(dialog: SeatLayoutDialog) -> None:
        dialog.kind.setCurrentIndex(list(LayoutKind).index(LayoutKind.ROUND))
        assert not dialog.counts["head"].isVisible() and dialog.counts["tables"].isVisible()
        dialog.counts["tables"].setValue(5)
        dialog.counts["per_table"].setValue(12)
        assert len(dialog.preview.items_by_number) == 60 and "共 60 座" in dialog.description.text()
        dialog.counts["per_table"].setValue(30)  # more than a round table holds: said, no preview
        assert "每桌座位数" in dialog.description.text() and not dialog.preview.items_by_number
        dialog.counts["per_table"].setValue(12)
        dialog.name.setText("委员之家圆桌")
        dialog.save_template()
        qtbot.waitUntil(lambda: dialog.save_template_button.isEnabled(), timeout=30000)
        settle(qtbot, context)
        click_button(dialog, "使用此布置")

    when_modal(adjust, kind=SeatLayoutDialog)
    qtbot.mouseClick(tab.adjust_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    names = [name for name, _spec in db_call(context, list_layout_templates)]
    assert "委员之家圆桌" in names and "已保存座次模板“委员之家圆桌”。" in message_log.texts("saved")
    assert tab.state.layout.spec.kind == LayoutKind.ROUND and tab.state.template_name == "委员之家圆桌"
    assert tab.template_combo.currentText() == "委员之家圆桌"
    assert tab.state.occupant == seated  # seat numbers 1…60 exist at the round tables too: everyone kept
    tab.undo_stack.undo()
    assert tab.state.layout.spec == HOLLOW

    def delete(dialog: SeatLayoutDialog) -> None:
        dialog.name.setText("委员之家圆桌")
        dialog.delete_template()
        settle(qtbot, context)
        click_button(dialog, "取消")

    when_modal(delete, kind=SeatLayoutDialog)
    qtbot.mouseClick(tab.adjust_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert "委员之家圆桌" not in [name for name, _spec in db_call(context, list_layout_templates)]
    assert tab.state.layout.spec == HOLLOW  # cancelled: the room stays


def test_the_hidden_tab_reads_its_plan_only_when_shown(qtbot, meeting_window, demo_context, message_log,
                                                       monkeypatch):
    """A check-in at the door reloads the meeting window; the 座次 tab behind it reads nothing until shown."""
    from ui.views import seat_plan_tab

    window, context = meeting_window, demo_context
    reads = []
    real = seat_plan_tab.get_seat_plan
    monkeypatch.setattr(seat_plan_tab, "get_seat_plan", lambda s, m: reads.append(m) or real(s, m))
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.invitees_tab)
    context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))
    settle(qtbot, context)
    assert reads == [] and window.seat_tab.state.layout is None
    window.tabs.setCurrentWidget(window.seat_tab)
    settle(qtbot, context)
    tab = window.seat_tab
    assert reads == [window.meeting_id] and tab.state.layout is not None
    # no plan saved yet: everyone who comes is in 未安排座位, and nobody is an issue as "新增人员"
    assert tab.unseated.count() == sum(1 for r in window.invitees if takes_a_seat(r)) and tab.issues == ()


def test_a_view_only_account_sees_the_plan_and_cannot_change_it(qtbot, meeting_window, demo_context,
                                                                 message_log):
    from ui.read_only import is_locked

    window, context = meeting_window, demo_context
    tab = window.seat_tab
    context.database.read_only = True  # as models/server.py marks a SELECT-only account
    context.database_switched.emit()
    buttons = (tab.adjust_button, tab.auto_button, tab.lock_button, tab.clear_button, tab.save_button)
    assert all(is_locked(b) and not b.isEnabled() for b in buttons)
    context.database.read_only = False
    context.database_switched.emit()
    assert not any(is_locked(b) for b in buttons) and tab.auto_button.isEnabled()


def test_a_long_template_name_does_not_widen_the_window_past_a_1366_screen(qtbot, meeting_window, demo_context,
                                                                             message_log):
    from models.services.seat_plans import TEMPLATE_NAME_MAX, save_layout_template

    long_name = ("区政协机关办公楼三楼第一会议室回字形布置" * 3)[:TEMPLATE_NAME_MAX]
    db_call(demo_context, save_layout_template, long_name, HOLLOW)
    tab, _host = open_tab(qtbot, meeting_window, demo_context)
    tab.set_room(long_name, HOLLOW)
    settle(qtbot, demo_context)
    combo = tab.template_combo
    assert combo.findText(long_name) >= 0
    assert meeting_window.minimumSizeHint().width() <= 1366 and combo.sizeHint().width() < 400
    assert combo.currentText() == long_name and long_name in combo.toolTip()  # whole, on hover
    save_screenshot(meeting_window, "1366x768-seat_plan-long_template_name")
