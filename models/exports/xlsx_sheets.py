"""Shared helpers for every workbook the app writes: safe cell values, title/header rows,
column widths that fit Chinese text, A4 page setup with repeated title rows.

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

import math
import os
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from models.errors import DomainError
from models.text import fit_text

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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return fit_text(text)[:EXCEL_TEXT_MAX]


def put(cell, value, number_format: str | None = None) -> None:
    """Write `value` the Excel-safe way: strings stay text (never formulas), dates are real dates,
    numbers are numbers, None leaves the cell empty."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        _put_text(cell, "是" if value else "否")
    elif isinstance(value, (int, float, Decimal)):
        cell.value = value
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, time):
        cell.value = value
        cell.number_format = TIME_FORMAT
    else:
        _put_text(cell, safe_text(value))
    if number_format:
        cell.number_format = number_format


def _put_text(cell, text: str) -> None:
    # Stored directly: openpyxl's `cell.value = ...` would turn "=..." into a formula (undone at once) and
    # check again what safe_text has cleaned, a fifth of a large export's time.
    cell._value, cell.data_type = (text, "s") if text else (None, "n")
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


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


def new_workbook(sheet_title: str) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit for sheet names
    return workbook, sheet


def write_band(ws: Worksheet, row: int, text: str, width: int, *, font: Font = BAND_FONT,
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


def write_title(ws: Worksheet, text: str, width: int, row: int = 1) -> int:
    """The sheet's title: merged across the table, 黑体, large, centred."""
    return write_band(ws, row, text, width, font=TITLE_FONT, alignment=CENTER, height=32)


def write_subtitle(ws: Worksheet, text: str | None, width: int, row: int) -> int:
    """An optional line under the title (filter, count, date); nothing when text is empty."""
    if not text:
        return row
    return write_band(ws, row, text, width, font=SUBTITLE_FONT, alignment=CENTER, height=20)


# Per workbook: each combination of style objects, registered once (see _style).
_REGISTERED: "weakref.WeakKeyDictionary[Workbook, dict]" = weakref.WeakKeyDictionary()


def _style(ws: Worksheet, font: Font, border: Border | None, alignment: Alignment,
           fill: PatternFill | None = None) -> StyleArray:
    """The workbook's style ids for this combination, worked out once. Assigning cell.font, .border, ...
    makes openpyxl hash the style object to find its id, every time: on a 10,000-row export that was most of
    the time. A cell given a copy of these ids looks exactly the same."""
    combos = _REGISTERED.setdefault(ws.parent, {})
    key = (id(font), id(border), id(alignment), id(fill))
    if key not in combos:
        probe = Cell(ws)  # never added to the sheet: it only registers the styles in the workbook
        probe.font, probe.alignment = font, alignment
        if border is not None:
            probe.border = border
        if fill is not None:
            probe.fill = fill
        combos[key] = (probe._style, (font, border, alignment, fill))  # the objects kept: their ids stay theirs
    return combos[key][0]


def styled(cell, style: StyleArray, value, number_format: str | None = None) -> None:
    """`value` written as put() does, with a style from _style (number format and quote prefix on top)."""
    cell._style = StyleArray(style)
    put(cell, value, number_format)


def _style_header_cell(cell, text) -> None:
    styled(cell, _style(cell.parent, HEADER_FONT, THIN_BORDER, CENTER, HEADER_FILL), text)


def write_header(ws: Worksheet, headers: Sequence[str], row: int) -> int:
    """Bold header cells with a light fill and thin borders. Returns the next row."""
    for column, text in enumerate(headers, start=1):
        _style_header_cell(ws.cell(row=row, column=column), text)
    ws.row_dimensions[row].height = 22
    return row + 1


def write_row(ws: Worksheet, values: Iterable, row: int, number_formats: dict[int, str] | None = None) -> int:
    """One body row with borders; `number_formats` maps 1-based columns to a format. Returns the next row."""
    formats = number_formats or {}
    body, number = _style(ws, BODY_FONT, THIN_BORDER, BODY_ALIGN), _style(ws, BODY_FONT, THIN_BORDER, NUMBER_ALIGN)
    for column, value in enumerate(values, start=1):
        numeric = isinstance(value, (int, float, date)) and not isinstance(value, bool)
        styled(ws.cell(row=row, column=column), number if numeric else body, value, formats.get(column))
    return row + 1


def write_group_header(ws: Worksheet, groups: Sequence[tuple[str, Sequence[str]]], row: int) -> int:
    """Two header rows. Each group is (name, sub-headers): with sub-headers, the name is merged across their
    columns in the first row and they fill the second; without, the name is merged down both rows.
    Returns the row after the second header row (pass that row minus one as `header_row` to finish_table)."""
    column = 1
    for name, subs in groups:
        span = len(subs) or 1
        for offset in range(span):
            _style_header_cell(ws.cell(row=row, column=column + offset), name if offset == 0 else None)
            _style_header_cell(ws.cell(row=row + 1, column=column + offset), subs[offset] if subs else None)
        if subs and span > 1:
            ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
        elif not subs:
            ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        column += span
    ws.row_dimensions[row].height = ws.row_dimensions[row + 1].height = 22
    return row + 2


def write_total_row(ws: Worksheet, values: Sequence, row: int, number_formats: dict[int, str] | None = None, *,
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


def write_paragraph(ws: Worksheet, row: int, text: str, width: int, *, font: Font = BODY_FONT) -> int:
    """`text` wrapped in one merged row across `width` columns, tall enough for its lines at the columns'
    current widths: call it once the widths are set (after finish_table). Returns the next row."""
    text = safe_text(text)
    room = sum(ws.column_dimensions[letter].width if letter in ws.column_dimensions else EXCEL_DEFAULT_WIDTH
               for letter in (get_column_letter(c) for c in range(1, width + 1)))
    room = max(room * 11 / (font.sz or 11) - 1, 1)  # larger type holds fewer characters a line
    # A 宋体 character is a little wider than two units of the default font: allow a tenth more.
    lines = sum(max(1, math.ceil(display_width(line) * 1.1 / room)) for line in text.split("\n"))
    return write_band(ws, row, text, width, font=font,
                      alignment=Alignment(horizontal="left", vertical="top", wrap_text=True),
                      height=LINE_HEIGHT * lines * (font.sz or 11) / 11 + 4)


def fit_row_heights(ws: Worksheet, first_row: int = 1, last_row: int | None = None) -> None:
    """Give rows whose wrapped text needs several lines a height that shows them all. Excel works this out
    when it opens a file, but LibreOffice and WPS keep the one-line default and print text over the next row.
    Rows that already have a height (titles, headers, paragraphs) and merged cells are left alone."""
    merged = {(r, c) for rng in ws.merged_cells.ranges
              for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
    for row in ws.iter_rows(min_row=first_row, max_row=last_row or ws.max_row):
        if not row or ws.row_dimensions[row[0].row].height is not None:
            continue
        lines = 1
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged or not cell.alignment.wrap_text:
                continue
            letter = get_column_letter(cell.column)
            room = max((ws.column_dimensions[letter].width if letter in ws.column_dimensions
                        else EXCEL_DEFAULT_WIDTH) - 1, 1)
            text = safe_text(cell.value) if isinstance(cell.value, str) else str(cell.value)
            lines = max(lines, sum(max(1, math.ceil(display_width(part) * 1.1 / room)) for part in text.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 4


def fit_columns(ws: Worksheet, header_row: int, last_row: int | None = None, *,
                min_width: int = MIN_WIDTH, max_width: int = MAX_WIDTH) -> None:
    """Column widths from the header and body text (merged bands are ignored), clamped."""
    last_row = last_row or ws.max_row
    merged = {(r, c) for rng in ws.merged_cells.ranges if rng.max_col > rng.min_col
              for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
    widths: dict[int, int] = {}
    text_widths: dict[str, int] = {}  # 性别, 党派, 界别 ... repeat down a column: each text measured once
    for row in ws.iter_rows(min_row=header_row, max_row=last_row):
        for cell in row:
            value = cell.value
            if value is None or (cell.row, cell.column) in merged:
                continue
            if isinstance(value, str):
                width = text_widths.get(value)
                if width is None:
                    width = text_widths[value] = display_width(value)
            else:
                width = _formatted_width(cell)
            if width > widths.get(cell.column, 0):
                widths[cell.column] = width
    header_widths = {c.column: display_width(c.value) for c in ws[header_row] if c.value is not None}
    for column, width in widths.items():
        wanted = max(width, header_widths.get(column, 0)) + 2
        ws.column_dimensions[get_column_letter(column)].width = max(min_width, min(max_width, wanted))


def _formatted_width(cell) -> int:
    if isinstance(cell.value, (date, datetime)) and cell.number_format in ("yyyy.mm", "yyyy-mm"):
        return 7
    return display_width(cell.value)


def setup_page(ws: Worksheet, *, header_row: int, landscape: bool = False, footer: bool = True) -> None:
    """A4, fit to one page wide (any number tall), rows 1..header_row repeated on every page,
    centred horizontally, header frozen, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_title_rows = f"1:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if footer:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9


def finish_table(ws: Worksheet, *, header_row: int, last_row: int | None = None, landscape: bool = False) -> None:
    """Widths and page setup once every row is written."""
    fit_columns(ws, header_row, last_row)
    setup_page(ws, header_row=header_row, landscape=landscape)


def save_workbook(workbook: Workbook, path) -> Path:
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
        raise DomainError(f"无法保存“{path.name}”（{exc.strerror or exc}）。"
                          "请检查磁盘空间和文件夹权限后重试。") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return path
