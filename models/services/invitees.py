"""参会人员: invitations (one by one or by rule), replies, bulk changes, sign-in and final attendance."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session, select

from models.changes import Area, writes
from models.clock import now
from models.errors import FieldErrors, InUseError, ValidationError
from models.services.common import NUMBER_MAX, get_row, optional_number, optional_text, required_text
from models.services.lookups import list_values
from models.services.meeting_queries import InviteeRow
from models.services.people import PersonData, save_person
from models.services.people_list import PeopleFilter, filter_rows, load_people
from models.services.person_rules import normalize_name
from models.sorting import text_key
from models.tables import Attendance, Meeting, Membership, Person, PersonGroup, PersonGroupMember
from models.vocab import (
    STANDING_COMMITTEE,
    STANDING_COMMITTEE_ROLES,
    AttendanceResult,
    AttendanceRole,
    InviteStatus,
    Level,
)


def _check_role(role: str) -> str:
    if role not in set(AttendanceRole):
        raise ValidationError(f"参会角色“{role}”应为主持、出席、列席、特邀、发言或工作人员。", field="role")
    return role


@writes(Area.ATTENDANCE)
def invite(session: Session, meeting_id: int, person_id: int, role: str = AttendanceRole.ATTEND, *,
           invite_status: str = InviteStatus.PENDING, seat_no=None, speech_order=None,
           speech_title=None) -> int:
    """Put a person on a meeting's list; the same person twice is refused with a message."""
    existing = session.exec(select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)).first()
    if existing is not None:
        name = session.get(Person, person_id).name
        raise ValidationError(f"{name}已在本次会议的参会名单中（角色：{existing.role}），不能重复添加。")
    attendance = Attendance(meeting_id=meeting_id, person_id=person_id, role=_check_role(role),
                            invite_status=invite_status, seat_no=optional_text(seat_no, "座位号", 20, "seat_no"),
                            speech_order=optional_number(speech_order, "发言顺序", "speech_order", high=NUMBER_MAX),
                            speech_title=optional_text(speech_title, "发言题目", 200, "speech_title"))
    session.add(attendance)
    session.flush()
    return attendance.id


@dataclass(frozen=True)
class InviteResult:
    added: int
    already: tuple[str, ...]  # names that were on the list already (not added twice)

    def message(self) -> str:
        text = f"已添加 {self.added} 人。"
        if self.already:
            names = "、".join(self.already[:10]) + (f" 等 {len(self.already)} 人" if len(self.already) > 10 else "")
            text += f"{names}已在名单中，未重复添加。"
        return text


