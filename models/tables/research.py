"""调研/视察: field visits, the units visited, participants and attachments."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from models.tables.base import Entity, text_field
from models.tables.people import Organization, Person
from models.vocab import VisitRole


class FieldVisit(Entity, table=True):
    __tablename__ = "field_visit"
    kind: str = Field(max_length=10, nullable=False, index=True)
    visit_date: date = Field(nullable=False, index=True)
    title: str = Field(max_length=200, nullable=False)
    place: str | None = Field(default=None, max_length=200)
    topic_id: int | None = Field(default=None, foreign_key="topic.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    summary: str | None = text_field()
    findings: str | None = text_field()

    participants: list["FieldVisitParticipant"] = Relationship(
        back_populates="visit", sa_relationship_kwargs={"cascade": "all, delete-orphan"})
    organizations: list["FieldVisitOrganization"] = Relationship(
        back_populates="visit", sa_relationship_kwargs={"cascade": "all, delete-orphan"})


class FieldVisitParticipant(Entity, table=True):
    __tablename__ = "field_visit_participant"
    __table_args__ = (sa.UniqueConstraint("visit_id", "person_id"),)
    visit_id: int = Field(foreign_key="field_visit.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(default=VisitRole.MEMBER, max_length=10, nullable=False)

    visit: FieldVisit = Relationship(back_populates="participants")
    person: Person = Relationship()


class FieldVisitOrganization(Entity, table=True):
    __tablename__ = "field_visit_organization"
    __table_args__ = (sa.UniqueConstraint("visit_id", "organization_id"),)
    visit_id: int = Field(foreign_key="field_visit.id", ondelete="CASCADE", index=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    position: int = Field(default=0, nullable=False)

    visit: FieldVisit = Relationship(back_populates="organizations")
    organization: Organization = Relationship()


class Attachment(Entity, table=True):
    """A photo or document copied into the data folder (attachments/<stored_name>)."""

    __tablename__ = "attachment"
    field_visit_id: int | None = Field(
        default=None, foreign_key="field_visit.id", ondelete="CASCADE", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="CASCADE", index=True)
    file_name: str = Field(max_length=255, nullable=False)  # as the user named it
    stored_name: str = Field(max_length=255, nullable=False, unique=True)
    size: int = Field(default=0, nullable=False)
    description: str | None = Field(default=None, max_length=300)
