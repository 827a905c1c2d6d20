"""部门答复表 import on the demo year 2023: the exported sheet filled in by a department, preview row by row,
nothing written before apply, status steps recorded on apply, all-or-nothing apply, files that cannot be read."""

from datetime import date, datetime

import openpyxl
import pytest

from models.errors import ConflictError, ValidationError
from models.exports.recommendations_xlsx import export_recommendations, export_reply_sheet
from models.imports.dept_replies_import import (
    ERROR,
    IMPORT_NOTE,
    NOT_ASSIGNED,
    NOT_FILLED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    analyse_dept_replies,
    apply_dept_replies,
    parse_outcome,
    parse_reply_date,
)
from models.imports.report import short
from models.imports.xlsx_reader import WorkbookError
from models.services.recommendation_queries import list_recommendations
from models.services.recommendations import add_recommendation, change_recommendation_status, set_outcome
from models.tables import Recommendation
from models.vocab import RecommendationSource, RecommendationStatus

ON = date(2024, 6, 1)  # the day of the import
RESULT, TEXT, REPLIED = 7, 8, 9  # columns of the 部门答复表
FIRST = 4  # its first data row
ALLOWED = "采纳、部分采纳、列入计划逐步解决、留作参考、因条件限制暂不能采纳"


@pytest.fixture
def recs(demo_database):
    """The demo year, plus one recommendation 已报送 (never assigned yet), one only 提出, and a merged duplicate."""
    with demo_database.session() as session:
        kw = {"year": 2023, "source_kind": RecommendationSource.PROPOSAL, "proposed_on": date(2023, 12, 1)}
        submitted = add_recommendation(session, title="完善夜间经济配套", content="延长公交运营时间。", **kw)
        change_recommendation_status(session, submitted, RecommendationStatus.COMPILED, on=date(2023, 12, 5))
        change_recommendation_status(session, submitted, RecommendationStatus.SUBMITTED, on=date(2023, 12, 8),
                                     note="《政协建言》2023年第6期报送")
        proposed = add_recommendation(session, title="增设社区托育点", content="每个街道至少一处。", **kw)
        merged = add_recommendation(session, title="推动商圈错位发展（重复）", content="同第 2 条。", **kw)
        session.get(Recommendation, merged).duplicate_of_id = 2
    with demo_database.session() as session:
        rows = list_recommendations(session, year=2023)
    return {r.id: r for r in rows}, submitted, proposed, merged


def _snapshot(database) -> dict[int, tuple]:
    with database.session() as session:
        return {r.id: (r.status, r.outcome, r.reply_text, r.reply_date, r.feedback_text, r.feedback_date, r.version,
                       len(r.history)) for r in list_recommendations(session)}


def _analyse(database, path, **kw):
    with database.session() as session:
        return analyse_dept_replies(session, path, on=ON, **kw)


