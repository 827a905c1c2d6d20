"""议题与计划 to Excel: the 评分表 reviewers fill in on paper (imported back by
models/imports/scores_import.py) and the 年度协商计划 as a list with its progress.

评分表 layout (the import relies on it):
    row 1  title "2024年度协商议题评分表"
    row 2  instructions (scale, weights, how to hand it back)
    row 3  A3 "评分人：", B3 the reviewer's name (empty for them to write in)
    row 4  header: 序号, 议题编号（勿改）, 议题名称, 来源, 提出者, one column per criterion "重要性（30%）", 意见
    row 5… one row per topic
"""

from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.exports.xlsx_sheets import (
    BODY_FONT_NAME,
    HEADER_FONT,
    SUBTITLE_FONT,
    finish_table,
    new_workbook,
    put,
    save_workbook,
    write_band,
    write_header,
    write_row,
    write_subtitle,
    write_title,
)
from models.services.plans import PlanRow
from models.services.topic_scores import SCORE_MAX, SCORE_MIN, Criterion, TopicRow

SEQ_HEADER = "序号"
TOPIC_ID_HEADER = "议题编号（勿改）"
TITLE_HEADER = "议题名称"
SOURCE_HEADER = "来源"
PROPOSER_HEADER = "提出者"
COMMENT_HEADER = "意见"
REVIEWER_LABEL = "评分人："
REVIEWER_LABEL_CELL = "A3"
REVIEWER_CELL = "B3"  # where the reviewer's name is written (documented for the import)
SCORING_HEADER_ROW = 4
# Criterion headers wrap to a few lines; 意见 needs room to write in; long headers and proposers wrap
# rather than widen the sheet (it is printed fit to the page width).
CRITERION_WIDTH = 11
SCORING_MIN_WIDTHS = {SEQ_HEADER: 9, TITLE_HEADER: 36, COMMENT_HEADER: 28}
SCORING_MAX_WIDTHS = {TOPIC_ID_HEADER: 10, PROPOSER_HEADER: 20}

PLAN_HEADERS = ("序号", "协商议题", "协商形式", "时间安排", "牵头专委会", "承办单位", "进展", "意见建议（条）", "备注")
PLAN_MIN_WIDTHS = {"协商议题": 30, "承办单位": 16, "备注": 16}
UNDECIDED = "待定"


def weight_text(weight: float) -> str:
    """30.0 → "30%", 12.5 → "12.5%"."""
    return f"{weight:g}%"


def criterion_header(criterion: Criterion) -> str:
    """"重要性（30%）": the import matches the column by the name at its start."""
    return f"{criterion.name}（{weight_text(criterion.weight)}）"


def weights_text(criteria: list[Criterion]) -> str:
    """"重要性30%、紧迫性20%、…"."""
    return "、".join(f"{c.name}{weight_text(c.weight)}" for c in criteria)


def scoring_instruction(criteria: list[Criterion]) -> str:
    return (f"每项按 {SCORE_MIN}–{SCORE_MAX} 分的整数打分（{SCORE_MAX} 分最高），不评的项留空；"
            f"权重：{weights_text(criteria)}；“议题编号”列请勿修改；填好后交回办公室导入。")


def topic_comments(existing: dict[tuple[int, int], tuple[int, str | None]]) -> dict[int, str]:
    """A reviewer's comment per topic: it is stored with each criterion's score, so take the first one."""
    comments: dict[int, str] = {}
    for (topic_id, _criterion), (_score, comment) in sorted(existing.items()):
        if comment and topic_id not in comments:
            comments[topic_id] = comment
    return comments


