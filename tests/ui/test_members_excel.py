"""Excel from the 委员 screen: export what is shown, import with a preview, nothing written until 导入."""

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.services.people_list import load_people
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.dialogs.import_people_dialog import ImportPeopleDialog


@pytest.fixture
def page(members_page):
    return members_page


def save_to(monkeypatch, path):
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), ""))


def test_export_the_shown_list(qtbot, page, tmp_path, monkeypatch):
    page.filters.sector.setCurrentIndex(page.filters.sector.findText("医药卫生"))
    target = tmp_path / "医药卫生界.xlsx"
    save_to(monkeypatch, target)
    seen = {}
    when_modal(lambda box: (seen.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    page.actions.export_list()
    qtbot.waitUntil(lambda: "text" in seen, timeout=30000)
    assert str(target) in seen["text"]
    sheet = openpyxl.load_workbook(target).active
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "序号")
    headers = [c.value for c in sheet[header_row]]
    assert headers[1:1 + len(page.shown_column_keys())] == [
        page.model.columns[page.model.column_index(k)].header for k in page.shown_column_keys()]
    names = [sheet.cell(r, 2).value for r in range(header_row + 1, sheet.max_row + 1)]
    assert names == [r.name for r in page.model.visible_rows()]
    assert "界别：医药卫生" in str(sheet.cell(2, 1).value)


def test_export_roster_by_sector(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "花名册.xlsx"
    save_to(monkeypatch, target)
    seen = {}
    when_modal(lambda box: (seen.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    page.actions.export_roster()
    qtbot.waitUntil(lambda: "text" in seen, timeout=30000)
    values = [row[0] for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True)]
    groups = [v for v in values if isinstance(v, str) and v.endswith("人）")]
    assert groups[0].startswith("中共（") and any(str(v).startswith("合计") for v in values if v)


def make_roster(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年新增委员"
    sheet["A1"] = "区政协新增委员名单"
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "名字", "性别", "所在界别", "单位职务", "联系电话"])
    sheet.append([1, "新　委员", "女", "教育", "区实验小学副校长", "13900009991"])
    sheet.append([2, "另一位", "男", "港澳台侨", "某公司", "13900009992"])
    sheet.append([3, "错号码", "男", "经济", "某单位", "12345"])
    book.save(path)


def test_import_previews_then_writes_on_confirmation(qtbot, page, demo_context, tmp_path, message_log):
    workbook = tmp_path / "新增委员.xlsx"
    make_roster(workbook)
    dialog = ImportPeopleDialog(demo_context, page)
    qtbot.addWidget(dialog)
    assert dialog.choose_file(workbook)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    counts = dialog.preview.counts()
    assert (counts["新增"], counts["错误"]) == (2, 1)
    assert "1 · 跳过" in dialog.counts_label.text() or "错误 1" in dialog.counts_label.text()
    # the unknown 界别 must be decided before anything can be written
    assert not dialog.unknown_box.isHidden()
    assert not dialog.import_button.isEnabled()
    assert db_call(demo_context, lambda s: len(load_people(s))) == 379
    combo = dialog.unknown_table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findText("新增“港澳台侨”"))
    assert dialog.import_button.isEnabled()
    save_screenshot(dialog, "import_people_dialog")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=30000)
    assert (dialog.summary.created, dialog.summary.errors) == (2, 1)
    # asked first (the row with an error is left out), then the same report as every import
    assert message_log.texts("confirm")[-1].startswith("有 1 行有错误，这些行不会导入。继续导入其余 2 行吗？")
    report = message_log.texts("inform")[-1]
    assert report.startswith("导入完成：新增 2 人。\n新增参数值：界别“港澳台侨”。\n"
                             "未导入 1 行：\n· 有错误 1 行（第 5 行 错号码：")
    rows = db_call(demo_context, load_people)
    added = {r.name: r for r in rows if r.name in ("新委员", "另一位")}
    assert added["新委员"].sector == "教育" and added["另一位"].sector == "港澳台侨"
    assert any("有 1 行有错误" in text for text in message_log.texts("confirm"))


def test_a_file_that_is_not_a_workbook_gets_a_message(qtbot, page, demo_context, tmp_path, message_log):
    fake = tmp_path / "名单.xlsx"
    fake.write_text("这不是 Excel 文件", encoding="utf-8")
    dialog = ImportPeopleDialog(demo_context, page)
    qtbot.addWidget(dialog)
    dialog.choose_file(fake)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    assert "名单.xlsx" in message_log.texts("warn")[0] and "另存为" in message_log.texts("warn")[0]
    assert dialog.result() == dialog.DialogCode.Rejected


def test_an_unknown_sector_on_a_row_with_an_error_is_asked_about_and_import_goes_through(
        qtbot, page, demo_context, tmp_path, message_log):
    """Issue 12: such a row gave KeyError ('sector', '火星界') on 导入, as the unexpected-error dialog."""
    workbook = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "界别", "手机"])
    book.active.append(["火星人", "火星界", "123"])
    book.active.append(["新委员", "教育", "13900009991"])
    book.save(workbook)
    dialog = ImportPeopleDialog(demo_context, page)
    qtbot.addWidget(dialog)
    assert dialog.choose_file(workbook)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.unknown_table.rowCount() == 1 and dialog.unknown_table.item(0, 1).text() == "火星界"
    assert not dialog.import_button.isEnabled()
    combo = dialog.unknown_table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findText("新增“火星界”"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=30000)
    assert (dialog.summary.created, dialog.summary.errors) == (1, 1)
    assert message_log.texts("inform")[-1].startswith("导入完成：新增 1 人。\n未导入 1 行")
    assert not message_log.texts("warn")
