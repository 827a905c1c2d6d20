"""A big roster imports through the dialog with a progress bar while the window stays responsive, and 取消
during the write leaves the register as it was."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func
from sqlmodel import select

import ui.dialogs.import_people_dialog as dialog_module
from models.tables import Person
from tests.bench.people_import import build_roster, lookup_names
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.progress_watch import Watch
from ui.dialogs.import_people_dialog import ImportPeopleDialog

ROWS = 1500  # three batches of the bulk write: progress is reported between them


def _people(context) -> int:
    return db_call(context, lambda s: s.exec(select(func.count()).select_from(Person)).one())


@pytest.fixture
def dialog(qtbot, context, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.tasks.SHOW_AFTER_MS", 0)  # the bar at once: no waiting for a slow machine
    roster = build_roster(tmp_path / "委员名单.xlsx", db_call(context, lookup_names), ROWS)
    made = ImportPeopleDialog(context)
    qtbot.addWidget(made)
    made.resize(1100, 680)
    made.show()
    assert made.choose_file(roster)
    qtbot.waitUntil(lambda: made.preview is not None and made.import_button.isEnabled(), timeout=120000)
    assert made.preview.counts()["新增"] == ROWS
    return made


def test_a_big_import_shows_its_progress_and_the_window_stays_responsive(qtbot, context, dialog, monkeypatch,
                                                                          message_log):
    watch = Watch(dialog, on_shown=lambda box: save_screenshot(box, "import_people_progress"))
    monkeypatch.setattr(dialog_module, "apply_people_import", watch.wrap(dialog_module.apply_people_import))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=120000)
    watch.timer.stop()
    assert watch.reports == [500, 1000, 1500]  # every batch reported, each shown while the import went on
    assert any(label.startswith("正在写入：已写入 500 / 1500 人") for _v, _m, label in watch.shown)
    assert dialog.summary.created == ROWS and _people(context) == ROWS
    assert message_log.texts("inform")[-1].startswith(f"导入完成：新增 {ROWS} 人。")


def test_cancelling_during_the_write_writes_nothing(qtbot, context, dialog, monkeypatch, message_log):
    # 取消 once the first batch is written (in the transaction): it is rolled back with the rest
    watch = Watch(dialog, on_shown=lambda box: box.findChild(QPushButton).click())
    monkeypatch.setattr(dialog_module, "apply_people_import", watch.wrap(dialog_module.apply_people_import))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已取消导入，没有写入任何数据。" in message_log.texts("inform"), timeout=120000)
    watch.timer.stop()
    assert dialog.summary is None and _people(context) == 0
    assert dialog.import_button.isEnabled()  # the same preview can be imported again
