"""python -m tests.bench limits [--only NAME ...] [--json FILE] [--rounds N] [--people 30000]

Each entry runs the project's operation and its physical limit — the same work done the most direct way
(a bare window, the raw SQL, the service call alone) — alternately, for several rounds, in one run, and
reports both medians and their ratio. Quote the ratios: the machine is shared and absolute times wander.

Entries:
  startup_first_paint   main.py --demo --exit-when-ready, first paint   | a bare PySide6 window's first paint
  startup_ready         the same run, the first page has its data       | a bare window reading the register
                                                                          with sqlite3 into a table
  check_in_30k          a check-in at the door, until the door shows it  | invitees.check_in alone (commit)
                        (30,000-person register; every page built, the meeting window open behind)
  check_in_30k_settled  the same, until every screen it concerns has refreshed
  members_open_30k      the 委员 page opened until its list is shown     | the same rows by raw SQL into a
                                                                          bare QTableView
  members_memory_30k    bytes per person the opened 委员 page keeps     | the same raw rows (plain tuples) in
                        (tracemalloc; members_memory.py)                   the bare QTableView
  search_keystroke_30k  one keystroke in its search box                 | the same filter over the rows in
                                                                          a list comprehension
  search_keystroke_30k_1000_selected   the keystroke with 1,000 rows   | the same keystroke with nothing
                        selected                                          selected
  pdf_sign_in_400       签到表 PDF of 400 invitees, laid out and painted | QPdfWriter painting the same cells,
                                                                          one drawText each (bare_pdf.py)
  pdf_cards_200         桌签 PDF, 200 cards on card stock                | the same: each name fitted, drawn on
                                                                          both faces, the fold line
  hostile_far_cell      the people import's preview of a workbook whose  | reading a one-cell workbook (A1) with
                        one value is at XFD1048576 and whose dimension    openpyxl read-only
                        claims the whole grid; peak memory reported
  import_people_10k     a generated 10,000-row roster imported into a   | openpyxl read_only, the sort keys,
                        register: preview + apply, as the dialog does     executemany into person and membership
  export_people_10k     当前名单 to Excel, 10,000 rows × 12 columns      | openpyxl write_only writing the same
                        (export_people: styles, widths, page setup)       values, one bold header
  export_roster_10k     委员花名册 to Excel, 10,000 members × 8 columns  | the same, its values and band rows
  seat_plan_400         automatic seating of 400 invitees: build_layout | sorted() of the same rows by the
                        (408 seats), the protocol keys, auto_seat         same key tuple, inline (seat_entries.py)
  seat_swap_400         one drag in the 座次 tab, 420 seats in view: the | a bare QGraphicsView of the same seats:
                        drop, its undo step, the repaint (per swap)       two texts exchanged, the repaint
  audit_log_100k        the 操作日志's first page filtered by operator,  | the page's SELECT alone (sqlite3)
                        100,000 entries, put into words (audit_log_entries.py)
  audit_log_100k_record one person's 修改记录 with memberships         | the same
  transfer_demo         把本机数据导入办公室数据库 of the demo into an    | the same rows read raw with sqlite3 and
                        empty PostgreSQL database (copy_database)         written by PostgreSQL's COPY, one
                        (needs CONSULTDESK_TEST_POSTGRES_URL)             transaction, the same sequences set
"""

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(tempfile.gettempdir()) / "consultdesk-bench"
INVITED = 200  # people on the list of the meeting checked in at


@dataclass
class Entry:
    size: str
    project: Callable[[], float]  # one round of the project's operation, in ms
    limit: Callable[[], float]  # one round of the limit, in ms
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the limit's figures differ from the project's: exit 1
    unit: str = "ms"  # what project and limit return, when not milliseconds (e.g. "bytes_per_person")


# -- data ------------------------------------------------------------------------------------------------------

def demo_folder() -> Path:
    """A data folder holding a built demo database (built once, then reused)."""
    from models.demo import ensure_demo_database

    folder = CACHE / "demo"
    ensure_demo_database(folder / "consultdesk-demo.sqlite")
    return folder


