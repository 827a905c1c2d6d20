"""openpyxl's read-only reading, adapted so that a sheet's XML is parsed once, by its real cells.

- openpyxl looks for a sheet's <dimension> when it opens the workbook, and where there is none (files from
  openpyxl's own write-only mode and from many programs other than Excel) that search parses the whole sheet
  before anything else happens. The reader never uses the dimension: sheets here skip the search.
- The cell parser also notes the formulas without a saved result as it goes (read with saved results, such
  a cell is empty; without this a formula in 姓名 would be reported as "缺少姓名").
"""

import io

from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser


class _Sheet(ReadOnlyWorksheet):
    def _get_size(self) -> None:
        """No dimension search (see above): the reader streams the real cells, whatever size is claimed."""


class _Reader(ExcelReader):
    def read_worksheets(self) -> None:
        """ExcelReader.read_worksheets in read-only mode, with sheets that skip the dimension search."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)  # kept in place: defined names refer to sheets by position
                continue
            ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


def load_read_only(data: bytes) -> Workbook:
    """The workbook in `data`, read-only with saved results and without external links."""
    reader = _Reader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


class CellParser(WorkSheetParser):
    """openpyxl's streaming sheet parser; `formulas` gathers (row, 0-based column) of formulas without a result."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formulas: set[tuple[int, int]] = set()

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            self.formulas.add((cell["row"], cell["column"] - 1))
        return cell
