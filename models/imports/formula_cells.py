"""Cells holding a formula whose result was never saved (files written by programs other than Excel, or
saved with calculation off). Workbooks are read with their saved results, so such a cell reads as empty:
without this, a formula in 姓名 would be reported as "缺少姓名" and the user would look for the wrong thing.
"""

import posixpath
import re
import zipfile
from xml.etree.ElementTree import iterparse

from openpyxl.utils.cell import coordinate_to_tuple

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CHUNK = 1 << 20


def formula_message(label: str) -> str:
    return f"{label}单元格是公式，读不到它的计算结果。请在 Excel 中把该列复制后粘贴为数值（选择性粘贴→数值），再导入。"


def formula_cells(path, sheet: str) -> set[tuple[int, int]]:
    """(Excel row number, 0-based column) of the sheet's formula cells without a saved result. Best effort:
    a part this cannot follow gives no cells (reading the file itself is the reader's job)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or not _has_formula(archive, part):
                return set()
            with archive.open(part) as source:
                return _unsaved(source)
    except (OSError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile):  # ParseError is a SyntaxError
        return set()


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    with archive.open("xl/workbook.xml") as source:
        rel_id = next((el.get(f"{_REL}id") for _e, el in iterparse(source)
                       if el.tag == f"{_MAIN}sheet" and el.get("name") == sheet), None)
    if rel_id is None:
        return None
    with archive.open("xl/_rels/workbook.xml.rels") as source:
        target = next((el.get("Target") for _e, el in iterparse(source)
                       if el.tag == f"{_PKG_REL}Relationship" and el.get("Id") == rel_id), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    """A cheap byte scan first, so sheets without formulas (nearly all) are not parsed twice."""
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(_CHUNK):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _unsaved(source) -> set[tuple[int, int]]:
    cells = set()
    for _event, el in iterparse(source):
        if el.tag == f"{_MAIN}c":
            if el.find(f"{_MAIN}f") is not None and not el.findtext(f"{_MAIN}v") and el.get("r"):
                row, column = coordinate_to_tuple(el.get("r"))
                cells.add((row, column - 1))
            el.clear()
        elif el.tag == f"{_MAIN}row":
            el.clear()
    return cells
