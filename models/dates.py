"""Dates as people type them: 2023-10-12, 2023.10.12, 2023/10/12, 20231012, 2023年10月12日（星期四）,
optionally followed by a time (14:30, 14点30分). Used by the date fields of every dialog and by the imports
(parse_date_cell: a date cell, an Excel serial number, or the same texts; a month alone where a month is
enough), testable without a window; an impossible date gets a message that says what is wrong."""

import calendar
import re
from datetime import date, datetime, time, timedelta

from models.errors import ValidationError

DATE_HINT = "请写成 2023-10-12、2023.10.12、20231012 或 2023年10月12日"
MONTH_HINT = "请写成 2023-10-12、2023年10月12日，或只写年月：2023年10月、2023.10"
FIRST_YEAR, LAST_YEAR = 1900, 2100
# A number in a date column is a date cell Excel saved as its day count (1 = 1900-01-01); below 1950 it is
# more likely a typing slip (a bare "12") than a date, so it is read as text and explained.
EXCEL_SERIALS = (18264, 73415)  # 1950-01-01 … 2100-12-31
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 once Excel's phantom 1900-02-29 is behind (any serial ≥ 61)

# Full-width digits and punctuation (an IME in 全角 mode) read as their ASCII twins.
_WIDE = str.maketrans("０１２３４５６７８９－．／：　", "0123456789-./: ")
# A weekday pasted from a document: "（星期四）", "(周四)", "星期四".
_WEEKDAY = re.compile(r"[（(]?\s*(星期|周|礼拜)[一二三四五六日天]\s*[）)]?")
_SEPARATED = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTHS = (re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?(份)?"), re.compile(r"(\d{4})(\d{2})"))
_TIME = re.compile(r"(\d{1,2})\s*[:点时]\s*(\d{1,2})?\s*分?|(\d{2})(\d{2})")


def _normalise(text) -> str:
    return _WEEKDAY.sub(" ", str(text).translate(_WIDE)).strip()


def _checked_date(year: int, month: int, day: int, typed: str, label: str = "日期", field: str = "date") -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"{label}“{typed}”的年份 {year} 不在 {FIRST_YEAR}—{LAST_YEAR} 年之间。", field=field)
    if not 1 <= month <= 12:
        raise ValidationError(f"{label}“{typed}”不存在：没有 {month} 月。", field=field)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(f"{label}“{typed}”不存在：{year}年{month}月只有 {days} 天。", field=field)
    return date(year, month, day)


def _split_date(text: str, typed: str, label: str = "日期", field: str = "date") -> tuple[date, str]:
    """The date at the start of `text`, and what follows it."""
    for pattern in (_SEPARATED, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _checked_date(year, month, day, typed, label, field), text[match.end():].strip()
    if re.fullmatch(r"\d{4}(\s*[-./年]\s*\d{1,2}\s*月?)?[-./]?", text):
        raise ValidationError(f"{label}“{typed}”不完整，请写出年、月、日（{DATE_HINT}）。", field=field)
    raise ValidationError(f"无法识别{label}“{typed}”，{DATE_HINT}。", field=field)


def parse_date(value, label: str = "日期", *, field: str = "date", month_only: bool = False) -> date | None:
    """A typed date; None for an empty text. ValidationError (in Chinese, naming `label`) when it is not a
    real date. With `month_only` a year and month alone (2023年1月, 2023.1, 202301) is that month's first day."""
    typed = str(value or "").strip()
    text = _normalise(typed)
    if not text:
        return None
    if month_only:
        for pattern in _MONTHS:
            match = pattern.fullmatch(text)
            if match:
                return _checked_date(int(match.group(1)), int(match.group(2)), 1, typed, label, field)
        if re.fullmatch(r"\d{4}\s*年?", text):
            raise ValidationError(f"{label}“{typed}”不完整，请至少写出年和月（{MONTH_HINT}）。", field=field)
    try:
        day, rest = _split_date(text, typed, label, field)
    except ValidationError as exc:
        if month_only and exc.message.startswith("无法识别"):
            raise ValidationError(f"无法识别{label}“{typed}”，{MONTH_HINT}。", field=field) from None
        raise
    if rest:
        raise ValidationError(f"无法识别{label}“{typed}”：“{rest}”是多余的，{DATE_HINT}。", field=field)
    return day


def parse_date_cell(value, label: str = "日期", *, field: str = "date", month_only: bool = False) -> date | None:
    """A spreadsheet cell in a date column: a date cell, an Excel day count (a date cell read as a number),
    or a text (or a number such as 20230105 or 202301) read as parse_date reads it."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if EXCEL_SERIALS[0] <= value < EXCEL_SERIALS[1] + 1:  # a fraction is the time of day: dropped
            return _EXCEL_EPOCH + timedelta(days=int(value))
        value = str(int(value)) if float(value).is_integer() else str(value)
    return parse_date(value, label, field=field, month_only=month_only)


def parse_datetime(value, default_time: time = time(0, 0)) -> datetime | None:
    """A typed date with an optional time ("2023-10-12 14:30", "2023年10月12日14点"); without a time,
    `default_time` (the field's time before) is kept."""
    typed = str(value or "").strip()
    text = _normalise(typed)
    if not text:
        return None
    day, rest = _split_date(text, typed)
    if not rest:
        return datetime.combine(day, default_time)
    match = _TIME.fullmatch(rest)
    if not match:
        raise ValidationError(f"无法识别时间“{rest}”，请写成 14:30 这样的时和分。", field="date")
    hour, minute = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    hour, minute = int(hour), int(minute or 0)
    if hour > 23 or minute > 59:
        raise ValidationError(f"时间“{rest}”不存在：时为 0—23，分为 0—59。", field="date")
    return datetime.combine(day, time(hour, minute))


def format_date(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def format_datetime(value: datetime | None) -> str:
    return f"{format_date(value)} {value:%H:%M}" if value else ""


__all__ = ["DATE_HINT", "MONTH_HINT", "format_date", "format_datetime", "parse_date", "parse_date_cell",
           "parse_datetime"]
