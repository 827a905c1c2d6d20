"""Large exports: written in openpyxl's write-only mode, each style registered once per workbook, not hashed
again for every cell — and the cells look exactly as when each was styled one by one."""

from datetime import date

import openpyxl
from openpyxl.utils.indexed_list import IndexedList

from models.exports.xlsx_sheets import (
    BODY_ALIGN,
    BODY_FONT,
    CENTER,
    DATE_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    NUMBER_ALIGN,
    THIN_BORDER,
    display_width,
    new_workbook,
    save_workbook,
    write_header,
    write_row,
)


class CountingList(IndexedList):
    """The workbook's list of fonts/borders/alignments, counting each lookup (one hash of a style object)."""

    def __init__(self, items):
        super().__init__(items)
        self.lookups = 0

    def add(self, value):
        self.lookups += 1
        return super().add(value)


def test_styles_are_looked_up_once_per_workbook_not_per_cell(tmp_path):
    workbook, ws = new_workbook("名单")
    assert workbook.workbook.write_only
    lists = {}
    # _cell_styles: the style id a cell is written with, which openpyxl looks up again for every styled cell
    for name in ("_fonts", "_borders", "_alignments", "_fills", "_cell_styles"):
        lists[name] = CountingList(getattr(workbook.workbook, name))
        setattr(workbook.workbook, name, lists[name])
    row = write_header(ws, ["序号", "姓名", "工作单位"], 1)
    for seq in range(1, 501):
        row = write_row(ws, [seq, f"委员{seq}", "区政协"], row)
    save_workbook(workbook, tmp_path / "名单.xlsx")
    # 1,503 styled cells; each distinct combination costs a lookup or two, whatever the number of rows
    assert all(counted.lookups <= 4 for counted in lists.values()), {k: v.lookups for k, v in lists.items()}
    back = openpyxl.load_workbook(tmp_path / "名单.xlsx").active
    assert back.max_row == 501 and back["B501"].value == "委员500" and back["B501"].border.left.style == "thin"


def _look(cell):
    return (repr(cell.font), repr(cell.border), repr(cell.alignment), repr(cell.fill), cell.number_format,
            cell.quotePrefix, cell.data_type)


def test_cells_look_as_if_styled_one_by_one(tmp_path):
    """Two workbooks in one process (their style ids differ), reopened from disk: every cell has the fonts,
    borders, alignment, fill and formats set by hand on a reference cell."""
    other, other_ws = new_workbook("先写的")
    other_ws["A1"].font = openpyxl.styles.Font(name="楷体", size=20)  # shifts the ids in this workbook only
    write_row(other_ws, ["甲", 1], 2)
    save_workbook(other, tmp_path / "other.xlsx")

    workbook, ws = new_workbook("名单")
    write_header(ws, ["序号", "姓名", "出生", "备注"], 1)
    write_row(ws, [1, "张三", date(1968, 5, 1), "=SUM(A1:A9)"], 2, {3: "yyyy.mm"})
    write_row(ws, [2, None, date(1970, 1, 2), True], 3)
    save_workbook(workbook, tmp_path / "list.xlsx")

    reference, sheet = new_workbook("参照")
    for column, (font, fill, align) in enumerate([(HEADER_FONT, HEADER_FILL, CENTER)] * 4, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill, cell.border, cell.alignment = font, fill, THIN_BORDER, align
    for row, aligns in ((2, (NUMBER_ALIGN, BODY_ALIGN, NUMBER_ALIGN, BODY_ALIGN)),
                        (3, (NUMBER_ALIGN, BODY_ALIGN, NUMBER_ALIGN, BODY_ALIGN))):
        for column, align in enumerate(aligns, start=1):
            cell = sheet.cell(row=row, column=column)
            cell.font, cell.border, cell.alignment = BODY_FONT, THIN_BORDER, align
    sheet["C2"].number_format, sheet["C3"].number_format = "yyyy.mm", DATE_FORMAT
    sheet["D2"].quotePrefix = True
    save_workbook(reference, tmp_path / "reference.xlsx")

    written = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    expected = openpyxl.load_workbook(tmp_path / "reference.xlsx").active
    for row in range(1, 4):
        for column in range(1, 5):
            got, want = written.cell(row=row, column=column), expected.cell(row=row, column=column)
            assert _look(got)[:6] == _look(want)[:6], got.coordinate
    assert written["D2"].value == "=SUM(A1:A9)" and written["D2"].data_type == "s"  # text, never a formula
    assert written["C2"].value.date() == date(1968, 5, 1) and written["C2"].is_date
    assert written["D3"].value == "是" and written["B3"].value is None
    first = openpyxl.load_workbook(tmp_path / "other.xlsx").active
    assert first["A2"].value == "甲" and repr(first["A2"].font) == repr(expected["B2"].font)
    assert repr(first["A2"].alignment) == repr(expected["B2"].alignment)
    assert repr(first["B2"].alignment) == repr(expected["A2"].alignment)


def test_display_width_outside_the_basic_plane_and_mixed_text():
    assert display_width("𠀀字") == 4  # a rare character of a name (CJK extension B) is wide too
    assert display_width("ＡＢc½") == 6  # full-width letters 2 each, c and ½ one each
    assert display_width("") == 0
