"""履职档案: each member's year in numbers, scored by the scheme in force (performance_scheme.py).

Who is listed: people holding a membership of the chosen level (区 by default) during the year — its
start on or before 31 December, its end (if any) on or after 1 January; a past membership without an
end date is not known to cover the year and is left out. A membership without a start date counts from
1 January of the year it was entered (created_at): someone entered today is not accountable for past
years, and that year's record says what was assumed (MemberActivity.start_assumed). Not from the day it
was entered: an office that imports its roster and then enters the year's earlier meetings must see them
counted.

What is counted, for held meetings (已召开/已归档) of the year, by aggregate queries:
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

import sqlalchemy as sa
from sqlalchemy import and_, case, distinct, extract, func, or_, union
from sqlmodel import Session, select

from models.services.attendance_sql import COUNTED, invited_count, leave_sum, present_sum
from models.services.counts import (
    Scope,
    bulletin_conditions,
    held_conditions,
    instruction_conditions,
    meeting_conditions,
    recommendation_conditions,
    visit_conditions,
)
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


@dataclass(frozen=True)
class Tally:
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

    @property
    def total(self) -> Tally:
        return sum(self.meetings.values(), Tally())

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
    lines: tuple[ScoreLine, ...]

    @property
    def text(self) -> str:
        return points_text(self.total)


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


def _member_since(year: int, level: str, person_column):
    """The day the person's membership of the level began, per row of the outer query: a correlated
    subquery lets SQLite walk the year's meetings first, not every member's whole history (see
    tests/bench/statistics.py)."""
    # Without a start date: 1 January of the year (_covers_year keeps only those entered by then).
    return (select(func.min(func.coalesce(Membership.start_date, sa.literal(date(year, 1, 1), sa.Date))))
            .where(Membership.person_id == person_column, Membership.level == level, _covers_year(year))
            .scalar_subquery())


def _start(membership: Membership) -> date:
    return membership.start_date or date(membership.created_at.year, 1, 1)


def format_infos(session: Session) -> list[FormatInfo]:
    return [FormatInfo(f.code or f"id:{f.id}", f.name, f.code)
            for f in session.exec(select(MeetingFormat).order_by(MeetingFormat.sort_order, MeetingFormat.id))]


def _members(session: Session, year: int, level: str) -> dict[int, dict]:
    names = {model: dict(session.exec(select(model.id, model.name)).all())
             for model in (Sector, Committee, LiaisonGroup)}
    rows = session.exec(select(Membership, Person.name, Person.gender, Person.employer_title, Person.sort_stroke,
                               Person.sort_pinyin)
                        .join(Person, Person.id == Membership.person_id)
                        .where(Membership.level == level, _covers_year(year))).all()
    first, last = date(year, 1, 1), date(year, 12, 31)
    members: dict[int, dict] = {}
    for m, name, gender, employer, stroke, pinyin in rows:
        entry = members.setdefault(m.person_id, {"memberships": [], "name": name, "gender": gender or "",
                                                 "employer_title": employer or "", "sort_stroke": stroke or "",
                                                 "sort_pinyin": pinyin or ""})
        entry["memberships"].append(m)
    for entry in members.values():
        spans = entry.pop("memberships")
        latest = max(spans, key=lambda m: (_start(m), m.id))
        since = min(_start(m) for m in spans)
        assumed = any(m.start_date is None and m.created_at.year == year for m in spans) and since == first
        ends = [m.end_date for m in spans]
        until = None if None in ends else max(ends)
        entry.update(sector=names[Sector].get(latest.sector_id, ""), committee=names[Committee].get(
            latest.committee_id, ""), liaison_group=names[LiaisonGroup].get(latest.liaison_group_id, ""),
            role=latest.role or "", since=since if since > first else None, start_assumed=year if assumed else None,
            until=until if until and until < last else None)
    return members


# -- the counts ------------------------------------------------------------------------------------------

def _attendance(session: Session, year: int, level: str, keys: dict[int, str]) -> dict[int, dict[str, Tally]]:
    rows = session.exec(
        select(Attendance.person_id, Meeting.format_id, invited_count(), present_sum(), leave_sum())
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*meeting_conditions(Scope(year=year)), *held_conditions(), COUNTED,
               Meeting.starts_at >= _member_since(year, level, Attendance.person_id))
        .group_by(Attendance.person_id, Meeting.format_id))
    result: dict[int, dict[str, Tally]] = {}
    for pid, format_id, invited, present, leave in rows:
        result.setdefault(pid, {})[keys.get(format_id, f"id:{format_id}")] = Tally(invited, present, leave)
    return result


def _visits(session: Session, year: int, level: str) -> dict[int, int]:
    return dict(session.exec(
        select(FieldVisitParticipant.person_id, func.count(distinct(FieldVisit.id)))
        .join(FieldVisit, FieldVisit.id == FieldVisitParticipant.visit_id)
        .where(*visit_conditions(Scope(year=year)), FieldVisitParticipant.role != VisitRole.STAFF,
               FieldVisit.visit_date >= _member_since(year, level, FieldVisitParticipant.person_id))
        .group_by(FieldVisitParticipant.person_id)).all())


def _recommendations(session: Session, year: int) -> dict[int, tuple[int, int]]:
    adopted = func.sum(case((Recommendation.outcome.in_([str(o) for o in ADOPTED_OUTCOMES]), 1), else_=0))
    rows = session.exec(
        select(RecommendationProposer.person_id, func.count(distinct(Recommendation.id)), adopted)
        .join(Recommendation, Recommendation.id == RecommendationProposer.recommendation_id)
        .where(*recommendation_conditions(Scope(year=year)))
        .group_by(RecommendationProposer.person_id))
    return {pid: (n, a or 0) for pid, n, a in rows}


def _bulletins(session: Session, year: int) -> dict[int, int]:
    return dict(session.exec(
        select(RecommendationProposer.person_id, func.count(distinct(Bulletin.id)))
        .join(Recommendation, Recommendation.id == RecommendationProposer.recommendation_id)
        .join(BulletinItem, BulletinItem.recommendation_id == Recommendation.id)
        .join(Bulletin, Bulletin.id == BulletinItem.bulletin_id)
        .where(Recommendation.duplicate_of_id.is_(None), *bulletin_conditions(Scope(year=year)))
        .group_by(RecommendationProposer.person_id)).all())


def _instructions(session: Session, year: int) -> dict[int, int]:
    conditions = instruction_conditions(Scope(year=year))
    proposer = RecommendationProposer
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
    return dict(session.exec(select(pairs.c.person_id, func.count(pairs.c.instruction_id))
                             .group_by(pairs.c.person_id)).all())


def member_activities(session: Session, year: int, level: str = Level.DISTRICT) -> list[MemberActivity]:
    """Every member of the level in the year with their counts, in CPPCC stroke order."""
    members = _members(session, year, level)
    keys = {f.id: f.code or f"id:{f.id}" for f in session.exec(select(MeetingFormat))}
    # Proposals, bulletins and instructions are counted for everyone; only the members' rows are used.
    attendance = _attendance(session, year, level, keys)
    visits, recs = _visits(session, year, level), _recommendations(session, year)
    bulletins, instructions = _bulletins(session, year), _instructions(session, year)
    activities = [MemberActivity(person_id=pid, **entry, meetings=attendance.get(pid, {}),
                                 visits=visits.get(pid, 0), recommendations=recs.get(pid, (0, 0))[0],
                                 adopted=recs.get(pid, (0, 0))[1], bulletins=bulletins.get(pid, 0),
                                 instructions=instructions.get(pid, 0))
                  for pid, entry in members.items()]
    activities.sort(key=lambda a: (a.sort_stroke, a.person_id))
    return activities


# -- scores ------------------------------------------------------------------------------------------------

def score(activity: MemberActivity, scheme: Scheme, formats: list[FormatInfo]) -> Score:
    lines = [ScoreLine("基础分", 1, scheme.base, scheme.base)]
    for info in formats:
        tally = activity.meetings.get(info.key)
        if tally and tally.present:
            each = scheme.points_for(info.code)
            lines.append(ScoreLine(f"出席{info.name}", tally.present, each, tally.present * each))
    total = activity.total
    lines += [ScoreLine("参加调研视察", activity.visits, scheme.visit, activity.visits * scheme.visit),
              ScoreLine("提出意见建议", activity.recommendations, scheme.recommendation,
                        activity.recommendations * scheme.recommendation),
              ScoreLine("意见建议被采纳", activity.adopted, scheme.adopted, activity.adopted * scheme.adopted),
              ScoreLine("无故缺席", total.absent, -scheme.absence, -total.absent * scheme.absence),
              ScoreLine("请假", total.leave, -scheme.leave, -total.leave * scheme.leave)]
    lines = [line for line in lines if line.count or line.label == "基础分"]
    raw = round(sum(line.points for line in lines), 2)
    capped = max(0.0, raw if scheme.maximum is None else min(raw, scheme.maximum))
    return Score(total=capped, raw=raw, band=scheme.band_of(capped), lines=tuple(lines))


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
    records = []
    for activity in activities:
        result = score(activity, scheme, formats)
        records.append(MemberRecord(activity, result, tuple(reminder_reasons(activity, result, scheme))))
    return records


def band_counts(records: list[MemberRecord], scheme: Scheme) -> dict[str, int]:
    counts = {band.name: 0 for band in scheme.bands}
    counts[scheme.lowest_band] = 0
    for record in records:
        counts[record.score.band] = counts.get(record.score.band, 0) + 1
    return counts


__all__ = ["FormatInfo", "MemberActivity", "MemberRecord", "Score", "ScoreLine", "Tally", "band_counts",
           "format_infos", "member_activities", "member_records", "reminder_reasons", "score"]
