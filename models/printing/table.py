"""Ruled tables that paginate: the header row on every page, rows never split.

Column widths come from the cells where the columns ask for it (column_sizes). Every row is measured
(its tallest wrapped cell) before any is placed. A group heading row is kept with the row after it; the
last row is kept with the tail (e.g. "应到 N 人"); a group that goes on over a page break gets its heading
again, marked "（续）"; a last page that would hold a lone row is evened out with the one before
(table_pages).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from . import table_pages
from .column_sizes import Size, sized
from .fonts import Face
from .layout import INK, Blocks, Flow, Op, PlacedRow, PlacedTable, TextBlock, rect_op
from .line_breaks import balanced
from .units import MM
from .word_breaks import between_words

CENTER = Qt.AlignmentFlag.AlignHCenter
LEFT = Qt.AlignmentFlag.AlignLeft
HEADER_FILL = "#e6e6e6"
HEADING_FILL = "#f2f2f2"
CONTINUED = "（续）"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm
    align: Qt.AlignmentFlag = LEFT
    face: Face = Face.SONG
    points: float = 12.0
    shrink_to: float | None = None  # a text too wide for one line first shrinks down to this size, then wraps
    size: Size = Size.FIXED  # CONTENT: as wide as its widest cell; FILL: takes what is left (column_sizes)
    widest: float | None = None  # mm: a CONTENT column never grows wider than this (longer text wraps)
    least: float = 0.0  # mm: nor narrower than this
    words: bool = False  # 单位及职务: a text too wide breaks between words, a step smaller first (word_breaks)


@dataclass(frozen=True)
class Row:
    cells: Sequence[str] = ()
    heading: str = ""  # non-empty: a group heading spanning the table
    group: str = ""  # the group this row belongs to (its heading is repeated on a continued page)


@dataclass
class TableStyle:
    min_row: float = 8.0  # mm
    header_row: float = 9.0
    heading_row: float = 8.0
    pad_x: float = 1.5
    pad_y: float = 1.2
    header_face: Face = Face.HEI
    header_points: float = 12.0
    heading_face: Face = Face.HEI
    heading_points: float = 12.0
    heading_align: Qt.AlignmentFlag = LEFT
    show_header: bool = True
    line_width: float = 0.25  # mm


@dataclass
class _Measured:
    row: Row
    height: float
    blocks: list[TextBlock] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # each cell as set, line breaks included


class Table:
    def __init__(self, columns: Sequence[Column], style: TableStyle | None = None):
        self.columns = list(columns)
        self.style = style or TableStyle()
        self.width = sum(c.width for c in self.columns) * MM
        # One Table lays out one document on one thread: its blocks and fitted sizes are cached per
        # distinct text and column (a sheet repeats most of its cells).
        self._blocks = Blocks()
        self._fitted: dict[tuple[str, Column], tuple[str, float]] = {}

    # -- measuring --------------------------------------------------------------------------
    def _cell(self, text: str, points: float, column: Column, face: Face | None = None, align=None) -> TextBlock:
        inner = (column.width - 2 * self.style.pad_x) * MM
        return self._blocks.block(text, face or column.face, points, inner,
                                  column.align if align is None else align)

    def _fit(self, text: str, column: Column) -> tuple[str, float]:
        if column.words:
            return self._between_words(text, column)
        return self._shrunk(text, column)

    def _between_words(self, text: str, column: Column) -> tuple[str, float]:
        if not text or self._cell(text, column.points, column).line_count <= 1:  # most fit: no second layout
            return text, column.points
        key = (text, column)
        found = self._fitted.get(key)
        if found is None:
            inner = column.width - 2 * self.style.pad_x
            found = between_words(text, column.face, column.points, inner)
            if self._cell(*found, column).line_count > found[0].count("\n") + 1:  # a line the layout wraps
                found = balanced(text, column.face, found[1], inner), found[1]
            self._fitted[key] = found
        return found

    def _shrunk(self, text: str, column: Column) -> tuple[str, float]:
        """Names keep to one line if a slightly smaller size does it (like Excel's "shrink to fit");
        a longer name such as 阿依古丽·买买提 then breaks after its "·", not inside a part; other text
        (a 界别) in even lines."""
        if not column.shrink_to or not text:
            return text, column.points
        key = (text, column)
        found = self._fitted.get(key)
        if found is None:
            found = self._fitted[key] = self._fitted_size(text, column)
        return found

    def _fitted_size(self, text: str, column: Column) -> tuple[str, float]:
        # Most names fit: the cell's own block (cached, used for the cell) says so without a second layout.
        if self._cell(text, column.points, column).line_count <= 1 and "\n" not in text:
            return text, column.points
        inner = (column.width - 2 * self.style.pad_x) * MM
        natural = self._blocks.block(text, column.face, column.points, 100_000 * MM).natural_width()
        if natural <= inner:
            return text, column.points
        points = column.points * inner / natural * 0.99
        if points >= column.shrink_to:
            return text, points
        if "·" in text:
            return text.replace("·", "·\n", 1), column.shrink_to
        return balanced(text, column.face, column.shrink_to, inner / MM), column.shrink_to  # "共青团/和青联"

    def _whole(self, text: str, column: Column) -> str:
        """A CONTENT cell wider than its column's limit breaks where it reads ("14:30-/14:40", never
        "14:30-14/:40"); the others are set as they come (most cells fit)."""
        if column.size != Size.CONTENT or not text or self._cell(text, column.points, column).line_count <= 1:
            return text
        return balanced(text, column.face, column.points, column.width - 2 * self.style.pad_x)

    def _header(self) -> _Measured:
        s = self.style
        blocks = [self._cell(c.title, s.header_points, c, s.header_face, CENTER) for c in self.columns]
        height = max([s.header_row * MM] + [b.height + 2 * s.pad_y * MM for b in blocks])
        return _Measured(Row(cells=[c.title for c in self.columns]), height, blocks)

    def _heading(self, text: str, group: str = "") -> _Measured:
        s = self.style
        block = self._blocks.block(text, s.heading_face, s.heading_points, self.width - 2 * s.pad_x * MM,
                                   s.heading_align)
        height = max(s.heading_row * MM, block.height + 2 * s.pad_y * MM)
        return _Measured(Row(heading=text, group=group), height, [block])

    def _row(self, row: Row, cap: float) -> _Measured:
        if row.heading:
            return self._heading(row.heading, row.group)
        cells = list(row.cells) + [""] * (len(self.columns) - len(row.cells))
        columns = self.columns[:len(cells)]
        fitted = [self._fit(self._whole(text, column), column) for text, column in zip(cells, columns, strict=False)]
        blocks = [self._cell(text, points, column) for (text, points), column in zip(fitted, columns, strict=True)]
        height = max([self.style.min_row * MM] + [b.height + 2 * self.style.pad_y * MM for b in blocks])
        # a row taller than a page is clipped, never split
        return _Measured(row, min(height, cap), blocks, [text for text, _points in fitted])

    # -- drawing ----------------------------------------------------------------------------
    def _draw(self, measured: _Measured, x: float, y: float, fill: str | None = None) -> Op:
        s = self.style
        line = s.line_width * MM

        def draw(painter: QPainter) -> None:
            if measured.row.heading:
                rect = QRectF(x, y, self.width, measured.height)
                rect_op(rect, line, HEADING_FILL)(painter)
                block = measured.blocks[0]
                block.draw(painter, x + s.pad_x * MM, y + (measured.height - block.height) / 2)
                return
            # The row's cells ruled first, with one pen (a pen and a rectangle per cell cost as much as the
            # text); a cell's fill and border cover nothing of another cell's text, so the page looks the same.
            rects, left = [], x
            for column in self.columns:
                rects.append(QRectF(left, y, column.width * MM, measured.height))
                left += column.width * MM
            if fill:
                colour = QColor(fill)
                for rect in rects:
                    painter.fillRect(rect, colour)
            painter.setPen(QPen(INK, line))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(rects)
            for rect, block in zip(rects, measured.blocks, strict=True):
                left = rect.left()
                top = y + (measured.height - block.height) / 2
                if block.height > measured.height:
                    painter.save()
                    painter.setClipRect(rect)
                    block.draw(painter, left + s.pad_x * MM, y + s.pad_y * MM)
                    painter.restore()
                else:
                    block.draw(painter, left + s.pad_x * MM, top)
        return draw

    # -- placing ----------------------------------------------------------------------------
    def place(self, flow: Flow, rows: Sequence[Row], *, tail: TextBlock | None = None, tail_gap: float = 4.0) -> None:
        """Lay the rows out on the flow's pages, centred; `tail` follows the last row on the same page."""
        s = self.style
        self.columns = sized(self.columns, [r.cells for r in rows if not r.heading], pad_x=s.pad_x,
                             header=(s.header_face, s.header_points), font_of=self._blocks.font)
        self.width = sum(c.width for c in self.columns) * MM
        x = flow.geometry.x0 + (flow.geometry.content_width - self.width) / 2
        header = self._header() if s.show_header else None
        header_h = header.height if header else 0.0
        tail_h = tail.height + tail_gap * MM if tail else 0.0
        page_h = flow.geometry.y1 - flow.geometry.y0
        cap = page_h - header_h - 2 * s.heading_row * MM - tail_h
        measured = [self._row(row, cap) for row in rows]
        units = self._units(measured)
        continued = [self._continued(units, i) for i in range(len(units))]
        plan = table_pages.plan(
            [table_pages.Unit(sum(m.height for m in unit), sum(not m.row.heading for m in unit),
                              cont.height if cont else 0.0) for unit, cont in zip(units, continued, strict=True)],
            table_pages.Space(flow.room, flow.fresh, page_h, header_h, tail_h))
        placed = PlacedTable(self.columns)
        for page, start in enumerate(plan.starts):
            if page or plan.new_first_page:
                flow.new_page()
            if header:
                flow.add(self._draw(header, x, flow.y, HEADER_FILL))
                flow.y += header.height
            if continued[start]:
                flow.add(self._draw(continued[start], x, flow.y))
                flow.y += continued[start].height
            end = plan.starts[page + 1] if page + 1 < len(plan.starts) else len(units)
            for unit in units[start:end]:
                for m in unit:
                    flow.add(self._draw(m, x, flow.y))
                    flow.y += m.height
                    placed.rows.append(PlacedRow(m.row, flow.page_count - 1, [b.line_count for b in m.blocks],
                                                     m.texts))
        if not measured and header:  # an empty table still shows its header
            flow.ensure(header_h + tail_h)
            flow.add(self._draw(header, x, flow.y, HEADER_FILL))
            flow.y += header_h
        if tail:
            flow.y += tail_gap * MM
            flow.add(tail.op(x, flow.y))
            flow.y += tail.height
        flow.document.tables.append(placed)

    def _continued(self, units: list[list[_Measured]], index: int) -> _Measured | None:
        """The "（续）" heading a unit needs when it starts a page: it goes on with the group before it."""
        first = units[index][0].row
        if index and first.group and not first.heading and units[index - 1][-1].row.group == first.group:
            return self._heading(first.group + CONTINUED)
        return None

    @staticmethod
    def _units(measured: list[_Measured]) -> list[list[_Measured]]:
        """Rows that must share a page: a heading with the row after it (the tail joins the last unit)."""
        units: list[list[_Measured]] = []
        for m in measured:
            if units and units[-1][-1].row.heading:
                units[-1].append(m)
            else:
                units.append([m])
        return units
