"""What to tell the user before a 会议通知 goes out: the empty fields it would print as blanks, the reply
deadline and the latest send date in working days, where the holidays behind them came from, and a body
whose own words give another reply deadline than its 回执 (a text kept from before the holiday table or the
回执截止日期 changed)."""

import re
from dataclasses import dataclass
from datetime import date

from models.vocab import AttendanceRole
from models.working_days import Counted, source_note

from .notice_text import VENUE_MISSING, chinese_day, month_day
from .sheet_input import SheetInput


def missing_fields(data: SheetInput) -> list[str]:
    """Fields the notice uses that are empty, in the order they appear on it (empty list: nothing missing).

    The 回执 always prints the contact line and the deadline; the body prints time, place and attendees
    when it is the generated one, or where the user's text still holds the generated placeholders."""
    meeting, text = data.meeting, data.options.notice_text
    generated = text is None
    missing = []
    if not meeting.title.strip():
        missing.append("会议名称")
    if meeting.starts_at is None:
        missing.append("会议时间")
    if not meeting.venue.strip() and (generated or VENUE_MISSING in text):
        missing.append("会议地点")
    if generated and not any(p.role != AttendanceRole.STAFF for p in data.invitees):
        missing.append("参加人员")
    if not meeting.contact_name.strip():
        missing.append("联系人")
    if not meeting.contact_phone.strip():
        missing.append("联系电话")
    return missing


@dataclass(frozen=True)
class NoticeDates:
    reply: Counted | None  # None when the user typed the deadline
    latest: Counted  # the latest date the notice should be issued
    note: str  # which holiday data the count used (a warning for a year in neither)


def notice_dates(data: SheetInput) -> NoticeDates | None:
    """The working-day dates of the notice (None: the meeting has no date yet)."""
    starts_at = data.meeting.starts_at
    if starts_at is None:
        return None
    options = data.options
    reply = None if options.reply_by else options.calendar.days_before(starts_at.date(), options.reply_lead)
    latest = options.calendar.days_before(starts_at.date(), options.notice_lead)
    return NoticeDates(reply, latest, source_note(*(c for c in (reply, latest) if c)))


def dates_text(dates: NoticeDates, issued_on: date, reply_lead: int, notice_lead: int) -> tuple[str, bool]:
    """(What the notice dialog says about its dates, whether it is a warning.)"""
    lines = []
    if dates.reply is not None:
        lines.append(f"回执截止：{chinese_day(dates.reply.day)}（会前{reply_lead}个工作日）。")
    lines.append(f"最迟发文：{chinese_day(dates.latest.day)}（会前{notice_lead}个工作日）。")
    lines.append(dates.note)
    late = issued_on > dates.latest.day
    if late:
        lines.append(f"成文日期{chinese_day(issued_on)}晚于最迟发文日期，参会人员准备时间不足：请尽快发出，"
                     "并电话通知主要参会人员。")
    return "".join(lines), late or bool(dates.latest.weekends_only or (dates.reply and dates.reply.weekends_only))


# "请于12月30日前" as reply_request writes it, or as people edit it ("请于2026年12月30日之前")
_DEADLINE_IN_TEXT = re.compile(r"请于\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*之?前")


def _differs(found: re.Match, deadline: date) -> bool:
    year, month, day = found.groups()
    return (int(month), int(day)) != (deadline.month, deadline.day) or (year is not None and int(year) != deadline.year)


def deadline_in_text(text: str | None, deadline: date | None) -> str | None:
    """The reply deadline the body's own words give ("12月28日") when it is not `deadline`, the one its 回执
    prints; None when they agree or the body names none."""
    if not text or deadline is None:
        return None
    found = next((m for m in _DEADLINE_IN_TEXT.finditer(text) if _differs(m, deadline)), None)
    if found is None:
        return None
    year, month, day = found.groups()
    return f"{year}年{int(month)}月{int(day)}日" if year else f"{int(month)}月{int(day)}日"


def with_deadline(text: str, deadline: date) -> str:
    """The body with every other reply deadline in its words made `deadline` ("请于12月30日前")."""
    return _DEADLINE_IN_TEXT.sub(lambda m: f"请于{month_day(deadline)}前" if _differs(m, deadline) else m.group(0),
                                 text)
