"""A SELECT-only account on a real PostgreSQL server: every page opens and lists, a sheet prints and a workbook
exports; 新建/编辑/删除/导入 and the meeting window's editing are off with the reason in their tooltip; a command
tried anyway gets the Chinese message, not a traceback; and nothing at all is written to the database."""

from datetime import datetime

import openpyxl
import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from models.server import open_server
from models.services import lookups
from models.services.invitees import invite_people
from models.services.meetings import create_meeting
from models.services.people import PersonData, create_person
from tests.models.test_server_connect import _write_counters as table_digest
from tests.postgres import fresh_database
from tests.screenshots import save_screenshot
from tests.server_roles import database_name, login_role, url_for
from tests.ui.conftest import _make_context, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import click_button, when_modal
from tests.ui.test_meeting_day import pdf_text, print_dialog, save_pdf
from tests.ui.test_server_connect import as_administrator
from ui.dialogs.person_dialog import PersonDialog
from ui.main_window import MainWindow
from ui.operations import run_command
from ui.read_only import READ_ONLY_TIP, is_locked
from ui.views.pages import PAGES

WAIT = 30000
NAMES = ("王建国", "李秀英", "张伟")


def _office_data(session) -> int:
    people = [create_person(session, PersonData(name=name)) for name in NAMES]
    bimonthly = next(v.id for v in lookups.list_values(session, "meeting_format") if v.name == "双月协商会")
    meeting = create_meeting(session, format_id=bimonthly, title="推进公共文化高质量发展双月协商会",
                             starts_at=datetime(2026, 12, 18, 14, 30), venue="区政协机关三楼会议室")
    invite_people(session, meeting, people)
    return meeting


@pytest.fixture
def viewer(paths):
    """(context, meeting id, server url): the app's context on the office database, as a viewer."""
    with as_administrator(fresh_database()) as url:
        with SQL_GUARD.outside_app():  # the office's editor made the database and entered some data
            editor = open_server(url).database
            with editor.session() as session:
                meeting = _office_data(session)
            editor.dispose()
        with as_administrator(login_role(viewer_of=database_name(url))) as role:
            with SQL_GUARD.outside_app():
                database = open_server(url_for(url, role)).database
            yield from ((context, meeting, url) for context in _make_context(paths, database))


def test_a_viewer_browses_prints_and_exports_and_every_editing_action_is_off(qtbot, viewer, tmp_path, monkeypatch,
                                                                             message_log):
    context, meeting_id, url = viewer
    with SQL_GUARD.outside_app():
        before = table_digest(url)
    assert context.read_only
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.database_opened()
    settle(qtbot, context)
    assert "（只能查看）" in window.windowTitle()
    assert not window.office_name_hint.isVisible()  # 点此填写 the office's name: not for a viewer
    for spec in PAGES:  # every page opens and reads
        window.show_page(spec.key)
        settle(qtbot, context)
    members = window.page("members")
    window.show_page("members")
    qtbot.waitUntil(lambda: members.model.rowCount() == len(NAMES), timeout=WAIT)
    for button in (members.add_button, members.edit_button, members.delete_button, members.import_button,
                   members.merge_button):
        assert is_locked(button) and READ_ONLY_TIP in button.toolTip(), button.text()
    members.table.selectRow(0)  # a selection enables 编辑 for an editor; not here
    settle(qtbot, context)
    assert not members.edit_button.isEnabled()
    save_screenshot(window, "read_only_members")

    # the record opens to be read; its 保存 is off
    seen = {}

    def look(dialog: PersonDialog) -> None:
        saving = [b for b in dialog.findChildren(type(members.add_button)) if b.text() == "保存"]
        seen["save"] = [(b.isEnabled(), b.toolTip()) for b in saving]
        dialog.findChild(QLineEdit).setText("改动")  # nothing can be saved: closing does not ask
        dialog.reject()
        seen["closed"] = not dialog.isVisible()

    when_modal(look, kind=PersonDialog)
    members.actions.edit()
    qtbot.waitUntil(lambda: "save" in seen, timeout=WAIT)
    assert seen["save"] and all(not on and READ_ONLY_TIP in tip for on, tip in seen["save"])
    assert seen["closed"] and not message_log.texts("ask_discard")

    # export a workbook
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    when_modal(lambda box: (seen.update(export=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    members.actions.export_list()
    qtbot.waitUntil(lambda: "export" in seen, timeout=WAIT)
    sheet = openpyxl.load_workbook(target).active
    assert set(NAMES) <= {cell.value for row in sheet.iter_rows() for cell in row}

    meetings = window.page("meetings")
    window.show_page("meetings")
    qtbot.waitUntil(lambda: meetings.model.rowCount() == 1, timeout=WAIT)
    assert all(is_locked(b) for b in (meetings.new_button, meetings.clone_button, meetings.delete_button))
    for key, names in (("research", ("add_button", "edit_button", "delete_button")),):
        assert all(is_locked(getattr(window.page(key), name)) for name in names)

    # the meeting window: browse and print, nothing to edit
    meeting_window = meetings.open_meeting(meeting_id)
    qtbot.addWidget(meeting_window)
    qtbot.waitUntil(lambda: len(meeting_window.invitees) == len(NAMES), timeout=WAIT)
    settle(qtbot, context)
    invitees = meeting_window.invitees_tab
    for button in (meeting_window.sign_in_button, meeting_window.paper_button, invitees.add_button,
                   invitees.rule_button, invitees.edit_button, invitees.remove_button,
                   meeting_window.info_tab.save_button, meeting_window.minutes_tab.save_button,
                   meeting_window.seat_tab.auto_button, meeting_window.seat_tab.adjust_button,
                   meeting_window.seat_tab.lock_button, meeting_window.seat_tab.clear_button,
                   meeting_window.seat_tab.save_button):
        assert is_locked(button), button.text()
    status_buttons = [meeting_window.status_buttons.itemAt(i).widget()
                      for i in range(meeting_window.status_buttons.count())]
    assert status_buttons and all(is_locked(b) for b in status_buttons)
    save_screenshot(meeting_window, "read_only_meeting_window")
    from models.printing import SheetKind

    pdf = tmp_path / "签到表.pdf"
    save_pdf(qtbot, print_dialog(qtbot, meeting_window, SheetKind.SIGN_IN), pdf, monkeypatch)
    assert all(name in pdf_text(pdf).replace(" ", "") for name in NAMES)

    # a command tried anyway (a shortcut, a dialog's save): the reason in Chinese, nothing sent to the server
    done, tried = [], []
    run_command(context, window, lambda s: (tried.append(1), create_person(s, PersonData(name="只读者"))),
                on_done=done.append)
    settle(qtbot, context)
    assert not done and not tried  # refused before the work ran (the server would refuse it too)
    assert any("只有查看权限" in text for text in message_log.texts("warn"))
    with SQL_GUARD.outside_app():
        assert table_digest(url) == before  # opening, listing, printing and exporting wrote nothing


def test_an_editing_account_has_the_same_buttons_on(qtbot, context):
    """The declaration changes nothing for an editor: 新增 is on, 编辑 follows the selection."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, context)
    members = window.page("members")
    assert members.add_button.isEnabled() and not is_locked(members.add_button)
    assert READ_ONLY_TIP not in members.add_button.toolTip()
