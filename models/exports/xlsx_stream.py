"""The workbooks the app writes are openpyxl write-only workbooks: rows are streamed to the file at save.

A write-only sheet needs its column widths before its first row, and the exports work widths out from the
data. So a Sheet collects the cells first — per row a list of values and a list of Looks (font, border,
alignment, fill, number format, quote prefix), no openpyxl cell objects — while everything that is not a
cell (widths, heights, merges, page setup, validations) goes straight to the real write-only sheet
(`sheet.ws`). Book.save then streams each sheet's rows, one reused cell per Look.
"""

from dataclasses import dataclass, replace

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.styleable import StyleableObject
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cell's look is found without hashing fonts
class Look:
    font: Font | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    fill: PatternFill | None = None
    number_format: str | None = None
    quote_prefix: bool = False


PLAIN = Look()
_DEFAULTS = {"font": Font(), "border": Border(), "alignment": Alignment(), "fill": PatternFill(),
             "number_format": "General", "quote_prefix": False}
# (id(look), field, value or its id) → (the look with that field changed, look, value): both kept alive, so
# their ids are not reused while the entry exists.
_VARIANTS: dict[tuple, tuple[Look, Look, object]] = {}


def variant(look: Look, field: str, value) -> Look:
    """`look` with one field changed, the same object every time (so it is registered once per workbook)."""
    key = (id(look), field, value if isinstance(value, (str, bool)) else id(value))
    found = _VARIANTS.get(key)
    if found is None:
        if len(_VARIANTS) > 10_000:  # styles made afresh for every export (a paragraph's alignment) pile up
            _VARIANTS.clear()
        found = _VARIANTS[key] = (replace(look, **{field: value}), look, value)
    return found[0]


class CellRef:
    """One cell of a Sheet, for the few cells set one by one (titles, totals, labels): reads and writes the
    value and look the Sheet holds."""

    __slots__ = ("column", "row", "sheet")

    def __init__(self, sheet: "Sheet", row: int, column: int):
        self.sheet, self.row, self.column = sheet, row, column

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def _slot(self) -> tuple[list, list, int]:
        values, looks = self.sheet.row(self.row)
        index = self.column - 1
        if index >= len(values):
            values.extend([None] * (index + 1 - len(values)))
            looks.extend([PLAIN] * (index + 1 - len(looks)))
        return values, looks, index

    @property
    def value(self):
        values, _looks, index = self._slot()
        return values[index]

    @value.setter
    def value(self, value) -> None:
        values, _looks, index = self._slot()
        values[index] = value

    @property
    def look(self) -> Look:
        _values, looks, index = self._slot()
        return looks[index]

    @look.setter
    def look(self, look: Look) -> None:
        _values, looks, index = self._slot()
        looks[index] = look

    @property
    def data_type(self) -> str:
        value = self.value
        return "s" if isinstance(value, str) else "n"

    def _get(self, field: str):
        _values, looks, index = self._slot()
        found = getattr(looks[index], field)
        return _DEFAULTS[field] if found is None else found

    def _set(self, field: str, value) -> None:
        _values, looks, index = self._slot()
        looks[index] = variant(looks[index], field, value)

    font = property(lambda self: self._get("font"), lambda self, v: self._set("font", v))
    border = property(lambda self: self._get("border"), lambda self, v: self._set("border", v))
    alignment = property(lambda self: self._get("alignment"), lambda self, v: self._set("alignment", v))
    fill = property(lambda self: self._get("fill"), lambda self, v: self._set("fill", v))
    number_format = property(lambda self: self._get("number_format"), lambda self, v: self._set("number_format", v))
    quotePrefix = property(lambda self: self._get("quote_prefix"),  # noqa: N815 (openpyxl's name)
                           lambda self, v: self._set("quote_prefix", v))


