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
# Around a round table neighbours stand aside and above one another, not in a row: a seat's box may be wider
# than a seat unit where the neighbours beside it are also below it (4 tables × 10 seats: 1.2 × 1.0 units, names
# 8 → 11.5 pt). At most this wide and tall:
ROUND_BOX = (1.3, 1.0)
GAP = 0.92  # boxes keep 8 % of the distance between their seats apart
NAME_SIZES = (22.0, 20.0, 18.0, 16.0, 14.0, 12.0)  # below these, the size that fits, to half a point
NAME_PITCH = 1.1  # a name on two or more lines: lines closer than in running text (LINE_PITCH)
ACROSS_BONUS = 1.1  # a name goes on two lines or top to bottom only when that is this much larger
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
    box: float = BOX_SHARE  # the box's width, in seat units
    box_h: float | None = None  # its height where it differs

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(self.x0 + x * self.sx, self.y0 + y * self.sy)


def _near(seats: tuple[Seat, ...], reach: float) -> list[tuple[float, float]]:
    """(|dx|, |dy|) of every two seats less than `reach` apart across."""
    pairs = []
    ordered = sorted(seats, key=lambda s: s.x)
    for index, seat in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.x - seat.x >= reach:
                break
            pairs.append((other.x - seat.x, abs(other.y - seat.y)))
    return pairs


def box_size(seats: tuple[Seat, ...]) -> float:
    """A seat box's side in seat units: BOX_SHARE, less where seats stand closer so that no two boxes touch.
    Two upright boxes of side k are apart when |dx| ≥ k or |dy| ≥ k."""
    closest = min([1.0] + [max(dx, dy) for dx, dy in _near(seats, 1.0)])
    return min(BOX_SHARE, closest * GAP)


def round_box(seats: tuple[Seat, ...]) -> tuple[float, float]:
    """Width and height of the boxes around round tables: the shape that gives a three-character name across
    the largest size. Two upright boxes w × h are apart when |dx| ≥ w or |dy| ≥ h (each less the gap)."""
    most_w, most_h = ROUND_BOX
    pairs = _near(seats, most_w / GAP)
    best, best_size = (box_size(seats),) * 2, 0.0
    for w in sorted({most_w} | {dx * GAP for dx, _dy in pairs if dx * GAP < most_w}):
        h = min([most_h] + [dy * GAP for dx, dy in pairs if dx * GAP < w - 1e-9])
        size = min(w / 3, h * 0.76 / LINE_PITCH)  # a name's size in seat units, the number strip taken off
        if size > best_size:
            best, best_size = (w, h), size
    return best


def fit(room: RoomLayout, left: float, top: float, width: float, height: float) -> Scale:
    """The largest scale at which the room fits the area (capped per seat and in stretch), centred across."""
    sx = min(width / max(room.width, 1.0), MAX_UNIT * MM)
    sy = min(height / max(room.height, 1.0), MAX_UNIT * MM)
    round_tables = any(t.round for t in room.tables)
    stretch = 1.0 if round_tables else MAX_STRETCH  # round tables stay circles
    sx, sy = min(sx, sy * stretch), min(sy, sx * stretch)
    box_w, box_h = round_box(room.seats) if round_tables else (box_size(room.seats),) * 2
    return Scale(left + (width - room.width * sx) / 2, top, sx, sy, box_w, box_h)


def _largest(limit: float) -> float:
    """The largest of NAME_SIZES within the limit; below them the limit itself, to a quarter point (a crowded
    room's names are small, but as large as their boxes allow)."""
    return next((p for p in NAME_SIZES if p <= limit), max(int(limit * 4) / 4, 1.0))


