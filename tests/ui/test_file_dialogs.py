"""Every file dialog: first in 文档 (never the program's folder), then in the folder last used for that kind
of file; the proposed name says the year the file belongs to."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolButton

from models.settings import FOLDER_KINDS, LAST_FOLDER
from ui import files
from ui.views.topics_page import TopicsPage
from ui.window_state import read

WAIT = 30000


class FakeDialogs:
    """Stands in for QFileDialog: records where each dialog opened, answers with `answer` ("" = 取消)."""

    def __init__(self, monkeypatch):
        self.started: list[str] = []
        self.answer = ""
        for name in ("getSaveFileName", "getOpenFileName"):
            monkeypatch.setattr(f"ui.files.QFileDialog.{name}", self._one)
        monkeypatch.setattr("ui.files.QFileDialog.getOpenFileNames", self._many)

    def _one(self, _parent, _title, start, *_args, **_kwargs):
        self.started.append(start)
        return self.answer, ""

    def _many(self, _parent, _title, start, *_args, **_kwargs):
        self.started.append(start)
        return ([self.answer] if self.answer else []), ""


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "文档"
    folder.mkdir()
    monkeypatch.setattr("ui.files.QStandardPaths.writableLocation", lambda _location: str(folder))
    return folder


def test_first_in_documents_then_the_last_folder_of_each_kind(context, tmp_path, documents, monkeypatch):
    dialogs = FakeDialogs(monkeypatch)
    exports, sheets = tmp_path / "导出", tmp_path / "收到的表"
    exports.mkdir()
    sheets.mkdir()
    dialogs.answer = str(exports / "名单.xlsx")
    assert files.ask_save_path(None, context, "导出名单", "人员名单") == exports / "名单.xlsx"
    assert Path(dialogs.started[-1]).parent == documents  # the first time: 文档
    files.ask_save_path(None, context, "导出名单", "人员名单")
    assert Path(dialogs.started[-1]).parent == exports  # then where the last Excel went
    dialogs.answer = ""
    files.ask_save_path(None, context, "存为 PDF", "签到表", file_filter="PDF (*.pdf)", suffix=".pdf")
    assert Path(dialogs.started[-1]).parent == documents  # a PDF is another kind: still 文档
    files.ask_open_path(None, context, "选择填好的评分表")
    assert Path(dialogs.started[-1]) == documents  # cancelled: nothing remembered
    dialogs.answer = str(sheets / "评分表.xlsx")
    files.ask_open_path(None, context, "选择填好的评分表")
    files.choose_open_files(None, context, "attachment", "选择附件")
    assert Path(dialogs.started[-1]) == documents
    files.ask_open_path(None, context, "选择填好的评分表")
    assert Path(dialogs.started[-1]) == sheets
    assert read(context.settings, LAST_FOLDER.of("excel")) == str(exports)  # this PC's settings file
    exports.rmdir()
    dialogs.answer = ""
    files.ask_save_path(None, context, "导出名单", "人员名单")
    assert Path(dialogs.started[-1]).parent == documents  # the folder went away: 文档 again


def test_without_a_documents_folder_the_home_folder_not_the_programs(monkeypatch, tmp_path):
    monkeypatch.setattr("ui.files.QStandardPaths.writableLocation", lambda _location: str(tmp_path / "无此文件夹"))
    assert files.documents_folder() == Path.home() != Path.cwd()


def test_every_kind_is_declared_and_no_dialog_is_opened_elsewhere():
    with pytest.raises(ValueError):
        files.start_folder(None, "photos")
    assert {"excel", "pdf", "import", "attachment", "backup"} <= set(FOLDER_KINDS)
    ui = Path(files.__file__).parent
    others = [str(p.relative_to(ui)) for p in ui.rglob("*.py") if p.name != "files.py"
              and "QFileDialog" in p.read_text(encoding="utf-8")]
    assert others == []


def test_topic_sheets_are_named_for_their_year_not_today(qtbot, demo_context, documents, monkeypatch):
    dialogs = FakeDialogs(monkeypatch)
    page = TopicsPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.year_combo.count() > 0, timeout=WAIT)
    page.year_combo.set_value(2024)
    qtbot.waitUntil(lambda: page.pool_tab.shown_year == 2024, timeout=WAIT)
    next(a for a in page.pool_tab.more_button.menu().actions() if a.text() == "议题遴选表存为 PDF…").trigger()
    assert dialogs.started[-1] == str(documents / "2024年度协商议题遴选表.pdf")
    page.show_plan()
    qtbot.waitUntil(lambda: page.plan_tab.shown_year == 2024, timeout=WAIT)
    next(a for a in page.plan_tab.findChild(QToolButton).menu().actions()
         if a.text() == "年度协商计划存为 PDF…").trigger()
    assert dialogs.started[-1] == str(documents / "2024年度协商计划.pdf")
