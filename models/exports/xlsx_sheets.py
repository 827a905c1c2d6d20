"""Shared helpers for every workbook the app writes: safe cell values, title/header rows,
column widths that fit Chinese text, A4 page setup with repeated title rows. The sheets are collected and
then streamed in openpyxl's write-only mode at save (models/exports/xlsx_stream.py).

Typical use::

    wb, ws = new_workbook("名单")
    row = write_title(ws, "区政协委员名单", width)
    row = write_header(ws, headers, row)
    ... write_row(ws, values, row) for each data row ...
    finish_table(ws, header_row=..., last_row=..., landscape=True)
    save_workbook(wb, path)

Also: write_group_header (two header rows, a group's name over its columns), write_total_row (合计),
write_paragraph (a merged, wrapped block of text below a table).
"""

import contextlib
import itertools
import math
import os
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from models.errors import DomainError
from models.exports.xlsx_stream import Book, CellRef, Look, Sheet, variant
from models.os_errors import os_reason
from models.text import fit_text, is_fit

# Fonts that exist on every Windows office PC; Excel substitutes on other systems.
TITLE_FONT_NAME = "黑体"
BODY_FONT_NAME = "宋体"
TITLE_FONT = Font(name=TITLE_FONT_NAME, size=16, bold=True)
SUBTITLE_FONT = Font(name=BODY_FONT_NAME, size=10)
HEADER_FONT = Font(name=BODY_FONT_NAME, size=11, bold=True)
BODY_FONT = Font(name=BODY_FONT_NAME, size=11)
BAND_FONT = Font(name=BODY_FONT_NAME, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BAND_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="808080")
THIN_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_ALIGN = Alignment(vertical="center", wrap_text=True)
NUMBER_ALIGN = Alignment(horizontal="center", vertical="center")

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
TIME_FORMAT = "hh:mm"
EXCEL_TEXT_MAX = 32767  # Excel refuses longer cell text
MIN_WIDTH, MAX_WIDTH = 4, 50
EXCEL_DEFAULT_WIDTH = 8.43  # a column whose width was never set
LINE_HEIGHT = 15.0  # points per line of 10-11 pt text

# A leading = + - @ makes Excel treat typed text as a formula: such cells get a quote prefix.
_FORMULA_START = ("=", "+", "-", "@")


def safe_text(value) -> str:
    """Text fit for a cell: what XML cannot hold removed (fit_text: Excel would call the file corrupt;
    tab and line break kept), None → ""."""
    if value is None:
        return ""
    text = str(value)
    if len(text) <= EXCEL_TEXT_MAX and is_fit(text):  # nearly all text: one scan, nothing to change
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return fit_text(text)[:EXCEL_TEXT_MAX]


def cell_value(value):
    """`value` as a cell holds it: strings stay text, dates are real dates (without a time zone), numbers are
    numbers, True/False are 是/否, None (and empty text) leaves the cell empty."""
    if value is None or (isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, (date, time)):
        return value
    return safe_text(value) or None


def value_look(value, look: Look) -> Look:
    """The look a cell value needs on top of `look`: the Chinese date formats, and a quote prefix on text
    that Excel would otherwise take for a formula when it is edited."""
    if isinstance(value, str):
        return variant(look, "quote_prefix", True) if value.startswith(_FORMULA_START) else look
    if isinstance(value, datetime):
        return variant(look, "number_format", DATETIME_FORMAT)
    if isinstance(value, date):
        return variant(look, "number_format", DATE_FORMAT)
    if isinstance(value, time):
        return variant(look, "number_format", TIME_FORMAT)
    return look


def put(cell: CellRef, value, number_format: str | None = None) -> None:
    """Write `value` the Excel-safe way (see cell_value and value_look), keeping the cell's font and border."""
    value = cell_value(value)
    cell.value = value
    look = value_look(value, cell.look)
    cell.look = variant(look, "number_format", number_format) if number_format else look


