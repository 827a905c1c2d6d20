"""Entering recommendations quickly: aspects per source (reorderable), editing, pasting many lines at once."""

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import InUseError, ValidationError
from models.numbering import hold_numbering
from models.services.common import check_year, get_row, required_text
from models.services.recommendations import add_recommendation, checked_text
from models.tables import Aspect, BulletinItem, Instruction, Recommendation, RecommendationProposer
from models.text import clean_line, quoted
from models.vocab import RecommendationSource, RecommendationStatus


@dataclass(frozen=True)
class Source:
    """Where recommendations come from: a meeting (or salon), a field visit, or a free-standing kind and year."""

    year: int
    kind: str = RecommendationSource.MEETING
    meeting_id: int | None = None
    field_visit_id: int | None = None


def _aspect_filter(source: Source):
    if source.meeting_id:
        return Aspect.meeting_id == source.meeting_id
    if source.field_visit_id:
        return Aspect.field_visit_id == source.field_visit_id
    return (Aspect.meeting_id.is_(None) & Aspect.field_visit_id.is_(None) & (Aspect.source_kind == source.kind)
            & (Aspect.year == source.year))


def _rec_filter(source: Source):
    if source.meeting_id:
        return Recommendation.meeting_id == source.meeting_id
    if source.field_visit_id:
        return Recommendation.field_visit_id == source.field_visit_id
    return (Recommendation.meeting_id.is_(None) & Recommendation.field_visit_id.is_(None)
            & (Recommendation.source_kind == source.kind) & (Recommendation.year == source.year))


@dataclass(frozen=True)
class AspectRow:
    id: int
    name: str
    position: int
    count: int


def aspects_of(session: Session, source: Source) -> list[AspectRow]:
    counts = dict(session.exec(select(Recommendation.aspect_id, func.count(Recommendation.id))
                               .where(_rec_filter(source), Recommendation.duplicate_of_id.is_(None))
                               .group_by(Recommendation.aspect_id)).all())
    rows = session.exec(select(Aspect).where(_aspect_filter(source)).order_by(Aspect.position, Aspect.id))
    return [AspectRow(a.id, a.name, a.position, counts.get(a.id, 0)) for a in rows]


def summary_text(aspects: list[AspectRow], without_aspect: int = 0) -> str:
    """The running "N方面M条" (recommendations outside any aspect are counted in M)."""
    total = sum(a.count for a in aspects) + without_aspect
    used = sum(1 for a in aspects if a.count)
    return f"{used}方面{total}条" if used else f"{total}条"


@writes(Area.RECOMMENDATIONS)
def add_source_aspect(session: Session, source: Source, name: str) -> int:
    name = required_text(name, "方面名称", 100, "name")
    if not (source.meeting_id or source.field_visit_id):
        check_year(source.year)
    if any(a.name == name for a in aspects_of(session, source)):
        raise ValidationError(f"已有方面“{name}”。", field="name")
    hold_numbering(session, f"aspects:{source.meeting_id}:{source.field_visit_id}")
    last = session.exec(select(func.max(Aspect.position)).where(_aspect_filter(source))).one()
    aspect = Aspect(name=name, position=(last or 0) + 1, meeting_id=source.meeting_id,
                    field_visit_id=source.field_visit_id,
                    source_kind=None if source.meeting_id or source.field_visit_id else source.kind,
                    year=None if source.meeting_id or source.field_visit_id else source.year)
    session.add(aspect)
    session.flush()
    return aspect.id


@writes(Area.RECOMMENDATIONS)
def rename_aspect(session: Session, aspect_id: int, name: str) -> None:
    aspect = get_row(session, Aspect, aspect_id, "方面")
    aspect.name = required_text(name, "方面名称", 100, "name")
    session.add(aspect)
    session.flush()


@writes(Area.RECOMMENDATIONS)
def move_aspect(session: Session, aspect_id: int, delta: int) -> None:
    aspect = get_row(session, Aspect, aspect_id, "方面")
    siblings = list(session.exec(select(Aspect).where(
        Aspect.meeting_id == aspect.meeting_id if aspect.meeting_id else Aspect.meeting_id.is_(None),
        Aspect.field_visit_id == aspect.field_visit_id if aspect.field_visit_id else Aspect.field_visit_id.is_(None),
        Aspect.source_kind == aspect.source_kind if aspect.source_kind else Aspect.source_kind.is_(None),
        Aspect.year == aspect.year if aspect.year else Aspect.year.is_(None)).order_by(Aspect.position, Aspect.id)))
    _reorder(session, siblings, aspect, delta)


def aspect_delete_refusal(session: Session, aspect_id: int) -> str | None:
    """Why this aspect cannot be deleted (asked before "删除…？"), or None."""
    aspect = get_row(session, Aspect, aspect_id, "方面")
    used = session.exec(select(func.count(Recommendation.id)).where(Recommendation.aspect_id == aspect_id)).one()
    return f"方面{quoted(aspect.name)}下还有 {used} 条建议，请先将它们移到其他方面或删除。" if used else None