def _book(path, rows: list[list]):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "答复"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _fill(path, cells: dict[int, dict[int, object]], extra: list[list] = ()) -> dict[int, int]:
    """Write {recommendation id: {column: value}} into an exported sheet and append `extra` rows;
    returns recommendation id → Excel row."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    line = {ws.cell(row=n, column=2).value: n for n in range(FIRST, ws.max_row + 1)}
    for rec_id, values in cells.items():
        for column, value in values.items():
            ws.cell(row=line[rec_id], column=column).value = value
    for row in extra:
        ws.append(row)
    wb.save(path)
    return line


def test_filled_in_sheet_preview_apply_and_again(tmp_path, demo_database, recs):
    by_id, submitted, proposed, merged = recs
    handling = [r for r in by_id.values() if r.status == "办理中"]
    done = next(r for r in by_id.values() if r.status == "已办结")
    h1, h2, h3, h4, h5 = handling[:5]
    path = export_reply_sheet(list(by_id.values()), tmp_path / "答复表.xlsx", title="部门答复表")
    end = FIRST + len(by_id) - 2  # the last row: the merged duplicate is not in the sheet
    line = _fill(path, {
        h1.id: {RESULT: "采纳", TEXT: "已纳入2024年重点工作。", REPLIED: datetime(2024, 1, 15)},
        submitted: {RESULT: "部分采用", TEXT: "部分采纳，\n分步实施。", REPLIED: "2024.1.20"},
        done.id: {TEXT: "补充答复：已全部落实。"},
        h2.id: {RESULT: "很好"},
        h3.id: {RESULT: "采纳", REPLIED: "2024-13-40"},
        proposed: {RESULT: "采纳", TEXT: "同意"},
        h4.id: {3: "另一条的标题", RESULT: "采纳"},
    }, extra=[
        [None, 9999, "查无此条", None, None, None, "采纳"],
        [None, h1.id, h1.title, None, None, None, "留作参考"],
        [None, merged, by_id[merged].title, None, None, None, "采纳"],
        ["填表人：张三　联系电话：12345"],
    ])
    before = _snapshot(demo_database)

    preview = _analyse(demo_database, path)
    assert (preview.sheet, preview.sheets, preview.header_row) == ("部门答复表", ["部门答复表"], 3)
    expected = {
        line[h1.id]: (UPDATED, "状态：办理中 → 已办结；办理结果：空 → 采纳；答复内容：空 → 已纳入2024年重点工作。；"
                               "答复日期：空 → 2024-01-15"),
        line[submitted]: (UPDATED, "状态：已报送 → 已交办 → 办理中 → 已办结；办理结果：空 → 部分采纳；"
                                   "答复内容：空 → 部分采纳， 分步实施。；答复日期：空 → 2024-01-20"),
        line[done.id]: (UPDATED, f"答复内容：{short(done.reply_text)} → 补充答复：已全部落实。"),
        line[h2.id]: (ERROR, f"办理结果“很好”无法识别，应为：{ALLOWED}。"),
        line[h3.id]: (ERROR, "答复日期“2024-13-40”不存在：没有 13 月。"),
        line[proposed]: (ERROR, NOT_ASSIGNED),
        line[h4.id]: (ERROR, f"编号 {h4.id} 的标题与表中不一致"),
        end + 1: (ERROR, "编号 9999 不存在"),
        end + 2: (ERROR, f"与第 {line[h1.id]} 行重复"),
        end + 3: (ERROR, "已合并到编号 2，请填写在该条上"),
        end + 4: (SKIPPED, "没有编号，已忽略"),
    }
    default = {rid: (SKIPPED, UNCHANGED if r.status == "已办结" else NOT_FILLED) for rid, r in by_id.items()}
    got = {r.row_no: (r.outcome, r.reason) for r in preview.rows}
    assert got == {n: expected.get(n, default.get(rid)) for rid, n in line.items()} | {
        n: expected[n] for n in range(end + 1, end + 5)}
    assert got[line[h5.id]] == (SKIPPED, NOT_FILLED)  # an untouched row in the sheet: nothing to do
    assert preview.counts() == {UPDATED: 3, SKIPPED: len(by_id) - 1 - 7 + 1, ERROR: 4 + 3}
    row = next(r for r in preview.rows if r.row_no == line[submitted])
    assert (row.recommendation_id, row.title, row.result, row.reply_text, row.reply_date, row.version) == (
        submitted, "完善夜间经济配套", "部分采纳", "部分采纳，\n分步实施。", date(2024, 1, 20),
        by_id[submitted].version)
    kept = next(r for r in preview.rows if r.row_no == line[done.id])
    assert (kept.result, kept.reply_date) == (done.outcome, done.reply_date)  # what is recorded stays
    assert _snapshot(demo_database) == before  # the preview wrote nothing

    with demo_database.session() as session:
        summary = apply_dept_replies(session, preview, on=ON)
    assert (summary.created, summary.updated, summary.skipped, summary.errors) == (0, 3, preview.counts()[SKIPPED], 7)
    assert summary.text().startswith("导入完成：更新 3 条意见建议的办理结果。\n未导入 ")
    assert all(f"第 {r.row_no} 行" in summary.text() for r in preview.rows if r.outcome == ERROR)
    with demo_database.session() as session:
        after = {r.id: r for r in list_recommendations(session, ids=[h1.id, submitted, done.id])}
    a, s, d = after[h1.id], after[submitted], after[done.id]
    assert (a.status, a.outcome, a.reply_text, a.reply_date) == ("已办结", "采纳", "已纳入2024年重点工作。",
                                                                 date(2024, 1, 15))
    assert [(h.from_status, h.to_status, h.changed_on, h.note) for h in a.history[-1:]] == [
        ("办理中", "已办结", date(2024, 1, 15), IMPORT_NOTE)]
    assert [(h.from_status, h.to_status, h.changed_on, h.note) for h in s.history[3:]] == [
        ("已报送", "已交办", date(2024, 1, 20), IMPORT_NOTE), ("已交办", "办理中", date(2024, 1, 20), IMPORT_NOTE),
        ("办理中", "已办结", date(2024, 1, 20), IMPORT_NOTE)]
    assert (s.status, s.outcome, s.reply_text) == ("已办结", "部分采纳", "部分采纳，\n分步实施。")
    assert (d.reply_text, d.outcome, d.reply_date, d.history) == ("补充答复：已全部落实。", done.outcome,
                                                                  done.reply_date, done.history)
    assert (d.feedback_text, d.feedback_date) == (done.feedback_text, done.feedback_date) and d.feedback_text
    assert not a.overdue
    changed = {h1.id, submitted, done.id}
    now = _snapshot(demo_database)
    assert {k: v for k, v in now.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}

    again = {r.row_no: (r.outcome, r.reason) for r in _analyse(demo_database, path).rows}
    assert again == {**got, **{line[x]: (SKIPPED, UNCHANGED) for x in changed}}


def test_unchanged_exports_import_as_all_skipped(tmp_path, demo_database, recs):
    by_id, _submitted, _proposed, merged = recs
    rows = list(by_id.values())
    for path in (export_reply_sheet(rows, tmp_path / "答复表.xlsx", title="部门答复表"),
                 export_recommendations(rows, tmp_path / "全部.xlsx", title="意见建议")):
        preview = _analyse(demo_database, path)
        assert preview.counts()[UPDATED] == preview.counts()[ERROR] == 0
        reasons = {r.recommendation_id: r.reason for r in preview.rows}
        assert reasons == {rid: UNCHANGED if r.status == "已办结" else NOT_FILLED for rid, r in by_id.items()
                           if rid in reasons}
        assert set(reasons) == set(by_id) - ({merged} if path.name == "答复表.xlsx" else set())


def test_sheet_typed_by_a_department(tmp_path, demo_database, recs):
    by_id, _submitted, _proposed, _merged = recs
    h1, h2, h3 = [r for r in by_id.values() if r.status == "办理中"][:3]
    path = _book(tmp_path / "区商务局答复.xlsx", [
        ["区商务局关于政协意见建议的答复"],
        ["序号", "建议编号", "采纳情况", "答复意见", "办结日期"],
        [1, h1.id, " 已采纳 ", "已落实。", "2024年5月18日"],
        [2, f"{h2.id}", "列入计划", None, 45430],  # 45430 is 2024-05-18 to Excel
        ["序号", "建议编号", "采纳情况", "答复意见", "办结日期"],
        [3, None, "参考", "无编号"],
        [4, h3.id, None, "只有答复没有结果"],
        [5, "第三条", "采纳"],
        [6, h3.id + 1000, None, None, "2025-01-01"],
    ])
    preview = _analyse(demo_database, path)
    assert preview.header_row == 2 and preview.headers == ["序号", "建议编号", "采纳情况", "答复意见", "办结日期"]
    assert [(r.row_no, r.outcome, r.reason) for r in preview.rows] == [
        (3, UPDATED, "状态：办理中 → 已办结；办理结果：空 → 采纳；答复内容：空 → 已落实。；答复日期：空 → 2024-05-18"),
        (4, UPDATED, "状态：办理中 → 已办结；办理结果：空 → 列入计划逐步解决；答复日期：空 → 2024-05-18"),
        (5, SKIPPED, "重复的表头行，已忽略"),
        (6, ERROR, "缺少编号。编号列来自导出的部门答复表，请勿修改或删除。"),
        (7, ERROR, f"填写了答复内容，但未填写办理结果（应为：{ALLOWED}）。"),
        (8, ERROR, "编号“第三条”不是本系统导出的编号。编号列请勿修改。"),
        (9, ERROR, f"编号 {h3.id + 1000} 不存在"),
    ]
    late = _book(tmp_path / "日期.xlsx", [["编号", "结果", "答复", "日期"], [h1.id, "采纳", "好", "2024-07-01"],
                                         [h2.id, "采纳", "好", "2023-09-01"]])
    assert [r.reason for r in _analyse(demo_database, late).rows] == [
        "答复日期 2024-07-01 晚于导入日期 2024-06-01，请核对。",
        f"答复日期 2023-09-01 早于该条“办理中”的日期 {h2.history[-1].changed_on.isoformat()}，请核对。"]


@pytest.mark.parametrize(("typed", "outcome"), [
    ("采纳", "采纳"), ("已采纳", "采纳"), ("部分采纳", "部分采纳"), ("部分采用", "部分采纳"),
    (" 部分 采用 ", "部分采纳"),
    ("列入计划逐步解决", "列入计划逐步解决"), ("列入计划", "列入计划逐步解决"), ("留作参考", "留作参考"),
    ("参考", "留作参考"), ("因条件限制暂不能采纳", "因条件限制暂不能采纳"), ("暂不能采纳", "因条件限制暂不能采纳"),
    ("不予采纳", "因条件限制暂不能采纳"), (None, None), ("　", None),
])
def test_outcome_words(typed, outcome):
    assert parse_outcome(typed) == outcome


@pytest.mark.parametrize(("typed", "expected"), [
    ("2024-05-18", date(2024, 5, 18)), ("2024.5.18", date(2024, 5, 18)), ("2024年5月18日", date(2024, 5, 18)),
    ("2024/5/18", date(2024, 5, 18)), ("20240518", date(2024, 5, 18)), (datetime(2024, 5, 18), date(2024, 5, 18)),
    (date(2024, 5, 18), date(2024, 5, 18)), (45430, date(2024, 5, 18)), (None, None), (" ", None),
    ("2024年5月18日（星期六）", date(2024, 5, 18)), (20240518, date(2024, 5, 18)),
    ("２０２４．５．１８", date(2024, 5, 18)),
])
def test_reply_dates(typed, expected):
    assert parse_reply_date(typed) == expected


@pytest.mark.parametrize(("typed", "said"), [
    ("2024-13-40", "答复日期“2024-13-40”不存在：没有 13 月"), ("2024-02-30", "2024年2月只有 29 天"),
    ("五月", "无法识别答复日期“五月”"), ("18/5/2024", "无法识别答复日期“18/5/2024”"), (12, "无法识别答复日期“12”"),
    ("2024.5", "答复日期“2024.5”不完整"),
])
def test_bad_reply_dates(typed, said):
    """The messages of models/dates.py, the same as a date typed into any dialog, naming the column."""
    with pytest.raises(ValidationError) as caught:
        parse_reply_date(typed)
    assert said in caught.value.message and caught.value.field == "reply_date"


def test_a_recommendation_changed_since_the_preview_rolls_the_whole_import_back(tmp_path, demo_database, recs):
    by_id, _submitted, _proposed, _merged = recs
    first, last = [r for r in by_id.values() if r.status == "办理中"][:2]  # `last` comes later in the sheet
    path = export_reply_sheet(list(by_id.values()), tmp_path / "答复表.xlsx", title="部门答复表")
    _fill(path, {first.id: {RESULT: "采纳", TEXT: "已落实。"}, last.id: {RESULT: "留作参考", TEXT: "研究参考。"}})
    preview = _analyse(demo_database, path)
    assert preview.counts()[UPDATED] == 2
    with demo_database.session() as session:  # a colleague records the department's letter meanwhile
        change_recommendation_status(session, last.id, RecommendationStatus.CONCLUDED, on=date(2024, 1, 3))
        set_outcome(session, last.id, "采纳", reply_text="来函答复", reply_date=date(2024, 1, 3))
    before = _snapshot(demo_database)
    with pytest.raises(ConflictError), demo_database.session() as session:
        apply_dept_replies(session, preview, on=ON)
    after = _snapshot(demo_database)
    assert after == before and after[first.id][0] == "办理中"
    assert after[last.id][:4] == ("已办结", "采纳", "来函答复", date(2024, 1, 3))


def test_files_that_cannot_be_imported(tmp_path, demo_database):
    text = tmp_path / "答复表.xlsx"
    text.write_text("编号,办理结果\n1,采纳", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        _analyse(demo_database, text)
    no_id = _book(tmp_path / "无编号.xlsx", [["标题", "办理结果", "答复内容"],
                                             ["加快老旧商业街区更新改造", "采纳", "好"]])
    with pytest.raises(WorkbookError, match="没有找到“编号”列"):
        _analyse(demo_database, no_id)
