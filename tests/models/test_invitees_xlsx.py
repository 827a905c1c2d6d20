"""Invitee list exports on the demo meetings: the list as shown and the 回执登记表 with its drop-down,
checked by reopening with openpyxl."""

from collections import Counter
from datetime import datetime

import openpyxl
import pytest

from models.exports.invitees_xlsx import (
    ATTENDANCE_ID_HEADER,
    DEFAULT_INVITEE_KEYS,
    INVITEE_COLUMNS,
    REPLY_HEADERS,
    export_invitees,
    export_reply_sheet,
)
from models.services.invitees import invite
from models.services.meeting_queries import get_meeting, list_invitees, list_meetings
from models.services.people import PersonData, save_person
from models.vocab import AttendanceRole

KEYS = ["name", "role", "invite_status", "checked_in_at", "speech_order", "seat_no", "mobile"]


@pytest.fixture
def consumption_meeting(demo_database):
    """The oldest demo meeting (2023-03-23, held: sign-in times, speakers, replies of every kind), with a
    guest whose name and unit Excel would take for formulas and who has only an office phone."""
    with demo_database.session() as session:
        meeting_id = next(m.id for m in list_meetings(session) if "消费新高地" in m.title)
        person_id = save_person(session, PersonData(name="=1+1", employer_title="@某单位", office_phone="0571-1"))
        invite(session, meeting_id, person_id, AttendanceRole.OBSERVE)
    with demo_database.session() as session:
        return get_meeting(session, meeting_id), list_invitees(session, meeting_id)


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_column_keys_are_invitee_attributes(consumption_meeting):
    _meeting, rows = consumption_meeting
    assert all(hasattr(rows[0], column.key) for column in INVITEE_COLUMNS)
    # what the 参会人员 tab shows until the user chooses other columns
    assert DEFAULT_INVITEE_KEYS == ("name", "employer_title", "sector", "member_role", "role", "invite_status",
                                    "leave_reason", "seat_no", "speech_order", "checked_in_at", "result", "mobile",
                                    "notes")


def test_export_invitees_layout_and_types(tmp_path, consumption_meeting):
    meeting, rows = consumption_meeting
    shown = sorted(rows, key=lambda r: (r.role, -r.attendance_id))  # the screen's order, not stroke order
    path = export_invitees(meeting, shown, KEYS, tmp_path / "名单.xlsx")
    ws = openpyxl.load_workbook(path)["参会人员名单"]

    assert ws["A1"].value == "“打造中心城区消费新高地”专题双月协商会参会人员名单" and "A1:I1" in _merged(ws)
    roles = Counter(r.role for r in rows)
    counts = "、".join(f"{role} {roles[role]}" for role in AttendanceRole if roles[role])
    assert ws["A2"].value == (f"时间：2023年3月23日（星期四）14:30　地点：{meeting.venue}　"
                              f"共 {len(rows)} 人（{counts}）")
    assert "列席 10" in counts and counts.startswith("主持 1、出席")
    header = [c.value for c in ws[3]]
    assert header == ["序号", "姓名", "参会角色", "回复状态", "签到时间", "发言顺序", "座位号", "手机",
                      ATTENDANCE_ID_HEADER]
    assert all(c.font.b for c in ws[3])

    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(body) == len(rows) and ws.max_row == 3 + len(rows)
    assert [r[0] for r in body] == list(range(1, len(rows) + 1))
    assert [r[1] for r in body] == [r.name for r in shown]
    assert [r[8] for r in body] == [r.attendance_id for r in shown]
    assert all(ws.cell(row=n, column=9).data_type == "n" for n in range(4, 4 + len(rows)))
    for line, invitee in enumerate(shown, start=4):
        signed, order = ws.cell(row=line, column=5), ws.cell(row=line, column=6)
        assert signed.value == invitee.checked_in_at
        assert order.value == invitee.speech_order
    signed_cells = [ws.cell(row=n, column=5) for n in range(4, 4 + len(rows)) if ws.cell(row=n, column=5).value]
    assert len(signed_cells) > 30 and all(isinstance(c.value, datetime) and c.is_date for c in signed_cells)
    orders = [ws.cell(row=n, column=6) for n in range(4, 4 + len(rows)) if ws.cell(row=n, column=6).value]
    assert len(orders) == 6 and all(c.data_type == "n" and isinstance(c.value, int) for c in orders)

    formula_name = ws.cell(row=4 + [r.name for r in shown].index("=1+1"), column=2)
    assert formula_name.value == "=1+1" and formula_name.data_type == "s" and formula_name.quotePrefix

    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"
    assert ws.column_dimensions["B"].width >= 8


