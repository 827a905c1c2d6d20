"""委员库 from Excel: analyse a workbook into a preview (nothing written), then apply it on confirmation.

Every data row gets one outcome — 新增, 更新, 错误 or 跳过 — with its Excel row number and a reason.
Existing people are found by 编号, else by name + mobile, else by name + birth year and month; an 编号
that names someone else is an error, never a rename. Updates never erase: an absent column or an empty
cell keeps what the register holds. Lookup values (党派, 界别 …) the register does not know are listed
in `unknown_values` and each needs a decision in `value_map` before anything is written.

Rows that are not people are skipped: a row whose first filled cell starts with 合计/小计/总计/共计, and
a row without a usable name whose text sits only in 序号 or unrecognised columns, or in at most two of the
first two columns (group headings such as "经济（30人）", notes, pre-numbered empty rows). A "name" that
looks like a heading (digits, brackets, "、", ending in 界) counts as no name when nothing else is filled.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import ClassVar

from sqlmodel import Session, select

from models.changes import Area, writes
from models.columns import Column
from models.dates import format_date
from models.errors import FieldErrors, ValidationError
from models.imports.formula_cells import formula_message
from models.imports.person_fields import (
    FIELD_LABELS,
    HEADER_ALIASES,
    NORMALIZED_ALIASES,
    PARSERS,
)
from models.imports.preview_columns import preview_columns
from models.imports.report import ImportReport, left_out, row_reason
from models.imports.xlsx_reader import (
    ADDED,
    ERROR,
    SKIPPED,
    UPDATED,
    cell_text,
    check_mapping,
    find_table,
    missing_column,
    normalize_header,
    open_workbook,
    outcome_counts,
    sheet_names,
)
from models.services.lookups import add_value, lookup_kind
from models.services.people import (
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    MembershipData,
    PersonData,
    clean_person,
)
from models.services.people_bulk import save_people
from models.services.people_list import LEVEL_ORDER, primary_membership
from models.services.person_rules import (
    check_name,
    format_birth,
)
from models.tables import Membership, Person
from models.text import clean_line
from models.vocab import Level

NEW = "new"  # value_map decision: add the unknown value to the lookup table
UNCHANGED = "无变化"
NOT_A_PERSON = "不是人员行（标题、分组、合计或只有序号的行），已忽略"
SAME_NAME = "系统中已有同名人员，请确认不是同一人"
PROGRESS_EVERY = 200

LOOKUP_FIELDS = ("party", "sector", "committee", "liaison_group", "guest_category")  # field key = lookup kind
ID_KINDS = {f"{kind}_id": kind for kind in LOOKUP_FIELDS}  # PersonData/MembershipData attribute → kind
# Row field → attribute of PersonData / of the membership the row describes.
PERSON_ATTRS = {"gender": "gender", "ethnicity": "ethnicity", "education": "education",
                "employer_title": "employer_title", "mobile": "mobile", "office_phone": "office_phone",
                "email": "email", "address": "address", "notes": "notes", "party": "party_id",
                "guest_category": "guest_category_id", "status": "active"}
MEMBER_ATTRS = {"term": "term", "sector": "sector_id", "role": "role", "committee": "committee_id",
                "liaison_group": "liaison_group_id", "start_date": "start_date"}
CHANGE_LABELS = {**{attr: FIELD_LABELS[key] for key, attr in (PERSON_ATTRS | MEMBER_ATTRS).items()},
                 "name": "姓名", "birth": "出生年月"}
_HEADING = re.compile(r"\d|[（(【\[、:：]|界别?$")
_TOTAL = re.compile(r"^(合计|小计|总计|共计)")


@dataclass
class ImportRow:
    row_no: int  # Excel row number
    outcome: str  # 新增 | 更新 | 错误 | 跳过
    reason: str
    name: str = ""
    person_id: int | None = None
    data: PersonData | None = None  # what would be saved (新增/更新; also 无变化)
    details: list[str] = field(default_factory=list)  # how it matched and each change, old → new
    original: PersonData | None = field(default=None, repr=False)  # the record as read during analysis


@dataclass
class ImportPreview:
    columns: ClassVar[tuple[Column, ...]] = preview_columns("name", "姓名")  # the preview's table
    path: Path
    sheet: str
    sheets: list[str]
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]  # 0-based column index → field key
    rows: list[ImportRow]
    unknown_values: dict[str, dict[str, int]]  # kind → raw value → rows using it
    value_map: dict = field(default_factory=dict)  # the decisions this preview was computed with
    placeholders: dict[int, tuple[str, str]] = field(default_factory=dict, repr=False)  # -n → (kind, raw)

    def counts(self) -> dict[str, int]:
        return outcome_counts(self.rows, (ADDED, UPDATED, ERROR, SKIPPED))

    def unresolved(self, value_map) -> list[tuple[str, str]]:
        return [(kind, raw) for kind, values in self.unknown_values.items() for raw in values
                if (kind, raw) not in (value_map or {})]


# ---- one analysis: the register (loaded in a few queries) and what the file showed so far ----------

def _zip(names, values) -> dict:
    return dict(zip(names, values, strict=True))


class _Analysis:
    def __init__(self, session: Session, mapping: dict[int, str | None], value_map: dict,
                 formulas: set[tuple[int, int]] = frozenset()):
        self.value_map = value_map
        self.formulas = formulas  # (Excel row, column) of formulas without a saved result
        self.columns = [(index, key) for index, key in sorted(mapping.items()) if key]
        self.placeholders: dict[tuple[str, str], int] = {}  # unknown (kind, raw) → negative id
        self.unknown: dict[str, dict[str, int]] = {}
        self.seen: dict[tuple, int] = {}  # duplicate keys → first Excel row
        tables = {kind: lookup_kind(kind).table for kind in LOOKUP_FIELDS}
        self.names = {kind: dict(session.exec(select(t.id, t.name)).all()) for kind, t in tables.items()}
        self.ids = {kind: {name: id_ for id_, name in names.items()} for kind, names in self.names.items()}
        held: dict[int, list[MembershipData]] = {}
        columns = [getattr(Membership, f) for f in MEMBERSHIP_FIELDS]
        for row in session.exec(select(Membership.id, Membership.person_id, *columns)):
            held.setdefault(row[1], []).append(MembershipData(id=row[0], **_zip(MEMBERSHIP_FIELDS, row[2:])))
        self.people: dict[int, PersonData] = {}
        self.by_name: dict[str, list[int]] = {}
        for row in session.exec(select(Person.id, Person.version, *[getattr(Person, f) for f in PERSON_FIELDS])):
            memberships = sorted(held.get(row[0], []), key=lambda m: (LEVEL_ORDER.get(m.level, 9), m.id))
            self.people[row[0]] = PersonData(id=row[0], version=row[1], memberships=memberships,
                                             **_zip(PERSON_FIELDS, row[2:]))
            self.by_name.setdefault(row.name, []).append(row[0])

    def lookup(self, kind: str, value, used: list) -> int | None:
        """Id of a known value (exact name; retired values too). An unknown one is noted in `used` and
        resolved by its decision: an id, None (leave the field), or NEW/undecided → a negative placeholder."""
        raw = cell_text(value)
        if not raw or raw in self.ids[kind]:
            return self.ids[kind].get(raw)
        used.append((kind, raw))
        decision = self.value_map.get((kind, raw), NEW)
        if decision is None or (decision != NEW and decision in self.names[kind]):
            return decision
        return self.placeholders.setdefault((kind, raw), -1 - len(self.placeholders))

    def note_unknown(self, used: list) -> None:
        for kind, raw in used:
            values = self.unknown.setdefault(kind, {})
            values[raw] = values.get(raw, 0) + 1

    def display(self, attr: str, value) -> str:
        if value is None:
            return "空"
        if attr in ID_KINDS:
            if value < 0:
                return next(f"{raw}（新值，待确认）" for (_k, raw), ph in self.placeholders.items() if ph == value)
            return self.names[ID_KINDS[attr]].get(value, str(value))
        if isinstance(value, date):
            return format_date(value)
        return ("在任" if value else "离任") if attr == "active" else str(value)


# ---- one row ---------------------------------------------------------------------------------------

def _is_header_repeat(values: list, cells: dict) -> bool:
    if NORMALIZED_ALIASES.get(normalize_header(cells.get("name"))) != "name":  # first: one cell, not the row's
        return False
    return sum(1 for v in values if isinstance(v, str) and normalize_header(v) in NORMALIZED_ALIASES) >= 2


def _is_not_a_person(values: list, cells: dict) -> bool:
    filled = [i for i, v in enumerate(values) if v is not None]
    first = values[filled[0]]
    if isinstance(first, str) and _TOTAL.match(first.replace(" ", "")):
        return True
    name = cells.get("name")
    if name is not None and not (isinstance(name, str) and _HEADING.search(name)):
        return False
    data = [key for key in cells if key not in ("seq", "name")]
    return not data or (len(filled) <= 2 and all(i < 2 for i in filled))


def _parse_cells(analysis: _Analysis, cells: dict, used: list, errors: FieldErrors) -> dict:
    """The row's filled fields, checked (each refused cell noted in `errors`); lookups as ids. Every
    lookup is resolved, so an unknown value is listed for mapping whatever else is wrong with the row."""
    out = {key: analysis.lookup(key, value, used) if key in LOOKUP_FIELDS
           else errors.check(PARSERS.get(key, cell_text), value)
           for key, value in cells.items() if key not in ("name", "seq")}
    return {key: value for key, value in out.items() if value not in (None, "", [], (None, None))}


def _apply_fields(base: PersonData, parsed: dict) -> PersonData:
    """The existing record (or a blank one) with the row's filled fields laid over it."""
    data = replace(base, memberships=[replace(m) for m in base.memberships])
    for key, attr in PERSON_ATTRS.items():
        if key in parsed:
            setattr(data, attr, parsed[key])
    if "birth" in parsed:
        year, month = parsed["birth"]
        # A year alone keeps a known month of that same year.
        data.birth_year, data.birth_month = year, month if month or year != base.birth_year else base.birth_month
    member = {attr: parsed[key] for key, attr in MEMBER_ATTRS.items() if key in parsed}
    if "level" in parsed or member:
        data.memberships = merge_memberships(data.memberships, parsed.get("level"), member)
    return data


