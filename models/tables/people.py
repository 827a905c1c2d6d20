"""People (members and guests), their memberships, organizations and saved groups."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from models.tables.base import Entity, text_field
from models.vocab import MemberRole, OrgKind


class Organization(Entity, table=True):
    """单位/部门: units visited, departments a recommendation goes to, proposers."""

    __tablename__ = "organization"
    name: str = Field(max_length=200, unique=True, nullable=False)
    kind: str = Field(default=OrgKind.OTHER, max_length=20, nullable=False, index=True)
    notes: str | None = text_field()
    active: bool = Field(default=True, nullable=False)


class Person(Entity, table=True):
    """人员: a committee member or a guest (guest_category set)."""

    __tablename__ = "person"
    name: str = Field(max_length=100, nullable=False, index=True)
    gender: str | None = Field(default=None, max_length=4)
    ethnicity: str | None = Field(default=None, max_length=20)
    birth_year: int | None = Field(default=None)
    birth_month: int | None = Field(default=None)
    party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    education: str | None = Field(default=None, max_length=30)
    employer_title: str | None = Field(default=None, max_length=300)
    mobile: str | None = Field(default=None, max_length=30, index=True)
    office_phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    notes: str | None = text_field()
    guest_category_id: int | None = Field(default=None, foreign_key="guest_category.id", index=True)
    # False once the person has left (离任): kept for history, hidden from new invitations.
    active: bool = Field(default=True, nullable=False, index=True)
    # Precomputed by models/sorting.py whenever the name changes (CPPCC stroke order, pinyin,
    # pinyin initials for search); models/services/people.py keeps them current.
    sort_stroke: str | None = Field(default=None, max_length=2000, index=True)
    sort_pinyin: str | None = Field(default=None, max_length=600, index=True)
    name_initials: str | None = Field(default=None, max_length=200)

    memberships: list["Membership"] = Relationship(
        back_populates="person", sa_relationship_kwargs={"cascade": "all, delete-orphan"})


class Membership(Entity, table=True):
    """委员身份: one level (全国/市/区) in one term; a person may hold several."""

    __tablename__ = "membership"
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    level: str = Field(max_length=4, nullable=False, index=True)
    term: str | None = Field(default=None, max_length=20, index=True)
    sector_id: int | None = Field(default=None, foreign_key="sector.id", index=True)
    role: str = Field(default=MemberRole.MEMBER, max_length=10, nullable=False, index=True)
    committee_id: int | None = Field(default=None, foreign_key="committee.id", index=True)
    liaison_group_id: int | None = Field(default=None, foreign_key="liaison_group.id", index=True)
    start_date: date | None = Field(default=None)
    end_date: date | None = Field(default=None)
    active: bool = Field(default=True, nullable=False, index=True)

    person: Person = Relationship(back_populates="memberships")


class PersonGroup(Entity, table=True):
    """A saved group of people (e.g. 经济界别召集人) used to build invitee lists."""

    __tablename__ = "person_group"
    name: str = Field(max_length=100, unique=True, nullable=False)
    notes: str | None = text_field()


class PersonGroupMember(Entity, table=True):
    __tablename__ = "person_group_member"
    __table_args__ = (sa.UniqueConstraint("group_id", "person_id"),)
    group_id: int = Field(foreign_key="person_group.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
