"""一人一档: one member's year in detail (each meeting, visit, recommendation …) for the one-page sheet.

It lists exactly what performance.member_activities counts for the member, row by row, so the page and
the score on it agree; the tests check that they do.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from models.services.common import nulls_low
from models.services.counts import (
    Scope,
    bulletin_conditions,
    held_conditions,
    instruction_conditions,
    meeting_conditions,
    recommendation_conditions,
    visit_conditions,
)
from models.services.performance import (
    FormatInfo,
    MemberActivity,
    Score,
    member_activities,
    reminder_reasons,
    score,
)
from models.services.performance_scheme import Scheme
from models.tables import (
    Attendance,
    Bulletin,
    BulletinItem,
    FieldVisit,
    FieldVisitParticipant,
    Instruction,
    Meeting,
    MeetingFormat,
    Recommendation,
    RecommendationProposer,
)
from models.vocab import ADOPTED_OUTCOMES, AttendanceResult, AttendanceRole, InviteStatus, Level, VisitRole


@dataclass(frozen=True)
class MeetingEntry:
    when: datetime | None
    format_name: str
    title: str
    role: str
    result: str  # 出席 / 请假 / 缺席


@dataclass(frozen=True)
class VisitEntry:
    when: date
    kind: str
    title: str
    role: str


@dataclass(frozen=True)
class RecommendationEntry:
    title: str
    source: str  # the meeting's or visit's title, or the source kind
    status: str
    outcome: str
    adopted: bool


@dataclass(frozen=True)
class InstructionEntry:
    when: date | None
    leader: str
    on: str  # "2023年第1期《…》" or the recommendation's title


@dataclass(frozen=True)
class MemberDetail:
    year: int
    activity: MemberActivity
    score: Score
    meetings: tuple[MeetingEntry, ...]
    visits: tuple[VisitEntry, ...]
    recommendations: tuple[RecommendationEntry, ...]
    bulletins: tuple[str, ...]  # "2023年第1期《…》"
    instructions: tuple[InstructionEntry, ...]
    reminders: tuple[str, ...] = ()  # why the member is a 谈话提醒 candidate, if they are


def _result(checked_in_at, result, invite_status) -> str:
    if checked_in_at is not None or result == AttendanceResult.PRESENT:
        return AttendanceResult.PRESENT
    if result == AttendanceResult.LEAVE or invite_status == InviteStatus.LEAVE:
        return AttendanceResult.LEAVE
    return AttendanceResult.ABSENT


def _since(activity: MemberActivity) -> datetime:
    return datetime.combine(activity.since, datetime.min.time()) if activity.since else datetime(1900, 1, 1)


def member_detail(session: Session, person_id: int, year: int, scheme: Scheme, formats: list[FormatInfo],
                  level: str = Level.DISTRICT, activity: MemberActivity | None = None) -> MemberDetail | None:
    """The member's page; None when they held no membership of the level that year."""
    if activity is None:
        activity = next((a for a in member_activities(session, year, level) if a.person_id == person_id), None)
        if activity is None:
            return None
    scope, since = Scope(year=year), _since(activity)
    meetings = tuple(MeetingEntry(when, fmt, title, role, _result(checked, result, status))
                     for when, fmt, title, role, checked, result, status in session.exec(
        select(Meeting.starts_at, MeetingFormat.name, Meeting.title, Attendance.role, Attendance.checked_in_at,
               Attendance.result, Attendance.invite_status)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
        .where(Attendance.person_id == person_id, Attendance.role != AttendanceRole.STAFF,
               *meeting_conditions(scope), *held_conditions(), Meeting.starts_at >= since)
        .order_by(Meeting.starts_at, Meeting.id)))
    visits = tuple(VisitEntry(*row) for row in session.exec(
        select(FieldVisit.visit_date, FieldVisit.kind, FieldVisit.title, FieldVisitParticipant.role)
        .join(FieldVisit, FieldVisit.id == FieldVisitParticipant.visit_id)
        .where(FieldVisitParticipant.person_id == person_id, FieldVisitParticipant.role != VisitRole.STAFF,
               *visit_conditions(scope), FieldVisit.visit_date >= since.date())
        .order_by(FieldVisit.visit_date, FieldVisit.id)))
    proposed = select(RecommendationProposer.recommendation_id).where(RecommendationProposer.person_id == person_id)
    recs = session.exec(select(Recommendation).where(Recommendation.id.in_(proposed),
                                                     *recommendation_conditions(scope))
                        .order_by(*nulls_low(Recommendation.proposed_on), Recommendation.id)).all()
    titles = _source_titles(session, recs)
    recommendations = tuple(RecommendationEntry(
        r.title, titles.get((r.meeting_id, r.field_visit_id), r.source_kind), r.status, r.outcome or "",
        r.outcome in ADOPTED_OUTCOMES) for r in recs)
    carried = select(BulletinItem.bulletin_id).where(BulletinItem.recommendation_id.in_(
        select(Recommendation.id).where(Recommendation.id.in_(proposed), Recommendation.duplicate_of_id.is_(None))))
    bulletin_rows = session.exec(select(Bulletin).where(Bulletin.id.in_(carried), *bulletin_conditions(scope))
                                 .order_by(Bulletin.year, Bulletin.issue_no, Bulletin.id)).all()
    bulletins = tuple(f"{b.year}年第{b.issue_no}期《{b.title}》" for b in bulletin_rows)
    own = select(Recommendation.id).where(Recommendation.id.in_(proposed), Recommendation.duplicate_of_id.is_(None))
    instruction_rows = session.exec(
        select(Instruction).where(or_(Instruction.recommendation_id.in_(own), Instruction.bulletin_id.in_(carried)),
                                  *instruction_conditions(scope))
        .order_by(*nulls_low(Instruction.instructed_on), Instruction.id)).all()
    labels = {b.id: f"{b.year}年第{b.issue_no}期《{b.title}》" for b in session.exec(
        select(Bulletin).where(Bulletin.id.in_([i.bulletin_id for i in instruction_rows if i.bulletin_id])))}
    rec_titles = dict(session.exec(select(Recommendation.id, Recommendation.title).where(
        Recommendation.id.in_([i.recommendation_id for i in instruction_rows if i.recommendation_id]))).all())
    instructions = tuple(InstructionEntry(
        i.instructed_on, f"{i.leader_title or ''}{i.leader_name}",
        labels.get(i.bulletin_id) or f"《{rec_titles.get(i.recommendation_id, '')}》") for i in instruction_rows)
    result = score(activity, scheme, formats)
    return MemberDetail(year, activity, result, meetings, visits, recommendations, bulletins, instructions,
                        tuple(reminder_reasons(activity, result, scheme)))


def _source_titles(session: Session, recs: list[Recommendation]) -> dict:
    meeting_ids = {r.meeting_id for r in recs if r.meeting_id}
    visit_ids = {r.field_visit_id for r in recs if r.field_visit_id and not r.meeting_id}
    meetings = dict(session.exec(select(Meeting.id, Meeting.title).where(Meeting.id.in_(meeting_ids))).all())
    visits = dict(session.exec(select(FieldVisit.id, FieldVisit.title).where(FieldVisit.id.in_(visit_ids))).all())
    titles = {}
    for r in recs:
        if r.meeting_id:
            titles[(r.meeting_id, r.field_visit_id)] = meetings.get(r.meeting_id, "")
        elif r.field_visit_id:
            titles[(None, r.field_visit_id)] = visits.get(r.field_visit_id, "")
    return titles


__all__ = ["InstructionEntry", "MeetingEntry", "MemberDetail", "RecommendationEntry", "VisitEntry", "member_detail"]
