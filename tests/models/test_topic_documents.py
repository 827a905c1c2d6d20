"""议题遴选表 and 年度协商计划 as PDF: the demo's 2024 pool and 2023 plan, a 60-topic synthetic pool and a
long plan that paginate (header on every page, rows whole), page layouts, balanced line breaks."""

import random
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from models.errors import DomainError
from models.printing import (
    plan_layout,
    render_plan,
    render_plan_pdf,
    render_topic_selection,
    render_topic_selection_pdf,
    selection_means,
    topic_selection_layout,
)
from models.printing.fonts import Face
from models.printing.topic_documents import PLAN_COLUMNS, PLAN_STYLE, balanced, balanced_table, plan_rows
from models.reference_data import TOPIC_CRITERIA
from models.services.app_settings import committee_name
from models.services.plans import PlanRow, list_plan
from models.services.topic_scores import Criterion, TopicRow, criteria, list_topics, reviewers

from .printing_fixtures import in_order, pdf_page_count, pdf_size, squeeze

CRITERIA = [Criterion(i, name, weight) for i, (name, weight) in enumerate(TOPIC_CRITERIA, start=1)]
SELECTION_HEADER = ("排名", "议题名称", "来源", "提出者", "重要性", "紧迫性", "可行性", "加权得分", "分差", "状态")
PLAN_HEADER = ("序号", "协商议题", "协商形式", "牵头专委会", "承办单位")
A4_LANDSCAPE_PT, A4_PORTRAIT_PT = (841.89, 595.28), (595.28, 841.89)
SUBJECTS = ("老旧小区改造", "社区养老服务", "普惠托育", "营商环境", "数字经济", "夜间经济", "背街小巷整治", "停车难",
            "智慧社区", "城市更新", "公共文化服务", "垃圾分类", "河道治理", "职业教育", "基层医疗")
TAILS = ("", "提质增效", "高质量发展", "长效管理机制建设", "服务供给和保障水平提升")
SOURCES = ("领导点题", "委员荐题", "部门商题", "群众征题", "专委会", "界别")
PROPOSERS = ("区委办公室", "汪红琳", "区教育局", "12345热线意见汇总", "经济科技委员会", "共青团和青联界别、工会界别",
             "区政协网站“协商议题征集”栏目群众留言")


