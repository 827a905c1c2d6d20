"""座次表 of a meeting without a seat plan: the main table drawn as seen from the audience, then the other
people listed by role (with a plan: seat_plan_sheet.py).

Seats are boxes (number above, name below) in seat_positions order; more than 12 seats go in
several rows, the front row (seats 1…) next to the table. Names that do not fit across a narrow
box are written top to bottom, as on hand-drawn charts.
"""

from math import ceil

from PySide6.QtCore import QRectF, Qt

from models.seat_layouts import seat_positions
from models.services.meeting_queries import InviteeRow

from . import common, seat_plan_sheet
from .fonts import Face, font
from .layout import A4, Document, Flow, Op, PageGeometry, TextBlock, line_op, rect_op
from .seats import centre_rule, main_table
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM

MAX_PER_ROW = 12
SEAT_GAP = 2.0  # mm between boxes
MAX_SEAT_W = 24.0
NUMBER_STRIP = 6.0  # mm: the seat number above the name
MIN_SEAT_H = 22.0
NAME_POINTS = 12.0
TABLE_H = 10.0
LIST_COLUMNS = 6
LIST_STYLE = TableStyle(min_row=8.5, heading_row=8.5, show_header=False)
CENTER_ALIGN = Qt.AlignmentFlag.AlignHCenter


def seat_rows(count: int) -> list[list[int]]:
    """Seat numbers per row, front row first, each row no longer than MAX_PER_ROW."""
    if count <= 0:
        return []
    n_rows = ceil(count / MAX_PER_ROW)
    size = ceil(count / n_rows)
    return [list(range(start + 1, min(start + size, count) + 1)) for start in range(0, count, size)]


def _name_text(name: str, inner_width: float) -> str:
    text = common.spread_name(name)
    block = TextBlock(text, font(Face.HEI, NAME_POINTS), 10_000 * MM)
    if block.natural_width() <= inner_width:
        return text
    return "\n".join(ch for ch in name.strip() if not ch.isspace())  # top to bottom


def _seat_box(number: int, x: float, y: float, width: float, height: float, name: TextBlock | None) -> Op:
    number_block = TextBlock(str(number), font(Face.HEI, 10.5), width, align=CENTER_ALIGN)

    def draw(painter) -> None:
        rect_op(QRectF(x, y, width, height), 0.3 * MM)(painter)
        strip = NUMBER_STRIP * MM
        line_op(x, y + strip, x + width, y + strip, 0.2 * MM)(painter)
        number_block.draw(painter, x, y + (strip - number_block.height) / 2)
        if name is not None:
            body = height - strip
            name.draw(painter, x + 1.0 * MM, y + strip + (body - name.height) / 2)
    return draw


def _draw_main_table(flow: Flow, seats: list[InviteeRow | None], one_left: bool) -> None:
    rows = seat_rows(len(seats))
    if not rows:
        common.info(flow, "（未安排主桌座位）", align=CENTER_ALIGN)
        return
    widest = max(len(r) for r in rows)
    content = flow.geometry.content_width
    width = min(MAX_SEAT_W * MM, (content - SEAT_GAP * MM * (widest - 1)) / widest)
    inner = width - 2.0 * MM
    # Rows behind the front row are drawn above it; the table is below the front row.
    for row in reversed(rows):
        names = {n: TextBlock(_name_text(seats[n - 1].name, inner), font(Face.HEI, NAME_POINTS), inner,
                              align=CENTER_ALIGN)
                 for n in row if seats[n - 1] is not None}
        height = max([MIN_SEAT_H * MM] + [b.height + (NUMBER_STRIP + 4.0) * MM for b in names.values()])
        flow.ensure(height)
        order = [row[0] - 1 + p for p in seat_positions(len(row), one_left)]
        total = len(row) * width + (len(row) - 1) * SEAT_GAP * MM
        x = flow.geometry.x0 + (content - total) / 2
        for number in order:
            flow.add(_seat_box(number, x, flow.y, width, height, names.get(number)))
            x += width + SEAT_GAP * MM
        flow.y += height + 2.0 * MM
    span = min(content, widest * width + (widest + 1) * SEAT_GAP * MM + 10 * MM)
    flow.ensure(TABLE_H * MM)
    rect = QRectF(flow.geometry.x0 + (content - span) / 2, flow.y, span, TABLE_H * MM)
    label = TextBlock("主　席　台", font(Face.HEI, 14), span, align=CENTER_ALIGN)
    flow.add(rect_op(rect, 0.3 * MM, "#e6e6e6"))
    flow.add(label.op(rect.x(), rect.y() + (rect.height() - label.height) / 2))
    flow.y += TABLE_H * MM + 3.0 * MM


def viewpoint_note(count: int, one_left: bool) -> str:
    return f"（面向主席台，按观众席视角绘制：{centre_rule(count, one_left)}）"


def list_rows(below: list[tuple[str, list[InviteeRow]]]) -> list[Row]:
    rows = []
    for role, people in below:
        rows.append(Row(heading=f"{role}（{len(people)}人）", group=role))
        names = [common.spread_name(p.name) for p in people]
        for start in range(0, len(names), LIST_COLUMNS):
            rows.append(Row(cells=names[start:start + LIST_COLUMNS], group=role))
    return rows


def geometry(data: SheetInput) -> PageGeometry:
    return seat_plan_sheet.page_geometry(data.room) if data.room is not None else A4


def layout(data: SheetInput) -> Document:
    """From the seat plan when the meeting has one (seat_plan_sheet.py), else the main table as below."""
    if data.room is not None:
        return seat_plan_sheet.layout(data, data.room)
    flow = Flow(A4)
    common.title(flow, sheet_title(SheetKind.SEATING, data.meeting))
    common.info(flow, common.time_place(data.meeting), after=8.0)
    seating = main_table(data.invitees, data.options.main_seats)
    _draw_main_table(flow, seating.seats, data.options.seat_even_one_left)
    if seating.seats:
        common.info(flow, "观　众　席", points=12, align=CENTER_ALIGN, after=1.0)
        front = len(seat_rows(len(seating.seats))[0])  # the row with seat 1
        common.info(flow, viewpoint_note(front, data.options.seat_even_one_left), points=10.5,
                    align=CENTER_ALIGN, after=8.0)
    if seating.below:
        flow.ensure(3 * LIST_STYLE.heading_row * MM)
        common.info(flow, "其他参会人员", points=12, after=2.0)
        width = flow.geometry.content_width / MM / LIST_COLUMNS
        columns = [Column("", width, CENTER, shrink_to=10.5) for _ in range(LIST_COLUMNS)]
        Table(columns, LIST_STYLE).place(flow, list_rows(seating.below))
    return flow.document
