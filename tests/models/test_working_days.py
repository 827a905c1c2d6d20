"""Working days: chinesecalendar for the years it covers, the office's table after, weekends alone otherwise."""

from datetime import date

import pytest

from models.errors import ValidationError
from models.services.holidays import add_holiday, remove_holidays, set_leads, working_day_settings
from models.working_days import (
    OFF,
    ON,
    HolidayEntry,
    Source,
    WorkingCalendar,
    check_entry,
    package_covers,
    read_table,
    source_note,
)

# 2027 as an office might enter it before chinesecalendar has it: 元旦 on Friday 1 January.
TABLE_2027 = (HolidayEntry(date(2027, 1, 1), OFF, "元旦"),)


def test_2026_national_day_and_its_makeup_days():
    calendar = WorkingCalendar()
    assert package_covers(2026) and calendar.source(2026) == Source.PACKAGE
    assert not any(calendar.is_workday(date(2026, 10, d)) for d in range(1, 8))  # 国庆 1—7 October
    assert calendar.is_workday(date(2026, 9, 20))  # Sunday worked (调休)
    assert calendar.is_workday(date(2026, 10, 10))  # Saturday worked (调休)
    assert not calendar.is_workday(date(2026, 10, 11))  # an ordinary Sunday
    # Meeting on Monday 12 October: 3 working days back are 10 (Sat, worked), 9, 8 — across the holiday.
    counted = calendar.days_before(date(2026, 10, 12), 3)
    assert counted.day == date(2026, 10, 8)
    # 15 working days before 19 October: 16…12, 10 (Sat, worked), 9, 8; 国庆 1—7 off; 30…28 September;
    # 中秋 25—27 off; 24…21. Weekends alone would have given 28 September.
    assert calendar.days_before(date(2026, 10, 19), 15).day == date(2026, 9, 21)
    assert source_note(counted) == "按 chinesecalendar 节假日数据（2026年）计算。"


def test_a_meeting_on_5_january_2027_counts_with_the_office_table():
    with_table = WorkingCalendar(TABLE_2027)
    assert not package_covers(2027) and with_table.source(2027) == Source.TABLE
    reply = with_table.days_before(date(2027, 1, 5), 3)
    # 4 January (Mon), 1 January is 元旦 in the table, 31 and 30 December 2026.
    assert reply.day == date(2026, 12, 30)
    assert WorkingCalendar().days_before(date(2027, 1, 5), 3).day == date(2026, 12, 31)  # without it: one off
    latest = with_table.days_before(date(2027, 1, 5), 15)
    assert latest.day == date(2026, 12, 14)
    note = source_note(reply, latest)
    assert note == "按 chinesecalendar 节假日数据（2026年）、本单位维护的节假日表（2027年）计算。"


def test_a_year_in_neither_counts_weekends_and_says_so():
    calendar = WorkingCalendar(TABLE_2027)
    counted = calendar.days_before(date(2028, 10, 9), 5)  # Monday
    assert counted.day == date(2028, 10, 2)  # 国庆 2028 unknown: only the weekend is skipped
    assert counted.weekends_only == (2028,)
    note = source_note(counted)
    assert "2028年不在 chinesecalendar 数据范围内" in note and "只扣除了周六、周日" in note
    assert "参数设置 → 节假日" in note


def test_makeup_saturday_in_the_table_is_a_working_day():
    calendar = WorkingCalendar((HolidayEntry(date(2027, 2, 20), ON, "调休上班"),))
    assert calendar.is_workday(date(2027, 2, 20))
    assert not calendar.is_workday(date(2027, 2, 21))


@pytest.mark.parametrize(("entry", "message"), [
    (HolidayEntry(date(2026, 10, 8), OFF), "2026年的节假日已由 chinesecalendar"),
    (HolidayEntry(date(2027, 1, 1), OFF), "已在节假日表中"),
    (HolidayEntry(date(2027, 1, 4), ON), "本来就是工作日"),
    (HolidayEntry(date(2027, 1, 2), OFF), "是周末"),
    (HolidayEntry(date(2101, 1, 3), OFF), "年份不在"),
    (HolidayEntry(date(2027, 1, 4), "假"), "请选择"),
])
def test_entries_refused_with_a_reason(entry, message):
    with pytest.raises(ValidationError, match=message):
        check_entry(entry, TABLE_2027)


def test_a_damaged_stored_table_keeps_what_it_can():
    stored = [{"date": "2027-01-01", "kind": "休", "note": "元旦"}, {"date": "2027-13-01", "kind": "休"},
              {"kind": "班"}, "垃圾", {"date": "2027-02-20", "kind": "假"}, {"date": "2027-01-01", "kind": "休",
                                                                            "note": "元旦"}]
    assert read_table(stored) == TABLE_2027
    assert read_table(None) == ()


def test_the_table_and_leads_are_kept_for_the_office(database):
    with database.session() as session:
        assert working_day_settings(session).notice_lead == 15
        add_holiday(session, HolidayEntry(date(2027, 1, 1), OFF, "元旦"))
        add_holiday(session, HolidayEntry(date(2027, 2, 20), ON))
        with pytest.raises(ValidationError, match="已在节假日表中"):
            add_holiday(session, HolidayEntry(date(2027, 1, 1), OFF))
        set_leads(session, 10, 2)
        with pytest.raises(ValidationError, match="不能多于"):
            set_leads(session, 2, 5)
        session.commit()
    with database.session() as session:
        kept = working_day_settings(session)
        assert [e.day for e in kept.table] == [date(2027, 1, 1), date(2027, 2, 20)]
        assert (kept.notice_lead, kept.reply_lead) == (10, 2)
        assert kept.calendar.days_before(date(2027, 1, 5), 2).day == date(2026, 12, 31)
        remove_holidays(session, [date(2027, 1, 1)])
        session.commit()
        assert [e.day for e in working_day_settings(session).table] == [date(2027, 2, 20)]
