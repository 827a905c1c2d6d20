"""履职档案: each member's year in numbers, scored by the scheme in force (performance_scheme.py).

Who is listed: people holding a membership of the chosen level (区 by default) during the year — its
start on or before 31 December, its end (if any) on or after 1 January; a past membership without an
end date is not known to cover the year and is left out. A membership without a start date counts from
1 January of the year it was entered (created_at): someone entered today is not accountable for past
years, and that year's record says what was assumed (MemberActivity.start_assumed). Not from the day it
was entered: an office that imports its roster and then enters the year's earlier meetings must see them
counted.

What is counted, for held meetings (已召开/已归档) of the year (attendance and visits: the year's rows read
once and counted per member from their first day; the rest by aggregate queries):
- meetings invited / attended / on leave / absent, by format, from the day the membership began (a
  member who joined in July is not held to the March meeting, nor credited for attending it as a guest);
  工作人员 rows are never counted;
- research visits joined (not as 工作人员) from that day on;
- recommendations of the year they are a proposer of (merged duplicates never count), and how many of
  those are adopted (采纳 or 部分采纳);
- bulletins of the year that carry one of their recommendations;
- instructions (批示) of the year on one of their recommendations or on a bulletin carrying one.
Scores are computed from these counts in Python, so a changed scheme recomputes without a query.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import and_, case, distinct, extract, func, or_, union, union_all
from sqlmodel import Session, select

from models.services.attendance_sql import COUNTED, leave_flag, present_flag
from models.services.counts import (
    Scope,
    bulletin_conditions,
    held_conditions,
    instruction_conditions,
    meeting_conditions,
    recommendation_conditions,
    visit_conditions,
)
from models.services.gc_pause import gc_paused
from models.services.performance_scheme import Scheme, points_text
from models.tables import (
    Attendance,
    Bulletin,
    BulletinItem,
    Committee,
    FieldVisit,
    FieldVisitParticipant,
    Instruction,
    LiaisonGroup,
    Meeting,
    MeetingFormat,
    Membership,
    Person,
    Recommendation,
    RecommendationProposer,
    Sector,
)
from models.vocab import ADOPTED_OUTCOMES, Level, VisitRole

# A member in office for less than half the year is not listed for "no activity" (only for a low score).
MIN_DAYS_FOR_NO_ACTIVITY = 183


class Tally(NamedTuple):
    """A named tuple, not a dataclass: the list makes one per member and format (thousands per load)."""
    invited: int = 0
    present: int = 0
    leave: int = 0

    @property
    def absent(self) -> int:
        return self.invited - self.present - self.leave

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.invited + other.invited, self.present + other.present, self.leave + other.leave)


@dataclass(frozen=True)
class MemberActivity:
    person_id: int
    name: str
    gender: str
    employer_title: str
    sector: str
    committee: str
    liaison_group: str
    role: str  # 身份: 常委, 委员 …
    sort_stroke: str
    sort_pinyin: str
    since: date | None  # the membership began during the year
    until: date | None  # … or ended during it
    start_assumed: int | None = None  # no start date recorded: counted from 1 January of this year, when entered
    meetings: dict = field(default_factory=dict)  # format code (or "id:N") → Tally
    visits: int = 0
    recommendations: int = 0
    adopted: int = 0
    bulletins: int = 0
    instructions: int = 0

    @cached_property
    def total(self) -> Tally:
        """All formats together; worked out once, as the list, the score and the reminders each read it."""
        tallies = self.meetings.values()
        return Tally(sum(t.invited for t in tallies), sum(t.present for t in tallies), sum(t.leave for t in tallies))

    @property
    def has_activity(self) -> bool:
        return bool(self.total.present or self.visits or self.recommendations)

    @property
    def served_days(self) -> int | None:
        """Days in office during the year when the membership began or ended within it; None: all year."""
        if self.since is None and self.until is None:
            return None
        start = self.since or date(self.until.year, 1, 1)
        end = self.until or date(self.since.year, 12, 31)
        return max((end - start).days + 1, 0)

    @property
    def service_note(self) -> str:
        """"2023年7月1日起任委员" for a member who joined (or left) during the year."""
        notes = []
        if self.since:
            notes.append(f"{self.since.year}年{self.since.month}月{self.since.day}日起任委员")
        if self.start_assumed:
            notes.append(f"未填任职起始日期，按录入当年（{self.start_assumed}年）全年在任计")
        if self.until:
            notes.append(f"{self.until.year}年{self.until.month}月{self.until.day}日离任")
        return "，".join(notes)


@dataclass(frozen=True)
class ScoreLine:
    label: str
    count: int
    each: float  # points per count, negative for deductions
    points: float


@dataclass(frozen=True)
class Score:
    total: float
    raw: float  # before the cap and the floor of 0
    band: str
    # (label, count, each, points) of what counted, the base first: plain tuples, as the list scores every
    # member on each change of scheme and only a member's page or print needs the lines.
    counted: tuple[tuple, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        return points_text(self.total)

    @cached_property
    def lines(self) -> tuple[ScoreLine, ...]:
        return tuple(ScoreLine(*line) for line in self.counted)


@dataclass(frozen=True)
class MemberRecord:
    activity: MemberActivity
    score: Score
    reminders: tuple[str, ...] = ()  # why the member is a 谈话提醒 candidate; empty when not


@dataclass(frozen=True)
class FormatInfo:
    key: str  # the format's code, or "id:N" for a format without one
    name: str
    code: str | None


# -- who is listed -------------------------------------------------------------------------------------

def _covers_year(year: int):
    first, last = date(year, 1, 1), date(year, 12, 31)
    entered = extract("year", Membership.created_at)
    return and_(or_(Membership.start_date <= last, and_(Membership.start_date.is_(None), entered <= year)),
                or_(Membership.end_date.is_(None), Membership.end_date >= first),
                or_(Membership.active.is_(True), Membership.end_date.is_not(None)))


class _StoredText(sa.types.TypeDecorator):
    """A date or time as text ("2024-07-01", "2024-07-01 09:00:00…"), compared with a day as text. SQLite
    stores that text: it is passed on untouched (no conversion per value); PostgreSQL returns date objects,
    written out the same way."""

    impl = sa.String
    cache_ok = True

    def result_processor(self, dialect, coltype):
        if dialect.name == "sqlite":
            return None
        return lambda value: None if value is None else str(value)


def _stored(column):
    return sa.type_coerce(column, _StoredText())


def format_infos(session: Session) -> list[FormatInfo]:
    return [FormatInfo(f.code or f"id:{f.id}", f.name, f.code)
            for f in session.exec(select(MeetingFormat).order_by(MeetingFormat.sort_order, MeetingFormat.id))]


def _members(session: Session, year: int, level: str) -> tuple[dict[int, tuple], dict[int, str]]:
    """Each member's fields up to start_assumed, in MemberActivity's order (from their latest membership of
    the level in the year), and the day each is counted from ("2024-07-01"): the earliest start of those
    memberships, a missing start read as 1 January."""
    rows = session.connection().execute(_members_query(year, level)).all()  # Core rows: no ORM bookkeeping per row
    first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    spans: dict[int, list] = {}
    for row in rows:
        spans.setdefault(row[0], []).append(row)
    members: dict[int, tuple] = {}
    counted_from: dict[int, str] = {}
    for pid, held in spans.items():
        # Days as stored text ("2024-07-01" sorts as the day does). A membership without a start date began
        # on 1 January of the year it was entered.
        starts = [(row[2] or f"{int(row[4]):04d}-01-01", row[1], row) for row in held]  # PostgreSQL: a Decimal
        latest = max(starts)[2]
        since = min(start for start, _, _ in starts)
        assumed = since == first and any(row[2] is None and row[4] == year for row in held)
        ends = [row[3] for row in held]
        until = None if None in ends else max(ends)
        _, _, _, _, _, role, sector, committee, group, name, gender, employer, stroke, pinyin = latest
        members[pid] = (pid, name, gender or "", employer or "", sector or "", committee or "", group or "",
                        role or "", stroke or "", pinyin or "", date.fromisoformat(since) if since > first else None,
                        date.fromisoformat(until) if until and until < last else None, year if assumed else None)
        counted_from[pid] = min(row[2] or first for row in held)
    return members, counted_from


@lru_cache(maxsize=8)
def _members_query(year: int, level: str):
    """Built once per year and level (as the other statements here): SQLAlchemy caches the compiled form,
    this saves building the expression and its cache key on every load."""
    return (select(Membership.person_id, Membership.id, _stored(Membership.start_date), _stored(Membership.end_date),
                   extract("year", Membership.created_at), Membership.role, Sector.name, Committee.name,
                   LiaisonGroup.name, Person.name, Person.gender, Person.employer_title, Person.sort_stroke,
                   Person.sort_pinyin)
            .join(Person, Person.id == Membership.person_id)
            .outerjoin(Sector, Sector.id == Membership.sector_id)
            .outerjoin(Committee, Committee.id == Membership.committee_id)
            .outerjoin(LiaisonGroup, LiaisonGroup.id == Membership.liaison_group_id)
            .where(Membership.level == level, _covers_year(year)))


# -- the counts ------------------------------------------------------------------------------------------

def _attendance(session: Session, year: int, counted_from: dict[int, str],
                keys: dict[int, str]) -> tuple[dict[int, dict[str, Tally]], dict[int, Tally]]:
    """Per member and format, from the day they are counted from, and each member's total over the formats
    (MemberActivity.total, counted in the same pass). The year's few thousand rows are read once and
    tallied here: a per-row subquery for that day cost SQLite more than the whole read."""
    tallies: dict[int, dict[int, list[int]]] = {}
    for pid, format_id, starts_at, present, leave in session.connection().execute(_attendance_query(year)).all():
        since = counted_from.get(pid)
        if since is not None and starts_at >= since:
            by_format = tallies.get(pid)
            if by_format is None:
                by_format = tallies[pid] = {}
            tally = by_format.get(format_id)
            if tally is None:
                by_format[format_id] = [1, present, leave]
            else:
                tally[0] += 1
                tally[1] += present
                tally[2] += leave
    meetings, totals = {}, {}
    for pid, by_format in tallies.items():
        mine, invited, present, leave = {}, 0, 0, 0
        for fid, t in by_format.items():
            mine[keys.get(fid) or f"id:{fid}"] = Tally._make(t)
            invited, present, leave = invited + t[0], present + t[1], leave + t[2]
        meetings[pid], totals[pid] = mine, Tally(invited, present, leave)
    return meetings, totals


@lru_cache(maxsize=8)
def _attendance_query(year: int):
    return (select(Attendance.person_id, Meeting.format_id, _stored(Meeting.starts_at), present_flag(), leave_flag())
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(*meeting_conditions(Scope(year=year)), *held_conditions(), COUNTED))


def _visits(session: Session, year: int, counted_from: dict[int, str]) -> dict[int, int]:
    """Distinct visits joined (not as 工作人员) from the day each member is counted from."""
    joined: dict[int, set[int]] = {}
    for pid, visit_id, day in session.connection().execute(_visits_query(year)).all():
        since = counted_from.get(pid)
        if since is not None and day >= since:
            joined.setdefault(pid, set()).add(visit_id)
    return {pid: len(visits) for pid, visits in joined.items()}


@lru_cache(maxsize=8)
def _visits_query(year: int):
    return (select(FieldVisitParticipant.person_id, FieldVisit.id, _stored(FieldVisit.visit_date))
            .join(FieldVisit, FieldVisit.id == FieldVisitParticipant.visit_id)
            .where(*visit_conditions(Scope(year=year)), FieldVisitParticipant.role != VisitRole.STAFF))


def _proposer_counts(session: Session, year: int) -> dict[str, dict[int, tuple[int, int]]]:
    """Per proposer: recommendations and adopted ("r"), bulletins ("b"), instructions ("i"); one statement."""
    counts: dict[str, dict[int, tuple[int, int]]] = {"r": {}, "b": {}, "i": {}}
    for kind, pid, n, extra in session.connection().execute(_proposer_query(year)).all():
        counts[kind][pid] = (n, extra or 0)
    return counts


@lru_cache(maxsize=8)
def _proposer_query(year: int):
    proposer = RecommendationProposer
    adopted = func.sum(case((Recommendation.outcome.in_([str(o) for o in ADOPTED_OUTCOMES]), 1), else_=0))
    recommendations = (
        select(sa.literal("r").label("kind"), proposer.person_id.label("person_id"),
               func.count(distinct(Recommendation.id)).label("n"), adopted.label("adopted"))
        .join(Recommendation, Recommendation.id == proposer.recommendation_id)
        .where(*recommendation_conditions(Scope(year=year))).group_by(proposer.person_id))
    bulletins = (
        select(sa.literal("b"), proposer.person_id, func.count(distinct(Bulletin.id)), sa.literal(0))
        .join(Recommendation, Recommendation.id == proposer.recommendation_id)
        .join(BulletinItem, BulletinItem.recommendation_id == Recommendation.id)
        .join(Bulletin, Bulletin.id == BulletinItem.bulletin_id)
        .where(Recommendation.duplicate_of_id.is_(None), *bulletin_conditions(Scope(year=year)))
        .group_by(proposer.person_id))
    conditions = instruction_conditions(Scope(year=year))
    on_recommendation = (
        select(proposer.person_id.label("person_id"), Instruction.id.label("instruction_id"))
        .join(Recommendation, Recommendation.id == proposer.recommendation_id)
        .join(Instruction, Instruction.recommendation_id == Recommendation.id)
        .where(Recommendation.duplicate_of_id.is_(None), *conditions))
    on_bulletin = (
        select(proposer.person_id.label("person_id"), Instruction.id.label("instruction_id"))
        .join(Recommendation, Recommendation.id == proposer.recommendation_id)
        .join(BulletinItem, BulletinItem.recommendation_id == Recommendation.id)
        .join(Instruction, Instruction.bulletin_id == BulletinItem.bulletin_id)
        .where(Recommendation.duplicate_of_id.is_(None), *conditions))
    pairs = union(on_recommendation, on_bulletin).subquery()  # UNION: each (person, instruction) once
    instructions = select(sa.literal("i"), pairs.c.person_id, func.count(pairs.c.instruction_id), sa.literal(0)
                          ).group_by(pairs.c.person_id)
    every = union_all(recommendations, bulletins, instructions).subquery()
    return select(every.c.kind, every.c.person_id, every.c.n, every.c.adopted)


def member_activities(session: Session, year: int, level: str = Level.DISTRICT) -> list[MemberActivity]:
    """Every member of the level in the year with their counts, in CPPCC stroke order."""
    with gc_paused():
        return _member_activities(session, year, level)


def _member_activities(session: Session, year: int, level: str) -> list[MemberActivity]:
    members, counted_from = _members(session, year, level)
    keys = {fid: code or f"id:{fid}" for fid, code in session.exec(select(MeetingFormat.id, MeetingFormat.code))}
    (attendance, totals), visits = _attendance(session, year, counted_from, keys), _visits(session, year, counted_from)
    # Proposals, bulletins and instructions are counted for everyone; only the members' rows are used.
    counts = _proposer_counts(session, year)
    recs, bulletins, instructions = counts["r"], counts["b"], counts["i"]
    none, nothing = (0, 0), Tally()
    activities = []
    for pid, fields in members.items():
        activity = MemberActivity(*fields, attendance.get(pid, {}), visits.get(pid, 0), *recs.get(pid, none),
                                  bulletins.get(pid, none)[0], instructions.get(pid, none)[0])
        # total is a cached_property: its cache seeded with the total counted above (the same sums).
        activity.__dict__["total"] = totals.get(pid, nothing)
        activities.append(activity)
    activities.sort(key=lambda a: (a.sort_stroke, a.person_id))
    return activities


# -- scores ------------------------------------------------------------------------------------------------

def _meeting_points(scheme: Scheme, formats: list[FormatInfo]) -> list[tuple[str, str, float]]:
    """(format key, line label, points each) in the formats' order: once per list, not per member."""
    return [(info.key, f"出席{info.name}", scheme.points_for(info.code)) for info in formats]


