"""议题评分 import on the demo 2024 pool: the exported 评分表 filled in by hand, a fourth reviewer on a blank
sheet, a sheet typed from scratch; preview row by row, nothing written before apply, re-import all 跳过."""

from collections import defaultdict

import openpyxl
import pytest
from sqlmodel import select

from models.errors import DomainError
from models.exports.topics_xlsx import export_scoring_sheet
from models.imports.scores_import import (
    COMMENT_ONLY,
    ERROR,
    NEED_REVIEWER,
    NOT_SCORED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    analyse_scores_import,
    apply_scores_import,
    sheet_reviewer,
)
from models.imports.xlsx_reader import WorkbookError
from models.reference_data import TOPIC_CRITERIA
from models.services.topic_scores import criteria, list_topics, reviewer_scores, reviewers
from models.services.topics import create_topic
from models.tables import Topic, TopicScore

FIRST = 5  # first data row of the 评分表
ID, TITLE, SCORE, COMMENT = 2, 3, 6, 11  # columns; SCORE is 重要性, then 紧迫性, 可行性, 关联度, 关注度


@pytest.fixture
def pool(demo_database):
    with demo_database.session() as session:
        reviewer = reviewers(session, 2024)[0]
        return list_topics(session, 2024), criteria(session), reviewer, reviewer_scores(session, 2024, reviewer)


def _analyse(database, path, **kw):
    with database.session() as session:
        return analyse_scores_import(session, 2024, path, **kw)


def _apply(database, preview):
    with database.session() as session:
        summary = apply_scores_import(session, preview)
        session.commit()
        return summary


def _scores(database, reviewer):
    with database.session() as session:
        return reviewer_scores(session, 2024, reviewer)


def _outcomes(preview) -> dict[int, tuple[str, str]]:
    return {r.row_no: (r.outcome, r.reason) for r in preview.rows}


