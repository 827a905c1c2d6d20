"""参会证 printed by a SELECT-only account on a real PostgreSQL server: the 入场码 key was made by the editor's
opening, so the viewer's cards carry codes the door accepts and nothing is written; a database without a key
(not opened by an editor since this version) says in Chinese what to do, without a traceback."""

from models.printing import SheetKind
from models.services.entry_codes import NO_SECRET_FOR_VIEWER, find_by_code
from models.services.meeting_queries import list_invitees
from tests.models.page_images import qr_codes
from tests.models.test_server_connect import _write_counters as table_digest
from tests.server_roles import admin_sql, database_name
from tests.ui.conftest import db_call, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.test_meeting_day import pdf_text, print_dialog, save_pdf
from tests.ui.test_read_only_account import NAMES, viewer  # noqa: F401 - a fixture
from ui.main_window import MainWindow

WAIT = 30000


def _meeting_window(qtbot, context, meeting_id):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.database_opened()
    settle(qtbot, context)
    meetings = window.page("meetings")
    window.show_page("meetings")
    qtbot.waitUntil(lambda: meetings.model.rowCount() == 1, timeout=WAIT)
    meeting_window = meetings.open_meeting(meeting_id)
    qtbot.addWidget(meeting_window)
    qtbot.waitUntil(lambda: len(meeting_window.invitees) == len(NAMES), timeout=WAIT)
    settle(qtbot, context)
    return meeting_window


def test_a_viewer_prints_entry_cards_whose_codes_the_door_accepts(qtbot, viewer, tmp_path,  # noqa: F811
                                                                  monkeypatch, message_log):
    context, meeting_id, url = viewer
    with SQL_GUARD.outside_app():
        before = table_digest(url)
    meeting_window = _meeting_window(qtbot, context, meeting_id)
    pdf = tmp_path / "参会证.pdf"
    save_pdf(qtbot, print_dialog(qtbot, meeting_window, SheetKind.ENTRY_CARDS), pdf, monkeypatch)
    assert all(name in pdf_text(pdf).replace(" ", "") for name in NAMES)
    codes = qr_codes(pdf, "viewer_cards")[0]
    found = db_call(context, lambda s: [find_by_code(s, meeting_id, code) for code in codes])
    invitations = db_call(context, lambda s: [row.attendance_id for row in list_invitees(s, meeting_id)])
    assert sorted(found) == sorted(invitations)  # one card each, every code accepted at the door
    assert not message_log.texts("warn")
    with SQL_GUARD.outside_app():
        assert table_digest(url) == before  # the viewer wrote nothing (the key was there already)


def test_a_viewer_without_a_key_is_told_in_chinese_what_to_do(qtbot, viewer, tmp_path, monkeypatch,  # noqa: F811
                                                              message_log):
    context, meeting_id, url = viewer
    with SQL_GUARD.outside_app():  # a database from before: no editor opened it since
        admin_sql(["DELETE FROM app_setting WHERE key = 'entry_code_secret'"], database_name(url))
    meeting_window = _meeting_window(qtbot, context, meeting_id)
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "x.pdf"), ""))
    print_dialog(qtbot, meeting_window, SheetKind.ENTRY_CARDS).save_pdf()
    qtbot.waitUntil(lambda: NO_SECRET_FOR_VIEWER in message_log.texts("warn"), timeout=WAIT)
    settle(qtbot, context)
    assert not (tmp_path / "x.pdf").exists()
