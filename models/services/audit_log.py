"""操作日志 read back: the entries of audit_entry filtered and paged, in Chinese, for the 操作日志 screen
and for one record's 修改记录. Read-only (run through run_query).

Newest first, a page at a time: a page is the next `limit` entries after the last one shown (keyset on
(at, id), served by the indexes on at, (entity, at) and (operator, at)), so 100,000 entries open as fast as
100. Each page is put into words here (labels, values, titles of linked records) with one query per kind
of record on the page, so the screen only shows text.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import and_, false, func, or_, select
from sqlmodel import Session

from models.audit_labels import (
    DELETED,
    NOT_LOGGED,
    TABLES,
    TITLES,
    field_spec,
    format_as,
    own_title_column,
    setting_title,
    table_label,
)
from models.services.people_search import _like
from models.tables import AuditEntry, metadata
from models.text import clean_line

PAGE_SIZE = 200
SUMMARY_FIELDS = 4  # the 改动摘要 column names this many fields, then "等 N 项"
_NAME_MATCHES = 500  # a search also finds entries of up to this many records whose name matches

# The rows a user thinks of as part of a record: a person's 职务, a meeting's agenda, invitees and files, …
# (table, column pointing at the record). A person's attendances belong to the meetings' histories.
DEPENDENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("membership", "person_id"),),
    "meeting": (("agenda_item", "meeting_id"), ("attendance", "meeting_id"), ("seat_plan", "meeting_id"),
                ("attachment", "meeting_id")),
    "topic": (("topic_status_change", "topic_id"), ("topic_score", "topic_id")),
    "field_visit": (("field_visit_participant", "visit_id"), ("field_visit_organization", "visit_id"),
                    ("attachment", "field_visit_id")),
    "recommendation": (("recommendation_proposer", "recommendation_id"),
                       ("recommendation_status_change", "recommendation_id")),
    "bulletin": (("bulletin_item", "bulletin_id"), ("instruction", "bulletin_id")),
    "person_group": (("person_group_member", "group_id"),),
}


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    operator: str | None = None
    entity: str | None = None  # a table name
    text: str = ""
    # one record's history: {table: ids} (the record and its dependent rows); None: every record
    records: dict[str, frozenset[int]] | None = None


class FieldChange(NamedTuple):  # named tuples: a page builds thousands of these
    label: str
    old: str | None  # None for 新增 (only the value)
    new: str

    @property
    def line(self) -> str:
        return f"{self.label}：{self.new}" if self.old is None else f"{self.label}：{self.old} → {self.new}"


class AuditRow(NamedTuple):
    id: int
    at: datetime
    operator: str
    action: str
    entity: str
    entity_id: int | None
    kind: str  # the table's Chinese name
    title: str  # the record's name
    summary: str
    changes: dict  # as stored: {field: [old, new]}, {field: value} for 新增
    names: dict  # titles of the records the page's values point at, {(table, id): title}

    @property
    def fields(self) -> tuple[FieldChange, ...]:
        """Each changed field in words: put together when shown (a page of 200 shows one at a time)."""
        if self.action == "删除":
            return ()
        fields, edit = [], self.action == "修改"
        for key, value in self.changes.items():
            if key in NOT_LOGGED:
                continue
            label, kind, target = field_spec(self.entity, key)
            if edit and isinstance(value, list) and len(value) == 2:
                fields.append(FieldChange(label, format_as(kind, target, value[0], self.names),
                                          format_as(kind, target, value[1], self.names)))
            else:
                fields.append(FieldChange(label, None, format_as(kind, target, value, self.names)))
        return tuple(fields)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    more: bool  # further (older) entries match

    @property
    def last(self) -> tuple[datetime, int] | None:
        return (self.rows[-1].at, self.rows[-1].id) if self.rows else None


@dataclass(frozen=True)
class FilterChoices:
    operators: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]  # (table, Chinese name), in the labels' order


# -- which entries ------------------------------------------------------------------------------------
def _table(name: str):
    return metadata.tables.get(name)


def _named_ids(session: Session, text: str) -> list:
    """(table, ids) of records whose own name or title contains the text: a search for 张三 finds the
    edits of 张三's phone number too, whose entry does not spell his name."""
    conditions = []
    for table_name in TITLES:
        column_name, table = own_title_column(table_name), _table(table_name)
        if column_name is None or table is None:
            continue
        ids = session.execute(select(table.c.id).where(
            func.lower(table.c[column_name]).like(_like(text.lower()), escape="\\"))
            .order_by(table.c.id).limit(_NAME_MATCHES)).scalars().all()
        if ids:
            conditions.append(and_(AuditEntry.entity == table_name, AuditEntry.entity_id.in_(ids)))
    return conditions


