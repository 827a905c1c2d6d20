"""Row checks every import shares (issue 12): the crash reproducers — an unknown 界别 on a row that is wrong
for another reason too, a 30-digit 编号, a 4,301-digit 编号 — become row errors; a row names all its
problems at once; a formula without a saved result is named as a formula, not as an empty cell."""

import re
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func
from sqlmodel import select

from models.errors import ValidationError
from models.imports.dept_replies_import import analyse_dept_replies
from models.imports.people_import import ERROR, NEW, analyse_people_import, apply_people_import
from models.imports.record_ids import MAX_ID, parse_record_id, record_id
from models.imports.replies_import import analyse_reply_import
from models.imports.scores_import import analyse_scores_import
from models.services.lookups import list_values
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.recommendation_queries import list_recommendations
from models.services.topic_scores import criteria, list_topics, reviewers
from models.tables import Person, Sector

HUGE = "9" * 4301  # past Python's int-digit limit: int() of it raises ValueError
LONG = "1" * 30  # past SQLite's INTEGER: binding it raises OverflowError
NOT_OURS = "不是本系统导出的"


def _book(path, rows: list[list], title: str = "表"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)  # openpyxl saves formulas without a result, as programs other than Excel do
    return path


def _only_error(preview):
    [row] = [r for r in preview.rows if r.outcome == ERROR]
    return row


def _people_counts(session) -> tuple[int, int]:
    return (session.exec(select(func.count()).select_from(Person)).one(),
            session.exec(select(func.count()).select_from(Sector)).one())


# ---- the shared 编号 rule ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1", "42", str(MAX_ID), "007"])
def test_ids_this_program_exports(text):
    assert record_id(text) == int(text)


@pytest.mark.parametrize("text", ["", "0", "-5", "12.5", "abc", "²", "١٢", str(MAX_ID + 1), LONG, HUGE, "1 2"])
def test_anything_else_is_not_one_of_ours(text):
    assert record_id(text) is None
    with pytest.raises(ValidationError) as caught:
        parse_record_id(text, "参会编号")
    assert NOT_OURS + "参会编号" in caught.value.message and caught.value.field == "id"
    assert len(caught.value.message) < 100  # a 4,301-digit paste is shortened, not repeated


def test_whole_numbers_from_excel_cells():
    assert parse_record_id(12.0) == 12  # a number cell reads as a float
    with pytest.raises(ValidationError):
        parse_record_id(1e300)


# ---- people: unknown values on error rows, every problem of a row, formulas -------------------------

def test_unknown_sector_on_a_row_with_a_bad_mobile_is_listed_and_apply_does_not_crash(tmp_path, database):
    """Issue 12: KeyError ('sector', '火星界') in _resolve_values when the only row using it had an error."""
    path = _book(tmp_path / "名单.xlsx", [["姓名", "手机", "界别"], ["张三", "123", "火星界"],
                                         ["李四", "13900000001", "经济界"]])
    with database.session() as session:
        preview = analyse_people_import(session, path)
    assert _only_error(preview).row_no == 2 and "11 位数字" in _only_error(preview).reason
    assert preview.unknown_values == {"sector": {"火星界": 1, "经济界": 1}}  # listed for mapping all the same
    with database.session() as session:
        with pytest.raises(ValidationError) as caught:  # undecided: refused with its name, not a KeyError
            apply_people_import(session, preview, {("sector", "经济界"): NEW})
        assert "火星界" in caught.value.message
    with database.session() as session:
        report = apply_people_import(session, preview, {("sector", "火星界"): NEW, ("sector", "经济界"): NEW})
        session.commit()
    assert report.created == 1 and report.errors == 1
    with database.session() as session:
        # only the written row's value joins the lookups; the error row's 火星界 waits for its correction
        assert {v.name for v in list_values(session, "sector")} >= {"经济界"}
        assert "火星界" not in {v.name for v in list_values(session, "sector")}


def test_unknown_sector_on_an_error_row_mapped_to_an_existing_value(tmp_path, database):
    path = _book(tmp_path / "名单.xlsx", [["姓名", "出生年月", "界别"], ["张三", "五月", "火星界"]])
    with database.session() as session:
        preview = analyse_people_import(session, path, value_map={("sector", "火星界"): None})
        before = _people_counts(session)
        report = apply_people_import(session, preview, {("sector", "火星界"): None})
        assert _people_counts(session) == before and report.errors == 1 and report.written == 0


def test_a_people_row_names_all_its_problems(tmp_path, database):
    path = _book(tmp_path / "名单.xlsx", [["姓名", "出生年月", "手机", "性别"],
                                         ["张三", "1968年13月", "1390000000", "未知"]])
    with database.session() as session:
        reason = _only_error(analyse_people_import(session, path)).reason
    assert "月份 13" in reason and "1390000000" in reason and "未知" in reason
    assert reason.count("；") == 2 and "\n" not in reason


def test_a_missing_name_is_named_with_the_other_problems(tmp_path, database):
    path = _book(tmp_path / "名单.xlsx", [["姓名", "手机", "单位"], [None, "123", "某单位"]])
    with database.session() as session:
        reason = _only_error(analyse_people_import(session, path)).reason
    assert reason.startswith("缺少姓名；") and "123" in reason


