"""议题 and 年度协商计划: topics with their status history, and plan items."""

from datetime import date

from sqlmodel import Session, select

from models.errors import ValidationError
from models.services.common import get_row, move_status, optional_text, record_status, required_text
from models.tables import PlanItem, Topic, TopicStatusChange
from models.text import clean_block
from models.vocab import TOPIC_TRANSITIONS, TopicSource, TopicStatus


def create_topic(session: Session, *, year: int, title: str, source: str, description=None,
                 background=None, proposer_person_id=None, proposer_org_id=None, proposer_text=None,
                 format_id=None, on: date | None = None) -> int:
    if source not in set(TopicSource):
        raise ValidationError(f"未知的议题来源“{source}”。", field="source")
    topic = Topic(year=year, title=required_text(title, "议题名称", 200, "title"), source=source,
                  description=clean_block(description), background=clean_block(background),
                  proposer_person_id=proposer_person_id, proposer_org_id=proposer_org_id,
                  proposer_text=optional_text(proposer_text, "提出者", 200), format_id=format_id)
    record_status(topic, TopicStatusChange, TopicStatus.COLLECTED, on=on, note="征集")
    session.add(topic)
    session.flush()
    return topic.id


def change_topic_status(session: Session, topic_id: int, status: str, *, on: date | None = None,
                        note: str | None = None, expected_version: int | None = None) -> None:
    """Move a topic one allowed step; the change is kept with its date and note."""
    topic = get_row(session, Topic, topic_id, "议题", expected_version)
    move_status(session, topic, TOPIC_TRANSITIONS, status, TopicStatusChange, what="议题状态", on=on, note=note)


def add_plan_item(session: Session, *, year: int, format_id: int, topic_id: int | None = None,
                  planned_month: int | None = None, lead_committee_id: int | None = None,
                  undertaker=None, meeting_id: int | None = None, position: int = 0) -> int:
    if planned_month is not None and not 1 <= planned_month <= 12:
        raise ValidationError("计划月份须在 1 到 12 之间。", field="planned_month")
    item = PlanItem(year=year, format_id=format_id, topic_id=topic_id, planned_month=planned_month,
                    lead_committee_id=lead_committee_id, undertaker=optional_text(undertaker, "承办单位", 200),
                    meeting_id=meeting_id, position=position)
    session.add(item)
    session.flush()
    return item.id


def topic_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "2023年 · 议题名称") of every topic, newest year first, for choosing a meeting's topic."""
    topics = session.exec(select(Topic).order_by(Topic.year.desc(), Topic.id)).all()
    return [(t.id, f"{t.year}年 · {t.title}") for t in topics]
