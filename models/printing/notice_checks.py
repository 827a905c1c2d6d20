"""What to tell the user before a 会议通知 goes out: the empty fields it would print as blanks, the reply
deadline and the latest send date in working days, and where the holidays behind them came from."""

from dataclasses import dataclass
from datetime import date

from models.vocab import AttendanceRole
from models.working_days import Counted, source_note

from .notice_text import VENUE_MISSING, chinese_day
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