def display_width(value) -> int:
    """Width in Excel character units: a CJK/full-width character counts 2, others 1;
    for multi-line text the longest line."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 21  # "2023年12月31日 14:30" in DATETIME_FORMAT
    if isinstance(value, date):
        return 15  # "2023年12月31日" in DATE_FORMAT
    if isinstance(value, float):
        value = f"{value:.2f}"
    return max(_line_width(line) for line in str(value).split("\n"))


def _line_width(line: str) -> int:
    if line.isascii():
        return len(line)
    # Every character's class in one C-level pass ("W", "F", "Na", ...): fit_columns measures every cell.
    classes = "".join(map(unicodedata.east_asian_width, line))
    return len(line) + classes.count("W") + classes.count("F")


def new_workbook(sheet_title: str) -> tuple[Book, Sheet]:
    workbook = Book()
    return workbook, workbook.create_sheet(sheet_title)


def write_band(ws: Sheet, row: int, text: str, width: int, *, font: Font = BAND_FONT,
               alignment: Alignment | None = None, fill: PatternFill | None = None, border: bool = False,
               height: float | None = None) -> int:
    """One merged row across `width` columns (titles, group headings, totals). Returns the next row."""
    cell = ws.cell(row=row, column=1)
    put(cell, text)
    cell.font = font
    cell.alignment = alignment or Alignment(horizontal="left", vertical="center")
    for column in range(1, width + 1):
        target = ws.cell(row=row, column=column)
        if fill is not None:
            target.fill = fill
        if border:
            target.border = THIN_BORDER
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if height:
        ws.row_dimensions[row].height = height
    return row + 1


def write_title(ws: Sheet, text: str, width: int, row: int = 1) -> int:
    """The sheet's title: merged across the table, 黑体, large, centred."""
    return write_band(ws, row, text, width, font=TITLE_FONT, alignment=CENTER, height=32)


def write_subtitle(ws: Sheet, text: str | None, width: int, row: int) -> int:
    """An optional line under the title (filter, count, date); nothing when text is empty."""
    if not text:
        return row
    return write_band(ws, row, text, width, font=SUBTITLE_FONT, alignment=CENTER, height=20)


HEADER_LOOK = Look(HEADER_FONT, THIN_BORDER, CENTER, HEADER_FILL)
BODY_LOOK = Look(BODY_FONT, THIN_BORDER, BODY_ALIGN)
NUMBER_LOOK = Look(BODY_FONT, THIN_BORDER, NUMBER_ALIGN)
QUOTED_LOOK = variant(BODY_LOOK, "quote_prefix", True)


def _header_cell(ws: Sheet, row: int, column: int, text) -> None:
    cell = ws.cell(row=row, column=column)
    cell.look = HEADER_LOOK
    put(cell, text)


def write_header(ws: Sheet, headers: Sequence[str], row: int) -> int:
    """Bold header cells with a light fill and thin borders. Returns the next row."""
    for column, text in enumerate(headers, start=1):
        _header_cell(ws, row, column, text)
    ws.row_dimensions[row].height = 22
    return row + 1


def write_row(ws: Sheet, values: Iterable, row: int, number_formats: dict[int, str] | None = None) -> int:
    """One body row with borders, numbers and dates centred; `number_formats` maps 1-based columns to a format.
    Returns the next row."""
    cells, looks = [], []
    texts = ws.texts
    for value in values:
        kind = type(value)
        if kind is str:  # the common cases first: a large export is mostly text and whole numbers
            found = texts.get(value)
            if found is None:  # 性别, 党派, 界别 … repeat down a column: each text cleaned once
                text = safe_text(value) or None
                look = QUOTED_LOOK if text is not None and text.startswith(_FORMULA_START) else BODY_LOOK
                found = texts[value] = (text, look)
            value, look = found
        elif kind is int or value is None:
            look = NUMBER_LOOK if value is not None else BODY_LOOK
        else:
            numeric = isinstance(value, (int, float, date)) and not isinstance(value, bool)
            value = cell_value(value)
            look = value_look(value, NUMBER_LOOK if numeric else BODY_LOOK)
        cells.append(value)
        looks.append(look)
    for column, number_format in (number_formats or {}).items():
        if column <= len(looks):
            looks[column - 1] = variant(looks[column - 1], "number_format", number_format)
    ws.set_row(row, cells, looks)
    return row + 1


