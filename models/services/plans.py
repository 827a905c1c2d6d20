"""年度协商计划: topics placed into formats and months, with lead committee and 承办单位; one click
creates the meeting for an item (linked both ways)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import FieldErrors, InUseError, ValidationError
from models.numbering import hold_numbering
from models.services.common import check_year, get_row, optional_text
from models.services.meetings import DEFAULT_LENGTH, MeetingData, save_meeting
from models.services.plan_topics import plan_refusal, topic_planned, topic_unplanned, unconfirmed_warning
from models.services.topics import change_topic_status
from models.tables import Committee, Meeting, MeetingFormat, PlanItem, Recommendation, Topic
from models.text import clean_block, quoted
from models.vocab import MeetingStatus, TopicStatus

HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


@dataclass
class PlanItemData:
    year: int
    format_id: int | None
    topic_id: int | None = None
    planned_month: int | None = None
    lead_committee_id: int | None = None
    undertaker: str | None = None
    meeting_id: int | None = None
    notes: str | None = None
    position: int | None = None
    id: int | None = None
    version: int | None = None


def plan_warnings(session: Session, data: PlanItemData) -> list[str]:
    """Allowed, but the screen asks first: the same topic twice in one year's plan; a topic the 区委 has
    not confirmed yet (it will move to 列入计划)."""
    if data.topic_id is None:
        return []
    topic = get_row(session, Topic, data.topic_id, "议题")
    warnings = []
    query = select(PlanItem).where(PlanItem.year == data.year, PlanItem.topic_id == data.topic_id)
    if data.id is not None:
        query = query.where(PlanItem.id != data.id)
    if session.exec(query).first() is not None:
        warnings.append(f"议题{quoted(topic.title)}已在{data.year}年度计划中安排过一次，确定再安排一次吗？")
    if not _same_topic(session, data):
        warnings.extend(w for w in (unconfirmed_warning(topic),) if w)
    return warnings


def plan_refusals(session: Session, data: PlanItemData) -> list[str]:
    """Why this item cannot be saved as it is (its topic was dropped, postponed or archived)."""
    if data.topic_id is None or _same_topic(session, data):
        return []
    return [r for r in (plan_refusal(get_row(session, Topic, data.topic_id, "议题")),) if r]


def _same_topic(session: Session, data: PlanItemData) -> bool:
    """An edit that keeps the item's topic (only its month, unit… change): the topic is not asked about."""
    item = session.get(PlanItem, data.id) if data.id is not None else None
    return item is not None and item.topic_id == data.topic_id


@writes(Area.PLAN, Area.TOPICS)
def save_plan_item(session: Session, data: PlanItemData, *, on: date | None = None) -> int:
    """Create or update an item; a topic coming into the plan moves to 列入计划, one leaving it goes back."""
    errors = FieldErrors()
    errors.check(check_year, data.year, "计划年度")
    if data.format_id is None:
        errors.add("请选择协商形式。", "format_id")
    if data.planned_month is not None and not 1 <= data.planned_month <= 12:
        errors.add("计划月份须在 1 到 12 之间。", "planned_month")
    errors.check(optional_text, data.undertaker, "承办单位", 200, "undertaker")
    for refusal in plan_refusals(session, data):
        errors.add(refusal, "topic_id")
    errors.raise_if_any()
    item = PlanItem(year=data.year, format_id=data.format_id) if data.id is None else \
        get_row(session, PlanItem, data.id, "计划条目", data.version)
    old_topic_id = item.topic_id
    if data.id is None:
        hold_numbering(session, f"plan:{data.year}")
        last = session.exec(select(func.max(PlanItem.position)).where(PlanItem.year == data.year)).one()
        item.position = data.position or (last or 0) + 1
    item.year, item.format_id, item.topic_id = data.year, data.format_id, data.topic_id
    item.planned_month, item.lead_committee_id = data.planned_month, data.lead_committee_id
    item.undertaker = optional_text(data.undertaker, "承办单位", 200, "undertaker")
    item.notes = clean_block(data.notes)
    if data.meeting_id is not None:
        item.meeting_id = data.meeting_id
    session.add(item)
    session.flush()
    if item.topic_id != old_topic_id:
        if item.topic_id is not None:
            topic_planned(session, item.topic_id, item.year, on=on)
        if old_topic_id is not None:
            topic_unplanned(session, old_topic_id, item.year, on=on)
        session.flush()
    return item.id


def plan_item_delete_refusal(session: Session, item_id: int) -> str | None:
    """Why this plan item cannot be deleted (asked before "删除…？"), or None."""
    item = get_row(session, PlanItem, item_id, "计划条目")
    if item.meeting_id is not None:
        return "该计划条目已生成会议，不能删除。如计划取消，请在会议中将其状态改为“已取消”。"
    return None


@writes(Area.PLAN, Area.TOPICS)
def delete_plan_item(session: Session, item_id: int) -> None:
    item = get_row(session, PlanItem, item_id, "计划条目")
    refusal = plan_item_delete_refusal(session, item_id)
    if refusal:
        raise InUseError(refusal)
    topic_id, year = item.topic_id, item.year
    session.delete(item)
    session.flush()
    if topic_id is not None:
        topic_unplanned(session, topic_id, year)
        session.flush()


