"""Recommendations to Excel: the filtered list as shown on screen (with the whole status history), and the
部门答复表 sent to the departments that handle them.

Both carry a column "编号（勿改）" holding the recommendation id, so that a 部门答复表 filled in and imported
again (models/imports/dept_replies_import.py) updates the same recommendations.  The full list has the
same 办理结果/答复内容/答复日期 columns and can be imported the same way.
"""

from datetime import date
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.clock import today
from models.exports.xlsx_sheets import (
    SUBTITLE_FONT,
    finish_table,
    new_workbook,
    save_workbook,
    write_band,
    write_header,
    write_row,
    write_subtitle,
    write_title,
)
from models.services.meeting_queries import chinese_date
from models.services.recommendation_queries import HistoryStep, RecommendationRow
from models.vocab import Outcome, RecommendationStatus

SEQ_HEADER = "序号"
ID_HEADER = "编号（勿改）"
HISTORY_TEXT_HEADER = "状态变更记录"
# One date column per lifecycle status, in order: the day the recommendation reached it.
STATUS_DATE_HEADERS: dict[str, str] = {status.value: f"{status.value}日期" for status in RecommendationStatus}

LIST_HEADERS = (SEQ_HEADER, ID_HEADER, "年度", "来源", "方面", "标题", "内容", "提出人", "交办单位", "状态",
                "办理结果", "办理期限", "答复日期", "答复内容", "反馈日期", "反馈内容", "回头看日期", "回头看情况",
                "是否超期", "合并至", *STATUS_DATE_HEADERS.values(), HISTORY_TEXT_HEADER)
# Long text wraps within these widths instead of stretching the printed page.
LIST_MAX_WIDTHS = {"来源": 24, "方面": 16, "标题": 26, "内容": 46, "提出人": 12, "交办单位": 16, "答复内容": 36,
                   "反馈内容": 26, "回头看情况": 24, HISTORY_TEXT_HEADER: 46}

REPLY_HEADERS = (SEQ_HEADER, ID_HEADER, "标题", "内容", "交办单位", "办理期限", "办理结果", "答复内容", "答复日期")
REPLY_INSTRUCTION = ("请在“办理结果”列从下拉列表选择（采纳、部分采纳、列入计划逐步解决、留作参考、"
                     "因条件限制暂不能采纳），填写答复内容和答复日期（格式：2024-05-18）。“编号（勿改）”列和标题请勿修改，不要增删行列。")
REPLY_WIDTHS = {"标题": (16, 24), "内容": (20, 44), "交办单位": (10, 14), "办理结果": (14, 20),
                "答复内容": (40, 50), "答复日期": (14, 14)}  # header → (minimum, maximum)
REPLY_DATE_FORMAT = "yyyy-mm-dd"  # as the input message asks people to type it
DATE_PROMPT = "格式：2024-05-18"


def _first_reached(history: tuple[HistoryStep, ...]) -> dict[str, date]:
    reached: dict[str, date] = {}
    for step in history:
        reached.setdefault(step.to_status, step.changed_on)
    return reached


def history_line(step: HistoryStep) -> str:
    """"2023-04-06 已汇编→已报送（《政协建言》2023年第1期报送）"; the note is left out when it only
    repeats the status."""
    move = f"{step.from_status}→{step.to_status}" if step.from_status else step.to_status
    note = f"（{step.note}）" if step.note and step.note != step.to_status else ""
    return f"{step.changed_on.isoformat()} {move}{note}"


def history_text(row: RecommendationRow) -> str:
    return "\n".join(history_line(step) for step in row.history)


def list_subtitle(rows: list[RecommendationRow], subtitle: str | None = None, on: date | None = None) -> str:
    """"2023年　双月协商会　共 77 条　导出日期：2024年5月18日（星期六）"."""
    parts = [subtitle.strip()] if subtitle and subtitle.strip() else []
    parts += [f"共 {len(rows)} 条", f"导出日期：{chinese_date(on or today(), with_time=False)}"]
    return "　".join(parts)


def _list_values(seq: int, row: RecommendationRow) -> list:
    reached = _first_reached(row.history)
    return [seq, row.id, row.year, row.source_label, row.aspect_name, row.title, row.content, row.proposers,
            row.target_org, row.status, row.outcome, row.deadline, row.reply_date, row.reply_text, row.feedback_date,
            row.feedback_text, row.lookback_date, row.lookback_note, "是" if row.overdue else None,
            row.duplicate_of_id, *(reached.get(status) for status in STATUS_DATE_HEADERS), history_text(row)]


