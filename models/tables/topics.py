"""议题: candidate topics, their status history, reviewers' scores and the annual plan."""


import sqlalchemy as sa
from sqlmodel import Field, Relationship

from models.tables.base import Entity, StatusChangeRow, text_field
from models.vocab import TopicStatus


class Topic(Entity, table=True):
    __tablename__ = "topic"
    year: int = Field(nullable=False, index=True)
    title: str = Field(max_length=200, nullable=False)
    description: str | None = text_field()
    background: str | None = text_field()
    source: str = Field(max_length=10, nullable=False, index=True)
    proposer_person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    proposer_org_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    # Free text when the proposer is neither in the register nor an organization (群众征题).
    proposer_text: str | None = Field(default=None, max_length=200)
    format_id: int | None = Field(default=None, foreign_key="meeting_format.id", index=True)
    status: str = Field(default=TopicStatus.COLLECTED, max_length=10, nullable=False, index=True)
    decision_note: str | None = text_field()
    # A postponed topic carried into next year points back at the original.
    carried_from_id: int | None = Field(default=None, foreign_key="topic.id", index=True)

    history: list["TopicStatusChange"] = Relationship(
        back_populates="topic",
        sa_relationship_kwargs={"cascade": "all, delete-orphan",
                                "order_by": "TopicStatusChange.id"})
    scores: list["TopicScore"] = Relationship(
        back_populates="topic", sa_relationship_kwargs={"cascade": "all, delete-orphan"})


class TopicStatusChange(StatusChangeRow, table=True):
    __tablename__ = "topic_status_change"
    topic_id: int = Field(foreign_key="topic.id", ondelete="CASCADE", index=True)

    topic: Topic = Relationship(back_populates="history")


class TopicScore(Entity, table=True):
    """One reviewer's score (1-10) of one topic on one criterion."""

    __tablename__ = "topic_score"
    __table_args__ = (sa.UniqueConstraint("topic_id", "reviewer", "criterion_id"),)
    topic_id: int = Field(foreign_key="topic.id", ondelete="CASCADE", index=True)
    reviewer: str = Field(max_length=50, nullable=False, index=True)
    criterion_id: int = Field(foreign_key="topic_criterion.id", index=True)
    score: int = Field(nullable=False)
    comment: str | None = Field(default=None, max_length=500)

    topic: Topic = Relationship(back_populates="scores")


class PlanItem(Entity, table=True):
    """年度协商计划条目: a topic placed into a format and month, later linked to its meeting."""

    __tablename__ = "plan_item"
    year: int = Field(nullable=False, index=True)
    position: int = Field(default=0, nullable=False)
    topic_id: int | None = Field(default=None, foreign_key="topic.id", index=True)
    format_id: int = Field(foreign_key="meeting_format.id", index=True)
    planned_month: int | None = Field(default=None)
    lead_committee_id: int | None = Field(default=None, foreign_key="committee.id", index=True)
    undertaker: str | None = Field(default=None, max_length=200)  # 承办单位
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", unique=True)
    notes: str | None = text_field()
