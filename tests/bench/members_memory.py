"""The 委员 page's limit rows, and members_memory_30k: the memory the opened page keeps for its register
beside the raw rows in a bare QTableView. Part of `python -m tests.bench limits`.

Memory is what tracemalloc counts as allocated while the page (or the raw table) is built and still alive
once it shows its list: Python objects only (Qt's own C++ memory is not traced, on either side)."""

import gc
import sqlite3
import tracemalloc
from collections.abc import Callable

from tests.bench.bare_window import MEMBERSHIPS as MEMBERSHIP_SQL
from tests.bench.bare_window import PEOPLE as PEOPLE_SQL
from tests.bench.limits import Entry


def raw_rows(file) -> list[tuple]:
    """The register the most direct way: sqlite3, one loop deriving what the list shows (the names of the
    primary membership's values, every level held, the birth month, the search text), as plain tuples; with
    the cyclic GC paused, as load_people pauses it (else it walks the whole process's heap dozens of times)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _raw_rows(file)
    finally:
        if enabled:
            gc.enable()


def _raw_rows(file) -> list[tuple]:
    connection = sqlite3.connect(file)
    names = {table: dict(connection.execute(f"SELECT id, name FROM {table}"))
             for table in ("sector", "committee", "liaison_group", "party", "guest_category")}
    held: dict[int, list] = {}
    for membership in connection.execute(MEMBERSHIP_SQL):
        held.setdefault(membership[0], []).append(membership)
    rows = []
    rank = {"区": 0, "市": 1, "全国": 2}
    for person in connection.execute(PEOPLE_SQL):
        mine = held.get(person[0], ())
        primary = min(mine, key=lambda m: (not m[7], rank.get(m[1], 9)), default=None)
        levels = "、".join(sorted({m[1] for m in mine}, key=lambda level: rank.get(level, 9)))
        birth = f"{person[5]}.{person[6]:02d}" if person[5] and person[6] else str(person[5] or "")
        rows.append((*person, levels, names["sector"].get(primary[3], "") if primary else "",
                     names["committee"].get(primary[5], "") if primary else "",
                     names["liaison_group"].get(primary[6], "") if primary else "",
                     names["party"].get(person[7], ""), birth,
                     f"{person[2]} {person[9] or ''} {person[10] or ''} {person[11] or ''}".lower()))
    connection.close()
    return rows


def bare_table(rows):
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Rows(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                value = rows[index.row()][(2, 3, 7, 9, 10, 5, 15, 16)[index.column()]]
                return "" if value is None else str(value)
            return None

    table = QTableView()
    table.setModel(Rows())
    table.resize(1300, 700)
    return table


def kept_bytes(build: Callable[[], object], close: Callable[[object], None]) -> tuple[int, int]:
    """(bytes still allocated once `build` has returned, peak bytes): only what was allocated while building
    counts; what `build` returns is alive while counting, then `close`d."""
    gc.collect()
    tracemalloc.start()
    try:
        built = build()
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    close(built)
    return kept, peak


def memory_entry(people: int, open_page: Callable[[], object], close_page: Callable[[object], None],
                 close_table: Callable[[object], None], file) -> Entry:
    from PySide6.QtWidgets import QApplication

    peaks: dict[str, float] = {}

    def raw_table():
        table = bare_table(raw_rows(file))
        table.show()
        QApplication.processEvents()
        return table

    def measured(name: str, build, close) -> Callable[[], float]:
        def run() -> float:
            kept, peak = kept_bytes(build, close)
            peaks[name] = peak / people
            return kept / people
        return run

    entry = Entry(f"{people} 人（每人字节数）", measured("page", open_page, close_page),
                  measured("raw", raw_table, close_table), unit="bytes_per_person")
    entry.notes.append(lambda: f"峰值（最后一轮，每人）：委员页 {peaks['page']:.0f} 字节，"
                               f"原始行 {peaks['raw']:.0f} 字节（tracemalloc；不含 Qt 的 C++ 内存）")
    return entry


__all__ = ["bare_table", "kept_bytes", "memory_entry", "raw_rows"]
