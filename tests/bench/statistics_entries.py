"""year_overview and member_list: the 统计 page's two loads at national scale (statistics_data.py's ten years),
each beside hand-written SQL (sqlite3) computing the same figures. Part of `python -m tests.bench limits`.

Every round compares the two: each figure the overview holds (both periods), and for every member of the
list each count, the score, the band and whether they are a 谈话提醒 candidate. A difference is a problem
the runner prints, and it makes the exit status 1.
"""

import json
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from models.services.statistics import leader_word
from models.settings import COMMITTEE_NAME
from tests.bench.limits import Entry
from tests.bench.statistics_data import Params, cached_database

YEAR = 2024
PARAMS = Params(members=2500, meetings=1000, attendance=60000, recommendations=20000, years=10, last_year=YEAR)
HELD = ("已召开", "已归档")
STAFF = "工作人员"
ADOPTED = ("采纳", "部分采纳")
LEVEL_RANK = {"全国": 1, "市": 2, "区": 3}
LEVELS = ("全国政协委员", "市政协委员", "区政协委员", "非委员（嘉宾等）")
PRESENT = "(a.checked_in_at IS NOT NULL OR a.result = '出席')"
LEAVE = "(a.result = '请假' OR a.invite_status = '请假')"


def _stamp(day: date) -> str:
    return f"{day.isoformat()} 00:00:00.000000"  # how SQLAlchemy stores a datetime in SQLite


# -- the overview by hand --------------------------------------------------------------------------------------

def _period(con: sqlite3.Connection, year: int, formats: list, on: date) -> dict:
    """Every figure of one year, as overview() reports it."""
    start, end = _stamp(date(year, 1, 1)), _stamp(date(year + 1, 1, 1))
    first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    held = dict(con.execute("SELECT format_id, count(*) FROM meeting WHERE starts_at >= ? AND starts_at < ? "
                            "AND status IN (?, ?) GROUP BY format_id", (start, end, *HELD)))
    visits = dict(con.execute("SELECT kind, count(*) FROM field_visit WHERE visit_date >= ? AND visit_date <= ? "
                              "GROUP BY kind", (first, last)))
    by_status, by_outcome, total, overdue = Counter(), Counter(), 0, 0
    for status, outcome, n, late in con.execute(
            "SELECT status, outcome, count(*), sum(deadline IS NOT NULL AND deadline < ? AND reply_date IS NULL "
            "AND status != '已办结') FROM recommendation WHERE duplicate_of_id IS NULL AND year = ? "
            "GROUP BY status, outcome", (on.isoformat(), year)):
        by_status[status] += n
        total, overdue = total + n, overdue + late
        if outcome is not None:
            by_outcome[outcome] += n
    by_aspect = con.execute(
        "SELECT s.name, count(*) FROM recommendation r JOIN aspect s ON s.id = r.aspect_id "
        "WHERE r.duplicate_of_id IS NULL AND r.year = ? GROUP BY s.id "
        "ORDER BY min(r.year), coalesce(s.meeting_id, 0), coalesce(s.field_visit_id, 0), "
        "coalesce(s.source_kind, ''), s.position, s.id", (year,)).fetchall()
    bulletins = con.execute("SELECT kind, count(*) FROM bulletin WHERE year = ? GROUP BY kind "
                            "ORDER BY count(*) DESC, kind", (year,)).fetchall()
    instructions = con.execute(
        "SELECT count(*) FROM instruction i WHERE (i.bulletin_id IS NOT NULL OR i.recommendation_id IN "
        "(SELECT id FROM recommendation WHERE duplicate_of_id IS NULL)) AND CASE WHEN i.instructed_on IS NOT NULL "
        "THEN i.instructed_on >= ? AND i.instructed_on <= ? ELSE i.bulletin_id IN (SELECT id FROM bulletin "
        "WHERE year = ?) OR i.recommendation_id IN (SELECT id FROM recommendation WHERE year = ?) END",
        (first, last, year, year)).fetchone()[0]
    produced = {fid: (n, a) for fid, n, a in con.execute(
        "SELECT m.format_id, count(*), count(DISTINCT r.aspect_id) FROM recommendation r "
        "JOIN meeting m ON m.id = r.meeting_id WHERE r.duplicate_of_id IS NULL AND r.year = ? GROUP BY m.format_id",
        (year,))}
    levels = Counter()
    for rank, invited, present, people in con.execute(
            f"SELECT l.rank, count(*), sum({PRESENT}), count(DISTINCT CASE WHEN {PRESENT} THEN a.person_id END) "
            "FROM attendance a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN (SELECT person_id, "
            "min(CASE level WHEN '全国' THEN 1 WHEN '市' THEN 2 WHEN '区' THEN 3 ELSE 9 END) AS rank "
            "FROM membership GROUP BY person_id) l ON l.person_id = a.person_id "
            "WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status IN (?, ?) AND a.role != ? GROUP BY l.rank",
            (start, end, *HELD, STAFF)):
        key = rank if rank in (1, 2, 3) else 4
        levels[key, 0] += invited
        levels[key, 1] += present
        levels[key, 2] += people
    decided = sum(by_outcome.values())
    adopted = sum(n for outcome, n in by_outcome.items() if outcome in ADOPTED)
    return {
        "visits": sum(visits.values()), "visits_by_kind": visits, "recommendations": total,
        "aspects": len(by_aspect), "by_status": dict(by_status), "by_outcome": dict(by_outcome),
        "adoption_rate": adopted / decided if decided else None, "overdue": overdue,
        "bulletins": sum(n for _, n in bulletins), "bulletins_by_kind": bulletins, "instructions": instructions,
        "meetings": sum(held.values()),
        "meetings_by_format": [(name, held[fid]) for fid, _, name in formats if fid in held],
        "by_aspect": by_aspect,
        "formats": [(code, name, held.get(fid, 0), *produced.get(fid, (0, 0))) for fid, code, name in formats
                    if held.get(fid) or produced.get(fid, (0, 0))[0]],
        "participation": [(label, levels[i, 0], levels[i, 1], levels[i, 2]) for i, label in enumerate(LEVELS, 1)],
    }