def register_file(people: int) -> Path:
    """A database with `people` people (cached), copied afresh for this run."""
    from tests.bench.people_list import build

    cached = CACHE / f"register-{people}.sqlite"
    if not cached.exists():
        print(f"生成 {people} 人的测试数据库（首次需要约一分钟）…", flush=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build(partial, people)
        partial.rename(cached)
    work = Path(tempfile.mkdtemp(prefix="consultdesk-bench-")) / "register.sqlite"
    shutil.copyfile(cached, work)
    return work


# -- whole processes ---------------------------------------------------------------------------------------------

def _timed_process(command: list[str]) -> dict[str, float]:
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = next((line for line in result.stdout.splitlines() if line.startswith("first_paint_ms=")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"{command} failed: {result.returncode}\n{result.stdout}\n{result.stderr}")
    return {key: float(value) for key, value in (part.split("=") for part in line.split())}


def startup_entries() -> dict[str, Entry]:
    import compileall

    # A user's PC keeps the bytecode after the first start; where PYTHONDONTWRITEBYTECODE is set (as on these
    # machines) every start would compile the project again. Compile it once, as that first start would.
    for part in ("main.py", "ui", "models"):
        path = ROOT / part
        (compileall.compile_file if path.is_file() else compileall.compile_dir)(str(path), quiet=1)
    folder = demo_folder()
    app = [sys.executable, str(ROOT / "main.py"), "--demo", "--data-dir", str(folder), "--exit-when-ready"]
    bare = [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")]
    bare_data = [*bare, "--database", str(folder / "consultdesk-demo.sqlite")]
    return {
        "startup_first_paint": Entry("demo", lambda: _timed_process(app)["first_paint_ms"],
                                     lambda: _timed_process(bare)["first_paint_ms"]),
        "startup_ready": Entry("demo", lambda: _timed_process(app)["ready_ms"],
                               lambda: _timed_process(bare_data)["ready_ms"]),
    }


# -- in this process: the app's screens on a 30,000-person register ------------------------------------------------

def spin(condition: Callable[[], bool], timeout: float = 120.0, signals=()) -> None:
    """Run the event loop (idle, as the app's own loop is: the workers are not held up) until `condition`;
    it is checked whenever one of `signals` fires, and every millisecond."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def check(*_args) -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(check)
    for signal in signals:
        signal.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    for signal in signals:
        signal.disconnect(check)
    if not condition():
        raise TimeoutError("the operation did not finish")


def settled(context) -> bool:
    from ui.watch import AreaWatch

    return (context.db.pending == 0 and context.files.pending == 0 and context.jobs.idle
            and not AreaWatch.any_scheduled())


def settle(context) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(200):
        spin(lambda: settled(context), signals=(context.jobs.finished,))
        QApplication.processEvents()
        if settled(context):
            return


class Office:
    """The app as an office has it open on the day: main window with every page built, one meeting's window,
    the door's sign-in window; plus a second meeting whose invitees the limit checks in directly."""

    def __init__(self, people: int):
        from PySide6.QtWidgets import QApplication

        from models.migrate import open_database
        from models.paths import resolve_paths, sqlite_url
        from ui.context import AppContext
        from ui.window_state import open_settings

        self.app = QApplication.instance() or QApplication([])
        self.file = register_file(people)
        self.database = open_database(sqlite_url(self.file)).database
        self.meeting, self.other = self._meetings()
        paths = resolve_paths(self.file.parent / "data")
        paths.ensure()
        self.context = AppContext(paths, self.database, open_settings(paths.settings_file))
        self.statements: list[str] = []
        from sqlalchemy import event

        event.listen(self.database.engine, "before_cursor_execute",
                     lambda _c, _k, statement, *_a: self.statements.append(statement))

    def _meetings(self) -> tuple[int, int]:
        from datetime import timedelta

        from sqlmodel import select

        from models.clock import now
        from models.services import lookups
        from models.services.invitees import invite_people
        from models.services.meetings import MeetingData, save_meeting
        from models.tables import Person

        with self.database.session() as session:
            fmt = next(v.id for v in lookups.list_values(session, "meeting_format") if v.code == "bimonthly")
            ids = list(session.exec(select(Person.id).order_by(Person.id)))
            made = []
            for offset, title in enumerate(("“推进老旧小区改造”专题双月协商会", "对照会议")):
                meeting = save_meeting(session, MeetingData(fmt, title, now() + timedelta(days=1 + offset)))
                invite_people(session, meeting, ids[offset * INVITED:(offset + 1) * INVITED])
                made.append(meeting)
        return made[0], made[1]

    def main_window(self):
        from ui.main_window import MainWindow
        from ui.views.pages import PAGES

        window = MainWindow(self.context)
        window.resize(1366, 768)
        window.show()
        window.database_opened()
        for spec in PAGES:  # every page built, as after a morning's work
            window.show_page(spec.key)
            settle(self.context)
        window.show_page("meetings")
        settle(self.context)
        return window


def check_in_entries(people: int) -> dict[str, Entry]:
    from models.services.invitees import check_in
    from models.services.meeting_queries import list_invitees

    office = Office(people)
    window = office.main_window()
    meeting_window = window.page("meetings").open_meeting(office.meeting)
    settle(office.context)
    meeting_window.open_sign_in()
    sign_in = meeting_window.sign_in
    sign_in.day_confirmed = True  # signing in on a day other than the meeting's, confirmed once as at the door
    settle(office.context)
    with office.database.session() as session:
        direct = iter([row.attendance_id for row in list_invitees(session, office.other)])
    settled_times, statement_counts, closed = [], [], {"windows": 0}

    def door() -> float:
        row = next(r for r in sign_in.rows if not r.checked_in)
        before = sign_in.recent.count()  # one line per person signed in
        office.statements.clear()
        start = time.perf_counter()
        sign_in.check_in_row(row)
        spin(lambda: sign_in.recent.count() > before, signals=(office.context.jobs.finished,))
        shown = (time.perf_counter() - start) * 1000
        settle(office.context)
        settled_times.append((time.perf_counter() - start) * 1000)
        statement_counts.append(len(office.statements))
        # a meeting window opened and closed between check-ins: it must cost the next check-in nothing
        extra = window.page("meetings").open_meeting(office.other)
        settle(office.context)
        extra.close()
        settle(office.context)
        closed["windows"] += 1
        return shown

    def service_alone() -> float:
        attendance = next(direct)
        start = time.perf_counter()
        with office.database.session() as session:
            check_in(session, attendance)
        return (time.perf_counter() - start) * 1000

    door_entry = Entry(f"{people} 人，{INVITED} 人名单", door, service_alone)
    settled_index = {"i": 0}

    def settled_round() -> float:
        value = settled_times[settled_index["i"]]
        settled_index["i"] += 1
        return value

    settled_entry = Entry(f"{people} 人，{INVITED} 人名单", settled_round, service_alone)
    door_entry.notes.append(lambda: f"每次签到执行 SQL 语句：{sorted(set(statement_counts))}"
                                    f"（其间共开关会议窗口 {closed['windows']} 次）")
    return {"check_in_30k": door_entry, "check_in_30k_settled": settled_entry}


def members_entries(people: int) -> dict[str, Entry]:
    from PySide6.QtWidgets import QApplication

    from models.services.people_list import PeopleFilter, predicate
    from tests.bench.members_memory import bare_table, memory_entry, raw_rows
    from ui.views.members_page import MembersPage
    from ui.widgets.tables import select_keys

    office = Office(people)
    app = QApplication.instance()

    def open_page() -> float:
        start = time.perf_counter()
        page = opened_page()  # until painted
        elapsed = (time.perf_counter() - start) * 1000
        closed(page)
        return elapsed

    def raw_sql() -> float:
        """The same rows the most direct way (members_memory.raw_rows), a bare table."""
        start = time.perf_counter()
        table = bare_table(raw_rows(office.file))
        table.show()
        app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        close_table(table)
        return elapsed

    def close_table(table) -> None:
        table.close()
        table.deleteLater()
        del table
        gc.collect()  # its rows go now, not in the middle of the next round (the table's model holds a cycle)

    def opened_page():
        page = MembersPage(office.context)
        page.resize(1366, 700)
        page.show()
        spin(lambda: page.model.total >= people, signals=(office.context.jobs.finished,))
        app.processEvents()
        return page

    def closed(page) -> None:
        page.close()
        page.deleteLater()
        settle(office.context)
        del page
        gc.collect()  # the page's rows go now (its slots hold cycles), not while the next round is timed

    page = MembersPage(office.context)
    page.resize(1366, 700)
    page.show()
    spin(lambda: page.model.total >= people)
    words = iter(["副主", "副主任"] * 10000)  # every row matches: the list stays whole, the selection visible
    rows = list(page.model.rows)

    def keystroke() -> float:
        page.search.setText(next(words))
        start = time.perf_counter()
        page.apply_filter()
        app.processEvents()
        return (time.perf_counter() - start) * 1000

    def plain_filter() -> float:
        text = next(words)
        start = time.perf_counter()
        keep = predicate(PeopleFilter(text=text))
        shown = [row for row in rows if keep(row)]
        assert shown
        return (time.perf_counter() - start) * 1000

    selected_ids = [row.id for row in rows[:2000:2]]  # 1,000 rows, not one block

    def with_selection() -> float:
        select_keys(page.table, selected_ids)
        return keystroke()

    def without_selection() -> float:
        page.table.clearSelection()
        return keystroke()

    size = f"{people} 人"
    return {
        "members_open_30k": Entry(size, open_page, raw_sql),
        "members_memory_30k": memory_entry(people, opened_page, closed, close_table, office.file),
        "search_keystroke_30k": Entry(size, without_selection, plain_filter),
        "search_keystroke_30k_1000_selected": Entry(f"{size}，选中 1000 人", with_selection, without_selection),
    }


GROUPS = (("startup_first_paint", "startup_ready"), ("check_in_30k", "check_in_30k_settled"),
          ("members_open_30k", "members_memory_30k", "search_keystroke_30k", "search_keystroke_30k_1000_selected"),
          ("pdf_sign_in_400", "pdf_cards_200"), ("hostile_far_cell",), ("import_people_10k",),
          ("export_people_10k", "export_roster_10k"), ("year_overview", "member_list"), ("seat_plan_400",),
          ("seat_swap_400",), ("audit_log_100k", "audit_log_100k_record"), ("transfer_demo",))


def _refused(args) -> str | None:
    """What is wrong with the arguments, before minutes of measuring, or None."""
    known = [name for group in GROUPS for name in group]
    unknown = [name for name in args.only or () if name not in known]
    if unknown:
        return f"没有这些测量项：{'、'.join(unknown)}。可用的有：{'、'.join(known)}"
    if args.rounds < 1:
        return "--rounds 至少为 1"
    if args.json and not Path(args.json).resolve().parent.is_dir():
        return f"无法写入 {args.json}：所在文件夹不存在"
    return None


def run(args) -> int:
    refused = _refused(args)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    wanted = set(args.only or [name for group in GROUPS for name in group])
    results: dict[str, dict] = {}
    failed = False
    print(f"{'entry':<36}{'project ms':>12}{'limit ms':>12}{'ratio':>8}  size")
    for group in GROUPS:
        names = [name for name in group if name in wanted]
        if not names:
            continue
        if group[0].startswith("startup"):
            entries = startup_entries()
        elif group[0].startswith("check_in"):
            entries = check_in_entries(args.people)
        elif group[0].startswith("pdf"):
            from tests.bench.printing_entries import printing_entries

            entries = printing_entries()
        elif group[0].startswith("hostile"):
            from tests.bench.hostile_entries import hostile_entries

            entries = hostile_entries()
        elif group[0].startswith("import"):
            from tests.bench.people_import import import_entries

            entries = import_entries(Entry, CACHE)
        elif group[0].startswith("export"):
            from tests.bench.export_entries import export_entries

            entries = export_entries(args.people)
        elif group[0] == "seat_plan_400":
            from tests.bench.seat_entries import seat_entries

            entries = seat_entries()
        elif group[0] == "seat_swap_400":
            from tests.bench.seat_swap_entries import seat_swap_entries

            entries = seat_swap_entries()
        elif group[0] == "audit_log_100k":
            from tests.bench.audit_log_entries import audit_log_entries

            entries = audit_log_entries()
        elif group[0] == "transfer_demo":
            from tests.bench.transfer_entries import transfer_entries

            entries = transfer_entries(demo_folder() / "consultdesk-demo.sqlite")
        elif group[0] == "year_overview":
            from tests.bench.statistics_entries import statistics_entries

            entries = statistics_entries()
        else:
            entries = members_entries(args.people)
        measured = {name: ([], []) for name in names}
        for name in names:  # a first, unmeasured round of each: imports, caches
            entries[name].project()
            entries[name].limit()
        for _round in range(args.rounds):
            for name in names:
                project, limit = measured[name]
                project.append(entries[name].project())
                limit.append(entries[name].limit())
        for name in names:
            project, limit = (statistics.median(values) for values in measured[name])
            unit = entries[name].unit
            results[name] = {f"project_{unit}": round(project, 2), f"limit_{unit}": round(limit, 2),
                             "ratio": round(project / limit, 2) if limit else None, "size": entries[name].size}
            print(f"{name:<36}{project:>12.1f}{limit:>12.1f}{project / limit:>8.2f}  {entries[name].size}")
            for note in entries[name].notes:
                print(f"    {note() if callable(note) else note}")
            for problem in entries[name].problems:
                print(f"    不一致：{problem}")
                failed = True
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"已写入 {args.json}")
    return 1 if failed else 0