@writes(Area.RECOMMENDATIONS)
def delete_aspect(session: Session, aspect_id: int) -> None:
    aspect = get_row(session, Aspect, aspect_id, "方面")
    refusal = aspect_delete_refusal(session, aspect_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(aspect)
    session.flush()


def _reorder(session: Session, rows: list, row, delta: int) -> None:
    index = rows.index(row)
    if 0 <= index + delta < len(rows):
        rows.insert(index + delta, rows.pop(index))
        for position, item in enumerate(rows, start=1):
            if item.position != position:
                item.position = position
                session.add(item)
        session.flush()


@dataclass
class RecommendationData:
    source: Source
    title: str
    content: str
    aspect_id: int | None = None
    proposer_ids: list[int] = field(default_factory=list)
    target_org_id: int | None = None
    proposed_on: date | None = None
    deadline: date | None = None
    id: int | None = None
    version: int | None = None


@writes(Area.RECOMMENDATIONS)
def save_recommendation(session: Session, data: RecommendationData) -> int:
    s = data.source
    if data.id is None:
        return add_recommendation(session, title=data.title, content=data.content, year=s.year, source_kind=s.kind,
                                  meeting_id=s.meeting_id, field_visit_id=s.field_visit_id, aspect_id=data.aspect_id,
                                  proposer_ids=data.proposer_ids, target_org_id=data.target_org_id,
                                  proposed_on=data.proposed_on, deadline=data.deadline)
    rec = get_row(session, Recommendation, data.id, "意见建议", data.version)
    rec.title, rec.content = checked_text(data.title, data.content)
    if rec.aspect_id != data.aspect_id:
        if data.aspect_id:
            hold_numbering(session, f"recommendations:{data.aspect_id}")
        last = session.exec(select(func.max(Recommendation.position))
                            .where(Recommendation.aspect_id == data.aspect_id)).one() if data.aspect_id else 0
        rec.aspect_id, rec.position = data.aspect_id, (last or 0) + 1
    rec.target_org_id, rec.proposed_on, rec.deadline = data.target_org_id, data.proposed_on, data.deadline
    for proposer in list(rec.proposers):
        rec.proposers.remove(proposer)
    session.flush()
    for position, person_id in enumerate(dict.fromkeys(data.proposer_ids), start=1):
        rec.proposers.append(RecommendationProposer(person_id=person_id, position=position))
    session.add(rec)
    session.flush()
    return rec.id


@writes(Area.RECOMMENDATIONS)
def move_recommendation(session: Session, rec_id: int, delta: int) -> None:
    rec = get_row(session, Recommendation, rec_id, "意见建议")
    same_aspect = Recommendation.aspect_id == rec.aspect_id if rec.aspect_id else Recommendation.aspect_id.is_(None)
    source = Source(rec.year, rec.source_kind, rec.meeting_id, rec.field_visit_id)
    siblings = list(session.exec(select(Recommendation).where(same_aspect, _rec_filter(source))
                                 .order_by(Recommendation.position, Recommendation.id)))
    _reorder(session, siblings, rec, delta)


def recommendation_delete_refusal(session: Session, rec_id: int) -> str | None:
    """Why this recommendation cannot be deleted (asked before "删除…？"), or None: only a draft (提出)
    nobody has used can go; afterwards it is part of the record."""
    rec = get_row(session, Recommendation, rec_id, "意见建议")
    in_bulletin = session.exec(select(func.count()).select_from(BulletinItem)
                               .where(BulletinItem.recommendation_id == rec_id)).one()
    instructed = session.exec(select(func.count()).select_from(Instruction)
                              .where(Instruction.recommendation_id == rec_id)).one()
    merged_into = session.exec(select(func.count()).select_from(Recommendation)
                               .where(Recommendation.duplicate_of_id == rec_id)).one()
    if in_bulletin or instructed or merged_into or rec.status != RecommendationStatus.PROPOSED:
        return (f"{quoted(rec.title)}已进入办理流程（{rec.status}）或已编入专报、有批示，不能删除。"
                "如是重复建议，请使用“合并重复”。")
    return None


@writes(Area.RECOMMENDATIONS, Area.BULLETINS)
def delete_recommendation(session: Session, rec_id: int) -> None:
    rec = get_row(session, Recommendation, rec_id, "意见建议")
    refusal = recommendation_delete_refusal(session, rec_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(rec)
    session.flush()


_NUMBERING = re.compile(r"^\s*(?:\d+[.、．)）]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*")


def split_line(line: str) -> tuple[str, str]:
    """A pasted line → (title, content): "标题：内容" splits at the colon; otherwise the first sentence is
    the title and the whole line the content. Leading numbering (1. （一） 一、) is dropped."""
    text = _NUMBERING.sub("", clean_line(line))
    for colon in ("：", ":"):
        head, sep, tail = text.partition(colon)
        if sep and 2 <= len(head) <= 40 and tail.strip():
            return head.strip().rstrip("。"), tail.strip()
    first = re.split(r"[。；;！!？?]", text, maxsplit=1)[0].strip()
    title = first if len(first) <= 40 else first[:40] + "…"
    return title, text


@writes(Area.RECOMMENDATIONS)
def paste_recommendations(session: Session, source: Source, aspect_id: int | None, text: str, *,
                          proposed_on: date | None = None) -> list[int]:
    """Many recommendations at once, one per non-empty line, under one aspect."""
    lines = [line for line in (text or "").splitlines() if clean_line(line)]
    if not lines:
        raise ValidationError("没有可添加的内容：请每行粘贴一条建议。")
    ids = []
    for line in lines:
        title, content = split_line(line)
        ids.append(save_recommendation(session, RecommendationData(source=source, title=title, content=content,
                                                                   aspect_id=aspect_id, proposed_on=proposed_on)))
    return ids
