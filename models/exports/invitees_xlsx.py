"""A meeting's invitee list to Excel: the list as shown on screen, and the 回执登记表 staff fill in
while phoning people.

Both end with a column "参会编号（勿改）" holding the attendance id, so that a sheet filled in and
imported again (models/imports/replies_import.py) updates the same invitees, even when two share a name.
"""

from collections.abc import Sequence
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

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
from models.services.chase_list import awaiting_reply, awaiting_summary
from models.services.invitee_columns import DEFAULT_INVITEE_KEYS, INVITEE_COLUMNS, INVITEE_COLUMNS_BY_KEY
from models.services.meeting_queries import InviteeRow, MeetingRow, attendance_counts, chinese_date
from models.vocab import InviteStatus

SEQ_HEADER = "序号"
CHASE_NAME = "催报名单"
ATTENDANCE_ID_HEADER = "参会编号（勿改）"
__all__ = ["ATTENDANCE_ID_HEADER", "DEFAULT_INVITEE_KEYS", "INVITEE_COLUMNS", "INVITEE_COLUMNS_BY_KEY", "REPLY_HEADERS",
           "SEQ_HEADER", "export_chase_list", "export_invitees", "export_reply_sheet", "invitee_subtitle"]

# The order of the drop-down: the replies staff record most often first.
REPLY_STATUSES = (InviteStatus.CONFIRMED, InviteStatus.LEAVE, InviteStatus.NO_REPLY, InviteStatus.NOTIFIED,
                  InviteStatus.PENDING)
REPLY_HEADERS = (SEQ_HEADER, "姓名", "单位及职务", "联系电话", "回复状态", "请假事由", "批准人", "备注",
                 ATTENDANCE_ID_HEADER)
REPLY_INSTRUCTION = "回复状态请从下拉列表选择：已确认、请假、未回复；请假须填写请假事由"
# Columns filled in by hand start empty: fit_columns alone would make them too narrow to write in.
REPLY_MIN_WIDTHS = {"回复状态": 10, "请假事由": 26, "批准人": 10, "备注": 20}


def invitee_subtitle(meeting: MeetingRow, rows: Sequence[InviteeRow]) -> str:
    """"时间：2023年5月18日（星期四）14:00　地点：…　共 50 人（主持 1、出席 30、列席 9 …）"."""
    parts = []
    if meeting.starts_at:
        parts.append(f"时间：{chinese_date(meeting.starts_at)}")
    if meeting.venue:
        parts.append(f"地点：{meeting.venue}")
    by_role = attendance_counts(list(rows)).by_role
    roles = "、".join(f"{role} {count}" for role, count in by_role.items())
    parts.append(f"共 {len(rows)} 人" + (f"（{roles}）" if roles else ""))
    return "　".join(parts)


def export_invitees(meeting: MeetingRow, rows: list[InviteeRow], column_keys: list[str], path) -> Path:
    """The list exactly as shown: `rows` in their order, 序号, the chosen columns, then 参会编号（勿改）.
    A4 landscape, title and header repeated on every printed page."""
    columns = [INVITEE_COLUMNS_BY_KEY[key] for key in column_keys]  # KeyError: a programming mistake
    headers = [SEQ_HEADER, *(column.header for column in columns), ATTENDANCE_ID_HEADER]
    width = len(headers)
    workbook, ws = new_workbook("参会人员名单")
    row_no = write_title(ws, f"{meeting.title}参会人员名单", width)
    row_no = write_subtitle(ws, invitee_subtitle(meeting, rows), width, row_no)
    header_row = row_no
    row_no = write_header(ws, headers, row_no)
    for seq, invitee in enumerate(rows, start=1):
        values = [seq, *(column.excel(invitee) for column in columns), invitee.attendance_id]
        row_no = write_row(ws, values, row_no)
    finish_table(ws, header_row=header_row, last_row=max(row_no - 1, header_row), landscape=True)
    return save_workbook(workbook, path)


def _phone(invitee: InviteeRow) -> str:
    return invitee.mobile or invitee.office_phone


def export_reply_sheet(meeting: MeetingRow, rows: list[InviteeRow], path, *, name: str = "回执登记表",
                       lead: str = "") -> Path:
    """回执登记表: one row per invitee with the current reply, a drop-down on 回复状态, blank space for
    请假事由/批准人/备注. 备注 is for the caller's own jottings and is not imported. `name` titles the sheet
    (the 催报名单 is this sheet for those who have not replied), `lead` goes before the instruction."""
    width = len(REPLY_HEADERS)
    workbook, ws = new_workbook(name)
    row_no = write_title(ws, f"{meeting.title}{name}", width)
    row_no = write_band(ws, row_no, lead + REPLY_INSTRUCTION, width, font=SUBTITLE_FONT,
                        alignment=Alignment(horizontal="left", vertical="center"), height=20)
    header_row = row_no
    row_no = write_header(ws, REPLY_HEADERS, row_no)
    for seq, invitee in enumerate(rows, start=1):
        values = (seq, invitee.name, invitee.employer_title, _phone(invitee), invitee.invite_status,
                  invitee.leave_reason, invitee.leave_approved_by, None, invitee.attendance_id)
        row_no = write_row(ws, values, row_no)
    last_row = max(row_no - 1, header_row)
    if rows:
        _add_status_list(ws, REPLY_HEADERS.index("回复状态") + 1, header_row + 1, last_row)
    finish_table(ws, header_row=header_row, last_row=last_row, landscape=True)
    for header, minimum in REPLY_MIN_WIDTHS.items():
        dimension = ws.column_dimensions[get_column_letter(REPLY_HEADERS.index(header) + 1)]
        dimension.width = max(dimension.width or 0, minimum)
    return save_workbook(workbook, path)


def export_chase_list(meeting: MeetingRow, rows: list[InviteeRow], path) -> Path:
    """催报名单: the 回执登记表 of those on `rows` who have not replied; filled in while phoning, it imports
    back like the 回执登记表 (same columns, same 参会编号)."""
    lead = f"应邀 {len(rows)} 人，{awaiting_summary(rows)}。"
    return export_reply_sheet(meeting, awaiting_reply(rows), path, name=CHASE_NAME, lead=lead)


def _add_status_list(ws, column: int, first_row: int, last_row: int) -> None:
    """A drop-down of the reply words; Excel refuses anything else with a Chinese message."""
    words = ",".join(REPLY_STATUSES)
    validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorTitle="回复状态",
                                error=f"请从下拉列表中选择：{'、'.join(REPLY_STATUSES)}。",
                                showInputMessage=True, promptTitle="回复状态", prompt="请从下拉列表中选择")
    letter = get_column_letter(column)
    validation.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(validation)
