"""人员 and 单位: creating people with their memberships, and organizations."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from models.services.common import optional_text, required_text
from models.tables import Membership, Organization, Person
from models.vocab import Level, MemberRole, OrgKind


@dataclass
class MembershipData:
    level: str = Level.DISTRICT
    term: str | None = None
    sector_id: int | None = None
    role: str = MemberRole.MEMBER
    committee_id: int | None = None
    liaison_group_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    active: bool = True


@dataclass
class PersonData:
    name: str
    gender: str | None = None
    ethnicity: str | None = None
    birth_year: int | None = None
    birth_month: int | None = None
    party_id: int | None = None
    education: str | None = None
    employer_title: str | None = None
    mobile: str | None = None
    office_phone: str | None = None
    email: str | None = None
    address: str | None = None
    notes: str | None = None
    guest_category_id: int | None = None
    memberships: list[MembershipData] = field(default_factory=list)


def create_person(session: Session, data: PersonData) -> int:
    person = Person(
        name=required_text(data.name, "姓名", 100, "name"),
        gender=data.gender, ethnicity=optional_text(data.ethnicity, "民族", 20),
        birth_year=data.birth_year, birth_month=data.birth_month, party_id=data.party_id,
        education=optional_text(data.education, "学历", 30),
        employer_title=optional_text(data.employer_title, "工作单位及职务", 300, "employer_title"),
        mobile=optional_text(data.mobile, "手机", 30, "mobile"),
        office_phone=optional_text(data.office_phone, "办公电话", 50),
        email=optional_text(data.email, "电子邮箱", 100), address=optional_text(data.address, "通讯地址", 300),
        notes=data.notes, guest_category_id=data.guest_category_id,
    )
    for m in data.memberships:
        person.memberships.append(Membership(
            level=m.level, term=m.term, sector_id=m.sector_id, role=m.role, committee_id=m.committee_id,
            liaison_group_id=m.liaison_group_id, start_date=m.start_date, end_date=m.end_date,
            active=m.active))
    session.add(person)
    session.flush()
    return person.id


def create_organization(session: Session, name: str, kind: str = OrgKind.OTHER) -> int:
    org = Organization(name=required_text(name, "单位名称", 200, "name"), kind=kind)
    session.add(org)
    session.flush()
    return org.id


def organization_id(session: Session, name: str, kind: str = OrgKind.OTHER) -> int:
    """The id of the organization called `name`, created if it does not exist yet."""
    existing = session.exec(select(Organization).where(Organization.name == name)).first()
    return existing.id if existing else create_organization(session, name, kind)
