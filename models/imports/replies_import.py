"""回执 from Excel: the 回执登记表 staff filled in while phoning (or any sheet with names and replies),
analysed into a preview that writes nothing, then applied on confirmation.

Each data row gets one outcome — 更新, 跳过 or 错误 — with its Excel row number and a reason. A row is
matched by 参会编号 when the sheet has it (it must belong to this meeting), else by name among this
meeting's invitees. An absent 请假事由/批准人 column keeps what the database has; a present but empty
cell means "none". Rows that are not people (titles, group headings, totals, numbered empty rows) are
skipped, by the same idea as the people import.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from sqlmodel import Session

from models.changes import Area, writes
from models.columns import Column
from models.errors import FieldErrors, ValidationError
from models.exports.invitees_xlsx import ATTENDANCE_ID_HEADER
from models.imports.formula_cells import formula_message
from models.imports.preview_columns import preview_columns
from models.imports.record_ids import parse_record_id
from models.imports.report import ImportReport, Progress, report_of, row_reason, rows_to_write
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
from models.services.common import get_row, optional_text
from models.services.invitees import record_reply
from models.services.meeting_queries import InviteeRow, list_invitees
from models.services.person_rules import normalize_name
from models.tables import Meeting
from models.vocab import InviteStatus

UNCHANGED = "无变化"
NO_STATUS = "未填写回复状态"
NOT_LISTED = "不在本次会议的参会名单中（如需邀请，请在参会人员中添加）"
NOT_A_PERSON = "不是人员行（标题、分组、合计或只有序号的行），已忽略"
HEADER_REPEAT = "重复的表头行，已忽略"
LEAVE_NEEDS_REASON = "请假须填写请假事由"

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字"),
    "status": ("回复状态", "回复", "状态", "是否参加", "参会情况"),
    "leave_reason": ("请假事由", "请假原因", "事由", "原因"),
    "approved_by": ("批准人", "审批人", "批准"),
    "id": (ATTENDANCE_ID_HEADER, "参会编号"),
    # Recognised only so they help find the header row and tell people rows from headings; never imported.
    "seq": ("序号",),
    "employer_title": ("单位及职务", "工作单位及职务", "单位职务"),
    "phone": ("联系电话", "手机", "办公电话"),
    "notes": ("备注",),
}
HEADER_ALIASES = {alias: key for key, aliases in FIELD_ALIASES.items() for alias in aliases}
_NORMALIZED = {normalize_header(alias): key for alias, key in HEADER_ALIASES.items()}
REPLY_FIELDS = ("status", "leave_reason", "approved_by")
READ_FIELDS = ("name", "id", *REPLY_FIELDS)  # the columns whose values are imported

# What people really type in a 回复 column → the stored status (compared without spaces, lower-case).
STATUS_WORDS: dict[str, InviteStatus] = {
    **dict.fromkeys(("已确认", "确认", "参加", "参会", "出席", "是", "√", "✓", "✔", "同意", "能参加", "确认参加"),
                    InviteStatus.CONFIRMED),
    **dict.fromkeys(("请假", "不参加", "否", "×", "✗", "✘", "x", "不能参加", "缺席", "不参会", "无法参加"),
                    InviteStatus.LEAVE),
    **dict.fromkeys(("未回复", "未答复", "待定", "待回复"), InviteStatus.NO_REPLY),
    InviteStatus.NOTIFIED.value: InviteStatus.NOTIFIED,
    InviteStatus.PENDING.value: InviteStatus.PENDING,
}
STATUS_HINT = ("请填写：已确认（或确认、参加、是、√）、请假（或不参加、否、×）、未回复（或待定）、"
               "已通知、待通知")
_HEADING = re.compile(r"\d|[（(【\[、:：]|界别?$")
_TOTAL = re.compile(r"^(合计|小计|总计|共计|应到)")
_SPACES = re.compile(r"\s+")


@dataclass
class ReplyRow:
    row_no: int  # Excel row number
    outcome: str  # 更新 | 跳过 | 错误
    reason: str
    name: str = ""
    attendance_id: int | None = None
    status: str | None = None  # what would be saved (also for 无变化)
    leave_reason: str | None = None
    approved_by: str | None = None
    version: int | None = None  # the attendance's version during analysis


@dataclass
class ReplyPreview:
    columns: ClassVar[tuple[Column, ...]] = preview_columns("name", "姓名")  # the preview's table
    path: Path
    sheet: str
    sheets: list[str]
    meeting_id: int
    rows: list[ReplyRow]
    header_row: int = 0
    headers: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return outcome_counts(self.rows)


class _Analysis:
    def __init__(self, invitees: list[InviteeRow], columns: dict[str, int],
                 formulas: set[tuple[int, int]] = frozenset()):
        self.columns = columns  # field key → 0-based column index
        self.formulas = formulas  # (Excel row, column) of formulas without a saved result
        self.invitees = {row.attendance_id: row for row in invitees}
        self.by_name: dict[str, list[InviteeRow]] = {}
        for row in invitees:
            self.by_name.setdefault(normalize_name(row.name), []).append(row)
        self.seen: dict[int, int] = {}  # attendance id → first Excel row naming it


def parse_status(value) -> str | None:
    """The stored status for a typed reply; None for an empty cell; ValidationError for anything else."""
    text = cell_text(value)
    if not text:
        return None
    status = STATUS_WORDS.get(_SPACES.sub("", text).lower())
    if status is None:
        raise ValidationError(f"回复状态“{text}”无法识别。{STATUS_HINT}", field="status")
    return status.value


def _match(analysis: _Analysis, name: str, raw_id) -> InviteeRow:
    if raw_id is not None:
        attendance_id = parse_record_id(raw_id, "参会编号")
        invitee = analysis.invitees.get(attendance_id)
        if invitee is None:
            raise ValidationError(f"参会编号 {attendance_id} 不属于本次会议。请确认导入的是本次会议的回执登记表。")
        if name and normalize_name(invitee.name) != name:
            raise ValidationError(f"参会编号 {attendance_id} 是“{invitee.name}”，与本行姓名“{name}”不符。"
                                  "参会编号列请勿修改。")
        return invitee
    same = analysis.by_name.get(name, [])
    if not same:
        raise ValidationError(NOT_LISTED)
    if len(same) > 1:
        raise ValidationError(f"本次会议名单中有 {len(same)} 位“{name}”，无法按姓名确定是哪一位。请使用本程序导出的"
                              f"回执登记表，并保留“{ATTENDANCE_ID_HEADER}”列。")
    return same[0]


def _is_not_a_person(values: list, cells: dict, name: str) -> str | None:
    """Why the row is skipped without being an error, or None for a person row."""
    first = next(v for v in values if v is not None)
    if isinstance(first, str) and _TOTAL.match(first.replace(" ", "")):
        return NOT_A_PERSON
    hits = sum(1 for v in values if isinstance(v, str) and normalize_header(v) in _NORMALIZED)
    if hits >= 2 and _NORMALIZED.get(normalize_header(cells.get("name"))) == "name":
        return HEADER_REPEAT
    if "id" in cells or (name and not _HEADING.search(name)):
        return None
    # No usable name: a heading or a numbered empty row, unless a reply was written on it.
    return None if any(key in cells for key in REPLY_FIELDS) else NOT_A_PERSON


def _reply_values(analysis: _Analysis, invitee: InviteeRow, cells: dict) -> tuple[str | None, str | None, str | None]:
    status = parse_status(cells.get("status"))

    def given(key: str, current: str) -> str:
        return cell_text(cells.get(key)) if key in analysis.columns else current

    reason = given("leave_reason", invitee.leave_reason)
    approver = given("approved_by", invitee.leave_approved_by)
    if status is None:
        if reason and "leave_reason" in cells:  # a reason typed without the status: do not drop it silently
            raise ValidationError("填写了请假事由，但未填写回复状态（请假请填写“请假”）。")
        return None, None, None
    if status != InviteStatus.LEAVE:
        return status, None, None  # record_reply clears them for any other status
    reason = optional_text(reason, "请假事由", 200, "leave_reason")
    if not reason:
        raise ValidationError(LEAVE_NEEDS_REASON, field="leave_reason")
    return status, reason, optional_text(approver, "批准人", 50, "approved_by")


def _changes(invitee: InviteeRow, status: str, reason: str | None, approver: str | None) -> list[str]:
    pairs = [("回复状态", invitee.invite_status, status)]
    if status == InviteStatus.LEAVE:
        pairs += [("请假事由", invitee.leave_reason, reason or ""),
                  ("批准人", invitee.leave_approved_by, approver or "")]
    return [f"{label}：{old or '空'} → {new or '空'}" for label, old, new in pairs if old != new]


def _analyse_row(analysis: _Analysis, row_no: int, values: list) -> ReplyRow:
    cells = {key: values[i] for key, i in analysis.columns.items() if i < len(values) and values[i] is not None}
    name = normalize_name(cells.get("name"))
    formulas = [key for key, i in analysis.columns.items() if (row_no, i) in analysis.formulas and key in READ_FIELDS]
    skipped = None if "name" in formulas else _is_not_a_person(values, cells, name)  # a formula reads as empty
    if skipped:
        return ReplyRow(row_no, SKIPPED, skipped, name)
    errors = FieldErrors()
    for key in formulas:
        errors.add(formula_message(FIELD_ALIASES[key][0]), key)
    invitee = None
    if not {"name", "id"} & set(formulas):
        if not name and "id" not in cells:
            errors.add("缺少姓名", "name")
        else:
            invitee = errors.check(_match, analysis, name, cells.get("id"))
    if invitee is not None:
        first = analysis.seen.setdefault(invitee.attendance_id, row_no)
        if first != row_no:
            errors.add(f"与第 {first} 行重复")
        replied = errors.check(_reply_values, analysis, invitee, cells)
    else:
        errors.check(parse_status, cells.get("status"))  # named too, whoever the row turns out to be
    if errors.problems:
        return ReplyRow(row_no, ERROR, row_reason(errors.problems), invitee.name if invitee else name,
                        invitee.attendance_id if invitee else None)
    status, reason, approver = replied
    row = ReplyRow(row_no, SKIPPED, NO_STATUS, invitee.name, invitee.attendance_id, status, reason, approver,
                   invitee.version)
    if status is not None:
        changes = _changes(invitee, status, reason, approver)
        row.outcome, row.reason = (UPDATED, "；".join(changes)) if changes else (SKIPPED, UNCHANGED)
    return row


def analyse_reply_import(session: Session, meeting_id: int, path, *, sheet: str | None = None) -> ReplyPreview:
    """Read the workbook and say, row by row, what importing it into this meeting would do. Writes nothing."""
    path = Path(path)
    get_row(session, Meeting, meeting_id, "会议")  # NotFoundError when deleted meanwhile
    workbook = open_workbook(path)
    table = find_table(workbook, HEADER_ALIASES, "name", path, sheet)
    columns = {key: index for index, key in sorted(table.mapping.items()) if key}
    if "name" not in columns:
        raise missing_column(path, table, "姓名")
    if "status" not in columns:
        raise missing_column(path, table, "回复状态")
    analysis = _Analysis(list_invitees(session, meeting_id), columns, table.formulas)
    rows = [_analyse_row(analysis, row_no, values) for row_no, values in table.rows]
    return ReplyPreview(path=path, sheet=table.sheet, sheets=sheet_names(workbook), meeting_id=meeting_id,
                        rows=rows, header_row=table.header_row, headers=table.headers)


@writes(Area.ATTENDANCE)
def apply_reply_import(session: Session, preview: ReplyPreview, progress: Progress | None = None) -> ImportReport:
    """Write every 更新 row in the caller's session (all or nothing with its transaction), telling `progress`
    after each. Each carries the version read during analysis: a reply changed by someone since raises
    ConflictError."""
    for row in rows_to_write(preview.rows, progress):
        record_reply(session, row.attendance_id, row.status, leave_reason=row.leave_reason,
                     leave_approved_by=row.approved_by, expected_version=row.version)
    return report_of(preview.rows, "人的回复状态")
