"""会议/活动 as a record: create, edit, clone, status, delete, minutes, notice text and agenda."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.clock import now
from models.errors import FieldErrors, InUseError, ValidationError
from models.numbering import hold_numbering
from models.services.common import get_row, optional_text, required_text
from models.services.invitees import finalize_attendance
from models.services.seat_plans import copy_seat_plan
from models.tables import (
    AgendaItem,
    Aspect,
    Attachment,
    Attendance,
    Bulletin,
    FieldVisit,
    Meeting,
    PlanItem,
    Recommendation,
)
from models.text import clean_block, clean_line, quoted
from models.vocab import MEETING_TRANSITIONS, InviteStatus, MeetingStatus, allowed_next

DEFAULT_LENGTH = timedelta(hours=2)  # a new meeting ends two hours after it starts unless told otherwise
MAX_LENGTH = timedelta(days=1)  # longer is a typing slip (a wrong year or month), not a meeting


@dataclass
class MeetingData:
    format_id: int | None
    title: str
    starts_at: datetime | None
    ends_at: datetime | None = None
    venue: str | None = None
    host: str | None = None
    undertaker: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    topic_id: int | None = None
    notes: str | None = None
    id: int | None = None
    version: int | None = None


def check_meeting(data: MeetingData) -> None:
    """Every problem of the basic information at once (one ValidationError)."""
    errors = FieldErrors()
    if data.format_id is None:
        errors.add("请选择会议形式。", "format_id")
    errors.check(required_text, data.title, "会议名称", 200, "title")
    if data.starts_at is None:
        errors.add("请填写会议日期和时间。", "starts_at")
    elif data.ends_at is not None and data.ends_at < data.starts_at:
        errors.add("结束时间不能早于开始时间。", "ends_at")
    elif data.ends_at is not None and data.ends_at - data.starts_at > MAX_LENGTH:
        errors.add(f"结束时间 {data.ends_at:%Y-%m-%d %H:%M} 比开始时间 {data.starts_at:%Y-%m-%d %H:%M} "
                   "晚了一天以上，请检查结束时间的日期。", "ends_at")
    for value, label, length, field in ((data.venue, "地点", 200, "venue"), (data.host, "主持人", 100, "host"),
                                        (data.undertaker, "承办单位", 200, "undertaker"),
                                        (data.contact_name, "联系人", 50, "contact_name"),
                                        (data.contact_phone, "联系电话", 50, "contact_phone")):
        errors.check(optional_text, value, label, length, field)
    errors.raise_if_any()


def meeting_warnings(data: MeetingData) -> list[str]:
    """Allowed but worth a second look before saving (the screen asks to confirm)."""
    warnings = []
    if data.id is None and data.starts_at is not None and data.starts_at < now():
        warnings.append(f"会议时间 {data.starts_at:%Y-%m-%d %H:%M} 已经过去。如是补录已召开的会议，可以继续保存。")
    return warnings


@writes(Area.MEETINGS)
def save_meeting(session: Session, data: MeetingData) -> int:
    """Create (no id) or update (id + the version that was read) a meeting's basic information."""
    check_meeting(data)
    meeting = Meeting(format_id=data.format_id, title="") if data.id is None else \
        get_row(session, Meeting, data.id, "会议", data.version)
    meeting.format_id = data.format_id
    meeting.title = required_text(data.title, "会议名称", 200, "title")
    meeting.starts_at, meeting.ends_at = data.starts_at, data.ends_at
    meeting.venue = optional_text(data.venue, "地点", 200, "venue")
    meeting.host = optional_text(data.host, "主持人", 100, "host")
    meeting.undertaker = optional_text(data.undertaker, "承办单位", 200, "undertaker")
    meeting.contact_name = optional_text(data.contact_name, "联系人", 50, "contact_name")
    meeting.contact_phone = optional_text(data.contact_phone, "联系电话", 50, "contact_phone")
    meeting.topic_id = data.topic_id
    meeting.notes = clean_block(data.notes)
    session.add(meeting)
    session.flush()
    return meeting.id