def overview_by_hand(con: sqlite3.Connection, year: int, on: date) -> dict:
    formats = con.execute("SELECT id, code, name FROM meeting_format ORDER BY sort_order, id").fetchall()
    start, end = _stamp(date(year, 1, 1)), _stamp(date(year + 1, 1, 1))
    produced = {mid: (n, a) for mid, n, a in con.execute(
        "SELECT r.meeting_id, count(*), count(DISTINCT r.aspect_id) FROM recommendation r JOIN meeting m "
        "ON m.id = r.meeting_id WHERE r.duplicate_of_id IS NULL AND m.starts_at >= ? AND m.starts_at < ? "
        "AND m.status IN (?, ?) GROUP BY r.meeting_id", (start, end, *HELD))}
    lines = [(*row[:5], datetime.fromisoformat(row[5]), *row[6:], *produced.get(row[0], (0, 0)))
             for row in con.execute(
        f"SELECT m.id, f.name, f.code, m.title, coalesce(t.title, ''), m.starts_at, m.status, count(a.id), "
        f"coalesce(sum(CASE WHEN {PRESENT} THEN 1 ELSE 0 END), 0), "
        f"coalesce(sum(CASE WHEN {PRESENT} THEN 0 WHEN {LEAVE} THEN 1 ELSE 0 END), 0) "
        "FROM meeting m JOIN meeting_format f ON f.id = m.format_id LEFT JOIN topic t ON t.id = m.topic_id "
        "LEFT JOIN attendance a ON a.meeting_id = m.id AND a.role != ? "
        "WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status IN (?, ?) GROUP BY m.id "
        "ORDER BY m.starts_at, m.id", (STAFF, start, end, *HELD))]
    months = {}
    for month, name, n in con.execute(
            "SELECT CAST(strftime('%m', m.starts_at) AS INTEGER), f.name, count(*) FROM meeting m "
            "JOIN meeting_format f ON f.id = m.format_id WHERE m.starts_at >= ? AND m.starts_at < ? "
            "AND m.status IN (?, ?) GROUP BY 1, 2", (start, end, *HELD)):
        months.setdefault(month, {})[name] = n
    stored = con.execute("SELECT value FROM app_setting WHERE key = 'committee_name'").fetchone()
    committee = json.loads(stored[0]) if stored and stored[0] else None
    return {"current": _period(con, year, formats, on), "previous": _period(con, year - 1, formats, on),
            "meetings": lines, "months": [(f"{m}月", months.get(m, {})) for m in range(1, 13)],
            "leader_word": leader_word(committee or COMMITTEE_NAME.default)}


