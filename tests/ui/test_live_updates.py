"""Two PCs on one office database (two app contexts, each with its own Database, executor and notices): a
check-in or an edit on one shows on the other within 3 s without a manual refresh, and a save from a stale
screen is refused with 保存冲突. On PostgreSQL through LISTEN/NOTIFY, on a SQLite file through its
data_version (ui/live_updates.py)."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from models.changes import Changes
from models.paths import resolve_paths
from models.services.common import meeting_format_id
from models.services.invitees import check_in, invite
from models.services.meeting_queries import get_meeting
from models.services.meetings import MeetingData, save_meeting
from models.services.people import PersonData, save_person
from tests.screenshots import save_screenshot
from tests.two_clients import pg_template_fixture, two_clients_fixture  # noqa: F401 - fixtures
from tests.ui.conftest import db_call, settle
from tests.ui.guards import SQL_GUARD
from ui.context import AppContext
from ui.operations import run_command
from ui.views.meeting_window import MeetingWindow
from ui.window_state import open_settings

WITHIN_MS = 3000  # what the issue asks: another PC's save shows within 3 s


@pytest.fixture
def shared_meeting(two_clients):
    """A meeting with one invitee, saved through the first client before the app starts."""
    a, _b = two_clients
    with SQL_GUARD.outside_app(), a.session() as session:
        meeting_id = save_meeting(session, MeetingData(meeting_format_id(session, "bimonthly"), "提升城区绿色发展水平",
                                                       datetime(2027, 5, 20, 14, 30), venue="区政协三楼会议室"))
        invite(session, meeting_id, save_person(session, PersonData(name="林晓")))
    return meeting_id


@pytest.fixture
def two_pcs(qtbot, tmp_path, two_clients):
    """Two running apps, one per client, each as the app has it once a database is open."""
    contexts = []
    with SQL_GUARD.running():
        for name, database in zip(("a", "b"), two_clients, strict=True):
            paths = resolve_paths(tmp_path / f"pc-{name}")
            paths.ensure()
            context = AppContext(paths, None, open_settings(paths.settings_file))
            context.set_database(database)
            contexts.append(context)
        yield contexts
        for context in contexts:
            context.wait_idle()
    for context in contexts:
        context.shutdown()


def open_window(qtbot, context, meeting_id: int) -> MeetingWindow:
    window = MeetingWindow(context, meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.meeting is not None, timeout=30000)
    settle(qtbot, context)
    return window


def test_a_check_in_and_an_edit_on_one_pc_show_on_the_other(qtbot, two_pcs, shared_meeting, message_log):
    pc_a, pc_b = two_pcs
    on_a, on_b = open_window(qtbot, pc_a, shared_meeting), open_window(qtbot, pc_b, shared_meeting)
    assert not on_b.invitees[0].checked_in
    on_b.info_tab.form.venue.setText("区政协五楼会议室")  # B starts an edit it has not saved yet

    run_command(pc_a, on_a, lambda s: check_in(s, on_a.invitees[0].attendance_id))  # at the door, on A
    qtbot.waitUntil(lambda: on_b.invitees[0].checked_in, timeout=WITHIN_MS)
    on_b.tabs.setCurrentWidget(on_b.invitees_tab)
    on_b.resize(1366, 700)
    save_screenshot(on_b, f"live-check-in-on-the-other-pc-{pc_b.database.engine.dialect.name}")
    on_b.tabs.setCurrentIndex(0)

    on_a.info_tab.form.venue.setText("区行政中心一楼报告厅")
    on_a.info_tab.save()
    qtbot.waitUntil(lambda: on_b.meeting.venue == "区行政中心一楼报告厅", timeout=WITHIN_MS)
    assert on_b.info_tab.form.venue.text() == "区政协五楼会议室"  # what B types is kept meanwhile

    on_b.info_tab.save()  # from the version B read before A's edit
    qtbot.waitUntil(lambda: any("已被他人修改" in text for text in message_log.texts("warn")), timeout=30000)
    settle(qtbot, pc_b)
    assert db_call(pc_b, get_meeting, shared_meeting).venue == "区行政中心一楼报告厅"
    assert not [text for text in message_log.texts() if "已保存" in text and "五楼" in text]


def test_own_saves_are_not_announced_twice(qtbot, two_pcs, shared_meeting):
    """The notice of A's own check-in comes from A's command; A's listener or poll adds none."""
    pc_a, pc_b = two_pcs
    on_a, on_b = open_window(qtbot, pc_a, shared_meeting), open_window(qtbot, pc_b, shared_meeting)
    before_a, before_b = pc_a.notices.count, pc_b.notices.count
    run_command(pc_a, on_a, lambda s: check_in(s, on_a.invitees[0].attendance_id))
    qtbot.waitUntil(lambda: pc_b.notices.count > before_b, timeout=WITHIN_MS)
    qtbot.waitUntil(lambda: on_b.invitees[0].checked_in, timeout=WITHIN_MS)
    settle(qtbot, pc_a)
    # A's listener heard its own notification and skipped it; on a file, two more polls on A find nothing new
    live, polls = pc_a.live, pc_a.live.polls
    qtbot.waitUntil(lambda: live.listener.own >= 1 if live.listener else live.polls >= polls + 2, timeout=30000)
    settle(qtbot, pc_a)
    assert pc_a.notices.count == before_a + 1


def test_another_database_stops_the_old_listener_and_closing_stops_all(qtbot, two_pcs, tmp_path):
    pc_a, _pc_b = two_pcs
    live, old = pc_a.live, pc_a.database
    listener = live.listener
    from models.migrate import open_database
    from models.paths import sqlite_url

    other = db_call(pc_a, lambda _s: open_database(sqlite_url(tmp_path / "other.sqlite")).database)
    pc_a.set_database(other)
    assert live.database is other and live.listener is None
    settle(qtbot, pc_a)
    count = pc_a.notices.count
    live.arrived.emit(old, Changes.elsewhere())  # already on its way from the old database: dropped
    assert pc_a.notices.count == count
    live.arrived.emit(other, Changes.elsewhere())
    assert pc_a.notices.count == count + 1
    settle(qtbot, pc_a)
    if listener is not None:  # PostgreSQL: the old database's listener thread ends by itself
        assert listener.join(10)
    pc_a.live.stop()
    assert live.database is None and not live.polling
