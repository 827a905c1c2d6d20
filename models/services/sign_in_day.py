"""Is today the meeting's day? Sign-in on another day is asked about, since the time goes into the records."""

from datetime import date

from models.dates import format_date
from models.services.meeting_queries import MeetingRow

_WEEKDAYS = "一二三四五六日"


def _day(value: date) -> str:
    return f"{format_date(value)}（星期{_WEEKDAYS[value.weekday()]}）"


def off_day_warning(meeting: MeetingRow, today: date) -> str | None:
    """None on a day of the meeting (from its start to its end date) or when it has no date; otherwise what
    the person at the door is told before the first check-in."""
    if meeting.starts_at is None:
        return None
    first = meeting.starts_at.date()
    last = max(first, meeting.ends_at.date()) if meeting.ends_at else first
    if first <= today <= last:
        return None
    when = f"会议在 {(first - today).days} 天后召开" if today < first else f"会议已于 {(today - last).days} 天前结束"
    return f"今天是{_day(today)}，会议日期是{_day(first)}，{when}。"