def name_lines(name: str) -> list[list[str]]:
    """The ways a name may be set: across (张　伟); on two lines where it breaks well — a 4-character name
    two and two (欧阳/明月), a long one after its "·" (阿依古丽·/买买提); top to bottom."""
    across, chars = common.spread_name(name), [ch for ch in name.strip() if not ch.isspace()]
    ways = [[across]]
    if "·" in chars[1:-1]:
        cut = chars.index("·") + 1
        ways.append(["".join(chars[:cut]), "".join(chars[cut:])])
    elif len(chars) == 4:
        ways.append(["".join(chars[:2]), "".join(chars[2:])])
    if len(chars) > 1:
        ways.append(chars)
    return ways


def _name_block(blocks: Blocks, name: str, width: float, height: float) -> TextBlock | None:
    """The name as large as fits the box, across, on two lines or top to bottom, whichever is largest. Sizes
    come from the font's advances (one layout per name: a 400-seat room lays out 400 names, not 400 × every
    size)."""
    if not name.strip():
        return None
    metrics = QFontMetricsF(blocks.font(Face.HEI, REFERENCE_POINTS))
    per_point = 1.0 / REFERENCE_POINTS

    def fits(lines: list[str]) -> float:
        pitch = (LINE_PITCH if len(lines) == 1 else NAME_PITCH) * PT  # a line's pitch per point
        widest = max(metrics.horizontalAdvance(line) for line in lines) * per_point
        return min(width / max(widest, 1e-6), height / (pitch * len(lines)))

    ways = name_lines(name)
    # across unless another way is clearly larger: names in a room read alike, a few stacked if they must
    lines = max(ways, key=lambda way: fits(way) * (ACROSS_BONUS if way is ways[0] else 1.0))
    points = _largest(fits(lines))
    for _attempt in range(4):  # the advances a hair short of the layout: a quarter point smaller
        pitch = None if len(lines) == 1 else points * NAME_PITCH * PT
        block = blocks.block("\n".join(lines), Face.HEI, points, width, CENTER_ALIGN, pitch)
        if block.line_count == len(lines):
            return block
        points = max(points - 0.25, 1.0)
    return blocks.block("\n".join(ways[-1]), Face.HEI, _largest(fits(ways[-1])), width, CENTER_ALIGN,
                        _largest(fits(ways[-1])) * NAME_PITCH * PT)  # top to bottom, one character a line


def seat_box(seat: Seat, scale: Scale) -> QRectF:
    width, height = scale.sx * scale.box, scale.sy * (scale.box if scale.box_h is None else scale.box_h)
    centre = scale.point(seat.x, seat.y)
    return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)


def seat_ops(blocks: Blocks, rect: QRectF, number: int, person: InviteeRow | None) -> list[Op]:
    """One seat's box: the number in a strip at the top, the name below it (an empty seat: dashed)."""
    width, height = rect.width(), rect.height()
    number_points = max(5.5, min(10.5, height * 0.18 / PT))  # a strip: the name gets the rest
    number = blocks.block(str(number), Face.HEI, number_points, width, CENTER_ALIGN)
    strip = number.height
    ops: list[Op] = []
    if person is None:
        ops.append(_dashed_rect(rect))
    else:  # white: a box's corner over a round table's edge
        ops += [rect_op(rect, 0.3 * MM, "#ffffff"),
                line_op(rect.left(), rect.top() + strip, rect.right(), rect.top() + strip, 0.15 * MM)]
    ops.append(number.op(rect.left(), rect.top()))
    if person is not None:
        pad = max(0.4 * MM, width * 0.06)  # a name that fills the box still clears its sides
        inner_w, inner_h = width - 2 * pad, height - strip - 0.8 * MM
        name = _name_block(blocks, person.name, inner_w, inner_h)
        if name is not None:
            top = rect.top() + strip + max(0.0, (height - strip - name.height) / 2)
            ops.append(name.op(rect.left() + pad, top))
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
    across = rect.width() * (0.72 if table.round else 1.0)  # a circle is narrower off its middle, and seats
    points = max(8.0, min(16.0, rect.height() * 0.5 / PT, across / max(len(text), 1) / PT))  # cover its edge
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
