"""export_people_10k and export_roster_10k: the Excel exports beside openpyxl write_only writing the same
values. Part of `python -m tests.bench limits`."""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.limits import Entry, register_file

EXPORTED = 10_000  # rows in the export entries


def _write_only(path: Path, headers, rows) -> None:
    """The limit of an export: openpyxl's fastest way to write the same values, the header bold, nothing else."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名单")
    bold = Font(bold=True)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    workbook.save(path)


def export_entries(people: int) -> dict[str, Entry]:
    from models.exports.people_xlsx import (
        ID_HEADER,
        ROSTER_HEADERS,
        SEQ_HEADER,
        _group_rows,
        _value,
        export_people,
        export_roster_by_sector,
    )
    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.services.people_columns import COLUMNS_BY_KEY, PERSON_COLUMNS
    from models.services.people_list import load_people

    database = open_database(sqlite_url(register_file(people))).database
    with database.session() as session:
        rows = load_people(session)[:EXPORTED]
    keys = [column.key for column in PERSON_COLUMNS if column.default]  # the 委员 page's columns: 12 with 序号, 编号
    members = [row for row in rows if row.is_member]
    sectors = sorted({row.sector for row in members if row.sector})
    folder = Path(tempfile.mkdtemp(prefix="consultdesk-bench-export-"))

    def timed(work: Callable[[Path], object]) -> float:
        path = folder / "export.xlsx"
        start = time.perf_counter()
        work(path)
        elapsed = (time.perf_counter() - start) * 1000
        path.unlink()
        return elapsed

    def people_limit(path: Path) -> None:
        headers = [SEQ_HEADER, *(COLUMNS_BY_KEY[key].header for key in keys), ID_HEADER]
        _write_only(path, headers, ([seq, *(_value(row, key) for key in keys), row.id]
                                    for seq, row in enumerate(rows, start=1)))

    def roster_limit(path: Path) -> None:
        def values():
            for sector, group in _group_rows(members, sectors):
                yield [f"{sector}（{len(group)}人）"]
                for seq, row in enumerate(group, start=1):
                    yield [seq, row.name, row.gender, row.party, row.role, row.employer_title, row.mobile, row.id]
            yield [f"合计 {len(members)} 人"]

        _write_only(path, ROSTER_HEADERS, values())

    return {
        "export_people_10k": Entry(f"{len(rows)} 行 × {len(keys) + 2} 列",
                                   lambda: timed(lambda path: export_people(rows, keys, path, title="人员名单",
                                                                            subtitle=f"共 {len(rows)} 人")),
                                   lambda: timed(people_limit)),
        "export_roster_10k": Entry(f"{len(members)} 名委员 × {len(ROSTER_HEADERS)} 列",
                                   lambda: timed(lambda path: export_roster_by_sector(
                                       members, path, title="委员花名册", sector_order=sectors)),
                                   lambda: timed(roster_limit)),
    }