def test_a_formula_in_the_name_is_named_as_a_formula(tmp_path, database):
    path = _book(tmp_path / "名单.xlsx", [["姓名", "手机", "单位"], ['=B1&"三"', "13900000001", "某单位"],
                                         ["李四", "=1+1", "某单位"], ['=B1&"四"', "13900000002"]])
    with database.session() as session:
        rows = analyse_people_import(session, path).rows
    assert rows[0].outcome == ERROR and rows[0].reason.startswith("姓名单元格是公式")
    assert "粘贴为数值" in rows[0].reason and "缺少姓名" not in rows[0].reason
    assert rows[1].outcome == ERROR and rows[1].reason.startswith("手机单元格是公式")
    assert rows[2].outcome == ERROR and rows[2].reason.startswith("姓名单元格是公式")  # not skipped as a heading


def test_formulas_with_a_saved_result_are_read_as_their_result(tmp_path, database):
    """Excel saves each formula's result: such files import as they look."""
    path = _book(tmp_path / "名单.xlsx", [["姓名", "手机"], ['=B1&"三"', "13900000001"]])
    _save_result(path, "A2", "张三")
    with database.session() as session:
        row = analyse_people_import(session, path).rows[0]
    assert row.outcome != ERROR and row.name == "张三"


def _save_result(path, cell: str, result: str) -> None:
    """Give a formula cell a saved result, as Excel writes it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet, found = re.subn(rf'<c r="{cell}"><f>(.*?)</f><v></v></c>',
                           rf'<c r="{cell}" t="str"><f>\1</f><v>{result}</v></c>',
                           parts["xl/worksheets/sheet1.xml"].decode())
    assert found == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("raw", [LONG, HUGE, "-3", "0"])
def test_people_ids_outside_the_range_are_row_errors(tmp_path, database, raw):
    path = _book(tmp_path / "名单.xlsx", [["编号", "姓名"], [raw, "张三"]])
    with database.session() as session:
        row = _only_error(analyse_people_import(session, path))
    assert NOT_OURS + "编号" in row.reason


# ---- 部门答复表 --------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [LONG, HUGE, str(MAX_ID + 1)])
def test_dept_reply_ids_outside_the_range_are_row_errors(tmp_path, demo_database, raw):
    """Issue 12: a 30-digit 编号 raised OverflowError in the preview (it went into the query)."""
    with demo_database.session() as session:
        rec = list_recommendations(session, year=2023)[0]
    path = _book(tmp_path / "答复.xlsx", [["编号", "办理结果", "答复内容"], [raw, "采纳", "已落实"],
                                         [rec.id, None, None]])
    with demo_database.session() as session:
        rows = analyse_dept_replies(session, path, on=date(2024, 6, 1)).rows
    assert rows[0].outcome == ERROR and NOT_OURS + "编号" in rows[0].reason and rows[1].outcome != ERROR


def test_a_dept_reply_row_names_all_its_problems_and_formulas(tmp_path, demo_database):
    path = _book(tmp_path / "答复.xlsx", [["编号", "办理结果", "答复内容", "答复日期"],
                                         ["abc", "很好", "已落实", "明天"], [1, "=C1", "已落实", None]])
    with demo_database.session() as session:
        rows = analyse_dept_replies(session, path, on=date(2024, 6, 1)).rows
    assert "abc" in rows[0].reason and "很好" in rows[0].reason and "明天" in rows[0].reason
    assert rows[1].outcome == ERROR and rows[1].reason.startswith("办理结果单元格是公式")


# ---- 回执登记表 --------------------------------------------------------------------------------------

@pytest.fixture
def meeting(demo_database):
    with demo_database.session() as session:
        meeting = list_meetings(session)[0]
        return meeting.id, list_invitees(session, meeting.id)[0]


def test_reply_rows_ids_problems_and_formulas(tmp_path, demo_database, meeting):
    meeting_id, invitee = meeting
    path = _book(tmp_path / "回执.xlsx", [["姓名", "回复状态", "参会编号"], [invitee.name, "确认", HUGE],
                                         ["查无此人", "也许", None], ['=A2', "确认", None],
                                         ['=A2', None, None, "已电话联系"]])
    with demo_database.session() as session:
        rows = analyse_reply_import(session, meeting_id, path).rows
    assert rows[0].outcome == ERROR and NOT_OURS + "参会编号" in rows[0].reason
    assert rows[1].outcome == ERROR and "不在本次会议" in rows[1].reason and "也许" in rows[1].reason
    assert [r.outcome for r in rows[2:]] == [ERROR, ERROR]
    assert all(r.reason.startswith("姓名单元格是公式") for r in rows[2:])


# ---- 评分表 ------------------------------------------------------------------------------------------

def test_score_rows_ids_problems_and_formulas(tmp_path, demo_database):
    with demo_database.session() as session:
        marks, topic, reviewer = criteria(session), list_topics(session, 2024)[0], reviewers(session, 2024)[0]
    names = [c.name for c in marks]
    blank = [None] * (len(names) - 1)
    path = _book(tmp_path / "评分.xlsx", [["议题编号", "议题名称", *names], [HUGE, topic.title, 5, *blank],
                                         [None, "没有这个议题", "很高", *blank], [None, topic.title, "=1+1", *blank],
                                         [None, "=A1", 5, *blank]])
    with demo_database.session() as session:
        rows = analyse_scores_import(session, 2024, path, reviewer=reviewer).rows
    assert rows[0].outcome == ERROR and NOT_OURS + "议题编号" in rows[0].reason
    assert rows[1].outcome == ERROR and "没有这个议题" in rows[1].reason and "很高" in rows[1].reason
    assert rows[2].outcome == ERROR and rows[2].reason.startswith(f"{names[0]}单元格是公式")
    assert rows[3].outcome == ERROR and "单元格是公式" in rows[3].reason  # the title: not skipped as no topic
