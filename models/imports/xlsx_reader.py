"""Reading the workbooks offices really have: title rows above the header, merged cells,
header texts with spaces, line breaks and asterisks, stray full-width spaces in values.

Every problem with the file itself is a WorkbookError whose Chinese message names the file
and says what to do.
"""

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.errors import DomainError, ValidationError
from models.text import clean_line

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 20
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


@dataclass
class SheetTable:
    """One sheet read as a table. Columns are 0-based indexes into `headers` and each row's values."""

    sheet: str
    header_row: int  # Excel row number (1-based) of the header
    headers: list[str]
    mapping: dict[int, str | None]  # column index → field key (None: not recognised)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (Excel row number, values)

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


def open_workbook(path) -> Workbook:
    """The workbook at `path` with cached formula values (not read-only, so merged cells are known)."""
    path = Path(path)
    name = _file_label(path)
    if not path.is_file():
        raise WorkbookError(f"找不到文件{name}。请确认文件没有被移动、改名或删除。", path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(OLE2_MAGIC))
    except OSError as exc:
        raise WorkbookError(f"无法读取文件{name}（{exc.strerror or exc}）。该文件可能正被其他程序独占使用，"
                            "或您没有读取权限。请关闭其他程序后重试。", path) from exc
    if not head:
        raise WorkbookError(f"文件{name}是空的（0 字节），没有可导入的内容。", path)
    if head == OLE2_MAGIC:
        raise WorkbookError(f"文件{name}是旧版 Excel（.xls）文件，或是设置了打开密码的 Excel 文件，本程序无法直接读取。"
                            "如有密码，请先在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）；"
                            + SAVE_AS_HINT, path)
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"文件{name}不是 Excel 工作簿（.xlsx）。它可能是改了扩展名的文本、CSV 或其他文件。"
                            + SAVE_AS_HINT, path)
    workbook = _load(path, name)
    if not any(_has_values(ws) for ws in workbook.worksheets):
        raise WorkbookError(f"工作簿{name}是空的，没有任何数据。请确认选择了正确的文件。", path)
    return workbook


def _load(path: Path, name: str) -> Workbook:
    unreadable = WorkbookError(f"文件{name}无法作为 Excel 工作簿读取（文件可能已损坏，"
                               "或不是 Excel 保存的 .xlsx 文件）。" + SAVE_AS_HINT, path)
    try:
        with zipfile.ZipFile(path) as archive:
            is_word = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise unreadable from exc
    if is_word:
        raise WorkbookError(f"文件{name}是 Word 文档，不是 Excel 工作簿。请把名单复制到 Excel 中，"
                            "保存为 .xlsx 后再导入。", path)
    try:
        # A file handle, so that openpyxl does not judge the file by its extension.
        with open(path, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (data validation ...) are harmless here
            return load_workbook(handle, data_only=True)
    except Exception as exc:  # whatever openpyxl trips over, the file is not a usable workbook
        raise unreadable from exc


def _has_values(ws: Worksheet) -> bool:
    return any(value is not None and str(value).strip(_EDGE_SPACES) != ""
               for row in ws.iter_rows(values_only=True) for value in row)


def sheet_names(workbook: Workbook) -> list[str]:
    """Names of the worksheets (chart sheets have no table to read)."""
    return [ws.title for ws in workbook.worksheets]


def clean_value(value):
    """Strings trimmed of stray (full-width) spaces, "" → None; dates and numbers unchanged."""
    if isinstance(value, str):
        value = value.strip(_EDGE_SPACES)
        return value or None
    return value


def _fill_vertical_merges(ws: Worksheet, grid: list[list]) -> None:
    """A cell merged down one column (界别 spanning its members) counts for every row it covers.
    Merges across columns (group headings, titles) keep their text in the first cell only."""
    for rng in ws.merged_cells.ranges:
        if rng.min_col != rng.max_col or rng.min_row == rng.max_row:
            continue
        column = rng.min_col - 1
        top = grid[rng.min_row - 1][column] if rng.min_row <= len(grid) else None
        for row in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
            grid[row - 1][column] = top


def _grid(ws: Worksheet) -> list[list]:
    width = ws.max_column
    grid = []
    for values in ws.iter_rows(values_only=True):
        row = [clean_value(v) for v in values]
        grid.append(row + [None] * (width - len(row)))
    _fill_vertical_merges(ws, grid)
    return grid


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


def read_table(worksheet: Worksheet, header_aliases: dict[str, str]) -> SheetTable:
    """The header row is the row among the first 20 with the most known header texts (ties: the
    first); rows above it are ignored; data rows follow, entirely empty rows dropped."""
    aliases = {normalize_header(alias): key for alias, key in header_aliases.items()}
    grid = _grid(worksheet)
    if not any(any(v is not None for v in row) for row in grid):
        raise WorkbookError(f"工作表“{worksheet.title}”是空的，没有可导入的内容。请选择其他工作表。")
    candidates = grid[:HEADER_SEARCH_ROWS]
    best, best_hits = None, 0
    for index, row in enumerate(candidates):
        hits = _header_hits(row, aliases)
        if hits > best_hits:
            best, best_hits = index, hits
    if best is None:  # nothing recognised: the first non-empty row is the best guess to show the user
        best = next(i for i, row in enumerate(grid) if any(v is not None for v in row))
    headers = ["" if v is None else str(v).strip(_EDGE_SPACES) for v in grid[best]]
    rows = [(number, values) for number, values in enumerate(grid[best + 1:], start=best + 2)
            if any(v is not None for v in values)]
    return SheetTable(sheet=worksheet.title, header_row=best + 1, headers=headers,
                      mapping=_detect_mapping(headers, aliases), rows=rows)


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


def find_table(workbook: Workbook, aliases: dict[str, str], required: str, path, sheet: str | None = None):
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
        except WorkbookError:  # an empty sheet among others
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
