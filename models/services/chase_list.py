"""催报名单: who on a meeting's list has not sent a 回执 yet, for the staff who phone round before the
deadline. Worked out from the list as loaded (no query of its own): the meeting window's list, refreshed by
change notices, is the source, so the 催报名单 follows each reply as it is recorded."""

from collections import Counter

from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole, InviteStatus

# Not replied: not yet told, told but silent, or marked as no answer. 已确认 and 请假 are replies.
AWAITING_STATUSES = (InviteStatus.PENDING, InviteStatus.NOTIFIED, InviteStatus.NO_REPLY)


def awaits_reply(row: InviteeRow) -> bool:
    """Staff do not reply to their own meeting; someone already signed in or added at the door has answered."""
    return (row.invite_status in AWAITING_STATUSES and row.role != AttendanceRole.STAFF
            and not row.walk_in and not row.checked_in)


def awaiting_reply(rows: list[InviteeRow]) -> list[InviteeRow]:
    """The invitees still to be chased, in the given order."""
    return [row for row in rows if awaits_reply(row)]


def phones(row: InviteeRow) -> str:
    """Mobile and office phone, whichever are known: the caller tries both."""
    return " ".join(phone for phone in (row.mobile.strip(), row.office_phone.strip()) if phone)


def awaiting_summary(rows: list[InviteeRow]) -> str:
    """"未回执 12 人（待通知 2、已通知 8、未回复 2）" or "全部已回执"."""
    waiting = awaiting_reply(rows)
    if not waiting:
        return "全部已回执"
    counts = Counter(row.invite_status for row in waiting)
    parts = "、".join(f"{status} {counts[status]}" for status in AWAITING_STATUSES if counts[status])
    return f"未回执 {len(waiting)} 人（{parts}）"


__all__ = ["AWAITING_STATUSES", "awaiting_reply", "awaiting_summary", "awaits_reply", "phones"]
