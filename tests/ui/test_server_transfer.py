"""文件 → 把本机数据导入办公室数据库… and the backup items on a server, against a real PostgreSQL server: the move
chooses the server with the connect dialog, confirms what goes where, copies and switches; a database in use
is refused with the local file untouched; on a server 立即备份 runs pg_dump (no SQLite file code), 从备份恢复
is off and the import item says why."""

import hashlib

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlmodel import func, select

from models.server_address import ServerAddress
from models.services.people import PersonData, create_person
from models.tables import Person
from tests.postgres import fresh_database
from tests.screenshots import save_screenshot
from tests.ui import test_server_connect
from tests.ui.conftest import db_call, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import when_modal
from tests.ui.test_server_connect import as_administrator, fill
from ui.dialogs.server_dialog import ServerDialog

WAIT = 60000
window = test_server_connect.window  # the same fixture: the main window, shown, its first page read


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def choose_server(qtbot, window, url: str) -> None:
    """文件 → 把本机数据导入办公室数据库…, the server filled in, 下一步; until everything it started is over."""
    seen: dict = {}

    def act(dialog: ServerDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["lead"] = [label.text() for label in dialog.findChildren(QLabel)]
        fill(dialog, ServerAddress.from_url(url))
        save_screenshot(dialog, "transfer_choose_server")
        dialog.connect_button.click()

        def over() -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                if dialog.connect_button.isEnabled():  # failed: said in the dialog
                    seen["error"] = dialog.error.text()
                    dialog.reject()
                    return
                QTimer.singleShot(20, over)

        QTimer.singleShot(20, over)

    handled = when_modal(act, kind=ServerDialog)
    window.transfer_action.trigger()
    qtbot.waitUntil(lambda: handled["handled"], timeout=WAIT)
    qtbot.waitUntil(lambda: window.context.jobs.idle and window.context.db.pending == 0, timeout=WAIT)
    settle(qtbot, window.context)
    assert seen["title"].startswith("把本机数据导入办公室数据库")
    assert any(text.startswith("选择要导入到的办公室数据库") for text in seen["lead"])


def add_people(context, *names) -> None:
    def work(session):
        for name in names:
            create_person(session, PersonData(name=name))

    db_call(context, work)


@pytest.mark.sqlite_only  # the open database is a local file; the target is on the test server
def test_the_local_data_moves_to_an_empty_server_and_the_window_switches(qtbot, window, context, message_log):
    add_people(context, "钱多多", "孙小美")
    local = context.database.path
    assert window.transfer_action.isEnabled()
    with as_administrator(fresh_database()) as url:
        choose_server(qtbot, window, url)
        confirms = message_log.texts("confirm")
        assert "人员共 2 人" in confirms[0] and ServerAddress.from_url(url).database in confirms[0]
        assert "现在切换到办公室数据库吗" in confirms[1]
        assert context.database.path is None
        assert ServerAddress.from_url(context.database.url).database == ServerAddress.from_url(url).database
        assert "已切换到办公室数据库" in message_log.texts("inform")[-1]
        assert db_call(context, lambda s: sorted(s.exec(select(Person.name)).all())) == ["孙小美", "钱多多"]
        assert context.settings.value("database/last_is_server") in (True, "true")
        assert not window.transfer_action.isEnabled()  # on the server now: the item says why
        assert "本机数据库文件" in window.transfer_action.toolTip()
        context.live.stop()  # before the test server drops the database
        with SQL_GUARD.outside_app():
            context.database.dispose()
    assert local.exists()


@pytest.mark.sqlite_only
def test_a_server_database_in_use_is_refused_and_nothing_changes(qtbot, window, context, message_log):
    from models.server import open_server

    add_people(context, "钱多多")
    local = context.database
    with as_administrator(fresh_database()) as url:
        with SQL_GUARD.outside_app():  # another office already works in it
            other = open_server(url).database
            with other.session() as session:
                create_person(session, PersonData(name="周其他"))
        context.wait_idle()
        before = digest(local.path)
        choose_server(qtbot, window, url)
        warned = message_log.texts("warn")
        assert warned and "不是空数据库" in warned[-1] and "人员 1 条" in warned[-1]
        assert not message_log.texts("confirm")
        assert context.database is local and digest(local.path) == before
        with SQL_GUARD.outside_app():
            with other.session() as session:
                assert session.exec(select(func.count(Person.id))).one() == 1
            other.dispose()


@pytest.mark.postgres_only
def test_on_a_server_the_items_say_what_applies(qtbot, window, context, monkeypatch):
    assert context.database.path is None
    assert not window.transfer_action.isEnabled() and "本机数据库文件" in window.transfer_action.toolTip()
    assert not window.restore_action.isEnabled()
    assert window.restore_action.toolTip() == "办公室数据库由管理员用 pg_restore 恢复，见 README"
    assert window.restore_action.statusTip() == window.restore_action.toolTip()
    assert window.backup_action.isEnabled() and "pg_dump" in window.backup_action.statusTip()
    monkeypatch.setenv("CONSULTDESK_PG_DUMP", "/没有/pg_dump")
    from ui.database_actions import show_file_menu_state

    show_file_menu_state(window, context.database)
    assert not window.backup_action.isEnabled()
    assert "postgresql-client" in window.backup_action.toolTip() and "管理员" in window.backup_action.toolTip()
    window.menuBar().actions()[0].menu().popup(window.mapToGlobal(window.rect().center()))
    save_screenshot(window.menuBar().actions()[0].menu(), "file_menu_on_server")
    window.menuBar().actions()[0].menu().close()


def _refuse_sqlite_code(monkeypatch) -> list:
    called = []
    for name in ("models.backup.backup_now", "models.backup.restore_backup", "models.backup.check_backup_file",
                 "models.db.backup_sqlite", "models.db.inspect_sqlite_file"):
        monkeypatch.setattr(name, lambda *a, _name=name, **k: called.append(_name))
    return called


@pytest.mark.postgres_only
def test_backup_on_a_server_runs_pg_dump_and_no_sqlite_file_code(qtbot, window, context, tmp_path, monkeypatch,
                                                                 message_log):
    from models.server_backup import find_pg_dump

    if find_pg_dump() is None:
        pytest.skip("pg_dump 不在 PATH 上")
    called = _refuse_sqlite_code(monkeypatch)
    folder = tmp_path / "选定的文件夹"
    folder.mkdir()
    monkeypatch.setattr("ui.files.QFileDialog.getExistingDirectory", lambda *a, **k: str(folder))
    shown = {}

    def answer(box) -> None:
        shown["text"], shown["informative"] = box.text(), box.informativeText()
        save_screenshot(box, "server_backup_done")
        box.accept()

    handled = when_modal(answer, kind=QMessageBox)  # not the progress dialog while pg_dump runs
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: handled["handled"], timeout=WAIT)
    dumps = list(folder.glob("*.dump"))
    assert len(dumps) == 1 and str(dumps[0]) in shown["text"]
    assert "pg_restore" in shown["informative"]
    opened = []
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: opened.append(1) or ("", ""))
    window.actions_db.restore()  # the item is off; called anyway, it only says who restores
    assert "pg_restore" in message_log.texts("inform")[-1] and not opened
    assert called == []


