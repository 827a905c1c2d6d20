"""座次表 from a meeting's seat plan: the room as it stands, then who sits where, in seat order.

The drawing is the plan's RoomLayout (models/seat_layouts.py) scaled to the page: tables (round ones as
circles), a box per seat with its number and the name large in 黑体 (too wide for the box: written top to
bottom), the marks (观众席, 入口 …) and the viewpoint note. A layout wider than tall goes on A4 landscape.
The list after it ("座位号 姓名 单位及职务", two people a row, in seat order) is what the door uses.

Who sits where is the invitees' stored seat_no, as 桌签, 参会证 and sign-in read it; a person on leave or
staff is never drawn in a seat (the plan's issues list tells the office about such a seat).
"""

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from models.seat_layouts import LayoutKind, RoomLayout, Seat, TableShape, describe
from models.seat_order import takes_a_seat
from models.services.meeting_queries import InviteeRow

from . import common
from .fonts import Face
from .layout import (
    A4,
    A4_LANDSCAPE,
    LINE_PITCH,
    Blocks,
    Document,
    Flow,
    Op,
    PageGeometry,
    TextBlock,
    line_op,
    rect_op,
)
from .seats import centre_rule, seat_number
from .sheet_input import SheetInput, SheetKind, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM, PT

MAX_UNIT = 30.0  # mm a seat takes at most: a small room is not blown up to fill the page
MAX_STRETCH = 1.6  # a seat's box is at most this much wider than tall (or taller than wide)
BOX_SHARE = 0.88  # of a seat's pitch; the rest is the gap between boxes
NAME_SIZES = (22.0, 20.0, 18.0, 16.0, 14.0, 12.0, 10.5, 9.0, 8.0, 7.0, 6.0)
REFERENCE_POINTS = 100.0  # names are measured once at this size, then scaled
NOTE_MM = 16.0  # room kept under the drawing for the viewpoint note (two lines)
TABLE_FILL, EMPTY_EDGE = "#e6e6e6", "#808080"
CENTER_ALIGN = Qt.AlignmentFlag.AlignHCenter
# Two people a row (seat 1 | seat 2, 3 | 4 …): the list of a 60-seat plan fits on one page.
LIST_PAIR = (
    Column("座位号", 15, CENTER, points=10.5),
    Column("姓名", 24, CENTER, points=12, shrink_to=9),
    Column("单位及职务", 48, points=9),
)
LIST_STYLE = TableStyle(min_row=7.5, header_row=8.0, heading_row=8.0, header_points=10.5, pad_y=0.8)


def page_geometry(room: RoomLayout) -> PageGeometry:
    """A4 in the room's orientation: landscape for a layout wider than tall."""
    return A4_LANDSCAPE if room.width > room.height else A4


def seated(room: RoomLayout, invitees: list[InviteeRow]) -> dict[int, InviteeRow]:
    """Seat number → who sits there: stored seat_no numbers of the layout, first claim wins; people on leave
    and staff are left out (their seat shows empty)."""
    result: dict[int, InviteeRow] = {}
    capacity = len(room.seats)
    for person in invitees:
        number = seat_number(person.seat_no)
        if number is not None and number <= capacity and number not in result and takes_a_seat(person):
            result[number] = person
    return result


def unseated(invitees: list[InviteeRow], placed: dict[int, InviteeRow]) -> list[InviteeRow]:
    """Those who take a seat and have none in the plan, in the given order."""
    ids = {p.attendance_id for p in placed.values()}
    return [p for p in invitees if takes_a_seat(p) and p.attendance_id not in ids]


@dataclass(frozen=True)
class Scale:
    """Seat units → page units: x0, y0 the drawing's top left corner; sx, sy per seat unit; box: a seat's box
    in seat units (a side of it)."""

    x0: float
    y0: float
    sx: float
    sy: float
    box: float = BOX_SHARE

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(self.x0 + x * self.sx, self.y0 + y * self.sy)


def box_size(seats: tuple[Seat, ...]) -> float:
    """A seat box's side in seat units: BOX_SHARE, less where seats stand closer (around a round table)
    so that no two boxes touch. Two upright boxes of side k are apart when |dx| ≥ k or |dy| ≥ k."""
    closest = 1.0
    ordered = sorted(seats, key=lambda s: s.x)
    for index, seat in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.x - seat.x >= closest:
                break
            closest = min(closest, max(other.x - seat.x, abs(other.y - seat.y)))
    return min(BOX_SHARE, closest * 0.92)


