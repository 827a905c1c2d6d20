"""openpyxl's read-only reading, adapted so that a sheet's XML is parsed once, by its real cells.

- openpyxl looks for a sheet's <dimension> when it opens the workbook, and where there is none (files from
  openpyxl's own write-only mode and from many programs other than Excel) that search parses the whole sheet
  before anything else happens. The reader never uses the dimension: sheets here skip the search.
- Inline strings (openpyxl's write-only files, many exports) are read without openpyxl's Text objects, whose
  descriptor machinery was most of such a sheet's reading time; the value is the same (Text.content).
- The cell parser also notes the formulas without a saved result as it goes (read with saved results, such
  a cell is empty; without this a formula in 姓名 would be reported as "缺少姓名").
"""

import io

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser


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
        if element.get("t") == "inlineStr" and self.data_only and not self.rich_text:
            cell = self._inline_string(element)
        else:
            cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            self.formulas.add((cell["row"], cell["column"] - 1))
        return cell

    def _inline_string(self, element) -> dict:
        """WorkSheetParser.parse_cell for an inline string (data_only, no rich text), step for step; the value
        as Text.from_tree(...).content gives it: the <t> text, then each run's <t> (a repeated tag: the last)."""
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        style_id = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        child = element.find(INLINE_STRING)
        if child is None:
            return {"row": row, "column": column, "value": None, "data_type": "inlineStr", "style_id": style_id}
        plain, runs = None, []
        for node in child:
            tag = _local(node.tag)
            if tag == "t":
                plain = node.text
            elif tag == "r":
                run = None
                for part in node:
                    if _local(part.tag) == "t":
                        run = part.text
                runs.append(run)
        value = "".join(text for text in (plain, *runs) if text is not None)
        return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": style_id}


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
