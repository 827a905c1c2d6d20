"""文件 menu actions: open, new, backup, restore — with the refusals that protect data."""

import hashlib

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import select

from models.backup import backup_now
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.people import PersonData, create_person
from models.tables import Person
from tests.ui.conftest import db_call, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import click_button, when_modal
from ui.main_window import MainWindow
from ui.operations import run_query

pytestmark = pytest.mark.sqlite_only  # 打开/新建/备份/恢复 act on .sqlite files (a server: issue 15 Deliver 7)

WAIT = 30000


@pytest.fixture
def window(qtbot, context):
    main = MainWindow(context)
    qtbot.addWidget(main)
    return main


def finish(qtbot, context):
    """Until the work asked for (and what its results started) is done."""
    def idle() -> bool:
        QApplication.processEvents()
        return context.jobs.idle and context.db.pending == 0 and context.files.pending == 0

    qtbot.waitUntil(idle, timeout=WAIT)


def test_opening_a_corrupt_file_keeps_the_current_database(qtbot, window, context, tmp_path, monkeypatch,
                                                           message_log):
    bad = tmp_path / "坏文件.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 8000)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    current = context.database
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.open_action.trigger()
    finish(qtbot, context)
    assert context.database is current
    assert any(str(bad) in text for text in message_log.texts("warn"))
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_opening_another_database_switches_and_retitles(qtbot, window, context, tmp_path, monkeypatch, message_log):
    other = tmp_path / "二〇二四.sqlite"
    with SQL_GUARD.outside_app():  # made by another copy of the program, before
        db = open_database(sqlite_url(other)).database
        with db.session() as session:
            create_person(session, PersonData(name="钱多多"))
        db.dispose()
    window.show()
    finish(qtbot, context)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(other), ""))
    window.open_action.trigger()
    finish(qtbot, context)
    assert context.database.path == other
    qtbot.waitUntil(lambda: window.windowTitle().startswith("二〇二四.sqlite"), timeout=WAIT)
    assert context.settings.value("database/last_file") == str(other)
    assert "已打开数据库" in message_log.texts("inform")[0]
    assert db_call(context, lambda s: [p.name for p in s.exec(select(Person))]) == ["钱多多"]


def test_new_database_never_overwrites_an_existing_file(qtbot, window, context, tmp_path, monkeypatch, message_log):
    existing = context.database.path
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(existing), ""))
    window.new_action.trigger()
    assert "已经存在" in message_log.texts("warn")[0]

    fresh = tmp_path / "新建" / "协商数据"
    fresh.parent.mkdir()
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(fresh), ""))
    window.new_action.trigger()
    finish(qtbot, context)
    assert context.database.path == fresh.with_suffix(".sqlite")
    assert "已新建数据库" in message_log.texts("inform")[0]


def test_busy_refuses_to_switch(qtbot, window, context, monkeypatch, message_log):
    chosen = []
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName",
                        lambda *a, **k: chosen.append(True) or ("", ""))
    run_query(context, window, lambda _s: None, on_done=lambda _r: None)  # a read under way
    window.open_action.trigger()
    assert message_log.texts("warn") == ["还有操作正在进行，请等它完成后再试。"] and not chosen
    finish(qtbot, context)


def test_backup_now_writes_a_copy_to_the_backups_folder(qtbot, window, context):
    seen = {}

    def answer(box):
        seen["text"] = box.text()
        click_button(box, "确定")

    when_modal(answer, kind=QMessageBox, timeout_ms=WAIT)
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: "text" in seen, timeout=WAIT)
    copies = list(context.backups_folder().glob("test.backup-*.sqlite"))
    assert len(copies) == 1 and str(copies[0]) in seen["text"]


def person_names(context) -> list[str]:
    return db_call(context, lambda session: [p.name for p in session.exec(select(Person).order_by(Person.id))])


def test_restore_from_backup(qtbot, window, context, monkeypatch, message_log):
    db_call(context, create_person, PersonData(name="备份前"))
    backup = context.db.call_blocking(lambda _ctx: backup_now(context.database.path, context.backups_folder()))
    db_call(context, create_person, PersonData(name="备份后"))
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(backup), ""))

    message_log.confirm_answer = False  # the user says 取消: nothing changes
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(message_log.texts("confirm")), timeout=WAIT)  # the file is checked first
    finish(qtbot, context)
    assert person_names(context) == ["备份前", "备份后"]

    message_log.confirm_answer = True
    current = context.database
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: context.database is not current, timeout=WAIT)
    finish(qtbot, context)
    assert person_names(context) == ["备份前"]
    assert "已从备份恢复" in message_log.texts("inform")[-1]
    safety = list(context.backups_folder().glob("test.before-restore-*.sqlite"))
    assert len(safety) == 1


def test_a_damaged_backup_is_refused_before_anything_is_asked(qtbot, window, context, tmp_path, monkeypatch,
                                                              message_log):
    empty = tmp_path / "空.sqlite"
    empty.write_bytes(b"")
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(empty), ""))
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=WAIT)
    assert "不是协商会务台的备份" in message_log.texts("warn")[0] and not message_log.texts("confirm")


def test_the_demo_keeps_its_title_through_a_restore_and_an_office_database_never_gets_it(
        qtbot, demo_context, tmp_path, monkeypatch, message_log):
    """The title says 【演示数据】 because the database holds the demo, however it was opened."""
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, demo_context)
    assert window.windowTitle().startswith("【演示数据】")
    source = demo_context.database.path
    backup = demo_context.db.call_blocking(lambda _ctx: backup_now(source, demo_context.backups_folder()))
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(backup), ""))
    current = demo_context.database
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: demo_context.database is not current, timeout=WAIT)
    settle(qtbot, demo_context)
    assert window.windowTitle().startswith("【演示数据】") and demo_context.demo

    office = tmp_path / "办公室.sqlite"
    with SQL_GUARD.outside_app():
        open_database(sqlite_url(office)).database.dispose()
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(office), ""))
    window.open_action.trigger()
    qtbot.waitUntil(lambda: demo_context.database.path == office, timeout=WAIT)
    settle(qtbot, demo_context)
    assert window.windowTitle().startswith("办公室.sqlite") and not demo_context.demo
