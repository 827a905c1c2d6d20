"""How a topic's status follows the annual plan, so 列入计划 in the pool and the topic's status agree.

Putting a topic into the plan moves it to 列入计划 with an entry in its history. A topic the 区委 has not yet
confirmed (征集, 初筛, 主席会议通过) may still be planned — the screen warns first — and the history says
which steps were skipped rather than pretending they happened. Taking a topic out of the plan again returns
it to the status it had before, also recorded.
"""

from datetime import date

from sqlmodel import Session, select

from models.errors import ValidationError
from models.services.common import get_row, record_status
from models.tables import PlanItem, Topic, TopicStatusChange
from models.text import quoted
from models.vocab import TopicStatus

# The steps a topic goes through before the plan; a topic at one of them is "not yet confirmed".
BEFORE_PLAN = (TopicStatus.COLLECTED, TopicStatus.SCREENED, TopicStatus.CHAIRS_APPROVED,
               TopicStatus.PARTY_CONFIRMED)
# Statuses that do not go into a plan: the topic has been dropped, postponed or is finished.
NOT_PLANNABLE = {
    TopicStatus.REJECTED: "该议题已“未采用”，不能列入计划。",
    TopicStatus.POSTPONED: "该议题已“延期”。如要在本年度重新考虑，请先把状态改回“征集”；"
                           "或用“转入下一年度”列入下一年的议题库。",
    TopicStatus.ARCHIVED: "该议题已“归档”，不能列入计划。",
}


def plan_refusal(topic: Topic) -> str | None:
    """Why this topic cannot go into a plan, or None."""
    reason = NOT_PLANNABLE.get(topic.status)
    return f"议题{quoted(topic.title)}：{reason}" if reason else None


def unconfirmed_warning(topic: Topic) -> str | None:
    """Allowed but asked about: a topic the 区委 has not confirmed yet."""
    if topic.status not in BEFORE_PLAN[:-1]:
        return None
    skipped = "、".join(BEFORE_PLAN[BEFORE_PLAN.index(topic.status) + 1:])
    return (f"议题{quoted(topic.title)}目前是“{topic.status}”，还没有经过{skipped}。列入计划后，它的状态将直接改为"
            "“列入计划”，并在议题历程中注明。确定列入吗？")


def _skipped_note(status: str) -> str:
    if status not in BEFORE_PLAN[:-1]:
        return ""
    return "（未经" + "、".join(BEFORE_PLAN[BEFORE_PLAN.index(status) + 1:]) + "）"


def topic_planned(session: Session, topic_id: int, year: int, *, on: date | None = None) -> None:
    """The topic has been put into `year`'s plan: before 列入计划 it moves there, recorded; later ones stay."""
    topic = get_row(session, Topic, topic_id, "议题")
    refusal = plan_refusal(topic)
    if refusal:
        raise ValidationError(refusal, field="topic_id")
    if topic.status in BEFORE_PLAN:
        record_status(session, topic, TopicStatusChange, TopicStatus.PLANNED, on=on, from_status=topic.status,
                      note=f"列入{year}年度协商计划{_skipped_note(topic.status)}")
        session.add(topic)


def topic_unplanned(session: Session, topic_id: int, year: int, *, on: date | None = None) -> None:
    """The topic has left `year`'s plan: if nothing else keeps it at 列入计划, it returns to where it was."""
    topic = session.get(Topic, topic_id)
    if topic is None or topic.status != TopicStatus.PLANNED:
        return  # moved on (调研中…) or changed by hand: its history is its own
    if session.exec(select(PlanItem.id).where(PlanItem.topic_id == topic_id)).first() is not None:
        return
    entered = session.exec(select(TopicStatusChange).where(TopicStatusChange.topic_id == topic_id,
                                                           TopicStatusChange.to_status == TopicStatus.PLANNED)
                           .order_by(TopicStatusChange.changed_on.desc(), TopicStatusChange.id.desc())).first()
    back = entered.from_status if entered and entered.from_status in BEFORE_PLAN else TopicStatus.PARTY_CONFIRMED
    record_status(session, topic, TopicStatusChange, back, on=on, from_status=topic.status,
                  note=f"从{year}年度协商计划中移除")
    session.add(topic)
