"""Shared workbook helpers: safe values, layout, page setup, saving."""

from datetime import date, datetime

import openpyxl
import pytest

from models.errors import DomainError
from models.exports.xlsx_sheets import (
    display_width,
    finish_table,
    new_workbook,
    put,
    safe_text,
    save_workbook,
    write_group_header,
    write_header,
    write_paragraph,
    write_row,
    write_subtitle,
    write_title,
    write_total_row,
)


def test_safe_text_strips_control_characters_but_keeps_tab_and_newline():
    assert safe_text(None) == ""
    assert safe_text("a\x07b\x00c\x1f") == "abc"
    assert safe_text("第一行\r\n第二行\t尾") == "第一行\n第二行\t尾"
    assert safe_text(12) == "12"
    assert len(safe_text("字" * 40000)) == 32767


def test_display_width_counts_cjk_as_two():
    assert display_width("张伟") == 4
    assert display_width("abc") == 3
    assert display_width("（全角）") == 8
    assert display_width("短\n更长一些") == 8
    assert display_width(None) == 0
    assert display_width(date(2023, 12, 31)) >= 14  # "2023年12月31日" must not show as ####
    assert display_width(datetime(2023, 12, 31, 14, 30)) >= 20


@pytest.mark.parametrize("text", ["=1+1", "+8613900000000", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")"])
def test_user_text_is_never_a_formula(tmp_path, text):
    wb, ws = new_workbook("测试")
    put(ws["A1"], text)
    assert ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    path = save_workbook(wb, tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(path)["测试"]["A1"]
    assert back.value == text and back.data_type == "s"


def test_values_keep_their_kind(tmp_path):
    wb, ws = new_workbook("测试")
    for cell, value in zip(("A1", "B1", "C1", "D1", "E1", "F1", "G1"),
                           (12, 3.5, date(2024, 5, 18), datetime(2024, 5, 18, 14, 0), "13912345678", None, True),
                           strict=True):
        put(ws[cell], value)
    put(ws["H1"], date(1968, 5, 1), "yyyy.mm")
    path = save_workbook(wb, tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(path)["测试"]
    assert back["A1"].value == 12 and back["B1"].value == 3.5
    assert back["C1"].value == datetime(2024, 5, 18) and back["C1"].is_date
    assert back["D1"].value == datetime(2024, 5, 18, 14, 0)
    assert back["E1"].value == "13912345678" and back["E1"].data_type == "s"  # phones stay text
    assert back["F1"].value is None and back["G1"].value == "是"
    assert back["H1"].number_format == "yyyy.mm"
    assert not back["E1"].quotePrefix


def test_table_layout_and_page_setup(tmp_path):
    wb, ws = new_workbook("名单")
    row = write_title(ws, "区政协委员名单", 3)
    row = write_subtitle(ws, "共 2 人", 3, row)
    assert write_subtitle(ws, None, 3, row) == row
    header_row = row
    row = write_header(ws, ["序号", "姓名", "工作单位及职务"], row)
    row = write_row(ws, [1, "张伟", "区人民医院院长（主任医师）兼区医学会副会长、区医师协会会长"], row)
    row = write_row(ws, [2, "李娜", "区一中"], row)
    finish_table(ws, header_row=header_row, last_row=row - 1, landscape=True)
    path = save_workbook(wb, tmp_path / "名单.xlsx")
    ws = openpyxl.load_workbook(path)["名单"]
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}
    assert "A2:C2" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.b and ws["A1"].font.name == "黑体" and ws["A1"].alignment.horizontal == "center"
    assert ws["B3"].font.b and ws["B3"].fill.fgColor.rgb.endswith("DDEBF7") and ws["B3"].border.left.style == "thin"
    assert ws["B4"].font.name == "宋体" and ws["B4"].border.bottom.style == "thin"
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$1:$3"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
    widths = {c: ws.column_dimensions[c].width for c in "ABC"}
    assert widths["A"] >= 6  # at least the header "序号"
    assert widths["B"] == 6  # 姓名 / 张伟: 4 + padding
    assert widths["C"] == 50  # long text is clamped (and wraps)


def test_group_header_total_row_and_paragraph(tmp_path):
    wb, ws = new_workbook("表")
    row = write_group_header(ws, [("姓名", ()), ("双月协商会", ("应邀", "出席")), ("备注", ())], 1)
    assert row == 3
    row = write_row(ws, ["张伟", 2, 1, None], row)
    row = write_total_row(ws, ["合计", 2, 1, None], row)
    row = write_total_row(ws, ["合计（两列）", None, 1, None], row, label_span=2)
    finish_table(ws, header_row=2, last_row=row - 1)
    next_row = write_paragraph(ws, row, "说" * 60 + "\n第二段", 4)
    assert next_row == row + 1
    path = save_workbook(wb, tmp_path / "表.xlsx")
    ws = openpyxl.load_workbook(path)["表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:A2", "B1:C1", "D1:D2", "A5:B5", "A6:D6"} <= merged
    assert [c.value for c in ws[1]] == ["姓名", "双月协商会", None, "备注"]
    assert [c.value for c in ws[2]] == [None, "应邀", "出席", None]
    assert ws["B2"].font.b and ws["C2"].border.left.style == "thin"
    assert ws["A4"].font.b and ws["B4"].value == 2 and ws["B4"].fill.fgColor.rgb.endswith("F2F2F2")
    assert ws["A6"].alignment.wrap_text and ws["A6"].value.endswith("第二段")
    assert ws.row_dimensions[6].height > 3 * 15  # 120 units of text in four narrow columns, then a second line
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"


def test_save_reports_a_missing_folder(tmp_path):
    wb, _ws = new_workbook("x")
    with pytest.raises(DomainError, match="不存在"):
        save_workbook(wb, tmp_path / "nowhere" / "x.xlsx")
    assert not list(tmp_path.iterdir())


def test_fit_row_heights_makes_room_for_wrapped_text():
    from models.exports.xlsx_sheets import fit_row_heights, write_row

    _workbook, ws = new_workbook("表")
    for row, text in enumerate(("短", "民族宗教和港澳台侨委员会" * 2, "一行\n二行\n三行"), start=1):
        write_row(ws, [text, 1], row)
    ws.row_dimensions[4].height = 30
    write_row(ws, ["很长的标题" * 10], 4)
    ws.column_dimensions["A"].width = 12
    fit_row_heights(ws)
    assert ws.row_dimensions[1].height is None  # one line: left to the spreadsheet program
    assert ws.row_dimensions[2].height >= 4 * 15  # 48 units of text in 12-unit lines
    assert ws.row_dimensions[3].height >= 3 * 15
    assert ws.row_dimensions[4].height == 30  # a height already given stays


def test_merged_bands_are_framed_as_openpyxl_frames_them(tmp_path):
    """A band merged across the table keeps only its first cell; the others carry just the frame's edges
    (as openpyxl's merge_cells leaves them on an ordinary sheet), so Excel and WPS draw the whole box."""
    from models.exports.xlsx_sheets import BAND_FILL, write_band

    wb, ws = new_workbook("表")
    write_band(ws, 1, "经济（3人）", 3, fill=BAND_FILL, border=True, height=20)
    write_row(ws, [1, "张伟", "区一中"], 2)
    path = save_workbook(wb, tmp_path / "表.xlsx")
    ws = openpyxl.load_workbook(path)["表"]
    first, middle, last = ws["A1"], ws["B1"], ws["C1"]
    assert first.value == "经济（3人）" and first.fill.fgColor.rgb.endswith("F2F2F2")
    assert {first.border.left.style, first.border.top.style, first.border.bottom.style} == {"thin"}
    assert middle.value is None and middle.fill.fill_type is None
    assert (middle.border.top.style, middle.border.bottom.style, middle.border.left.style) == ("thin", "thin", None)
    assert last.border.right.style == "thin" and last.border.left.style is None
    assert ws.row_dimensions[1].height == 20 and ws["C2"].value == "区一中"


def test_columns_measure_every_long_text_and_stop_at_the_clamp(tmp_path):
    """Widths come from the widest text even when it is rare, and from numbers and dates too."""
    wb, ws = new_workbook("表")
    header_row = 1
    row = write_header(ws, ["序号", "姓名", "日期"], header_row)
    for seq in range(1, 200):
        row = write_row(ws, [seq * 1000, "张三", date(2024, 5, 18)], row)
    row = write_row(ws, [1, "欧阳娜娜ab", None], row)  # one name wider than the rest: 10 units
    finish_table(ws, header_row=header_row, last_row=row - 1)
    path = save_workbook(wb, tmp_path / "表.xlsx")
    ws = openpyxl.load_workbook(path)["表"]
    assert ws.column_dimensions["A"].width == 8  # 199000: 6 digits + 2
    assert ws.column_dimensions["B"].width == 12
    assert ws.column_dimensions["C"].width == 17  # a date in 2024年5月18日 form