def _conditions(session: Session, flt: AuditFilter) -> list:
    entry = AuditEntry
    where = []
    if flt.date_from is not None:
        where.append(entry.at >= datetime.combine(flt.date_from, time.min))
    if flt.date_to is not None:
        where.append(entry.at < datetime.combine(flt.date_to + timedelta(days=1), time.min))
    if flt.operator:
        where.append(entry.operator == flt.operator)
    if flt.entity:
        where.append(entry.entity == flt.entity)
    if flt.records is not None:
        where.append(or_(*[and_(entry.entity == table, entry.entity_id.in_(sorted(ids)))
                           for table, ids in flt.records.items() if ids] or [false()]))
    text = clean_line(flt.text or "").strip()
    if text:
        pattern = _like(text.lower())
        where.append(or_(func.lower(entry.changes).like(pattern, escape="\\"),
                         func.lower(entry.operator).like(pattern, escape="\\"),
                         *_named_ids(session, text)))
    return where


def entries_select(session: Session, flt: AuditFilter, *, after: tuple[datetime, int] | None = None,
                   limit: int = PAGE_SIZE):
    """The SELECT of one page (also what the benchmark runs directly)."""
    entry = AuditEntry
    where = _conditions(session, flt)
    if after is not None:
        at, row_id = after
        where.append(or_(entry.at < at, and_(entry.at == at, entry.id < row_id)))
    return (select(entry.id, entry.at, entry.operator, entry.action, entry.entity, entry.entity_id, entry.changes)
            .where(*where).order_by(entry.at.desc(), entry.id.desc()).limit(limit))


def list_entries(session: Session, flt: AuditFilter = AuditFilter(), *, after: tuple[datetime, int] | None = None,
                 limit: int | None = None) -> AuditPage:
    """One page of matching entries (PAGE_SIZE unless `limit`), newest first; `after` is the previous page's
    `last`."""
    limit = limit or PAGE_SIZE
    found = session.connection().execute(entries_select(session, flt, after=after, limit=limit + 1)).all()
    more = len(found) > limit
    return AuditPage(tuple(_described(session, found[:limit])), more)


# -- one record's history -------------------------------------------------------------------------------
def _ever_pointing(session: Session, table_name: str, column: str, record_id: int) -> set[int]:
    """Ids of rows of `table_name` whose `column` is (or, for deleted rows, was when added) `record_id`."""
    table = _table(table_name)
    ids = set(session.execute(select(table.c.id).where(table.c[column] == record_id)).scalars())
    # deleted rows are gone from the table: their 新增 entry still says what they pointed at
    key = _like(f'"{column}": {record_id}')[:-1]  # "%…" with _ and % escaped; then "," or "}" follows
    added = session.execute(select(AuditEntry.entity_id).where(
        AuditEntry.entity == table_name, AuditEntry.action == "新增",
        or_(AuditEntry.changes.like(f"{key},%", escape="\\"),
            AuditEntry.changes.like(f"{key}}}%", escape="\\")))).scalars()
    ids.update(i for i in added if i is not None)
    return ids


def history_filter(session: Session, entity: str, record_id: int) -> AuditFilter:
    """The filter of one record's 修改记录: the record and its dependent rows (DEPENDENTS)."""
    records: dict[str, set[int]] = defaultdict(set)
    records[entity].add(record_id)
    for table_name, column in DEPENDENTS.get(entity, ()):
        records[table_name] |= _ever_pointing(session, table_name, column, record_id)
    return AuditFilter(records={table: frozenset(ids) for table, ids in records.items()})


def record_history(session: Session, entity: str, record_id: int, *, after: tuple[datetime, int] | None = None,
                   limit: int | None = None) -> AuditPage:
    return list_entries(session, history_filter(session, entity, record_id), after=after, limit=limit)


def record_title(session: Session, entity: str, record_id: int) -> str:
    return _Titles(session).title(entity, record_id)


# -- the filter combos ----------------------------------------------------------------------------------
def filter_choices(session: Session) -> FilterChoices:
    operators = session.execute(select(AuditEntry.operator).distinct().where(AuditEntry.operator.is_not(None))
                                .order_by(AuditEntry.operator)).scalars().all()
    present = set(session.execute(select(AuditEntry.entity).distinct()).scalars())
    order = list(TABLES)
    kinds = sorted(present, key=lambda t: (order.index(t) if t in order else len(order), t))
    return FilterChoices(tuple(operators), tuple((t, table_label(t)) for t in kinds))


