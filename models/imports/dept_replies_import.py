"""部门答复表 from Excel: the departments' 办理结果, 答复内容 and 答复日期, analysed into a preview that writes
nothing, then applied on confirmation.

Each data row gets one outcome — 更新, 跳过 or 错误 — with its Excel row number and a reason. Rows are
matched by 编号 only (the sheet from models/exports/recommendations_xlsx.py has "编号（勿改）"); a 标题
column, when present, must agree. An empty 答复内容 or 答复日期 cell keeps what is recorded. Applying moves
a recommendation that is not yet 已办结 forward along the allowed steps to 已办结, each step in its history.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from sqlmodel import Session

from models.changes import Area, writes
from models.clock import today
from models.columns import Column
from models.dates import parse_date_cell
from models.errors import FieldErrors, ValidationError
from models.exports.recommendations_xlsx import ID_HEADER
from models.imports.formula_cells import formula_message
from models.imports.preview_columns import preview_columns
from models.imports.record_ids import parse_record_id, record_id
from models.imports.report import ImportReport, Progress, report_of, row_reason, rows_to_write, short
from models.imports.xlsx_reader import (
    ERROR,
    SKIPPED,
    UPDATED,
    cell_text,
    find_table,
    missing_column,
    normalize_header,
    open_workbook,
    outcome_counts,
    sheet_names,
)
from models.services.common import get_row
from models.services.recommendation_queries import RecommendationRow, list_recommendations
from models.services.recommendations import change_recommendation_status, set_outcome
from models.tables import Recommendation
from models.text import clean_block, clean_line
from models.vocab import RECOMMENDATION_TRANSITIONS, Outcome, RecommendationStatus

NOT_FILLED = "未填写"
UNCHANGED = "无变化"
NOT_ASSIGNED = "尚未交办，不能登记办理结果"
NO_ID_ROW = "没有编号，已忽略"
HEADER_REPEAT = "重复的表头行，已忽略"
IMPORT_NOTE = "根据部门答复表导入"

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("编号", ID_HEADER, "建议编号", "id"),
    "result": ("办理结果", "结果", "采纳情况"),
    "reply_text": ("答复内容", "答复", "办理情况", "答复意见"),
    "reply_date": ("答复日期", "日期", "办结日期"),
    "title": ("标题",),
    "seq": ("序号",),  # recognised only to help find the header row; never imported
}
HEADER_ALIASES = {alias: key for key, aliases in FIELD_ALIASES.items() for alias in aliases}
_ID_ALIASES = {normalize_header(alias) for alias in FIELD_ALIASES["id"]}

OUTCOMES = tuple(outcome.value for outcome in Outcome)
OUTCOME_WORDS: dict[str, str] = {
    **{outcome: outcome for outcome in OUTCOMES},
    "已采纳": Outcome.ADOPTED.value,
    "部分采用": Outcome.PARTLY_ADOPTED.value,
    "列入计划": Outcome.PLANNED.value,
    "参考": Outcome.REFERENCE.value,
    "暂不能采纳": Outcome.NOT_FEASIBLE.value,
    "不予采纳": Outcome.NOT_FEASIBLE.value,
}
OUTCOME_HINT = f"应为：{'、'.join(OUTCOMES)}"
_SPACES = re.compile(r"\s+")
_UNASSIGNED = (RecommendationStatus.PROPOSED, RecommendationStatus.COMPILED)


@dataclass
class DeptReplyRow:
    row_no: int  # Excel row number
    outcome: str  # 更新 | 跳过 | 错误
    reason: str
    title: str = ""
    recommendation_id: int | None = None
    result: str | None = None  # what would be saved (also for 无变化)
    reply_text: str | None = None
    reply_date: date | None = None
    version: int | None = None  # the recommendation's version during analysis


@dataclass
class DeptReplyPreview:
    columns: ClassVar[tuple[Column, ...]] = preview_columns("title", "意见建议")  # the preview's table
    path: Path
    sheet: str
    sheets: list[str]
    rows: list[DeptReplyRow]
    header_row: int = 0
    headers: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return outcome_counts(self.rows)


# ---- cell values -----------------------------------------------------------------------------------

def parse_outcome(value) -> str | None:
    """The stored 办理结果 for a typed one; None for an empty cell; ValidationError for anything else."""
    text = cell_text(value)
    if not text:
        return None
    outcome = OUTCOME_WORDS.get(_SPACES.sub("", text))
    if outcome is None:
        raise ValidationError(f"办理结果“{text}”无法识别，{OUTCOME_HINT}。", field="result")
    return outcome


def parse_reply_date(value) -> date | None:
    """A date cell, an Excel serial number, or text such as 2024-05-18, 2024.5.18, 2024年5月18日."""
    return parse_date_cell(value, "答复日期", field="reply_date")


def _reply_text(value) -> str | None:
    return clean_block(value) if isinstance(value, str) else clean_block(cell_text(value))


def steps_to_concluded(status: str) -> list[str]:
    """The shortest way along RECOMMENDATION_TRANSITIONS from `status` to 已办结 (empty when there)."""
    target = RecommendationStatus.CONCLUDED
    paths: dict[str, list[str]] = {status: []}
    queue = deque([status])
    while queue:
        current = queue.popleft()
        if current == target:
            return paths[current]
        for nxt in RECOMMENDATION_TRANSITIONS.get(current, ()):
            if nxt not in paths:
                paths[nxt] = [*paths[current], nxt]
                queue.append(nxt)
    raise ValidationError(f"意见建议不能从“{status}”改为“已办结”。", field="status")


# ---- analysis --------------------------------------------------------------------------------------

class _Analysis:
    def __init__(self, records: list[RecommendationRow], columns: dict[str, int], on: date,
                 formulas: set[tuple[int, int]] = frozenset()):
        self.records = {rec.id: rec for rec in records}
        self.formulas = formulas  # (Excel row, column) of formulas without a saved result
        self.columns = columns  # field key → 0-based column index
        self.on = on
        self.seen: dict[int, int] = {}  # recommendation id → first Excel row naming it


def _cells(columns: dict[str, int], values: list) -> dict:
    return {key: values[i] for key, i in columns.items() if i < len(values) and values[i] is not None}


def _changes(rec: RecommendationRow, steps: list[str], result: str, text: str | None, replied: date | None) -> list:
    changes = [f"状态：{rec.status} → {' → '.join(steps)}"] if steps else []
    if result != rec.outcome:
        changes.append(f"办理结果：{rec.outcome or '空'} → {result}")
    if (text or "") != rec.reply_text:
        changes.append(f"答复内容：{short(rec.reply_text)} → {short(text)}")
    if replied != rec.reply_date:
        old = rec.reply_date.isoformat() if rec.reply_date else "空"
        changes.append(f"答复日期：{old} → {replied.isoformat() if replied else '空'}")
    return changes


def _check_date(analysis: _Analysis, rec: RecommendationRow, steps: list[str], replied: date | None) -> None:
    if replied is not None and replied > analysis.on:
        raise ValidationError(f"答复日期 {replied.isoformat()} 晚于导入日期 {analysis.on.isoformat()}，请核对。",
                              field="reply_date")
    last = rec.history[-1] if rec.history else None
    when = replied or analysis.on
    if steps and last is not None and when < last.changed_on:
        raise ValidationError(f"答复日期 {when.isoformat()} 早于该条“{last.to_status}”的日期 "
                              f"{last.changed_on.isoformat()}，请核对。", field="reply_date")


def _find(analysis: _Analysis, row_no: int, raw_id, title: str) -> RecommendationRow:
    """The recommendation the row's 编号 names; ValidationError when there is none or it is unclear."""
    if raw_id is None:
        raise ValidationError("缺少编号。编号列来自导出的部门答复表，请勿修改或删除。", field="id")
    rec_id = parse_record_id(raw_id)
    rec = analysis.records.get(rec_id)
    if rec is None:
        raise ValidationError(f"编号 {rec_id} 不存在", field="id")
    first = analysis.seen.setdefault(rec_id, row_no)
    if first != row_no:
        raise ValidationError(f"与第 {first} 行重复", field="id")
    if title and _SPACES.sub("", title) != _SPACES.sub("", rec.title):
        raise ValidationError(f"编号 {rec_id} 的标题与表中不一致", field="title")
    return rec


