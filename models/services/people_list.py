"""The register as one list: a row per person with memberships summarised, loaded in two queries,
then filtered and searched in memory (no query per keystroke)."""

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlmodel import Session, select

from models.services.person_rules import format_birth
from models.tables import Committee, GuestCategory, LiaisonGroup, Membership, Party, Person, Sector
from models.vocab import Level

LEVEL_ORDER = {Level.DISTRICT: 0, Level.MUNICIPAL: 1, Level.NATIONAL: 2}


def primary_membership(memberships):
    """The membership a register row shows: an active one before a past one, 区 before 市 before 全国."""
    return min(memberships, key=lambda m: (not m.active, LEVEL_ORDER.get(m.level, 9)), default=None)


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    version: int
    name: str
    gender: str
    ethnicity: str
    birth_year: int | None
    birth_month: int | None
    birth: str
    party: str
    education: str
    employer_title: str
    mobile: str
    office_phone: str
    email: str
    address: str
    notes: str
    guest_category: str
    levels: str  # every level held, e.g. "区、市"
    sector: str  # the following four: of the primary membership (active, district first)
    role: str
    committee: str
    liaison_group: str
    term: str
    active: bool
    sort_stroke: str
    sort_pinyin: str
    initials: tuple[str, ...]
    haystack: str  # lower-case name, unit and phones, for the search box
    level_set: frozenset
    sector_ids: frozenset
    party_id: int | None
    role_set: frozenset
    committee_ids: frozenset
    liaison_ids: frozenset
    terms: frozenset
    guest_category_id: int | None

    @property
    def status(self) -> str:
        return "在任" if self.active else "离任"

    @property
    def is_member(self) -> bool:
        return bool(self.level_set)


class _Held(NamedTuple):
    """One membership as load_people needs it."""

    person_id: int
    level: str
    term: str | None
    sector_id: int | None
    role: str
    committee_id: int | None
    liaison_group_id: int | None
    active: bool


def _level_rank(level: str) -> int:
    return LEVEL_ORDER.get(level, 9)


def _names(session: Session, table) -> dict[int, str]:
    return dict(session.exec(select(table.id, table.name)).all())


