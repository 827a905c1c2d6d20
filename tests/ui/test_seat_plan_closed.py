"""The 座次 tab of a cancelled or archived meeting: the plan is shown with the reason, nothing changes it —
not the buttons, a drag, Space, Delete or Ctrl+Z — and it is editable again once the meeting is reopened."""

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from models.services.meetings import change_meeting_status
from models.vocab import MeetingStatus
from tests.screenshots import save_screenshot
from tests.ui import test_meeting_day
from tests.ui.conftest import settle
from tests.ui.test_seat_plan_tab import open_tab
from ui.operations import run_command
from ui.widgets.seat_map import MIME, seat_payload

meeting_window = test_meeting_day.meeting_window  # the fixture: a meeting in 筹备中, 59 invited
WAIT = 30000


def move_to(qtbot, window, context, *statuses: str) -> None:
    """As the status buttons do: one command per step, each reloads the window."""
    for status in statuses:
        version = window.meeting.version
        run_command(context, window, lambda s, status=status, v=version: change_meeting_status(
            s, window.meeting_id, status, expected_version=v))
        qtbot.waitUntil(lambda status=status: window.meeting.status == status, timeout=WAIT)
        settle(qtbot, context)


@pytest.mark.parametrize("steps", [(MeetingStatus.CANCELLED,), (MeetingStatus.HELD, MeetingStatus.ARCHIVED)],
                         ids=["cancelled", "archived"])
def test_a_closed_meetings_plan_is_read_only_with_the_reason(qtbot, meeting_window, demo_context, message_log,
                                                             steps):
    window, context = meeting_window, demo_context
    tab, _host = open_tab(qtbot, window, context)
    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)
    tab.save()
    settle(qtbot, context)
    assert not tab.dirty() and tab.closed is None and not tab.closed_notice.isVisible()
    plan = dict(tab.state.occupant)
    a, b = sorted(plan)[5:7]

    move_to(qtbot, window, context, *steps)
    status = steps[-1]
    assert tab.closed == status and tab.closed_notice.isVisible()
    assert f"会议状态为“{status}”，座次只能查看" in tab.closed_notice.text()
    editing = (tab.template_combo, tab.adjust_button, tab.auto_button, tab.lock_button, tab.clear_button,
               tab.undo_button, tab.redo_button, tab.save_button)
    assert not any(w.isEnabled() for w in editing)
    assert tab.map.dragMode() == QGraphicsView.DragMode.NoDrag and not tab.map.acceptDrops()
    assert not tab.unseated.dragEnabled() and not tab.unseated.acceptDrops()
    save_screenshot(window, f"1366x768-meeting_window-seat_plan-{status}")

    qtbot.mouseClick(tab.auto_button, Qt.MouseButton.LeftButton)  # a disabled button: nothing, and no question
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert message_log.texts("confirm") == []
    # a drag of seat b onto seat a, as Qt delivers it to the view: not accepted, nothing moves
    mime = QMimeData()
    mime.setData(MIME, seat_payload(b).encode())
    target = tab.map.mapFromScene(tab.map.items_by_number[a].scenePos())
    enter = QDragEnterEvent(target, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.map.viewport(), enter)
    QApplication.sendEvent(tab.map.viewport(), QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime,
                                                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert not tab.drop(seat_payload(b), a)  # what a drop ends in, had one slipped through
    assert f"会议状态为“{status}”，不能修改座次" in window.statusBar().currentMessage()
    tab.map.select_seat(a)
    qtbot.keyClick(tab.map, Qt.Key.Key_Space)  # lock
    qtbot.keyClick(tab.map, Qt.Key.Key_Delete)  # unseat
    qtbot.keyClick(tab.map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    tab.toggle_lock()
    tab.auto_seat()
    tab.clear_seats()
    assert tab.state.occupant == plan and not tab.state.locked and tab.undo_stack.count() == 0
    assert message_log.texts("confirm") == [] and not tab.dirty()

    # reopened (已取消 → 筹备中, 已归档 → 已召开): editable again
    reopened = MeetingStatus.PREPARING if status == MeetingStatus.CANCELLED else MeetingStatus.HELD
    move_to(qtbot, window, context, reopened)
    assert tab.closed is None and not tab.closed_notice.isVisible() and tab.auto_button.isEnabled()
    assert tab.map.acceptDrops() and tab.unseated.dragEnabled()
    assert tab.drop(seat_payload(b), a) and tab.save_button.isEnabled() and tab.undo_button.isEnabled()
