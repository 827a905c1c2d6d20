"""hostile_far_cell: the people import's preview of a workbook whose only value is at XFD1048576, beside
reading a one-cell workbook. Part of `python -m tests.bench limits`."""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.limits import Entry


def _one_cell_workbook(path: Path, row: int, column: int, *, claim_grid: bool) -> Path:
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.cell(row=row, column=column, value="x")
    book.save(path)
    if claim_grid:  # the <dimension> says A1:XFD1048576, as some generators write it
        with zipfile.ZipFile(path) as archive:
            members = {item.filename: archive.read(item.filename) for item in archive.infolist()}
        sheet = "xl/worksheets/sheet1.xml"
        members[sheet] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', members[sheet])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    return path


def _peak_mb(work: Callable[[], object]) -> float:
    """Peak Python memory of one run of `work`, in MB (tracemalloc: a separate run, not a timed one)."""
    import tracemalloc

    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def hostile_entries() -> dict[str, Entry]:
    import contextlib

    from openpyxl import load_workbook

    from models.imports.people_import import analyse_people_import
    from models.imports.xlsx_reader import WorkbookError
    from models.migrate import open_database
    from models.paths import sqlite_url

    folder = Path(tempfile.mkdtemp(prefix="consultdesk-bench-hostile-"))
    far = _one_cell_workbook(folder / "far.xlsx", 1048576, 16384, claim_grid=True)
    near = _one_cell_workbook(folder / "near.xlsx", 1, 1, claim_grid=False)
    database = open_database(sqlite_url(folder / "register.sqlite")).database

    def preview() -> None:
        # no 姓名 column: the answer the user gets, after reading the one cell
        with database.session() as session, contextlib.suppress(WorkbookError):
            analyse_people_import(session, far)

    def one_cell() -> None:
        book = load_workbook(near, read_only=True, data_only=True)
        assert next(book.active.iter_rows(values_only=True)) == ("x",)
        book.close()

    def timed(work: Callable[[], None]) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            work()
            return (time.perf_counter() - start) * 1000
        return run

    entry = Entry("1 个单元格（XFD1048576）", timed(preview), timed(one_cell))
    entry.notes.append(lambda: f"峰值内存（tracemalloc）：导入预览 {_peak_mb(preview):.1f} MB，"
                               f"读一个单元格 {_peak_mb(one_cell):.1f} MB（目标 ≤ 3 秒、≤ 300 MB）")
    return {"hostile_far_cell": entry}
