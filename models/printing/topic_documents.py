"""议题与计划 printed: the 议题遴选表 (the ranked pool with each criterion's mean score, for the 主席会议)
and the 年度协商计划 as it is printed and sent (official-document style, without progress).

Typical use::

    rows = list_topics(session, 2024)
    means = selection_means(session, rows)
    pages = render_topic_selection_pdf(rows, criteria(session), 2024, path, reviewers=reviewers(session, 2024),
                                       means=means)
    pages = render_plan_pdf(list_plan(session, 2024), 2024, committee_name(session), path)

TopicRow carries the weighted score but not the per-criterion means, hence `means`
(topic id → criterion id → mean score), which selection_means() computes.
"""

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtGui import QPagedPaintDevice, QPageLayout
from sqlmodel import Session

from models.services.plans import PlanRow
from models.services.topic_scores import Criterion, TopicRow, score_summaries

from . import common
from .document_output import A4_LANDSCAPE, qt_page_layout, render_document, save_document_pdf
from .fonts import Face, font
from .layout import Document, Flow, TextBlock
from .line_breaks import balanced
from .notice import GEOMETRY as OFFICIAL
from .notice import TITLE_POINTS, title_text
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM

NONE = "—"
BODY_POINTS = 10.5  # 五号: a dense landscape table
SELECTION_STYLE = TableStyle(min_row=8.0, header_row=10.0, header_points=10.5, pad_y=1.2)
# Everything but the title and the criteria; the title column takes what is left.
SELECTION_FIXED = (
    Column("排名", 11, CENTER, points=BODY_POINTS),
    Column("来源", 19, CENTER, points=BODY_POINTS),
    Column("提出者", 34, points=BODY_POINTS),
    Column("加权得分", 19, CENTER, points=BODY_POINTS),
    Column("评分人数", 13, CENTER, points=BODY_POINTS),
    Column("分差", 13, CENTER, points=BODY_POINTS),
    Column("状态", 22, CENTER, points=BODY_POINTS),
)
CRITERION_MM = (14.5, 17.0)  # narrowest (3 characters a line) and widest criterion column
TITLE_MIN_MM = 60.0
SELECTION_NOTE = ("注：各评分标准列为评分人评分的平均值；加权得分为各评分人按权重计算的得分（满分10分）的平均值，"
                  "分差为各评分人加权得分的最高分与最低分之差。未经全部评分人评分的议题（评分人数记为“已评人数/评分人数”）"
                  "不参与排名，列于已排名议题之后；未评分的议题列于表末。")

PLAN_POINTS = 12.0  # 小四
PLAN_COLUMNS = (  # 156 mm: the GB/T 9704 body width. The topic holds 12 characters a line, enough for a
    # quoted "“推进公共文化高质量发展”" whole; 承办单位 six ("区政务服务和/数据管理局"); 时间安排 only "11月"
    Column("序号", 11, CENTER, Face.FANGSONG, PLAN_POINTS),
    Column("协商议题", 54, face=Face.FANGSONG, points=PLAN_POINTS),
    Column("协商形式", 24, CENTER, Face.FANGSONG, PLAN_POINTS),
    Column("时间安排", 14, CENTER, Face.FANGSONG, PLAN_POINTS),
    Column("牵头专委会", 24, CENTER, Face.FANGSONG, PLAN_POINTS),
    Column("承办单位", 29, CENTER, Face.FANGSONG, PLAN_POINTS),
)
PLAN_STYLE = TableStyle(min_row=12.0, header_row=11.0, header_points=PLAN_POINTS, pad_x=1.0, pad_y=2.0)


def balanced_table(columns: list[Column], rows: list[Row], style: TableStyle) -> tuple[Table, list[Row]]:
    """The table and its rows with header and cell texts balanced for their columns."""
    def inner(column: Column) -> float:
        return column.width - 2 * style.pad_x

    heads = [replace(c, title=balanced(c.title, style.header_face, style.header_points, inner(c))) for c in columns]
    cells = [replace(r, cells=tuple(balanced(text, c.face, c.points, inner(c))
                                    for text, c in zip(r.cells, columns, strict=False))) for r in rows]
    return Table(heads, style), cells


def selection_title(year: int) -> str:
    return f"{year}年度协商议题遴选表"


def plan_title(committee: str, year: int) -> str:
    """"××区政协2024年度协商计划"."""
    return f"{committee.strip()}{year}年度协商计划"


def selection_means(session: Session, rows: list[TopicRow]) -> dict[int, dict[int, float]]:
    """Topic id → criterion id → mean score over the topic's reviewers (what the 遴选表 prints)."""
    summaries = score_summaries(session, [r.id for r in rows])
    return {topic_id: dict(summary.per_criterion) for topic_id, summary in summaries.items()}


def _weight(weight: float) -> str:
    return f"{weight:g}%"


def selection_info(criteria: list[Criterion], reviewers: list[str]) -> str:
    """"评分人：A、B、C　　评分标准及权重：重要性30%、紧迫性20%、…"."""
    who = "、".join(reviewers) or "（尚无评分）"
    marks = "、".join(f"{c.name}{_weight(c.weight)}" for c in criteria)
    return f"评分人：{who}{common.GAP}评分标准及权重：{marks}"


