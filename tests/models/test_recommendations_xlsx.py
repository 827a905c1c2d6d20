"""Recommendation exports on the demo year 2023: the list as shown, with its status history as dates and as
text, and the 部门答复表 with its drop-down and date check, checked by reopening with openpyxl."""

from datetime import date

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from models.clock import today
from models.exports.recommendations_xlsx import (
    HISTORY_TEXT_HEADER,
    ID_HEADER,
    LIST_HEADERS,
    REPLY_HEADERS,
    STATUS_DATE_HEADERS,
    export_recommendations,
    export_reply_sheet,
    history_line,
)
from models.services.meeting_queries import chinese_date
from models.services.recommendation_queries import HistoryStep, list_recommendations
from models.services.recommendations import add_recommendation
from models.tables import Recommendation
from models.vocab import RecommendationSource, RecommendationStatus

DATA_ROW = 4  # title, subtitle, header


@pytest.fixture
def rows_2023(demo_database):
    """The 86 demo recommendations of 2023, one more whose title and content Excel would take for formulas,
    and a merged duplicate."""
    with demo_database.session() as session:
        formula = add_recommendation(session, title="=SUM(A1)", content="-1+1 与 @某单位", year=2023,
                                     source_kind=RecommendationSource.PROPOSAL, proposed_on=date(2023, 12, 1))
        merged = add_recommendation(session, title="推动商圈错位发展（重复）", content="同第 2 条", year=2023,
                                    source_kind=RecommendationSource.PROPOSAL, proposed_on=date(2023, 12, 1))
        session.get(Recommendation, merged).duplicate_of_id = 2
    with demo_database.session() as session:
        return list_recommendations(session, year=2023), formula, merged


def _column(header: str) -> int:
    return LIST_HEADERS.index(header) + 1


def test_export_recommendations_layout_values_and_history(tmp_path, rows_2023):
    rows, formula, merged = rows_2023
    shown = list(reversed(rows))  # the screen's order, whatever it is
    path = export_recommendations(shown, tmp_path / "意见建议.xlsx", title="2023年意见建议办理情况",
                                  subtitle="年度：2023")
    ws = openpyxl.load_workbook(path)["意见建议"]

    assert ws["A1"].value == "2023年意见建议办理情况"
    assert ws["A2"].value == f"年度：2023　共 {len(rows)} 条　导出日期：{chinese_date(today(), with_time=False)}"
    header = [c.value for c in ws[3]]
    assert header == ["序号", ID_HEADER, "年度", "来源", "方面", "标题", "内容", "提出人", "交办单位", "状态",
                      "办理结果", "办理期限", "答复日期", "答复内容", "反馈日期", "反馈内容", "回头看日期",
                      "回头看情况", "是否超期", "合并至", "提出日期", "已汇编日期", "已报送日期", "已批示日期",
                      "已交办日期", "办理中日期", "已办结日期", HISTORY_TEXT_HEADER]
    assert all(c.font.b for c in ws[3])
    assert ws.max_row == 3 + len(rows) == 3 + 88
    body = {ws.cell(row=n, column=2).value: n for n in range(DATA_ROW, ws.max_row + 1)}
    assert list(body) == [r.id for r in shown]
    assert [ws.cell(row=n, column=1).value for n in body.values()] == list(range(1, len(rows) + 1))

    first = next(r for r in rows if r.id == 1)
    line = body[1]
    value = {h: ws.cell(row=line, column=_column(h)) for h in LIST_HEADERS}
    assert value["来源"].value == first.source_label and "双月协商会" in first.source_label
    assert (value["标题"].value, value["状态"].value, value["办理结果"].value) == (first.title, "已办结", first.outcome)
    assert value["内容"].alignment.wrap_text
    for header, expected in (("办理期限", first.deadline), ("答复日期", first.reply_date),
                             ("反馈日期", first.feedback_date)):
        assert value[header].is_date and value[header].value.date() == expected
    submitted = next(step.changed_on for step in first.history if step.to_status == "已报送")
    assert value["已报送日期"].is_date and value["已报送日期"].value.date() == submitted == date(2023, 4, 6)
    reached = {step.to_status: step.changed_on for step in first.history}
    assert {s: value[STATUS_DATE_HEADERS[s]].value.date() for s in reached} == reached
    assert set(reached) == set(RecommendationStatus)  # this one went through the whole lifecycle
    lines = value[HISTORY_TEXT_HEADER].value.split("\n")
    assert len(lines) == len(first.history) == 7
    assert lines[0] == "2023-03-23 提出"
    assert lines[2] == "2023-04-06 已汇编→已报送（《政协建言》2023年第1期报送）"
    assert all(f"{s.from_status}→{s.to_status}" in text for s, text in zip(first.history[1:], lines[1:], strict=True))

    overdue = {r.id: ("是" if r.overdue else None) for r in rows}
    assert {rid: ws.cell(row=n, column=_column("是否超期")).value for rid, n in body.items()} == overdue
    assert 0 < sum(1 for v in overdue.values() if v) < len(rows)

    # No lifecycle step reached → an empty cell; the merged duplicate names the one that counts.
    later = ws.cell(row=body[formula], column=_column("已报送日期"))
    assert later.value is None
    assert ws.cell(row=body[merged], column=_column("合并至")).value == 2
    title, content = (ws.cell(row=body[formula], column=_column(h)) for h in ("标题", "内容"))
    assert (title.value, title.data_type) == ("=SUM(A1)", "s")
    assert (content.value, content.data_type) == ("-1+1 与 @某单位", "s")

    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"
    widths = {h: ws.column_dimensions[get_column_letter(_column(h))].width for h in LIST_HEADERS}
    assert widths["内容"] <= 46 and widths[HISTORY_TEXT_HEADER] <= 46 and widths["标题"] >= 10