@pytest.mark.sqlite_only
def test_cancel_in_the_progress_dialog_leaves_the_server_as_it_was(qtbot, window, context, message_log, monkeypatch):
    """取消 pressed while the copy runs (held after its first batch until the click): rolled back, said."""
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    import models.transfer as transfer

    add_people(context, "钱多多")
    clicked = threading.Event()
    inserted = []
    real_insert = transfer._insert

    def held_insert(connection, table, rows):
        real_insert(connection, table, rows)
        inserted.append(table.name)
        if len(inserted) == 3:  # a few tables in: wait for 取消 (the worker thread; the GUI stays live)
            clicked.wait(30)

    monkeypatch.setattr(transfer, "_insert", held_insert)

    def press_cancel() -> None:  # the copy's own progress dialog (not the connection's or the check's)
        from PySide6.QtWidgets import QApplication

        copying = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
                   and w.labelText().startswith("正在导入")]
        if not copying:
            QTimer.singleShot(20, press_cancel)
            return
        save_screenshot(copying[0], "transfer_progress")
        copying[0].findChildren(QPushButton)[0].click()  # its 取消
        clicked.set()

    with as_administrator(fresh_database()) as url:
        QTimer.singleShot(20, press_cancel)
        choose_server(qtbot, window, url)
        qtbot.waitUntil(clicked.is_set, timeout=WAIT)
        settle(qtbot, context)
        assert "已取消导入" in message_log.texts("inform")[-1]
        assert context.database.path is not None  # still the local file
        with SQL_GUARD.outside_app():
            from models.db import Database
            from models.transfer import holdings

            server = Database(url)
            with server.engine.connect() as connection:
                assert holdings(connection) == {}
            server.dispose()


@pytest.mark.sqlite_only
def test_a_view_only_account_is_refused_before_anything_is_asked(qtbot, window, context, message_log):
    from models.server import open_server
    from tests.server_roles import database_name, login_role, url_for

    with as_administrator(fresh_database()) as url:
        with SQL_GUARD.outside_app():
            open_server(url).database.dispose()  # created by an editor before
        with as_administrator(login_role(viewer_of=database_name(url))) as viewer:
            choose_server(qtbot, window, url_for(url, viewer))
            assert "只有查看权限" in message_log.texts("warn")[-1] and not message_log.texts("confirm")
            assert context.database.path is not None
