"""参会证: eight cards per A4 (2 × 4, 92 × 64 mm, cut along the marks), each with the name, the meeting, its
time and place, the seat if one is stored, and the QR code of the invitation's 入场码 for the door's scanner.

The QR (segno) carries only the opaque code of models/services/entry_codes.py, drawn as one vector path so
it stays sharp at any printer resolution.
"""

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from models.errors import DomainError
from models.services.entry_codes import code_for
from models.services.meeting_queries import InviteeRow, MeetingRow, chinese_date

from .common import spread_name
from .fonts import Face
from .layout import A4, Blocks, Document, Op, line_op, rect_op
from .sheet_input import SheetInput, meeting_name
from .units import MM

CARD_W, CARD_H = 92.0, 64.0
COLUMNS, ROWS = 2, 4
LEFT = (A4.width - COLUMNS * CARD_W) / 2  # 13 mm: room for the cut marks inside the printable area
TOP = (A4.height - ROWS * CARD_H) / 2  # 20.5 mm
PAD = 4.0
QR_MM = 27.0  # with its quiet zone; ~0.8 mm a module for a 20-character code
NAME_POINTS = 24.0
MARK_COLOR, EDGE_COLOR = "#606060", "#c8c8c8"
PER_PAGE = COLUMNS * ROWS


def qr_op(code: str, x: float, y: float, size: float) -> Op:
    """The code's QR symbol (with the 4-module quiet zone) in a size×size square at (x, y), in units."""
    symbol = segno.make_qr(code, error="m")
    matrix = symbol.matrix
    modules = len(matrix) + 8
    step = size / modules
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for row, cells in enumerate(matrix):
        start = None
        for column, dark in enumerate([*cells, 0]):  # runs of dark modules: one rectangle each
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.addRect(QRectF(x + (start + 4) * step, y + (row + 4) * step, (column - start) * step, step))
                start = None

    def draw(painter: QPainter) -> None:
        painter.fillRect(QRectF(x, y, size, size), QColor("#ffffff"))
        painter.fillPath(path.simplified(), QColor("#000000"))
    return draw


def _card(blocks: Blocks, meeting: MeetingRow, person: InviteeRow, code: str, x: float, y: float) -> list[Op]:
    """One card with its top left corner at (x, y) mm."""
    inner = (CARD_W - 2 * PAD) * MM
    left = (CARD_W - 2 * PAD - QR_MM - 2) * MM  # the text column beside the QR
    ox, oy = (x + PAD) * MM, (y + PAD) * MM
    ops = [rect_op(QRectF(x * MM, y * MM, CARD_W * MM, CARD_H * MM), 0.1 * MM, color=EDGE_COLOR)]
    heading = blocks.block("参 会 证", Face.HEI, 18, inner, Qt.AlignmentFlag.AlignHCenter)
    ops.append(heading.op(ox, oy))
    top = oy + heading.height
    title = blocks.block(meeting_name(meeting), Face.SONG, 10, inner, Qt.AlignmentFlag.AlignHCenter)
    ops.append(title.op(ox, top, count=2))  # a very long title: its first two lines
    top += min(title.line_count, 2) * title.pitch + 1.5 * MM
    name = spread_name(person.name) or " "
    points = NAME_POINTS
    while points > 12 and blocks.block(name, Face.HEI, points, left).line_count > 1:
        points -= 2
    name_block = blocks.block(name, Face.HEI, points, left)
    ops.append(name_block.op(ox, top, count=1))
    text_top = top + name_block.pitch + 1 * MM
    lines = []
    if meeting.starts_at:
        lines.append("时间：" + chinese_date(meeting.starts_at))
    if meeting.venue.strip():
        lines.append("地点：" + meeting.venue.strip())
    if person.seat_no.strip():
        lines.append(f"座位：{person.seat_no.strip()} 号")
    bottom = (y + CARD_H - PAD) * MM
    for line in lines:
        block = blocks.block(line, Face.SONG, 9, left)
        room = int((bottom - text_top) // block.pitch)
        if room <= 0:
            break
        ops.append(block.op(ox, text_top, count=room))
        text_top += min(block.line_count, room) * block.pitch
    qr_x, qr_y = (x + CARD_W - PAD - QR_MM + 1.5) * MM, bottom - QR_MM * MM + 1.5 * MM  # quiet zone into the pad
    ops.append(qr_op(code, qr_x, qr_y, QR_MM * MM))
    return ops


def _cut_marks() -> list[Op]:
    """Marks in the margins on every cutting line: the cards touch, so one cut serves two."""
    ops = []
    right, bottom = LEFT + COLUMNS * CARD_W, TOP + ROWS * CARD_H
    for column in range(COLUMNS + 1):
        cx = (LEFT + column * CARD_W) * MM
        ops.append(line_op(cx, (TOP - 8) * MM, cx, (TOP - 2) * MM, 0.15 * MM, MARK_COLOR))
        ops.append(line_op(cx, (bottom + 2) * MM, cx, (bottom + 8) * MM, 0.15 * MM, MARK_COLOR))
    for row in range(ROWS + 1):
        cy = (TOP + row * CARD_H) * MM
        ops.append(line_op((LEFT - 7) * MM, cy, (LEFT - 2) * MM, cy, 0.15 * MM, MARK_COLOR))
        ops.append(line_op((right + 2) * MM, cy, (right + 7) * MM, cy, 0.15 * MM, MARK_COLOR))
    return ops


def layout(data: SheetInput) -> Document:
    people = data.invitees
    if not people:
        raise DomainError("没有要打印参会证的人员，请先选择人员。")
    secret = data.options.entry_secret
    if not secret:
        raise DomainError("无法生成入场码，参会证未打印。请关闭打印窗口后重试。")
    document = Document(A4, pages=[], numbered=False)
    blocks = Blocks()
    for start in range(0, len(people), PER_PAGE):
        page = _cut_marks()
        for index, person in enumerate(people[start:start + PER_PAGE]):
            row, column = divmod(index, COLUMNS)
            code = code_for(secret, data.meeting.id, person.attendance_id)
            page += _card(blocks, data.meeting, person, code, LEFT + column * CARD_W, TOP + row * CARD_H)
        document.pages.append(page)
    return document


__all__ = ["CARD_H", "CARD_W", "PER_PAGE", "layout", "qr_op"]
