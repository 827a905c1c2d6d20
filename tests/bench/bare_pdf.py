"""The limits of the printing entries: QPdfWriter painting the same cells the most direct way.

No measuring ahead, no text layouts kept: each cell is one QPainter.drawText into its rectangle (Qt lays it
out there and then), the rows paginated by their fixed heights. Same fonts, paper and units as the project's
sheets, so the PDF embeds the same glyphs.
"""

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from models.printing import common, name_cards, sign_in
from models.printing.fonts import Face, font
from models.printing.sheet_input import SheetInput, SheetKind, sheet_title
from models.printing.units import MM, PT, UNITS_PER_INCH

WRAP = Qt.TextFlag.TextWordWrap
CENTRE = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _writer(width_mm: float, height_mm: float) -> tuple[QBuffer, QPdfWriter]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    size = (QPageSize(QPageSize.PageSizeId.A4) if (width_mm, height_mm) == (210, 297) else
            QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch))
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(5, 5, 5, 5),
                                     QPageLayout.Unit.Millimeter))
    return buffer, writer


def _paper(painter: QPainter, writer: QPdfWriter) -> None:
    """Paper coordinates in 0.01 mm, as the project's sheets use."""
    dpi = writer.logicalDpiX()
    printable = writer.pageLayout().paintRectPixels(dpi)
    painter.resetTransform()
    painter.translate(QPointF(-printable.left(), -printable.top()))
    painter.scale(dpi / UNITS_PER_INCH, writer.logicalDpiY() / UNITS_PER_INCH)


def _finish(painter: QPainter, buffer: QBuffer, writer: QPdfWriter) -> bytes:
    painter.end()
    del writer
    return bytes(buffer.data().data())


def sign_in_pdf(data: SheetInput) -> bytes:
    """The 签到表's title, header row and one 12 mm row per person, page after page, numbered."""
    buffer, writer = _writer(210, 297)
    painter = QPainter(writer)
    _paper(painter, writer)
    columns = sign_in.COLUMNS
    fonts = [font(c.face, c.points) for c in columns]
    header_font, footer_font = font(Face.HEI, 12), font(Face.SONG, 10.5)
    pen = QPen(QColor("#000000"), 0.25 * MM)
    rows = sign_in.rows(sign_in.listed(data.invitees), data.options.group_by)
    left, top, bottom = 20 * MM + (170 - sum(c.width for c in columns)) * MM / 2, 20 * MM, 277 * MM
    pages: list[list] = [[]]
    y = top + 21.2 * MM  # title and time line on the first page, as the sheet spaces them
    for row in rows:
        height = (sign_in.STYLE.heading_row if row.heading else sign_in.ROW_MM) * MM
        if y + height > bottom:
            pages.append([])
            y = top
        pages[-1].append(row)
        y += height
    for number, page in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
            _paper(painter, writer)
        y = top
        if number == 1:
            painter.setFont(font(Face.HEI, common.TITLE_POINTS))
            title = sheet_title(SheetKind.SIGN_IN, data.meeting)
            painter.drawText(QRectF(20 * MM, y, 170 * MM, 10 * MM), CENTRE, title)
            painter.setFont(font(Face.SONG, common.INFO_POINTS))
            painter.drawText(QRectF(20 * MM, y + 11 * MM, 170 * MM, 6 * MM), LEFT, common.time_place(data.meeting))
            y += 21.2 * MM
        x = left
        painter.setFont(header_font)
        for column in columns:
            rect = QRectF(x, y, column.width * MM, sign_in.STYLE.header_row * MM)
            painter.setPen(pen)
            painter.drawRect(rect)
            painter.drawText(rect, CENTRE | WRAP, column.title)
            x += column.width * MM
        y += sign_in.STYLE.header_row * MM
        for row in page:
            x = left
            if row.heading:
                rect = QRectF(x, y, sum(c.width for c in columns) * MM, sign_in.STYLE.heading_row * MM)
                painter.drawRect(rect)
                painter.setFont(header_font)
                painter.drawText(rect.adjusted(1.5 * MM, 0, 0, 0), LEFT, row.heading)
                y += sign_in.STYLE.heading_row * MM
                continue
            for column, cell_font, text in zip(columns, fonts, row.cells, strict=True):
                rect = QRectF(x, y, column.width * MM, sign_in.ROW_MM * MM)
                painter.drawRect(rect)
                painter.setFont(cell_font)
                align = CENTRE if column.align == Qt.AlignmentFlag.AlignHCenter else LEFT
                painter.drawText(rect.adjusted(1.5 * MM, 0, -1.5 * MM, 0), align | WRAP, text)
                x += column.width * MM
            y += sign_in.ROW_MM * MM
        painter.setFont(footer_font)
        painter.drawText(QRectF(0, 280 * MM, 210 * MM, 8 * MM), CENTRE, f"第 {number} 页 共 {len(pages)} 页")
    return _finish(painter, buffer, writer)


def cards_pdf(data: SheetInput) -> bytes:
    """One 210×140 mm card per person: the name as large as fits, on both faces, and the fold line."""
    buffer, writer = _writer(name_cards.CARD_W, name_cards.CARD_H)
    painter = QPainter(writer)
    fold = QPen(QColor(name_cards.FOLD_COLOR), 0.2 * MM, Qt.PenStyle.DashLine)
    biggest = name_cards.MAX_GLYPH_MM * MM / PT
    room = (name_cards.CARD_W - 2 * name_cards.SIDE_MM) * MM
    width, half = name_cards.CARD_W * MM, name_cards.CARD_H * MM / 2
    for index, person in enumerate(data.invitees):
        if index:
            writer.newPage()
        _paper(painter, writer)
        text = common.spread_name(person.name) or " "
        advance = QFontMetricsF(font(Face.HEI, biggest)).horizontalAdvance(text)
        painter.setFont(font(Face.HEI, biggest if advance <= room else biggest * room / advance))
        painter.setPen(QPen(QColor("#000000")))
        for centre, turned in ((half / 2, True), (half * 1.5, False)):
            painter.save()
            painter.translate(QPointF(width / 2, centre))
            if turned:
                painter.rotate(180)
            painter.drawText(QRectF(-width / 2, -half / 2, width, half), CENTRE, text)
            painter.restore()
        painter.setPen(fold)
        painter.drawLine(QPointF(0, half), QPointF(width, half))
    return _finish(painter, buffer, writer)