def _primary(memberships: list[MembershipData]) -> MembershipData | None:
    """The membership a register row shows, by the same rule as load_people."""
    return primary_membership(memberships)


def _find_membership(memberships: list[MembershipData], level: str, term: str | None) -> MembershipData | None:
    at_level = [m for m in memberships if m.level == level]
    if term:
        return next((m for m in at_level if m.term == term), None) or next((m for m in at_level if not m.term), None)
    return min(at_level, key=lambda m: (not m.active, -(m.id or 0)), default=None)


def merge_memberships(memberships: list[MembershipData], levels: list[str] | None,
                      member: dict) -> list[MembershipData]:
    """届次/界别/身份/专委会/联络组/任职起始日期 describe the primary membership among the listed levels (without
    级别: the person's primary membership, or 区 for someone who has none) — the one the export showed;
    other listed levels are added if missing. Existing memberships are never removed."""
    result = list(memberships)
    if not levels:
        levels = [getattr(_primary(result), "level", Level.DISTRICT)]
    primary = _primary([m for m in result if m.level in levels])
    target_level = primary.level if primary else levels[0]
    target = _find_membership(result, target_level, member.get("term"))
    if target is None:
        target = MembershipData(level=target_level)
        result.append(target)
    for attr, value in member.items():
        setattr(target, attr, value)
    for level in levels:
        if not any(m.level == level for m in result):
            result.append(MembershipData(level=level, sector_id=member.get("sector_id")))
    return result


