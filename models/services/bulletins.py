"""《政协建言》/协商专报: numbered per year, carrying chosen recommendations in order; leaders' 批示."""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import FieldErrors, InUseError, ValidationError
from models.numbering import hold_numbering
from models.services.common import NUMBER_MAX, check_year, get_row, optional_text, required_text, whole_number
from models.services.recommendations import change_recommendation_status
from models.tables import Bulletin, BulletinItem, Instruction, Recommendation
from models.text import clean_block
from models.vocab import RECOMMENDATION_TRANSITIONS, RecommendationStatus

DEFAULT_KIND = "政协建言"
DEFAULT_RECIPIENTS = "区委、区政府主要领导，区委、区政府分管领导"


@dataclass
class BulletinData:
    year: int
    issue_no: int | None  # None: the next free number of the year, taken when saving
    title: str
    issued_on: date | None = None
    recipients: str | None = DEFAULT_RECIPIENTS
    introduction: str | None = None
    recommendation_ids: list[int] = field(default_factory=list)
    meeting_id: int | None = None
    kind: str = DEFAULT_KIND
    id: int | None = None
    version: int | None = None


def next_issue_no(session: Session, year: int) -> int:
    """The number a new bulletin of `year` is offered (save_bulletin with issue_no=None takes it for sure)."""
    last = session.exec(select(func.max(Bulletin.issue_no)).where(Bulletin.year == year)).one()
    return (last or 0) + 1


@writes(Area.BULLETINS)
def save_bulletin(session: Session, data: BulletinData) -> int:
    errors = FieldErrors()
    hold_numbering(session, f"bulletin:{data.year}")  # two PCs saving 第N期 at once: one after the other
    year = errors.check(check_year, data.year)
    if data.issue_no is None and data.id is None and year is not None:
        data = replace(data, issue_no=next_issue_no(session, data.year))
    issue_no = errors.check(whole_number, data.issue_no, "期号", "issue_no", high=NUMBER_MAX)
    if year is not None and issue_no is not None:
        clash = session.exec(select(Bulletin).where(Bulletin.year == data.year, Bulletin.issue_no == data.issue_no,
                                                    Bulletin.id != (data.id or 0))).first()
        if clash is not None:
            errors.add(f"{data.year}年第{data.issue_no}期已被《{clash.title}》使用，请换一个期号"
                       f"（下一个可用期号：{next_issue_no(session, data.year)}）。", "issue_no")
    kind = errors.check(required_text, data.kind, "刊物名称", 20, "kind")
    title = errors.check(required_text, data.title, "标题", 200, "title")
    recipients = errors.check(optional_text, data.recipients, "主送", 300, "recipients")
    errors.raise_if_any()
    bulletin = Bulletin(year=data.year, issue_no=data.issue_no, title="") if data.id is None else \
        get_row(session, Bulletin, data.id, "专报", data.version)
    bulletin.year, bulletin.issue_no = data.year, data.issue_no
    bulletin.kind, bulletin.title = kind, title
    bulletin.issued_on = data.issued_on
    bulletin.recipients = recipients
    bulletin.introduction = clean_block(data.introduction)
    bulletin.meeting_id = data.meeting_id
    wanted = list(dict.fromkeys(data.recommendation_ids))
    for item in list(bulletin.items):
        bulletin.items.remove(item)
    session.flush()
    for position, rec_id in enumerate(wanted, start=1):
        get_row(session, Recommendation, rec_id, "意见建议")
        bulletin.items.append(BulletinItem(recommendation_id=rec_id, position=position))
    session.add(bulletin)
    session.flush()
    return bulletin.id


def bulletin_delete_refusal(session: Session, bulletin_id: int) -> str | None:
    """Why this bulletin cannot be deleted (asked before "删除…？"), or None."""
    bulletin = get_row(session, Bulletin, bulletin_id, "专报")
    instructions = session.exec(select(func.count(Instruction.id)).where(Instruction.bulletin_id == bulletin_id)).one()
    if instructions:
        return f"{bulletin.year}年第{bulletin.issue_no}期已有 {instructions} 件领导批示，不能删除。"
    return None


@writes(Area.BULLETINS)
def delete_bulletin(session: Session, bulletin_id: int) -> None:
    bulletin = get_row(session, Bulletin, bulletin_id, "专报")
    refusal = bulletin_delete_refusal(session, bulletin_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(bulletin)
    session.flush()


@writes(Area.BULLETINS, Area.RECOMMENDATIONS)
def mark_submitted(session: Session, bulletin_id: int, *, on: date | None = None) -> int:
    """报送: every recommendation of the issue not yet sent moves forward to 已报送 (提出 → 已汇编 → 已报送)."""
    bulletin = get_row(session, Bulletin, bulletin_id, "专报")
    on = on or bulletin.issued_on
    moved = 0
    for item in bulletin.items:
        rec = session.get(Recommendation, item.recommendation_id)
        for step in (RecommendationStatus.COMPILED, RecommendationStatus.SUBMITTED):
            if step in RECOMMENDATION_TRANSITIONS.get(rec.status, ()):
                change_recommendation_status(session, rec.id, step, on=on,
                                             note=f"《{bulletin.kind}》{bulletin.year}年第{bulletin.issue_no}期报送")
                moved += step == RecommendationStatus.SUBMITTED
    return moved


@dataclass
class InstructionData:
    leader_name: str
    instructed_on: date | None
    content: str | None = None
    leader_title: str | None = None
    bulletin_id: int | None = None
    recommendation_id: int | None = None
    id: int | None = None
    version: int | None = None


@writes(Area.BULLETINS)
def save_instruction(session: Session, data: InstructionData) -> int:
    """领导批示 on one bulletin or one recommendation; not dated before the bulletin (or the proposal)."""
    if bool(data.bulletin_id) == bool(data.recommendation_id):
        raise ValidationError("领导批示须对应一期专报或一条意见建议。")
    errors = FieldErrors()
    if data.bulletin_id and data.instructed_on:
        bulletin = get_row(session, Bulletin, data.bulletin_id, "专报")
        if bulletin.issued_on and data.instructed_on < bulletin.issued_on:
            errors.add(f"批示日期不能早于专报印发日期（{bulletin.issued_on:%Y年%m月%d日}）。", "instructed_on")
    if data.recommendation_id and data.instructed_on:
        rec = get_row(session, Recommendation, data.recommendation_id, "意见建议")
        if rec.proposed_on and data.instructed_on < rec.proposed_on:
            errors.add(f"批示日期不能早于建议提出日期（{rec.proposed_on:%Y年%m月%d日}）。", "instructed_on")
    leader_name = errors.check(required_text, data.leader_name, "批示领导", 50, "leader_name")
    leader_title = errors.check(optional_text, data.leader_title, "领导职务", 100, "leader_title")
    errors.raise_if_any()
    row = Instruction(leader_name="") if data.id is None else \
        get_row(session, Instruction, data.id, "批示", data.version)
    row.leader_name, row.leader_title = leader_name, leader_title
    row.instructed_on, row.content = data.instructed_on, clean_block(data.content)
    row.bulletin_id, row.recommendation_id = data.bulletin_id, data.recommendation_id
    session.add(row)
    session.flush()
    return row.id


@writes(Area.BULLETINS)
def delete_instruction(session: Session, instruction_id: int) -> None:
    session.delete(get_row(session, Instruction, instruction_id, "批示"))
    session.flush()

