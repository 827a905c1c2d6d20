"""Finding people without loading the register: what a "choose a person" field needs, one query at a time.

`search_people` answers a search box (name, pinyin initials, unit or phone; every word must match) with
at most `limit` people in CPPCC stroke order and how many matched in all. `person_names` gives the names
a dialog shows for the ids it already holds; `visit_participants` who has joined any research visit.
"""

from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, select

from models.services.people_list import level_rank, names_by_id, primary_membership
from models.tables import FieldVisitParticipant, GuestCategory, Membership, Person, Sector
from models.text import clean_line

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class PersonHit:
    id: int
    name: str
    employer_title: str
    sector: str
    levels: str
    role: str
    mobile: str
    guest_category: str
    active: bool


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[PersonHit, ...]
    total: int  # how many matched; more than len(hits) when the list was cut at the limit

    @property
    def complete(self) -> bool:
        return self.total == len(self.hits)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word_condition(word: str):
    pattern = _like(word)
    # lower() on both sides: SQLite's LIKE ignores the case of Latin letters, PostgreSQL's does not.
    fields = [func.lower(Person.name).like(pattern, escape="\\"),
              func.lower(Person.employer_title).like(pattern, escape="\\"),
              Person.mobile.like(pattern, escape="\\"), Person.office_phone.like(pattern, escape="\\")]
    if word.isascii() and word.isalpha():
        fields.append(func.lower(Person.name_initials).like(pattern, escape="\\"))
    return or_(*fields)


MEMBERS, GUESTS = "委员", "嘉宾"  # `kind`: people holding a membership, people with a guest category


def search_people(session: Session, text: str = "", *, limit: int = SEARCH_LIMIT, active_only: bool = False,
                  kind: str | None = None, guest_category_id: int | None = None) -> SearchResult:
    """`guest_category_id` narrows to one category of guest (特邀, 领导 …), `kind` to members or guests."""
    words = clean_line(text).lower().split()[:8]
    conditions = [_word_condition(word) for word in words]
    if active_only:
        conditions.append(Person.active.is_(True))
    if kind == MEMBERS:
        conditions.append(Person.id.in_(select(Membership.person_id)))
    elif kind == GUESTS:
        conditions.append(Person.guest_category_id.is_not(None))
    if guest_category_id is not None:
        conditions.append(Person.guest_category_id == guest_category_id)
    total = session.exec(select(func.count(Person.id)).where(*conditions)).one()
    rows = session.exec(select(Person.id, Person.name, Person.employer_title, Person.mobile, Person.active,
                               Person.guest_category_id)
                        .where(*conditions).order_by(Person.sort_stroke, Person.id).limit(limit)).all()
    held: dict[int, list] = {}
    for membership in session.exec(select(Membership.person_id, Membership.level, Membership.sector_id,
                                          Membership.role, Membership.active)
                                   .where(Membership.person_id.in_([row.id for row in rows]))):
        held.setdefault(membership.person_id, []).append(membership)
    sectors, categories = names_by_id(session, Sector), names_by_id(session, GuestCategory)
    hits = []
    for row in rows:
        memberships = held.get(row.id, [])
        primary = primary_membership(memberships)
        levels = "、".join(sorted({m.level for m in memberships}, key=level_rank))
        hits.append(PersonHit(row.id, row.name, row.employer_title or "",
                              sectors.get(primary.sector_id, "") if primary else "", levels,
                              primary.role if primary else "", row.mobile or "",
                              categories.get(row.guest_category_id, ""), row.active))
    return SearchResult(tuple(hits), total)


def person_names(session: Session, person_ids) -> dict[int, tuple[str, str]]:
    """{id: (name, 单位及职务)} for the given people."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    rows = session.exec(select(Person.id, Person.name, Person.employer_title).where(Person.id.in_(ids))).all()
    return {pid: (name, unit or "") for pid, name, unit in rows}


def visit_participants(session: Session) -> list[tuple[int, str]]:
    """(id, name) of everyone who joined at least one research visit, in stroke order."""
    joined = select(FieldVisitParticipant.person_id).distinct()
    return [(pid, name) for pid, name in session.exec(
        select(Person.id, Person.name).where(Person.id.in_(joined)).order_by(Person.sort_stroke, Person.id))]


__all__ = ["GUESTS", "MEMBERS", "SEARCH_LIMIT", "PersonHit", "SearchResult", "person_names", "search_people",
           "visit_participants"]
