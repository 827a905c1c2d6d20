"""人员: create, read and save people with their memberships; organizations.

Saving checks every field (messages next to the field), keeps the sort keys current and
refuses to overwrite a record someone else changed since it was opened.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from models.changes import Area, writes
from models.clock import now
from models.errors import ConflictError, FieldErrors
from models.services.common import get_row, optional_text, required_text
from models.services.person_rules import (
    check_email,
    check_gender,
    check_mobile,
    check_name,
    normalize_name,
)
from models.services.sort_keys import apply_sort_keys
from models.sorting import text_key
from models.tables import Membership, Organization, Person
from models.text import clean_block, quoted
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
    id: int | None = None


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
    active: bool = True
    id: int | None = None
    version: int | None = None  # the version that was read: saving checks it


PERSON_FIELDS = ("name", "gender", "ethnicity", "birth_year", "birth_month", "party_id", "education",
                 "employer_title", "mobile", "office_phone", "email", "address", "notes", "guest_category_id",
                 "active")
MEMBERSHIP_FIELDS = ("level", "term", "sector_id", "role", "committee_id", "liaison_group_id", "start_date",
                     "end_date", "active")


def clean_person(data: PersonData) -> PersonData:
    """A checked, normalised copy; one ValidationError names every field that is wrong."""
    errors = FieldErrors()
    if data.birth_month is not None and data.birth_year is None:
        errors.add("填写了出生月份，请同时填写出生年份。", "birth")
    memberships = [errors.check(clean_membership, m) for m in data.memberships]
    levels = [(m.level, m.term) for m in memberships if m is not None]
    if len(levels) != len(set(levels)):
        errors.add("同一届次、同一级别的委员身份只能有一条。", "memberships")
    cleaned = replace(
        data, name=errors.check(check_name, data.name), gender=errors.check(check_gender, data.gender),
        ethnicity=errors.check(optional_text, data.ethnicity, "民族", 20, "ethnicity"),
        education=errors.check(optional_text, data.education, "学历", 30, "education"),
        employer_title=errors.check(optional_text, data.employer_title, "工作单位及职务", 300, "employer_title"),
        mobile=errors.check(check_mobile, data.mobile),
        office_phone=errors.check(optional_text, data.office_phone, "办公电话", 50, "office_phone"),
        email=errors.check(check_email, data.email),
        address=errors.check(optional_text, data.address, "通讯地址", 300, "address"),
        notes=clean_block(data.notes), memberships=memberships)
    errors.raise_if_any()
    return cleaned


def clean_membership(m: MembershipData) -> MembershipData:
    errors = FieldErrors()
    if m.level not in set(Level):
        errors.add(f"委员级别“{m.level}”应为全国、市或区。", "memberships")
    if m.role not in set(MemberRole):
        errors.add(f"委员身份“{m.role}”应为主席、副主席、秘书长、常委或委员。", "memberships")
    if m.start_date and m.end_date and m.end_date < m.start_date:
        errors.add("委员身份的结束日期不能早于开始日期。", "memberships")
    term = errors.check(optional_text, m.term, "届次", 20, "memberships")
    errors.raise_if_any()
    return replace(m, term=term)


def _person_data(person: Person) -> PersonData:
    memberships = [MembershipData(id=m.id, **{f: getattr(m, f) for f in MEMBERSHIP_FIELDS})
                   for m in sorted(person.memberships, key=lambda m: (_LEVEL_ORDER.get(m.level, 9), m.id))]
    return PersonData(id=person.id, version=person.version, memberships=memberships,
                      **{f: getattr(person, f) for f in PERSON_FIELDS})


_LEVEL_ORDER = {Level.DISTRICT: 0, Level.MUNICIPAL: 1, Level.NATIONAL: 2}


def get_person(session: Session, person_id: int) -> PersonData:
    return _person_data(get_row(session, Person, person_id, "人员"))


def changed_meanwhile(name: str) -> ConflictError:
    return ConflictError(f"{quoted(name)}的资料已被他人修改（可能是另一个窗口或另一位同事）。"
                         "为避免覆盖对方的修改，本次保存未执行。请关闭后重新打开再修改。")


@writes(Area.PEOPLE, Area.MEMBERSHIPS)
def save_person(session: Session, data: PersonData, *, flush: bool = True) -> int | None:
    """Create (no id) or update (id and the version that was read) one person with memberships.

    Returns the id; with flush=False (bulk imports) a new person's id is not known yet: None.
    """
    data = clean_person(data)
    if data.id is None:
        person = Person(name=data.name)
    else:
        person = get_row(session, Person, data.id, "人员")
        if data.version is not None and person.version != data.version:
            raise changed_meanwhile(person.name)
    for name in PERSON_FIELDS:
        setattr(person, name, getattr(data, name))
    apply_sort_keys(person)
    if _sync_memberships(person, data.memberships) and person.id is not None:
        # A membership change is a change of the person: bump its version so a stale copy conflicts.
        person.updated_at = now()
        flag_modified(person, "updated_at")  # an UPDATE even within the same second
    session.add(person)
    if flush:
        session.flush()
    return person.id


def _membership_state(person: Person) -> list[tuple]:
    return [(m.id, *(getattr(m, name) for name in MEMBERSHIP_FIELDS)) for m in person.memberships]


def _sync_memberships(person: Person, wanted: list[MembershipData]) -> bool:
    """Make the person's memberships match `wanted`; True if anything changed."""
    before = _membership_state(person)
    existing = {m.id: m for m in person.memberships}
    keep = []
    for item in wanted:
        row = existing.get(item.id) if item.id is not None else None
        if row is None:
            row = Membership()
            person.memberships.append(row)
        for name in MEMBERSHIP_FIELDS:
            setattr(row, name, getattr(item, name))
        keep.append(row)
    for row in list(person.memberships):
        if all(row is not k for k in keep):
            person.memberships.remove(row)
    return _membership_state(person) != before


def create_person(session: Session, data: PersonData) -> int:
    """A new person (ignores any id in `data`)."""
    return save_person(session, replace(data, id=None, version=None))


@writes(Area.ORGANIZATIONS)
def create_organization(session: Session, name: str, kind: str = OrgKind.OTHER) -> int:
    org = Organization(name=required_text(name, "单位名称", 200, "name"), kind=kind)
    session.add(org)
    session.flush()
    return org.id


def organization_id(session: Session, name: str, kind: str = OrgKind.OTHER) -> int:
    """The id of the organization called `name`, created if it does not exist yet."""
    existing = session.exec(select(Organization).where(Organization.name == name)).first()
    return existing.id if existing else create_organization(session, name, kind)


def organization_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every unit and department, in stroke order of the name (text_key, the same on every
    engine): what a "choose a unit" field offers."""
    rows = session.exec(select(Organization.id, Organization.name)).all()
    return sorted(((oid, name) for oid, name in rows), key=lambda row: (text_key(row[1]), row[0]))


def organization_names(session: Session) -> list[str]:
    """The names of every unit and department, by name (an editable combo's list)."""
    return [name for _oid, name in organization_choices(session)]


def people_named(session: Session, name: str) -> list[int]:
    return list(session.exec(select(Person.id).where(Person.name == normalize_name(name))))
