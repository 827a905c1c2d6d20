"""桌签: a 210×140 mm card folded along its middle into a tent, the name on both faces.

The upper half is the face seen from across the table, so it is drawn rotated 180°. Names are as
large as the width allows (at most 38 mm glyphs); a two-character name is spread to three.
"""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from models.errors import DomainError

from .common import spread_name
from .fonts import Face, font
from .layout import A4, Blocks, Document, Op, PageGeometry, TextBlock, line_op
from .sheet_input import SheetInput, SheetOptions
from .units import MM, PT

CARD_W, CARD_H = 210.0, 140.0
CARD = PageGeometry(width=CARD_W, height=CARD_H, top=0, bottom=0, left=0, right=0, footer_y=0)
MAX_GLYPH_MM = 38.0
SIDE_MM = 15.0  # clear space left and right of the name
A4_TOP = (297.0 - 2 * CARD_H) / 2  # two cards centred on an A4 sheet
FOLD_COLOR = "#9a9a9a"
CUT_COLOR = "#808080"


def geometry(options: SheetOptions) -> PageGeometry:
    return CARD if options.card_stock else A4


def name_font_points(text: str, metrics: QFontMetricsF | None = None) -> float:
    """The largest size (in points) at which `text` fits the card width, capped at MAX_GLYPH_MM.
    `metrics`: those of the largest size, when the caller measures many names."""
    points = MAX_GLYPH_MM * MM / PT
    width = (metrics or QFontMetricsF(font(Face.HEI, points))).horizontalAdvance(text)
    room = (CARD_W - 2 * SIDE_MM) * MM
    return points if width <= room else points * room / width


def _face(block: TextBlock, centre_y: float, rotated: bool) -> Op:
    def draw(painter: QPainter) -> None:
        painter.save()
        painter.translate(QPointF(CARD_W * MM / 2, centre_y))
        if rotated:
            painter.rotate(180)
        block.draw(painter, -CARD_W * MM / 2, -block.height / 2)
        painter.restore()
    return draw


class _Cards:
    """What the cards of one document share: fonts, the measure of the largest size, and each name laid out
    once for both faces (and for its repeats)."""

    def __init__(self):
        self.blocks = Blocks()
        self.metrics = QFontMetricsF(self.blocks.font(Face.HEI, MAX_GLYPH_MM * MM / PT))

    def name(self, text: str) -> TextBlock:
        points = name_font_points(text, self.metrics)
        return self.blocks.block(text, Face.HEI, points, CARD_W * MM, Qt.AlignmentFlag.AlignHCenter)


def card_ops(name: str, top: float, cards: _Cards | None = None) -> list[Op]:
    """One card whose top edge is `top` mm down the page."""
    block = (cards or _Cards()).name(spread_name(name) or " ")
    half = CARD_H / 2
    fold = (top + half) * MM
    return [
        _face(block, (top + half / 2) * MM, rotated=True),
        _face(block, (top + half * 1.5) * MM, rotated=False),
        line_op(0, fold, CARD_W * MM, fold, 0.2 * MM, FOLD_COLOR, Qt.PenStyle.DashLine),
    ]


def _cut_marks(tops: list[float]) -> list[Op]:
    """Short marks on the cutting lines, inside the printable area at both edges."""
    ops = []
    for y in sorted({y for top in tops for y in (top, top + CARD_H)}):
        for x1, x2 in ((5.0, 15.0), (195.0, 205.0)):
            ops.append(line_op(x1 * MM, y * MM, x2 * MM, y * MM, 0.15 * MM, CUT_COLOR))
    return ops


def layout(data: SheetInput) -> Document:
    people = data.invitees
    if not people:
        raise DomainError("没有要打印桌签的人员，请先选择人员。")
    document = Document(geometry(data.options), pages=[], numbered=False)
    cards = _Cards()
    if data.options.card_stock:
        document.pages = [card_ops(p.name, 0.0, cards) for p in people]
        return document
    for start in range(0, len(people), 2):
        pair = people[start:start + 2]
        tops = [A4_TOP + i * CARD_H for i in range(len(pair))]
        page = _cut_marks(tops)
        for person, top in zip(pair, tops, strict=True):
            page += card_ops(person.name, top, cards)
        document.pages.append(page)
    return document
