"""Typed dates: the forms people write are read, an impossible date is explained in Chinese."""

from datetime import date, datetime, time

import pytest

from models.dates import format_date, format_datetime, parse_date, parse_date_cell, parse_datetime
from models.errors import ValidationError


@pytest.mark.parametrize("typed", ["2023-10-12", "2023.10.12", "2023/10/12", "20231012", "2023年10月12日",
                                   "2023年10月12号", " 2023 年 10 月 12 日 ", "２０２３．１０．１２",
                                   "2023年10月12日（星期四）", "2023-10-12 (周四)"])
def test_the_forms_people_write(typed):
    assert parse_date(typed) == date(2023, 10, 12)


def test_single_digit_month_and_day_and_empty():
    assert parse_date("2024.3.5") == date(2024, 3, 5)
    assert parse_date("") is None and parse_date("  ") is None and parse_date(None) is None


@pytest.mark.parametrize(("typed", "said"), [
    ("2023-02-29", "2023年2月只有 28 天"), ("2024-02-30", "2024年2月只有 29 天"), ("2023-13-01", "没有 13 月"),
    ("2023-04-31", "只有 30 天"), ("1800-01-01", "不在 1900—2100 年之间"), ("2023", "不完整"),
    ("2023.10", "不完整"), ("十月十二日", "无法识别"), ("2023-10-12x", "“x”是多余的"),
])
def test_impossible_or_unreadable_dates_are_explained(typed, said):
    with pytest.raises(ValidationError) as caught:
        parse_date(typed)
    assert said in caught.value.message and typed.strip() in caught.value.message


@pytest.mark.parametrize(("typed", "expected"), [
    ("2023-10-12 14:30", datetime(2023, 10, 12, 14, 30)), ("2023年10月12日14:30", datetime(2023, 10, 12, 14, 30)),
    ("2023年10月12日 14点", datetime(2023, 10, 12, 14, 0)), ("2023.10.12 9点30分", datetime(2023, 10, 12, 9, 30)),
    ("202310121430", datetime(2023, 10, 12, 14, 30)), ("2023-10-12 14：30", datetime(2023, 10, 12, 14, 30)),
])
def test_date_with_time(typed, expected):
    assert parse_datetime(typed) == expected


def test_a_date_without_time_keeps_the_time_held_before():
    assert parse_datetime("2023-10-12", time(14, 30)) == datetime(2023, 10, 12, 14, 30)


def test_an_impossible_time_is_explained():
    with pytest.raises(ValidationError, match="时为 0—23"):
        parse_datetime("2023-10-12 24:10")
    with pytest.raises(ValidationError, match="无法识别时间"):
        parse_datetime("2023-10-12 下午")


def test_shown_in_chinese_form():
    assert format_date(date(2023, 5, 8)) == "2023年5月8日"
    assert format_datetime(datetime(2023, 5, 8, 9, 5)) == "2023年5月8日 09:05"
    assert format_date(None) == ""


@pytest.mark.parametrize(("cell", "expected"), [
    (datetime(2023, 1, 5, 0, 0), date(2023, 1, 5)), (date(2023, 1, 5), date(2023, 1, 5)),
    (44931, date(2023, 1, 5)), (44931.0, date(2023, 1, 5)), (44931.6, date(2023, 1, 5)), (20230105, date(2023, 1, 5)),
    ("2023年1月5日", date(2023, 1, 5)), (18264, date(1950, 1, 1)), (None, None), ("", None),
])
def test_spreadsheet_cells(cell, expected):
    """A date cell, Excel's day count for one (openpyxl gives a number when the cell has no date format), text."""
    assert parse_date_cell(cell) == expected


@pytest.mark.parametrize("typed", ["2023年1月", "2023.1", "2023-01", "202301", 202301, 2023.1, "2023年1月份",
                                   "２０２３．１"])
def test_a_month_alone_where_a_month_is_enough(typed):
    assert parse_date_cell(typed, "任职起始日期", month_only=True) == date(2023, 1, 1)
    assert parse_date_cell("1968.5", month_only=True) == date(1968, 5, 1)
    assert parse_date_cell("2023-01-05", month_only=True) == date(2023, 1, 5)


@pytest.mark.parametrize(("cell", "month_only", "said"), [
    ("2023.13", True, "任职起始日期“2023.13”不存在：没有 13 月"), ("2023", True, "不完整，请至少写出年和月"),
    (2023, True, "不完整，请至少写出年和月"), ("去年", True, "无法识别任职起始日期“去年”，请写成"),
    (12, False, "无法识别任职起始日期“12”"), ("2023.1", False, "不完整，请写出年、月、日"),
    ("1800.1", True, "年份 1800 不在 1900—2100 年之间"),
])
def test_cells_that_are_not_dates_are_explained_naming_the_column(cell, month_only, said):
    with pytest.raises(ValidationError) as caught:
        parse_date_cell(cell, "任职起始日期", field="start_date", month_only=month_only)
    assert said in caught.value.message and caught.value.field == "start_date"