def _analyse_row(analysis: _Analysis, row_no: int, values: list) -> DeptReplyRow:
    cells = _cells(analysis.columns, values)
    title = clean_line(cells.get("title"))
    raw_id = cells.get("id")
    if isinstance(raw_id, str) and normalize_header(raw_id) in _ID_ALIASES:
        return DeptReplyRow(row_no, SKIPPED, HEADER_REPEAT, title)
    formulas = [key for key, i in analysis.columns.items() if (row_no, i) in analysis.formulas and key != "seq"]
    if raw_id is None and not formulas and not any(key in cells for key in ("result", "reply_text")):
        return DeptReplyRow(row_no, SKIPPED, NO_ID_ROW, title)
    errors = FieldErrors()
    for key in formulas:
        errors.add(formula_message(FIELD_ALIASES[key][0]), key)
    rec = None if "id" in formulas else errors.check(_find, analysis, row_no, raw_id, title)
    # Every cell's problem at once, whatever is wrong with the 编号.
    result = errors.check(parse_outcome, cells.get("result"))
    text = errors.check(_reply_text, cells.get("reply_text"))
    replied = errors.check(parse_reply_date, cells.get("reply_date"))
    try:
        errors.raise_if_any()
        if result is None and text is None:
            return DeptReplyRow(row_no, SKIPPED, NOT_FILLED, rec.title, rec.id, version=rec.version)
        if rec.duplicate_of_id is not None:
            raise ValidationError(f"已合并到编号 {rec.duplicate_of_id}，请填写在该条上")
        if rec.status in _UNASSIGNED:
            raise ValidationError(NOT_ASSIGNED)
        result = result or rec.outcome or None
        if result is None:
            raise ValidationError(f"填写了答复内容，但未填写办理结果（{OUTCOME_HINT}）。", field="result")
        text = text or rec.reply_text or None
        replied = replied or rec.reply_date
        steps = steps_to_concluded(rec.status)
        _check_date(analysis, rec, steps, replied)
    except ValidationError as exc:
        return DeptReplyRow(row_no, ERROR, row_reason(exc.problems), rec.title if rec else title,
                            rec.id if rec else None, version=rec.version if rec else None)
    changes = _changes(rec, steps, result, text, replied)
    outcome, reason = (UPDATED, "；".join(changes)) if changes else (SKIPPED, UNCHANGED)
    return DeptReplyRow(row_no, outcome, reason, rec.title, rec.id, result, text, replied, rec.version)