def overview_figures(ov) -> dict:
    """The same figures out of the project's Overview."""

    def period(p) -> dict:
        f = p.figures
        return {
            "visits": f.visits, "visits_by_kind": {k: n for k, n in f.visits_by_kind.items() if n},
            "recommendations": f.recommendations, "aspects": f.aspects,
            "by_status": {k: n for k, n in f.by_status.items() if n},
            "by_outcome": {k: n for k, n in f.by_outcome.items() if n}, "adoption_rate": f.adoption_rate,
            "overdue": f.overdue, "bulletins": f.bulletins, "bulletins_by_kind": list(f.bulletins_by_kind.items()),
            "instructions": f.instructions, "meetings": f.meetings,
            "meetings_by_format": list(f.meetings_by_format.items()), "by_aspect": list(f.by_aspect),
            "formats": [(x.code, x.name, x.meetings, x.recommendations, x.aspects) for x in p.formats],
            "participation": [(x.label, x.invited, x.present, x.people) for x in p.participation],
        }

    return {"current": period(ov.current), "previous": period(ov.previous),
            "meetings": [(m.id, m.format_name, m.format_code, m.title, m.topic_title, m.starts_at, m.status,
                          m.expected, m.present, m.leave, m.recommendations, m.aspects) for m in ov.meetings],
            "months": [(c.label, c.counts) for c in ov.months], "leader_word": ov.leader_word}


def differences(label: str, got, want, path: str = "") -> list[str]:
    """Where two nested figures differ, as readable lines (at most a few)."""
    if isinstance(got, dict) and isinstance(want, dict):
        found = []
        for key in sorted(set(got) | set(want), key=str):
            found += differences(label, got.get(key, "（无）"), want.get(key, "（无）"), f"{path}.{key}")
        return found[:5]
    if isinstance(got, list | tuple) and isinstance(want, list | tuple) and len(got) == len(want):
        found = []
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            found += differences(label, g, w, f"{path}[{i}]")
        return found[:5]
    if isinstance(got, float) and isinstance(want, float) and abs(got - want) <= 1e-12:
        return []
    return [] if got == want else [f"{label}{path}：项目 {got!r}，手写 SQL {want!r}"]


# -- the member list by hand -------------------------------------------------------------------------------------

INSTRUCTION_IN_YEAR = (
    "(i.bulletin_id IS NOT NULL "
    "OR i.recommendation_id IN (SELECT id FROM recommendation WHERE duplicate_of_id IS NULL)) "
    "AND CASE WHEN i.instructed_on IS NOT NULL THEN i.instructed_on >= ? AND i.instructed_on <= ? "
    "ELSE i.bulletin_id IN (SELECT id FROM bulletin WHERE year = ?) "
    "OR i.recommendation_id IN (SELECT id FROM recommendation WHERE year = ?) END")


def _members_by_hand(con: sqlite3.Connection, year: int) -> dict[int, dict]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    names = {table: dict(con.execute(f"SELECT id, name FROM {table}"))
             for table in ("sector", "committee", "liaison_group")}
    spans: dict[int, list] = {}
    people = {}
    for row in con.execute(
            "SELECT m.person_id, m.id, m.start_date, m.end_date, CAST(strftime('%Y', m.created_at) AS INTEGER), "
            "m.sector_id, m.committee_id, m.liaison_group_id, m.role, p.name, p.gender, p.employer_title, "
            "p.sort_stroke FROM membership m JOIN person p ON p.id = m.person_id WHERE m.level = '区' "
            "AND (m.start_date <= ? OR (m.start_date IS NULL AND CAST(strftime('%Y', m.created_at) AS INTEGER) <= ?)) "
            "AND (m.end_date IS NULL OR m.end_date >= ?) AND (m.active = 1 OR m.end_date IS NOT NULL)",
            (last.isoformat(), year, first.isoformat())):
        spans.setdefault(row[0], []).append(row)
        people[row[0]] = row[9:]
    members = {}
    for pid, rows in spans.items():
        starts = [(date.fromisoformat(r[2]) if r[2] else date(r[4], 1, 1), r[1], r) for r in rows]
        latest = max(starts)[2]
        since = min(s for s, _, _ in starts)
        ends = [r[3] for r in rows]
        until = None if None in ends else date.fromisoformat(max(ends))
        assumed = any(r[2] is None and r[4] == year for r in rows) and since == first
        name, gender, employer, stroke = people[pid]
        members[pid] = {
            "name": name, "gender": gender or "", "employer": employer or "",
            "sector": names["sector"].get(latest[5], ""),
            "committee": names["committee"].get(latest[6], ""),
            "liaison_group": names["liaison_group"].get(latest[7], ""), "role": latest[8] or "",
            "since": since if since > first else None, "until": until if until and until < last else None,
            "start_assumed": year if assumed else None, "stroke": stroke or "",
            # counted from: the earliest start, a missing one read as 1 January (as the project's subquery)
            "from": min(r[2] or first.isoformat() for r in rows),
            "meetings": {}, "visits": set()}
    return members


