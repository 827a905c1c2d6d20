"""Working days with Chinese public holidays and 调休 (no Qt, no database).

Years the chinesecalendar package covers (up to its release) come from it; later years from the office's
own holiday table (参数设置 → 节假日), a list of dates marked 休 (a holiday on a weekday) or 班 (a 调休
Saturday or Sunday worked). A year in neither counts weekends only, and says so.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from models.errors import ValidationError

OFF, ON = "休", "班"
FIRST_TABLE_YEAR, LAST_TABLE_YEAR = 2000, 2100


class Source(StrEnum):
    PACKAGE = "chinesecalendar"
    TABLE = "本单位节假日表"
    WEEKENDS = "仅周末"


@dataclass(frozen=True, order=True)
class HolidayEntry:
    day: date
    kind: str  # OFF or ON
    note: str = ""

    def as_stored(self) -> dict:
        return {"date": self.day.isoformat(), "kind": self.kind, "note": self.note}


@cache
def _package_years() -> frozenset[int]:
    """The years chinesecalendar has data for (empty if it is not installed)."""
    try:
        from chinese_calendar import constants
    except ImportError:
        return frozenset()
    return frozenset(day.year for day in constants.holidays) | frozenset(day.year for day in constants.workdays)


@cache
def _package_days() -> tuple[frozenset[date], frozenset[date]]:
    """(holidays on weekdays, weekend days worked) as chinesecalendar lists them."""
    from chinese_calendar import constants

    return frozenset(constants.holidays), frozenset(constants.workdays)


def package_covers(year: int) -> bool:
    return year in _package_years()


def package_last_year() -> int | None:
    """The last year chinesecalendar covers (None if it is not installed)."""
    return max(_package_years(), default=None)


def read_table(stored) -> tuple[HolidayEntry, ...]:
    """The stored setting (a JSON list) as entries; a damaged entry is left out, not fatal."""
    entries = []
    for item in stored or ():
        try:
            day = date.fromisoformat(str(item["date"]))
            kind = str(item["kind"])
        except (KeyError, TypeError, ValueError):
            continue
        if kind in (OFF, ON):
            entries.append(HolidayEntry(day, kind, str(item.get("note", ""))[:20]))
    return tuple(sorted(set(entries)))


def stored_table(entries: Iterable[HolidayEntry]) -> list[dict]:
    return [entry.as_stored() for entry in sorted(entries)]


def check_entry(entry: HolidayEntry, table: Sequence[HolidayEntry]) -> None:
    """Raise ValidationError (Chinese) when the entry cannot go into the table."""
    day = entry.day
    when = f"{day.year}年{day.month}月{day.day}日"
    if not FIRST_TABLE_YEAR <= day.year <= LAST_TABLE_YEAR:
        raise ValidationError(f"{when}的年份不在 {FIRST_TABLE_YEAR}—{LAST_TABLE_YEAR} 年之间。", field="date")
    if entry.kind not in (OFF, ON):
        raise ValidationError("请选择“休”（放假）或“班”（调休上班）。", field="kind")
    if package_covers(day.year):
        raise ValidationError(f"{day.year}年的节假日已由 chinesecalendar 节假日数据提供，无需在此填写。",
                              field="date")
    if any(other.day == day for other in table):
        raise ValidationError(f"{when}已在节假日表中；如要修改，请先删除原来那一条。", field="date")
    weekend = day.weekday() >= 5
    if entry.kind == ON and not weekend:
        raise ValidationError(f"{when}本来就是工作日，无需标为“班”；“班”用于调休上班的周六、周日。",
                              field="kind")
    if entry.kind == OFF and weekend:
        raise ValidationError(f"{when}是周末，本来就休息，无需标为“休”。", field="kind")


class WorkingCalendar:
    """Which days are working days, from chinesecalendar and the office's table (frozen: safe on any thread)."""

    def __init__(self, table: Iterable[HolidayEntry] = ()):
        self.table = tuple(sorted(table))
        self._off = frozenset(e.day for e in self.table if e.kind == OFF)
        self._on = frozenset(e.day for e in self.table if e.kind == ON)
        self._table_years = frozenset(e.day.year for e in self.table)

    def source(self, year: int) -> Source:
        if package_covers(year):
            return Source.PACKAGE
        if year in self._table_years:
            return Source.TABLE
        return Source.WEEKENDS

    def is_workday(self, day: date) -> bool:
        source = self.source(day.year)
        if source == Source.PACKAGE:
            holidays, workdays = _package_days()
            off, on = day in holidays, day in workdays
        elif source == Source.TABLE:
            off, on = day in self._off, day in self._on
        else:
            off = on = False
        return on or (day.weekday() < 5 and not off)

    def days_before(self, day: date, count: int) -> "Counted":
        """The date `count` working days before `day` (day itself not counted; 0 → day), with the years
        whose data were used."""
        years = {day.year}
        current = day
        left = max(0, count)
        while left:
            current -= timedelta(days=1)
            years.add(current.year)
            if self.is_workday(current):
                left -= 1
        return Counted(current, count, tuple(sorted((year, self.source(year)) for year in years)))


@dataclass(frozen=True)
class Counted:
    day: date
    working_days: int
    sources: tuple[tuple[int, Source], ...]  # (year, where its holidays came from), for every year counted

    @property
    def weekends_only(self) -> tuple[int, ...]:
        return tuple(year for year, source in self.sources if source == Source.WEEKENDS)


def source_note(*counted: Counted) -> str:
    """"按 chinesecalendar 节假日数据（2026年）、本单位维护的节假日表（2027年）计算" and, for a year in
    neither, a warning that only weekends were counted."""
    by_source: dict[Source, set[int]] = {}
    for item in counted:
        for year, source in item.sources:
            by_source.setdefault(source, set()).add(year)
    parts = []
    if Source.PACKAGE in by_source:
        parts.append(f"chinesecalendar 节假日数据（{_years(by_source[Source.PACKAGE])}）")
    if Source.TABLE in by_source:
        parts.append(f"本单位维护的节假日表（{_years(by_source[Source.TABLE])}）")
    text = ("按 " + "、".join(parts) + "计算。") if parts else ""
    if Source.WEEKENDS in by_source:
        years = _years(by_source[Source.WEEKENDS])
        text += (f"注意：{years}不在 chinesecalendar 数据范围内，本单位节假日表也没有这一年的记录，"
                 "只扣除了周六、周日，未计入节假日和调休；请在“参数设置 → 节假日”中补充。")
    return text


def _years(years: Iterable[int]) -> str:
    return "、".join(f"{year}年" for year in sorted(years))


__all__ = ["OFF", "ON", "Counted", "HolidayEntry", "Source", "WorkingCalendar", "check_entry", "package_covers",
           "package_last_year", "read_table", "source_note", "stored_table"]
