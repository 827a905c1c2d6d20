"""年度统计 and 履职档案 workbooks, reopened with openpyxl: against the hand-counted world of
statistics_world.py and against the demo's 2023."""

from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from models.errors import DomainError
from models.exports.statistics_xlsx import (
    CHANGE_FORMAT,
    PERCENT_FORMAT,
    RANGE_NOTE,
    RATE_CHANGE_FORMAT,
    export_member_records,
    export_overview,
)
from models.services.people import MembershipData, PersonData, save_person
from models.services.performance import format_infos, member_activities, member_records
from models.services.performance_scheme import Scheme, get_scheme, scheme_lines
from models.services.statistics import overview, range_scope, report_paragraph, year_scope
from models.vocab import Level
from tests.models.statistics_world import build_world

OVERVIEW_SHEETS = ["概况", "会议活动", "会议明细", "参加人次", "调研", "意见建议按方面", "办理情况", "委员履职"]
FIXED = ["序号", "姓名", "界别", "专委会", "街镇联络组", "身份"]
TAIL = ["调研", "意见建议", "被采纳", "专报", "批示", "积分", "等次", "备注"]
TALLY = ["应邀", "出席", "请假", "缺席"]


@pytest.fixture
def world(database):
    return build_world(database)


def _values(ws, first: int, last: int | None = None) -> list[tuple]:
    return list(ws.iter_rows(min_row=first, max_row=last or ws.max_row, values_only=True))


def _row_of(ws, column: int, value) -> int:
    return next(cell.row for cell in ws[get_column_letter(column)] if cell.value == value)


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def _assert_printable(ws, *, header_rows: int, landscape: bool) -> None:
    assert int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"$1:${header_rows}"
    assert ws.freeze_panes.endswith(str(header_rows + 1))


def _member_table(ws) -> tuple[list[str], list[tuple], tuple]:
    """(format names over the tallies, body rows, 合计 row) of a 履职档案 / 委员履职 sheet."""
    top, sub = [c.value for c in ws[3]], [c.value for c in ws[4]]
    formats = [name for name, below in zip(top, sub, strict=True) if below == "应邀" and name != "合计"]
    total_row = next(c.row for c in ws["A"] if str(c.value).startswith("合计（"))
    return formats, _values(ws, 5, total_row - 1), _values(ws, total_row, total_row)[0]


def _assert_member_layout(ws, formats: list[str], records) -> None:
    width = len(FIXED) + 4 * (len(formats) + 1) + len(TAIL)
    top = [c.value for c in ws[3]]
    assert top[:6] == FIXED and top[-8:] == TAIL
    assert [c.value for c in ws[4]][6:6 + 4 * (len(formats) + 1)] == TALLY * (len(formats) + 1)
    assert ws.max_column == width
    merged = _merged(ws)
    last = get_column_letter(width)
    assert {"A3:A4", "B3:B4", f"{last}3:{last}4"} <= merged
    assert "G3:J3" in merged  # the first format's name over its four columns
    shown, body, totals = _member_table(ws)
    assert shown == formats
    assert len(body) == len(records)
    assert [r[0] for r in body] == list(range(1, len(records) + 1))
    assert [r[1] for r in body] == [rec.activity.name for rec in records]
    assert totals[0] == f"合计（{len(records)}人）"
    for column in range(6, width - 3):  # every tally, 调研 … 批示: a number equal to the column's sum
        assert totals[column] == sum(r[column] for r in body)
        assert all(isinstance(r[column], int) for r in body)
    assert totals[-3:] == (None, None, None)
    assert [r[-3] for r in body] == [rec.score.total for rec in records]
    assert [r[-2] for r in body] == [rec.score.band for rec in records]
    _assert_printable(ws, header_rows=4, landscape=True)
    assert ws.freeze_panes == "C5"  # 序号 and 姓名 stay in view


def _scheme_below(ws) -> list[str]:
    start = _row_of(ws, 1, "积分办法")
    return [r[0] for r in _values(ws, start + 1)]


# -- the hand-counted world ---------------------------------------------------------------------------------

