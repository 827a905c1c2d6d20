"""The checks before a workbook is parsed (models/imports/xlsx_guard.py): a sheet far over the row cap is
refused without parsing its rows, a zip bomb is refused before openpyxl opens it (also when the zip directory
lies about the sizes); and a sheet is parsed once (xlsx_openpyxl.py): no dimension search, formulas without a
saved result found in the reader's own pass."""

import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser
from sqlalchemy import func
from sqlmodel import select

from models.imports import xlsx_guard, xlsx_openpyxl, xlsx_reader
from models.imports.people_import import analyse_people_import
from models.imports.xlsx_reader import MAX_DATA_ROWS, WorkbookError, open_workbook, read_table
from models.tables import Person

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook(path: Path, sheet_xml) -> Path:
    """An openpyxl workbook whose sheet XML is replaced by `sheet_xml` (bytes, or chunks of bytes written one by
    one, so that a bomb is never whole in memory)."""
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["姓名"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != SHEET:
                dst.writestr(item, src.read(item.filename))
                continue
            with dst.open(SHEET, "w") as member:
                for chunk in [sheet_xml] if isinstance(sheet_xml, bytes) else sheet_xml:
                    member.write(chunk)
    return path


def _sheet(rows: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="A1"/>'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()


HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'


def _name_rows(first: int, last: int) -> str:
    return "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>人{n}</t></is></c></row>'
                   for n in range(first, last + 1))


def _people(database) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(Person)).one()


@pytest.fixture
def no_parsing(monkeypatch):
    """openpyxl's row parser must not run: the sheet is refused from its bytes alone."""
    def refuse(self):
        raise AssertionError("the sheet's rows were parsed")
        yield  # pragma: no cover - a generator, as the real parse is

    monkeypatch.setattr(xlsx_openpyxl.CellParser, "parse", refuse)


def test_a_sheet_far_over_the_cap_is_refused_without_parsing_its_rows(tmp_path, database, no_parsing):
    rows = 2 * MAX_DATA_ROWS
    path = _workbook(tmp_path / "二十万行.xlsx", _sheet(HEADER + _name_rows(2, rows + 1)))
    before = _people(database)
    with database.session() as session, pytest.raises(WorkbookError) as refused:
        analyse_people_import(session, path)
    assert refused.value.message == xlsx_reader._too_many_rows(path, "名单").message
    assert f"有超过 {MAX_DATA_ROWS:,} 行数据，超出一次导入的上限（{MAX_DATA_ROWS:,} 行）" in refused.value.message
    assert _people(database) == before


def test_style_only_rows_do_not_count_towards_the_cap(tmp_path, database):
    """Row tags alone are only a hint: 250,000 formatted empty rows under three names are a three-row table."""
    styled = "".join(f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}"><v></v></c></row>'
                     for n in range(5, 250_005))
    path = _workbook(tmp_path / "格式行.xlsx",
                     _sheet(HEADER + _name_rows(2, 4) + styled))
    table = read_table(open_workbook(path).worksheets[0], {"姓名": "name"})
    assert [number for number, _values in table.rows] == [2, 3, 4]


def test_value_rows_counts_across_chunk_ends(monkeypatch):
    """A tag cut by the end of a chunk is counted once, with the next chunk; empty values do not count."""
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v></v></c>'
                 '<c r="B2" t="inlineStr"><is><t xml:space="preserve"></t></is></c></row>'
                 '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">张三</t></is></c></row>'
                 '<row r="4"/><row r="5" s="1"><c r="A5" s="1"/></row><row r="6"><c r="A6" t="s"><v>0</v></c>'
                 f'<c r="B6" t="inlineStr"><is><t>{"长" * 300}</t></is></c></row>')
    for chunk in (1, 2, 3, 5, 7, 64, 1 << 20):
        monkeypatch.setattr(xlsx_guard, "_CHUNK", chunk)
        assert xlsx_guard.value_rows(io.BytesIO(xml), 100) == 3, chunk
        assert xlsx_guard.value_rows(io.BytesIO(xml), 1) == 2, chunk  # counting stops past the limit


# ---- zip bombs ----------------------------------------------------------------------------------------------

def _padding(megabytes: int):
    """A sheet whose XML is mostly spaces: packs about 1,000 times, as a deflate bomb does."""
    yield _sheet("")[:-len(b"</sheetData></worksheet>")]
    for _ in range(megabytes):
        yield b" " * xlsx_guard.MB
    yield b"</sheetData></worksheet>"


