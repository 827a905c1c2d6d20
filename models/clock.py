"""Local wall-clock time, second precision: the office works in one time zone."""

from datetime import date, datetime


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def today() -> date:
    return date.today()