def score(activity: MemberActivity, scheme: Scheme, formats: list[FormatInfo]) -> Score:
    return _score(activity, scheme, _meeting_points(scheme, formats))


def _score(activity: MemberActivity, scheme: Scheme, meeting_points: list[tuple[str, str, float]]) -> Score:
    # A line only for what counted (the base always).
    lines = [("基础分", 1, scheme.base, scheme.base)]
    meetings = activity.meetings
    if meetings:
        for key, label, each in meeting_points:
            tally = meetings.get(key)
            if tally and tally.present:
                lines.append((label, tally.present, each, tally.present * each))
    total = activity.total
    if activity.visits:
        lines.append(("参加调研视察", activity.visits, scheme.visit, activity.visits * scheme.visit))
    if activity.recommendations:
        lines.append(("提出意见建议", activity.recommendations, scheme.recommendation,
                      activity.recommendations * scheme.recommendation))
    if activity.adopted:
        lines.append(("意见建议被采纳", activity.adopted, scheme.adopted, activity.adopted * scheme.adopted))
    if total.absent:
        lines.append(("无故缺席", total.absent, -scheme.absence, -total.absent * scheme.absence))
    if total.leave:
        lines.append(("请假", total.leave, -scheme.leave, -total.leave * scheme.leave))
    raw = round(sum(line[3] for line in lines), 2)
    capped = max(0.0, raw if scheme.maximum is None else min(raw, scheme.maximum))
    return Score(capped, raw, scheme.band_of(capped), tuple(lines))


