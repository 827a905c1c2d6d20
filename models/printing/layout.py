"""Measured text, pages as lists of drawing steps, and a flow that fills pages top to bottom.

Every sheet is laid out completely before anything is painted, so the page count is known for
"第 X 页 共 Y 页" and for the caller. Line pitch is a fixed multiple of the font size (not the
font's own line spacing), so pages break the same way with SimSun on Windows and Noto on Linux.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextLayout, QTextOption

from models.text import fit_text

from .fonts import Face, font
from .units import MM

Op = Callable[[QPainter], None]

LINE_PITCH = 1.35  # line pitch as a multiple of the font size
# Chinese characters fill the em box from about 0.88 em above the baseline to 0.12 em below it;
# lines put the centre of that box (0.38 em above the baseline) in the middle of their pitch.
EM_CENTRE = 0.38
INK = QColor("#000000")


class TextBlock:
    """Text wrapped to a width (Chinese may break anywhere), with a fixed line pitch.

    "\\n" starts a new line; indent shortens and shifts the first line (a paragraph's 2-character indent).
    """

    def __init__(self, text: str, font: QFont, width: float, *, align=Qt.AlignmentFlag.AlignLeft,
                 pitch: float | None = None, indent: float = 0.0):
        self.font = font
        self.size = float(font.pixelSize())
        self.pitch = pitch if pitch is not None else self.size * LINE_PITCH
        self.width = width
        # fit_text: text stored before the cleaning rule may hold characters a PDF cannot show or encode.
        text = fit_text(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\u2028")
        self._layout = QTextLayout(text, font)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._layout.setTextOption(option)
        self._lines = []
        self._layout.beginLayout()
        while True:
            line = self._layout.createLine()
            if not line.isValid():
                break
            shift = indent if not self._lines else 0.0
            line.setLineWidth(max(width - shift, 1.0))
            baseline = len(self._lines) * self.pitch + self.pitch / 2 + EM_CENTRE * self.size
            line.setPosition(QPointF(shift, baseline - line.ascent()))
            self._lines.append(line)
        self._layout.endLayout()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def height(self) -> float:
        return self.line_count * self.pitch

    def natural_width(self) -> float:
        return max((line.naturalTextWidth() for line in self._lines), default=0.0)

    def draw(self, painter: QPainter, x: float, y: float, first: int = 0, count: int | None = None) -> None:
        """Draw lines first…first+count-1 with the top of line `first` at y."""
        painter.setPen(QPen(INK))
        last = self.line_count if count is None else min(self.line_count, first + count)
        origin = QPointF(x, y - first * self.pitch)
        for line in self._lines[first:last]:
            line.draw(painter, origin)

    def op(self, x: float, y: float, first: int = 0, count: int | None = None) -> Op:
        return lambda painter: self.draw(painter, x, y, first, count)


class Blocks:
    """Text blocks and fonts made once per distinct text, face, size, width and alignment.

    A 400-row sheet repeats its 界别, its empty 签名 cells and the header on every page; laying each out
    again was most of the time spent. One cache serves one document: its layouts hold the font engines of
    the thread laying it out (see Document), so a cache is never kept beyond that document.
    """

    def __init__(self):
        self._fonts: dict[tuple[Face, float], QFont] = {}
        self._blocks: dict[tuple, TextBlock] = {}

    def font(self, face: Face, points: float) -> QFont:
        key = (face, points)
        found = self._fonts.get(key)
        if found is None:
            found = self._fonts[key] = font(face, points)
        return found

    def block(self, text: str, face: Face, points: float, width: float,
              align=Qt.AlignmentFlag.AlignLeft, pitch: float | None = None) -> TextBlock:
        """A TextBlock as TextBlock(text, font(face, points), width, align=align, pitch=pitch) makes it (shared:
        read only)."""
        key = (text, face, points, width, align, pitch)
        found = self._blocks.get(key)
        if found is None:
            found = self._blocks[key] = TextBlock(text, self.font(face, points), width, align=align, pitch=pitch)
        return found


@dataclass(frozen=True)
class PageGeometry:
    """Paper size and margins in millimetres; footer_y is the centre of the page-number line."""

    width: float = 210.0
    height: float = 297.0
    top: float = 20.0
    bottom: float = 20.0
    left: float = 20.0
    right: float = 20.0
    footer_y: float = 284.0

    @property
    def content_width(self) -> float:
        return (self.width - self.left - self.right) * MM

    @property
    def x0(self) -> float:
        return self.left * MM

    @property
    def y0(self) -> float:
        return self.top * MM

    @property
    def y1(self) -> float:
        return (self.height - self.bottom) * MM


A4 = PageGeometry()
A4_LANDSCAPE = PageGeometry(width=297.0, height=210.0, top=15.0, bottom=16.0, left=15.0, right=15.0,
                            footer_y=201.0)


@dataclass
class PlacedRow:
    row: object  # the table.Row
    page: int  # 0-based
    lines: list[int]  # lines of each cell as laid out (a time on one line: 1)
    texts: list[str] = field(default_factory=list)  # each cell as set, with the line breaks the table chose


@dataclass
class PlacedTable:
    """Where a table's rows went, for the caller and for tests that check the layout itself."""

    columns: list  # the table.Column list with the widths used
    rows: list[PlacedRow] = field(default_factory=list)

    def rows_per_page(self) -> list[int]:
        """Rows a reader counts (not group headings) on each page the table uses, in order."""
        counts: dict[int, int] = {}
        for placed in self.rows:
            if not getattr(placed.row, "heading", ""):
                counts[placed.page] = counts.get(placed.page, 0) + 1
        return [counts[page] for page in sorted(counts)]


@dataclass
class Document:
    """Pages as drawing steps. Its text layouts hold the font engines of the thread that made them, which
    are freed when that thread ends: a document is painted on the thread that laid it out (see paint)."""

    geometry: PageGeometry
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    numbered: bool = True  # "第 X 页 共 Y 页" when there is more than one page
    tables: list[PlacedTable] = field(default_factory=list, compare=False)  # in the order placed
    folio: bool = False  # official documents instead: "— X —" on every page (folio.py)
    seats: dict = field(default_factory=dict, compare=False)  # 座次表: seat number → its box (QRectF), for tests
    thread: int = field(default_factory=threading.get_ident, compare=False)


class Flow:
    """A cursor going down the content area of a document's pages."""

    def __init__(self, geometry: PageGeometry = A4):
        self.document = Document(geometry)
        self.geometry = geometry
        self.y = geometry.y0

    @property
    def room(self) -> float:
        return self.geometry.y1 - self.y

    @property
    def fresh(self) -> bool:
        return self.y <= self.geometry.y0 + 0.5

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def new_page(self) -> None:
        self.document.pages.append([])
        self.y = self.geometry.y0

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` fits on this one (or this page is still empty)."""
        if height > self.room + 0.5 and not self.fresh:
            self.new_page()

    def add(self, op: Op) -> None:
        self.document.pages[-1].append(op)

    def block(self, block: TextBlock, *, x: float | None = None, after: float = 0.0) -> None:
        """Place a whole block (kept on one page)."""
        self.ensure(block.height)
        self.add(block.op(self.geometry.x0 if x is None else x, self.y))
        self.y += block.height + after

    def lines(self, block: TextBlock, *, x: float | None = None, after: float = 0.0,
              break_before: int | None = None) -> None:
        """Place a block line by line, continuing on the next page when the page is full (or, with
        break_before, from that line on: what must stay with what follows, as a signature's last lines)."""
        x = self.geometry.x0 if x is None else x
        first = 0
        while first < block.line_count:
            if first == break_before and not self.fresh:
                self.new_page()
            fit = int((self.room + 0.5) // block.pitch)
            if fit <= 0:
                self.new_page()
                continue
            count = min(fit, block.line_count - first)
            if break_before is not None and first < break_before:
                count = min(count, break_before - first)
            self.add(block.op(x, self.y, first, count))
            self.y += count * block.pitch
            first += count
        self.y += after

    def skip(self, height: float) -> None:
        self.y = min(self.y + height, self.geometry.y1)


def line_op(x1: float, y1: float, x2: float, y2: float, width: float = 0.25 * MM, color: str = "#000000",
            style=Qt.PenStyle.SolidLine) -> Op:
    def draw(painter: QPainter) -> None:
        pen = QPen(QColor(color), width)
        pen.setStyle(style)
        painter.setPen(pen)
        painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    return draw


def rect_op(rect: QRectF, width: float = 0.25 * MM, fill: str | None = None, color: str = "#000000") -> Op:
    def draw(painter: QPainter) -> None:
        if fill:
            painter.fillRect(rect, QColor(fill))
        painter.setPen(QPen(QColor(color), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
    return draw
