"""Screens refresh what concerns them: visible ones at once, hidden ones when shown, closed ones never."""

import gc

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QTabWidget, QWidget

from models.changes import Area, Changes
from ui.watch import AreaWatch, merge

WAIT = 30000


def notice(*areas, ids=None, initiator=None) -> Changes:
    return Changes(frozenset(areas), ids or {}, initiator)


class Screen(QWidget):
    def __init__(self, context, areas, **kwargs):
        super().__init__()
        self.reloads: list[Changes] = []
        self.watch = AreaWatch(self, context, areas, self.reloads.append, **kwargs)


def test_a_visible_screen_reloads_once_for_a_burst_of_notices(qtbot, context):
    screen = Screen(context, {Area.ATTENDANCE})
    qtbot.addWidget(screen)
    screen.show()
    for meeting in (1, 2, 3):
        context.notices.publish(notice(Area.ATTENDANCE, ids={Area.ATTENDANCE: frozenset({meeting})}))
    qtbot.waitUntil(lambda: bool(screen.reloads), timeout=WAIT)
    qtbot.wait(50)
    assert len(screen.reloads) == 1
    assert screen.reloads[0].ids_of(Area.ATTENDANCE) == {1, 2, 3}


def test_other_areas_do_not_reload_it(qtbot, context):
    screen = Screen(context, {Area.VISITS})
    qtbot.addWidget(screen)
    screen.show()
    context.notices.publish(notice(Area.ATTENDANCE))
    qtbot.wait(50)
    assert screen.reloads == []


def test_a_hidden_tab_waits_until_it_is_shown(qtbot, context):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    first, second = Screen(context, {Area.TOPICS}), Screen(context, {Area.TOPICS})
    tabs.addTab(first, "一")
    tabs.addTab(second, "二")
    tabs.show()
    context.notices.publish(notice(Area.TOPICS))
    qtbot.waitUntil(lambda: bool(first.reloads), timeout=WAIT)
    assert second.reloads == [] and second.watch.stale
    tabs.setCurrentWidget(second)
    qtbot.waitUntil(lambda: bool(second.reloads), timeout=WAIT)
    assert not second.watch.stale


def test_relevant_narrows_and_ignore_own_skips_its_own_changes(qtbot, context):
    screen = Screen(context, {Area.ATTENDANCE}, relevant=lambda c: c.touches_record(Area.ATTENDANCE, 7),
                    ignore_own=True)
    qtbot.addWidget(screen)
    screen.show()
    context.notices.publish(notice(Area.ATTENDANCE, ids={Area.ATTENDANCE: frozenset({8})}))
    context.notices.publish(notice(Area.ATTENDANCE, ids={Area.ATTENDANCE: frozenset({7})}, initiator=screen))
    qtbot.wait(50)
    assert screen.reloads == []
    context.notices.publish(notice(Area.ATTENDANCE, ids={Area.ATTENDANCE: frozenset({7})}))
    qtbot.waitUntil(lambda: bool(screen.reloads), timeout=WAIT)


def listeners(context) -> int:
    return context.notices.receivers(SIGNAL("published(PyObject)"))


def test_a_destroyed_screen_drops_its_connection(qtbot, context):
    before = listeners(context)
    screen = Screen(context, {Area.PEOPLE})
    assert listeners(context) == before + 1
    reloads = screen.reloads
    screen.deleteLater()
    qtbot.waitUntil(lambda: listeners(context) == before, timeout=WAIT)
    context.notices.publish(notice(Area.PEOPLE))
    qtbot.wait(50)
    assert reloads == []


def test_a_screen_python_lets_go_of_is_destroyed_without_errors(qtbot, context):
    """The screen's last events reach the watch after Shiboken has emptied it (it used to raise AttributeError
    in the Qt event loop, which failed whichever test was running)."""
    screen = QWidget()
    AreaWatch(screen, context, {Area.PEOPLE}, lambda _changes: None)
    screen.show()
    qtbot.waitExposed(screen)
    del screen  # the last reference: the widget is destroyed now, while still shown
    gc.collect()
    qtbot.wait(10)


def test_merged_notices_keep_ids_only_where_every_notice_knew_them():
    a = notice(Area.ATTENDANCE, Area.MEETINGS, ids={Area.ATTENDANCE: frozenset({1}), Area.MEETINGS: frozenset({1})})
    b = notice(Area.ATTENDANCE, ids={Area.ATTENDANCE: frozenset({2})})
    c = notice(Area.MEETINGS)
    merged = merge([a, b, c])
    assert merged.areas == {Area.ATTENDANCE, Area.MEETINGS}
    assert merged.ids_of(Area.ATTENDANCE) == {1, 2}
    assert merged.ids_of(Area.MEETINGS) == frozenset()  # c did not know: "any meeting"
    assert merged.touches_record(Area.MEETINGS, 99)
    assert merge([a, Changes.all()]).everything
