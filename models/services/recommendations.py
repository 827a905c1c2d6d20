"""意见建议: aspects, recommendations, their lifecycle, bulletins and leaders' instructions."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.errors import ValidationError
from models.services.common import get_row, move_status, optional_text, record_status, required_text
from models.tables import (
    Aspect,
    Bulletin,
    BulletinItem,
    Instruction,
    Recommendation,
    RecommendationProposer,
    RecommendationStatusChange,
)
from models.text import clean_block
from models.vocab import (
    RECOMMENDATION_TRANSITIONS,
    Outcome,
    RecommendationSource,
    RecommendationStatus,
)


def add_aspect(session: Session, name: str, *, meeting_id=None, field_visit_id=None, source_kind=None,
               year=None) -> int:
    query = select(func.max(Aspect.position)).where(
        Aspect.meeting_id == meeting_id if meeting_id else Aspect.meeting_id.is_(None),
        Aspect.field_visit_id == field_visit_id if field_visit_id else Aspect.field_visit_id.is_(None))
    last = session.exec(query).one()
    aspect = Aspect(name=required_text(name, "方面名称", 100, "name"), position=(last or 0) + 1,
                    meeting_id=meeting_id, field_visit_id=field_visit_id, source_kind=source_kind, year=year)
    session.add(aspect)
    session.flush()
    return aspect.id


def add_recommendation(session: Session, *, title: str, content: str, year: int, source_kind: str,
                       meeting_id=None, field_visit_id=None, aspect_id=None,
                       proposer_ids: Iterable[int] = (), target_org_id=None,
                       proposed_on: date | None = None, deadline: date | None = None) -> int:
    if source_kind not in set(RecommendationSource):
        raise ValidationError(f"未知的建议来源“{source_kind}”。", field="source_kind")
    body = clean_block(content)
    if not body:
        raise ValidationError("请填写建议内容。", field="content")
    last = session.exec(select(func.max(Recommendation.position)).where(
        Recommendation.aspect_id == aspect_id)).one() if aspect_id else 0
    rec = Recommendation(title=required_text(title, "建议标题", 300, "title"), content=body, year=year,
                         source_kind=source_kind, meeting_id=meeting_id, field_visit_id=field_visit_id,
                         aspect_id=aspect_id, position=(last or 0) + 1, target_org_id=target_org_id,
                         proposed_on=proposed_on, deadline=deadline)
    for position, person_id in enumerate(dict.fromkeys(proposer_ids), start=1):
        rec.proposers.append(RecommendationProposer(person_id=person_id, position=position))
    record_status(rec, RecommendationStatusChange, RecommendationStatus.PROPOSED, on=proposed_on, note="提出")
    session.add(rec)
    session.flush()
    return rec.id


def change_recommendation_status(session: Session, rec_id: int, status: str, *, on: date | None = None,
                                 note: str | None = None, expected_version: int | None = None) -> None:
    """One step along 提出 → … → 已办结; a jump is refused naming the allowed next steps."""
    rec = get_row(session, Recommendation, rec_id, "意见建议", expected_version)
    move_status(session, rec, RECOMMENDATION_TRANSITIONS, status, RecommendationStatusChange, what="意见建议",
                on=on, note=note, finished="无（已办结）")


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


def create_bulletin(session: Session, *, year: int, issue_no: int, title: str, issued_on: date | None,
                    recipients=None, introduction=None, recommendation_ids: Iterable[int] = (),
                    meeting_id=None, kind: str = "政协建言") -> int:
    if issue_no is None or issue_no < 1:
        raise ValidationError("期号须为正整数。", field="issue_no")
    clash = session.exec(select(Bulletin).where(Bulletin.year == year, Bulletin.issue_no == issue_no)).first()
    if clash is not None:
        raise ValidationError(f"{year}年第{issue_no}期已被《{clash.title}》使用，请换一个期号。", field="issue_no")
    bulletin = Bulletin(year=year, issue_no=issue_no, kind=kind, title=required_text(title, "标题", 200, "title"),
                        issued_on=issued_on, recipients=optional_text(recipients, "主送", 300),
                        introduction=clean_block(introduction), meeting_id=meeting_id)
    for position, rec_id in enumerate(dict.fromkeys(recommendation_ids), start=1):
        bulletin.items.append(BulletinItem(recommendation_id=rec_id, position=position))
    session.add(bulletin)
    session.flush()
    return bulletin.id


def add_instruction(session: Session, *, leader_name: str, instructed_on: date | None, content=None,
                    leader_title=None, bulletin_id=None, recommendation_id=None) -> int:
    if bool(bulletin_id) == bool(recommendation_id):
        raise ValidationError("领导批示须对应一期专报或一条意见建议。")
    if bulletin_id and instructed_on:
        bulletin = get_row(session, Bulletin, bulletin_id, "专报")
        if bulletin.issued_on and instructed_on < bulletin.issued_on:
            raise ValidationError(f"批示日期不能早于专报印发日期（{bulletin.issued_on:%Y年%m月%d日}）。",
                                  field="instructed_on")
    instruction = Instruction(leader_name=required_text(leader_name, "批示领导", 50, "leader_name"),
                              leader_title=optional_text(leader_title, "领导职务", 100),
                              instructed_on=instructed_on, content=clean_block(content),
                              bulletin_id=bulletin_id, recommendation_id=recommendation_id)
    session.add(instruction)
    session.flush()
    return instruction.id
