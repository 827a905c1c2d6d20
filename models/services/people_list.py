"""The register as one list: a row per person with memberships summarised, loaded in two queries,
then filtered and searched in memory (no query per keystroke)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlmodel import Session, select

from models.services.gc_pause import gc_paused
from models.services.person_rules import format_birth
from models.tables import Committee, GuestCategory, LiaisonGroup, Membership, Party, Person, Sector
from models.vocab import Level

LEVEL_ORDER = {Level.DISTRICT: 0, Level.MUNICIPAL: 1, Level.NATIONAL: 2}


def primary_membership(memberships):
    """The membership a register row shows: an active one before a past one, 区 before 市 before 全国."""
    return min(memberships, key=lambda m: (not m.active, LEVEL_ORDER.get(m.level, 9)), default=None)


@dataclass(slots=True, eq=False)
class PersonRow:
    """One row of the register as read (not frozen: 30,000 frozen rows take four times as long to build;
    nobody changes a row, a reload replaces it)."""

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


def level_rank(level: str) -> int:
    """区 before 市 before 全国 (anything else last)."""
    return LEVEL_ORDER.get(level, 9)


def names_by_id(session: Session, table) -> dict[int, str]:
    return dict(session.exec(select(table.id, table.name)).all())


def load_people(session: Session, person_ids: list[int] | None = None) -> list[PersonRow]:
    """Every person (or those given) as PersonRow, in CPPCC stroke order."""
    with gc_paused():  # building 30,000 rows: the cyclic GC would run dozens of times for nothing
        return _load_people(session, person_ids)


def _summary(held: list[_Held], sectors: dict, committees: dict, groups: dict) -> tuple:
    """What a row shows of a person's memberships: the primary one's facts, and every value held."""
    primary = primary_membership(held)
    levels = sorted({m.level for m in held}, key=level_rank)
    return ("、".join(levels), sectors.get(primary.sector_id, ""), primary.role,
            committees.get(primary.committee_id, ""), groups.get(primary.liaison_group_id, ""), primary.term or "",
            frozenset(levels), frozenset([m.sector_id for m in held if m.sector_id]), frozenset([m.role for m in held]),
            frozenset([m.committee_id for m in held if m.committee_id]),
            frozenset([m.liaison_group_id for m in held if m.liaison_group_id]),
            frozenset([m.term for m in held if m.term]))


def _load_people(session: Session, person_ids: list[int] | None) -> list[PersonRow]:
    sectors, committees, groups, parties, categories = (
        names_by_id(session, table) for table in (Sector, Committee, LiaisonGroup, Party, GuestCategory))
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
    for m in connection.execute(membership_query).all():  # one fetch, not a call per row
        by_person[m[0]].append(_Held(*m))
    rows = []
    append = rows.append
    nothing = frozenset()
    no_membership = ("", "", "", "", "", "", nothing, nothing, nothing, nothing, nothing, nothing)
    # People who hold the same memberships share one summary (and its sets): thousands, not 30,000.
    shared: dict[tuple, tuple] = {}
    summaries = {}
    for pid, held in by_person.items():
        key = tuple(m[1:] for m in held)
        summary = shared.get(key)
        if summary is None:
            summary = shared[key] = _summary(held, sectors, committees, groups)
        summaries[pid] = summary
    # Positional arguments and tuple unpacking: this loop runs 30,000 times.
    for (pid, version, name, gender, ethnicity, birth_year, birth_month, party_id, education, employer_title,
         mobile, office_phone, email, address, notes, guest_category_id, active, sort_stroke, sort_pinyin,
         name_initials) in connection.execute(person_query).all():
        (levels, sector, role, committee, liaison_group, term, level_set, sector_ids, role_set, committee_ids,
         liaison_ids, terms) = summaries.get(pid, no_membership)
        employer_title, mobile, office_phone = employer_title or "", mobile or "", office_phone or ""
        append(PersonRow(
            pid, version, name, gender or "", ethnicity or "", birth_year, birth_month,
            format_birth(birth_year, birth_month), parties.get(party_id, ""), education or "", employer_title,
            mobile, office_phone, email or "", address or "", notes or "", categories.get(guest_category_id, ""),
            levels, sector, role, committee, liaison_group, term, active, sort_stroke or "", sort_pinyin or "",
            tuple((name_initials or "").split()), f"{name} {employer_title} {mobile} {office_phone}".lower(),
            level_set, sector_ids, party_id, role_set, committee_ids, liaison_ids, terms, guest_category_id))
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


def predicate(f: PeopleFilter, words: list[str] | None = None):
    """The filter as one function testing only what is set: a keystroke runs it 30,000 times."""
    checks = []
    if f.status is not None:
        active = f.status == "在任"
        checks.append(lambda row: row.active is active)
    if f.kind == "委员":
        checks.append(lambda row: bool(row.level_set))
    elif f.kind == "嘉宾":
        checks.append(lambda row: row.guest_category_id is not None)
    for value, attribute in ((f.level, "level_set"), (f.sector_id, "sector_ids"), (f.role, "role_set"),
                             (f.committee_id, "committee_ids"), (f.liaison_group_id, "liaison_ids"), (f.term, "terms")):
        if value is not None:
            checks.append(lambda row, value=value, attribute=attribute: value in getattr(row, attribute))
    if f.party_id is not None:
        checks.append(lambda row, party=f.party_id: row.party_id == party)
    if f.guest_category_id is not None:
        checks.append(lambda row, category=f.guest_category_id: row.guest_category_id == category)
    for word in f.words() if words is None else words:
        if word.isascii() and word.isalpha():
            checks.append(lambda row, word=word: word in row.haystack or any(word in v for v in row.initials))
        else:
            checks.append(lambda row, word=word: word in row.haystack)
    if not checks:
        return lambda row: True
    if len(checks) == 1:
        return checks[0]
    return lambda row: all(check(row) for check in checks)


def filter_rows(rows: list[PersonRow], f: PeopleFilter) -> list[int]:
    """Indexes of the rows that pass `f`, in the rows' order."""
    keep = predicate(f)
    return [i for i, row in enumerate(rows) if keep(row)]
