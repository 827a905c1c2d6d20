"""The register as one list: a row per person with memberships summarised, loaded in two queries,
then filtered and searched in memory (no query per keystroke).

A row is a tuple (PersonRow): 30,000 of them are the 委员 page's memory. What many people share — a gender,
an education, a summary of memberships and its sets of ids — is one object for all of them, and what can be
worked out from the row (出生年月, the initials as a tuple) is worked out when asked, not stored."""

import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
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


class Held(NamedTuple):
    """Every value a person's memberships hold, as small tuples (a frozenset costs 216 bytes even when it
    holds one id); what a filter on one of them tests with `in`. `each` keeps them together per membership,
    in the same order (level, 界别, 身份, 专委会, 联络组, 届次), for filters on several: "区 + 常委" must
    find both in one membership, not 区 in one and 常委 in another. Shared by everyone holding the same."""

    levels: tuple[str, ...]
    sector_ids: tuple[int, ...]
    roles: tuple[str, ...]
    committee_ids: tuple[int, ...]
    liaison_ids: tuple[int, ...]
    terms: tuple[str, ...]
    each: tuple[tuple, ...]


class PersonRow(NamedTuple):
    """One row of the register as read; nobody changes a row, a reload replaces it."""

    id: int
    version: int
    name: str
    gender: str
    ethnicity: str
    birth_year: int | None
    birth_month: int | None
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
    start_date: date | None  # 任职起始日期 of the primary membership
    active: bool
    sort_stroke: str
    sort_pinyin: str
    name_initials: str  # space-separated variants, e.g. "zw zhw"
    haystack: str  # lower-case name, unit and phones, for the search box
    held: Held
    party_id: int | None
    guest_category_id: int | None

    @property
    def birth(self) -> str:
        return format_birth(self.birth_year, self.birth_month)

    @property
    def initials(self) -> tuple[str, ...]:
        return tuple(self.name_initials.split())

    @property
    def level_set(self) -> tuple[str, ...]:
        return self.held.levels

    @property
    def sector_ids(self) -> tuple[int, ...]:
        return self.held.sector_ids

    @property
    def role_set(self) -> tuple[str, ...]:
        return self.held.roles

    @property
    def committee_ids(self) -> tuple[int, ...]:
        return self.held.committee_ids

    @property
    def liaison_ids(self) -> tuple[int, ...]:
        return self.held.liaison_ids

    @property
    def terms(self) -> tuple[str, ...]:
        return self.held.terms

    @property
    def status(self) -> str:
        return "在任" if self.active else "离任"

    @property
    def is_member(self) -> bool:
        return bool(self.held.levels)


HELD = PersonRow._fields.index("held")
EACH = Held._fields.index("each")
ACTIVE = PersonRow._fields.index("active")
NO_MEMBERSHIP = ("", "", "", "", "", "", None, Held((), (), (), (), (), (), ()))


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
    start_date: date | None


def level_rank(level: str) -> int:
    """区 before 市 before 全国 (anything else last)."""
    return LEVEL_ORDER.get(level, 9)


def names_by_id(session: Session, table) -> dict[int, str]:
    return dict(session.exec(select(table.id, table.name)).all())


def terms_of(rows: list[PersonRow]) -> list[str]:
    """Every term anyone holds, sorted: over the shared summaries, not once per person."""
    return sorted({term for held in {id(row.held): row.held for row in rows}.values() for term in held.terms})


def load_people(session: Session, person_ids: list[int] | None = None) -> list[PersonRow]:
    """Every person (or those given) as PersonRow, in CPPCC stroke order."""
    with gc_paused():  # building 30,000 rows: the cyclic GC would run dozens of times for nothing
        return _load_people(session, person_ids)