def selection_columns(criteria: list[Criterion], content_mm: float) -> list[Column]:
    """排名, 议题名称, 来源, 提出者, one column per criterion, 加权得分, 评分人数, 分差, 状态, filling the width."""
    fixed = sum(c.width for c in SELECTION_FIXED)
    narrow, wide = CRITERION_MM
    each = max(narrow, min(wide, (content_mm - fixed - TITLE_MIN_MM) / len(criteria))) if criteria else 0.0
    title = max(TITLE_MIN_MM, content_mm - fixed - each * len(criteria))
    rank, source, proposer, *numbers = SELECTION_FIXED
    marks = [Column(c.name, each, CENTER, points=BODY_POINTS) for c in criteria]
    return [rank, Column("议题名称", title, points=BODY_POINTS), source, proposer, *marks, *numbers]


def _number(value: float | None, digits: int) -> str:
    return NONE if value is None else f"{value:.{digits}f}"


def _reviewers(topic: TopicRow) -> str:
    """"3"; "1/3" for a topic not every reviewer has scored (it has no rank)."""
    return f"{topic.reviewers}/{topic.panel}" if topic.partly_scored else str(topic.reviewers)


def selection_rows(rows: list[TopicRow], criteria: list[Criterion],
                   means: Mapping[int, Mapping[int, float]]) -> list[Row]:
    """In the given (ranked) order, unscored topics moved to the end; "—" where there is no score."""
    ordered = [r for r in rows if r.average is not None] + [r for r in rows if r.average is None]
    result = []
    for topic in ordered:
        scored = topic.average is not None
        per = means.get(topic.id, {})
        result.append(Row(cells=(
            str(topic.rank) if scored and topic.rank else NONE, topic.title, topic.source, topic.proposer,
            *(_number(per.get(c.id) if scored else None, 1) for c in criteria),
            _number(topic.average, 2), _reviewers(topic),
            _number(topic.spread if scored and topic.reviewers > 1 else None, 2),  # one reviewer: no spread
            topic.status)))
    return result


def topic_selection_document(rows: list[TopicRow], criteria: list[Criterion], year: int, *, reviewers: list[str],
                             means: Mapping[int, Mapping[int, float]]) -> Document:
    flow = Flow(A4_LANDSCAPE)
    common.title(flow, selection_title(year))
    common.info(flow, selection_info(criteria, reviewers), points=BODY_POINTS)
    content_mm = flow.geometry.content_width / MM
    columns = selection_columns(criteria, content_mm)
    table_rows = selection_rows(rows, criteria, means) or [Row(cells=("", "（本年度尚无议题）"))]
    table, table_rows = balanced_table(columns, table_rows, SELECTION_STYLE)
    note = TextBlock(SELECTION_NOTE, font(Face.SONG, 9), flow.geometry.content_width)
    table.place(flow, table_rows, tail=note, tail_gap=2.0)
    return flow.document


def month_text(month: int | None) -> str:
    return f"{month}月" if month else "待定"


def plan_rows(rows: list[PlanRow]) -> list[Row]:
    return [Row(cells=(str(seq), item.topic_title or item.meeting_title or "待定", item.format_name,
                       month_text(item.planned_month), item.lead_committee, item.undertaker))
            for seq, item in enumerate(rows, start=1)]


def plan_document(rows: list[PlanRow], year: int, committee: str) -> Document:
    """GB/T 9704 page (as the 会议通知): title in 二号小标宋 (黑体 where missing), then the ruled table."""
    flow = Flow(OFFICIAL)
    width = flow.geometry.content_width
    text = title_text(plan_title(committee, year), width)
    flow.block(TextBlock(text, font(Face.TITLE, TITLE_POINTS), width, align=CENTER), after=8.0 * MM)
    table, table_rows = balanced_table(list(PLAN_COLUMNS), plan_rows(rows) or [Row(cells=("", "（暂无计划条目）"))],
                                       PLAN_STYLE)
    table.place(flow, table_rows)
    return flow.document


# -- onto a device / into a file ---------------------------------------------------------------------

def topic_selection_layout(*_data, **_options) -> QPageLayout:
    """A4 landscape, to set on the QPrinter before the preview. The page does not depend on the data;
    the render arguments are accepted so a caller may pass the same ones."""
    return qt_page_layout(A4_LANDSCAPE)


def plan_layout(*_data, **_options) -> QPageLayout:
    """A4 portrait (arguments accepted and ignored, as for topic_selection_layout)."""
    return qt_page_layout(OFFICIAL)


def render_topic_selection(rows: list[TopicRow], criteria: list[Criterion], year: int, device: QPagedPaintDevice, *,
                           reviewers: list[str], means: Mapping[int, Mapping[int, float]]) -> int:
    document = topic_selection_document(rows, criteria, year, reviewers=reviewers, means=means)
    return render_document(document, device)


def render_topic_selection_pdf(rows: list[TopicRow], criteria: list[Criterion], year: int, path, *,
                               reviewers: list[str], means: Mapping[int, Mapping[int, float]]) -> int:
    document = topic_selection_document(rows, criteria, year, reviewers=reviewers, means=means)
    return save_document_pdf(document, selection_title(year), path)


def render_plan(rows: list[PlanRow], year: int, committee: str, device: QPagedPaintDevice) -> int:
    return render_document(plan_document(rows, year, committee), device)


def render_plan_pdf(rows: list[PlanRow], year: int, committee: str, path) -> int:
    return save_document_pdf(plan_document(rows, year, committee), plan_title(committee, year), path)
