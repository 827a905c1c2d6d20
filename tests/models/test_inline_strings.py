"""Inline strings are read without openpyxl's Text objects (models/imports/xlsx_openpyxl.py), to the same values."""

import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from openpyxl.cell.text import Text
from openpyxl.worksheet._reader import WorkSheetParser

from models.imports.xlsx_openpyxl import CellParser
from models.imports.xlsx_reader import open_workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CELLS = [
    '<c r="B3" t="inlineStr"><is><t>张伟</t></is></c>',
    '<c r="C3" t="inlineStr" s="2"><is><t xml:space="preserve">  前后空格  </t></is></c>',
    '<c r="D3" t="inlineStr"><is><r><rPr><b/></rPr><t>区人民</t></r><r><t>医院</t></r></is></c>',
    '<c r="E3" t="inlineStr"><is><t>主</t><r><t>任</t></r><rPh sb="0" eb="1"><t>ジュ</t></rPh></is></c>',
    '<c r="F3" t="inlineStr"><is><t/></is></c>',
    '<c r="G3" t="inlineStr"><is><r><t>一</t><t>二</t></r><r/></is></c>',
    '<c r="H3" t="inlineStr"/>',
    '<c t="inlineStr"><is><t>没有坐标</t></is></c>',
    '<c r="J3" t="inlineStr" s="0"><is><t>第</t><t>二个 t</t></is></c>',
]


def _parsers():
    made = []
    for cls in (WorkSheetParser, CellParser):
        parser = cls(io.BytesIO(b""), [], data_only=True)
        parser.row_counter, parser.col_counter = 3, 9
        made.append(parser)
    return made


@pytest.mark.parametrize("xml", CELLS)
def test_same_cell_as_openpyxl(xml):
    element = ET.fromstring(xml.replace("<c ", f'<c xmlns="{NS}" xmlns:xml="http://www.w3.org/XML/1998/namespace" ', 1))
    theirs, ours = (parser.parse_cell(element) for parser in _parsers())
    assert ours == theirs


def test_a_write_only_roster_is_read_without_text_objects(tmp_path, monkeypatch):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(["姓名", "工作单位及职务"])
    sheet.append(["张伟", "区人民医院　副院长"])
    book.save(tmp_path / "roster.xlsx")

    def refuse(*_args, **_kwargs):
        raise AssertionError("Text.from_tree used")

    monkeypatch.setattr(Text, "from_tree", classmethod(refuse))
    rows = open_workbook(tmp_path / "roster.xlsx").worksheets[0].cells()
    assert rows == [(1, {0: "姓名", 1: "工作单位及职务"}), (2, {0: "张伟", 1: "区人民医院　副院长"})]