def member_list_by_hand(con: sqlite3.Connection, year: int, scheme) -> list[tuple]:
    """Every member's counts, score, band and 谈话提醒 mark, in stroke order: the list's figures."""
    first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    members = _members_by_hand(con, year)
    formats = con.execute("SELECT id, code FROM meeting_format ORDER BY sort_order, id").fetchall()
    keys = {fid: code or f"id:{fid}" for fid, code in formats}
    for pid, fid, day, present, leave in con.execute(
            f"SELECT a.person_id, m.format_id, substr(m.starts_at, 1, 10), {PRESENT}, NOT {PRESENT} AND {LEAVE} "
            "FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE m.starts_at >= ? AND m.starts_at < ? "
            "AND m.status IN (?, ?) AND a.role != ?",
            (_stamp(date(year, 1, 1)), _stamp(date(year + 1, 1, 1)), *HELD, STAFF)):
        member = members.get(pid)
        if member is not None and day >= member["from"]:
            tally = member["meetings"].setdefault(keys[fid], [0, 0, 0])
            tally[0] += 1
            tally[1] += present
            tally[2] += leave
    for pid, vid, day in con.execute(
            "SELECT p.person_id, v.id, v.visit_date FROM field_visit_participant p JOIN field_visit v "
            "ON v.id = p.visit_id WHERE v.visit_date >= ? AND v.visit_date <= ? AND p.role != ?", (first, last, STAFF)):
        member = members.get(pid)
        if member is not None and day >= member["from"]:
            member["visits"].add(vid)
    recs = {pid: (n, a or 0) for pid, n, a in con.execute(
        "SELECT p.person_id, count(DISTINCT r.id), sum(r.outcome IN (?, ?)) FROM recommendation_proposer p "
        "JOIN recommendation r ON r.id = p.recommendation_id WHERE r.duplicate_of_id IS NULL AND r.year = ? "
        "GROUP BY p.person_id", (*ADOPTED, year))}
    bulletins = dict(con.execute(
        "SELECT p.person_id, count(DISTINCT b.id) FROM recommendation_proposer p JOIN recommendation r "
        "ON r.id = p.recommendation_id JOIN bulletin_item bi ON bi.recommendation_id = r.id "
        "JOIN bulletin b ON b.id = bi.bulletin_id WHERE r.duplicate_of_id IS NULL AND b.year = ? "
        "GROUP BY p.person_id", (year,)))
    instructions = dict(con.execute(
        "SELECT person_id, count(*) FROM (SELECT p.person_id, i.id FROM recommendation_proposer p "
        "JOIN recommendation r ON r.id = p.recommendation_id JOIN instruction i ON i.recommendation_id = r.id "
        f"WHERE r.duplicate_of_id IS NULL AND {INSTRUCTION_IN_YEAR} UNION SELECT p.person_id, i.id "
        "FROM recommendation_proposer p JOIN recommendation r ON r.id = p.recommendation_id "
        "JOIN bulletin_item bi ON bi.recommendation_id = r.id JOIN instruction i ON i.bulletin_id = bi.bulletin_id "
        f"WHERE r.duplicate_of_id IS NULL AND {INSTRUCTION_IN_YEAR}) GROUP BY person_id",
        (first, last, year, year) * 2))
    points = [(keys[fid], scheme.points_for(code)) for fid, code in formats]
    rows = []
    for pid, m in sorted(members.items(), key=lambda item: (item[1]["stroke"], item[0])):
        meetings = {key: tuple(t) for key, t in m["meetings"].items()}
        invited = sum(t[0] for t in meetings.values())
        present = sum(t[1] for t in meetings.values())
        leave = sum(t[2] for t in meetings.values())
        absent = invited - present - leave
        visits, (n_recs, adopted) = len(m["visits"]), recs.get(pid, (0, 0))
        terms = [scheme.base] + [meetings[key][1] * each for key, each in points if meetings.get(key, (0, 0))[1]]
        terms += [count * each for count, each in ((visits, scheme.visit), (n_recs, scheme.recommendation),
                                                   (adopted, scheme.adopted), (absent, -scheme.absence),
                                                   (leave, -scheme.leave)) if count]
        raw = round(sum(terms), 2)
        total = max(0.0, raw if scheme.maximum is None else min(raw, scheme.maximum))
        served = None
        if m["since"] or m["until"]:
            served = ((m["until"] or date(year, 12, 31)) - (m["since"] or date(year, 1, 1))).days + 1
        idle = not (present or visits or n_recs) and (served is None or served >= 183)
        rows.append((pid, m["name"], m["gender"], m["employer"], m["sector"], m["committee"], m["liaison_group"],
                     m["role"], m["since"], m["until"], m["start_assumed"], meetings, visits, n_recs, adopted,
                     bulletins.get(pid, 0), instructions.get(pid, 0), total, scheme.band_of(total),
                     total < scheme.pass_mark or idle))
    return rows


