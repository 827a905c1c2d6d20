"""Reading meetings for screens, sheets and exports: plain rows, counts by aggregate queries."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, extract, func
from sqlmodel import Session, select

from models.services.common import get_row, nulls_low
from models.services.people_list import load_people
from models.tables import AgendaItem, Attendance, Meeting, MeetingFormat, Topic
from models.vocab import AttendanceResult, AttendanceRole, InviteStatus

ROLE_ORDER = {role.value: index for index, role in enumerate(AttendanceRole)}


@dataclass(frozen=True)
class MeetingRow:
    id: int
    version: int
    format_id: int
    format_name: str
    format_code: str | None
    title: str
    topic_id: int | None
    topic_title: str
    starts_at: datetime | None
    ends_at: datetime | None
    venue: str
    host: str
    undertaker: str
    contact_name: str
    contact_phone: str
    status: str
    notes: str
    minutes: str
    notice_text: str
    invited: int = 0
    confirmed: int = 0
    on_leave: int = 0
    attended: int = 0

    @property
    def year(self) -> int | None:
        return self.starts_at.year if self.starts_at else None


@dataclass(frozen=True)
class AgendaRow:
    id: int
    version: int
    position: int
    time_text: str
    title: str
    speaker: str
    notes: str


@dataclass(frozen=True)
class InviteeRow:
    """One person on a meeting's list, with what sheets and screens need about them."""

    attendance_id: int
    version: int
    person_id: int
    name: str
    gender: str
    employer_title: str
    party: str
    sector: str
    levels: str
    member_role: str  # 身份 in the committee: 常委, 委员 …
    guest_category: str
    mobile: str
    office_phone: str
    role: str  # 参会角色: 主持, 出席, 列席 …
    invite_status: str
    leave_reason: str
    leave_approved_by: str
    checked_in_at: datetime | None
    result: str
    seat_no: str
    speech_order: int | None
    speech_title: str
    walk_in: bool
    notes: str
    sort_stroke: str
    sort_pinyin: str
    initials: tuple[str, ...]
    protocol_rank: int | None = None  # 排序 of 领导/特邀: smaller = more senior (models/seat_order.py)

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def on_leave(self) -> bool:
        return self.invite_status == InviteStatus.LEAVE


def _count_columns():
    present = Attendance.checked_in_at.is_not(None) | (Attendance.result == AttendanceResult.PRESENT)
    return (func.count(Attendance.id).label("invited"),
            func.sum(case((Attendance.invite_status == InviteStatus.CONFIRMED, 1), else_=0)).label("confirmed"),
            func.sum(case((Attendance.invite_status == InviteStatus.LEAVE, 1), else_=0)).label("on_leave"),
            func.sum(case((present, 1), else_=0)).label("attended"))


def list_meetings(session: Session, year: int | None = None, meeting_ids: list[int] | None = None) -> list[MeetingRow]:
    """Meetings (of a year, or those given), newest first, with invited/confirmed/leave/attended counts."""
    query = (select(Meeting, MeetingFormat.name, MeetingFormat.code, Topic.title, *_count_columns())
             .join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
             .join(Topic, Topic.id == Meeting.topic_id, isouter=True)
             .join(Attendance, Attendance.meeting_id == Meeting.id, isouter=True)
             .group_by(Meeting.id, MeetingFormat.name, MeetingFormat.code, Topic.title)
             .order_by(*nulls_low(Meeting.starts_at, descending=True), Meeting.id.desc()))
    if year is not None:
        query = query.where(extract("year", Meeting.starts_at) == year)
    if meeting_ids is not None:
        query = query.where(Meeting.id.in_(meeting_ids))
    return [_meeting_row(m, fmt, code, topic, invited, confirmed, leave, attended)
            for m, fmt, code, topic, invited, confirmed, leave, attended in session.exec(query)]


def _meeting_row(m: Meeting, fmt, code, topic, invited=0, confirmed=0, leave=0, attended=0) -> MeetingRow:
    return MeetingRow(
        id=m.id, version=m.version, format_id=m.format_id, format_name=fmt, format_code=code, title=m.title,
        topic_id=m.topic_id, topic_title=topic or "", starts_at=m.starts_at, ends_at=m.ends_at, venue=m.venue or "",
        host=m.host or "", undertaker=m.undertaker or "", contact_name=m.contact_name or "",
        contact_phone=m.contact_phone or "", status=m.status, notes=m.notes or "", minutes=m.minutes or "",
        notice_text=m.notice_text or "", invited=invited or 0, confirmed=confirmed or 0, on_leave=leave or 0,
        attended=attended or 0)


