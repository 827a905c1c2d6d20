"""Sheets that paginate well, checked on the layout and on the rendered pages (PDF → PNG): columns as wide
as what they hold (an agenda time on one line), no last page with a lone row, 参会名单 in protocol order."""

from dataclasses import replace

import pytest

from models.printing import SheetKind, roster
from models.printing.fonts import Face
from models.printing.line_breaks import balanced
from models.printing.output import build
from models.printing.table_pages import Space, Unit, plan
from models.services.meeting_queries import AgendaRow

from .printing_fixtures import (
    in_order,
    inked_rows,
    invitees,
    person,
    png_pages,
    render_pages,
    sheet_input,
    squeeze,
)

ROW = 10.0


def units(count: int, height: float = ROW) -> list[Unit]:
    return [Unit(height, 1) for _ in range(count)]


# -- the page plan, numbers only --------------------------------------------------------------------

def test_plan_fills_pages_and_evens_out_a_lone_last_row():
    space = Space(room=190.0, fresh=False, page=210.0, header=10.0, tail=10.0)
    # 18 rows fit under the header on the first page, 20 on the others; the tail goes with the last row.
    assert plan(units(17), space).starts == [0]
    assert plan(units(59), space).starts == [0, 18, 38, 49]  # not [0, 18, 38, 58]: 18/20/11/10
    assert plan(units(61), space).starts == [0, 18, 38, 58]  # three rows on the last page stay there
    assert plan(units(19), space).starts == [0, 10]  # 17 + 1 + tail would be 18/1: 10/9


def test_plan_keeps_the_last_page_within_its_room():
    """A tall tail leaves room for few rows: the last page takes what fits, never more."""
    space = Space(room=200.0, fresh=True, page=200.0, header=10.0, tail=130.0)
    starts = plan(units(25), space).starts
    assert starts == [0, 19]  # 19 rows, then 6 with the tail: 10 + 6 × 10 + 130 = 200
    assert plan(units(20), space).starts == [0, 14]  # 19/1 evened out: 14/6 is as far as the tail allows


def test_plan_counts_a_continued_heading():
    space = Space(room=100.0, fresh=True, page=100.0, header=10.0, tail=0.0)
    rows = [Unit(20.0, 1), *units(9)]  # a group heading with its first row, then 9 rows: 8 + 2 left over
    assert plan(rows, space).starts == [0, 5]  # evened out: 60 and 50
    # Starting the last page at unit 5 would need a tall "（续）" heading that does not fit: unit 4 starts it.
    rows[5] = Unit(ROW, 1, continued=60.0)
    assert plan(rows, space).starts == [0, 4]


def test_plan_moves_a_table_that_does_not_start_on_its_page():
    space = Space(room=15.0, fresh=False, page=100.0, header=10.0, tail=0.0)
    result = plan(units(3), space)
    assert result.new_first_page and result.starts == [0]


# -- 签到表 ---------------------------------------------------------------------------------------

def test_sign_in_of_59_names_ends_on_a_full_enough_page(qapp, tmp_path):
    people = [p for p in invitees(70) if p.role != "工作人员"][:59]
    data = sheet_input(people=people)
    table = build(SheetKind.SIGN_IN, data).tables[0]
    assert table.rows_per_page() == [18, 20, 11, 10]
    pages, text = render_pages(SheetKind.SIGN_IN, data, tmp_path, "签到表.pdf")
    assert pages == 4
    assert [p for p in in_order([p.name for p in people], text)].count(3) == 10
    assert "应到59人实到" in squeeze(text[3])
    images = png_pages(tmp_path / "签到表.pdf", "签到表-59人")
    assert len(images) == 4
    # Ten rows and the footer reach well down the last page (a lone row ended at about a fifth of it).
    _top, bottom = inked_rows(images[-1], above=0.93)
    assert bottom > 0.5
    _top, full = inked_rows(images[1], above=0.93)
    assert full > 0.85


# -- 议程 -----------------------------------------------------------------------------------------

TIMES = ("14:00-14:05", "14:05-14:25", "14:30-14:40", "15:30-16:00", "16:00-16:30")


def timed_agenda(data):
    return [AgendaRow(i, 1, i, time, item.title, item.speaker, "")
            for i, (time, item) in enumerate(zip(TIMES, data.agenda, strict=True), start=1)]


def test_agenda_times_stay_on_one_line(qapp, tmp_path):
    data = sheet_input(40)
    data = replace(data, agenda=timed_agenda(data))
    table = build(SheetKind.AGENDA, data).tables[0]
    time_column, item_column, speaker_column = table.columns
    assert [placed.lines[0] for placed in table.rows] == [1] * len(TIMES)  # the layout's own line count
    assert 24 < time_column.width < 40 and speaker_column.width <= 52
    assert sum(c.width for c in table.columns) == pytest.approx(170)  # the table keeps its width
    assert item_column.width > 80  # what the times and speakers leave goes to the items
    _pages, text = render_pages(SheetKind.AGENDA, data, tmp_path, "议程.pdf")
    assert all(time in squeeze(text[0]) for time in TIMES)  # pdftotext reads each time whole
    assert len(png_pages(tmp_path / "议程.pdf", "议程")) == 1


