"""The notice's words and checks without a page: attendee wording, the empty fields it would print as
blanks, and its dates in working days (a 2027 meeting counted with the office's holiday table)."""

from dataclasses import replace
from datetime import date, datetime

from models.printing import SheetInput, SheetKind, SheetOptions, render_pdf
from models.printing.notice_checks import dates_text, deadline_in_text, missing_fields, notice_dates, with_deadline
from models.printing.notice_text import default_notice_text, participants_summary
from models.working_days import OFF, HolidayEntry, WorkingCalendar

from .printing_fixtures import agenda, invitees, meeting, pdf_pages, person, squeeze

TABLE_2027 = WorkingCalendar((HolidayEntry(date(2027, 1, 1), OFF, "元旦"),))


def members(count: int, levels: str, start: int = 0):
    return [person(start + i, f"委员{start + i}", member_role="委员", levels=levels) for i in range(count)]


def test_upper_level_members_are_named_by_kind():
    district = members(55, "区")
    assert participants_summary(district + members(1, "全国、市", 100)) == \
        "区政协委员55人，在区全国政协委员、市政协委员1人（共56人）"
    assert participants_summary(district + members(2, "市", 100)) == "区政协委员55人，在区市政协委员2人（共57人）"
    assert participants_summary(members(3, "全国", 100)) == "在区全国政协委员3人"
    assert "在区" not in participants_summary(district)  # none of that kind: left out


def test_missing_fields_are_named():
    full = SheetInput(meeting(), invitees(40), agenda(), SheetOptions())
    assert missing_fields(full) == []
    bare = replace(full, meeting=meeting(contact_name="", contact_phone=" ", venue="", starts_at=None))
    assert missing_fields(bare) == ["会议时间", "会议地点", "联系人", "联系电话"]
    # An edited text that gives the place itself: the place is not asked for; the 回执's contact still is.
    edited = replace(bare, options=SheetOptions(notice_text="各位委员：\n请到区政协机关三楼会议室开会。"))
    assert missing_fields(edited) == ["会议时间", "联系人", "联系电话"]
    staff_only = replace(full, invitees=[p for p in full.invitees if p.role == "工作人员"])
    assert missing_fields(staff_only) == ["参加人员"]


def january_2027(**options) -> SheetInput:
    starts = datetime(2027, 1, 5, 9, 0)
    return SheetInput(meeting(starts_at=starts, ends_at=starts), invitees(40), agenda(),
                      SheetOptions(issued_on=date(2026, 12, 21), **options))


def test_a_notice_for_5_january_2027_counts_with_the_office_table(qapp, tmp_path):
    data = january_2027(calendar=TABLE_2027)
    dates = notice_dates(data)
    assert dates.reply.day == date(2026, 12, 30)  # 4 January, 元旦 skipped, 31 and 30 December
    assert dates.latest.day == date(2026, 12, 14)
    text, warning = dates_text(dates, date(2026, 12, 21), 3, 15)
    assert "回执截止：2026年12月30日（会前3个工作日）" in text and "最迟发文：2026年12月14日" in text
    assert "本单位维护的节假日表（2027年）" in text and "chinesecalendar 节假日数据（2026年）" in text
    assert "晚于最迟发文日期" in text and warning  # issued on the 21st: a week late
    assert "请于12月30日前将回执报送" in default_notice_text(data.meeting, data.invitees, data.agenda, data.options)
    render_pdf(SheetKind.NOTICE, data, tmp_path / "n.pdf")
    pages = [squeeze(page) for page in pdf_pages(tmp_path / "n.pdf")]
    assert "请于12月30日前将回执报送区政协办公室" in pages[-1]
    # Without the table, 1 January would count as a working day.
    assert notice_dates(january_2027()).reply.day == date(2026, 12, 31)


def test_on_time_and_without_data(qapp):
    data = january_2027(calendar=TABLE_2027)
    text, warning = dates_text(notice_dates(data), date(2026, 12, 10), 3, 15)
    assert not warning and "晚于" not in text
    starts = datetime(2028, 10, 9, 9, 0)
    later = replace(data, meeting=meeting(starts_at=starts, ends_at=starts))
    text, warning = dates_text(notice_dates(later), date(2028, 9, 1), 3, 15)
    assert warning and "只扣除了周六、周日" in text
    assert notice_dates(replace(data, meeting=meeting(starts_at=None))) is None


def test_a_body_naming_another_reply_deadline_is_found_and_put_right():
    deadline = date(2026, 12, 30)
    kept = ("一、会议时间\n2027年1月5日上午9:00\n三、有关要求\n"
            "请于12月28日前将回执报送区政协办公室。如因故不能参会，请提前请假。")
    assert deadline_in_text(kept, deadline) == "12月28日"
    fixed = with_deadline(kept, deadline)
    assert "请于12月30日前将回执报送区政协办公室" in fixed and fixed.replace("30", "28", 1) == kept
    assert deadline_in_text(fixed, deadline) is None
    # as people edit it: a year, spaces, 之前; the same date in other words is no mismatch
    assert deadline_in_text("请于 2026 年 12 月 29 日之前报送回执", deadline) == "2026年12月29日"
    assert deadline_in_text("请于2025年12月30日前报送回执", deadline) == "2025年12月30日"
    assert deadline_in_text("请于2026年12月30日之前报送回执", deadline) is None
    assert deadline_in_text("请于会前将回执报送区政协办公室", deadline) is None  # no date in the words
    assert deadline_in_text("12月28日召开筹备会", deadline) is None  # another date, not the reply's
    assert deadline_in_text(kept, None) is None  # a meeting without a date has no deadline yet
