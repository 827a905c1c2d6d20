"""The 导入人员 dialog on a roster with a 任职时间 column: the column is recognised as 任职起始日期, each row's
date problem is said in Chinese in the preview, and confirming writes the dates."""

from datetime import date

import openpyxl
from PySide6.QtCore import Qt

from models.services.people_list import load_people
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui.dialogs.import_people_dialog import ImportPeopleDialog


def test_start_dates_in_the_preview_and_written(qtbot, context, tmp_path, message_log):
    book = openpyxl.Workbook()
    for row in (["姓名", "级别", "任职时间"], ["王小明", "区", "2023年1月"], ["钱多", "区", "2023.13"]):
        book.active.append(row)
    book.save(tmp_path / "名单.xlsx")
    dialog = ImportPeopleDialog(context)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    assert dialog.choose_file(tmp_path / "名单.xlsx")
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=60000)
    assert dialog.mapping_table.cellWidget(2, 1).currentText() == "任职起始日期"
    shown = [[dialog.rows_model.index(r, c).data() for c in range(4)] for r in range(dialog.rows_model.rowCount())]
    assert shown == [["2", "新增", "王小明", "新增人员"],
                     ["3", "错误", "钱多", "任职起始日期“2023.13”不存在：没有 13 月。"]]
    save_screenshot(dialog, "import_people_start_date")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=60000)
    settle(qtbot, context)
    rows = db_call(context, load_people)
    assert [(row.name, row.start_date) for row in rows] == [("王小明", date(2023, 1, 1))]
