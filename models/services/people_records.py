"""Deleting, retiring (离任), finding duplicates and merging people without losing a reference."""

from dataclasses import dataclass

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from models.changes import Area, writes
from models.clock import today
from models.errors import InUseError, ValidationError
from models.services.common import get_row
from models.services.person_rules import format_birth
from models.tables import (
    Attendance,
    FieldVisitParticipant,
    Membership,
    Person,
    PersonGroupMember,
    RecommendationProposer,
    Topic,
)
from models.text import quoted

# (table, column, what one reference is called in a message)
REFERENCES = (
    (Attendance, Attendance.person_id, "次会议活动"),
    (FieldVisitParticipant, FieldVisitParticipant.person_id, "次调研"),
    (RecommendationProposer, RecommendationProposer.person_id, "条意见建议"),
    (Topic, Topic.proposer_person_id, "个议题"),
)


def references(session: Session, person_id: int) -> list[tuple[str, int]]:
    """How this person is referred to: [("次会议活动", 12), ...] (only non-zero counts)."""
    found = []
    for table, column, label in REFERENCES:
        count = session.exec(select(func.count()).select_from(table).where(column == person_id)).one()
        if count:
            found.append((label, count))
    return found


def person_delete_refusal(session: Session, person_id: int) -> str | None:
    """Why this person cannot be deleted (asked before "确定删除…？"), or None."""
    person = get_row(session, Person, person_id, "人员")
    used = references(session, person_id)
    if not used:
        return None
    what = "、".join(f"{count} {label}" for label, count in used)
    return (f"{quoted(person.name)}已参与 {what}，删除会使这些记录缺少人员，因此不能删除。"
            "如此人已不再担任委员或不再联系，请使用“标记离任”，历史记录会完整保留。")


@writes(Area.PEOPLE, Area.MEMBERSHIPS)
def delete_person(session: Session, person_id: int) -> None:
    """Delete someone nobody refers to; otherwise refuse and say why (mark 离任 instead)."""
    person = get_row(session, Person, person_id, "人员")
    refusal = person_delete_refusal(session, person_id)
    if refusal:
        raise InUseError(refusal)
    session.delete(person)
    session.flush()


@writes(Area.PEOPLE, Area.MEMBERSHIPS)
def set_former(session: Session, person_id: int, former: bool, *, expected_version: int | None = None) -> None:
    """离任: the person stays in every record but leaves lists of current members and new invitations."""
    person = get_row(session, Person, person_id, "人员", expected_version)
    person.active = not former
    if former:
        for membership in person.memberships:
            if membership.active:
                membership.active = False
                membership.end_date = membership.end_date or today()
    session.add(person)
    session.flush()


@dataclass(frozen=True)
class DuplicateHint:
    id: int
    name: str
    employer_title: str
    reason: str


def find_duplicates(session: Session, name: str, birth_year: int | None, birth_month: int | None,
                    mobile: str | None, exclude_id: int | None = None) -> list[DuplicateHint]:
    """Other people with the same name and birth, or the same mobile number."""
    conditions = []
    if birth_year is not None:
        conditions.append((Person.name == name) & (Person.birth_year == birth_year)
                          & (Person.birth_month == birth_month if birth_month else Person.birth_month.is_(None)))
    if mobile:
        conditions.append(Person.mobile == mobile)
    if not conditions:
        return []
    query = select(Person).where(or_(*conditions))
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    hints = []
    for other in session.exec(query.order_by(Person.id)):
        reason = "手机号码相同" if mobile and other.mobile == mobile else \
            f"姓名和出生年月（{format_birth(other.birth_year, other.birth_month)}）相同"
        hints.append(DuplicateHint(other.id, other.name, other.employer_title or "", reason))
    return hints


# Columns copied from the merged-away record where the kept one is empty.
_FILL_FIELDS = ("gender", "ethnicity", "birth_year", "birth_month", "party_id", "education", "employer_title",
                "mobile", "office_phone", "email", "address", "guest_category_id")


@writes(Area.PEOPLE, Area.MEMBERSHIPS, Area.ATTENDANCE, Area.VISITS, Area.RECOMMENDATIONS, Area.TOPICS, Area.GROUPS)
def merge_people(session: Session, keep_id: int, drop_id: int) -> None:
    """Merge `drop` into `keep`: every reference moves over, empty fields are filled, `drop` is deleted."""
    if keep_id == drop_id:
        raise ValidationError("请选择两个不同的人员进行合并。")
    keep = get_row(session, Person, keep_id, "人员")
    drop = get_row(session, Person, drop_id, "人员")
    for table, column, _label in REFERENCES:
        _move_references(session, table, column, keep_id, drop_id)
    _move_references(session, PersonGroupMember, PersonGroupMember.person_id, keep_id, drop_id)
    for name in _FILL_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            setattr(keep, name, getattr(drop, name))
    if drop.notes:
        keep.notes = "\n".join(filter(None, [keep.notes, f"（合并自“{drop.name}”的备注）{drop.notes}"]))
    held = {(m.level, m.term) for m in keep.memberships}
    for membership in list(drop.memberships):
        if (membership.level, membership.term) not in held:
            session.execute(update(Membership).where(Membership.id == membership.id).values(person_id=keep_id))
    keep.active = keep.active or drop.active
    session.add(keep)
    session.flush()
    session.expire(drop)
    session.delete(session.get(Person, drop_id))
    session.flush()
    session.expire_all()


def _move_references(session: Session, table, column, keep_id: int, drop_id: int) -> None:
    """Point rows at `keep`; where `keep` already has the same row (e.g. both invited), drop's row goes."""
    for row in session.exec(select(table).where(column == drop_id)).all():
        twin = _twin(session, table, row, keep_id)
        if twin is not None:
            if table is Attendance:
                _merge_attendance(twin, row)
                session.add(twin)
            session.delete(row)
        else:
            setattr(row, column.key, keep_id)
            session.add(row)
    session.flush()


def _twin(session: Session, table, row, keep_id: int):
    """The row `keep` already holds where `row` would go (same meeting, visit ...), if any."""
    scope = {Attendance: "meeting_id", FieldVisitParticipant: "visit_id",
             RecommendationProposer: "recommendation_id", PersonGroupMember: "group_id"}.get(table)
    if scope is None:
        return None
    query = select(table).where(table.person_id == keep_id, getattr(table, scope) == getattr(row, scope))
    return session.exec(query).first()


_REPLY_WEIGHT = {"待通知": 0, "未回复": 1, "已通知": 2, "请假": 3, "已确认": 4}


def _merge_attendance(keep: Attendance, drop: Attendance) -> None:
    """Both records were invited to the same meeting: keep whatever the other row knew more of."""
    if keep.checked_in_at is None and drop.checked_in_at is not None:
        keep.checked_in_at, keep.result = drop.checked_in_at, drop.result
    if _REPLY_WEIGHT.get(drop.invite_status, 0) > _REPLY_WEIGHT.get(keep.invite_status, 0):
        keep.invite_status = drop.invite_status
        keep.leave_reason, keep.leave_approved_by = drop.leave_reason, drop.leave_approved_by
    for name in ("seat_no", "speech_order", "speech_title", "notes"):
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            setattr(keep, name, getattr(drop, name))
    if keep.result is None and drop.result is not None:
        keep.result = drop.result
