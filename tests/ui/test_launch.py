"""Start-up: a database that cannot be opened gets a message naming the file, stays untouched,
and the choice to open another database or quit."""

import hashlib
import logging
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from models.migrate import open_database
from models.paths import resolve_paths, sqlite_url
from tests.screenshots import save_screenshot
from tests.ui.conftest import launch_args, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import click_button, when_modal
from ui.app import Launcher, create_application


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_database(data_dir):
    path = resolve_paths(data_dir).database_file
    path.parent.mkdir(parents=True, exist_ok=True)
    with SQL_GUARD.outside_app():  # made before the app starts, as an earlier run would have
        open_database(sqlite_url(path)).database.dispose()
    return path


def make_corrupt(path):
    data = bytearray(path.read_bytes())
    data[100:8192] = b"\xff" * (8192 - 100)
    path.write_bytes(bytes(data))


def make_too_new(path):
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.close()


@pytest.mark.parametrize("spoil, words", [(make_corrupt, "已损坏"), (make_too_new, "更新版本"), (None, "占用")])
def test_bad_database_gets_its_message_and_stays_byte_identical(qtbot, tmp_path, spoil, words):
    data_dir = tmp_path / "data"
    path = default_database(data_dir)
    holder = None
    if spoil is None:  # locked by another program for the whole start-up
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    else:
        spoil(path)
    before = digest(path)
    seen = {}

    def answer(box: QMessageBox) -> None:
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        save_screenshot(box, f"startup_error_{words}")
        click_button(box, "退出")

    launcher = Launcher(create_application(), launch_args(data_dir))
    when_modal(answer, kind=QMessageBox)
    with qtbot.waitSignal(launcher.gave_up, timeout=15000):
        launcher.start()
    if holder is not None:
        holder.execute("ROLLBACK")
        holder.close()
    assert launcher.window is None  # the window it showed first is closed again
    launcher.shutdown()
    assert seen["title"] == "无法打开数据库"
    assert words in seen["text"] and str(path) in seen["text"]
    assert digest(path) == before
    for handler in logging.getLogger("consultdesk").handlers:
        handler.flush()
    assert "无法打开数据库" in (data_dir / "logs" / "consultdesk.log").read_text(encoding="utf-8")


def test_user_can_open_another_database_instead(qtbot, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    path = default_database(data_dir)
    make_corrupt(path)
    other = tmp_path / "其他" / "协商数据.sqlite"
    other.parent.mkdir()
    with SQL_GUARD.outside_app():
        open_database(sqlite_url(other)).database.dispose()
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(other), ""))

    launcher = Launcher(create_application(), launch_args(data_dir))
    when_modal(lambda box: click_button(box, "打开其他数据库…"), kind=QMessageBox)
    with qtbot.waitSignal(launcher.ready, timeout=15000):
        launcher.start()
    window = launcher.window
    qtbot.addWidget(window)
    assert window.context.database.path == other
    assert "协商数据.sqlite" in window.windowTitle()
    # next start opens the file the user chose
    assert launcher.settings.value("database/last_file") == str(other)
    settle(qtbot, launcher.context)
    launcher.shutdown()


def test_missing_last_database_falls_back_to_default_with_a_notice(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    launcher = Launcher(create_application(), launch_args(data_dir))
    launcher.settings.setValue("database/last_file", str(tmp_path / "U盘" / "已拔出.sqlite"))
    with qtbot.waitSignal(launcher.ready, timeout=15000):
        launcher.start()
    window = launcher.window
    qtbot.addWidget(window)
    assert window.context.database.path == resolve_paths(data_dir).database_file
    assert "找不到了" in window.statusBar().currentMessage()
    settle(qtbot, launcher.context)
    launcher.shutdown()


def test_older_database_is_backed_up_and_upgraded_on_start(qtbot, tmp_path):
    from tests.models.test_migrations import counts, make_first_revision_database

    data_dir = tmp_path / "data"
    path = resolve_paths(data_dir).database_file
    path.parent.mkdir(parents=True)
    with SQL_GUARD.outside_app():
        before = make_first_revision_database(sqlite_url(path))

    launcher = Launcher(create_application(), launch_args(data_dir))
    with qtbot.waitSignal(launcher.ready, timeout=15000):
        launcher.start()
    window = launcher.window
    qtbot.addWidget(window)
    assert "已升级" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "区政协委员 50 人" in window.summary_label.text(), timeout=30000)
    settle(qtbot, launcher.context)
    launcher.shutdown()
    backups = list(path.parent.glob("consultdesk.before-upgrade-*.sqlite"))
    with SQL_GUARD.outside_app():  # the test's own check of the files, after the app has closed
        assert len(backups) == 1 and counts(backups[0]) == before
        assert counts(path) == before