def get_meeting(session: Session, meeting_id: int) -> MeetingRow:
    get_row(session, Meeting, meeting_id, "会议")
    return list_meetings(session, meeting_ids=[meeting_id])[0]


def meeting_years(session: Session) -> list[int]:
    years = session.exec(select(extract("year", Meeting.starts_at)).where(Meeting.starts_at.is_not(None))
                         .distinct()).all()
    return sorted({int(y) for y in years if y is not None}, reverse=True)


def list_agenda(session: Session, meeting_id: int) -> list[AgendaRow]:
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                         .order_by(AgendaItem.position, AgendaItem.id))
    return [AgendaRow(i.id, i.version, i.position, i.time_text or "", i.title, i.speaker or "", i.notes or "")
            for i in items]


def list_invitees(session: Session, meeting_id: int) -> list[InviteeRow]:
    """Everyone on the list, in CPPCC stroke order of their names."""
    attendances = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
    people = {row.id: row for row in load_people(session, [a.person_id for a in attendances])}
    rows = []
    for a in attendances:
        p = people[a.person_id]
        rows.append(InviteeRow(
            attendance_id=a.id, version=a.version, person_id=a.person_id, name=p.name, gender=p.gender,
            employer_title=p.employer_title, party=p.party, sector=p.sector, levels=p.levels, member_role=p.role,
            guest_category=p.guest_category, mobile=p.mobile, office_phone=p.office_phone, role=a.role,
            invite_status=a.invite_status, leave_reason=a.leave_reason or "",
            leave_approved_by=a.leave_approved_by or "",
            checked_in_at=a.checked_in_at, result=a.result or "", seat_no=a.seat_no or "", speech_order=a.speech_order,
            speech_title=a.speech_title or "", walk_in=a.walk_in, notes=a.notes or "", sort_stroke=p.sort_stroke,
            sort_pinyin=p.sort_pinyin, initials=p.initials, protocol_rank=a.protocol_rank))
    rows.sort(key=lambda r: (r.sort_stroke, r.person_id))
    return rows


@dataclass(frozen=True)
class AttendanceCounts:
    """应到 (expected: everyone except staff), 实到, 请假, 缺席 and replies."""

    expected: int
    present: int
    on_leave: int
    absent: int
    confirmed: int
    no_reply: int
    by_role: dict
    by_status: dict


def attendance_counts(rows: list[InviteeRow]) -> AttendanceCounts:
    counted = [r for r in rows if r.role != AttendanceRole.STAFF]
    by_role, by_status = {}, {}
    for r in rows:
        by_role[r.role] = by_role.get(r.role, 0) + 1
        by_status[r.invite_status] = by_status.get(r.invite_status, 0) + 1
    came = [r.checked_in or r.result == AttendanceResult.PRESENT for r in counted]
    present = sum(came)
    leave = sum(1 for r, c in zip(counted, came, strict=True) if r.on_leave and not c)  # on leave, came anyway: 出席
    return AttendanceCounts(
        expected=len(counted), present=present, on_leave=leave, absent=len(counted) - present - leave,
        confirmed=by_status.get(InviteStatus.CONFIRMED, 0),
        no_reply=by_status.get(InviteStatus.NO_REPLY, 0) + by_status.get(InviteStatus.PENDING, 0)
        + by_status.get(InviteStatus.NOTIFIED, 0),
        by_role=dict(sorted(by_role.items(), key=lambda kv: ROLE_ORDER.get(kv[0], 99))),
        by_status=by_status)


def chinese_date(value: date | datetime | None, *, with_time: bool = True) -> str:
    """2023年5月18日（星期四）14:00 — the form users expect on sheets and screens."""
    if value is None:
        return ""
    weekday = "一二三四五六日"[value.weekday()]
    text = f"{value.year}年{value.month}月{value.day}日（星期{weekday}）"
    if with_time and isinstance(value, datetime):
        text += f"{value:%H:%M}"
    return text


__all__ = ["AgendaRow", "AttendanceCounts", "InviteeRow", "MeetingRow", "attendance_counts",
           "chinese_date", "get_meeting", "list_agenda", "list_invitees", "list_meetings", "meeting_years"]
