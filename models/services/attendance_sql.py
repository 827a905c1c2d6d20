"""Final attendance as SQL expressions, so statistics count 实到/请假/缺席 with GROUP BY.

The same rule as models.services.meeting_queries.attendance_counts and invitees.finalize_attendance:
出席 when checked in (or recorded 出席); otherwise 请假 when leave was recorded; otherwise 缺席.
工作人员 are on the list but never counted (应到 excludes them).
"""

from sqlalchemy import case, func, or_

from models.tables import Attendance
from models.vocab import AttendanceResult, AttendanceRole, InviteStatus

COUNTED = Attendance.role != AttendanceRole.STAFF

_PRESENT = or_(Attendance.checked_in_at.is_not(None), Attendance.result == AttendanceResult.PRESENT)
_LEAVE = or_(Attendance.result == AttendanceResult.LEAVE, Attendance.invite_status == InviteStatus.LEAVE)


def present_flag():
    """1 for a row counted 出席, else 0."""
    return case((_PRESENT, 1), else_=0)


def leave_flag():
    """1 for a row counted 请假, else 0. CASE takes the first true branch: someone checked in is never also on leave."""
    return case((_PRESENT, 0), (_LEAVE, 1), else_=0)


def present_sum():
    return func.coalesce(func.sum(present_flag()), 0)


def leave_sum():
    return func.coalesce(func.sum(leave_flag()), 0)


def invited_count():
    return func.count(Attendance.id)


__all__ = ["COUNTED", "invited_count", "leave_flag", "leave_sum", "present_flag", "present_sum"]