def test_overview_of_a_year(tmp_path, database, world):
    path = tmp_path / "年度统计.xlsx"
    with database.session() as s:
        assert export_overview(s, year_scope(2023), path) == path
        ov = overview(s, year_scope(2023))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == OVERVIEW_SHEETS

    ws = wb["概况"]
    assert ws["A1"].value == "××区政协2023年协商工作统计" and "A1:E1" in _merged(ws)
    assert ws["A2"].value == "统计期间：2023年　上年同期：2022年　单位：场、人次、次、条、期、件"
    assert [c.value for c in ws[3]] == ["项目", "单位", "本期", "上年同期", "增减"]
    rows = {r[:2]: r[2:] for r in _values(ws, 4) if r[0]}
    assert rows["协商活动（合计）", "场"] == (2, 1, 1)
    assert rows["　双月协商会", "场"] == (1, 1, 0)  # shown "持平"
    assert rows["　双月协商会", "条"] == (2, 1, 1)  # r6 is 2022's
    assert rows["调研视察", "次"] == (2, 1, 1)
    visits = ws.cell(row=_row_of(ws, 1, "调研视察"), column=5)
    assert visits.data_type == "n" and visits.number_format == CHANGE_FORMAT
    assert rows["　其他来源", "条"] == (1, 0, 1)
    rate_row = _row_of(ws, 1, "采纳率")
    assert ws.cell(row=rate_row, column=3).value == pytest.approx(2 / 3)
    assert ws.cell(row=rate_row, column=3).number_format == PERCENT_FORMAT
    assert ws.cell(row=rate_row, column=4).value == "—"  # 2022's recommendation has no outcome
    assert ws.cell(row=rate_row, column=5).value == "—"
    assert ws.cell(row=rate_row, column=5).number_format == RATE_CHANGE_FORMAT
    report = _row_of(ws, 1, "报告文字")
    paragraph = ws.cell(row=report + 1, column=1)
    assert paragraph.value == report_paragraph(ov) and paragraph.alignment.wrap_text
    assert f"A{report + 1}:E{report + 1}" in _merged(ws)
    assert RANGE_NOTE not in [c.value for c in ws["A"]]
    _assert_printable(ws, header_rows=3, landscape=False)

    ws = wb["会议活动"]
    assert ws["A1"].value == "××区政协2023年协商活动统计"
    assert [c.value for c in ws[3]] == ["形式", "场次", "意见建议（条）", "方面"]
    assert _values(ws, 4) == [("双月协商会", 1, 2, 1), ("委员沙龙", 1, 1, 1), ("其他来源", None, 1, 0),
                              ("合计", 2, 4, 2)]
    assert ws["A7"].font.b

    ws = wb["会议明细"]
    assert [c.value for c in ws[3]] == ["序号", "日期", "形式", "会议名称", "议题", "应到", "实到", "请假", "缺席",
                                         "出席率", "意见建议"]
    m1, m2, total = _values(ws, 4)
    assert m1[:4] == (1, datetime(2023, 3, 10), "双月协商会", "一") and ws["B4"].is_date
    assert m1[5:9] == (7, 5, 1, 1) and m1[9] == pytest.approx(5 / 7) and m1[10] == 2
    assert ws["J4"].number_format == PERCENT_FORMAT and isinstance(ws["F4"].value, int)
    assert m2[5:] == (4, 2, 1, 1, 0.5, 1)
    assert total[0] == "合计（2场）" and total[5:9] == (11, 7, 2, 2) and total[10] == 3
    assert total[9] == pytest.approx(7 / 11) and "A6:E6" in _merged(ws)
    assert ws.column_dimensions["B"].width >= 15  # "2023年12月31日" without "####"
    _assert_printable(ws, header_rows=3, landscape=True)

    assert _values(wb["参加人次"], 3) == [("人员类别", "应邀人次", "出席人次", "出席人数"),
                                          ("全国政协委员", 1, 1, 1), ("市政协委员", 2, 1, 1),
                                          ("区政协委员", 6, 4, 3), ("非委员（嘉宾等）", 2, 1, 1), ("合计", 11, 7, 6)]

    ws = wb["调研"]
    assert [c.value for c in ws[3]] == ["序号", "日期", "类别", "标题", "地点", "调研单位", "参加人员", "意见建议条数"]
    v1, v2, total = _values(ws, 4)
    assert v1[:4] == (1, datetime(2023, 4, 1), "实地调研", "V1") and ws["B4"].is_date  # date ascending
    assert v1[6] == "甲（带队）、乙、庚（工作人员）" and v1[7] == 0
    assert v2[:4] == (2, datetime(2023, 8, 1), "座谈", "V2") and v2[7] == 1  # r5
    assert (total[0], total[7]) == ("合计（2次）", 1)

    assert _values(wb["意见建议按方面"], 3) == [("序号", "方面", "条数"), (1, "甲方面", 2), (2, "乙方面", 1),
                                                (3, "未分方面", 1), ("合计", None, 4)]

    ws = wb["办理情况"]
    lines = {(r[1]): r for r in _values(ws, 4)}
    assert lines["提出"][2] == 1 and lines["已办结"][2] == 3 and lines["已办结"][3] == pytest.approx(0.75)
    assert lines["合计"][2:] == (4, 1)
    assert lines["采纳"][2] == 1 and lines["部分采纳"][2] == 1 and lines["留作参考"][2] == 1
    assert lines["已有办理结果合计"][2] == 3
    adoption = lines["（采纳＋部分采纳）÷已有办理结果"]
    assert adoption[0] == "采纳率" and adoption[2] == 2 and adoption[3] == pytest.approx(2 / 3)
    assert ws.cell(row=_row_of(ws, 1, "采纳率"), column=4).number_format == PERCENT_FORMAT

    ws = wb["委员履职"]
    assert ws["A1"].value == "××区政协2023年度委员履职情况"
    with database.session() as s:
        records = member_records(member_activities(s, 2023), get_scheme(s), format_infos(s))
        lines = scheme_lines(get_scheme(s), {f.code: f.name for f in format_infos(s) if f.code})
    _assert_member_layout(ws, ["双月协商会", "委员沙龙"], records)
    jia = next(r for r in _member_table(ws)[1] if r[1] == "甲")
    assert jia[2] == "经济" and jia[6:] == (1, 1, 0, 0, 1, 0, 0, 1, 2, 1, 0, 1, 2, 2, 1, 1, 2, 73, "称职", None)
    assert _scheme_below(ws) == lines