def create_meeting(session: Session, *, format_id: int, title: str, starts_at: datetime | None, **fields) -> int:
    return save_meeting(session, MeetingData(format_id=format_id, title=title, starts_at=starts_at, **fields))


@writes(Area.MEETINGS)
def save_minutes(session: Session, meeting_id: int, minutes: str | None, *,
                 expected_version: int | None = None) -> None:
    meeting = get_row(session, Meeting, meeting_id, "会议", expected_version)
    meeting.minutes = clean_block(minutes)
    session.add(meeting)
    session.flush()


@writes(Area.MEETINGS)
def save_notice_text(session: Session, meeting_id: int, text: str | None) -> None:
    meeting = get_row(session, Meeting, meeting_id, "会议")
    meeting.notice_text = clean_block(text)
    session.add(meeting)
    session.flush()


@writes(Area.MEETINGS, Area.ATTENDANCE)
def change_meeting_status(session: Session, meeting_id: int, status: str, *,
                          expected_version: int | None = None) -> None:
    """Move along 筹备中 → 已发通知 → 已召开 → 已归档 (or 已取消); 已召开 fixes final attendance."""
    meeting = get_row(session, Meeting, meeting_id, "会议", expected_version)
    if status == meeting.status:
        return
    allowed = allowed_next(MEETING_TRANSITIONS, meeting.status)
    if status not in allowed:
        names = "、".join(allowed) or "无"
        raise ValidationError(f"会议状态不能从“{meeting.status}”改为“{status}”。可改为：{names}。", field="status")
    meeting.status = status
    session.add(meeting)
    session.flush()
    if status == MeetingStatus.HELD:
        finalize_attendance(session, meeting_id)


def _moved_end(source: Meeting, starts_at: datetime | None) -> datetime | None:
    """A copy at another time lasts as long as the original (the end follows the start)."""
    if starts_at is None or source.ends_at is None or source.starts_at is None:
        return source.ends_at if starts_at is None else None
    return starts_at + (source.ends_at - source.starts_at)


@writes(Area.MEETINGS, Area.AGENDA, Area.ATTENDANCE)
def clone_meeting(session: Session, meeting_id: int, *, starts_at: datetime | None = None,
                  title: str | None = None) -> int:
    """A new meeting in preparation with the same information, agenda and invitee list — not the replies,
    sign-ins or attendance (everyone starts as 待通知)."""
    source = get_row(session, Meeting, meeting_id, "会议")
    copy = Meeting(format_id=source.format_id, title=clean_line(title) or f"{source.title}（副本）",
                   starts_at=starts_at or source.starts_at, ends_at=_moved_end(source, starts_at),
                   venue=source.venue, host=source.host, undertaker=source.undertaker,
                   contact_name=source.contact_name, contact_phone=source.contact_phone, topic_id=source.topic_id,
                   notes=source.notes, notice_text=None, status=MeetingStatus.PREPARING, cloned_from_id=source.id)
    for item in source.agenda_items:
        copy.agenda_items.append(AgendaItem(position=item.position, time_text=item.time_text, title=item.title,
                                            speaker=item.speaker, notes=item.notes))
    for a in source.attendances:
        copy.attendances.append(Attendance(person_id=a.person_id, role=a.role, invite_status=InviteStatus.PENDING,
                                           seat_no=a.seat_no, protocol_rank=a.protocol_rank,
                                           speech_order=a.speech_order, speech_title=a.speech_title, notes=a.notes))
    session.add(copy)
    session.flush()
    copy_seat_plan(session, source.id, copy.id)  # the seats came with the list: their layout comes too
    return copy.id