# -- into words ------------------------------------------------------------------------------------------
class _Titles:
    """Record titles for one page, read per table in one query each (and the linked records' titles)."""

    def __init__(self, session: Session):
        self.session = session
        self.names: dict[tuple[str, int], str] = {}
        self._asked: set[tuple[str, int]] = set()

    def load(self, wanted: dict[str, set[int]]) -> None:
        """Read the own-column titles of these records; linked parts are read in a second round."""
        for _round in range(2):
            linked: dict[str, set[int]] = defaultdict(set)
            for table_name, ids in wanted.items():
                ids = {i for i in ids if (table_name, i) not in self._asked}
                table, parts = _table(table_name), TITLES.get(table_name, ())
                if not ids or table is None or not parts:
                    continue
                self._asked.update((table_name, i) for i in ids)
                columns = [table.c[p if isinstance(p, str) else p[0]] for p in parts]
                query = select(table.c.id, *columns).where(table.c.id.in_(sorted(ids)))
                for row in self.session.connection().execute(query):
                    self.names[(table_name, row[0])] = row[1:]  # raw parts until joined below
                    for part, value in zip(parts, row[1:], strict=True):
                        if not isinstance(part, str) and value is not None:
                            linked[part[1]].add(value)
            wanted = linked
        self._join()

    def _join(self) -> None:
        for key, value in list(self.names.items()):
            if isinstance(value, tuple):
                self.names[key] = self._text(key[0], value)

    def _text(self, table_name: str, values: tuple) -> str:
        parts = []
        for part, value in zip(TITLES.get(table_name, ()), values, strict=False):
            if isinstance(part, str):
                text = "" if value is None else str(value)
                parts.append(setting_title(text) if table_name == "app_setting" else text)
            elif value is not None:
                linked = self.names.get((part[1], value))
                parts.append(linked if isinstance(linked, str) else
                             self._text(part[1], linked) if linked else DELETED)
        return " · ".join(p for p in parts if p)

    def title(self, table_name: str, record_id: int | None, deleted_name: str | None = None) -> str:
        if record_id is None:
            return ""
        if (table_name, record_id) not in self._asked:
            self.load({table_name: {record_id}})
        found = self.names.get((table_name, record_id))
        if found is None:
            return deleted_name or DELETED
        return found or f"{table_label(table_name)}（编号 {record_id}）"  # e.g. a plan item without a topic


def _deleted_names(session: Session, wanted: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    """The names 删除 entries kept, for records no longer in their tables."""
    names = {}
    for table_name, ids in wanted.items():
        rows = session.execute(select(AuditEntry.entity_id, AuditEntry.changes).where(
            AuditEntry.entity == table_name, AuditEntry.action == "删除",
            AuditEntry.entity_id.in_(sorted(ids)))).all()
        for record_id, changes in rows:
            name = _loads(changes).get("name")
            if name:
                names[(table_name, record_id)] = str(name)
    return names


def _loads(changes: str | None) -> dict:
    try:
        value = json.loads(changes) if changes else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _described(session: Session, found) -> list[AuditRow]:
    parsed = [(row, _loads(row.changes)) for row in found]
    wanted: dict[str, set[int]] = defaultdict(set)  # records and the records their values point at
    for row, changes in parsed:
        if row.entity_id is not None:
            wanted[row.entity].add(row.entity_id)
        for key, value in changes.items():
            target = field_spec(row.entity, key)[2]
            if target is not None:
                for item in (value if isinstance(value, list) else (value,)):
                    if isinstance(item, int):
                        wanted[target].add(item)
    titles = _Titles(session)
    titles.load(wanted)
    missing = {t: {i for i in ids if (t, i) not in titles.names} for t, ids in wanted.items()}
    gone = _deleted_names(session, {t: ids for t, ids in missing.items() if ids})
    titles.names.update(gone)
    return [_row(row, changes, titles) for row, changes in parsed]


def _row(row, changes: dict, titles: _Titles) -> AuditRow:
    deleted_name = changes.get("name") if row.action == "删除" else None
    title = titles.title(row.entity, row.entity_id, str(deleted_name) if deleted_name else None)
    return AuditRow(row.id, row.at, row.operator or "", row.action, row.entity, row.entity_id,
                    table_label(row.entity), title, _summary(row.entity, row.action, changes), changes, titles.names)


def _summary(entity: str, action: str, changes: dict) -> str:
    if action == "删除":
        return "删除了这条记录"
    labels = [field_spec(entity, key)[0] for key in changes if key not in NOT_LOGGED]
    names = "、".join(labels[:SUMMARY_FIELDS])
    names += f" 等 {len(labels)} 项" if len(labels) > SUMMARY_FIELDS else ""
    return f"新建：{names}" if action == "新增" else names


__all__ = ["DEPENDENTS", "PAGE_SIZE", "AuditFilter", "AuditPage", "AuditRow", "FieldChange", "FilterChoices",
           "entries_select", "filter_choices", "history_filter", "list_entries", "record_history", "record_title"]