class _StreamSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are appended as ready cells. Its own conversion would try each item as
    a value, fail, and make a fresh cell after every styled one: on a 10,000-row export, half the time."""

    def _values_to_row(self, cells, row_idx):
        return cells  # _row_cells: each cell already knows its row and column


class _LookCell(Cell):
    """The cell that writes every value of one Look: its style id is worked out once, not for every cell."""

    __slots__ = ("_style_id", "has_style")  # has_style: asked for every cell written, fixed for a Look

    @property
    def style_id(self) -> int:
        return self._style_id


def _look_cell(ws: WriteOnlyWorksheet, look: Look) -> _LookCell:
    cell = _LookCell(ws, row=1, column=1)
    # The public setters register each style object with the workbook, as for any cell.
    for field in ("font", "border", "alignment", "fill"):
        if getattr(look, field) is not None:
            setattr(cell, field, getattr(look, field))
    if look.number_format:
        cell.number_format = look.number_format
    if look.quote_prefix:
        cell.quotePrefix = True
    cell._style_id = StyleableObject.style_id.fget(cell)
    cell.has_style = StyleableObject.has_style.fget(cell)
    return cell


class Sheet:
    """A sheet being built: cells collected (see the module docstring), the rest set on `ws` directly."""

    def __init__(self, ws: WriteOnlyWorksheet):
        self.ws = ws
        self.rows: dict[int, tuple[list, list]] = {}  # row → (values, looks), same length
        self.texts: dict[str, tuple] = {}  # text as given → (as written, its look): see write_row

    @property
    def title(self) -> str:
        return self.ws.title

    # What the exporters set besides cells, as on an ordinary sheet.
    column_dimensions = property(lambda self: self.ws.column_dimensions)
    row_dimensions = property(lambda self: self.ws.row_dimensions)
    merged_cells = property(lambda self: self.ws.merged_cells)

    @property
    def freeze_panes(self):
        return self.ws.freeze_panes

    @freeze_panes.setter
    def freeze_panes(self, cell) -> None:
        self.ws.freeze_panes = cell.coordinate if isinstance(cell, CellRef) else cell

    @property
    def max_row(self) -> int:
        return max(self.rows, default=0)

    def row(self, row: int) -> tuple[list, list]:
        found = self.rows.get(row)
        if found is None:
            found = self.rows[row] = ([], [])
        return found

    def set_row(self, row: int, values: list, looks: list) -> None:
        self.rows[row] = (values, looks)

    def cell(self, row: int, column: int) -> CellRef:
        return CellRef(self, row, column)

    def __getitem__(self, coordinate: str) -> CellRef:
        row, column = coordinate_to_tuple(coordinate)
        return CellRef(self, row, column)

    def merge_cells(self, *, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
        self.ws.merged_cells.add(CellRange(min_row=start_row, min_col=start_column, max_row=end_row,
                                           max_col=end_column))

    def add_data_validation(self, validation) -> None:
        self.ws.data_validations.append(validation)

    def merged_cells_of(self, *, across_only: bool = False) -> set[tuple[int, int]]:
        """(row, column) of every cell inside a merged range (with across_only, ranges over several columns)."""
        return {(r, c) for rng in self.ws.merged_cells.ranges if not across_only or rng.max_col > rng.min_col
                for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}

    def _apply_merges(self) -> None:
        """As openpyxl does on an ordinary sheet: in a merged range only the top-left cell keeps its value and
        look; the cells on the range's edges get its border on that edge (Excel draws the range's frame)."""
        for rng in self.ws.merged_cells.ranges:
            top_left = self.cell(rng.min_row, rng.min_col)
            start = top_left.border
            borders: dict[tuple[int, int], Border] = {}
            for name in ("top", "left", "right", "bottom"):
                side = getattr(start, name)
                if side and side.style is None:
                    continue
                for coord in getattr(rng, name):
                    borders[coord] = borders.get(coord, Border()) + Border(**{name: side})
            for row, column in rng.cells:
                if (row, column) == (rng.min_row, rng.min_col):
                    continue
                ref = self.cell(row, column)
                values, looks, index = ref._slot()
                values[index] = None
                border = borders.get((row, column))
                looks[index] = _merged_look(border) if border is not None else PLAIN

    def stream(self) -> None:
        """Write every row to the write-only sheet, in order; gaps become empty rows."""
        self._apply_merges()
        cells: dict[Look, _LookCell] = {}
        ws = self.ws
        for row in range(1, self.max_row + 1):
            values, looks = self.rows.get(row, ((), ()))
            ws.append(_row_cells(ws, row, values, looks, cells))


_MERGED_LOOKS: dict[str, Look] = {}


def _merged_look(border: Border) -> Look:
    key = repr(border)
    found = _MERGED_LOOKS.get(key)
    if found is None:
        found = _MERGED_LOOKS[key] = Look(border=border)
    return found


def _row_cells(ws, row: int, values, looks, cells: dict[Look, _LookCell]):
    """The row's cells, one at a time: each is written before the next reuses the same cell object."""
    for column, (value, look) in enumerate(zip(values, looks, strict=True), start=1):
        if value is None and look is PLAIN:
            continue
        cell = cells.get(look)
        if cell is None:
            cell = cells[look] = _look_cell(ws, look)
        cell.row = row
        cell.value = value
        if cell.data_type == "f":  # text starting with "=" is text (the quote prefix is in its look)
            cell.data_type = "s"
        cell.column = column
        yield cell


class Book:
    """A workbook being built: Sheets in order, streamed into one write-only workbook at save."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        self.worksheets: list[Sheet] = []

    def create_sheet(self, title: str) -> Sheet:
        ws = _StreamSheet(parent=self.workbook, title=title[:31])  # Excel's limit for sheet names
        self.workbook._add_sheet(ws)
        sheet = Sheet(ws)
        self.worksheets.append(sheet)
        return sheet

    def save(self, path) -> None:
        for sheet in self.worksheets:
            sheet.stream()
        self.workbook.save(path)
