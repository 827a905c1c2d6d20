"""会议/活动 with its agenda and its invitees (attendance)."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, Relationship

from models.tables.base import Entity, datetime_field, text_field
from models.tables.people import Person
from models.vocab import AttendanceRole, InviteStatus, MeetingStatus


class Meeting(Entity, table=True):
    __tablename__ = "meeting"
    format_id: int = Field(foreign_key="meeting_format.id", index=True)
    title: str = Field(max_length=200, nullable=False)
    topic_id: int | None = Field(default=None, foreign_key="topic.id", index=True)
    starts_at: datetime | None = datetime_field(index=True)
    ends_at: datetime | None = datetime_field()
    venue: str | None = Field(default=None, max_length=200)
    host: str | None = Field(default=None, max_length=100)  # 主持人
    undertaker: str | None = Field(default=None, max_length=200)  # 承办单位
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: str | None = Field(default=None, max_length=50)
    status: str = Field(default=MeetingStatus.PREPARING, max_length=10, nullable=False, index=True)
    minutes: str | None = text_field()  # 会议纪要
    notes: str | None = text_field()
    notice_text: str | None = text_field()  # 会议通知 as edited before printing
    cloned_from_id: int | None = Field(default=None, foreign_key="meeting.id")

    agenda_items: list["AgendaItem"] = Relationship(
        back_populates="meeting",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "AgendaItem.position"})
    attendances: list["Attendance"] = Relationship(
        back_populates="meeting", sa_relationship_kwargs={"cascade": "all, delete-orphan"})


class AgendaItem(Entity, table=True):
    __tablename__ = "agenda_item"
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0, nullable=False)
    time_text: str | None = Field(default=None, max_length=20)  # "14:00" or "14:00-14:20"
    title: str = Field(max_length=300, nullable=False)
    speaker: str | None = Field(default=None, max_length=100)
    notes: str | None = Field(default=None, max_length=300)

    meeting: Meeting = Relationship(back_populates="agenda_items")


class Attendance(Entity, table=True):
    """参会人员: one person invited to one meeting, the reply, and the final attendance."""

    __tablename__ = "attendance"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "person_id"),)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(default=AttendanceRole.ATTEND, max_length=10, nullable=False, index=True)
    invite_status: str = Field(default=InviteStatus.PENDING, max_length=10, nullable=False, index=True)
    leave_reason: str | None = Field(default=None, max_length=200)
    leave_approved_by: str | None = Field(default=None, max_length=50)
    checked_in_at: datetime | None = datetime_field()
    # 出席/请假/缺席 once the meeting is over; empty before.
    result: str | None = Field(default=None, max_length=4, index=True)
    seat_no: str | None = Field(default=None, max_length=20)
    # 排序: the protocol order of 领导/特邀 (smaller = more senior); empty: by 参会角色, 身份 and strokes.
    protocol_rank: int | None = Field(default=None)
    speech_order: int | None = Field(default=None)
    speech_title: str | None = Field(default=None, max_length=200)
    walk_in: bool = Field(default=False, nullable=False)
    notes: str | None = Field(default=None, max_length=300)

    meeting: Meeting = Relationship(back_populates="attendances")
    person: Person = Relationship()


class SeatPlan(Entity, table=True):
    """座次: a meeting's room layout and what was saved with it. The seats themselves live on the invitees
    (attendance.seat_no, which sign-in, 桌签 and 座次表 read); `seated` is the arrangement as saved, kept to
    tell later who has left or changed since (models/services/seat_plans.py)."""

    __tablename__ = "seat_plan"
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", unique=True)
    # LayoutSpec.to_dict() as JSON: a snapshot, so a later edit of the template does not move a past meeting.
    layout: str = Field(sa_type=sa.Text(), nullable=False)
    template_name: str | None = Field(default=None, max_length=50)
    locked: str = Field(default="[]", sa_type=sa.Text(), nullable=False)  # JSON list of seat numbers
    seated: str = Field(default="{}", sa_type=sa.Text(), nullable=False)  # JSON {seat number: attendance id}