def _summary(held: list[_Held], sectors: dict, committees: dict, groups: dict, tuples: dict) -> tuple:
    """What a row shows of a person's memberships: the primary one's facts, and every value held (each
    distinct tuple of values made once: thousands of summaries hold the same few)."""
    primary = primary_membership(held)
    levels = tuple(sorted({m.level for m in held}, key=level_rank))

    def once(values: tuple) -> tuple:
        return tuples.setdefault(values, values)

    def shared(values) -> tuple:
        """The one tuple of these values (each once, in the order held); a Held passes as it is."""
        values = values if isinstance(values, Held) else tuple(dict.fromkeys(values))
        return tuples.setdefault(values, values)

    return (sys.intern("、".join(levels)), sectors.get(primary.sector_id, ""), sys.intern(primary.role or ""),
            committees.get(primary.committee_id, ""), groups.get(primary.liaison_group_id, ""),
            sys.intern(primary.term or ""), primary.start_date,
            shared(Held(tuples.setdefault(levels, levels), shared(m.sector_id for m in held if m.sector_id),
                        shared(m.role for m in held), shared(m.committee_id for m in held if m.committee_id),
                        shared(m.liaison_group_id for m in held if m.liaison_group_id),
                        shared(m.term for m in held if m.term),
                        shared(once((m.level, m.sector_id, m.role, m.committee_id, m.liaison_group_id, m.term))
                               for m in held))))


def _load_people(session: Session, person_ids: list[int] | None) -> list[PersonRow]:
    sectors, committees, groups, parties, categories = (
        names_by_id(session, table) for table in (Sector, Committee, LiaisonGroup, Party, GuestCategory))
    membership_query = select(Membership.person_id, Membership.level, Membership.term, Membership.sector_id,
                              Membership.role, Membership.committee_id, Membership.liaison_group_id,
                              Membership.active, Membership.start_date)
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
    # People who hold the same memberships share one summary (and its tuples): thousands, not 30,000.
    shared: dict[tuple, tuple] = {}
    tuples: dict[tuple, tuple] = {}
    summaries = {}
    for pid, held in by_person.items():
        key = tuple(m[1:] for m in held)
        summary = shared.get(key)
        if summary is None:
            summary = shared[key] = _summary(held, sectors, committees, groups, tuples)
        summaries[pid] = summary
    rows = []
    append, new, intern = rows.append, tuple.__new__, sys.intern
    # Positional arguments and tuple unpacking: this loop runs 30,000 times. A few values repeat on nearly
    # every row (性别, 民族, 学历): interned, each is one string, not 30,000 copies.
    for (pid, version, name, gender, ethnicity, birth_year, birth_month, party_id, education, employer_title,
         mobile, office_phone, email, address, notes, guest_category_id, active, sort_stroke, sort_pinyin,
         name_initials) in connection.execute(person_query).all():
        levels, sector, role, committee, liaison_group, term, start_date, held = summaries.get(pid, NO_MEMBERSHIP)
        employer_title, mobile, office_phone = employer_title or "", mobile or "", office_phone or ""
        append(new(PersonRow, (
            pid, version, name, intern(gender or ""), intern(ethnicity or ""), birth_year, birth_month,
            parties.get(party_id, ""), intern(education or ""), employer_title, mobile, office_phone, email or "",
            address or "", notes or "", categories.get(guest_category_id, ""), levels, sector, role, committee,
            liaison_group, term, start_date, active, sort_stroke or "", sort_pinyin or "", name_initials or "",
            f"{name} {employer_title} {mobile} {office_phone}".lower(), held, party_id, guest_category_id)))
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
        checks.append(lambda row: row[ACTIVE] is active)
    if f.kind == "委员":
        checks.append(lambda row: bool(row[HELD][0]))
    elif f.kind == "嘉宾":
        checks.append(lambda row: row.guest_category_id is not None)
    # Held's fields by position, and each membership's: level, 界别, 身份, 专委会, 联络组, 届次
    wanted = tuple((position, value) for value, position in (
        (f.level, 0), (f.sector_id, 1), (f.role, 2), (f.committee_id, 3), (f.liaison_group_id, 4), (f.term, 5))
        if value is not None)
    if len(wanted) == 1:
        (position, value), = wanted
        checks.append(lambda row: value in row[HELD][position])
    elif wanted:
        # all of them in ONE membership; each person holds a few, so this is a short loop
        checks.append(lambda row: any(all(m[p] == v for p, v in wanted) for m in row[HELD][EACH]))
    if f.party_id is not None:
        checks.append(lambda row, party=f.party_id: row.party_id == party)
    if f.guest_category_id is not None:
        checks.append(lambda row, category=f.guest_category_id: row.guest_category_id == category)
    for word in f.words() if words is None else words:
        if word.isascii() and word.isalpha():
            # a word has no spaces, so it is in one of the space-separated initials exactly when in them all
            checks.append(lambda row, word=word: word in row.haystack or word in row.name_initials)
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