@pytest.fixture
def no_openpyxl(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl opened the file")

    monkeypatch.setattr(xlsx_reader, "load_read_only", refuse)


def _refused_as_too_large(database, path: Path, part: str | None = SHEET) -> None:
    before = _people(database)
    with database.session() as session, pytest.raises(WorkbookError) as refused:
        analyse_people_import(session, path)
    message = refused.value.message
    assert message.startswith(f"文件“{path.name}”") and "可能已损坏，或是被故意构造的异常文件" in message, message
    if part:
        assert f"中的一部分（{part}）解压后过大（超过 {xlsx_guard.MAX_PART_BYTES // xlsx_guard.MB} MB" in message
        assert f"是其压缩大小的 {xlsx_guard.MAX_RATIO} 倍以上" in message
    else:
        assert "的内容解压后合计超过 600 MB" in message  # the real cap, whatever a test sets
    assert _people(database) == before


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path, database, no_openpyxl):
    path = _workbook(tmp_path / "炸弹.xlsx", _padding(64))
    assert path.stat().st_size < xlsx_guard.MB  # 64 MB of XML in a file of well under 1 MB
    _refused_as_too_large(database, path)


def _claim_size(path: Path, member: str, size: int) -> None:
    """Make the zip's directory (and local header) say `member` unpacks to `size` bytes, the data unchanged."""
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + struct.unpack_from("<H", data, central + 28)[0]] != member.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)
    struct.pack_into("<I", data, struct.unpack_from("<I", data, central + 42)[0] + 22, size)
    path.write_bytes(bytes(data))


def test_a_directory_that_understates_the_size_is_caught_while_unpacking(tmp_path, database, no_openpyxl):
    path = _workbook(tmp_path / "谎报.xlsx", _padding(20))
    _claim_size(path, SHEET, 4000)  # small enough to pass every check of the directory
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size == 4000
    _refused_as_too_large(database, path)


def test_a_directory_claiming_a_huge_part_is_refused_before_unpacking(tmp_path, database, no_openpyxl):
    path = _workbook(tmp_path / "巨大.xlsx", _sheet(HEADER + _name_rows(2, 10)))
    _claim_size(path, SHEET, xlsx_guard.MAX_PART_BYTES + 1)
    _refused_as_too_large(database, path)


def test_the_parts_together_have_a_cap(tmp_path, database, monkeypatch):
    path = _workbook(tmp_path / "合计.xlsx", _sheet(HEADER + _name_rows(2, 10)))
    with database.session() as session:
        assert len(analyse_people_import(session, path).rows) == 9
    monkeypatch.setattr(xlsx_guard, "MAX_TOTAL_BYTES", 2000)  # the workbook's parts come to more than that
    _refused_as_too_large(database, path, part=None)


def test_the_caps_are_in_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{xlsx_guard.MAX_PART_BYTES // xlsx_guard.MB} MB" in readme and f"{xlsx_guard.MAX_RATIO} 倍" in readme


# ---- formulas: found in the reader's one pass ----------------------------------------------------------------

def test_formulas_without_a_result_are_found_in_the_one_pass(tmp_path, database, monkeypatch):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别"])
    book.active.append(["=A1&\"\"", "男"])  # saved by openpyxl: no result
    book.active.append(["李秀英", "=\"女\""])
    path = tmp_path / "公式.xlsx"
    book.save(path)
    passes = []
    real = xlsx_openpyxl.CellParser.parse

    def counted(self):
        passes.append(1)
        yield from real(self)

    monkeypatch.setattr(xlsx_openpyxl.CellParser, "parse", counted)
    assert read_table(open_workbook(path).worksheets[0], {"姓名": "name"}).formulas == {(2, 0), (3, 1)}
    with database.session() as session:
        [first, _second] = analyse_people_import(session, path).rows
    assert "姓名单元格是公式" in first.reason
    assert passes == [1, 1]  # one parse of the sheet per reading, the formulas found in it


def test_a_sheet_without_a_dimension_is_not_parsed_to_look_for_one(tmp_path, database, monkeypatch):
    """openpyxl's write-only files have no <dimension>: openpyxl's own search for it would parse the whole sheet."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    for row in (["姓名", "性别"], ["王建国", "男"], ["李秀英", "女"]):
        sheet.append(row)
    path = tmp_path / "无尺寸.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b"<dimension" not in archive.read(SHEET)

    def refuse(self):
        raise AssertionError("the sheet was parsed for its dimension")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", refuse)
    with database.session() as session:
        assert [row.name for row in analyse_people_import(session, path).rows] == ["王建国", "李秀英"]