def fit(room: RoomLayout, left: float, top: float, width: float, height: float) -> Scale:
    """The largest scale at which the room fits the area (capped per seat and in stretch), centred across."""
    sx = min(width / max(room.width, 1.0), MAX_UNIT * MM)
    sy = min(height / max(room.height, 1.0), MAX_UNIT * MM)
    stretch = 1.0 if any(t.round for t in room.tables) else MAX_STRETCH  # round tables stay circles
    sx, sy = min(sx, sy * stretch), min(sy, sx * stretch)
    return Scale(left + (width - room.width * sx) / 2, top, sx, sy, box_size(room.seats))


def _largest(limit: float) -> float:
    """The largest of NAME_SIZES within the limit; below them all the limit itself (a crowded room's names
    are small, but stay inside their boxes)."""
    return next((p for p in NAME_SIZES if p <= limit), max(limit * 0.98, 1.0))


def _name_block(blocks: Blocks, name: str, width: float, height: float) -> TextBlock | None:
    """The name as large as fits the box: across (张　伟), or top to bottom where that is larger. Sizes come from
    the font's advances (one layout per name: a 400-seat room lays out 400 names, not 400 × every size)."""
    if not name.strip():
        return None
    across, chars = common.spread_name(name), [ch for ch in name.strip() if not ch.isspace()]
    metrics = QFontMetricsF(blocks.font(Face.HEI, REFERENCE_POINTS))
    per_point = 1.0 / REFERENCE_POINTS
    line = LINE_PITCH * PT  # a line's pitch per point
    across_fits = min(width / max(metrics.horizontalAdvance(across) * per_point, 1e-6), height / line)
    widest = max(metrics.horizontalAdvance(ch) for ch in chars) * per_point
    down_fits = min(width / max(widest, 1e-6), height / (line * len(chars)))
    points = _largest(max(across_fits, down_fits))
    text = across if across_fits >= down_fits or across_fits >= points else "\n".join(chars)
    block = blocks.block(text, Face.HEI, points, width, CENTER_ALIGN)
    if text == across and block.line_count > 1:  # the advances were a hair short: top to bottom instead
        block = blocks.block("\n".join(chars), Face.HEI, _largest(down_fits), width, CENTER_ALIGN)
    return block


def seat_box(seat: Seat, scale: Scale) -> QRectF:
    width, height = scale.sx * scale.box, scale.sy * scale.box
    centre = scale.point(seat.x, seat.y)
    return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)


def seat_ops(blocks: Blocks, rect: QRectF, number: int, person: InviteeRow | None) -> list[Op]:
    """One seat's box: the number in a strip at the top, the name below it (an empty seat: dashed)."""
    width, height = rect.width(), rect.height()
    number_points = max(6.0, min(10.5, height * 0.22 / PT))
    number = blocks.block(str(number), Face.HEI, number_points, width, CENTER_ALIGN)
    strip = number.height
    ops: list[Op] = []
    if person is None:
        ops.append(_dashed_rect(rect))
    else:
        ops += [rect_op(rect, 0.3 * MM), line_op(rect.left(), rect.top() + strip, rect.right(), rect.top() + strip,
                                                 0.15 * MM)]
    ops.append(number.op(rect.left(), rect.top()))
    if person is not None:
        inner_w, inner_h = width - 1.0 * MM, height - strip - 1.0 * MM
        name = _name_block(blocks, person.name, inner_w, inner_h)
        if name is not None:
            top = rect.top() + strip + max(0.0, (height - strip - name.height) / 2)
            ops.append(name.op(rect.left() + 0.5 * MM, top))
    return ops


def _dashed_rect(rect: QRectF) -> Op:
    def draw(painter: QPainter) -> None:
        pen = QPen(QColor(EMPTY_EDGE), 0.25 * MM)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
    return draw