def _cap_widths(ws, headers: tuple[str, ...], limits: dict[str, tuple[int, int]]) -> None:
    for header, (minimum, maximum) in limits.items():
        dimension = ws.column_dimensions[get_column_letter(headers.index(header) + 1)]
        dimension.width = max(minimum, min(maximum, dimension.width or minimum))


def export_recommendations(rows: list[RecommendationRow], path, *, title: str, subtitle: str | None = None) -> Path:
    """The list exactly as shown: `rows` in their order, every field, the date each lifecycle status was
    reached and the whole history as text. A4 landscape, title and header repeated on every printed page."""
    width = len(LIST_HEADERS)
    workbook, ws = new_workbook("意见建议")
    row_no = write_title(ws, title, width)
    row_no = write_subtitle(ws, list_subtitle(rows, subtitle), width, row_no)
    header_row = row_no
    row_no = write_header(ws, LIST_HEADERS, row_no)
    for seq, rec in enumerate(rows, start=1):
        row_no = write_row(ws, _list_values(seq, rec), row_no)
    finish_table(ws, header_row=header_row, last_row=max(row_no - 1, header_row), landscape=True)
    _cap_widths(ws, LIST_HEADERS, {header: (6, maximum) for header, maximum in LIST_MAX_WIDTHS.items()})
    return save_workbook(workbook, path)


def export_reply_sheet(rows: list[RecommendationRow], path, *, title: str) -> Path:
    """部门答复表: one row per recommendation with what is already recorded, a drop-down on 办理结果 and a
    date check on 答复日期. Merged duplicates are left out: their answer belongs on the recommendation
    they were merged into."""
    width = len(REPLY_HEADERS)
    workbook, ws = new_workbook("部门答复表")
    row_no = write_title(ws, title, width)
    row_no = write_band(ws, row_no, REPLY_INSTRUCTION, width, font=SUBTITLE_FONT,
                        alignment=Alignment(horizontal="left", vertical="center", wrap_text=True), height=32)
    header_row = row_no
    row_no = write_header(ws, REPLY_HEADERS, row_no)
    date_column = REPLY_HEADERS.index("答复日期") + 1
    shown = [rec for rec in rows if rec.duplicate_of_id is None]
    for seq, rec in enumerate(shown, start=1):
        values = (seq, rec.id, rec.title, rec.content, rec.target_org, rec.deadline, rec.outcome or None,
                  rec.reply_text, rec.reply_date)
        # Empty 答复日期 cells get the format too, so a date typed in shows as the input message asks.
        row_no = write_row(ws, values, row_no, {date_column: REPLY_DATE_FORMAT})
    last_row = max(row_no - 1, header_row)
    if shown:
        _add_validations(ws, header_row + 1, last_row)
    finish_table(ws, header_row=header_row, last_row=last_row, landscape=True)
    _cap_widths(ws, REPLY_HEADERS, REPLY_WIDTHS)
    return save_workbook(workbook, path)


def _add_validations(ws, first_row: int, last_row: int) -> None:
    """A drop-down of the five outcomes, and a date check on 答复日期; Excel refuses anything else with a
    Chinese message."""
    outcomes = [outcome.value for outcome in Outcome]
    result = DataValidation(type="list", formula1=f'"{",".join(outcomes)}"', allow_blank=True,
                            showDropDown=False, showErrorMessage=True, errorTitle="办理结果",
                            error=f"请从下拉列表中选择：{'、'.join(outcomes)}。", showInputMessage=True,
                            promptTitle="办理结果", prompt="请从下拉列表中选择")
    replied = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                             formula2="DATE(2099,12,31)", allow_blank=True, showErrorMessage=True,
                             errorTitle="答复日期", error="请填写日期，例如 2024-05-18。", showInputMessage=True,
                             promptTitle="答复日期", prompt=DATE_PROMPT)
    for validation, header in ((result, "办理结果"), (replied, "答复日期")):
        letter = get_column_letter(REPLY_HEADERS.index(header) + 1)
        validation.add(f"{letter}{first_row}:{letter}{last_row}")
        ws.add_data_validation(validation)