def test_export_without_rows_or_subtitle(tmp_path):
    path = export_recommendations([], tmp_path / "空.xlsx", title="意见建议")
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == f"共 0 条　导出日期：{chinese_date(today(), with_time=False)}"
    assert [c.value for c in ws[3]] == list(LIST_HEADERS) and ws.max_row == 3


def test_history_line_leaves_out_a_note_that_repeats_the_status():
    step = HistoryStep("办理中", "已办结", date(2024, 1, 5), "根据部门答复表导入", "张三")
    assert history_line(step) == "2024-01-05 办理中→已办结（根据部门答复表导入）"
    assert history_line(HistoryStep("", "提出", date(2023, 3, 23), "提出", "")) == "2023-03-23 提出"
    assert history_line(HistoryStep("提出", "已汇编", date(2023, 3, 30), "", "")) == "2023-03-30 提出→已汇编"


def test_reply_sheet_layout_and_validations(tmp_path, rows_2023):
    rows, formula, merged = rows_2023
    path = export_reply_sheet(rows, tmp_path / "答复表.xlsx", title="2023年意见建议部门答复表")
    ws = openpyxl.load_workbook(path)["部门答复表"]
    assert ws["A1"].value == "2023年意见建议部门答复表"
    assert "下拉列表" in ws["A2"].value and "2024-05-18" in ws["A2"].value
    assert [c.value for c in ws[3]] == list(REPLY_HEADERS) == [
        "序号", ID_HEADER, "标题", "内容", "交办单位", "办理期限", "办理结果", "答复内容", "答复日期"]
    ids = [ws.cell(row=n, column=2).value for n in range(DATA_ROW, ws.max_row + 1)]
    assert ids == [r.id for r in rows if r.id != merged] and formula in ids  # merged duplicates are left out

    line = DATA_ROW + ids.index(1)
    first = next(r for r in rows if r.id == 1)
    assert [ws.cell(row=line, column=c).value for c in (3, 5, 7, 8)] == [first.title, first.target_org,
                                                                         first.outcome, first.reply_text]
    assert ws.cell(row=line, column=9).value.date() == first.reply_date and ws.cell(row=line, column=6).is_date
    empty_date = ws.cell(row=DATA_ROW + ids.index(formula), column=9)
    assert empty_date.value is None and empty_date.number_format == "yyyy-mm-dd"

    validations = {v.type: v for v in ws.data_validations.dataValidation}
    last = ws.max_row
    outcome = validations["list"]
    assert outcome.formula1 == '"采纳,部分采纳,列入计划逐步解决,留作参考,因条件限制暂不能采纳"'
    assert str(outcome.sqref) == f"G{DATA_ROW}:G{last}" and outcome.showErrorMessage
    replied = validations["date"]
    assert str(replied.sqref) == f"I{DATA_ROW}:I{last}"
    assert replied.prompt == "格式：2024-05-18" and replied.showInputMessage
    assert ws.page_setup.orientation == "landscape" and ws.freeze_panes == "A4"
    assert ws.column_dimensions["H"].width >= 40  # room to write the reply


def test_reply_sheet_without_rows_has_no_validations(tmp_path):
    ws = openpyxl.load_workbook(export_reply_sheet([], tmp_path / "空.xlsx", title="答复表")).active
    assert ws.max_row == 3 and not ws.data_validations.dataValidation
