"""Saving many people at once (imports): the rules of save_person, written with a few executemany statements.

save_person goes through the ORM, two statements a person: fine for a form, 20,000 statements for a
10,000-row roster. Here every row is checked by the same clean_person and the same version rule, the sort
keys are computed once per distinct name, and people, memberships and their audit entries are written in
batches. These statements bypass the flush, so the audit entries and the change log are written here, as
the flush listeners would have written them. All in the caller's transaction: all or nothing.
"""

from collections.abc import Callable

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from models.audit import added_entry, changed_entry, current_operator
from models.changes import Area, change_log, writes
from models.clock import now
from models.errors import NotFoundError
from models.numbering import allocate_ids
from models.services.bulk_insert import insert_rows
from models.services.people import (
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    MembershipData,
    PersonData,
    changed_meanwhile,
    clean_person,
)
from models.services.sort_keys import SORT_KEY_COLUMNS, sort_key_values
from models.tables import AuditEntry, Membership, Person

BATCH = 500  # rows per statement batch: also how often progress is reported
PEOPLE, MEMBERSHIPS, AUDIT = Person.__table__, Membership.__table__, AuditEntry.__table__


def _person_values(data: PersonData) -> dict:
    return {name: getattr(data, name) for name in PERSON_FIELDS}


def _membership_values(m: MembershipData, person_id: int) -> dict:
    return {"person_id": person_id, **{name: getattr(m, name) for name in MEMBERSHIP_FIELDS}}


def _check_versions(session: Session, people: list[PersonData]) -> None:
    """Every person to update still exists with the version that was read (save_person's rule)."""
    wanted = {data.id: data for data in people}
    found = {}
    ids = list(wanted)
    for start in range(0, len(ids), BATCH):
        query = select(PEOPLE.c.id, PEOPLE.c.version).where(PEOPLE.c.id.in_(ids[start:start + BATCH]))
        found.update(session.connection().execute(query).all())
    for person_id, data in wanted.items():
        if person_id not in found:
            raise NotFoundError(f"人员“{data.name}”已不存在（可能已被他人删除）。")
        if data.version is not None and found[person_id] != data.version:
            raise changed_meanwhile(data.name)