@writes(Area.ATTENDANCE)
def invite_people(session: Session, meeting_id: int, person_ids: Iterable[int],
                  role: str = AttendanceRole.ATTEND) -> InviteResult:
    """Invite many at once; people already on the list are reported, not duplicated."""
    get_row(session, Meeting, meeting_id, "会议")
    _check_role(role)
    on_list = set(session.exec(select(Attendance.person_id).where(Attendance.meeting_id == meeting_id)))
    wanted = list(dict.fromkeys(person_ids))
    names = dict(session.exec(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())
    already = [names[pid] for pid in wanted if pid in on_list]
    for pid in wanted:
        if pid not in on_list:
            session.add(Attendance(meeting_id=meeting_id, person_id=pid, role=role))
    session.flush()
    return InviteResult(added=len(wanted) - len(already), already=tuple(already))


def people_by_rule(session: Session, rule: PeopleFilter, group_id: int | None = None) -> list[int]:
    """Everyone in office who matches the rule (a level, 界别, 专委会, 联络组, 身份 …) or is in a saved group,
    in CPPCC stroke order. 身份 "常委会组成人员" means 主席, 副主席, 秘书长 and 常委 together."""
    rows = load_people(session)
    keep: set[int] | None = None
    if rule.role == STANDING_COMMITTEE:
        keep, rule = standing_committee_ids(session), replace(rule, role=None)
    if group_id is not None:
        members = set(group_members(session, group_id))
        keep = members if keep is None else keep & members
    return [rows[i].id for i in filter_rows(rows, rule) if keep is None or rows[i].id in keep]


def standing_committee_ids(session: Session) -> set[int]:
    """常委会组成人员: who holds 主席, 副主席, 秘书长 or 常委 in a current membership of this (district)
    committee — not a 市政协常委 who is only a 委员 here, nor a 常委 of a past term."""
    return set(session.exec(select(Membership.person_id).where(
        Membership.level == Level.DISTRICT, Membership.active.is_(True),
        Membership.role.in_([role.value for role in STANDING_COMMITTEE_ROLES]))))


UNCHANGED = object()  # update_invitee: leave the 排序 as it is (callers that do not edit it)
PROTOCOL_RANK_MAX = 9999


@writes(Area.ATTENDANCE)
def update_invitee(session: Session, attendance_id: int, *, role: str, seat_no=None, speech_order: int | None = None,
                   speech_title=None, notes=None, protocol_rank=UNCHANGED,
                   expected_version: int | None = None) -> None:
    """`protocol_rank`: 排序 of 领导/特邀 (1…9999, smaller first), None for none; omitted: kept."""
    attendance = get_row(session, Attendance, attendance_id, "参会记录", expected_version)
    errors = FieldErrors()
    checked_role = errors.check(_check_role, role)
    seat = errors.check(optional_text, seat_no, "座位号", 20, "seat_no")
    speech_order = errors.check(optional_number, speech_order, "发言顺序", "speech_order", high=NUMBER_MAX)
    rank = attendance.protocol_rank if protocol_rank is UNCHANGED else protocol_rank
    if rank is not None and (type(rank) is not int or not 1 <= rank <= PROTOCOL_RANK_MAX):
        errors.add(f"排序须为 1 至 {PROTOCOL_RANK_MAX} 的整数（数字小者在前），不排可留空。", "protocol_rank")
    title = errors.check(optional_text, speech_title, "发言题目", 200, "speech_title")
    note = errors.check(optional_text, notes, "备注", 300, "notes")
    errors.raise_if_any()
    attendance.role, attendance.seat_no, attendance.speech_order = checked_role, seat, speech_order
    attendance.speech_title, attendance.notes, attendance.protocol_rank = title, note, rank
    session.add(attendance)
    session.flush()


@writes(Area.ATTENDANCE)
def record_reply(session: Session, attendance_id: int, status: str, *, leave_reason=None,
                 leave_approved_by=None, expected_version: int | None = None) -> None:
    """回执: 已确认, 请假 (with a reason and who approved it), 未回复 …"""
    attendance = get_row(session, Attendance, attendance_id, "参会记录", expected_version)
    if status not in set(InviteStatus):
        raise ValidationError(f"未知的回复状态“{status}”。", field="invite_status")
    if status == InviteStatus.LEAVE and not (leave_reason or "").strip():
        raise ValidationError("请假须填写请假事由。", field="leave_reason")
    attendance.invite_status = status
    leave = status == InviteStatus.LEAVE
    attendance.leave_reason = optional_text(leave_reason, "请假事由", 200, "leave_reason") if leave else None
    attendance.leave_approved_by = optional_text(leave_approved_by, "批准人", 50, "leave_approved_by") if leave \
        else None
    session.add(attendance)
    session.flush()


@writes(Area.ATTENDANCE)
def set_status_bulk(session: Session, attendance_ids: Iterable[int], status: str, *, leave_reason=None,
                    leave_approved_by=None) -> int:
    """Mark many replies at once (e.g. 已通知 for 40 people); returns how many changed."""
    changed = 0
    for attendance_id in attendance_ids:
        attendance = get_row(session, Attendance, attendance_id, "参会记录")
        if attendance.invite_status != status or status == InviteStatus.LEAVE:
            record_reply(session, attendance_id, status, leave_reason=leave_reason,
                         leave_approved_by=leave_approved_by)
            changed += 1
    return changed


@writes(Area.ATTENDANCE)
def set_role_bulk(session: Session, attendance_ids: Iterable[int], role: str) -> int:
    _check_role(role)
    changed = 0
    for attendance_id in attendance_ids:
        attendance = get_row(session, Attendance, attendance_id, "参会记录")
        if attendance.role != role:
            attendance.role = role
            session.add(attendance)
            changed += 1
    session.flush()
    return changed


def invitees_remove_refusal(session: Session, attendance_ids: Iterable[int]) -> str | None:
    """Why these people cannot be taken off the list (asked before "将…移出参会名单吗？"), or None."""
    rows = [get_row(session, Attendance, attendance_id, "参会记录") for attendance_id in attendance_ids]
    signed = [session.get(Person, row.person_id).name for row in rows if row.checked_in_at is not None]
    if signed:
        return f"{'、'.join(signed[:5])}已签到，不能从名单中移除；如签到有误，请先在签到模式中撤销签到。"
    return None


@writes(Area.ATTENDANCE)
def remove_invitees(session: Session, attendance_ids: Iterable[int]) -> int:
    """Take people off the list — not those who already signed in (that is attendance, not an invitation)."""
    attendance_ids = list(attendance_ids)
    refusal = invitees_remove_refusal(session, attendance_ids)
    if refusal:
        raise InUseError(refusal)
    rows = [get_row(session, Attendance, attendance_id, "参会记录") for attendance_id in attendance_ids]
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


@writes(Area.ATTENDANCE)
def set_speech_order(session: Session, meeting_id: int, attendance_ids: list[int]) -> None:
    """发言安排: the given people speak in this order (1, 2, 3 …); others have no booked slot."""
    wanted = {attendance_id: order for order, attendance_id in enumerate(attendance_ids, start=1)}
    for attendance in session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        order = wanted.get(attendance.id)
        if attendance.speech_order != order:
            attendance.speech_order = order
            session.add(attendance)
    session.flush()


# -- the day: sign-in ---------------------------------------------------------------------------------------

def find_for_check_in(rows: list[InviteeRow], query: str) -> list[InviteeRow]:
    """Who the text at the door means: a seat number or 参会编号 (also from a barcode scanner), a name,
    part of a name, or pinyin initials. Exact matches win over partial ones."""
    text = normalize_name(query).lower()
    if not text:
        return []
    if text.isdigit():
        by_seat = [r for r in rows if r.seat_no and r.seat_no.strip() == text]
        by_number = [r for r in rows if str(r.attendance_id) == text.lstrip("0")]
        return by_seat or by_number
    exact = [r for r in rows if r.name.lower() == text]
    if exact:
        return exact
    if re.fullmatch(r"[a-z]+", text):
        initials = [r for r in rows if any(v == text for v in r.initials)]
        return initials or [r for r in rows if any(v.startswith(text) for v in r.initials)]
    return [r for r in rows if text in r.name.lower()]


@writes(Area.ATTENDANCE)
def check_in(session: Session, attendance_id: int, at: datetime | None = None) -> datetime:
    """Sign someone in; returns the time recorded (the door's window shows it without reading the list)."""
    attendance = get_row(session, Attendance, attendance_id, "参会记录")
    if attendance.checked_in_at is not None:
        name = session.get(Person, attendance.person_id).name
        raise ValidationError(f"{name}已于 {attendance.checked_in_at:%H:%M} 签到，无需重复签到。")
    attendance.checked_in_at = at or now()
    session.add(attendance)
    session.flush()
    return attendance.checked_in_at


@writes(Area.ATTENDANCE)
def undo_check_in(session: Session, attendance_id: int) -> None:
    attendance = get_row(session, Attendance, attendance_id, "参会记录")
    attendance.checked_in_at = None
    if attendance.result == AttendanceResult.PRESENT:
        attendance.result = None
    session.add(attendance)
    session.flush()


@writes(Area.ATTENDANCE, Area.PEOPLE)
def add_walk_in(session: Session, meeting_id: int, *, person_id: int | None = None, name: str | None = None,
                employer_title: str | None = None, role: str = AttendanceRole.OBSERVE) -> int:
    """Someone not on the list arrives: add them (a new guest if not in the register) and sign them in."""
    if person_id is None:
        others = next((v.id for v in list_values(session, "guest_category") if v.name == "其他"), None)
        person_id = save_person(session, PersonData(name=name or "", employer_title=employer_title,
                                                    guest_category_id=others))
    attendance_id = invite(session, meeting_id, person_id, role, invite_status=InviteStatus.CONFIRMED)
    attendance = session.get(Attendance, attendance_id)
    attendance.walk_in = True
    attendance.checked_in_at = now()
    session.add(attendance)
    session.flush()
    return attendance_id


@writes(Area.ATTENDANCE)
def finalize_attendance(session: Session, meeting_id: int) -> None:
    """After the meeting: 出席 if checked in (or ticked from the paper 签到表), 请假 if leave was recorded,
    otherwise 缺席."""
    for attendance in session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        if attendance.checked_in_at is not None or attendance.result == AttendanceResult.PRESENT:
            result = AttendanceResult.PRESENT
        elif attendance.invite_status == InviteStatus.LEAVE:
            result = AttendanceResult.LEAVE
        else:
            result = AttendanceResult.ABSENT
        if attendance.result != result:
            attendance.result = result
            session.add(attendance)
    session.flush()


# -- saved groups (常用名单) -------------------------------------------------------------------------------------

@writes(Area.GROUPS)
def save_group(session: Session, name: str, person_ids: Iterable[int]) -> int:
    """Create or replace a saved group of people, e.g. 经济界别召集人."""
    name = required_text(name, "名单名称", 100, "name")
    group = session.exec(select(PersonGroup).where(PersonGroup.name == name)).first()
    if group is None:
        group = PersonGroup(name=name)
        session.add(group)
        session.flush()
    for member in session.exec(select(PersonGroupMember).where(PersonGroupMember.group_id == group.id)):
        session.delete(member)
    session.flush()
    for pid in dict.fromkeys(person_ids):
        session.add(PersonGroupMember(group_id=group.id, person_id=pid))
    session.flush()
    return group.id


def list_groups(session: Session) -> list[tuple[int, str, int]]:
    """(id, name, member count) of every saved group, in stroke order of the name (text_key: not the
    database's collation, which differs between SQLite and a PostgreSQL server)."""
    groups = sorted(session.exec(select(PersonGroup)).all(), key=lambda g: (text_key(g.name), g.id))
    counts = {g.id: len(group_members(session, g.id)) for g in groups}
    return [(g.id, g.name, counts[g.id]) for g in groups]


def group_members(session: Session, group_id: int) -> list[int]:
    return list(session.exec(select(PersonGroupMember.person_id).where(PersonGroupMember.group_id == group_id)))
