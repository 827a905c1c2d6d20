"""议题: candidate topics, their status workflow with history, carrying a postponed topic over."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import FieldErrors, InUseError, ValidationError
from models.services.common import get_row, move_status, optional_text, record_status, required_text
from models.tables import Meeting, Organization, Person, PlanItem, Topic, TopicScore, TopicStatusChange
from models.text import clean_block, quoted
from models.vocab import TOPIC_TRANSITIONS, TopicSource, TopicStatus


@dataclass
class TopicData:
    year: int
    title: str
    source: str
    description: str | None = None
    background: str | None = None
    proposer_person_id: int | None = None
    proposer_org_id: int | None = None
    proposer_text: str | None = None
    format_id: int | None = None
    decision_note: str | None = None
    id: int | None = None
    version: int | None = None


@writes(Area.TOPICS)
def save_topic(session: Session, data: TopicData, *, on: date | None = None) -> int:
    """Create (status 征集, recorded in the history) or update a topic's details."""
    errors = FieldErrors()
    if data.source not in set(TopicSource):
        errors.add(f"议题来源“{data.source}”应为领导点题、委员荐题、部门商题、群众征题、专委会或界别。", "source")
    if not 2000 <= (data.year or 0) <= 2100:
        errors.add("请填写议题所属年度。", "year")
    title = errors.check(required_text, data.title, "议题名称", 200, "title")
    proposer_text = errors.check(optional_text, data.proposer_text, "提出者", 200, "proposer_text")
    errors.raise_if_any()
    topic = Topic(year=data.year, title="", source=data.source) if data.id is None else \
        get_row(session, Topic, data.id, "议题", data.version)
    topic.year, topic.source = data.year, data.source
    topic.title = title
    topic.description, topic.background = clean_block(data.description), clean_block(data.background)
    topic.proposer_person_id, topic.proposer_org_id = data.proposer_person_id, data.proposer_org_id
    topic.proposer_text = proposer_text
    topic.format_id = data.format_id
    topic.decision_note = clean_block(data.decision_note)
    if data.id is None:
        record_status(session, topic, TopicStatusChange, TopicStatus.COLLECTED, on=on, note="征集")
    session.add(topic)
    session.flush()
    return topic.id


def create_topic(session: Session, *, year: int, title: str, source: str, on: date | None = None, **fields) -> int:
    return save_topic(session, TopicData(year=year, title=title, source=source, **fields), on=on)


def get_topic(session: Session, topic_id: int) -> TopicData:
    t = get_row(session, Topic, topic_id, "议题")
    return TopicData(year=t.year, title=t.title, source=t.source, description=t.description,
                     background=t.background, proposer_person_id=t.proposer_person_id,
                     proposer_org_id=t.proposer_org_id, proposer_text=t.proposer_text, format_id=t.format_id,
                     decision_note=t.decision_note, id=t.id, version=t.version)


@writes(Area.TOPICS)
def change_topic_status(session: Session, topic_id: int, status: str, *, on: date | None = None,
                        note: str | None = None, expected_version: int | None = None) -> None:
    """Move a topic one allowed step; the change is kept with its date and note."""
    topic = get_row(session, Topic, topic_id, "议题", expected_version)
    move_status(session, topic, TOPIC_TRANSITIONS, status, TopicStatusChange, what="议题状态", on=on, note=note)


@dataclass(frozen=True)
class StatusStep:
    from_status: str
    to_status: str
    changed_on: date
    note: str
    operator: str


def topic_history(session: Session, topic_id: int) -> list[StatusStep]:
    steps = session.exec(select(TopicStatusChange).where(TopicStatusChange.topic_id == topic_id)
                         .order_by(TopicStatusChange.changed_on, TopicStatusChange.id))
    return [StatusStep(s.from_status or "", s.to_status, s.changed_on, s.note or "", s.operator or "") for s in steps]


@writes(Area.TOPICS)
def carry_over(session: Session, topic_id: int, *, on: date | None = None) -> int:
    """A postponed (延期) topic goes into next year's pool as a new candidate linked to the original."""
    topic = get_row(session, Topic, topic_id, "议题")
    if topic.status != TopicStatus.POSTPONED:
        raise ValidationError(f"只有“延期”的议题可以转入下一年度；该议题当前为“{topic.status}”。")
    existing = session.exec(select(Topic).where(Topic.carried_from_id == topic_id)).first()
    if existing is not None:
        raise ValidationError(f"该议题已转入 {existing.year} 年度，不能重复转入。")
    copy_id = save_topic(session, TopicData(
        year=topic.year + 1, title=topic.title, source=topic.source, description=topic.description,
        background=topic.background, proposer_person_id=topic.proposer_person_id,
        proposer_org_id=topic.proposer_org_id, proposer_text=topic.proposer_text, format_id=topic.format_id,
        decision_note=f"由{topic.year}年度延期转入"), on=on)
    session.get(Topic, copy_id).carried_from_id = topic_id
    session.flush()
    return copy_id


def topic_delete_refusal(session: Session, topic_id: int) -> str | None:
    """Why this topic cannot be deleted (asked before "删除…？"), or None."""
    topic = get_row(session, Topic, topic_id, "议题")
    for table, column, what in ((TopicScore, TopicScore.topic_id, "条评分"),
                                (PlanItem, PlanItem.topic_id, "个计划条目"), (Meeting, Meeting.topic_id, "个会议")):
        count = session.exec(select(func.count()).select_from(table).where(column == topic_id)).one()
        if count:
            return (f"{quoted(topic.title)}已有 {count} {what}，不能删除。如不再考虑，请将状态改为“未采用”，"
                    "议题及其记录会保留。")
    return None


@writes(Area.TOPICS)
def delete_topic(session: Session, topic_id: int) -> None:
    """Only a topic nothing depends on; otherwise set it to 未采用 so its history stays."""
    topic = get_row(session, Topic, topic_id, "议题")
    refusal = topic_delete_refusal(session, topic_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(topic)
    session.flush()


def proposer_labels(session: Session, topics) -> dict[int, str]:
    """{topic id: who proposed it} in two queries for any number of topics (a person, a unit, or text)."""
    person_ids = {t.proposer_person_id for t in topics if t.proposer_person_id}
    org_ids = {t.proposer_org_id for t in topics if t.proposer_org_id and not t.proposer_person_id}
    people = dict(session.exec(select(Person.id, Person.name).where(Person.id.in_(person_ids))).all()) \
        if person_ids else {}
    orgs = dict(session.exec(select(Organization.id, Organization.name).where(Organization.id.in_(org_ids))).all()) \
        if org_ids else {}
    labels = {}
    for t in topics:
        if t.proposer_person_id:
            labels[t.id] = people.get(t.proposer_person_id, "")
        elif t.proposer_org_id:
            labels[t.id] = orgs.get(t.proposer_org_id, "")
        else:
            labels[t.id] = t.proposer_text or ""
    return labels


def topic_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "2023年 · 议题名称") of every topic, newest year first, for choosing a meeting's topic."""
    topics = session.exec(select(Topic).order_by(Topic.year.desc(), Topic.id)).all()
    return [(t.id, f"{t.year}年 · {t.title}") for t in topics]
