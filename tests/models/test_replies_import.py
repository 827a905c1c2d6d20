"""回执 import on the demo meetings: the exported 回执登记表 filled in by hand, a sheet typed from scratch,
preview row by row, nothing written before apply, all-or-nothing apply, files that are not workbooks."""

import openpyxl
import pytest

from models.errors import ConflictError
from models.exports.invitees_xlsx import export_reply_sheet
from models.imports.replies_import import (
    ERROR,
    LEAVE_NEEDS_REASON,
    NO_STATUS,
    NOT_A_PERSON,
    NOT_LISTED,
    SKIPPED,
    STATUS_HINT,
    UNCHANGED,
    UPDATED,
    analyse_reply_import,
    apply_reply_import,
    parse_status,
)
from models.imports.xlsx_reader import WorkbookError
from models.services.invitees import invite, record_reply
from models.services.meeting_queries import get_meeting, list_invitees, list_meetings
from models.services.people import PersonData, save_person

STATUS, REASON, ID = 5, 6, 9  # columns of the 回执登记表


@pytest.fixture
def demo(demo_database):
    """The oldest demo meeting (replies 已确认, 请假 and 未回复) and an invitee of another meeting."""
    with demo_database.session() as session:
        meetings = list_meetings(session)
        meeting = next(m for m in meetings if "消费新高地" in m.title)
        other = list_invitees(session, next(m.id for m in meetings if m.id != meeting.id))[0]
        return meeting, list_invitees(session, meeting.id), other


def _statuses(database, meeting_id) -> dict[int, tuple[str, str, str]]:
    with database.session() as session:
        return {r.attendance_id: (r.invite_status, r.leave_reason, r.leave_approved_by)
                for r in list_invitees(session, meeting_id)}


def _analyse(database, meeting_id, path, **kw):
    with database.session() as session:
        return analyse_reply_import(session, meeting_id, path, **kw)