def _changes(analysis: _Analysis, before: PersonData, after: PersonData) -> tuple[list[str], list[str]]:
    """Labels of the changed fields and "label：old → new" details."""
    labels, details = [], []

    def note(attr: str, old, new) -> None:
        label = CHANGE_LABELS[attr]
        if label not in labels:
            labels.append(label)
        details.append(f"{label}：{analysis.display(attr, old)} → {analysis.display(attr, new)}")

    for attr in PERSON_FIELDS:
        if attr not in ("birth_year", "birth_month") and getattr(before, attr) != getattr(after, attr):
            note(attr, getattr(before, attr), getattr(after, attr))
    births = format_birth(before.birth_year, before.birth_month), format_birth(after.birth_year, after.birth_month)
    if births[0] != births[1]:
        note("birth", births[0] or None, births[1])
    old = {m.id: m for m in before.memberships}
    for m in after.memberships:
        if m.id is None:
            labels.append(f"新增{m.level}级委员身份")
            details.append(f"新增委员身份：{m.level}{' ' + m.term if m.term else ''}")
        else:
            for attr in MEMBER_ATTRS.values():
                if getattr(old[m.id], attr) != getattr(m, attr):
                    note(attr, getattr(old[m.id], attr), getattr(m, attr))
    return labels, details