def raw_pages(path) -> list[str]:
    """Each page's text in drawing order (cell after cell), without any spacing."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    return [squeeze(page) for page in text.split("\f")[:-1]]


def synthetic_pool(count: int = 60, unscored: int = 4, seed: int = 3):
    """Topics ranked 1…count-unscored with a few unscored ones, titles and proposers of every length."""
    rng = random.Random(seed)
    rows, means = [], {}
    for index in range(count):
        scored = index < count - unscored
        verb = rng.choice(("推动", "加强", "完善", "深化"))
        title = f"{verb}{rng.choice(SUBJECTS)}{rng.choice(TAILS)}（{index + 1:02d}）"
        average = 9.5 - index * 0.07 if scored else None
        rows.append(TopicRow(
            id=100 + index, version=1, year=2025, title=title, source=rng.choice(SOURCES),
            proposer=rng.choice(PROPOSERS), format_id=None, format_name="", status="初筛" if scored else "征集",
            description="", background="", decision_note="", carried_from_id=None, average=average,
            reviewers=3 if scored else 0, spread=0.25 * (index % 5) if scored else None,
            rank=index + 1 if scored else None, in_plan=False))
        if scored:
            means[100 + index] = {c.id: round(average + rng.uniform(-0.5, 0.5), 2) for c in CRITERIA}
    return rows, means


def row_text(topic: TopicRow, means) -> str:
    """What a whole table row reads in drawing order."""
    if topic.average is None:
        numbers = ["—"] * 6 + ["0", "—"]
    else:
        per = means[topic.id]
        numbers = [f"{per[c.id]:.1f}" for c in CRITERIA] + [f"{topic.average:.2f}", str(topic.reviewers),
                                                             f"{topic.spread:.2f}"]
    rank = str(topic.rank) if topic.rank else "—"
    return squeeze("".join([rank, topic.title, topic.source, topic.proposer, *numbers, topic.status]))


def pages_of(rows_text: list[str], pages: list[str]) -> list[int]:
    """The page each whole row is on; fails if a row is missing or split between pages."""
    found = []
    for text in rows_text:
        where = [index for index, page in enumerate(pages) if text in page]
        assert len(where) == 1, f"row not found whole on one page: {text}"
        found.append(where[0])
    return found


@pytest.fixture
def demo(demo_database):
    with demo_database.session() as session:
        rows = list_topics(session, 2024)
        return (rows, criteria(session), reviewers(session, 2024), selection_means(session, rows),
                list_plan(session, 2023), committee_name(session))


def test_demo_selection(qapp, tmp_path, demo):
    rows, marks, names, means, _plan, _committee = demo
    path = tmp_path / "遴选表.pdf"
    pages = render_topic_selection_pdf(rows, marks, 2024, path, reviewers=names, means=means)
    assert pages == pdf_page_count(path) == 1
    assert pdf_size(path) == pytest.approx(A4_LANDSCAPE_PT, abs=0.05)
    (text,) = raw_pages(path)
    assert text.startswith("2024年度协商议题遴选表评分人：卢文建、闫文文、顾华伟评分标准及权重：重要性30%、紧迫性20%、"
                           "可行性20%、与中心工作关联度20%、群众关注度10%")
    assert all(word in text for word in SELECTION_HEADER)
    in_order([t.title for t in rows], [text])
    assert [c.id for c in marks] == [c.id for c in CRITERIA]
    assert pages_of([row_text(t, means) for t in rows], [text]) == [0] * 12  # ranks, means, 2-decimal scores
    first = rows[0]
    assert squeeze(f"1{first.title}") in text and f"{first.average:.2f}3{first.spread:.2f}{first.status}" in text
    assert text.endswith("注：各评分标准列为评分人评分的平均值；加权得分为各评分人按权重计算的得分（满分10分）的"
                         "平均值，分差为各评分人加权得分的最高分与最低分之差。未经全部评分人评分的议题（评分人数记为"
                         "“已评人数/评分人数”）不参与排名，列于已排名议题之后；未评分的议题列于表末。")


def test_sixty_topics_paginate_with_header_and_whole_rows(qapp, tmp_path):
    rows, means = synthetic_pool()
    given = rows[-2:] + rows[:-2]  # unscored topics handed in first still print last
    path = tmp_path / "遴选表.pdf"
    pages = render_topic_selection_pdf(given, CRITERIA, 2025, path, reviewers=["甲", "乙", "丙"], means=means)
    assert pages == pdf_page_count(path) == 5
    assert pdf_size(path) == pytest.approx(A4_LANDSCAPE_PT, abs=0.05)
    text = raw_pages(path)
    for number, page in enumerate(text, start=1):
        assert all(word in page for word in SELECTION_HEADER), f"header missing on page {number}"
        assert f"第{number}页共{pages}页" in page
    expected = rows[:56] + rows[-2:] + rows[56:58]
    on_page = pages_of([row_text(t, means) for t in expected], text)
    assert on_page == sorted(on_page) and on_page[0] == 0 and on_page[-1] == pages - 1
    assert sum(1 for page in text if "2025年度协商议题遴选表" in page) == 1
    assert "注：" in text[-1] and text[-1].index("注：") > text[-1].index(row_text(expected[-1], means))


def test_selection_of_an_empty_pool(qapp, tmp_path):
    path = tmp_path / "空.pdf"
    assert render_topic_selection_pdf([], CRITERIA, 2026, path, reviewers=[], means={}) == 1
    (text,) = raw_pages(path)
    assert "评分人：（尚无评分）" in text and "（本年度尚无议题）" in text


def test_demo_plan(qapp, tmp_path, demo):
    *_rest, plan, committee = demo
    path = tmp_path / "计划.pdf"
    assert render_plan_pdf(plan, 2023, committee, path) == pdf_page_count(path) == 1
    assert pdf_size(path) == pytest.approx(A4_PORTRAIT_PT, abs=0.05)
    (text,) = raw_pages(path)
    assert text.startswith("江滨区政协2023年度协商计划")
    assert all(word in text for word in PLAN_HEADER) and "时间安排" in text
    in_order([item.topic_title for item in plan], [text])
    for item in plan:
        assert f"{item.position}{item.topic_title}{item.format_name}{item.planned_month}月" in text
        assert squeeze(item.lead_committee) in text and item.undertaker in text
    assert "已召开" not in text and "进展" not in text  # the plan as sent, without progress


def _plan_row(index: int) -> PlanRow:
    rng = random.Random(index)
    return PlanRow(
        id=index, version=1, year=2025, position=index, topic_id=index,
        topic_title=f"{rng.choice(SUBJECTS)}{rng.choice(TAILS)}协商（{index:02d}）", format_id=1,
        format_name=rng.choice(("双月协商会", "委员沙龙", "专题议政性常委会", "对口协商")),
        planned_month=None if index % 7 == 0 else index % 12 + 1, lead_committee_id=1,
        lead_committee=rng.choice(("经济科技委员会", "文化文史和学习委员会", "城建和生态环境委员会", "提案委员会")),
        undertaker=rng.choice(("区商务委员会", "区卫生健康委员会", "区文化和旅游局", "区发展和改革委员会")),
        notes="", meeting_id=None, meeting_title="", meeting_status="", meeting_starts_at=datetime(2025, 1, 1),
        recommendations=0)


def test_long_plan_paginates(qapp, tmp_path):
    plan = [_plan_row(i) for i in range(1, 41)]
    path = tmp_path / "计划.pdf"
    pages = render_plan_pdf(plan, 2025, "滨江区政协", path)
    assert pages == pdf_page_count(path) and pages >= 3
    text = raw_pages(path)
    assert text[0].startswith("滨江区政协2025年度协商计划")
    for number, page in enumerate(text, start=1):
        assert all(word in page for word in PLAN_HEADER), f"header missing on page {number}"
    rows = [f"{item.position}{item.topic_title}{item.format_name}"
            f"{f'{item.planned_month}月' if item.planned_month else '待定'}" for item in plan]
    on_page = pages_of(rows, text)
    assert on_page == sorted(on_page) and on_page[-1] == pages - 1


def test_page_layouts_and_devices(qapp, tmp_path):
    landscape, portrait = topic_selection_layout(), plan_layout()
    assert landscape.orientation() == QPageLayout.Orientation.Landscape
    assert portrait.orientation() == QPageLayout.Orientation.Portrait
    assert landscape.pageSize().id() == portrait.pageSize().id() == QPageSize.PageSizeId.A4
    assert topic_selection_layout([], CRITERIA, 2025, reviewers=[]).orientation() == landscape.orientation()
    assert plan_layout([], 2025, "××区政协").orientation() == portrait.orientation()
    rows, means = synthetic_pool(20, 0)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    assert render_topic_selection(rows, CRITERIA, 2025, writer, reviewers=["甲"], means=means) == 2
    assert writer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert render_plan([_plan_row(1)], 2025, "××区政协", writer) == 1
    assert writer.pageLayout().orientation() == QPageLayout.Orientation.Portrait


def test_file_errors_in_chinese(qapp, tmp_path):
    target = tmp_path / "没有的文件夹" / "计划.pdf"
    with pytest.raises(DomainError, match="不存在"):
        render_plan_pdf([], 2025, "××区政协", target)
    (tmp_path / "遴选表.pdf").mkdir()
    with pytest.raises(DomainError, match="同名文件夹"):
        render_topic_selection_pdf([], CRITERIA, 2025, tmp_path / "遴选表.pdf", reviewers=[], means={})


def test_balanced_line_breaks(qapp):
    assert balanced("区商务委员会", Face.FANGSONG, 12, 20.0) == "区商务\n委员会"
    assert balanced("双月协商会", Face.FANGSONG, 12, 22.0) == "双月协商会"  # fits: unchanged
    assert balanced("经济科技委员会", Face.FANGSONG, 12, 22.0) == "经济科技\n委员会"
    for text in ("加强“一老一小”服务供给", "区政协网站“协商议题征集”栏目群众留言", "共青团和青联界别、工会界别"):
        lines = balanced(text, Face.SONG, 10.5, 24.0).split("\n")
        assert "".join(lines) == text and len(lines) > 1
        assert not any(line[0] in "”、）" or line[-1] in "“（" for line in lines)
        if "“" not in text:  # a quoted phrase kept whole may make one line longer
            assert max(map(len, lines)) - min(map(len, lines)) <= 3


def test_quoted_phrases_stay_whole_when_they_fit(qapp):
    assert balanced("加强“一老一小”服务供给", Face.SONG, 10.5, 24.0) == "加强\n“一老一小”\n服务供给"
    assert balanced("加强“一老一小”服务供给", Face.FANGSONG, 12, 47.0) == "加强“一老一小”\n服务供给"
    assert balanced("关于“请你来协商”平台建设和“有事好商量”协商议事室规范运行", Face.FANGSONG, 12, 47.0) == \
        "关于“请你来协商”平台\n建设和“有事好商量”\n协商议事室规范运行"  # between phrases, not in 协商
    assert balanced("推动《中华人民共和国民法典》进社区", Face.FANGSONG, 12, 47.0).count("\n") == 1  # too long to keep
    plan = [replace(_plan_row(1), topic_title="加强“一老一小”服务供给", undertaker="区政务服务和数据管理局"),
            replace(_plan_row(2), topic_title="", meeting_title="“完善社区卫生服务体系”专题双月协商会",
                    undertaker="区委统战部")]
    _table, cells = balanced_table(list(PLAN_COLUMNS), plan_rows(plan), PLAN_STYLE)
    titles, units = [r.cells[1] for r in cells], [r.cells[5] for r in cells]
    assert titles == ["加强“一老一小”服务供给", "“完善社区卫生服务体系”\n专题双月协商会"]  # 12 characters a line
    assert units == ["区政务服务和\n数据管理局", "区委统战部"]  # 承办单位 wide enough for six characters