def test_export_invitees_with_no_rows_and_every_column(tmp_path, consumption_meeting):
    meeting, _rows = consumption_meeting
    keys = [column.key for column in INVITEE_COLUMNS]
    ws = openpyxl.load_workbook(export_invitees(meeting, [], keys, tmp_path / "空.xlsx")).active
    assert [c.value for c in ws[3]] == ["序号", *(c.header for c in INVITEE_COLUMNS), ATTENDANCE_ID_HEADER]
    assert ws["A2"].value.endswith("共 0 人") and ws.max_row == 3


def test_reply_sheet_layout_and_drop_down(tmp_path, consumption_meeting):
    meeting, rows = consumption_meeting
    path = export_reply_sheet(meeting, rows, tmp_path / "回执.xlsx")
    ws = openpyxl.load_workbook(path)["回执登记表"]

    assert ws["A1"].value == "“打造中心城区消费新高地”专题双月协商会回执登记表"
    assert ws["A2"].value == "回复状态请从下拉列表选择：已确认、请假、未回复；请假须填写请假事由"
    assert [c.value for c in ws[3]] == list(REPLY_HEADERS) == [
        "序号", "姓名", "单位及职务", "联系电话", "回复状态", "请假事由", "批准人", "备注", ATTENDANCE_ID_HEADER]
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in body] == [r.name for r in rows] and [r[8] for r in body] == [r.attendance_id for r in rows]
    assert [r[4] for r in body] == [r.invite_status for r in rows]
    assert [r[5] or "" for r in body] == [r.leave_reason for r in rows]
    guest = body[[r.name for r in rows].index("=1+1")]
    assert guest[3] == "0571-1" and guest[2] == "@某单位"  # no mobile: the office phone
    first = rows[0]
    assert body[0][3] == first.mobile

    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"已确认,请假,未回复,已通知,待通知"'
    assert str(validation.sqref) == f"E4:E{3 + len(rows)}"
    assert validation.showErrorMessage and "下拉列表" in validation.error
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"
    assert ws.column_dimensions["F"].width >= 26  # room to write a reason by hand


def test_reply_sheet_without_invitees_has_no_validation(tmp_path, consumption_meeting):
    meeting, _rows = consumption_meeting
    ws = openpyxl.load_workbook(export_reply_sheet(meeting, [], tmp_path / "空.xlsx")).active
    assert ws.data_validations.dataValidation == [] and ws.max_row == 3


def test_identity_of_guests_and_no_sign_in_time_for_leave(tmp_path):
    """身份 is a member's committee role or a guest's category (其他 when none was given); a person on leave
    has no 签到时间 in the list, even when one was recorded before the leave was entered."""
    from tests.models.printing_fixtures import meeting, person

    signed = datetime(2023, 5, 18, 13, 50)
    rows = [person(1, "田学者", "特邀", guest_category="专家学者", checked_in_at=signed),
            person(2, "冯局长", "列席", guest_category="部门负责人"),
            person(3, "陈常委", "出席", member_role="常委", invite_status="请假", checked_in_at=signed),
            person(4, "丁委员", "出席", member_role="委员", checked_in_at=signed),
            person(5, "蒋来宾", "特邀")]  # a guest nobody gave a category
    path = export_invitees(meeting(), rows, ["name", "member_role", "invite_status", "checked_in_at"],
                           tmp_path / "名单.xlsx")
    ws = openpyxl.load_workbook(path)["参会人员名单"]
    assert [c.value for c in ws[3]][1:5] == ["姓名", "身份", "回复状态", "签到时间"]
    body = [row[1:5] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert body == [("田学者", "专家学者", "已确认", signed), ("冯局长", "部门负责人", "已确认", None),
                    ("陈常委", "常委", "请假", None), ("丁委员", "委员", "已确认", signed),
                    ("蒋来宾", "其他", "已确认", None)]


def test_the_screen_shows_no_sign_in_time_for_leave_either():
    """The 参会人员 tab reads the same column as the Excel list: text, value and sort all say "not signed in"."""
    from models.services.invitee_columns import INVITEE_COLUMNS_BY_KEY
    from tests.models.printing_fixtures import person

    signed = datetime(2023, 5, 18, 13, 50)
    column = INVITEE_COLUMNS_BY_KEY["checked_in_at"]
    on_leave = person(3, "陈常委", "出席", member_role="常委", invite_status="请假", checked_in_at=signed)
    present = person(4, "丁委员", "出席", member_role="委员", checked_in_at=signed)
    assert (column.cell(on_leave), column.excel(on_leave)) == ("", None)
    assert (column.cell(present), column.excel(present)) == ("13:50", signed)
    assert column.sort_key(present) < column.sort_key(on_leave)
