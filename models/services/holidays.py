"""The office's holiday table and working-day leads (参数设置 → 节假日), kept as office settings."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from models.changes import Area, writes
from models.errors import ValidationError
from models.services.app_settings import get_setting, set_setting
from models.settings import HOLIDAY_TABLE, NOTICE_LEAD_DAYS, REPLY_LEAD_DAYS
from models.working_days import HolidayEntry, WorkingCalendar, check_entry, read_table, stored_table

MAX_LEAD_DAYS = 60


@dataclass(frozen=True)
class WorkingDaySettings:
    table: tuple[HolidayEntry, ...]
    notice_lead: int  # working days before the meeting a notice goes out at the latest
    reply_lead: int  # working days before the meeting the 回执 are due

    @property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.table)


def holiday_table(session: Session) -> tuple[HolidayEntry, ...]:
    return read_table(get_setting(session, HOLIDAY_TABLE))


def working_day_settings(session: Session) -> WorkingDaySettings:
    def lead(setting) -> int:
        value = get_setting(session, setting)
        return value if 0 <= value <= MAX_LEAD_DAYS else setting.default

    return WorkingDaySettings(holiday_table(session), lead(NOTICE_LEAD_DAYS), lead(REPLY_LEAD_DAYS))


@writes(Area.SETTINGS)
def add_holiday(session: Session, entry: HolidayEntry) -> None:
    table = holiday_table(session)
    check_entry(entry, table)  # against the stored table: a colleague may have added the same date
    set_setting(session, HOLIDAY_TABLE, stored_table((*table, entry)))


@writes(Area.SETTINGS)
def remove_holidays(session: Session, days: list[date]) -> None:
    table = holiday_table(session)
    set_setting(session, HOLIDAY_TABLE, stored_table(e for e in table if e.day not in set(days)))


def check_leads(notice_lead: int, reply_lead: int) -> None:
    for value in (notice_lead, reply_lead):
        if not 0 <= value <= MAX_LEAD_DAYS:
            raise ValidationError(f"工作日数应在 0—{MAX_LEAD_DAYS} 之间。")
    if reply_lead > notice_lead:
        raise ValidationError("回执截止应在通知发出之后：回执的工作日数不能多于通知的工作日数。")


@writes(Area.SETTINGS)
def set_leads(session: Session, notice_lead: int, reply_lead: int) -> None:
    check_leads(notice_lead, reply_lead)
    set_setting(session, NOTICE_LEAD_DAYS, notice_lead)
    set_setting(session, REPLY_LEAD_DAYS, reply_lead)