def test_filled_in_sheet_preview_apply_and_again(tmp_path, demo_database, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    a, b, c, d = rows[0], rows[1], rows[2], rows[3]
    old = {t.id: [existing[(t.id, m.id)][0] for m in marks] for t in rows}
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    new_a = 10 if old[a.id][0] != 10 else 9  # 重要性 of the first topic
    ws.cell(row=FIRST, column=SCORE).value = new_a
    ws.cell(row=FIRST + 1, column=SCORE + 2).value = old[b.id][2] % 10 + 1  # 可行性 of the second
    ws.cell(row=FIRST + 1, column=COMMENT).value = "建议 结合\u3000一老一小 专项调研"
    ws.cell(row=FIRST + 2, column=SCORE + 1).value = "11"  # 紧迫性
    ws.cell(row=FIRST + 3, column=SCORE + 4).value = "高"  # 群众关注度
    ws.cell(row=FIRST + 3, column=SCORE).value = 8.5
    end = FIRST + len(rows)
    for column in range(1, 12):  # the fifth topic's row copied below the table
        ws.cell(row=end, column=column).value = ws.cell(row=FIRST + 4, column=column).value
    ws.cell(row=end + 1, column=ID).value = 99999
    ws.cell(row=end + 1, column=TITLE).value = "查无此题"
    ws.cell(row=end + 1, column=SCORE).value = 7
    wb.save(path)
    before = _scores(demo_database, reviewer)

    preview = _analyse(demo_database, path)
    assert (preview.reviewer, preview.sheet_reviewer, preview.year, preview.sheet) == (reviewer, reviewer, 2024,
                                                                                        "评分表")
    assert preview.header_row == 4 and [c.name for c in preview.criteria] == [m.name for m in marks]
    expected = {
        FIRST: (UPDATED, f"重要性：{old[a.id][0]} → {new_a}"),
        FIRST + 1: (UPDATED, f"可行性：{old[b.id][2]} → {old[b.id][2] % 10 + 1}；"
                             "意见：空 → 建议 结合 一老一小 专项调研"),
        FIRST + 2: (ERROR, "紧迫性：评分“11”应为 1 到 10 的整数。"),
        FIRST + 3: (ERROR, "重要性：评分“8.5”应为 1 到 10 的整数；群众关注度：评分“高”不是数字，应为 1 到 10 的整数。"),
        end: (ERROR, f"与第 {FIRST + 4} 行重复"),
        end + 1: (ERROR, "议题编号 99999 不存在（该议题可能已被删除）。议题编号列请勿修改。"),
    }
    assert _outcomes(preview) == {n: expected.get(n, (SKIPPED, UNCHANGED)) for n in range(FIRST, end + 2)}
    assert preview.counts() == {UPDATED: 2, SKIPPED: 8, ERROR: 4}
    by_row = {r.row_no: r for r in preview.rows}
    assert (by_row[FIRST].title, by_row[FIRST].topic_id) == (a.title, a.id)
    assert (by_row[FIRST + 3].title, by_row[FIRST + 3].topic_id, by_row[FIRST + 3].entries) == (d.title, d.id, [])
    assert by_row[end + 1].topic_id is None
    assert len(by_row[FIRST + 1].entries) == 5  # the comment goes with every criterion of the topic
    assert _scores(demo_database, reviewer) == before  # the preview wrote nothing

    report = _apply(demo_database, preview)
    assert (report.updated, report.skipped, report.errors) == (2, 8, 4)
    # the rows left out are said, with their reasons, not only the topics imported
    assert report.text().startswith(f"导入完成（评分人：{reviewer}）：更新 2 个议题的评分。\n"
                                    "未导入 12 行：\n· 有错误 4 行（")
    assert all(f"第 {r.row_no} 行" in report.text() and r.reason.rstrip("。") in report.text()
               for r in preview.rows if r.outcome == ERROR)
    after = _scores(demo_database, reviewer)
    assert after[(a.id, marks[0].id)] == (new_a, None)
    comment = "建议 结合 一老一小 专项调研"
    assert [after[(b.id, m.id)] for m in marks] == [
        (old[b.id][0], comment), (old[b.id][1], comment), (old[b.id][2] % 10 + 1, comment), (old[b.id][3], comment),
        (old[b.id][4], comment)]
    changed = {(a.id, marks[0].id)} | {(b.id, m.id) for m in marks}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items()
                                                                     if k not in changed}
    assert after[(c.id, marks[1].id)] == before[(c.id, marks[1].id)]  # a row in error changes nothing

    again = _analyse(demo_database, path)
    assert _outcomes(again) == {**_outcomes(preview), FIRST: (SKIPPED, UNCHANGED), FIRST + 1: (SKIPPED, UNCHANGED)}


