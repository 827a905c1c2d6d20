"""All tables. Importing this package registers every table on SQLModel.metadata."""

from sqlmodel import SQLModel

from models.tables.audit import AppSetting, AuditEntry
from models.tables.lookups import (
    Committee,
    GuestCategory,
    LiaisonGroup,
    LookupBase,
    MeetingFormat,
    Party,
    Sector,
    TopicCriterion,
)
from models.tables.meetings import AgendaItem, Attendance, Meeting, SeatPlan
from models.tables.people import Membership, Organization, Person, PersonGroup, PersonGroupMember
from models.tables.recommendations import (
    Aspect,
    Bulletin,
    BulletinItem,
    Instruction,
    Recommendation,
    RecommendationProposer,
    RecommendationStatusChange,
)
from models.tables.research import Attachment, FieldVisit, FieldVisitOrganization, FieldVisitParticipant
from models.tables.topics import PlanItem, Topic, TopicScore, TopicStatusChange

metadata = SQLModel.metadata

LOOKUP_TABLES: tuple[type[LookupBase], ...] = (
    Sector, Party, Committee, LiaisonGroup, MeetingFormat, GuestCategory, TopicCriterion,
)

__all__ = [
    "LOOKUP_TABLES",
    "AgendaItem",
    "AppSetting",
    "Aspect",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Bulletin",
    "BulletinItem",
    "Committee",
    "FieldVisit",
    "FieldVisitOrganization",
    "FieldVisitParticipant",
    "GuestCategory",
    "Instruction",
    "LiaisonGroup",
    "LookupBase",
    "Meeting",
    "MeetingFormat",
    "Membership",
    "Organization",
    "Party",
    "Person",
    "PersonGroup",
    "PersonGroupMember",
    "PlanItem",
    "Recommendation",
    "RecommendationProposer",
    "RecommendationStatusChange",
    "SeatPlan",
    "Sector",
    "Topic",
    "TopicCriterion",
    "TopicScore",
    "TopicStatusChange",
    "metadata",
]
