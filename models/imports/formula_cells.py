"""Cells holding a formula whose result was never saved (files written by programs other than Excel, or
saved with calculation off). Workbooks are read with their saved results, so such a cell reads as empty; the
reader notes these cells as it parses the sheet (xlsx_reader: SheetTable.formulas), and the imports name
them with this message instead of calling the cell empty.
"""


def formula_message(label: str) -> str:
    return f"{label}单元格是公式，读不到它的计算结果。请在 Excel 中把该列复制后粘贴为数值（选择性粘贴→数值），再导入。"