def test_agenda_with_short_times_gives_the_room_to_the_items(qapp):
    data = sheet_input(40)  # times as "14:00": narrower than the 24 mm the column was given
    time_column, item_column, _speaker = build(SheetKind.AGENDA, data).tables[0].columns
    assert time_column.width < 24 and item_column.width > 90


def test_a_time_too_long_for_its_limit_wraps_and_the_item_keeps_its_floor(qapp):
    data = sheet_input(40)
    long_time = "2023年5月18日（星期四）下午14:30至16:30"
    data = replace(data, agenda=[replace(data.agenda[0], time_text=long_time)])
    table = build(SheetKind.AGENDA, data).tables[0]
    assert table.columns[0].width == pytest.approx(48)  # its limit
    assert table.rows[0].lines[0] > 1 and table.columns[1].width >= 60


def test_a_time_range_that_must_break_breaks_after_its_dash(qapp):
    assert balanced("14:30-14:40", Face.SONG, 14, 20.0) == "14:30-\n14:40"  # not "14:30-14" / ":40"
    assert balanced("14:30-14:40", Face.SONG, 14, 40.0) == "14:30-14:40"  # fits: unchanged
    assert balanced("上午9:30-11:30", Face.SONG, 14, 20.0) == "上午\n9:30-\n11:30"


def test_a_capped_time_column_breaks_its_range_where_it_reads(qapp):
    data = sheet_input(40)
    data = replace(data, agenda=[replace(data.agenda[0], time_text="上午9:30-11:30至下午14:30-16:30")])
    table = build(SheetKind.AGENDA, data).tables[0]
    assert table.columns[0].width == pytest.approx(48) and table.rows[0].lines[0] == 2
    lines = table.rows[0].texts[0].split("\n")  # the cell as the table set it
    assert len(lines) == 2 and lines[0][-1] in "-至" and all(line[0] not in ":-" for line in lines)


# -- 参会名单 -------------------------------------------------------------------------------------

def protocol_people():
    return [
        person(1, "丁委员", "出席", member_role="委员", employer_title="区第一中学校长"),
        person(2, "王副主席", "出席", member_role="副主席", employer_title="区政协副主席"),
        person(3, "田学者", "特邀", guest_category="专家学者", employer_title="市社会科学院研究员"),
        person(4, "白主席", "出席", member_role="主席", employer_title="区政协主席"),
        person(5, "冯局长", "列席", guest_category="部门负责人", employer_title="区民政局局长"),
        person(6, "孙秘书", "工作人员", guest_category="工作人员", employer_title="区政协办公室科员"),
        person(7, "李区长", "特邀", guest_category="领导", employer_title="区人民政府副区长"),
        person(8, "吴秘书长", "发言", member_role="秘书长", employer_title="区政协秘书长"),
        person(9, "张主持", "主持", member_role="副主席", employer_title="区政协副主席"),
        person(10, "陈请假", "出席", member_role="常委", invite_status="请假", employer_title="区人民医院院长"),
        person(11, "周常委", "发言", member_role="常委", employer_title="区律师协会会长"),
    ]


def test_roster_in_protocol_order_with_leave_apart():
    groups = [(group, [p.name for p in members]) for group, members in roster.in_protocol_order(protocol_people())]
    assert groups == [
        ("领导", ["白主席", "王副主席", "张主持", "吴秘书长"]),  # by rank; the two 副主席 in the given order
        ("特邀", ["李区长", "田学者"]),  # 领导 before 专家学者
        ("委员", ["丁委员", "周常委"]),
        ("列席", ["冯局长"]),
        ("工作人员", ["孙秘书"]),
        ("请假", ["陈请假"]),
    ]
    remarks = {row.cells[1]: row.cells[3] for row in roster.rows(protocol_people()) if not row.heading}
    assert remarks["陈请假"] == "请假" and remarks["张主持"] == "主持" and remarks["周常委"] == "发言"
    assert remarks["丁委员"] == ""


def test_roster_pdf_in_protocol_order_and_leave_in_the_remark(qapp, tmp_path):
    people = protocol_people()
    pages, text = render_pages(SheetKind.ROSTER, sheet_input(people=people), tmp_path, "参会名单.pdf")
    assert pages == 1
    in_order(["领导（4人）", "白主席", "王副主席", "张主持", "吴秘书长", "特邀（2人）", "李区长", "田学者",
              "委员（2人）", "丁委员", "周常委", "列席（1人）", "冯局长", "工作人员（1人）", "孙秘书",
              "请假（1人）", "陈请假", "区人民医院院长请假"], text)
    assert "出席" not in text[0]  # no 出席 group for the one on leave to be listed under
    assert len(png_pages(tmp_path / "参会名单.pdf", "参会名单")) == 1
