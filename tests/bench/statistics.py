"""年度统计 and 履职档案 at national scale: ten years of data, then the year overview and the member list.

    python -m tests.bench statistics [--members 2500 --meetings 1000 --attendance 60000
                                      --recommendations 20000 --years 10 --last-year 2024 --year 2024]
                                     [--rebuild] [--repeat 3] [--detail]

The database is built with SQLAlchemy Core bulk inserts in one transaction (a few seconds) and cached in
<tempdir>/consultdesk-bench/, keyed by the parameters, the generator version and the schema revision;
--rebuild builds it again.  Each run copies the cached file to a private folder, so the cache is never
touched by the services (they write settings on open) and several people can run the bench at once.

The data, spread over the years (2015-2024 by default): five-year terms of 区政协 (2013-2017, 2018-2022,
2023- by default) with about 70% re-appointed, a few members joining or leaving mid-term, some also
市/全国 members; guests and staff; meetings of every seeded format (most held, a few cancelled or never
closed), attendance lists sized by format with 出席 (checked in) / 请假 / 缺席 and 工作人员 rows; topics;
research visits with leaders, participants, staff and units; recommendations from meetings, visits,
提案 and 社情民意 with aspects, 1-5 proposers, statuses and outcomes, about 3% merged duplicates;
bulletins carrying them and leaders' instructions on bulletins and on single recommendations (some
undated, some dated in the next year).

Timings: each step once "cold" (a new engine, so SQLite's page cache is empty; the OS file cache is
not cleared) and then best of --repeat runs, each in a new session as the screen does.  The query
column counts the SQL statements the step sent (a constant, whatever the data size, when the numbers
come from aggregate queries; 0 for re-scoring, which must be pure Python).

Budget ("appears without a visible stall"), judged on the best warm run; a cold run over budget is
reported as a warning:
- year overview (overview(session, year_scope(Y)), both periods)        < 0.5 s
- member list (member_activities + format_infos + member_records)      < 1.0 s
- re-scoring the list with a changed Scheme (and no SQL at all)         < 0.1 s
- one member's page (member_detail, the list's activity passed in)      < 0.3 s
- report paragraph + comparison (pure Python on the overview, no SQL)   < 0.01 s
The verdict line says PASS when every budgeted step is within budget; --detail also prints, for each step,
its three slowest SQL statements with their EXPLAIN QUERY PLAN.

Afterwards the numbers the functions return are checked against what the generator inserted for the
year (held meetings, 参加人次, present, recommendations, visits, bulletins, instructions, members,
adoption rate); any mismatch is printed and makes the exit status 1, like a budget miss.
"""

import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from tests.bench.statistics_data import Params, cached_database

BUDGET_MS = {"overview": 500.0, "member list": 1000.0, "re-score": 100.0, "member detail": 300.0,
             "paragraph": 10.0}


# -- timing --------------------------------------------------------------------------------------------------