def _match(analysis: _Analysis, name: str, parsed: dict) -> tuple[PersonData | None, str]:
    """The existing person the row describes (or None) and how it was found; ValidationError if unclear."""
    if "id" in parsed:
        person = analysis.people.get(parsed["id"])
        if person is None:
            raise ValidationError(f"编号 {parsed['id']} 在系统中不存在（可能已被删除，或文件来自其他数据库）。"
                                  "如要作为新人员导入，请清空该行的编号。")
        if person.name != name:
            raise ValidationError(f"编号 {person.id} 是“{person.name}”，与本行姓名“{name}”不符。编号列请勿修改"
                                  "（如需改名请在系统中修改；如该列不是本系统导出的编号，请在列对应关系中设为不导入）。")
        return person, f"按编号匹配到已有人员（编号 {person.id}）"
    same = [analysis.people[i] for i in analysis.by_name.get(name, ())]
    mobile, birth = parsed.get("mobile"), parsed.get("birth", (None, None))
    for label, hits in (("手机", [p for p in same if mobile and p.mobile == mobile]),
                        ("出生年月", [p for p in same if birth[1] and (p.birth_year, p.birth_month) == birth])):
        if len(hits) > 1:
            raise ValidationError(f"系统中有 {len(hits)} 位同名且{label}相同的人员（编号 "
                                  f"{'、'.join(str(p.id) for p in hits)}），无法确定是哪一位，请在文件中填写编号列。")
        if hits:
            return hits[0], f"按姓名和{label}匹配到已有人员（编号 {hits[0].id}）"
    return None, SAME_NAME + f"（编号 {'、'.join(str(p.id) for p in same)}）" if same else ""


def _same_row_keys(name: str, parsed: dict) -> list[tuple]:
    """Two rows of one file are the same person when name and mobile, or name and birth month, agree."""
    birth = parsed.get("birth", (None, None))
    return ([("mobile", name, parsed["mobile"])] if parsed.get("mobile") else []) + \
        ([("birth", name, *birth)] if birth[1] else [])


def _check_duplicate(analysis: _Analysis, row_no: int, keys: list[tuple]) -> None:
    for key in keys:
        if key in analysis.seen:
            raise ValidationError(f"与第 {analysis.seen[key]} 行重复")
    analysis.seen.update(dict.fromkeys(keys, row_no))


