"""议程: time, place and host, then the agenda items in order with their times and speakers."""

from . import common
from .column_sizes import Size
from .layout import A4, Document, Flow
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM

# Times and speakers as wide as they are ("14:30-14:40" on one line); the items wrap in what is left.
COLUMNS = (
    Column("时间", 24, CENTER, points=14, size=Size.CONTENT, widest=48),
    Column("议程内容", 100, points=14, size=Size.FILL),
    Column("发言人/负责人", 46, CENTER, points=14, size=Size.CONTENT, widest=52),
)
STYLE = TableStyle(min_row=12.0, header_row=11.0, header_points=14, pad_x=2.5, pad_y=2.0)


def rows(data: SheetInput) -> list[Row]:
    return [Row(cells=(item.time_text, item.title, item.speaker)) for item in data.agenda]


def layout(data: SheetInput) -> Document:
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.AGENDA, data.meeting), after=5.0)
    lines = common.time_place(data.meeting).split(common.GAP)
    host = common.host_names(data.meeting, data.invitees)
    if host:
        lines.append("主持人：" + host)
    for line in filter(None, lines):
        common.info(flow, line, points=14, after=1.5)
    flow.skip(3.0 * MM)
    table_rows = rows(data) or [Row(cells=("", "（议程待定）", ""))]
    Table(COLUMNS, STYLE).place(flow, table_rows)
    return flow.document