@contextmanager
def _gc_paused():
    """Building 30,000 rows makes the cyclic GC run dozens of times for nothing (rows hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_people(session: Session, person_ids: list[int] | None = None) -> list[PersonRow]:
    """Every person (or those given) as PersonRow, in CPPCC stroke order."""
    with _gc_paused():
        return _load_people(session, person_ids)


def _load_people(session: Session, person_ids: list[int] | None) -> list[PersonRow]:
    sectors, committees = _names(session, Sector), _names(session, Committee)
    groups, parties, categories = _names(session, LiaisonGroup), _names(session, Party), _names(session, GuestCategory)
    membership_query = select(Membership.person_id, Membership.level, Membership.term, Membership.sector_id,
                              Membership.role, Membership.committee_id, Membership.liaison_group_id,
                              Membership.active)
    person_query = select(Person.id, Person.version, Person.name, Person.gender, Person.ethnicity,
                          Person.birth_year, Person.birth_month, Person.party_id, Person.education,
                          Person.employer_title, Person.mobile, Person.office_phone, Person.email, Person.address,
                          Person.notes, Person.guest_category_id, Person.active, Person.sort_stroke,
                          Person.sort_pinyin, Person.name_initials).order_by(Person.sort_stroke, Person.id)
    if person_ids is not None:
        membership_query = membership_query.where(Membership.person_id.in_(person_ids))
        person_query = person_query.where(Person.id.in_(person_ids))
    by_person = defaultdict(list)
    # Core execution: plain rows without the ORM's per-row bookkeeping (30,000 rows each).
    connection = session.connection()
    for m in connection.execute(membership_query):
        by_person[m[0]].append(_Held(*m))
    rows = []
    empty: list[_Held] = []
    # Tuple unpacking, not attribute access on result rows: this loop runs 30,000 times.
    for (pid, version, name, gender, ethnicity, birth_year, birth_month, party_id, education, employer_title,
         mobile, office_phone, email, address, notes, guest_category_id, active, sort_stroke, sort_pinyin,
         name_initials) in connection.execute(person_query):
        held = by_person.get(pid, empty)
        primary = primary_membership(held)
        levels = sorted({m.level for m in held}, key=_level_rank)
        rows.append(PersonRow(
            id=pid, version=version, name=name, gender=gender or "", ethnicity=ethnicity or "",
            birth_year=birth_year, birth_month=birth_month, birth=format_birth(birth_year, birth_month),
            party=parties.get(party_id, ""), education=education or "", employer_title=employer_title or "",
            mobile=mobile or "", office_phone=office_phone or "", email=email or "", address=address or "",
            notes=notes or "", guest_category=categories.get(guest_category_id, ""), levels="、".join(levels),
            sector=sectors.get(primary.sector_id, "") if primary else "",
            role=primary.role if primary else "",
            committee=committees.get(primary.committee_id, "") if primary else "",
            liaison_group=groups.get(primary.liaison_group_id, "") if primary else "",
            term=(primary.term or "") if primary else "", active=active,
            sort_stroke=sort_stroke or "", sort_pinyin=sort_pinyin or "",
            initials=tuple((name_initials or "").split()),
            haystack=f"{name} {employer_title or ''} {mobile or ''} {office_phone or ''}".lower(),
            level_set=frozenset(levels), sector_ids=frozenset([m.sector_id for m in held if m.sector_id]),
            party_id=party_id, role_set=frozenset([m.role for m in held]),
            committee_ids=frozenset([m.committee_id for m in held if m.committee_id]),
            liaison_ids=frozenset([m.liaison_group_id for m in held if m.liaison_group_id]),
            terms=frozenset([m.term for m in held if m.term]), guest_category_id=guest_category_id,
        ))
    return rows


@dataclass(frozen=True)
class PeopleFilter:
    """What the 委员 screen filters on; None means 全部."""

    text: str = ""
    level: str | None = None
    sector_id: int | None = None
    party_id: int | None = None
    role: str | None = None
    committee_id: int | None = None
    liaison_group_id: int | None = None
    term: str | None = None
    status: str | None = "在任"  # "在任", "离任" or None for both
    kind: str | None = None  # "委员", "嘉宾" or None for both
    guest_category_id: int | None = None

    def words(self) -> list[str]:
        return self.text.lower().split()


def matches(row: PersonRow, f: PeopleFilter, words: list[str] | None = None) -> bool:
    if f.status is not None and row.status != f.status:
        return False
    if (f.kind == "委员" and not row.is_member) or (f.kind == "嘉宾" and row.guest_category_id is None):
        return False
    if f.level is not None and f.level not in row.level_set:
        return False
    if f.sector_id is not None and f.sector_id not in row.sector_ids:
        return False
    if f.party_id is not None and row.party_id != f.party_id:
        return False
    if f.role is not None and f.role not in row.role_set:
        return False
    if f.committee_id is not None and f.committee_id not in row.committee_ids:
        return False
    if f.liaison_group_id is not None and f.liaison_group_id not in row.liaison_ids:
        return False
    if f.term is not None and f.term not in row.terms:
        return False
    if f.guest_category_id is not None and row.guest_category_id != f.guest_category_id:
        return False
    for word in f.words() if words is None else words:
        if word in row.haystack:
            continue
        if word.isascii() and word.isalpha() and any(word in variant for variant in row.initials):
            continue
        return False
    return True


def filter_rows(rows: list[PersonRow], f: PeopleFilter) -> list[int]:
    """Indexes of the rows that pass `f`, in the rows' order."""
    words = f.words()
    return [i for i, row in enumerate(rows) if matches(row, f, words)]