def _row_ids(table, column: int) -> list[int]:
    ids = []
    for _row_no, values in table.rows:
        rec_id = record_id(cell_text(values[column])) if column < len(values) else None
        if rec_id is not None:  # anything else is a row error later, never a query parameter
            ids.append(rec_id)
    return ids


def analyse_dept_replies(session: Session, path, *, sheet: str | None = None,
                         on: date | None = None) -> DeptReplyPreview:
    """Read the workbook and say, row by row, what importing it would do. Writes nothing."""
    path = Path(path)
    workbook = open_workbook(path)
    table = find_table(workbook, HEADER_ALIASES, "id", path, sheet)
    columns = {key: index for index, key in sorted(table.mapping.items()) if key}
    if "id" not in columns:
        raise missing_column(path, table, "编号")
    records = list_recommendations(session, ids=_row_ids(table, columns["id"]))
    analysis = _Analysis(records, columns, on or today(), table.formulas)
    rows = [_analyse_row(analysis, row_no, values) for row_no, values in table.rows]
    return DeptReplyPreview(path=path, sheet=table.sheet, sheets=sheet_names(workbook), rows=rows,
                            header_row=table.header_row, headers=table.headers)


@writes(Area.RECOMMENDATIONS)
def apply_dept_replies(session: Session, preview: DeptReplyPreview, progress: Progress | None = None, *,
                       on: date | None = None) -> ImportReport:
    """Write every 更新 row in the caller's session (all or nothing with its transaction), telling `progress`
    after each. Each carries the version read during analysis: a recommendation changed by someone since
    raises ConflictError."""
    for row in rows_to_write(preview.rows, progress):
        rec = get_row(session, Recommendation, row.recommendation_id, "意见建议", row.version)
        feedback_text, feedback_date = rec.feedback_text, rec.feedback_date
        for status in steps_to_concluded(rec.status):
            change_recommendation_status(session, rec.id, status, on=row.reply_date or on or today(),
                                         note=IMPORT_NOTE)
        set_outcome(session, rec.id, row.result, reply_text=row.reply_text, reply_date=row.reply_date,
                    feedback_text=feedback_text, feedback_date=feedback_date)
    return report_of(preview.rows, "条意见建议的办理结果")
