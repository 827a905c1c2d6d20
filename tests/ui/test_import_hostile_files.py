"""The people import dialog on hostile workbooks: a stray value at XFD1048576 and a whole-grid dimension do not
widen the column list or the preview; a file-level problem is a Chinese message, and the dialog closes."""

import re
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font

from tests.screenshots import save_screenshot
from ui.dialogs.import_people_dialog import ImportPeopleDialog

HEADER = ["序号", "姓名", "性别", "所在界别", "单位职务", "联系电话"]


@pytest.fixture
def page(members_page):
    return members_page


def _far_roster(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024 年新增委员名单"])
    sheet.merge_cells("A1:F1")
    sheet.append(HEADER)
    sheet.append([1, "新委员", "女", "教育", "区实验小学副校长", "13900009991"])
    sheet.cell(row=1048576, column=16384, value="误输入")
    sheet.cell(row=1048575, column=1).font = Font(bold=True)
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    members[name] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', members[name])
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_far_cells_do_not_widen_the_preview(qtbot, page, demo_context, tmp_path):
    dialog = ImportPeopleDialog(demo_context, page)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    assert dialog.choose_file(_far_roster(tmp_path / "名单.xlsx"))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.preview.header_row == 2 and [r.row_no for r in dialog.preview.rows] == [3]
    assert dialog.mapping_table.rowCount() == len(HEADER)  # not 16,384 columns
    save_screenshot(dialog, "import_people_far_cells")


def test_a_cell_beyond_excels_limit_is_a_message(qtbot, page, demo_context, tmp_path, message_log):
    path = tmp_path / "超长.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "新委员", "女", "教育", "HUGE"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    members[name] = members[name].replace(b"HUGE", "甲".encode() * 40000)
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    dialog = ImportPeopleDialog(demo_context, page)
    qtbot.addWidget(dialog)
    dialog.choose_file(path)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    text = message_log.texts("warn")[0]
    assert "超长.xlsx" in text and "E2 单元格有 40,000 个字符" in text and "32,767" in text
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Rejected, timeout=30000)