def write_group_header(ws: Sheet, groups: Sequence[tuple[str, Sequence[str]]], row: int) -> int:
    """Two header rows. Each group is (name, sub-headers): with sub-headers, the name is merged across their
    columns in the first row and they fill the second; without, the name is merged down both rows.
    Returns the row after the second header row (pass that row minus one as `header_row` to finish_table)."""
    column = 1
    for name, subs in groups:
        span = len(subs) or 1
        for offset in range(span):
            _header_cell(ws, row, column + offset, name if offset == 0 else None)
            _header_cell(ws, row + 1, column + offset, subs[offset] if subs else None)
        if subs and span > 1:
            ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
        elif not subs:
            ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        column += span
    ws.row_dimensions[row].height = ws.row_dimensions[row + 1].height = 22
    return row + 2


def write_total_row(ws: Sheet, values: Sequence, row: int, number_formats: dict[int, str] | None = None, *,
                    label_span: int = 1) -> int:
    """A 合计 row: like write_row, bold on a light fill; with label_span > 1 the first cell (the label) is
    merged across that many columns. Returns the next row."""
    next_row = write_row(ws, values, row, number_formats)
    for column in range(1, len(values) + 1):
        cell = ws.cell(row=row, column=column)
        cell.font, cell.fill = HEADER_FONT, BAND_FILL
    if label_span > 1:
        ws.cell(row=row, column=1).alignment = CENTER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_span)
    return next_row


def write_paragraph(ws: Sheet, row: int, text: str, width: int, *, font: Font = BODY_FONT) -> int:
    """`text` wrapped in one merged row across `width` columns, tall enough for its lines at the columns'
    current widths: call it once the widths are set (after finish_table). Returns the next row."""
    text = safe_text(text)
    room = sum(_room(ws, column) for column in range(1, width + 1))
    room = max(room * 11 / (font.sz or 11) - 1, 1)  # larger type holds fewer characters a line
    # A 宋体 character is a little wider than two units of the default font: allow a tenth more.
    lines = sum(max(1, math.ceil(display_width(line) * 1.1 / room)) for line in text.split("\n"))
    return write_band(ws, row, text, width, font=font,
                      alignment=Alignment(horizontal="left", vertical="top", wrap_text=True),
                      height=LINE_HEIGHT * lines * (font.sz or 11) / 11 + 4)


def _room(ws: Sheet, column: int) -> float:
    letter = get_column_letter(column)
    return ws.column_dimensions[letter].width if letter in ws.column_dimensions else EXCEL_DEFAULT_WIDTH


def fit_row_heights(ws: Sheet, first_row: int = 1, last_row: int | None = None) -> None:
    """Give rows whose wrapped text needs several lines a height that shows them all. Excel works this out
    when it opens a file, but LibreOffice and WPS keep the one-line default and print text over the next row.
    Rows that already have a height (titles, headers, paragraphs) and merged cells are left alone."""
    merged = ws.merged_cells_of()
    heights = ws.row_dimensions
    for row in range(first_row, (last_row or ws.max_row) + 1):
        if row not in ws.rows or (row in heights and heights[row].height is not None):
            continue
        lines = 1
        values, looks = ws.rows[row]
        for column, (value, look) in enumerate(zip(values, looks, strict=True), start=1):
            if value is None or (row, column) in merged or not (look.alignment and look.alignment.wrap_text):
                continue
            room = max(_room(ws, column) - 1, 1)
            text = value if isinstance(value, str) else str(value)
            lines = max(lines, sum(max(1, math.ceil(display_width(part) * 1.1 / room)) for part in text.split("\n")))
        if lines > 1:
            heights[row].height = LINE_HEIGHT * lines + 4