def _analyse_row(analysis: _Analysis, row_no: int, values: list) -> ImportRow:
    cells = {key: values[i] for i, key in analysis.columns if i < len(values) and values[i] is not None}
    shown = clean_line(cells.get("name"))
    if _is_header_repeat(values, cells):
        return ImportRow(row_no, SKIPPED, "重复的表头行，已忽略", shown)
    formulas = [key for i, key in analysis.columns if (row_no, i) in analysis.formulas and key != "seq"]
    if "name" not in formulas and _is_not_a_person(values, cells):  # a formula name reads as empty
        return ImportRow(row_no, SKIPPED, NOT_A_PERSON, shown)
    used: list[tuple[str, str]] = []
    errors = FieldErrors()
    try:
        for key in formulas:
            errors.add(formula_message(FIELD_LABELS[key]), key)
        name = None if "name" in formulas else errors.check(check_name, cells.get("name"))
        parsed = _parse_cells(analysis, cells, used, errors)
        errors.raise_if_any()  # every cell's problem at once; matching needs them all right
        shown = name
        _check_duplicate(analysis, row_no, _same_row_keys(name, parsed))
        existing, how = _match(analysis, name, parsed)
        if existing is not None:
            _check_duplicate(analysis, row_no, [("person", existing.id)])
        data = clean_person(_apply_fields(existing or PersonData(name=name), parsed))
    except ValidationError as exc:
        no_name = not shown and "name" not in formulas
        problems = [("name", "缺少姓名") if field == "name" and no_name else (field, message)
                    for field, message in exc.problems]
        return ImportRow(row_no, ERROR, row_reason(problems), shown)
    finally:
        analysis.note_unknown(used)
    if existing is None:
        return ImportRow(row_no, ADDED, SAME_NAME if how else "新增人员", name, None, data, [how] if how else [])
    labels, details = _changes(analysis, existing, data)
    # Every changed field, old → new, as the other imports' previews show them.
    outcome, reason = (UPDATED, "；".join(details)) if labels else (SKIPPED, UNCHANGED)
    return ImportRow(row_no, outcome, reason, name, existing.id, data, [how, *details], existing)


# ---- the workbook ----------------------------------------------------------------------------------

def analyse_people_import(session: Session, path, *, sheet: str | None = None,
                          mapping: dict[int, str | None] | None = None,
                          value_map: dict[tuple[str, str], int | str | None] | None = None,
                          progress: Callable[[int, int], None] | None = None) -> ImportPreview:
    """Read the workbook and say what importing it would do, row by row. Writes nothing."""
    path = Path(path)
    workbook = open_workbook(path)
    table = find_table(workbook, HEADER_ALIASES, "name", path, sheet)
    columns = check_mapping(mapping, FIELD_LABELS) if mapping is not None else table.mapping
    if "name" not in columns.values():
        raise missing_column(path, table, "姓名")
    analysis = _Analysis(session, columns, dict(value_map or {}), table.formulas)
    rows, total = [], len(table.rows)
    for done, (row_no, values) in enumerate(table.rows, start=1):
        rows.append(_analyse_row(analysis, row_no, values))
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return ImportPreview(path=path, sheet=table.sheet, sheets=sheet_names(workbook), header_row=table.header_row,
                         headers=table.headers, mapping=columns, rows=rows, unknown_values=analysis.unknown,
                         value_map=dict(value_map or {}),
                         placeholders={ph: pair for pair, ph in analysis.placeholders.items()})


# ---- writing, on confirmation ----------------------------------------------------------------------

