"""What a printed sheet is made from: the kind, the user's options and the meeting's rows (no Qt here)."""

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from models.services.meeting_queries import AgendaRow, InviteeRow, MeetingRow
from models.settings import NOTICE_LEAD_DAYS, PRINT_ISSUER, REPLY_LEAD_DAYS
from models.working_days import WorkingCalendar

if TYPE_CHECKING:
    from models.services.seat_plans import SeatPlanView


class SheetKind(StrEnum):
    SIGN_IN = "签到表"
    NAME_CARDS = "桌签"
    SEATING = "座次表"
    NOTICE = "会议通知"
    ROSTER = "参会名单"
    AGENDA = "议程"
    CHASE = "催报名单"  # who has not replied yet (chase_list.py)
    ENTRY_CARDS = "参会证"  # with the QR of each invitation's 入场码 (entry_cards.py)


GROUP_BY_SECTOR = "界别"
GROUP_BY_ROLE = "角色"


@dataclass
class SheetOptions:
    group_by: str | None = None  # 签到表: None, "界别" or "角色"
    card_stock: bool = True  # 桌签: one 210×140 mm card per page; False = two cards per A4 sheet
    seat_even_one_left: bool = True  # 座次表, even count: seat 1 is the left one of the centre pair (audience view)
    notice_text: str | None = None  # 会议通知 body as edited; None → default_notice_text(...)
    issuer: str = PRINT_ISSUER.default  # 会议通知: issuing office above the date
    issued_on: date | None = None  # 会议通知: date under the issuer (default today)
    reply_by: date | None = None  # 回执 deadline (default: reply_lead working days before the meeting)
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)  # 会议通知: holidays and 调休
    reply_lead: int = REPLY_LEAD_DAYS.default  # working days
    notice_lead: int = NOTICE_LEAD_DAYS.default  # working days: the latest a notice goes out
    main_seats: int | None = None  # 座次表: seats at the main table (default: see seats.main_table)
    entry_secret: str = ""  # 参会证: the database's 入场码 key (services/entry_codes.entry_secret)


@dataclass(frozen=True)
class SheetInput:
    meeting: MeetingRow
    invitees: list[InviteeRow]  # in the order the user chose: sheets never re-sort names
    agenda: list[AgendaRow] = field(default_factory=list)
    options: SheetOptions = field(default_factory=SheetOptions)
    # 座次表 and 桌签: the meeting's seat plan (services/seat_plans.get_seat_plan); None or no layout: none made
    plan: "SeatPlanView | None" = None

    @property
    def room(self):
        """The plan's RoomLayout, or None when the meeting has no seat plan."""
        return self.plan.layout if self.plan is not None else None


def meeting_name(meeting: MeetingRow) -> str:
    return meeting.title.strip() or "会议"


def sheet_title(kind: SheetKind, meeting: MeetingRow) -> str:
    """The title printed on the sheet, e.g. "“完善社区卫生服务体系”专题双月协商会签到表"."""
    if kind == SheetKind.NOTICE:
        return f"关于召开{meeting_name(meeting)}的通知"
    return meeting_name(meeting) + kind.value


# Characters Windows refuses in file names; quotes “” and Chinese punctuation are fine.
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def pdf_file_name(kind: SheetKind, meeting: MeetingRow) -> str:
    """sheet_title made safe as a file name, with ".pdf"."""
    name = _BAD_FILE_CHARS.sub("_", sheet_title(kind, meeting)).strip(" .")
    return (name[:120] or kind.value) + ".pdf"
