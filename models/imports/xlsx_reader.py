"""Reading the workbooks offices really have: title rows above the header, merged cells,
header texts with spaces, line breaks and asterisks, stray full-width spaces in values.

Every problem with the file itself is a WorkbookError whose Chinese message names the file
and says what to do.
"""

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from models.errors import DomainError, ValidationError
from models.imports.xlsx_guard import (
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MB,
    RATIO_FROM,
    PartTooLarge,
    scan_parts,
    value_rows,
)
from models.imports.xlsx_openpyxl import CellParser, load_read_only
from models.text import clean_line

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 20  # the header is looked for among the first 20 non-empty rows
MAX_DATA_ROWS = 100_000  # rows below the header one import reads; a longer sheet is refused (README says so)
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: a longer text is not from a file Excel saved
MAX_COLUMN_GAP = 10  # empty columns that end the table: values further right are stray, not data
SAVE_AS_HINT = "请用 Excel 打开该文件，选择“文件→另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再导入新保存的文件。"

_HEADER_NOISE = re.compile(r"[\s\u3000*＊:：]+")
_EDGE_SPACES = " \t\r\n\u3000\u00a0\u200b\ufeff"


# What a previewed import does with each row, as the preview dialogs show it.
ADDED, UPDATED, SKIPPED, ERROR = "新增", "更新", "跳过", "错误"  # a preview row's outcome, in every import


def outcome_counts(rows, outcomes=(UPDATED, SKIPPED, ERROR)) -> dict[str, int]:
    """How many rows of a preview have each outcome (every outcome listed, zeros included)."""
    counts = dict.fromkeys(outcomes, 0)
    for row in rows:
        counts[row.outcome] = counts.get(row.outcome, 0) + 1
    return counts


class WorkbookError(DomainError):
    """The file cannot be read as a workbook, or holds nothing usable. `path` is the file."""

    def __init__(self, message: str, path=None):
        super().__init__(message)
        self.path = path


class EmptySheetError(WorkbookError):
    """A sheet with no values: among other sheets it is passed over."""


@dataclass
class SheetTable:
    """One sheet read as a table. Columns are 0-based indexes into `headers` and each row's values."""

    sheet: str
    header_row: int  # Excel row number (1-based) of the header
    headers: list[str]
    mapping: dict[int, str | None]  # column index → field key (None: not recognised)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (Excel row number, values)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of formulas without a saved result

    @property
    def recognised(self) -> int:
        return sum(1 for key in self.mapping.values() if key)


def normalize_header(value) -> str:
    """Header text for matching: no whitespace (also full-width and line breaks), no * or colons,
    parentheses full-width, ASCII lower-case."""
    if value is None:
        return ""
    text = _HEADER_NOISE.sub("", str(value)).replace("(", "（").replace(")", "）")
    return text.lower()


def _file_label(path: Path) -> str:
    return f"“{path.name}”"


