"""import_people_10k: a generated 10,000-row roster imported into a register (preview + apply, as the dialog does)
against its limit — openpyxl read_only, the sort keys, executemany into person and membership."""

import random
import re
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

ROWS = 10000
HEADER = ["序号", "姓名", "性别", "出生年月", "政治面貌", "级别", "届次", "界别", "专委会", "工作单位及职务", "手机",
          "任职时间"]
STARTS = ("2022年1月", "2022.1", "2017年1月", "2022.01")  # as offices write them: a month alone


def lookup_names(session) -> dict[str, list[str]]:
    from models.services import lookups

    return {kind: [v.name for v in lookups.list_values(session, kind)] for kind in ("party", "sector", "committee")}


def build_roster(path: Path, known: dict[str, list[str]], rows: int = ROWS) -> Path:
    """A roster as an office keeps it: one row per member, names, birth months, lookup names (`known`), mobiles."""
    import openpyxl

    from models.demo.names import NameMaker

    rng = random.Random(12)
    names = NameMaker(rng)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("委员名单")
    sheet.append(HEADER)
    for index in range(rows):
        gender = rng.choice("男女")
        sheet.append([index + 1, names.make(gender), gender, f"{rng.randint(1955, 1995)}.{rng.randint(1, 12)}",
                      rng.choice(known["party"]), rng.choices(["区", "市", "全国"], [85, 12, 3])[0], "第十六届",
                      rng.choice(known["sector"]), rng.choice(known["committee"]),
                      rng.choice(["区人民医院", "区实验小学", "滨江实业集团", "区财政局"]) + "副主任",
                      f"139{index:08d}", rng.choice(STARTS)])
    book.save(path)
    return path


class ImportBench:
    """A fresh register (cached, copied each round) and the roster; the project and the limit each import it."""

    def __init__(self, cache: Path):
        from models.migrate import open_database
        from models.paths import sqlite_url

        cache.mkdir(parents=True, exist_ok=True)
        self.template, self.roster = cache / "import-register.sqlite", cache / f"roster-{ROWS}-{len(HEADER)}.xlsx"
        if not self.template.exists() or not self.roster.exists():
            self.template.unlink(missing_ok=True)
            database = open_database(sqlite_url(self.template)).database
            with database.session() as session:
                known = lookup_names(session)
            build_roster(self.roster, known)
            database.dispose()
        self.written: list[int] = []

    def _copy(self) -> Path:
        work = Path(tempfile.mkdtemp(prefix="consultdesk-import-")) / "register.sqlite"
        shutil.copyfile(self.template, work)
        return work

    def project(self) -> float:
        from models.imports.people_import import NEW, analyse_people_import, apply_people_import
        from models.migrate import open_database
        from models.paths import sqlite_url
        from models.sorting import clear_caches

        database = open_database(sqlite_url(self._copy())).database
        clear_caches()  # the names are new to this process, as a real roster's are
        start = time.perf_counter()
        with database.session() as session:
            preview = analyse_people_import(session, self.roster)
        decisions = dict.fromkeys(preview.unresolved({}), NEW)
        with database.session() as session:
            report = apply_people_import(session, preview, decisions)
        elapsed = (time.perf_counter() - start) * 1000
        database.dispose()
        self.written.append(report.created + report.updated)
        return elapsed

    def limit(self) -> float:
        from models.imports.xlsx_openpyxl import load_read_only
        from models.services.sort_keys import sort_key_values
        from models.sorting import clear_caches

        file = self._copy()
        clear_caches()
        start = time.perf_counter()
        connection = sqlite3.connect(file)
        ids = {kind: {name: id_ for id_, name in connection.execute(f"SELECT id, name FROM {kind}")}
               for kind in ("party", "sector", "committee")}
        # Read-only without openpyxl's whole-sheet search for a <dimension> the roster lacks (what the
        # reader does too): plain load_workbook would make the limit slower than the direct way.
        book = load_read_only(Path(self.roster).read_bytes())
        rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
        book.close()
        at = "2026-01-01 00:00:00"
        people = [(name, gender, int(birth.split(".")[0]), int(birth.split(".")[1]), ids["party"][party], mobile,
                   employer, *sort_key_values(name).values(), at, at)
                  for _seq, name, gender, birth, party, _l, _t, _s, _c, employer, mobile, _start in rows]
        first = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        connection.executemany(
            "INSERT INTO person (name, gender, birth_year, birth_month, party_id, mobile, employer_title, active,"
            " sort_stroke, sort_pinyin, name_initials, created_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 1)", people)
        person_ids = range(first, first + len(people))  # one writer, an empty register: consecutive ids
        connection.executemany(
            "INSERT INTO membership (person_id, level, term, sector_id, committee_id, role, start_date, active,"
            " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, '委员', ?, 1, ?, ?, 1)",
            [(pid, level, term, ids["sector"][sector], ids["committee"][committee], _month_start(start), at, at)
             for pid, (*_person, level, term, sector, committee, _e, _m, start) in zip(person_ids, rows, strict=True)])
        connection.commit()
        connection.close()
        return (time.perf_counter() - start) * 1000


def _month_start(text: str) -> str:
    """"2022年1月" / "2022.1" → "2022-01-01", as the column stores it (the roster's forms only)."""
    year, month = re.match(r"(\d{4})\D(\d{1,2})", text).groups()
    return f"{year}-{int(month):02d}-01"


def import_entries(entry, cache: Path) -> dict:
    bench = ImportBench(cache)
    made = entry(f"{ROWS} 行名单，导入空的委员库", bench.project, bench.limit)
    made.notes.append(lambda: f"每次写入 {sorted(set(bench.written))} 人")
    return {"import_people_10k": made}