@writes(Area.PLAN)
def move_plan_item(session: Session, item_id: int, delta: int) -> None:
    item = get_row(session, PlanItem, item_id, "计划条目")
    items = list(session.exec(select(PlanItem).where(PlanItem.year == item.year)
                              .order_by(PlanItem.position, PlanItem.id)))
    index = items.index(item)
    if 0 <= index + delta < len(items):
        items.insert(index + delta, items.pop(index))
        for position, row in enumerate(items, start=1):
            if row.position != position:
                row.position = position
                session.add(row)
        session.flush()


def meeting_title_for(topic_title: str | None, format_name: str) -> str:
    return f"{quoted(topic_title)}专题{format_name}" if topic_title else format_name


def planned_start(year: int, month: int | None) -> datetime:
    """A plan item's meeting until its date is confirmed: the 15th of the planned month (January if 待定), 14:30."""
    return datetime(year, month or 1, 15, 14, 30)


@writes(Area.PLAN, Area.MEETINGS, Area.TOPICS)
def create_meeting_for_item(session: Session, item_id: int, *, starts_at: datetime | None = None) -> int:
    """The item's meeting (筹备中, topic and 承办单位 set), linked both ways; the topic moves to 列入计划."""
    item = get_row(session, PlanItem, item_id, "计划条目")
    if item.meeting_id is not None:
        raise ValidationError("该计划条目已经生成了会议。")
    topic = session.get(Topic, item.topic_id) if item.topic_id else None
    format_name = session.get(MeetingFormat, item.format_id).name
    when = starts_at or planned_start(item.year, item.planned_month)
    meeting_id = save_meeting(session, MeetingData(
        format_id=item.format_id, title=meeting_title_for(topic.title if topic else None, format_name),
        starts_at=when, ends_at=when + DEFAULT_LENGTH, undertaker=item.undertaker, topic_id=item.topic_id,
        notes=f"根据{item.year}年度协商计划生成，请确认会议日期。"))
    item.meeting_id = meeting_id
    session.add(item)
    if topic is not None and topic.status == TopicStatus.PARTY_CONFIRMED:
        change_topic_status(session, topic.id, TopicStatus.PLANNED, note=f"列入{item.year}年度协商计划")
    session.flush()
    return meeting_id


@dataclass(frozen=True)
class PlanRow:
    id: int
    version: int
    year: int
    position: int
    topic_id: int | None
    topic_title: str
    format_id: int
    format_name: str
    planned_month: int | None
    lead_committee_id: int | None
    lead_committee: str
    undertaker: str
    notes: str
    meeting_id: int | None
    meeting_title: str
    meeting_status: str
    meeting_starts_at: datetime | None
    recommendations: int

    @property
    def held(self) -> bool:
        return self.meeting_status in HELD

    @property
    def progress(self) -> str:
        if self.meeting_id is None:
            return "未生成会议"
        return {MeetingStatus.HELD: "已召开", MeetingStatus.ARCHIVED: "已召开"}.get(self.meeting_status,
                                                                                  self.meeting_status)


def list_plan(session: Session, year: int) -> list[PlanRow]:
    items = session.exec(select(PlanItem).where(PlanItem.year == year).order_by(PlanItem.position, PlanItem.id)).all()
    topics = dict(session.exec(select(Topic.id, Topic.title)).all())
    formats = dict(session.exec(select(MeetingFormat.id, MeetingFormat.name)).all())
    committees = dict(session.exec(select(Committee.id, Committee.name)).all())
    meeting_ids = [i.meeting_id for i in items if i.meeting_id]
    meetings = {m.id: m for m in session.exec(select(Meeting).where(Meeting.id.in_(meeting_ids)))}
    recs = dict(session.exec(select(Recommendation.meeting_id, func.count(Recommendation.id))
                             .where(Recommendation.meeting_id.in_(meeting_ids),
                                    Recommendation.duplicate_of_id.is_(None))
                             .group_by(Recommendation.meeting_id)).all())
    rows = []
    for i in items:
        m = meetings.get(i.meeting_id)
        rows.append(PlanRow(
            id=i.id, version=i.version, year=i.year, position=i.position, topic_id=i.topic_id,
            topic_title=topics.get(i.topic_id, ""), format_id=i.format_id, format_name=formats.get(i.format_id, ""),
            planned_month=i.planned_month, lead_committee_id=i.lead_committee_id,
            lead_committee=committees.get(i.lead_committee_id, ""), undertaker=i.undertaker or "", notes=i.notes or "",
            meeting_id=i.meeting_id, meeting_title=m.title if m else "", meeting_status=m.status if m else "",
            meeting_starts_at=m.starts_at if m else None, recommendations=recs.get(i.meeting_id, 0)))
    return rows


def plan_years(session: Session) -> list[int]:
    return sorted(set(session.exec(select(PlanItem.year).distinct())), reverse=True)