def open_workbook(path) -> "Book":
    """The workbook at `path`, opened read-only: each sheet is streamed by its real cells when first asked for,
    whatever size its <dimension> claims (one stray cell at XFD1048576 costs one cell)."""
    path = Path(path)
    name = _file_label(path)
    if not path.is_file():
        raise WorkbookError(f"找不到文件{name}。请确认文件没有被移动、改名或删除。", path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        from models.os_errors import os_reason
        raise WorkbookError(f"无法读取文件{name}（{os_reason(exc)}）。该文件可能正被其他程序独占使用，"
                            "或您没有读取权限。请关闭其他程序后重试。", path) from exc
    if not data:
        raise WorkbookError(f"文件{name}是空的（0 字节），没有可导入的内容。", path)
    if data.startswith(OLE2_MAGIC):
        raise WorkbookError(f"文件{name}是旧版 Excel（.xls）文件，或是设置了打开密码的 Excel 文件，本程序无法直接读取。"
                            "如有密码，请先在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）；"
                            + SAVE_AS_HINT, path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(f"文件{name}不是 Excel 工作簿（.xlsx）。它可能是改了扩展名的文本、CSV 或其他文件，"
                            "或是没有完整复制下来的 Excel 文件。" + SAVE_AS_HINT, path)
    workbook, row_tags = _load(data, path, name)
    book = Book(workbook, path, row_tags)
    if not any(sheet.has_values() for sheet in book.worksheets):
        raise WorkbookError(f"工作簿{name}是空的，没有任何数据。请确认选择了正确的文件。", path)
    return book


def _unreadable(path: Path) -> WorkbookError:
    return WorkbookError(f"文件{_file_label(path)}无法作为 Excel 工作簿读取（文件可能已损坏、不完整，"
                         "或不是 Excel 保存的 .xlsx 文件）。" + SAVE_AS_HINT, path)


def _too_large(path: Path, part: str | None) -> WorkbookError:
    if part:
        what = (f"中的一部分（{part}）解压后过大（超过 {MAX_PART_BYTES // MB} MB，"
                f"或 {RATIO_FROM // MB} MB 以上且是其压缩大小的 {MAX_RATIO} 倍以上）")
    else:
        what = f"的内容解压后合计超过 {MAX_TOTAL_BYTES // MB} MB"
    return WorkbookError(f"文件{_file_label(path)}{what}，远超任何名单表格，可能已损坏，或是被故意构造的异常文件，"
                         "本程序不读取。请确认文件来源；如确为工作表格，请在 Excel 中删除多余内容后另存，"
                         "再导入。", path)


def _load(data: bytes, path: Path, name: str) -> tuple[Workbook, dict[str, int]]:
    """The workbook, and for each zip part an upper bound of its rows (xlsx_guard.scan_parts)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_word = "word/document.xml" in archive.namelist()
            row_tags = {} if is_word else scan_parts(archive)
    except PartTooLarge as exc:
        raise _too_large(path, exc.part) from exc
    except Exception as exc:  # a damaged directory or part, an encrypted part, an unknown compression ...
        raise _unreadable(path) from exc
    if is_word:
        raise WorkbookError(f"文件{name}是 Word 文档，不是 Excel 工作簿。请把名单复制到 Excel 中，"
                            "保存为 .xlsx 后再导入。", path)
    try:
        # From memory, so that openpyxl neither judges the file by its extension nor keeps it open.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (data validation ...) are harmless here
            return load_read_only(data), row_tags
    except Exception as exc:  # whatever openpyxl trips over, the file is not a usable workbook
        raise _unreadable(path) from exc


class Book:
    """A workbook read-only: its worksheets (chart sheets have no table) by position and by name."""

    def __init__(self, workbook: Workbook, path: Path, row_tags: dict[str, int] | None = None):
        self.path = path
        row_tags = row_tags or {}
        self.worksheets = [Sheet(ws, path, row_tags.get(ws._worksheet_path, 0)) for ws in workbook.worksheets]

    @property
    def sheetnames(self) -> list[str]:
        return [sheet.title for sheet in self.worksheets]

    def __getitem__(self, title: str) -> "Sheet":
        for sheet in self.worksheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)


class Sheet:
    """One worksheet, streamed once by its real cells: the rows that hold a value (as {0-based column: value},
    values cleaned) and its merged ranges. Style-only cells and rows, and the <dimension>, cost nothing."""

    def __init__(self, ws, path: Path, row_tags: int = 0):
        self._ws = ws
        self._path = path
        self._row_tags = row_tags  # an upper bound of the sheet's rows, from its XML's row tags
        self.title = ws.title
        self.sheet_state = ws.sheet_state
        self._cells: list[tuple[int, dict[int, object]]] | None = None
        self.merged: list[tuple[int, int, int, int]] = []  # (min_col, min_row, max_col, max_row), 1-based
        self.formulas: set[tuple[int, int]] = set()  # (row, 0-based column) of formulas without a saved result

    def cells(self) -> list[tuple[int, dict[int, object]]]:
        if self._cells is None:
            self._cells = self._stream()
        return self._cells

    def has_values(self) -> bool:
        return bool(self.cells())

    def _stream(self) -> list[tuple[int, dict[int, object]]]:
        ws, rows = self._ws, []
        limit = MAX_DATA_ROWS + HEADER_SEARCH_ROWS  # past this the sheet is refused whatever its header
        try:
            if self._row_tags > limit:  # perhaps too many: count the rows with values, without parsing them
                with ws._get_source() as source:
                    if value_rows(source, limit) > limit:
                        raise _too_many_rows(self._path, self.title)
            with ws._get_source() as source, warnings.catch_warnings():
                warnings.simplefilter("ignore")  # dates out of range become "#VALUE!": a row error, not a crash
                # openpyxl's own streaming parser, used directly: ReadOnlyWorksheet.iter_rows would pad every
                # row to the claimed width and yield an empty row for every missing one.
                parser = CellParser(source, ws._shared_strings, data_only=True, epoch=ws.parent.epoch,
                                    date_formats=ws.parent._date_formats,
                                    timedelta_formats=ws.parent._timedelta_formats)
                for number, row in parser.parse():
                    values = {}
                    for cell in row:
                        value = clean_value(cell["value"])
                        if value is not None:
                            self._check_size(value, cell["row"], cell["column"])
                            values[cell["column"] - 1] = value
                    if values:
                        rows.append((number, values))
                        if len(rows) > limit:
                            raise _too_many_rows(self._path, self.title)
                merges = parser.merged_cells.mergeCell if parser.merged_cells else []
                self.merged = [range_boundaries(m.ref) for m in merges if m.ref]
                self.formulas = parser.formulas
        except WorkbookError:
            raise
        except Exception as exc:  # broken XML, a damaged or cut-off zip member, bad references ...
            raise _unreadable(self._path) from exc
        return rows

    def _check_size(self, value, row: int, column: int) -> None:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise WorkbookError(f"文件{_file_label(self._path)}的工作表“{self.title}”中，"
                                f"{get_column_letter(column)}{row} 单元格有 {len(value):,} 个字符，超过 Excel "
                                f"单元格的上限（{MAX_CELL_CHARS:,} 个字符），该文件不是 Excel 正常保存的。"
                                "请在 Excel 中检查该单元格后另存，再导入。", self._path)

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, values_only: bool = True):
        """Rows `min_row`..`max_row` (Excel numbers) as tuples up to their last value, empty rows included."""
        by_number = dict(self.cells())
        last = max_row if max_row is not None else max(by_number, default=0)
        for number in range(min_row, last + 1):
            values = by_number.get(number, {})
            width = max(values, default=-1) + 1
            yield tuple(values.get(i) for i in range(width))


def _too_many_rows(path: Path, title: str) -> WorkbookError:
    return WorkbookError(f"文件{_file_label(path)}的工作表“{title}”有超过 {MAX_DATA_ROWS:,} 行数据，"
                         f"超出一次导入的上限（{MAX_DATA_ROWS:,} 行）。请把表格拆成几个文件，分别导入。", path)


def sheet_names(workbook: Book) -> list[str]:
    """Names of the worksheets (chart sheets have no table to read)."""
    return [ws.title for ws in workbook.worksheets]


def clean_value(value):
    """Strings trimmed of stray (full-width) spaces, "" → None; dates and numbers unchanged."""
    if isinstance(value, str):
        value = value.strip(_EDGE_SPACES)
        return value or None
    return value


def _table_width(rows: list[tuple[int, dict[int, object]]]) -> int:
    """Columns of the table: from the first used column rightwards, across gaps of at most MAX_COLUMN_GAP empty
    columns. A stray value far to the right (XFD) is outside the table, as Excel's own "current region" is."""
    used = sorted({column for _number, values in rows for column in values})
    width = 0
    for column in used:
        if width and column - width >= MAX_COLUMN_GAP:
            break
        width = column + 1
    return width


def _fill_vertical_merges(sheet: Sheet, rows: list[tuple[int, list]]) -> None:
    """A cell merged down one column (界别 spanning its members) counts for every row it covers.
    Merges across columns (group headings, titles) keep their text in the first cell only."""
    index = {number: values for number, values in rows}
    for min_col, min_row, max_col, max_row in sheet.merged:
        if min_col != max_col or min_row == max_row or min_row not in index or min_col > len(index[min_row]):
            continue
        column = min_col - 1
        top = index[min_row][column]
        for number, values in rows:  # only the rows that hold something: a merge costs its real rows
            if min_row < number <= max_row and column < len(values):
                values[column] = top


def _grid(sheet: Sheet) -> list[tuple[int, list]]:
    """The sheet's non-empty rows (Excel number, values across the table's width)."""
    cells = sheet.cells()
    width = _table_width(cells)
    grid = [(number, [values.get(i) for i in range(width)]) for number, values in cells]
    _fill_vertical_merges(sheet, grid)
    return [(number, values) for number, values in grid if any(v is not None for v in values)]


def _header_hits(row: list, aliases: dict[str, str]) -> int:
    return sum(1 for value in row if normalize_header(value) in aliases)


def _detect_mapping(headers: list[str], aliases: dict[str, str]) -> dict[int, str | None]:
    """Column → field; when two columns claim one field the first wins."""
    mapping: dict[int, str | None] = {}
    taken = set()
    for index, text in enumerate(headers):
        key = aliases.get(normalize_header(text))
        mapping[index] = key if key not in taken else None
        if key:
            taken.add(key)
    return mapping


def read_table(worksheet: Sheet, header_aliases: dict[str, str]) -> SheetTable:
    """The header row is the row among the first 20 non-empty ones with the most known header texts (ties:
    the first); rows above it are ignored; data rows follow, entirely empty rows dropped."""
    aliases = {normalize_header(alias): key for alias, key in header_aliases.items()}
    grid = _grid(worksheet)
    if not grid:
        raise EmptySheetError(f"工作表“{worksheet.title}”是空的，没有可导入的内容。请选择其他工作表。")
    best, best_hits = 0, 0  # nothing recognised: the first non-empty row is the best guess to show the user
    for index, (_number, row) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        hits = _header_hits(row, aliases)
        if hits > best_hits:
            best, best_hits = index, hits
    header_row, header = grid[best]
    rows = grid[best + 1:]
    if len(rows) > MAX_DATA_ROWS:
        raise _too_many_rows(worksheet._path, worksheet.title)
    headers = ["" if v is None else str(v).strip(_EDGE_SPACES) for v in header]
    return SheetTable(sheet=worksheet.title, header_row=header_row, headers=headers,
                      mapping=_detect_mapping(headers, aliases), rows=rows, formulas=worksheet.formulas)


# ---- helpers every import uses ---------------------------------------------------------------

def cell_text(value) -> str:
    """A cell as one line of text: 13912345678.0 → "13912345678", a date → "1968-05-01"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    return clean_line(value)


def check_mapping(mapping: dict[int, str | None], labels: dict[str, str],
                  ignored: tuple[str, ...] = ("seq",)) -> dict[int, str | None]:
    """A mapping from the column editor: known fields only, each field on one column."""
    columns: dict[str, list[int]] = {}
    for index, key in mapping.items():
        if key is not None and key not in labels:
            raise ValidationError(f"未知的字段“{key}”。")
        if key and key not in ignored:
            columns.setdefault(key, []).append(index)
    for key, indexes in columns.items():
        if len(indexes) > 1:
            letters = "、".join(get_column_letter(i + 1) for i in sorted(indexes))
            raise ValidationError(f"“{labels[key]}”对应了多列（{letters} 列），请只保留一列。")
    return dict(mapping)


def find_table(workbook: Book, aliases: dict[str, str], required: str, path, sheet: str | None = None):
    """The asked-for sheet, or the first sheet (visible ones first) whose header has the `required`
    field; failing that the sheet with the most recognised headers, for the error message."""
    if sheet is not None:
        if sheet not in sheet_names(workbook):
            raise WorkbookError(f"文件“{Path(path).name}”中没有名为“{sheet}”的工作表。", path)
        return read_table(workbook[sheet], aliases)
    tables = []
    for ws in sorted(workbook.worksheets, key=lambda ws: ws.sheet_state != "visible"):
        try:
            table = read_table(ws, aliases)
        except EmptySheetError:  # an empty sheet among others
            continue
        if required in table.mapping.values():
            return table
        tables.append(table)
    return max(tables, key=lambda t: t.recognised)


def missing_column(path, table: SheetTable, label: str) -> WorkbookError:
    seen = "、".join(f"“{h}”" for h in table.headers if h) or "（无）"
    return WorkbookError(f"在文件“{Path(path).name}”的工作表“{table.sheet}”中没有找到“{label}”列。"
                         f"识别到的列标题（第 {table.header_row} 行）：{seen}。"
                         f"请把该列的标题改为“{label}”，或在列对应关系中指定哪一列是{label}。", path)
