"""Reading recommendations and bulletins for screens, documents and exports (plain rows)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from models.clock import today
from models.errors import NotFoundError
from models.services.common import nulls_low
from models.tables import (
    Aspect,
    Bulletin,
    BulletinItem,
    FieldVisit,
    Instruction,
    Meeting,
    Organization,
    Person,
    Recommendation,
    RecommendationProposer,
    RecommendationStatusChange,
)
from models.vocab import RecommendationStatus


@dataclass(frozen=True)
class HistoryStep:
    from_status: str
    to_status: str
    changed_on: date
    note: str
    operator: str


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    version: int
    year: int
    source_kind: str  # 会议 / 调研 / 提案 / 社情民意
    source_label: str  # the meeting's or visit's title, else the source kind
    meeting_id: int | None
    field_visit_id: int | None
    aspect_id: int | None
    aspect_name: str
    aspect_position: int
    position: int
    title: str
    content: str
    proposers: str  # names joined with "、"
    proposer_ids: tuple[int, ...]
    target_org_id: int | None
    target_org: str
    status: str
    outcome: str
    deadline: date | None
    reply_text: str
    reply_date: date | None
    feedback_text: str
    feedback_date: date | None
    lookback_date: date | None
    lookback_note: str
    duplicate_of_id: int | None
    proposed_on: date | None
    history: tuple[HistoryStep, ...]

    @property
    def overdue(self) -> bool:
        return is_overdue(self.deadline, self.reply_date, self.status, self.duplicate_of_id)

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of_id is not None


def is_overdue(deadline: date | None, reply_date: date | None, status: str, duplicate_of_id=None,
               on: date | None = None) -> bool:
    """超期: the department's reply was due and has not come (merged duplicates never count)."""
    return (deadline is not None and reply_date is None and duplicate_of_id is None
            and status != RecommendationStatus.CONCLUDED and deadline < (on or today()))


def list_recommendations(session: Session, *, year: int | None = None, meeting_id: int | None = None,
                         field_visit_id: int | None = None, ids: list[int] | None = None) -> list[RecommendationRow]:
    """Recommendations in reading order: by source, aspect order, then their order within the aspect."""
    query = select(Recommendation)
    if year is not None:
        query = query.where(Recommendation.year == year)
    if meeting_id is not None:
        query = query.where(Recommendation.meeting_id == meeting_id)
    if field_visit_id is not None:
        query = query.where(Recommendation.field_visit_id == field_visit_id)
    if ids is not None:
        query = query.where(Recommendation.id.in_(ids))
    recs = session.exec(query).all()
    rec_ids = [r.id for r in recs]
    aspects = {a.id: a for a in session.exec(select(Aspect))}
    meetings = dict(session.exec(select(Meeting.id, Meeting.title)).all())
    visits = dict(session.exec(select(FieldVisit.id, FieldVisit.title)).all())
    orgs = dict(session.exec(select(Organization.id, Organization.name)).all())
    proposers = defaultdict(list)
    for rec_id, person_id, name in session.exec(
            select(RecommendationProposer.recommendation_id, Person.id, Person.name)
            .join(Person, Person.id == RecommendationProposer.person_id)
            .where(RecommendationProposer.recommendation_id.in_(rec_ids))
            .order_by(RecommendationProposer.position)):
        proposers[rec_id].append((person_id, name))
    history = defaultdict(list)
    for h in session.exec(select(RecommendationStatusChange)
                          .where(RecommendationStatusChange.recommendation_id.in_(rec_ids))
                          .order_by(RecommendationStatusChange.changed_on, RecommendationStatusChange.id)):
        history[h.recommendation_id].append(HistoryStep(h.from_status or "", h.to_status, h.changed_on, h.note or "",
                                                        h.operator or ""))
    rows = []
    for r in recs:
        aspect = aspects.get(r.aspect_id)
        label = meetings.get(r.meeting_id) or visits.get(r.field_visit_id) or r.source_kind
        rows.append(RecommendationRow(
            id=r.id, version=r.version, year=r.year, source_kind=r.source_kind, source_label=label,
            meeting_id=r.meeting_id, field_visit_id=r.field_visit_id, aspect_id=r.aspect_id,
            aspect_name=aspect.name if aspect else "", aspect_position=aspect.position if aspect else 0,
            position=r.position, title=r.title, content=r.content,
            proposers="、".join(name for _, name in proposers[r.id]),
            proposer_ids=tuple(pid for pid, _ in proposers[r.id]), target_org_id=r.target_org_id,
            target_org=orgs.get(r.target_org_id, ""), status=r.status, outcome=r.outcome or "", deadline=r.deadline,
            reply_text=r.reply_text or "", reply_date=r.reply_date, feedback_text=r.feedback_text or "",
            feedback_date=r.feedback_date, lookback_date=r.lookback_date, lookback_note=r.lookback_note or "",
            duplicate_of_id=r.duplicate_of_id, proposed_on=r.proposed_on, history=tuple(history[r.id])))
    rows.sort(key=lambda r: (r.year, r.meeting_id or 0, r.field_visit_id or 0, r.source_kind, r.aspect_position,
                             r.position, r.id))
    return rows


