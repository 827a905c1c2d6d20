"""Counts of what a database holds, for the status bar and the pages' summaries."""

from dataclasses import dataclass

from sqlalchemy import distinct, func
from sqlmodel import Session, select

from models.tables import (
    Attendance,
    Bulletin,
    FieldVisit,
    Instruction,
    Meeting,
    Membership,
    Person,
    PlanItem,
    Recommendation,
    Topic,
)
from models.vocab import Level


@dataclass(frozen=True)
class DatabaseSummary:
    people: int
    district_members: int
    national_members: int
    municipal_members: int
    guests: int
    meetings: int
    attendance_rows: int
    topics: int
    plan_items: int
    field_visits: int
    recommendations: int
    bulletins: int
    instructions: int
    years: tuple[int, ...]


def _count(session: Session, query) -> int:
    return session.exec(query).one() or 0


def _members_at(session: Session, level: str) -> int:
    return _count(session, select(func.count(distinct(Membership.person_id))).where(
        Membership.level == level, Membership.active.is_(True)))


def database_summary(session: Session) -> DatabaseSummary:
    years = sorted(set(session.exec(select(Recommendation.year).distinct()))
                   | set(session.exec(select(Topic.year).distinct())))
    return DatabaseSummary(
        people=_count(session, select(func.count(Person.id))),
        district_members=_members_at(session, Level.DISTRICT),
        national_members=_members_at(session, Level.NATIONAL),
        municipal_members=_members_at(session, Level.MUNICIPAL),
        guests=_count(session, select(func.count(Person.id)).where(Person.guest_category_id.is_not(None))),
        meetings=_count(session, select(func.count(Meeting.id))),
        attendance_rows=_count(session, select(func.count(Attendance.id))),
        topics=_count(session, select(func.count(Topic.id))),
        plan_items=_count(session, select(func.count(PlanItem.id))),
        field_visits=_count(session, select(func.count(FieldVisit.id))),
        recommendations=_count(session, select(func.count(Recommendation.id))),
        bulletins=_count(session, select(func.count(Bulletin.id))),
        instructions=_count(session, select(func.count(Instruction.id))),
        years=tuple(years),
    )