def fit_columns(ws: Sheet, header_row: int, last_row: int | None = None, *,
                min_width: int = MIN_WIDTH, max_width: int = MAX_WIDTH) -> None:
    """Column widths from the header and body text (merged bands are ignored), clamped."""
    last_row = last_row or ws.max_row
    merged = ws.merged_cells_of(across_only=True)
    banded = {row for row, _column in merged}
    rows = []
    for row in range(header_row, last_row + 1):
        values, looks = ws.rows.get(row, ((), ()))
        if row in banded:
            values = [None if (row, c) in merged else v for c, v in enumerate(values, start=1)]
        rows.append(zip(values, looks, strict=True))
    widths: dict[int, int] = {}
    for column, cells in enumerate(itertools.zip_longest(*rows, fillvalue=(None, None)), start=1):
        width = _widest(set(cells), max_width - 2)
        if width is not None:
            widths[column] = width
    header = ws.rows.get(header_row, ((), ()))[0]
    header_widths = {column: display_width(v) for column, v in enumerate(header, start=1) if v is not None}
    for column, width in widths.items():
        wanted = max(width, header_widths.get(column, 0)) + 2
        ws.column_dimensions[get_column_letter(column)].width = max(min_width, min(max_width, wanted))


def _widest(cells: set[tuple], enough: int) -> int | None:
    """The widest of a column's distinct (value, look) cells, None if all are empty. Text is measured longest
    first and only while it could still be wider (a character is at most two units wide) and the width is
    below `enough` (the clamp): most of a column's names and numbers are never measured."""
    texts = sorted((value for value, _look in cells if type(value) is str), key=len, reverse=True)
    others = [_formatted_width(value, look) for value, look in cells if value is not None and type(value) is not str]
    if not texts and not others:
        return None
    best = max(others, default=0)
    for text in texts:
        if best >= enough or 2 * len(text) <= best:
            break
        best = max(best, display_width(text))
    return best


def _formatted_width(value, look: Look) -> int:
    if isinstance(value, (date, datetime)) and look and look.number_format in ("yyyy.mm", "yyyy-mm"):
        return 7
    return display_width(value)


def setup_page(sheet: Sheet, *, header_row: int, landscape: bool = False, footer: bool = True) -> None:
    """A4, fit to one page wide (any number tall), rows 1..header_row repeated on every page,
    centred horizontally, header frozen, page numbers in the footer."""
    ws = sheet.ws
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_title_rows = f"1:{header_row}"
    ws.freeze_panes = f"A{header_row + 1}"
    if footer:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9


def finish_table(ws: Sheet, *, header_row: int, last_row: int | None = None, landscape: bool = False) -> None:
    """Widths and page setup once every row is written."""
    fit_columns(ws, header_row, last_row)
    setup_page(ws, header_row=header_row, landscape=landscape)


def save_workbook(workbook: Book, path) -> Path:
    """Write atomically (a temporary file, then replaced) so a failed save never leaves half a file;
    a target open in Excel gives a Chinese message instead of a traceback."""
    path = Path(path)
    if not path.parent.exists():
        raise DomainError(f"无法保存“{path.name}”：文件夹“{path.parent}”不存在，请选择其他位置。")
    temporary = path.with_name(f".~{path.stem}.{os.getpid()}.tmp")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except PermissionError as exc:
        raise DomainError(f"无法保存“{path.name}”：该文件可能正在 Excel 中打开，或文件夹不允许写入。"
                          "请关闭该文件后重试，或换一个文件名/文件夹保存。") from exc
    except OSError as exc:
        raise DomainError(f"无法保存“{path.name}”（{os_reason(exc, path)}）。"
                          "请换一个文件名或文件夹保存，或检查磁盘空间后重试。") from exc
    finally:
        with contextlib.suppress(OSError):  # a name too long cannot be removed either: nothing was written
            temporary.unlink(missing_ok=True)
    return path
