"""参数设置: the lookup tables users maintain (add, rename, reorder, retire, delete unused)."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import ConflictError, InUseError, NotFoundError, ValidationError
from models.numbering import hold_numbering
from models.tables import (
    Committee,
    GuestCategory,
    LiaisonGroup,
    LookupBase,
    MeetingFormat,
    Party,
    Sector,
    TopicCriterion,
    metadata,
)
from models.text import clean_line, quoted

NAME_MAX = 50


@dataclass(frozen=True)
class LookupKind:
    key: str
    label: str  # shown as the tab title
    table: type[LookupBase]
    hint: str
    has_weight: bool = False


LOOKUP_KINDS: tuple[LookupKind, ...] = (
    LookupKind("sector", "界别", Sector, "委员所属界别，名单和统计按此分组。"),
    LookupKind("party", "党派/政治面貌", Party, "人员的党派或政治面貌（与界别是两回事）。"),
    LookupKind("committee", "专委会", Committee, "政协专门委员会，可作为计划条目的牵头专委会。"),
    LookupKind("liaison_group", "街镇联络组", LiaisonGroup, "委员按街道（镇）划分的联络组。"),
    LookupKind("meeting_format", "会议形式", MeetingFormat, "会议与活动的形式。内置形式可改名，统计仍能识别。"),
    LookupKind("guest_category", "嘉宾类别", GuestCategory, "非委员人员（领导、专家、部门负责人等）的类别。"),
    LookupKind("topic_criterion", "议题评分标准", TopicCriterion,
               "议题遴选时各评分项及其权重（%），权重合计应为 100%。", has_weight=True),
)


def lookup_kind(key: str) -> LookupKind:
    for kind in LOOKUP_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)


@dataclass(frozen=True)
class LookupValue:
    id: int
    name: str
    sort_order: int
    active: bool
    code: str | None
    weight: float | None
    version: int
    usage: int  # rows elsewhere that refer to this value


def _referring_columns(table: type[LookupBase]):
    """Every foreign-key column in the schema that points at `table`."""
    target = table.__table__
    for other in metadata.tables.values():
        for fk in other.foreign_keys:
            if fk.column.table is target:
                yield fk.parent


def _usage_by_id(session: Session, table: type[LookupBase]) -> dict[int, int]:
    usage: dict[int, int] = {}
    for column in _referring_columns(table):
        rows = session.exec(select(column, func.count()).where(column.is_not(None)).group_by(column))
        for value_id, count in rows:
            usage[value_id] = usage.get(value_id, 0) + count
    return usage


def _to_value(row: LookupBase, usage: int, has_weight: bool) -> LookupValue:
    return LookupValue(id=row.id, name=row.name, sort_order=row.sort_order, active=row.active,
                       code=row.code, weight=getattr(row, "weight", None) if has_weight else None,
                       version=row.version, usage=usage)


def list_values(session: Session, key: str, *, include_retired: bool = True,
                with_usage: bool = False) -> list[LookupValue]:
    """The values in their order; `usage` counted only when asked (参数设置 needs it, choices do not: counting
    goes through every table that refers to the values)."""
    kind = lookup_kind(key)
    query = select(kind.table).order_by(kind.table.sort_order, kind.table.id)
    if not include_retired:
        query = query.where(kind.table.active.is_(True))
    usage = _usage_by_id(session, kind.table) if with_usage else {}
    return [_to_value(row, usage.get(row.id, 0), kind.has_weight) for row in session.exec(query)]


PERSON_LOOKUPS = ("sector", "party", "committee", "liaison_group", "guest_category")  # what a person refers to


def values_of(session: Session, keys=PERSON_LOOKUPS) -> dict[str, list[LookupValue]]:
    """{key: its values} for the choices of a form or a filter bar (retired values included: old records
    still carry them)."""
    return {key: list_values(session, key) for key in keys}


def _valid_name(session: Session, kind: LookupKind, name: str, *, exclude_id: int | None = None) -> str:
    name = clean_line(name)
    if not name:
        raise ValidationError("名称不能为空。", field="name")
    if len(name) > NAME_MAX:
        raise ValidationError(f"名称最多 {NAME_MAX} 个字，当前 {len(name)} 个字。", field="name")
    clash = session.exec(select(kind.table).where(kind.table.name == name)).first()
    if clash is not None and clash.id != exclude_id:
        state = "" if clash.active else "（已停用，可在列表中重新启用）"
        raise ValidationError(f"“{kind.label}”中已有“{name}”{state}，不能重复。", field="name")
    return name


def _valid_weight(weight) -> float:
    try:
        value = float(weight)
    except (TypeError, ValueError) as exc:
        raise ValidationError("权重须为 0 到 100 之间的数字。", field="weight") from exc
    if not 0 <= value <= 100:
        raise ValidationError("权重须为 0 到 100 之间的数字。", field="weight")
    return value


def _get(session: Session, kind: LookupKind, value_id: int, expected_version: int | None = None):
    row = session.get(kind.table, value_id)
    if row is None:
        raise NotFoundError(f"该{kind.label}已不存在（可能已被他人删除）。")
    if expected_version is not None and row.version != expected_version:
        raise ConflictError()
    return row


@writes(Area.LOOKUPS)
def add_value(session: Session, key: str, name: str, *, weight=None) -> LookupValue:
    kind = lookup_kind(key)
    row = kind.table(name=_valid_name(session, kind, name))
    hold_numbering(session, f"lookup:{kind.table.__tablename__}")
    last = session.exec(select(func.max(kind.table.sort_order))).one()
    row.sort_order = (last or 0) + 1
    if kind.has_weight:
        row.weight = _valid_weight(weight if weight is not None else 0)
    session.add(row)
    session.flush()
    return _to_value(row, 0, kind.has_weight)


@writes(Area.LOOKUPS)
def rename_value(session: Session, key: str, value_id: int, name: str, *, expected_version: int) -> None:
    kind = lookup_kind(key)
    row = _get(session, kind, value_id, expected_version)
    row.name = _valid_name(session, kind, name, exclude_id=value_id)
    session.add(row)
    session.flush()


@writes(Area.LOOKUPS)
def set_weight(session: Session, key: str, value_id: int, weight, *, expected_version: int) -> None:
    kind = lookup_kind(key)
    if not kind.has_weight:
        raise ValidationError(f"“{kind.label}”没有权重。")
    row = _get(session, kind, value_id, expected_version)
    row.weight = _valid_weight(weight)
    session.add(row)
    session.flush()


@writes(Area.LOOKUPS)
def set_active(session: Session, key: str, value_id: int, active: bool, *, expected_version: int) -> None:
    """Retire (停用) or restore a value; retired values stay on old records but are not offered."""
    kind = lookup_kind(key)
    row = _get(session, kind, value_id, expected_version)
    row.active = active
    session.add(row)
    session.flush()


@writes(Area.LOOKUPS)
def move_value(session: Session, key: str, value_id: int, delta: int) -> None:
    """Move a value up (delta -1) or down (+1) in the display order."""
    kind = lookup_kind(key)
    rows = list(session.exec(select(kind.table).order_by(kind.table.sort_order, kind.table.id)))
    index = next((i for i, row in enumerate(rows) if row.id == value_id), None)
    if index is None:
        raise NotFoundError(f"该{kind.label}已不存在（可能已被他人删除）。")
    target = index + delta
    if not 0 <= target < len(rows):
        return
    rows.insert(target, rows.pop(index))
    for order, row in enumerate(rows, start=1):
        if row.sort_order != order:
            row.sort_order = order
            session.add(row)
    session.flush()


def value_delete_refusal(session: Session, key: str, value_id: int) -> str | None:
    """Why this value cannot be deleted (asked before "确定删除…？"), or None."""
    kind = lookup_kind(key)
    row = _get(session, kind, value_id)
    usage = _usage_by_id(session, kind.table).get(value_id, 0)
    if usage:
        return (f"{quoted(row.name)}已被 {usage} 条记录使用，不能删除，只能停用。"
                "停用后它仍保留在原有记录中，但不再出现在新建记录的选项里。")
    if row.code:
        return f"{quoted(row.name)}是内置的{kind.label}，统计需要它，不能删除；如不需要可停用。"
    return None


@writes(Area.LOOKUPS)
def delete_value(session: Session, key: str, value_id: int) -> None:
    """Delete a value nobody refers to; a value in use can only be retired."""
    row = _get(session, lookup_kind(key), value_id)
    refusal = value_delete_refusal(session, key, value_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(row)
    session.flush()


def weight_total(session: Session) -> float:
    rows = session.exec(select(TopicCriterion.weight).where(TopicCriterion.active.is_(True)))
    return float(sum(rows))