def recommendation_years(session: Session) -> list[int]:
    """The years that have recommendations, newest first."""
    years = session.exec(select(Recommendation.year).distinct())
    return sorted({int(y) for y in years if y is not None}, reverse=True)


@dataclass(frozen=True)
class InstructionRow:
    id: int
    version: int
    bulletin_id: int | None
    recommendation_id: int | None
    leader_name: str
    leader_title: str
    instructed_on: date | None
    content: str


@dataclass(frozen=True)
class BulletinRow:
    id: int
    version: int
    year: int
    issue_no: int
    kind: str
    title: str
    issued_on: date | None
    recipients: str
    introduction: str
    meeting_id: int | None
    items: tuple[RecommendationRow, ...]  # in the bulletin's order
    instructions: tuple[InstructionRow, ...]

    @property
    def issue_label(self) -> str:
        return f"{self.year}年第{self.issue_no}期"


def _instruction_row(i: Instruction) -> InstructionRow:
    return InstructionRow(i.id, i.version, i.bulletin_id, i.recommendation_id, i.leader_name, i.leader_title or "",
                          i.instructed_on, i.content or "")


def list_bulletins(session: Session, year: int | None = None, ids: list[int] | None = None) -> list[BulletinRow]:
    query = select(Bulletin).order_by(Bulletin.year.desc(), Bulletin.issue_no.desc(), Bulletin.id.desc())
    if year is not None:
        query = query.where(Bulletin.year == year)
    if ids is not None:
        query = query.where(Bulletin.id.in_(ids))
    bulletins = session.exec(query).all()
    bulletin_ids = [b.id for b in bulletins]
    items = defaultdict(list)
    for item in session.exec(select(BulletinItem).where(BulletinItem.bulletin_id.in_(bulletin_ids))
                             .order_by(BulletinItem.position, BulletinItem.id)):
        items[item.bulletin_id].append(item.recommendation_id)
    recs = {r.id: r for r in list_recommendations(session, ids=[rid for ids_ in items.values() for rid in ids_])}
    instructions = defaultdict(list)
    for i in session.exec(select(Instruction).where(Instruction.bulletin_id.in_(bulletin_ids))
                          .order_by(*nulls_low(Instruction.instructed_on), Instruction.id)):
        instructions[i.bulletin_id].append(_instruction_row(i))
    return [BulletinRow(b.id, b.version, b.year, b.issue_no, b.kind, b.title, b.issued_on, b.recipients or "",
                        b.introduction or "", b.meeting_id, tuple(recs[rid] for rid in items[b.id] if rid in recs),
                        tuple(instructions[b.id])) for b in bulletins]


def get_bulletin(session: Session, bulletin_id: int) -> BulletinRow:
    rows = list_bulletins(session, ids=[bulletin_id])
    if not rows:
        raise NotFoundError("该期专报已不存在（可能已被他人删除）。")
    return rows[0]


def instructions_for(session: Session, *, recommendation_id: int) -> list[InstructionRow]:
    """批示 on this recommendation itself and on every bulletin that carried it (shown on both)."""
    bulletin_ids = list(session.exec(select(BulletinItem.bulletin_id)
                                     .where(BulletinItem.recommendation_id == recommendation_id)))
    query = select(Instruction).where((Instruction.recommendation_id == recommendation_id)
                                      | Instruction.bulletin_id.in_(bulletin_ids))
    query = query.order_by(*nulls_low(Instruction.instructed_on), Instruction.id)
    return [_instruction_row(i) for i in session.exec(query)]


def bulletins_of(session: Session, recommendation_id: int) -> list[tuple[int, str]]:
    """(bulletin id, "2023年第1期《…》") that carried this recommendation."""
    rows = session.exec(select(Bulletin).join(BulletinItem, BulletinItem.bulletin_id == Bulletin.id)
                        .where(BulletinItem.recommendation_id == recommendation_id).order_by(Bulletin.year,
                                                                                           Bulletin.issue_no,
                                                                                           Bulletin.id))
    return [(b.id, f"{b.year}年第{b.issue_no}期《{b.title}》") for b in rows]