class Statements:
    """Every SQL statement an engine sends, with its execute time (for the query count and --detail)."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.count = 0
        self.log: list[tuple[str, object, float]] | None = None  # (statement, parameters, ms) while recording
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, connection, _cursor, _statement, _parameters, _context, _many):
        self.count += 1
        connection.info["bench_started"] = time.perf_counter()

    def _after(self, connection, _cursor, statement, parameters, _context, _many):
        if self.log is not None:
            elapsed = (time.perf_counter() - connection.info.pop("bench_started")) * 1000
            self.log.append((statement, parameters, elapsed))


@dataclass
class Timing:
    label: str
    cold_ms: float | None
    best_ms: float
    queries: int
    budget_ms: float | None
    max_queries: int | None = None  # 0 for steps that must not touch the database
    key: str = ""  # the budget's name

    @property
    def ok(self) -> bool:
        within = self.budget_ms is None or self.best_ms <= self.budget_ms
        return within and (self.max_queries is None or self.queries <= self.max_queries)

    @property
    def cold_over(self) -> bool:
        return self.budget_ms is not None and self.cold_ms is not None and self.cold_ms > self.budget_ms


class Bench:
    def __init__(self, url: str, repeat: int, detail: bool):
        from models.db import Database

        self.url, self.repeat, self.detail, self.Database = url, repeat, detail, Database
        self.db = self._open()
        self.timings: list[Timing] = []
        self.slowest: list[tuple[str, str, object, float, list[str]]] = []  # (step, SQL, params, ms, plan)

    def _open(self):
        db = self.Database(self.url)
        db.statements = Statements(db.engine)
        return db

    def _once(self, db, fn):
        with db.session() as session:
            before = db.statements.count
            start = time.perf_counter()
            result = fn(session)
            elapsed = (time.perf_counter() - start) * 1000
            return result, elapsed, db.statements.count - before

    def time(self, label: str, fn, budget: str | None = None, *, cold: bool = True,
             max_queries: int | None = None):
        """fn(session) once on a fresh engine (cold), then best of `repeat` on the shared one."""
        budget_ms = BUDGET_MS[budget] if budget else None
        cold_ms = None
        if cold:
            fresh = self._open()
            try:
                _, cold_ms, _ = self._once(fresh, fn)
            finally:
                fresh.dispose()
        runs = [self._once(self.db, fn) for _ in range(self.repeat)]
        result = runs[-1][0]
        best, queries = min(r[1] for r in runs), runs[-1][2]
        self.timings.append(Timing(label, cold_ms, best, queries, budget_ms, max_queries, budget or ""))
        if self.detail and queries:
            self._record(label, fn)
        return result

    def _record(self, label: str, fn, top: int = 3) -> None:
        """One more warm run with every statement timed; keep the slowest with their query plans."""
        statements = self.db.statements
        statements.log = []
        try:
            self._once(self.db, fn)
            log = [row for row in sorted(statements.log, key=lambda row: -row[2])[:top] if row[2] >= 1.0]
        finally:
            statements.log = None
        with self.db.engine.connect() as connection:
            for statement, parameters, ms in log:
                plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                self.slowest.append((label, statement, parameters, ms, plan))

    def table(self) -> str:
        lines = [f"{'step':<46} {'cold ms':>9} {'best ms':>9} {'SQL':>5} {'budget':>8}", "-" * 86]
        for t in self.timings:
            cold = f"{t.cold_ms:9.1f}" if t.cold_ms is not None else f"{'':>9}"
            budget = f"{t.budget_ms:8.0f}" if t.budget_ms is not None else f"{'':>8}"
            mark = "" if t.budget_ms is None else ("ok" if t.ok else "SLOW")
            if t.max_queries is not None and t.queries > t.max_queries:
                mark = f"SQL sent (must be {t.max_queries})"
            elif t.ok and t.cold_over:
                mark = "ok (cold over budget)"
            lines.append(f"{t.label:<46} {cold} {t.best_ms:9.1f} {t.queries:5d} {budget}  {mark}")
        return "\n".join(lines)

    def detail_text(self) -> str:
        lines = []
        for label, statement, parameters, ms, plan in self.slowest:
            flat = " ".join(statement.split())
            lines.append(f"[{label}] {ms:.1f} ms: {flat[:300]}{' …' if len(flat) > 300 else ''}")
            lines.append(f"    parameters: {tuple(parameters)}"[:300])
            lines += [f"    plan: {step}" for step in plan]
        return "\n".join(lines)


# -- checks --------------------------------------------------------------------------------------------------

def check(expected: dict, ov, activities, records, detail, year: int) -> list[str]:
    """Differences between what the functions report and what the generator inserted."""
    problems = []
    exp = expected.get(str(year), {})
    fig = ov.current.figures

    def same(label, got, want):
        if got != want:
            problems.append(f"{label}: 得到 {got}，应为 {want}")

    same("举办会议（已召开/已归档）", fig.meetings, exp.get("meetings", 0))
    same("会议明细行数", len(ov.meetings), exp.get("meetings", 0))
    same("月份合计", sum(sum(col.counts.values()) for col in ov.months), exp.get("meetings", 0))
    same("参加人次（应到，不含工作人员）", sum(line.invited for line in ov.current.participation),
         exp.get("invited", 0))
    same("出席人次", sum(line.present for line in ov.current.participation), exp.get("present", 0))
    same("会议明细 应到合计", sum(m.expected for m in ov.meetings), exp.get("invited", 0))
    same("会议明细 实到合计", sum(m.present for m in ov.meetings), exp.get("present", 0))
    same("会议明细 请假合计", sum(m.leave for m in ov.meetings), exp.get("leave", 0))
    same("调研视察", fig.visits, exp.get("visits", 0))
    same("意见建议（不含合并重复）", fig.recommendations, exp.get("recommendations", 0))
    same("编发专报", fig.bulletins, exp.get("bulletins", 0))
    same("领导批示", fig.instructions, exp.get("instructions", 0))
    decided = exp.get("decided", 0)
    want_rate = exp.get("adopted", 0) / decided if decided else None
    if (fig.adoption_rate is None) != (want_rate is None) or (
            want_rate is not None and abs(fig.adoption_rate - want_rate) > 1e-9):
        problems.append(f"采纳率: 得到 {fig.adoption_rate}，应为 {want_rate}")
    prev = expected.get(str(year - 1))
    if prev:
        same("上年举办会议", ov.previous.figures.meetings, prev.get("meetings", 0))
        same("上年意见建议", ov.previous.figures.recommendations, prev.get("recommendations", 0))
    same("履职档案 区政协委员人数", len(activities), exp.get("members", 0))
    same("积分记录条数", len(records), len(activities))
    district_present = next(line.present for line in ov.current.participation if line.label.startswith("区"))
    member_present = sum(a.total.present for a in activities)
    if member_present > sum(line.present for line in ov.current.participation[:3]):
        problems.append(f"委员出席合计 {member_present} 超过统计的委员出席人次")
    if district_present == 0 or member_present == 0:
        problems.append("区政协委员出席人次为 0")
    if detail is not None:
        same("一人一档 会议条数 = 应到", len(detail.meetings), detail.activity.total.invited)
        same("一人一档 出席条数", sum(m.result == "出席" for m in detail.meetings), detail.activity.total.present)
        same("一人一档 调研条数", len(detail.visits), detail.activity.visits)
        same("一人一档 意见建议条数", len(detail.recommendations), detail.activity.recommendations)
        same("一人一档 专报条数", len(detail.bulletins), detail.activity.bulletins)
        same("一人一档 批示条数", len(detail.instructions), detail.activity.instructions)
    return problems


# -- the run --------------------------------------------------------------------------------------------------

def run(args) -> int:
    from models.services.performance import format_infos, member_activities, member_records
    from models.services.performance_detail import member_detail
    from models.services.performance_scheme import Scheme
    from models.services.statistics import comparison, overview, range_scope, report_paragraph, year_scope

    params = Params(members=args.members, meetings=args.meetings, attendance=args.attendance,
                    recommendations=args.recommendations, years=args.years, last_year=args.last_year)
    year = args.year or params.last_year
    print(f"数据：{params.years}年（{params.first_year}-{params.last_year}），委员 {params.members} 人，"
          f"会议 {params.meetings} 场，参会记录约 {params.attendance} 条，意见建议 {params.recommendations} 条")
    cached, info, seconds = cached_database(params, args.rebuild)
    built = f"（新建，用时 {seconds:.1f} s）" if seconds is not None else "（缓存，--rebuild 重建）"
    print(f"数据库：{cached}{built}")
    print("行数：" + "，".join(f"{table} {n}" for table, n in info["rows"].items()))
    exp = info["expected"].get(str(year), {})
    print(f"{year}年：区政协委员 {exp.get('members', 0)} 人，举办会议 {exp.get('meetings', 0)} 场，"
          f"参加 {exp.get('invited', 0)} 人次（出席 {exp.get('present', 0)}），"
          f"意见建议 {exp.get('recommendations', 0)} 条"
          f"（另合并重复 {exp.get('duplicates', 0)} 条），调研 {exp.get('visits', 0)} 次")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        shutil.copyfile(cached, path)
        from models.migrate import open_database
        from models.paths import sqlite_url

        url = sqlite_url(path)
        open_database(url).database.dispose()  # as the program starts: check, migrate (no-op), seed (no-op)
        bench = Bench(url, args.repeat, args.detail)
        scope = year_scope(year)
        ov = bench.time(f"overview({year}) 年度统计", lambda s: overview(s, scope), "overview")
        bench.time(f"overview({year}-03-01..06-30) 日期范围",
                   lambda s: overview(s, range_scope(date(year, 3, 1), date(year, 6, 30))), "overview")
        bench.time("report_paragraph + comparison", lambda s: (report_paragraph(ov), comparison(ov)),
                   "paragraph", cold=False, max_queries=0)
        activities = bench.time(f"member_activities({year})", lambda s: member_activities(s, year))
        formats = bench.time("format_infos", format_infos, cold=False)
        scheme = Scheme()
        records = bench.time("member_records (score the list)",
                             lambda s: member_records(activities, scheme, formats), cold=False)

        def member_list(session):
            listed = member_activities(session, year)
            return member_records(listed, scheme, format_infos(session))

        bench.time("member list = activities + formats + records", member_list, "member list")
        changed = replace(scheme, visit=5.0, absence=8.0, maximum=None,
                          meeting_points={**scheme.meeting_points, "salon": 4.0})
        rescored = bench.time("re-score with a changed Scheme", lambda s: member_records(activities, changed, formats),
                              "re-score", cold=False, max_queries=0)
        busiest = max(activities, key=lambda a: (a.total.invited + a.visits + a.recommendations, a.person_id))
        detail = bench.time("member_detail (activity from the list)",
                            lambda s: member_detail(s, busiest.person_id, year, scheme, formats, activity=busiest),
                            "member detail")
        bench.time("member_detail (standalone, recomputes list)",
                   lambda s: member_detail(s, busiest.person_id, year, scheme, formats))
        bench.db.dispose()

    print()
    print(bench.table())
    if bench.slowest:
        print("\n最慢的语句（每步前三条，执行时间与查询计划）：")
        print(bench.detail_text())
    print()
    paragraph = report_paragraph(ov)
    print(f"报告段落：{paragraph[:150]}{'…' if len(paragraph) > 150 else ''}")
    bands = Counter(r.score.band for r in records)
    print(f"积分等次：{dict(bands)}；谈话提醒 {sum(bool(r.reminders) for r in records)} 人；"
          f"改方案后平均分 {sum(r.score.total for r in rescored) / max(1, len(rescored)):.1f}")
    print(f"一人一档：{busiest.name}，会议 {len(detail.meetings)} 次、调研 {len(detail.visits)} 次、"
          f"意见建议 {len(detail.recommendations)} 条，积分 {detail.score.text}")
    problems = check(info["expected"], ov, activities, records, detail, year)
    if problems:
        print("数据核对：不一致")
        for problem in problems:
            print(f"  - {problem}")
    else:
        print("数据核对：各项统计与生成的数据一致")
    slow = [t for t in bench.timings if not t.ok]
    cold_over = [t.label for t in bench.timings if t.ok and t.cold_over]
    budgets = ", ".join(f"{t.key} {t.best_ms:.0f}/{t.budget_ms:.0f} ms" for t in bench.timings if t.budget_ms)
    if slow:
        verdict = "FAIL: " + "; ".join(f"{t.label} {t.best_ms:.0f} ms (budget {t.budget_ms:.0f} ms, {t.queries} SQL)"
                                       for t in slow)
    else:
        verdict = f"PASS (best/budget): {budgets}" + (f"; warning, cold run over budget: {', '.join(cold_over)}"
                                                       if cold_over else "")
    print(verdict if not problems else verdict + "; data check FAILED")
    return 1 if slow or problems else 0
