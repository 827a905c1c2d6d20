"""意见建议: aspects, recommendations, their lifecycle, bulletins and leaders' instructions."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import FieldErrors, ValidationError
from models.numbering import hold_numbering
from models.services.common import check_year, get_row, move_status, record_status, required_text
from models.tables import (
    Aspect,
    Recommendation,
    RecommendationProposer,
    RecommendationStatusChange,
)
from models.text import clean_block, quoted
from models.vocab import (
    RECOMMENDATION_TRANSITIONS,
    Outcome,
    RecommendationSource,
    RecommendationStatus,
)


@writes(Area.RECOMMENDATIONS)
def add_aspect(session: Session, name: str, *, meeting_id=None, field_visit_id=None, source_kind=None,
               year=None) -> int:
    hold_numbering(session, f"aspects:{meeting_id}:{field_visit_id}")  # positions: one PC after the other
    query = select(func.max(Aspect.position)).where(
        Aspect.meeting_id == meeting_id if meeting_id else Aspect.meeting_id.is_(None),
        Aspect.field_visit_id == field_visit_id if field_visit_id else Aspect.field_visit_id.is_(None))
    last = session.exec(query).one()
    aspect = Aspect(name=required_text(name, "方面名称", 100, "name"), position=(last or 0) + 1,
                    meeting_id=meeting_id, field_visit_id=field_visit_id, source_kind=source_kind,
                    year=None if year is None else check_year(year))
    session.add(aspect)
    session.flush()
    return aspect.id


@writes(Area.RECOMMENDATIONS)
def add_recommendation(session: Session, *, title: str, content: str, year: int, source_kind: str,
                       meeting_id=None, field_visit_id=None, aspect_id=None,
                       proposer_ids: Iterable[int] = (), target_org_id=None,
                       proposed_on: date | None = None, deadline: date | None = None) -> int:
    if source_kind not in set(RecommendationSource):
        raise ValidationError(f"未知的建议来源“{source_kind}”。", field="source_kind")
    year = check_year(year)
    title, body = checked_text(title, content)
    if aspect_id:
        hold_numbering(session, f"recommendations:{aspect_id}")
    last = session.exec(select(func.max(Recommendation.position)).where(
        Recommendation.aspect_id == aspect_id)).one() if aspect_id else 0
    rec = Recommendation(title=title, content=body, year=year,
                         source_kind=source_kind, meeting_id=meeting_id, field_visit_id=field_visit_id,
                         aspect_id=aspect_id, position=(last or 0) + 1, target_org_id=target_org_id,
                         proposed_on=proposed_on, deadline=deadline)
    for position, person_id in enumerate(dict.fromkeys(proposer_ids), start=1):
        rec.proposers.append(RecommendationProposer(person_id=person_id, position=position))
    record_status(session, rec, RecommendationStatusChange, RecommendationStatus.PROPOSED, on=proposed_on, note="提出")
    session.add(rec)
    session.flush()
    return rec.id


def checked_text(title, content) -> tuple[str, str]:
    """A recommendation's title and content, both checked: one error names every empty one."""
    errors = FieldErrors()
    title = errors.check(required_text, title, "建议标题", 300, "title")
    body = clean_block(content)
    if not body:
        errors.add("请填写建议内容。", "content")
    errors.raise_if_any()
    return title, body


@writes(Area.RECOMMENDATIONS)
def change_recommendation_status(session: Session, rec_id: int, status: str, *, on: date | None = None,
                                 note: str | None = None, expected_version: int | None = None) -> None:
    """One step along 提出 → … → 已办结; a jump is refused naming the allowed next steps."""
    rec = get_row(session, Recommendation, rec_id, "意见建议", expected_version)
    move_status(session, rec, RECOMMENDATION_TRANSITIONS, status, RecommendationStatusChange, what="意见建议",
                on=on, note=note, finished="无（已办结）")


@writes(Area.RECOMMENDATIONS)
def set_outcome(session: Session, rec_id: int, outcome: str, *, reply_text=None, reply_date=None,
                feedback_text=None, feedback_date=None) -> None:
    rec = get_row(session, Recommendation, rec_id, "意见建议")
    if outcome not in set(Outcome):
        raise ValidationError(f"未知的办理结果“{outcome}”。", field="outcome")
    if rec.status != RecommendationStatus.CONCLUDED:
        raise ValidationError("只有“已办结”的意见建议才能登记办理结果。", field="outcome")
    rec.outcome = outcome
    rec.reply_text = clean_block(reply_text)
    rec.reply_date = reply_date
    rec.feedback_text = clean_block(feedback_text)
    rec.feedback_date = feedback_date
    session.add(rec)
    session.flush()