def reminder_reasons(activity: MemberActivity, result: Score, scheme: Scheme) -> list[str]:
    """Why a member is a 谈话提醒 candidate (empty when they are not)."""
    reasons = []
    if result.total < scheme.pass_mark:
        reasons.append(f"积分{result.text}分，低于{points_text(scheme.pass_mark)}分（{scheme.lowest_band}）")
    served = activity.served_days
    if not activity.has_activity and (served is None or served >= MIN_DAYS_FOR_NO_ACTIVITY):
        reasons.append("全年无出席会议、调研视察和意见建议记录")
    return reasons


def member_records(activities: list[MemberActivity], scheme: Scheme, formats: list[FormatInfo]) -> list[MemberRecord]:
    with gc_paused():
        return _member_records(activities, scheme, formats)


def _member_records(activities: list[MemberActivity], scheme: Scheme, formats: list[FormatInfo]) -> list[MemberRecord]:
    meeting_points, pass_mark = _meeting_points(scheme, formats), scheme.pass_mark
    records = []
    for activity in activities:
        result = _score(activity, scheme, meeting_points)
        # Most members pass with some activity: no reasons to look for (reminder_reasons would find none).
        candidate = result.total < pass_mark or not activity.has_activity
        reasons = tuple(reminder_reasons(activity, result, scheme)) if candidate else ()
        records.append(MemberRecord(activity, result, reasons))
    return records


def band_counts(records: list[MemberRecord], scheme: Scheme) -> dict[str, int]:
    counts = {band.name: 0 for band in scheme.bands}
    counts[scheme.lowest_band] = 0
    for record in records:
        counts[record.score.band] = counts.get(record.score.band, 0) + 1
    return counts


__all__ = ["FormatInfo", "MemberActivity", "MemberRecord", "Score", "ScoreLine", "Tally", "band_counts",
           "format_infos", "member_activities", "member_records", "reminder_reasons", "score"]
