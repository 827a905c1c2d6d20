"""履职积分表 printed: the score of every listed member on A4 landscape, header on every page, rows never
split, the band counts under the title and the scheme in force at the end.

Typical use::

    records = member_records(member_activities(session, 2023), scheme, formats)
    pages = render_score_table_pdf(records, 2023, committee, lines, band_counts(records, scheme), path)
"""

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from models import clock
from models.services.performance import MemberRecord
from models.services.performance_scheme import points_text

from .document_output import A4_LANDSCAPE, qt_page_layout, render_document, save_document_pdf
from .fonts import Face, font
from .layout import Document, Flow, TextBlock
from .record_text import TITLE_LINES, TITLE_POINTS, clipped, clipped_cells, score_table_title, short_reason, signature
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM, PT

RIGHT = Qt.AlignmentFlag.AlignRight
SCORE_PAGE = A4_LANDSCAPE
SCORE_POINTS = 10.5
SCORE_STYLE = TableStyle(min_row=7.0, header_row=8.0, pad_x=1.2, pad_y=1.0, header_points=SCORE_POINTS)
SCORE_CELL_LINES = 3
SCHEME_TABLE_POINTS = 10.0

# -- the score table -----------------------------------------------------------------------------------------

SCORE_COLUMNS = (
    Column("序号", 12, CENTER, points=SCORE_POINTS),
    Column("姓名", 25, CENTER, points=SCORE_POINTS, shrink_to=9.0),
    Column("界别", 28, CENTER, points=SCORE_POINTS),
    Column("身份", 17, CENTER, points=SCORE_POINTS),
    Column("出席/应邀", 20, CENTER, points=SCORE_POINTS),
    Column("请假", 13, CENTER, points=SCORE_POINTS),
    Column("缺席", 13, CENTER, points=SCORE_POINTS),
    Column("调研", 13, CENTER, points=SCORE_POINTS),
    Column("建议", 13, CENTER, points=SCORE_POINTS),
    Column("采纳", 13, CENTER, points=SCORE_POINTS),
    Column("积分", 15, CENTER, face=Face.HEI, points=SCORE_POINTS),
    Column("等次", 17, CENTER, points=SCORE_POINTS),
    Column("备注", 68, points=SCORE_POINTS),
)  # 267 mm: the landscape page's content width


def remark(record: MemberRecord) -> str:
    """备注: 谈话提醒 and why, when the member joined or left during the year, a capped score."""
    parts = []
    if record.reminders:
        parts.append("谈话提醒：" + "、".join(dict.fromkeys(short_reason(r) for r in record.reminders)))
    if record.activity.service_note:
        parts.append(record.activity.service_note)
    result = record.score
    if round(result.raw - result.total, 2):
        parts.append(f"计分{points_text(result.raw)}分，按{points_text(result.total)}分计")
    return "；".join(parts)


def score_table_rows(records: Sequence[MemberRecord]) -> list[Row]:
    rows = []
    for number, record in enumerate(records, start=1):
        a, total = record.activity, record.activity.total
        cells = (str(number), a.name, a.sector, a.role, f"{total.present}/{total.invited}", str(total.leave),
                 str(total.absent), str(a.visits), str(a.recommendations), str(a.adopted), record.score.text,
                 record.score.band, remark(record))
        fitted = list(clipped_cells(SCORE_COLUMNS, SCORE_STYLE, cells, SCORE_CELL_LINES))
        fitted[1] = _name_cell(a.name)
        rows.append(Row(cells=tuple(fitted)))
    return rows


def _name_cell(name: str) -> str:
    """A name keeps its shrink-to-fit (Table does it) unless it is absurdly long: then cut to 2 lines at 9 pt."""
    column = SCORE_COLUMNS[1]
    inner = (column.width - 2 * SCORE_STYLE.pad_x) * MM
    return clipped(name, font(column.face, column.shrink_to or column.points), inner, 2)


def band_line(count: int, band_counts: Mapping[str, int]) -> str:
    """"共300人，其中优秀7人、良好8人、称职280人、不称职5人。"."""
    bands = "、".join(f"{name}{n}人" for name, n in band_counts.items())
    return f"共{count}人，其中{bands}。" if bands else f"共{count}人。"


def score_table_document(records: Sequence[MemberRecord], year: int, committee: str, scheme_lines: Sequence[str],
                         band_counts: Mapping[str, int], printed_on: date | None = None) -> Document:
    printed_on = printed_on or clock.today()
    flow = Flow(SCORE_PAGE)
    width = flow.geometry.content_width
    title_font = font(Face.TITLE, TITLE_POINTS)
    title = clipped(score_table_title(committee, year), title_font, width, TITLE_LINES)
    flow.block(TextBlock(title, title_font, width, align=CENTER), after=2.5 * MM)
    flow.block(TextBlock(band_line(len(records), band_counts), font(Face.SONG, SCORE_POINTS), width),
               after=2.0 * MM)
    rows = score_table_rows(records) or [Row(cells=("", "（名单为空）"))]
    Table(SCORE_COLUMNS, SCORE_STYLE).place(flow, rows)
    flow.skip(4.0 * MM)
    heading = TextBlock("积分办法", font(Face.HEI, SCORE_POINTS), width)
    face_font = font(Face.SONG, SCHEME_TABLE_POINTS)
    hang = 2.0 * SCHEME_TABLE_POINTS * PT  # the numbers hang two characters out; the sentences wrap under themselves
    lines = [(TextBlock(f"{number}．", face_font, hang), TextBlock(line.strip(), face_font, width - hang))
             for number, line in enumerate(scheme_lines, start=1)]
    signed = TextBlock(signature(committee, printed_on, SCORE_POINTS, width), font(Face.SONG, SCORE_POINTS), width,
                       align=RIGHT)
    together = heading.height + 1.0 * MM + sum(b.height for _n, b in lines) + 3.0 * MM + signed.height
    if together <= flow.geometry.y1 - flow.geometry.y0:
        flow.ensure(together)  # the scheme is read as a whole: never split from its heading or itself
    else:
        flow.ensure(heading.height + (lines[0][1].height if lines else 0.0))
    flow.block(heading, after=1.0 * MM)
    for number, block in lines:
        flow.ensure(block.height)
        flow.add(number.op(flow.geometry.x0, flow.y))
        flow.block(block, x=flow.geometry.x0 + hang)
    flow.skip(3.0 * MM)
    flow.block(signed)
    return flow.document


def score_table_layout(*_data, **_options) -> QPageLayout:
    """A4 landscape (arguments accepted and ignored)."""
    return qt_page_layout(SCORE_PAGE)


def render_score_table(records: Sequence[MemberRecord], year: int, committee: str, scheme_lines: Sequence[str],
                       band_counts: Mapping[str, int], device: QPagedPaintDevice,
                       printed_on: date | None = None) -> int:
    document = score_table_document(records, year, committee, scheme_lines, band_counts, printed_on)
    return render_document(document, device)


def render_score_table_pdf(records: Sequence[MemberRecord], year: int, committee: str, scheme_lines: Sequence[str],
                           band_counts: Mapping[str, int], path, printed_on: date | None = None) -> int:
    document = score_table_document(records, year, committee, scheme_lines, band_counts, printed_on)
    return save_document_pdf(document, score_table_title(committee, year), path)


__all__ = ["band_line", "remark", "render_score_table", "render_score_table_pdf", "score_table_document",
           "score_table_layout", "score_table_rows"]