def table_ops(blocks: Blocks, table: TableShape, scale: Scale) -> list[Op]:
    """A table (rectangle or circle) in grey with its label; the 主席台's label spaced as on the old sheet."""
    corner = scale.point(table.x, table.y)
    rect = QRectF(corner.x(), corner.y(), table.w * scale.sx, table.h * scale.sy)
    text = "　".join(table.label) if table.label == "主席台" else table.label
    points = max(8.0, min(16.0, rect.height() * 0.5 / PT, rect.width() / max(len(text), 1) / PT))
    label = blocks.block(text, Face.HEI, points, rect.width(), CENTER_ALIGN)

    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(QColor("#000000"), 0.3 * MM))
        painter.setBrush(QColor(TABLE_FILL))
        if table.round:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        label.draw(painter, rect.left(), rect.center().y() - label.height / 2)
    return [draw]


def mark_op(blocks: Blocks, text: str, x: float, y: float, scale: Scale) -> Op:
    width = max(scale.sx * 6, 40 * MM)
    block = blocks.block("　".join(text) if len(text) <= 3 else text, Face.SONG, 12, width, CENTER_ALIGN)
    at = scale.point(x, y)
    return block.op(at.x() - width / 2, at.y() - block.height / 2)


def viewpoint(room: RoomLayout) -> str:
    """How to read the drawing (as models/seat_layouts.py numbers the seats)."""
    spec = room.spec
    if spec.kind == LayoutKind.ROUND:
        return "（入口在下方；第1桌为主桌，每桌1号座位在桌子上方、面向入口，其余在其左右两侧交替排列）"
    rule = centre_rule(spec.head, spec.even_one_left)
    if spec.kind == LayoutKind.PLATFORM:
        return f"（面向主席台，按观众席视角绘制：主席台{rule}）"
    return f"（从下首方向看，上首在上方：上首{rule}；两侧座位从上首往下排，右侧在先）"


def draw_room(flow: Flow, room: RoomLayout, placed: dict[int, InviteeRow]) -> None:
    """The drawing, fitted into what is left of the page (less the note under it)."""
    blocks = Blocks()
    area_h = flow.geometry.y1 - flow.y - NOTE_MM * MM
    scale = fit(room, flow.geometry.x0, flow.y, flow.geometry.content_width, area_h)
    for table in room.tables:
        for op in table_ops(blocks, table, scale):
            flow.add(op)
    for seat in room.seats:
        box = flow.document.seats[seat.number] = seat_box(seat, scale)
        for op in seat_ops(blocks, box, seat.number, placed.get(seat.number)):
            flow.add(op)
    for text, x, y in room.marks:
        flow.add(mark_op(blocks, text, x, y, scale))
    flow.y = scale.y0 + room.height * scale.sy + 2.0 * MM
    common.info(flow, viewpoint(room), points=10.5, align=CENTER_ALIGN, after=4.0)


def list_columns(content_width: float) -> list[Column]:
    """The pair of column sets, 单位及职务 taking what the page leaves."""
    fixed = sum(c.width for c in LIST_PAIR[:-1])
    unit = max(20.0, content_width / MM / 2 - fixed)
    one = [*LIST_PAIR[:-1], Column(LIST_PAIR[-1].title, unit, points=9)]
    return one + one


def list_rows(placed: dict[int, InviteeRow]) -> list[Row]:
    cells = [(str(n), common.spread_name(p.name), p.employer_title) for n, p in sorted(placed.items())]
    return [Row(cells=cells[i] + (cells[i + 1] if i + 1 < len(cells) else ("", "", "")))
            for i in range(0, len(cells), 2)]


def layout(data: SheetInput, room: RoomLayout) -> Document:
    flow = Flow(page_geometry(room))
    common.title(flow, sheet_title(SheetKind.SEATING, data.meeting))
    common.info(flow, common.time_place(data.meeting), after=1.0)
    common.info(flow, describe(room.spec), after=4.0)
    placed = seated(room, data.invitees)
    draw_room(flow, room, placed)
    flow.ensure(60 * MM)  # the list under a small drawing, else from the next page
    common.info(flow, f"座位安排（按座位号，共 {len(placed)} 人）", points=14, after=2.0)
    Table(list_columns(flow.geometry.content_width), LIST_STYLE).place(flow, list_rows(placed))
    missing = unseated(data.invitees, placed)
    if missing:
        flow.y += 3.0 * MM
        names = "、".join(p.name for p in missing)
        common.info(flow, f"尚未安排座位（{len(missing)}人）：{names}", points=12)
    return flow.document
