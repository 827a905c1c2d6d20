"""The one place that says which colour means what. Every list, message and legend takes its colours from
here, so a colour always means the same: green done/present, amber leave or waiting, red absent, missing or
needing attention, grey no longer in play. Text colours (on white), dark enough to read.

A status that is not listed here is shown in the normal text colour.
"""

from models.vocab import AttendanceResult, InviteStatus, MeetingStatus, TopicStatus

GOOD = "#1B6E20"  # green: 出席, 已确认, 已召开, 优秀
WAIT = "#8A5A00"  # amber: 请假, 延期, 已安排会议
BAD = "#B3261E"  # red: 缺席, 未回复, 超期, 不称职, 谈话提醒, 文件缺失
INFO = "#0B4F8A"  # blue: a neutral notice (several matches)
MUTED = "#8A94A3"  # grey: 已取消, 未采用, 已停用, 已离任, 已在名单中
BAD_BACKGROUND = "#F9D6D5"  # pale red behind a cell whose value is refused (the score grid)

INVITE_STATUS = {InviteStatus.CONFIRMED: GOOD, InviteStatus.LEAVE: WAIT, InviteStatus.NO_REPLY: BAD}
ATTENDANCE_RESULT = {AttendanceResult.PRESENT: GOOD, AttendanceResult.LEAVE: WAIT, AttendanceResult.ABSENT: BAD}
TOPIC_STATUS = {TopicStatus.REJECTED: MUTED, TopicStatus.POSTPONED: WAIT}
MEETING_STATUS = {MeetingStatus.CANCELLED: MUTED}

# Legends shown under the lists that use these colours: (colour, what it means).
INVITEE_LEGEND = ((GOOD, "已确认 / 出席"), (WAIT, "请假"), (BAD, "未回复 / 缺席"))
REMINDER_MARK = "需谈话"  # the 谈话提醒 column's text: a mark of its own, not a colour over the whole row


def band_colour(band: str, bands: list[str]) -> str | None:
    """A score band by its place: the best band green, the lowest red, those between in plain text.
    `bands` lists the scheme's bands best first, the lowest last."""
    if len(bands) < 2 or band not in bands:
        return None
    return GOOD if band == bands[0] else BAD if band == bands[-1] else None


def band_legend(bands: list[str], *, reminders: bool = True) -> tuple[tuple[str, str], ...]:
    items = [(GOOD, f"等次“{bands[0]}”"), (BAD, f"等次“{bands[-1]}”")] if len(bands) >= 2 else []
    if reminders:
        items.append((BAD, f"“{REMINDER_MARK}”：列入谈话提醒名单"))
    return tuple(items)


__all__ = ["ATTENDANCE_RESULT", "BAD", "BAD_BACKGROUND", "GOOD", "INFO", "INVITEE_LEGEND", "INVITE_STATUS",
           "MEETING_STATUS", "MUTED", "REMINDER_MARK", "TOPIC_STATUS", "WAIT", "band_colour", "band_legend"]