def export_scoring_sheet(rows: list[TopicRow], criteria: list[Criterion], year: int, path, *, reviewer: str = "",
                         existing: dict[tuple[int, int], tuple[int, str | None]] | None = None) -> Path:
    """评分表 for one reviewer (or blank for anyone): the topics in the given order, the reviewer's current
    scores pre-filled from `existing` ((topic id, criterion id) → (score, comment), see reviewer_scores)."""
    existing = existing or {}
    comments = topic_comments(existing)
    headers = [SEQ_HEADER, TOPIC_ID_HEADER, TITLE_HEADER, SOURCE_HEADER, PROPOSER_HEADER,
               *(criterion_header(c) for c in criteria), COMMENT_HEADER]
    width = len(headers)
    first_score = 6  # column of the first criterion
    workbook, ws = new_workbook("评分表")
    row_no = write_title(ws, f"{year}年度协商议题评分表", width)
    row_no = write_band(ws, row_no, scoring_instruction(criteria), width, font=SUBTITLE_FONT,
                        alignment=Alignment(horizontal="left", vertical="center", wrap_text=True), height=30)
    _reviewer_line(ws, reviewer)
    row_no = write_header(ws, headers, SCORING_HEADER_ROW)
    for seq, topic in enumerate(rows, start=1):
        scores = [existing.get((topic.id, c.id), (None, None))[0] for c in criteria]
        values = [seq, topic.id, topic.title, topic.source, topic.proposer, *scores, comments.get(topic.id)]
        row_no = write_row(ws, values, row_no)
    last_row = max(row_no - 1, SCORING_HEADER_ROW)
    if rows and criteria:
        _add_score_validation(ws, first_score, first_score + len(criteria) - 1, SCORING_HEADER_ROW + 1, last_row)
    finish_table(ws, header_row=SCORING_HEADER_ROW, last_row=last_row, landscape=True)
    for column in range(first_score, first_score + len(criteria)):
        ws.column_dimensions[get_column_letter(column)].width = CRITERION_WIDTH
    for header, minimum in SCORING_MIN_WIDTHS.items():
        dimension = ws.column_dimensions[get_column_letter(headers.index(header) + 1)]
        dimension.width = max(dimension.width or 0, minimum)
    for header, maximum in SCORING_MAX_WIDTHS.items():
        dimension = ws.column_dimensions[get_column_letter(headers.index(header) + 1)]
        dimension.width = min(dimension.width or maximum, maximum)
    longest = max((len(c.name) for c in criteria), default=0)
    ws.row_dimensions[SCORING_HEADER_ROW].height = 16 * (2 + longest // 5)  # wrapped criterion headers
    return save_workbook(workbook, path)


def _reviewer_line(ws, reviewer: str) -> None:
    label = ws[REVIEWER_LABEL_CELL]
    put(label, REVIEWER_LABEL)
    label.font = HEADER_FONT
    label.alignment = Alignment(horizontal="right", vertical="center")
    cell = ws[REVIEWER_CELL]
    put(cell, reviewer or None)
    cell.font = Font(name=BODY_FONT_NAME, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    cell.border = Border(bottom=Side(style="thin", color="000000"))  # a line to write the name on
    ws.row_dimensions[label.row].height = 24


def _add_score_validation(ws, first_column: int, last_column: int, first_row: int, last_row: int) -> None:
    """Excel refuses anything but a whole number 1–10 in the score cells, with a Chinese message."""
    validation = DataValidation(type="whole", operator="between", formula1=str(SCORE_MIN), formula2=str(SCORE_MAX),
                                allow_blank=True, showErrorMessage=True, errorTitle="评分",
                                error=f"评分应为 {SCORE_MIN} 到 {SCORE_MAX} 的整数，不评请留空。",
                                showInputMessage=True, promptTitle="评分",
                                prompt=f"请填写 {SCORE_MIN}–{SCORE_MAX} 的整数")
    validation.add(f"{get_column_letter(first_column)}{first_row}:{get_column_letter(last_column)}{last_row}")
    ws.add_data_validation(validation)


def month_text(month: int | None) -> str:
    """3 → "3月"; no month → "待定"."""
    return f"{month}月" if month else UNDECIDED


def plan_topic(row: PlanRow) -> str:
    return row.topic_title or row.meeting_title or UNDECIDED


def export_plan(rows: list[PlanRow], year: int, committee: str, path) -> Path:
    """年度协商计划 with its progress: one row per item in plan order. 意见建议（条） is a number for items
    whose meeting exists (0 until recommendations are recorded), empty otherwise."""
    width = len(PLAN_HEADERS)
    workbook, ws = new_workbook("年度协商计划")
    row_no = write_title(ws, f"{committee}{year}年度协商计划", width)
    row_no = write_subtitle(ws, f"共 {len(rows)} 项", width, row_no)
    header_row = row_no
    row_no = write_header(ws, PLAN_HEADERS, row_no)
    for seq, item in enumerate(rows, start=1):
        values = (seq, plan_topic(item), item.format_name, month_text(item.planned_month), item.lead_committee,
                  item.undertaker, item.progress, item.recommendations if item.meeting_id else None, item.notes)
        row_no = write_row(ws, values, row_no)
    finish_table(ws, header_row=header_row, last_row=max(row_no - 1, header_row), landscape=True)
    for header, minimum in PLAN_MIN_WIDTHS.items():
        dimension = ws.column_dimensions[get_column_letter(PLAN_HEADERS.index(header) + 1)]
        dimension.width = max(dimension.width or 0, minimum)
    return save_workbook(workbook, path)
