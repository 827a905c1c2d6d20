"""补录出席: after the meeting, who signed the paper 签到表, ticked in bulk. No sign-in time is invented —
those ticked are recorded as 出席 without one (the time only ever comes from the door)."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import ValidationError
from models.services.common import get_row
from models.tables import Attendance, Meeting
from models.vocab import AttendanceResult, InviteStatus, MeetingStatus


@dataclass(frozen=True)
class PaperResult:
    marked: int  # newly recorded as 出席
    cleared: int  # 出席 taken back (unticked, and never signed in at the door)

    def message(self) -> str:
        return f"已补录出席 {self.marked} 人，取消出席 {self.cleared} 人（不记录签到时间）。"


def _not_present(attendance: Attendance, held: bool) -> str | None:
    """What an unticked 出席 goes back to: the held meeting's rule (invitees.finalize_attendance), else nothing."""
    if not held:
        return None
    return AttendanceResult.LEAVE if attendance.invite_status == InviteStatus.LEAVE else AttendanceResult.ABSENT


@writes(Area.ATTENDANCE)
def record_paper_attendance(session: Session, meeting_id: int, present: Iterable[int]) -> PaperResult:
    """`present`: the attendance ids ticked. Those signed in at the door stay as they are whatever is ticked
    (undo a check-in in 签到模式); the others become 出席 if ticked, and stop being 出席 if not."""
    meeting = get_row(session, Meeting, meeting_id, "会议")
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.ARCHIVED):
        raise ValidationError(f"会议状态为“{meeting.status}”，不能补录出席。")
    held = meeting.status == MeetingStatus.HELD
    wanted = set(present)
    rows = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
    unknown = wanted - {a.id for a in rows}
    if unknown:
        raise ValidationError("勾选的人员中有不在本次会议名单中的，请关闭后重新打开再补录。")
    marked = cleared = 0
    for attendance in rows:
        if attendance.checked_in_at is not None:
            continue
        was = attendance.result == AttendanceResult.PRESENT
        if attendance.id in wanted and not was:
            attendance.result, marked = AttendanceResult.PRESENT, marked + 1
        elif attendance.id not in wanted and was:
            attendance.result, cleared = _not_present(attendance, held), cleared + 1
        else:
            continue
        session.add(attendance)
    session.flush()
    return PaperResult(marked, cleared)
