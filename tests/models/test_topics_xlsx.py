"""议题与计划 Excel on the demo database: the 评分表 (pre-filled for a reviewer, or blank) and the
年度协商计划 with its progress, checked by reopening with openpyxl."""

import openpyxl
import pytest
from sqlmodel import select

from models.exports.topics_xlsx import (
    REVIEWER_CELL,
    TOPIC_ID_HEADER,
    criterion_header,
    export_plan,
    export_scoring_sheet,
    month_text,
)
from models.services.app_settings import committee_name, set_setting
from models.services.plans import PlanItemData, list_plan, save_plan_item
from models.services.topic_scores import criteria, list_topics, reviewer_scores, reviewers
from models.services.topics import create_topic
from models.settings import COMMITTEE_NAME
from models.tables import MeetingFormat

HEADERS = ["序号", TOPIC_ID_HEADER, "议题名称", "来源", "提出者", "重要性（30%）", "紧迫性（20%）", "可行性（20%）",
           "与中心工作关联度（20%）", "群众关注度（10%）", "意见"]


@pytest.fixture
def pool(demo_database):
    """The 2024 pool in rank order, the criteria, the first reviewer and that reviewer's scores."""
    with demo_database.session() as session:
        reviewer = reviewers(session, 2024)[0]
        return list_topics(session, 2024), criteria(session), reviewer, reviewer_scores(session, 2024, reviewer)


def test_scoring_sheet_for_a_reviewer(tmp_path, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    ws = openpyxl.load_workbook(path)["评分表"]

    assert ws["A1"].value == "2024年度协商议题评分表" and "A1:K1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == ("每项按 1–10 分的整数打分（10 分最高），不评的项留空；权重：重要性30%、紧迫性20%、"
                              "可行性20%、与中心工作关联度20%、群众关注度10%；“议题编号”列请勿修改；填好后交回办公室导入。")
    assert REVIEWER_CELL == "B3" and (ws["A3"].value, ws["B3"].value) == ("评分人：", reviewer)
    assert [c.value for c in ws[4]] == HEADERS == ["序号", TOPIC_ID_HEADER, "议题名称", "来源", "提出者",
                                                   *(criterion_header(c) for c in marks), "意见"]
    body = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(body) == 12 and ws.max_row == 16
    assert [r[0] for r in body] == list(range(1, 13))
    assert [r[1] for r in body] == [t.id for t in rows]  # a number, the import matches on it
    assert all(ws.cell(row=n, column=2).data_type == "n" for n in range(5, 17))
    assert [(r[2], r[3], r[4]) for r in body] == [(t.title, t.source, t.proposer) for t in rows]
    for values, topic in zip(body, rows, strict=True):
        assert list(values[5:10]) == [existing[(topic.id, c.id)][0] for c in marks]
        assert values[10] is None  # the demo has no comments

    (validation,) = ws.data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1, validation.formula2) == (
        "whole", "between", "1", "10")
    assert str(validation.sqref) == "F5:J16" and validation.allow_blank
    assert validation.showErrorMessage and "1 到 10 的整数" in validation.error

    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$4" and ws.freeze_panes == "A5"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert all(c.font.b for c in ws[4])
    assert ws.column_dimensions["C"].width >= 36 and ws.column_dimensions["K"].width >= 28
    assert ws.column_dimensions["B"].width == 10 and ws.column_dimensions["E"].width == 20  # they wrap instead
    assert all(ws.column_dimensions[col].width == 11 for col in "FGHIJ")
    assert ws.cell(row=5, column=3).alignment.wrap_text


def test_blank_scoring_sheet_and_text_safety(tmp_path, demo_database):
    with demo_database.session() as session:
        create_topic(session, year=2024, title="=HYPERLINK(\"x\")", source="群众征题", proposer_text="+某某")
        session.commit()
        rows, marks = list_topics(session, 2024), criteria(session)
    ws = openpyxl.load_workbook(export_scoring_sheet(rows, marks, 2024, tmp_path / "空白.xlsx")).active
    assert ws["B3"].value is None and ws["A3"].value == "评分人："
    assert all(v is None for row in ws.iter_rows(min_row=5, min_col=6, max_col=11, values_only=True) for v in row)
    formula = ws.cell(row=17, column=3)
    assert formula.value == '=HYPERLINK("x")' and formula.data_type == "s" and formula.quotePrefix
    assert ws.cell(row=17, column=5).value == "+某某"


def test_scoring_sheet_comment_is_the_topics(tmp_path, pool):
    rows, marks, reviewer, existing = pool
    topic = rows[2]
    existing = {**existing, (topic.id, marks[1].id): (6, "建议与教育局联合调研")}
    ws = openpyxl.load_workbook(export_scoring_sheet(rows, marks, 2024, tmp_path / "x.xlsx", reviewer=reviewer,
                                                     existing=existing)).active
    assert ws.cell(row=7, column=11).value == "建议与教育局联合调研" and ws.cell(row=7, column=7).value == 6


def test_export_plan_2023(tmp_path, demo_database):
    with demo_database.session() as session:
        salon = session.exec(select(MeetingFormat).where(MeetingFormat.name == "委员沙龙")).one()
        save_plan_item(session, PlanItemData(year=2023, format_id=salon.id, notes="视情况安排"))
        session.commit()
        rows, committee = list_plan(session, 2023), committee_name(session)
    path = export_plan(rows, 2023, committee, tmp_path / "计划.xlsx")
    ws = openpyxl.load_workbook(path)["年度协商计划"]

    assert ws["A1"].value == "江滨区政协2023年度协商计划" and ws["A2"].value == "共 5 项"
    assert [c.value for c in ws[3]] == ["序号", "协商议题", "协商形式", "时间安排", "牵头专委会", "承办单位", "进展",
                                        "意见建议（条）", "备注"]
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in body[:4]] == ["打造中心城区消费新高地", "完善社区卫生服务体系", "推进公共文化高质量发展",
                                        "提升城区绿色发展水平"]
    assert [r[3] for r in body[:4]] == ["3月", "5月", "7月", "9月"]
    assert [r[6] for r in body[:4]] == ["已召开"] * 4
    assert [r[7] for r in body[:4]] == [14, 13, 14, 13]
    assert all(ws.cell(row=n, column=8).data_type == "n" for n in range(4, 8))
    assert body[0][2] == "双月协商会" and body[0][4] == "经济科技委员会" and body[0][5] == "区商务委员会"
    assert body[4] == (5, "待定", "委员沙龙", "待定", None, None, "未生成会议", None, "视情况安排")
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"


def test_export_plan_uses_the_committee_name(tmp_path, demo_database):
    with demo_database.session() as session:
        set_setting(session, COMMITTEE_NAME, "滨江区政协")
        session.commit()
        rows, committee = list_plan(session, 2023), committee_name(session)
    ws = openpyxl.load_workbook(export_plan(rows, 2023, committee, tmp_path / "计划.xlsx")).active
    assert ws["A1"].value == "滨江区政协2023年度协商计划"
    empty = openpyxl.load_workbook(export_plan([], 2025, committee, tmp_path / "空.xlsx")).active
    assert empty["A1"].value == "滨江区政协2025年度协商计划" and empty.max_row == 3


def test_month_text():
    assert (month_text(3), month_text(12), month_text(None)) == ("3月", "12月", "待定")