def meeting_delete_refusal(session: Session, meeting_id: int) -> str | None:
    """Why this meeting cannot be deleted (asked before "确定删除…？"), or None."""
    meeting = get_row(session, Meeting, meeting_id, "会议")
    invited = session.exec(select(func.count()).select_from(Attendance)
                           .where(Attendance.meeting_id == meeting_id)).one()
    if invited:
        return (f"{quoted(meeting.title)}已有 {invited} 人的参会记录，不能删除。"
                "如会议不再举行，请将其状态改为“已取消”；已召开的会议可“归档”。")
    for table, column, what in ((Recommendation, Recommendation.meeting_id, "条意见建议"),
                                (FieldVisit, FieldVisit.meeting_id, "次调研"),
                                (Bulletin, Bulletin.meeting_id, "期专报"),
                                (Aspect, Aspect.meeting_id, "个建议方面"),
                                (Attachment, Attachment.meeting_id, "个附件")):
        count = session.exec(select(func.count()).select_from(table).where(column == meeting_id)).one()
        if count:
            return f"{quoted(meeting.title)}关联了 {count} {what}，不能删除；请改为“已取消”。"
    return None


@writes(Area.MEETINGS, Area.PLAN)
def delete_meeting(session: Session, meeting_id: int) -> None:
    """Only a meeting nobody was invited to and nothing refers to; otherwise cancel or archive it."""
    meeting = get_row(session, Meeting, meeting_id, "会议")
    refusal = meeting_delete_refusal(session, meeting_id)
    if refusal:
        raise InUseError(refusal)
    for item in session.exec(select(PlanItem).where(PlanItem.meeting_id == meeting_id)):
        item.meeting_id = None  # the plan item stays; it simply has no meeting yet again
        session.add(item)
    session.delete(meeting)
    session.flush()


# -- agenda ---------------------------------------------------------------------------------------------

def _agenda_fields(title, time_text, speaker, notes) -> dict:
    """An agenda item's texts, checked together (one error names every wrong one)."""
    errors = FieldErrors()
    checked = dict(title=errors.check(required_text, title, "议程内容", 300, "title"),
                   time_text=errors.check(optional_text, time_text, "时间", 20, "time_text"),
                   speaker=errors.check(optional_text, speaker, "发言人", 100, "speaker"),
                   notes=errors.check(optional_text, notes, "备注", 300, "notes"))
    errors.raise_if_any()
    return checked


@writes(Area.AGENDA)
def add_agenda_item(session: Session, meeting_id: int, title: str, *, time_text=None, speaker=None,
                    notes=None) -> int:
    hold_numbering(session, f"agenda:{meeting_id}")
    last = session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)).one()
    item = AgendaItem(meeting_id=meeting_id, position=(last or 0) + 1,
                      **_agenda_fields(title, time_text, speaker, notes))
    session.add(item)
    session.flush()
    return item.id


@writes(Area.AGENDA)
def update_agenda_item(session: Session, item_id: int, title: str, *, time_text=None, speaker=None, notes=None,
                       expected_version: int | None = None) -> None:
    item = get_row(session, AgendaItem, item_id, "议程", expected_version)
    for name, value in _agenda_fields(title, time_text, speaker, notes).items():
        setattr(item, name, value)
    session.add(item)
    session.flush()


@writes(Area.AGENDA)
def delete_agenda_item(session: Session, item_id: int) -> None:
    session.delete(get_row(session, AgendaItem, item_id, "议程"))
    session.flush()


@writes(Area.AGENDA)
def move_agenda_item(session: Session, item_id: int, delta: int) -> None:
    item = get_row(session, AgendaItem, item_id, "议程")
    items = list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == item.meeting_id)
                              .order_by(AgendaItem.position, AgendaItem.id)))
    index = items.index(item)
    target = index + delta
    if not 0 <= target < len(items):
        return
    items.insert(target, items.pop(index))
    for position, row in enumerate(items, start=1):
        if row.position != position:
            row.position = position
            session.add(row)
    session.flush()