def _check_decisions(session: Session, preview: ImportPreview, value_map: dict) -> None:
    missing = preview.unresolved(value_map)
    if missing:
        listed = "、".join(f"{lookup_kind(kind).label}“{raw}”" for kind, raw in missing)
        raise ValidationError(f"以下数值在系统中不存在，尚未确定如何处理：{listed}。"
                              "请逐一选择对应的已有项、新增，或留空后再导入。")
    used = {(kind, raw) for kind, values in preview.unknown_values.items() for raw in values}
    for pair, decision in preview.value_map.items():
        # Decisions other than NEW were applied during analysis: changing them needs a new preview.
        if pair in used and decision != NEW and value_map.get(pair) != decision:
            raise ValidationError("预览之后更改了数值的对应关系，请重新预览后再导入。")
    for (kind, raw), decision in value_map.items():
        if decision not in (NEW, None) and (not isinstance(decision, int)
                                            or session.get(lookup_kind(kind).table, decision) is None):
            raise ValidationError(f"{lookup_kind(kind).label}“{raw}”对应的项已不存在，请重新选择。")


def _resolve_values(session: Session, preview: ImportPreview, value_map: dict, summary: ImportReport) -> dict:
    """Placeholder → id: NEW values are added now (or found, if someone added them since the preview)."""
    ids = {}
    written = _placeholders_written(preview)
    for placeholder, (kind, raw) in preview.placeholders.items():
        if placeholder not in written:  # only rows with errors use it: nothing to add to the lookups
            continue
        decision = value_map[(kind, raw)]
        if decision == NEW:
            table = lookup_kind(kind).table
            decision = session.exec(select(table.id).where(table.name == raw)).first()
            if decision is None:
                decision = add_value(session, kind, raw).id
                summary.added_values.append((lookup_kind(kind).label, raw))
        ids[placeholder] = decision
    return ids


def _placeholders_written(preview: ImportPreview) -> set[int]:
    """The placeholders the 新增/更新 rows carry."""
    found = set()
    for row in preview.rows:
        if row.outcome in (ADDED, UPDATED):
            values = [row.data.party_id, row.data.guest_category_id]
            values += [getattr(m, attr) for m in row.data.memberships
                       for attr in ("sector_id", "committee_id", "liaison_group_id")]
            found.update(v for v in values if v is not None and v < 0)
    return found


def _resolve_row(row: ImportRow, ids: dict[int, int | None]) -> PersonData:
    """The row's data with placeholders replaced; a value left empty keeps what the record had."""
    data = replace(row.data, memberships=[replace(m) for m in row.data.memberships])
    before = {m.id: m for m in row.original.memberships} if row.original else {}
    targets = [(data, row.original, attr) for attr in ("party_id", "guest_category_id")]
    targets += [(m, before.get(m.id), attr) for m in data.memberships
                for attr in ("sector_id", "committee_id", "liaison_group_id")]
    for obj, old, attr in targets:
        value = getattr(obj, attr)
        if value is not None and value < 0:
            setattr(obj, attr, ids[value] if ids[value] is not None else getattr(old, attr, None))
    return data


@writes(Area.PEOPLE, Area.MEMBERSHIPS, Area.LOOKUPS)
def apply_people_import(session: Session, preview: ImportPreview, value_map=None,
                        progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Write the 新增 and 更新 rows in the caller's session (all or nothing with its transaction).
    An 更新 carries the version read during analysis: a record changed since raises ConflictError."""
    value_map = dict(value_map or {})
    _check_decisions(session, preview, value_map)
    errors, skipped = left_out(preview.rows)
    summary = ImportReport("人", error_rows=errors, skipped_rows=skipped)
    ids = _resolve_values(session, preview, value_map, summary)
    writes = [row for row in preview.rows if row.outcome in (ADDED, UPDATED)]
    # In bulk (models/services/people_bulk.py): save_person's rules, a few statements per 500 people. The rows'
    # data are clean_person's results from the preview (placeholder ids aside): not checked a second time.
    save_people(session, [(_resolve_row(row, ids), row.original) for row in writes], progress=progress,
                checked=True)
    summary.created = sum(row.outcome == ADDED for row in writes)
    summary.updated = sum(row.outcome == UPDATED for row in writes)
    return summary

