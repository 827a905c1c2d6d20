"""A change reloads only the screens it concerns, and closed windows cost nothing: what the issue measured
(a check-in reloaded every page; ten closed meeting windows tripled its statements)."""

from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from models.changes import Area, Changes
from models.services.invitees import invite_people, people_by_rule, record_reply
from models.services.meeting_queries import list_meetings
from models.services.people_list import PeopleFilter
from tests.ui.conftest import db_call, settle
from ui.views.pages import PAGES


@contextmanager
def counted_statements(database):
    seen = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


@pytest.fixture
def app_window(qtbot, demo_launcher):
    """The whole app on demo data with every page built, as after a morning of work."""
    window, context = demo_launcher.window, demo_launcher.context
    for spec in PAGES:
        window.show_page(spec.key)
        settle(qtbot, context)
    window.show_page("meetings")
    settle(qtbot, context)
    return window


def watches(window) -> dict:
    """Every AreaWatch of the pages (their tabs included), by the widget's class name."""
    from ui.watch import AreaWatch

    found = {}
    for key, page in window.pages.items():
        for watch in page.findChildren(AreaWatch):
            found[f"{key}/{type(watch.widget).__name__}"] = watch
    return found


def prepared_meeting(qtbot, window) -> int:
    """A new meeting with the 40 常委 invited."""
    from datetime import timedelta

    from models.clock import now
    from models.services import lookups
    from models.services.meetings import MeetingData, save_meeting

    context = window.context
    fmt = next(v.id for v in db_call(context, lookups.list_values, "meeting_format") if v.code == "bimonthly")
    data = MeetingData(fmt, "“推进老旧小区改造”专题双月协商会", now() + timedelta(days=1))
    meeting = db_call(context, save_meeting, data)
    db_call(context, invite_people, meeting, db_call(context, people_by_rule, PeopleFilter(role="常委")))
    context.notices.publish(Changes(frozenset({Area.MEETINGS, Area.ATTENDANCE}),
                                    {Area.MEETINGS: frozenset({meeting}), Area.ATTENDANCE: frozenset({meeting})}))
    settle(qtbot, context)
    return meeting


def open_sign_in(qtbot, window, meeting: int):
    meeting_window = window.page("meetings").open_meeting(meeting)
    settle(qtbot, window.context)
    meeting_window.open_sign_in()
    sign_in = meeting_window.sign_in
    sign_in.day_confirmed = True  # the meeting is tomorrow: signing in today was confirmed once, as at the door
    settle(qtbot, window.context)
    return meeting_window, sign_in


def check_in_next(qtbot, window, sign_in) -> int:
    """Sign the next person in at the door; the statements it cost until every screen has settled."""
    row = next(r for r in sign_in.rows if not r.checked_in)
    before = sign_in.recent.count()  # one line per person signed in
    with counted_statements(window.context.database) as statements:
        sign_in.check_in_row(row)
        qtbot.waitUntil(lambda: sign_in.recent.count() == before + 1, timeout=30000)
        settle(qtbot, window.context)
    return len(statements)


def test_a_check_in_reloads_neither_research_topics_recommendations_nor_statistics(qtbot, app_window):
    meeting = prepared_meeting(qtbot, app_window)
    _meeting_window, sign_in = open_sign_in(qtbot, app_window, meeting)
    before = {name: (watch.reloads, watch.stale) for name, watch in watches(app_window).items()}
    check_in_next(qtbot, app_window, sign_in)
    after = {name: (watch.reloads, watch.stale) for name, watch in watches(app_window).items()}
    unaffected = [name for name in before if name.split("/")[0] in ("research", "topics", "recommendations",
                                                                       "members")]
    assert unaffected and all(after[name] == before[name] for name in unaffected), {
        name: (before[name], after[name]) for name in unaffected if after[name] != before[name]}
    # the statistics count attendance: hidden, it waits until it is shown, and reloads then, once
    stats = [name for name in before if name.startswith("statistics/StatisticsPage")]
    assert stats and all(after[name][0] == before[name][0] and after[name][1] for name in stats)
    # the meetings list, visible, refreshes that one meeting's counts
    assert after["meetings/MeetingsPage"][0] == before["meetings/MeetingsPage"][0] + 1


def test_closed_meeting_windows_cost_a_check_in_nothing(qtbot, app_window):
    meeting = prepared_meeting(qtbot, app_window)
    meeting_window, sign_in = open_sign_in(qtbot, app_window, meeting)
    first = check_in_next(qtbot, app_window, sign_in)
    page = app_window.page("meetings")
    other = db_call(app_window.context, list_meetings)[1].id
    for _ in range(10):  # open and close another meeting's window ten times
        extra = page.open_meeting(other)
        settle(qtbot, app_window.context)
        extra.close()
        qtbot.waitUntil(lambda: other not in {k for k, w in page.windows.items() if _alive(w)}, timeout=30000)
    settle(qtbot, app_window.context)
    again = check_in_next(qtbot, app_window, sign_in)
    assert again == first, (first, again)
    assert meeting_window.counts().present == 2


def test_a_change_in_one_window_shows_in_another(qtbot, app_window):
    """Two windows on one meeting (two colleagues at their desks): a reply recorded in one shows in the other."""
    meeting = prepared_meeting(qtbot, app_window)
    page = app_window.page("meetings")
    first = page.open_meeting(meeting)
    settle(qtbot, app_window.context)
    from ui.views.meeting_window import MeetingWindow

    second = MeetingWindow(app_window.context, meeting)
    second.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(second)
    second.show()
    settle(qtbot, app_window.context)
    row = first.invitees[0]
    from ui.operations import run_command

    run_command(app_window.context, first, lambda s: record_reply(s, row.attendance_id, "已确认"))
    settle(qtbot, app_window.context)
    assert next(r for r in second.invitees if r.attendance_id == row.attendance_id).invite_status == "已确认"
    listed = next(m for m in page.model.rows if m.id == meeting)
    assert listed.confirmed == 1  # and the list of meetings counts it


def _alive(widget) -> bool:
    from ui.tasks import alive

    return alive(widget)