def test_overview_of_a_date_range_has_no_member_sheet(tmp_path, database, world):
    with database.session() as s:
        path = export_overview(s, range_scope(date(2023, 1, 1), date(2023, 6, 30)), tmp_path / "上半年.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == OVERVIEW_SHEETS[:-1]
    ws = wb["概况"]
    assert ws["A1"].value == "××区政协2023年1月1日至2023年6月30日协商工作统计"
    assert RANGE_NOTE in [c.value for c in ws["A"]]
    assert _values(wb["会议明细"], 4)[-1][0] == "合计（1场）"
    assert [r[3] for r in _values(wb["调研"], 4)] == ["V1", None]  # V1, then the 合计 row


def test_member_records(tmp_path, database, world):
    with database.session() as s:
        path = export_member_records(s, 2023, tmp_path / "履职档案.xlsx")
        records = member_records(member_activities(s, 2023), get_scheme(s), format_infos(s))
        lines = scheme_lines(get_scheme(s), {f.code: f.name for f in format_infos(s) if f.code})
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["履职档案", "谈话提醒", "积分办法"]

    ws = wb["履职档案"]
    assert ws["A1"].value == "××区政协2023年度委员履职档案"
    assert ws["A2"].value == "统计年度：2023年　共 5 人　单位：次、条、期、件、分"
    _assert_member_layout(ws, ["双月协商会", "委员沙龙"], records)
    _formats, body, totals = _member_table(ws)
    by_name = {r[1]: r for r in body}
    assert by_name["乙"][-1] == "2023年7月1日起任委员"
    assert by_name["己"][-3:] == (55, "不称职", "积分55分，低于60分（不称职）；全年无出席会议、调研视察和意见建议记录")
    assert by_name["丙"][6:18] == (1, 0, 1, 0, 1, 1, 0, 0, 2, 1, 1, 0)
    # 合计: bimonthly 甲乙丙己辛 = 4 invited (乙 joined after M1), salon 甲乙丙 = 3.
    assert totals[6:10] == (4, 2, 1, 1) and totals[10:14] == (3, 2, 0, 1) and totals[14:18] == (7, 4, 1, 2)
    assert totals[18:23] == (3, 5, 3, 2, 4)  # visits 甲2 乙1; recommendations 甲2 乙2 丙1 …
    assert "等次分布：" in " ".join(str(c.value) for c in ws["A"] if c.value)
    assert _scheme_below(ws) == lines

    ws = wb["谈话提醒"]
    assert [c.value for c in ws[3]] == ["序号", "姓名", "界别", "积分", "等次", "原因"]
    assert _values(ws, 4) == [(1, "己", None, 55, "不称职",
                               "积分55分，低于60分（不称职）；全年无出席会议、调研视察和意见建议记录")]
    _assert_printable(ws, header_rows=3, landscape=False)

    ws = wb["积分办法"]
    assert ws["A1"].value == "××区政协2023年度委员履职积分办法"
    assert _values(ws, 3) == [(n, line) for n, line in enumerate(lines, start=1)]


def test_member_records_for_chosen_people_with_another_scheme(tmp_path, database, world):
    p = world.people
    scheme = replace(Scheme(), base=50.0)
    with database.session() as s:
        path = export_member_records(s, 2023, tmp_path / "选定.xlsx", scheme=scheme,
                                     person_ids=[p["辛"], p["丁"], p["甲"]])  # 丁 is not a district member
    wb = openpyxl.load_workbook(path)
    _formats, body, totals = _member_table(wb["履职档案"])
    assert [(r[0], r[1], r[-3]) for r in body] == [(1, "辛", 55), (2, "甲", 63)]
    assert totals[0] == "合计（2人）" and totals[7] == 2  # both attended M1
    assert _scheme_below(wb["履职档案"])[0] == "基础分50分。"
    assert [r[1] for r in _values(wb["谈话提醒"], 4)] == ["辛"]  # 55 < 60


def test_other_levels_and_hostile_names(tmp_path, database, world):
    with database.session() as s:
        save_person(s, PersonData(name="=SUM(A1)", memberships=[MembershipData(level=Level.DISTRICT,
                                                                                 start_date=date(2023, 1, 1))]))
        national = export_member_records(s, 2023, tmp_path / "全国.xlsx", level=Level.NATIONAL)
        path = export_overview(s, year_scope(2023), tmp_path / "年度.xlsx")
    ws = openpyxl.load_workbook(national)["履职档案"]
    assert ws["A1"].value == "××区政协2023年度全国政协委员履职档案"
    assert [r[1] for r in _member_table(ws)[1]] == ["丁"]
    ws = openpyxl.load_workbook(path)["委员履职"]
    cell = next(c for c in ws["B"] if c.value == "=SUM(A1)")
    assert cell.data_type == "s"


def test_unwritable_target_gives_a_chinese_message(tmp_path, database, world):
    with database.session() as s, pytest.raises(DomainError, match="不存在"):
        export_overview(s, year_scope(2023), tmp_path / "没有" / "年度统计.xlsx")
    with database.session() as s, pytest.raises(DomainError, match="不存在"):
        export_member_records(s, 2023, tmp_path / "没有" / "履职档案.xlsx")


# -- the demo -----------------------------------------------------------------------------------------------

DEMO_FORMATS = ["双月协商会", "委员沙龙", "专题议政性常委会", "全体会议"]  # the formats the demo held in 2023

def test_demo_overview(tmp_path, demo_database):
    with demo_database.session() as s:
        path = export_overview(s, year_scope(2023), tmp_path / "2023年度统计.xlsx")
        records = member_records(member_activities(s, 2023), get_scheme(s), format_infos(s))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == OVERVIEW_SHEETS
    assert _values(wb["会议活动"], 4) == [("双月协商会", 4, 54, 16), ("委员沙龙", 1, 23, 9),
                                          ("专题议政性常委会", 2, 6, 0), ("全体会议", 1, 3, 0), ("合计", 8, 86, 25)]
    meetings = _values(wb["会议明细"], 4)
    b, s, c = "双月协商会", "委员沙龙", "专题议政性常委会"
    assert len(meetings) == 9 and [m[2] for m in meetings[:8]] == ["全体会议", b, b, c, b, b, c, s]
    assert all(isinstance(m[1], datetime) for m in meetings[:8])
    for column in range(5, 9):
        assert meetings[-1][column] == sum(m[column] for m in meetings[:8])
    assert meetings[-1][10] == sum(m[10] for m in meetings[:8]) == 86
    visits = _values(wb["调研"], 4)
    assert len(visits) == 14 and visits[-1][0] == "合计（13次）"
    assert [v[1] for v in visits[:13]] == sorted(v[1] for v in visits[:13])
    aspects = _values(wb["意见建议按方面"], 4)
    assert aspects[-1] == ("合计", None, 86) and sum(a[2] for a in aspects[:-1]) == 86
    assert len(records) == 300
    _assert_member_layout(wb["委员履职"], DEMO_FORMATS, records)


def test_demo_member_records(tmp_path, demo_database):
    with demo_database.session() as s:
        path = export_member_records(s, 2023, tmp_path / "2023年度履职档案.xlsx")
        scheme = get_scheme(s)
        records = member_records(member_activities(s, 2023), scheme, format_infos(s))
    wb = openpyxl.load_workbook(path)
    ws = wb["履职档案"]
    _assert_member_layout(ws, DEMO_FORMATS, records)
    _formats, body, totals = _member_table(ws)
    assert len(body) == 300
    tail = len(FIXED) + 4 * (len(DEMO_FORMATS) + 1)  # 调研 and 意见建议 follow the tallies
    assert totals[tail] == sum(r.activity.visits for r in records)
    assert totals[tail + 1] == sum(r.activity.recommendations for r in records)
    assert [r[-1] for r in _values(wb["谈话提醒"], 4)] == ["；".join(r.reminders) for r in records if r.reminders]
    assert len(_values(wb["积分办法"], 3)) == len(_scheme_below(ws)) == 6
