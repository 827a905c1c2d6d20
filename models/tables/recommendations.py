"""意见建议 and what becomes of them: aspects, proposers, history, bulletins, instructions."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from models.tables.base import Entity, StatusChangeRow, text_field
from models.vocab import RecommendationStatus


class Aspect(Entity, table=True):
    """方面: a heading recommendations of one source are grouped under, in order."""

    __tablename__ = "aspect"
    name: str = Field(max_length=100, nullable=False)
    position: int = Field(default=0, nullable=False)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="CASCADE", index=True)
    field_visit_id: int | None = Field(
        default=None, foreign_key="field_visit.id", ondelete="CASCADE", index=True)
    # For free-standing sources (提案, 社情民意): aspects belong to a source kind and year.
    source_kind: str | None = Field(default=None, max_length=10)
    year: int | None = Field(default=None, index=True)


class Recommendation(Entity, table=True):
    __tablename__ = "recommendation"
    year: int = Field(nullable=False, index=True)
    source_kind: str = Field(max_length=10, nullable=False, index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    field_visit_id: int | None = Field(default=None, foreign_key="field_visit.id", index=True)
    aspect_id: int | None = Field(default=None, foreign_key="aspect.id", ondelete="SET NULL", index=True)
    position: int = Field(default=0, nullable=False)
    title: str = Field(max_length=300, nullable=False)
    content: str = Field(sa_type=sa.Text(), nullable=False)
    proposed_on: date | None = Field(default=None)
    target_org_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    status: str = Field(default=RecommendationStatus.PROPOSED, max_length=10, nullable=False, index=True)
    outcome: str | None = Field(default=None, max_length=20, index=True)
    deadline: date | None = Field(default=None, index=True)  # the department's reply is due
    reply_text: str | None = text_field()
    reply_date: date | None = Field(default=None)
    feedback_text: str | None = text_field()  # 反馈 to the proposers
    feedback_date: date | None = Field(default=None)
    lookback_date: date | None = Field(default=None)  # 回头看
    lookback_note: str | None = text_field()
    # A merged duplicate keeps its text and points at the recommendation that counts.
    duplicate_of_id: int | None = Field(default=None, foreign_key="recommendation.id", index=True)

    proposers: list["RecommendationProposer"] = Relationship(
        back_populates="recommendation",
        sa_relationship_kwargs={"cascade": "all, delete-orphan",
                                "order_by": "RecommendationProposer.position"})
    history: list["RecommendationStatusChange"] = Relationship(
        back_populates="recommendation",
        sa_relationship_kwargs={"cascade": "all, delete-orphan",
                                "order_by": "RecommendationStatusChange.id"})


class RecommendationProposer(Entity, table=True):
    __tablename__ = "recommendation_proposer"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "person_id"),)
    recommendation_id: int = Field(foreign_key="recommendation.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    position: int = Field(default=0, nullable=False)

    recommendation: Recommendation = Relationship(back_populates="proposers")


class RecommendationStatusChange(StatusChangeRow, table=True):
    __tablename__ = "recommendation_status_change"
    recommendation_id: int = Field(foreign_key="recommendation.id", ondelete="CASCADE", index=True)

    recommendation: Recommendation = Relationship(back_populates="history")


class Bulletin(Entity, table=True):
    """《政协建言》/协商专报, numbered per year."""

    __tablename__ = "bulletin"
    __table_args__ = (sa.UniqueConstraint("year", "issue_no"),)
    year: int = Field(nullable=False, index=True)
    issue_no: int = Field(nullable=False)
    kind: str = Field(default="政协建言", max_length=20, nullable=False)
    title: str = Field(max_length=200, nullable=False)
    issued_on: date | None = Field(default=None, index=True)
    recipients: str | None = Field(default=None, max_length=300)  # 主送
    introduction: str | None = text_field()
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)

    items: list["BulletinItem"] = Relationship(
        back_populates="bulletin",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "BulletinItem.position"})


class BulletinItem(Entity, table=True):
    __tablename__ = "bulletin_item"
    __table_args__ = (sa.UniqueConstraint("bulletin_id", "recommendation_id"),)
    bulletin_id: int = Field(foreign_key="bulletin.id", ondelete="CASCADE", index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    position: int = Field(default=0, nullable=False)

    bulletin: Bulletin = Relationship(back_populates="items")


class Instruction(Entity, table=True):
    """领导批示 on a bulletin or on a single recommendation."""

    __tablename__ = "instruction"
    bulletin_id: int | None = Field(default=None, foreign_key="bulletin.id", index=True)
    recommendation_id: int | None = Field(default=None, foreign_key="recommendation.id", index=True)
    leader_name: str = Field(max_length=50, nullable=False)
    leader_title: str | None = Field(default=None, max_length=100)
    instructed_on: date | None = Field(default=None, index=True)
    content: str | None = text_field()