class _Batch:
    """One batch of rows: the statements' parameters and the audit entries, gathered then written."""

    def __init__(self, session: Session, at, operator: str, keys: dict[str, dict]):
        self.session, self.at, self.operator, self.keys = session, at, operator, keys
        self.audit: list[dict] = []
        self.people_changed: set[int] = set()
        self.memberships_of: set[int] = set()

    def write(self, items: list[tuple[PersonData, PersonData | None]]) -> None:
        new = [data for data, original in items if original is None]
        for data, person_id in zip(new, self._insert_people(new), strict=True):
            data.id = person_id
        added, changed, updated = [], [], []
        for data, original in items:
            before = {m.id: m for m in original.memberships} if original else {}
            mine = len(added) + len(changed)
            for m in data.memberships:
                if m.id is None:
                    added.append(_membership_values(m, data.id))
                elif _membership_values(m, data.id) != _membership_values(before[m.id], data.id):
                    changed.append((m, before[m.id], data.id))
            # A membership change is a change of the person too: its version moves on (as in save_person).
            if original is not None and (len(added) + len(changed) > mine
                                         or _person_values(data) != _person_values(original)):
                updated.append((data, original))
        self._update_people(updated)
        self._insert_memberships(added)
        self._update_memberships(changed)
        insert_rows(self.session.connection(), AUDIT, self.audit)
        log = change_log(self.session)
        for table, anchors in (("person", self.people_changed), ("membership", self.memberships_of)):
            if anchors:  # an empty set would read as "unknown rows changed"
                log.wrote(table, anchors)

    def _insert(self, table, rows: list[dict]) -> list[int]:
        """Insert with ids allocated first (models/numbering.py: none another PC's save can take), so one
        executemany suffices: RETURNING in a stated order makes SQLAlchemy send a statement per row."""
        ids = allocate_ids(self.session, table, len(rows))
        insert_rows(self.session.connection(), table, [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)])
        return ids

    def _insert_people(self, people: list[PersonData]) -> list[int]:
        if not people:
            return []
        rows = [{**_person_values(data), **self.keys[data.name], "created_at": self.at, "updated_at": self.at,
                 "version": 1} for data in people]
        ids = self._insert(PEOPLE, rows)
        for row, person_id in zip(rows, ids, strict=True):
            self.audit.append(added_entry("person", person_id, row, self.at, self.operator))
        self.people_changed.update(ids)
        return ids

    def _update_people(self, updated: list[tuple[PersonData, PersonData]]) -> None:
        """One UPDATE per person, executed as one batch; each checks the version read (none may be stale)."""
        if not updated:
            return
        names = [*PERSON_FIELDS, *SORT_KEY_COLUMNS]
        params = [{"b_id": data.id, "b_version": data.version,
                   **{f"b_{name}": value for name, value in {**_person_values(data), **self.keys[data.name]}.items()}}
                  for data, _original in updated]
        columns = {name: bindparam(f"b_{name}") for name in names}
        statement = (update(PEOPLE).where(PEOPLE.c.id == bindparam("b_id"), PEOPLE.c.version == bindparam("b_version"))
                     .values(version=PEOPLE.c.version + 1, updated_at=self.at, **columns))
        if self.session.connection().execute(statement, params).rowcount != len(params):
            raise changed_meanwhile("、".join(data.name for data, _original in updated[:3]))
        for data, original in updated:
            entry = changed_entry("person", data.id, _person_values(original), _person_values(data), self.at,
                                  self.operator)
            if entry:
                self.audit.append(entry)
            self.people_changed.add(data.id)

    def _insert_memberships(self, rows: list[dict]) -> None:
        if not rows:
            return
        rows = [{**row, "created_at": self.at, "updated_at": self.at, "version": 1} for row in rows]
        ids = self._insert(MEMBERSHIPS, rows)
        for row, membership_id in zip(rows, ids, strict=True):
            self.audit.append(added_entry("membership", membership_id, row, self.at, self.operator))
            self.memberships_of.add(row["person_id"])

    def _update_memberships(self, changed: list[tuple[MembershipData, MembershipData, int]]) -> None:
        if not changed:
            return
        params = [{"b_id": m.id, **{f"b_{name}": getattr(m, name) for name in MEMBERSHIP_FIELDS}}
                  for m, _old, _person in changed]
        statement = (update(MEMBERSHIPS).where(MEMBERSHIPS.c.id == bindparam("b_id"))
                     .values(version=MEMBERSHIPS.c.version + 1, updated_at=self.at,
                             **{name: bindparam(f"b_{name}") for name in MEMBERSHIP_FIELDS}))
        self.session.connection().execute(statement, params)
        for m, old, person_id in changed:
            entry = changed_entry("membership", m.id, _membership_values(old, person_id),
                                  _membership_values(m, person_id), self.at, self.operator)
            if entry:
                self.audit.append(entry)
            self.memberships_of.add(person_id)


@writes(Area.PEOPLE, Area.MEMBERSHIPS)
def save_people(session: Session, items: list[tuple[PersonData, PersonData | None]],
                progress: Callable[[int, int], None] | None = None, *, checked: bool = False) -> list[int]:
    """Create (original None) or update (data carries id and the version read; original is the record as read
    then) every person, with memberships. Memberships are added or changed, never removed. Returns the ids.
    `checked`: every data is clean_person's result already (the import's preview made it), not checked again."""
    if not checked:  # every rule first: nothing half-written
        items = [(clean_person(data), original) for data, original in items]
    _check_versions(session, [data for data, original in items if original is not None])
    keys = {name: sort_key_values(name) for name in {data.name for data, _original in items}}
    session.flush()  # whatever the ORM holds goes first, in order
    at, operator = now(), current_operator(session)
    for start in range(0, len(items), BATCH):
        _Batch(session, at, operator, keys).write(items[start:start + BATCH])
        if progress:
            progress(min(start + BATCH, len(items)), len(items))
    return [data.id for data, _original in items]