def test_reimporting_an_unchanged_export_skips_everything(tmp_path, demo_database, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    preview = _analyse(demo_database, path)
    assert preview.counts() == {UPDATED: 0, SKIPPED: 12, ERROR: 0}
    assert {r.reason for r in preview.rows} == {UNCHANGED}
    assert [r.topic_id for r in preview.rows] == [t.id for t in rows]


def _independent_ranking(database) -> tuple[list[int], dict[int, int]]:
    """Topic ids by weighted score, computed here from the raw score rows and the published weights."""
    weights = {name: weight for name, weight in TOPIC_CRITERIA}
    with database.session() as session:
        names = {c.id: c.name for c in criteria(session)}
        topics = [t.id for t in session.exec(select(Topic).where(Topic.year == 2024))]
        marks: dict[int, dict[str, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
        for s in session.exec(select(TopicScore).where(TopicScore.topic_id.in_(topics))):
            marks[s.topic_id][s.reviewer].append((weights[names[s.criterion_id]], s.score))
    totals = {}
    for topic_id, by_reviewer in marks.items():
        each = [sum(w * v for w, v in pairs) / sum(w for w, _ in pairs) for pairs in by_reviewer.values()]
        totals[topic_id] = sum(each) / len(each)
    ranked = sorted(totals, key=lambda t: (-totals[t], t))
    return ranked, {t: len(marks[t]) for t in topics}


def test_fourth_reviewer_on_a_blank_sheet(tmp_path, demo_database, pool):
    rows, marks, _reviewer, _existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "空白评分表.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["B3"] = "  赵 新委员 "
    bottom = rows[-4:]  # the last four get full marks, enough to lift them up the ranking
    for index, topic in enumerate(rows):
        if topic in bottom:
            for offset in range(len(marks)):
                ws.cell(row=FIRST + index, column=SCORE + offset).value = 10
    ws.cell(row=FIRST, column=COMMENT).value = "只写了意见"
    wb.save(path)

    preview = _analyse(demo_database, path)
    assert preview.reviewer == "赵 新委员"
    assert preview.counts() == {UPDATED: 4, SKIPPED: 8, ERROR: 0}
    assert _outcomes(preview)[FIRST] == (SKIPPED, COMMENT_ONLY)
    assert _outcomes(preview)[FIRST + 1] == (SKIPPED, NOT_SCORED)
    assert _outcomes(preview)[FIRST + 8] == (UPDATED, "；".join(f"{m.name}：空 → 10" for m in marks))
    _apply(demo_database, preview)

    with demo_database.session() as session:
        after = list_topics(session, 2024)
        assert reviewers(session, 2024) == sorted(["卢文建", "闫文文", "顾华伟", "赵 新委员"])
    ranked, counts = _independent_ranking(demo_database)
    # only the four topics every reviewer (now four) has scored are ranked; the other eight follow, by score
    full = [t for t in ranked if counts[t] == 4]
    assert [t.id for t in after] == full + [t for t in ranked if counts[t] < 4]
    assert {t.id: t.reviewers for t in after} == counts
    assert set(full) == {t.id for t in bottom}
    assert [t.rank for t in after] == [1, 2, 3, 4] + [None] * 8
    assert all(t.partly_scored and t.reviewers_text == "3/4 未评完" for t in after[4:])
    assert [t.id for t in after] != [t.id for t in rows]  # the ranking moved

    # The same reviewer scoring again only updates: still one score per topic and criterion.
    ws.cell(row=FIRST + 8, column=SCORE).value = 3
    wb.save(path)
    second = _analyse(demo_database, path)
    assert second.counts() == {UPDATED: 1, SKIPPED: 11, ERROR: 0}
    assert _outcomes(second)[FIRST + 8] == (UPDATED, "重要性：10 → 3")
    _apply(demo_database, second)
    with demo_database.session() as session:
        mine = session.exec(select(TopicScore).where(TopicScore.reviewer == "赵 新委员")).all()
    assert len(mine) == 4 * len(marks)
    assert sorted(s.score for s in mine if s.topic_id == rows[8].id) == [3, 10, 10, 10, 10]
    assert _analyse(demo_database, path).counts() == {UPDATED: 0, SKIPPED: 12, ERROR: 0}


def test_reviewer_from_the_argument_or_asked_for(tmp_path, demo_database, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    other = _analyse(demo_database, path, reviewer="钱另一位")
    assert (other.reviewer, other.sheet_reviewer) == ("钱另一位", reviewer)
    assert other.counts() == {UPDATED: 12, SKIPPED: 0, ERROR: 0}  # new to this reviewer

    blank = export_scoring_sheet(rows, marks, 2024, tmp_path / "空白.xlsx")
    with pytest.raises(DomainError) as error:
        _analyse(demo_database, blank)
    assert error.value.message == NEED_REVIEWER == "请在表中“评分人”处填写姓名，或在导入时选择评分人。"


def test_sheet_typed_from_scratch_matches_by_title(tmp_path, demo_database, pool):
    rows, _marks, _reviewer, _existing = pool
    with demo_database.session() as session:
        old = create_topic(session, year=2023, title="去年的议题", source="委员荐题")
        session.commit()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "打分"
    ws.append(["2024年议题打分"])
    ws.append(["评分人：孙打分"])
    ws.append(["议题", "重要性", "紧迫性", "可行性", "与中心工作关联度（20%）", "群众关注度", "备注"])
    ws.append(["优化营商环境\u3000激发市场主体活力", 9, 8, 8, 9, 7, None])  # full-width space
    ws.append(["加强“一老一小”服务供给 ", "9", 9.0, 8, 8, 8, "很急"])
    ws.append(["不存在的议题", 5, 5, 5, 5, 5])
    ws.append(["议题", "重要性"])  # a header pasted twice
    ws.append(["推进智慧社区建设"])
    wb.create_sheet("说明").append(["本表由委员填写"])
    path = tmp_path / "手工表.xlsx"
    wb.save(path)
    ws.insert_cols(1)
    ws["A3"] = "议题编号"
    ws["A4"] = old
    ws["B4"] = "去年的议题"
    wb.save(tmp_path / "带编号.xlsx")

    preview = _analyse(demo_database, path)
    assert (preview.reviewer, preview.sheet, preview.sheets) == ("孙打分", "打分", ["打分", "说明"])
    by_title = {t.title: t.id for t in rows}
    got = [(r.row_no, r.outcome, r.topic_id) for r in preview.rows]
    assert got == [(4, UPDATED, by_title["优化营商环境 激发市场主体活力"]),
                   (5, UPDATED, by_title["加强“一老一小”服务供给"]), (6, ERROR, None), (7, SKIPPED, None),
                   (8, SKIPPED, by_title["推进智慧社区建设"])]
    assert preview.rows[2].reason == "2024年度没有名为“不存在的议题”的议题。"
    assert [r.reason for r in preview.rows[3:]] == ["重复的表头行，已忽略", NOT_SCORED]
    assert {e.comment for e in preview.rows[1].entries} == {"很急"}

    other_year = _analyse(demo_database, tmp_path / "带编号.xlsx")
    assert other_year.rows[0].outcome == ERROR
    assert other_year.rows[0].reason == (f"议题编号 {old} 是2023年度的议题“去年的议题”，不属于2024年度。"
                                         "请确认导入的是2024年度的评分表。")


def test_id_and_title_must_agree(tmp_path, demo_database, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(row=FIRST, column=ID).value = rows[1].id  # rows sorted by hand, ids left behind
    wb.active.cell(row=FIRST + 2, column=ID).value = "第三个"
    wb.save(path)
    preview = _analyse(demo_database, path)
    assert preview.rows[0].outcome == ERROR and preview.rows[0].reason.startswith(
        f"议题编号 {rows[1].id} 是“{rows[1].title}”，与本行议题名称“{rows[0].title}”不符。")
    assert (preview.rows[1].outcome, preview.rows[1].reason) == (SKIPPED, UNCHANGED)  # the first row did not match
    assert preview.rows[2].reason == "议题编号“第三个”不是本系统导出的议题编号。议题编号列请勿修改。"


def test_missing_criterion_column(tmp_path, demo_database, pool):
    rows, marks, reviewer, existing = pool
    path = export_scoring_sheet(rows, marks, 2024, tmp_path / "评分表.xlsx", reviewer=reviewer, existing=existing)
    wb = openpyxl.load_workbook(path)
    wb.active.delete_cols(SCORE + 2)  # 可行性
    wb.save(path)
    with pytest.raises(WorkbookError) as error:
        _analyse(demo_database, path)
    message = error.value.message
    assert message.startswith("在文件“评分表.xlsx”的工作表“评分表”中没有找到评分标准“可行性”的列。")
    assert "识别到的列标题（第 4 行）" in message and "“重要性（30%）”" in message
    assert _scores(demo_database, reviewer) == existing


def test_not_a_workbook(tmp_path, demo_database):
    text = tmp_path / "评分表.xlsx"
    text.write_text("议题名称,重要性\n推进智慧社区建设,8\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿"):
        _analyse(demo_database, text)
    with pytest.raises(WorkbookError, match="找不到文件"):
        _analyse(demo_database, tmp_path / "没有.xlsx")


@pytest.mark.parametrize(("cells", "name"), [
    ([["评分人员请于3月1日前交回"], ["评分人：", None, " 李 四 "]], "李 四"),
    ([["评分人：王五　　日期：2024年1月"]], "王五"),
    ([["评 分 人", "赵六"]], "赵六"),
    ([["评分人："]], ""),
])
def test_reviewer_cell_above_the_header(cells, name):
    ws = openpyxl.Workbook().active
    for row in cells:
        ws.append(row)
    ws.append(["议题名称", "重要性"])
    assert sheet_reviewer(ws, len(cells) + 1) == name
    assert sheet_reviewer(ws, 1) == ""