def member_list_figures(records) -> list[tuple]:
    """The same figures out of the project's MemberRecords."""
    return [(a.person_id, a.name, a.gender, a.employer_title, a.sector, a.committee, a.liaison_group, a.role,
             a.since, a.until, a.start_assumed, {key: (t.invited, t.present, t.leave) for key, t in a.meetings.items()},
             a.visits, a.recommendations, a.adopted, a.bulletins, a.instructions, r.score.total, r.score.band,
             bool(r.reminders))
            for r in records for a in (r.activity,)]


# -- the entries ---------------------------------------------------------------------------------------------------

def statistics_entries() -> dict[str, Entry]:
    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.services.performance import format_infos, member_activities, member_records
    from models.services.performance_scheme import Scheme
    from models.services.statistics import overview, year_scope

    cached, _info, _seconds = cached_database(PARAMS, rebuild=False)
    path = Path(tempfile.mkdtemp(prefix="consultdesk-bench-statistics-")) / "statistics.sqlite"
    shutil.copyfile(cached, path)  # the services write settings on open: never on the cache
    database = open_database(sqlite_url(path)).database
    connection = sqlite3.connect(path)
    scheme = Scheme()
    size = (f"{PARAMS.years} 年，委员 {PARAMS.members} 人，会议 {PARAMS.meetings} 场，"
            f"参会 {PARAMS.attendance} 条，建议 {PARAMS.recommendations} 条")
    latest = {}  # the project's figures of its last round; the runner runs the limit right after it

    def entry(name: str, project_work, figures_of, limit_work) -> Entry:
        def project() -> float:
            start = time.perf_counter()
            result = project_work()
            elapsed = (time.perf_counter() - start) * 1000
            latest[name] = figures_of(result)  # untimed: only for the comparison
            return elapsed

        def limit() -> float:
            start = time.perf_counter()
            figures = limit_work()
            elapsed = (time.perf_counter() - start) * 1000
            found = differences(name, latest.pop(name), figures)
            made.problems.extend(p for p in found if p not in made.problems)
            return elapsed

        made = Entry(f"{size}；{YEAR}年" + ("与上年" if name == "year_overview" else ""), project, limit)
        return made

    def project_overview():
        with database.session() as session:
            return overview(session, year_scope(YEAR))

    def project_list():  # what the 统计 page's load and its 履职档案 tab do
        with database.session() as session:
            return member_records(member_activities(session, YEAR), scheme, format_infos(session))

    return {"year_overview": entry("year_overview", project_overview, overview_figures,
                                   lambda: overview_by_hand(connection, YEAR, date.today())),
            "member_list": entry("member_list", project_list, member_list_figures,
                                 lambda: member_list_by_hand(connection, YEAR, scheme))}