@writes(Area.BULLETINS)
def create_bulletin(session: Session, *, year: int, issue_no: int, title: str, issued_on: date | None,
                    recipients=None, introduction=None, recommendation_ids: Iterable[int] = (),
                    meeting_id=None, kind: str = "政协建言") -> int:
    """Kept for callers that pass keywords: see models.services.bulletins.save_bulletin."""
    from models.services.bulletins import BulletinData, save_bulletin

    return save_bulletin(session, BulletinData(year=year, issue_no=issue_no, title=title, issued_on=issued_on,
                                               recipients=recipients, introduction=introduction,
                                               recommendation_ids=list(recommendation_ids), meeting_id=meeting_id,
                                               kind=kind))


@writes(Area.BULLETINS)
def add_instruction(session: Session, *, leader_name: str, instructed_on: date | None, content=None,
                    leader_title=None, bulletin_id=None, recommendation_id=None) -> int:
    """Kept for callers that pass keywords: see models.services.bulletins.save_instruction."""
    from models.services.bulletins import InstructionData, save_instruction

    return save_instruction(session, InstructionData(leader_name=leader_name, instructed_on=instructed_on,
                                                     content=content, leader_title=leader_title,
                                                     bulletin_id=bulletin_id, recommendation_id=recommendation_id))


@writes(Area.RECOMMENDATIONS)
def change_status_bulk(session: Session, rec_ids: Iterable[int], status: str, *, on: date | None = None,
                       note: str | None = None) -> int:
    """The same next step for many (e.g. 已交办 for a whole bulletin): all or none."""
    count = 0
    for rec_id in rec_ids:
        rec = get_row(session, Recommendation, rec_id, "意见建议")
        if rec.status == status:
            continue
        try:
            change_recommendation_status(session, rec_id, status, on=on, note=note)
        except ValidationError as exc:
            raise ValidationError(f"{quoted(rec.title)}：{exc.message} 本次批量修改未执行。", field="status") from exc
        count += 1
    return count


@writes(Area.RECOMMENDATIONS)
def set_handling(session: Session, rec_id: int, *, target_org_id=None, deadline: date | None = None,
                 feedback_text=None, feedback_date: date | None = None, lookback_date: date | None = None,
                 lookback_note=None, expected_version: int | None = None) -> None:
    """交办单位, 办理期限, 反馈 to the proposers and 回头看 — recordable whatever the status."""
    rec = get_row(session, Recommendation, rec_id, "意见建议", expected_version)
    if feedback_date and rec.proposed_on and feedback_date < rec.proposed_on:
        raise ValidationError("反馈日期不能早于提出日期。", field="feedback_date")
    rec.target_org_id, rec.deadline = target_org_id, deadline
    rec.feedback_text, rec.feedback_date = clean_block(feedback_text), feedback_date
    rec.lookback_date, rec.lookback_note = lookback_date, clean_block(lookback_note)
    session.add(rec)
    session.flush()


@writes(Area.RECOMMENDATIONS)
def merge_duplicate(session: Session, keep_id: int, duplicate_id: int) -> None:
    """合并重复: the duplicate keeps its text and points at the kept one, which now also lists its proposers;
    it is counted once from now on."""
    keep = get_row(session, Recommendation, keep_id, "意见建议")
    while keep.duplicate_of_id is not None:  # merging into a duplicate means merging into what it duplicates
        keep = get_row(session, Recommendation, keep.duplicate_of_id, "意见建议")
    duplicate = get_row(session, Recommendation, duplicate_id, "意见建议")
    if keep.id == duplicate.id:
        raise ValidationError("请选择两条不同的意见建议进行合并。")
    if duplicate.duplicate_of_id is not None:
        raise ValidationError(f"{quoted(duplicate.title)}已经合并到其他建议。")
    for child in session.exec(select(Recommendation).where(Recommendation.duplicate_of_id == duplicate.id)):
        child.duplicate_of_id = keep.id  # no chains
        session.add(child)
    duplicate.duplicate_of_id = keep.id
    known = {p.person_id for p in keep.proposers}
    for proposer in duplicate.proposers:
        if proposer.person_id not in known:
            keep.proposers.append(RecommendationProposer(person_id=proposer.person_id,
                                                         position=len(keep.proposers) + 1))
            known.add(proposer.person_id)
    session.add_all([keep, duplicate])
    session.flush()


@writes(Area.RECOMMENDATIONS)
def unmerge(session: Session, rec_id: int) -> None:
    rec = get_row(session, Recommendation, rec_id, "意见建议")
    rec.duplicate_of_id = None
    session.add(rec)
    session.flush()
