"""The physical limit of starting the app: a bare PySide6 window, timed from the interpreter's start the same
way main.py --exit-when-ready times itself.

    python tests/bench/bare_window.py                      first paint of an empty main window
    python tests/bench/bare_window.py --database FILE      also read the register with sqlite3 and show it in a
                                                           table: "ready" once those rows are painted

Prints "first_paint_ms=… ready_ms=…" like main.py.
"""

import time

STARTED = time.perf_counter()

import sqlite3  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableView  # noqa: E402

PEOPLE = ("SELECT id, version, name, gender, ethnicity, birth_year, birth_month, party_id, education, employer_title,"
          " mobile, office_phone, email, address, notes, guest_category_id, active, sort_stroke, sort_pinyin,"
          " name_initials FROM person ORDER BY sort_stroke, id")
MEMBERSHIPS = ("SELECT person_id, level, term, sector_id, role, committee_id, liaison_group_id, active"
               " FROM membership")


class Rows(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 8

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][(2, 3, 7, 9, 10, 5, 15, 16)[index.column()]]
            return "" if value is None else str(value)
        return None


class Painted(QObject):
    def __init__(self, on_paint):
        super().__init__()
        self.on_paint = on_paint

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.on_paint()
        return False


def main() -> int:
    database = sys.argv[sys.argv.index("--database") + 1] if "--database" in sys.argv else None
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("协商会务台")
    window.resize(1200, 760)
    times = {}

    def done() -> None:
        times.setdefault("ready_ms", (time.perf_counter() - STARTED) * 1000)
        print(f"first_paint_ms={times['first_paint_ms']:.0f} ready_ms={times['ready_ms']:.0f}", flush=True)
        app.quit()

    def first_paint() -> None:
        if "first_paint_ms" in times:
            return
        times["first_paint_ms"] = (time.perf_counter() - STARTED) * 1000
        if database is None:
            QTimer.singleShot(0, done)
            return
        QTimer.singleShot(0, load)

    def load() -> None:
        connection = sqlite3.connect(database)
        rows = connection.execute(PEOPLE).fetchall()
        held = {}
        for membership in connection.execute(MEMBERSHIPS):
            held.setdefault(membership[0], []).append(membership)
        connection.close()
        table = QTableView()
        table.setModel(Rows([(*row, len(held.get(row[0], ()))) for row in rows]))
        table.installEventFilter(watch_table)
        table.viewport().installEventFilter(watch_table)
        window.setCentralWidget(table)

    watch_window = Painted(first_paint)
    watch_table = Painted(lambda: QTimer.singleShot(0, done))
    window.setCentralWidget(QLabel("正在打开数据库…"))
    window.installEventFilter(watch_window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
