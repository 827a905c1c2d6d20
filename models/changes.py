"""What a command changes: the change areas writing services declare, and what a finished command reports.

A writing service says which areas it changes with a decorator::

    @writes(Area.ATTENDANCE)
    def check_in(session, attendance_id): ...

Calling it records the areas on the session; every flush also records which rows were touched
(`record_flush`, hooked on the session factory in db.py). When the unit of work commits,
`change_log(session).changes()` says what happened: the areas (declared and flushed) and, per area,
the ids of the records a screen would reload (the anchors below: for attendance, the meetings whose
lists changed). Screens compare these with the areas they show; nothing here knows about Qt.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from typing import Any


class Area(StrEnum):
    PEOPLE = "people"  # the register
    GROUPS = "groups"  # saved invitee groups (常用名单)
    MEMBERSHIPS = "memberships"  # 委员身份
    ORGANIZATIONS = "organizations"  # units and departments
    MEETINGS = "meetings"  # a meeting's own fields, status, minutes, notice text
    ATTENDANCE = "attendance"  # invitees, replies, roles, seats, sign-in
    AGENDA = "agenda"
    TOPICS = "topics"  # topics, their history and scores
    PLAN = "plan"  # the annual consultation plan
    VISITS = "visits"  # field research, participants, units, attachments
    RECOMMENDATIONS = "recommendations"  # recommendations, aspects, proposers, status history
    BULLETINS = "bulletins"  # 专报 and 批示
    LOOKUPS = "lookups"  # 界别, 党派, 专委会 … and the scoring criteria
    SETTINGS = "settings"  # office settings stored in the database


# Every table and the area it belongs to, with the column that names the record a screen reloads
# (its "anchor"): a check-in touches an attendance row and is reported as ATTENDANCE of its meeting.
# No anchor (None) where the ids would not be the area's kind of record: the area's ids become unknown.
TABLE_AREAS: dict[str, tuple[Area, str | None]] = {
    "person": (Area.PEOPLE, "id"),
    "person_group": (Area.GROUPS, "id"),
    "person_group_member": (Area.GROUPS, "group_id"),
    "membership": (Area.MEMBERSHIPS, "person_id"),
    "organization": (Area.ORGANIZATIONS, "id"),
    "meeting": (Area.MEETINGS, "id"),
    "attendance": (Area.ATTENDANCE, "meeting_id"),
    "agenda_item": (Area.AGENDA, "meeting_id"),
    "seat_plan": (Area.ATTENDANCE, "meeting_id"),
    "topic": (Area.TOPICS, "id"),
    "topic_status_change": (Area.TOPICS, "topic_id"),
    "topic_score": (Area.TOPICS, "topic_id"),
    "plan_item": (Area.PLAN, "id"),
    "field_visit": (Area.VISITS, "id"),
    "field_visit_participant": (Area.VISITS, "visit_id"),
    "field_visit_organization": (Area.VISITS, "visit_id"),
    "attachment": (Area.VISITS, "field_visit_id"),
    "aspect": (Area.RECOMMENDATIONS, None),
    "recommendation": (Area.RECOMMENDATIONS, "id"),
    "recommendation_proposer": (Area.RECOMMENDATIONS, "recommendation_id"),
    "recommendation_status_change": (Area.RECOMMENDATIONS, "recommendation_id"),
    "bulletin": (Area.BULLETINS, "id"),
    "bulletin_item": (Area.BULLETINS, "bulletin_id"),
    "instruction": (Area.BULLETINS, None),
    "sector": (Area.LOOKUPS, "id"),
    "party": (Area.LOOKUPS, "id"),
    "committee": (Area.LOOKUPS, "id"),
    "liaison_group": (Area.LOOKUPS, "id"),
    "meeting_format": (Area.LOOKUPS, "id"),
    "guest_category": (Area.LOOKUPS, "id"),
    "topic_criterion": (Area.LOOKUPS, "id"),
    "app_setting": (Area.SETTINGS, "id"),
}
UNTRACKED_TABLES = frozenset({"audit_entry", "alembic_version"})  # bookkeeping no screen shows

ALL_AREAS = frozenset(Area)


@dataclass(frozen=True)
class Changes:
    """What one finished command changed. `ids[area]` are the anchors touched (see TABLE_AREAS);
    an area without ids means "something in it, which is not known". `initiator` is whoever asked
    (a screen), so it can tell its own changes from others'. `everything`: another database was opened.
    Changes.elsewhere(): another client changed this database, what is not known (every area, no ids)."""

    areas: frozenset[Area] = frozenset()
    ids: Mapping[Area, frozenset[int]] = field(default_factory=dict)
    initiator: Any = None
    everything: bool = False

    @classmethod
    def all(cls, initiator: Any = None) -> "Changes":
        return cls(ALL_AREAS, {}, initiator, everything=True)

    @classmethod
    def elsewhere(cls) -> "Changes":
        """Something changed in any area, written by another client (models/live.py): screens reload what
        they show, but the same database is still open (windows stay, unlike everything)."""
        return cls(ALL_AREAS, {}, None)

    def touches(self, areas: Iterable[Area]) -> bool:
        return self.everything or not self.areas.isdisjoint(areas)

    def ids_of(self, area: Area) -> frozenset[int]:
        """The anchors touched in `area`; empty when unknown or untouched."""
        return self.ids.get(area, frozenset())

    def touches_record(self, area: Area, record_id: int | None) -> bool:
        """Whether record `record_id` of `area` may have changed (unknown ids count as yes)."""
        if self.everything:
            return True
        if area not in self.areas:
            return False
        ids = self.ids.get(area)
        return not ids or record_id in ids

    def __bool__(self) -> bool:
        return self.everything or bool(self.areas)


class ChangeLog:
    """Collects, for one session, the areas its services declared and the rows its flushes touched."""

    KEY = "consultdesk.changes"

    def __init__(self):
        self.declared: set[Area] = set()
        self.tables: set[str] = set()
        self.anchors: dict[Area, set[int]] = {}
        self.unknown: set[Area] = set()  # a touched row whose anchor could not be read

    def flushed(self, obj) -> None:
        table = getattr(obj, "__tablename__", None)
        if table is None or table in UNTRACKED_TABLES:
            return
        self.tables.add(table)
        area, column = TABLE_AREAS.get(table, (None, None))
        if area is None:
            return
        anchor = getattr(obj, column, None) if column else None
        if isinstance(anchor, int):
            self.anchors.setdefault(area, set()).add(anchor)
        else:
            self.unknown.add(area)

    def wrote(self, table: str, anchors) -> None:
        """Rows written without the ORM's flush (bulk statements), with their anchors (see TABLE_AREAS)."""
        self.tables.add(table)
        area = TABLE_AREAS[table][0]
        self.anchors.setdefault(area, set()).update(anchors)

    @property
    def flushed_areas(self) -> set[Area]:
        return {TABLE_AREAS[table][0] for table in self.tables if table in TABLE_AREAS}

    def undeclared(self) -> set[str]:
        """Tables written without any service declaring their area (a missing @writes)."""
        return {table for table in self.tables
                if table not in TABLE_AREAS or TABLE_AREAS[table][0] not in self.declared}

    def changes(self, initiator: Any = None) -> Changes:
        areas = frozenset(self.declared | self.flushed_areas)
        ids = {area: frozenset(found) for area, found in self.anchors.items()
               if area in areas and area not in self.unknown}
        return Changes(areas, ids, initiator)


def change_log(session) -> ChangeLog:
    log = session.info.get(ChangeLog.KEY)
    if log is None:
        log = session.info[ChangeLog.KEY] = ChangeLog()
    return log


def record_flush(session, _flush_context) -> None:
    """after_flush listener: remember the rows this flush added, changed or deleted."""
    log = change_log(session)
    for obj in session.new:
        log.flushed(obj)
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            log.flushed(obj)
    for obj in session.deleted:
        log.flushed(obj)


def writes(*areas: Area) -> Callable:
    """Declare the areas a service (session first) changes; calling it records them on the session."""
    declared = frozenset(Area(area) for area in areas)

    def mark(service: Callable) -> Callable:
        @wraps(service)
        def recorded(session, *args, **kwargs):
            change_log(session).declared.update(declared)
            return service(session, *args, **kwargs)

        recorded.writes = declared
        return recorded

    return mark


__all__ = ["ALL_AREAS", "TABLE_AREAS", "Area", "ChangeLog", "Changes", "change_log",
           "record_flush", "writes"]