def _book(path, rows: list[list], merges: list[str] = ()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回复"
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def test_unchanged_export_imports_as_all_skipped(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    path = export_reply_sheet(meeting, rows, tmp_path / "回执.xlsx")
    preview = _analyse(demo_database, meeting.id, path)
    assert preview.sheet == "回执登记表" and preview.sheets == ["回执登记表"] and preview.header_row == 3
    assert preview.meeting_id == meeting.id
    assert preview.counts() == {UPDATED: 0, SKIPPED: len(rows), ERROR: 0}
    assert {r.reason for r in preview.rows} == {UNCHANGED}
    assert [r.attendance_id for r in preview.rows] == [r.attendance_id for r in rows]


def test_filled_in_sheet_preview_apply_and_again(tmp_path, demo_database, demo):
    meeting, rows, other = demo
    path = export_reply_sheet(meeting, rows, tmp_path / "回执.xlsx")
    no_reply = [r for r in rows if r.invite_status == "未回复"]
    confirmed = [r for r in rows if r.invite_status == "已确认"]
    a, d, f = no_reply[:3]
    b, c, e = confirmed[:3]
    line = {r.attendance_id: n for n, r in enumerate(rows, start=4)}
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for invitee, status, reason in ((a, "确认", None), (b, "不参加", "外出学习"), (c, "请假", None), (d, " √ ", None),
                                    (e, "确任", None), (f, None, None)):
        ws.cell(row=line[invitee.attendance_id], column=STATUS).value = status
        ws.cell(row=line[invitee.attendance_id], column=REASON).value = reason
    end = 4 + len(rows)
    extra = [("查无此人", None), (a.name, a.attendance_id), (other.name, other.attendance_id),
             (b.name, c.attendance_id)]
    for n, (name, attendance_id) in enumerate(extra, start=end):
        ws.cell(row=n, column=2).value = name
        ws.cell(row=n, column=STATUS).value = "确认"
        ws.cell(row=n, column=ID).value = attendance_id
    wb.save(path)
    before = _statuses(demo_database, meeting.id)

    preview = _analyse(demo_database, meeting.id, path)
    expected = {
        line[a.attendance_id]: (UPDATED, "回复状态：未回复 → 已确认"),
        line[b.attendance_id]: (UPDATED, "回复状态：已确认 → 请假；请假事由：空 → 外出学习"),
        line[c.attendance_id]: (ERROR, LEAVE_NEEDS_REASON),
        line[d.attendance_id]: (UPDATED, "回复状态：未回复 → 已确认"),
        line[e.attendance_id]: (ERROR, f"回复状态“确任”无法识别。{STATUS_HINT}"),
        line[f.attendance_id]: (SKIPPED, NO_STATUS),
        end: (ERROR, NOT_LISTED),
        end + 1: (ERROR, f"与第 {line[a.attendance_id]} 行重复"),
        end + 2: (ERROR, f"参会编号 {other.attendance_id} 不属于本次会议。请确认导入的是本次会议的回执登记表。"),
        end + 3: (ERROR, f"参会编号 {c.attendance_id} 是“{c.name}”，与本行姓名“{b.name}”不符。参会编号列请勿修改。"),
    }
    got = {r.row_no: (r.outcome, r.reason) for r in preview.rows}
    assert got == {n: expected.get(n, (SKIPPED, UNCHANGED)) for n in range(4, end + 4)}
    assert preview.counts() == {UPDATED: 3, SKIPPED: len(rows) - 5, ERROR: 6}
    by_row = {r.row_no: r for r in preview.rows}
    leave = by_row[line[b.attendance_id]]
    assert (leave.name, leave.attendance_id, leave.status, leave.leave_reason, leave.approved_by, leave.version) == (
        b.name, b.attendance_id, "请假", "外出学习", None, b.version)
    assert by_row[end].name == "查无此人" and by_row[end].attendance_id is None
    assert _statuses(demo_database, meeting.id) == before  # the preview wrote nothing

    with demo_database.session() as session:
        summary = apply_reply_import(session, preview)
    assert (summary.updated, summary.skipped, summary.errors) == (3, len(rows) - 5, 6)
    assert [r.row_no for r in summary.error_rows] == [r.row_no for r in preview.rows if r.outcome == ERROR]
    after = _statuses(demo_database, meeting.id)
    assert after[a.attendance_id] == after[d.attendance_id] == ("已确认", "", "")
    assert after[b.attendance_id] == ("请假", "外出学习", "")
    changed = {a.attendance_id, b.attendance_id, d.attendance_id}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}

    again = {r.row_no: (r.outcome, r.reason) for r in _analyse(demo_database, meeting.id, path).rows}
    assert again == {**got, **{line[x.attendance_id]: (SKIPPED, UNCHANGED) for x in (a, b, d)}}


def test_sheet_typed_from_scratch_matches_by_name(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    a = next(r for r in rows if r.invite_status == "未回复")
    b, c, d = [r for r in rows if r.invite_status == "已确认"][:3]
    spaced = f" {a.name[0]}　{a.name[1:]} "  # rosters pad names
    path = _book(tmp_path / "同事的表.xlsx", [
        [f"{meeting.title}参会回复情况"],
        ["名字", "是否参加", "原因"],
        ["一、出席人员（4人）"],
        [spaced, "参加"],
        [b.name, "否", "单位有会"],
        [c.name, "待定"],
        [d.name, "√"],
        ["合计 4 人"],
    ], merges=["A1:C1", "A3:C3", "A8:C8"])
    preview = _analyse(demo_database, meeting.id, path)
    assert preview.header_row == 2 and preview.headers == ["名字", "是否参加", "原因"]
    assert [(r.row_no, r.outcome, r.reason) for r in preview.rows] == [
        (3, SKIPPED, NOT_A_PERSON),
        (4, UPDATED, "回复状态：未回复 → 已确认"),
        (5, UPDATED, "回复状态：已确认 → 请假；请假事由：空 → 单位有会"),
        (6, UPDATED, "回复状态：已确认 → 未回复"),
        (7, SKIPPED, UNCHANGED),
        (8, SKIPPED, NOT_A_PERSON),
    ]
    assert preview.rows[1].name == a.name and preview.rows[1].attendance_id == a.attendance_id
    with demo_database.session() as session:
        report = apply_reply_import(session, preview)
        assert (report.updated, report.skipped, report.errors) == (3, 3, 0)
    after = _statuses(demo_database, meeting.id)
    assert after[a.attendance_id][0] == "已确认" and after[c.attendance_id][0] == "未回复"
    assert after[b.attendance_id] == ("请假", "单位有会", "")


def test_namesakes_need_the_attendance_number(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    a = next(r for r in rows if r.invite_status == "未回复")
    with demo_database.session() as session:
        namesake = invite(session, meeting.id, save_person(session, PersonData(name=a.name, employer_title="另一单位")))
    by_name = _book(tmp_path / "按姓名.xlsx", [["姓名", "回复"], [a.name, "确认"]])
    (row,) = _analyse(demo_database, meeting.id, by_name).rows
    assert row.outcome == ERROR and f"有 2 位“{a.name}”" in row.reason and "参会编号（勿改）" in row.reason

    with demo_database.session() as session:
        path = export_reply_sheet(get_meeting(session, meeting.id), list_invitees(session, meeting.id),
                                  tmp_path / "回执.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for n in range(4, ws.max_row + 1):
        if ws.cell(row=n, column=ID).value == namesake:
            ws.cell(row=n, column=STATUS).value = "请假"
            ws.cell(row=n, column=REASON).value = "出差"
            ws.cell(row=n, column=REASON + 1).value = "张主席"
    wb.save(path)
    updates = [r for r in _analyse(demo_database, meeting.id, path).rows if r.outcome != SKIPPED]
    assert [(r.attendance_id, r.reason) for r in updates] == [
        (namesake, "回复状态：待通知 → 请假；请假事由：空 → 出差；批准人：空 → 张主席")]


def test_a_reply_changed_since_the_preview_rolls_the_whole_import_back(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    path = export_reply_sheet(meeting, rows, tmp_path / "回执.xlsx")
    first, last = [r for r in rows if r.invite_status == "未回复"][:2]  # `last` comes later in the sheet
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for n in range(4, ws.max_row + 1):
        if ws.cell(row=n, column=ID).value in (first.attendance_id, last.attendance_id):
            ws.cell(row=n, column=STATUS).value = "已确认"
    wb.save(path)
    preview = _analyse(demo_database, meeting.id, path)
    assert preview.counts()[UPDATED] == 2
    with demo_database.session() as session:  # a colleague records a reply by phone meanwhile
        record_reply(session, last.attendance_id, "请假", leave_reason="临时出差")
    before = _statuses(demo_database, meeting.id)
    with pytest.raises(ConflictError), demo_database.session() as session:
        apply_reply_import(session, preview)
    after = _statuses(demo_database, meeting.id)
    assert after == before and after[first.attendance_id][0] == "未回复"
    assert after[last.attendance_id] == ("请假", "临时出差", "")


@pytest.mark.parametrize(("typed", "status"), [
    ("确认", "已确认"), ("已确认", "已确认"), ("参加", "已确认"), ("参会", "已确认"), ("出席", "已确认"),
    ("是", "已确认"), ("√", "已确认"), ("✓", "已确认"), ("同意", "已确认"), (" 确 认 ", "已确认"),
    ("请假", "请假"), ("不参加", "请假"), ("否", "请假"), ("×", "请假"), ("X", "请假"), ("不能参加", "请假"),
    ("缺席", "请假"), ("未回复", "未回复"), ("未答复", "未回复"), ("待定", "未回复"), ("已通知", "已通知"),
    ("待通知", "待通知"), (None, None), ("　", None),
])
def test_status_words(typed, status):
    assert parse_status(typed) == status


def test_reason_without_status_and_leave_without_reason_column(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    a, b = [r for r in rows if r.invite_status == "未回复"][:2]
    leave = next(r for r in rows if r.invite_status == "请假")
    path = _book(tmp_path / "a.xlsx", [["姓名", "回复状态", "请假事由"], [a.name, None, "生病"]])
    assert [(r.outcome, r.reason) for r in _analyse(demo_database, meeting.id, path).rows] == [
        (ERROR, "填写了请假事由，但未填写回复状态（请假请填写“请假”）。")]
    # Without a 请假事由 column the recorded reason stands: 请假 again is no change, a new 请假 lacks one.
    path = _book(tmp_path / "b.xlsx", [["姓名", "回复状态"], [leave.name, "请假"], [b.name, "请假"]])
    assert [(r.outcome, r.reason) for r in _analyse(demo_database, meeting.id, path).rows] == [
        (SKIPPED, UNCHANGED), (ERROR, LEAVE_NEEDS_REASON)]


def test_files_that_cannot_be_imported(tmp_path, demo_database, demo):
    meeting, rows, _other = demo
    text = tmp_path / "回执.xlsx"
    text.write_text("姓名,回复状态\n张伟,确认", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        _analyse(demo_database, meeting.id, text)
    with pytest.raises(WorkbookError, match="没有找到“姓名”列"):
        _analyse(demo_database, meeting.id, _book(tmp_path / "a.xlsx", [["单位", "回复状态"], ["区医院", "确认"]]))
    with pytest.raises(WorkbookError, match="没有找到“回复状态”列"):
        _analyse(demo_database, meeting.id, _book(tmp_path / "b.xlsx", [["姓名", "单位"], [rows[0].name, "区医院"]]))
