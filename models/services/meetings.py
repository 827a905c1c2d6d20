"""会议/活动: creating meetings, agenda, invitations, replies, sign-in and final attendance."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from models.clock import now
from models.errors import ValidationError
from models.services.common import get_row, optional_text, required_text
from models.tables import AgendaItem, Attendance, Meeting, Person
from models.vocab import (
    MEETING_TRANSITIONS,
    AttendanceResult,
    AttendanceRole,
    InviteStatus,
    MeetingStatus,
    allowed_next,
)


def create_meeting(session: Session, *, format_id: int, title: str, starts_at: datetime | None,
                   ends_at: datetime | None = None, venue=None, host=None, undertaker=None,
                   contact_name=None, contact_phone=None, topic_id: int | None = None,
                   notes=None) -> int:
    if starts_at is None:
        raise ValidationError("请填写会议日期和时间。", field="starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError("结束时间不能早于开始时间。", field="ends_at")
    meeting = Meeting(
        format_id=format_id, title=required_text(title, "会议名称", 200, "title"), starts_at=starts_at,
        ends_at=ends_at, venue=optional_text(venue, "地点", 200, "venue"),
        host=optional_text(host, "主持人", 100, "host"), undertaker=optional_text(undertaker, "承办单位", 200),
        contact_name=optional_text(contact_name, "联系人", 50),
        contact_phone=optional_text(contact_phone, "联系电话", 50), topic_id=topic_id, notes=notes,
    )
    session.add(meeting)
    session.flush()
    return meeting.id


def add_agenda_item(session: Session, meeting_id: int, title: str, *, time_text=None, speaker=None) -> int:
    last = session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)).one()
    item = AgendaItem(meeting_id=meeting_id, position=(last or 0) + 1,
                      title=required_text(title, "议程内容", 300, "title"),
                      time_text=optional_text(time_text, "时间", 20), speaker=optional_text(speaker, "发言人", 100))
    session.add(item)
    session.flush()
    return item.id


def invite(session: Session, meeting_id: int, person_id: int, role: str = AttendanceRole.ATTEND, *,
           invite_status: str = InviteStatus.PENDING, seat_no=None, speech_order=None,
           speech_title=None) -> int:
    """Put a person on a meeting's list; the same person twice is refused with a message."""
    existing = session.exec(select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)).first()
    if existing is not None:
        name = session.get(Person, person_id).name
        raise ValidationError(f"{name}已在本次会议的参会名单中（角色：{existing.role}），不能重复添加。")
    attendance = Attendance(meeting_id=meeting_id, person_id=person_id, role=role,
                            invite_status=invite_status, seat_no=seat_no, speech_order=speech_order,
                            speech_title=speech_title)
    session.add(attendance)
    session.flush()
    return attendance.id


def record_reply(session: Session, attendance_id: int, status: str, *, leave_reason=None,
                 leave_approved_by=None) -> None:
    attendance = get_row(session, Attendance, attendance_id, "参会记录")
    if status not in set(InviteStatus):
        raise ValidationError(f"未知的回复状态“{status}”。")
    if status == InviteStatus.LEAVE and not (leave_reason or "").strip():
        raise ValidationError("请假须填写请假事由。", field="leave_reason")
    attendance.invite_status = status
    attendance.leave_reason = optional_text(leave_reason, "请假事由", 200) if status == InviteStatus.LEAVE else None
    attendance.leave_approved_by = (optional_text(leave_approved_by, "批准人", 50)
                                    if status == InviteStatus.LEAVE else None)
    session.add(attendance)
    session.flush()


def check_in(session: Session, attendance_id: int, at: datetime | None = None) -> None:
    attendance = get_row(session, Attendance, attendance_id, "参会记录")
    attendance.checked_in_at = at or now()
    session.add(attendance)
    session.flush()


def finalize_attendance(session: Session, meeting_id: int) -> None:
    """After the meeting: 出席 if checked in, 请假 if leave was recorded, otherwise 缺席."""
    for attendance in session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        if attendance.checked_in_at is not None:
            result = AttendanceResult.PRESENT
        elif attendance.invite_status == InviteStatus.LEAVE:
            result = AttendanceResult.LEAVE
        else:
            result = AttendanceResult.ABSENT
        if attendance.result != result:
            attendance.result = result
            session.add(attendance)
    session.flush()


def change_meeting_status(session: Session, meeting_id: int, status: str, *,
                          expected_version: int | None = None) -> None:
    meeting = get_row(session, Meeting, meeting_id, "会议", expected_version)
    if status == meeting.status:
        return
    allowed = allowed_next(MEETING_TRANSITIONS, meeting.status)
    if status not in allowed:
        names = "、".join(allowed) or "无"
        raise ValidationError(f"会议状态不能从“{meeting.status}”改为“{status}”。可改为：{names}。")
    meeting.status = status
    session.add(meeting)
    session.flush()
    if status == MeetingStatus.HELD:
        finalize_attendance(session, meeting_id)
