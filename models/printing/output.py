"""Painting laid-out sheets onto a printer or PDF, and saving PDFs without leaving half-written files.

Works on any thread (only QtGui painting: QPdfWriter, QPainter, QTextLayout, no widgets or pixmaps), as long
as a document is laid out and painted on the same thread.
"""

import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from models.errors import DomainError
from models.file_output import write_whole
from models.text import fit_text

from . import agenda, chase_list, entry_cards, name_cards, notice, roster, seating, sign_in
from .folio import draw_folio
from .fonts import Face, font
from .layout import Document, PageGeometry, TextBlock
from .pdf_fixes import exact_media_box, fix_to_unicode
from .sheet_input import SheetInput, SheetKind, sheet_title
from .units import MM, UNITS_PER_INCH

_LAYOUTS = {
    SheetKind.SIGN_IN: sign_in.layout,
    SheetKind.NAME_CARDS: name_cards.layout,
    SheetKind.SEATING: seating.layout,
    SheetKind.NOTICE: notice.layout,
    SheetKind.ROSTER: roster.layout,
    SheetKind.AGENDA: agenda.layout,
    SheetKind.CHASE: chase_list.layout,
    SheetKind.ENTRY_CARDS: entry_cards.layout,
}
# What the printer must leave blank; everything is drawn inside this, in paper coordinates.
DEVICE_MARGIN_MM = 5.0
FOOTER_POINTS = 10.5


def build(kind: SheetKind, data: SheetInput) -> Document:
    """The sheet laid out into pages, nothing painted yet."""
    return _LAYOUTS[SheetKind(kind)](data)


def _page_size(geometry: PageGeometry) -> QPageSize:
    if (round(geometry.width), round(geometry.height)) == (210, 297):
        return QPageSize(QPageSize.PageSizeId.A4)
    return QPageSize(QSizeF(geometry.width, geometry.height), QPageSize.Unit.Millimeter,
                     f"{geometry.width:g}×{geometry.height:g} mm", QPageSize.SizeMatchPolicy.ExactMatch)


def _layout_for(geometry: PageGeometry) -> QPageLayout:
    margin = DEVICE_MARGIN_MM
    size, orientation = _page_size(geometry), QPageLayout.Orientation.Portrait
    if (round(geometry.width), round(geometry.height)) == (297, 210):  # A4 turned, fed from the A4 tray
        size, orientation = QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape
    return QPageLayout(size, orientation, QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)


def _geometry(kind: SheetKind, data: SheetInput) -> PageGeometry:
    if kind == SheetKind.NAME_CARDS:
        return name_cards.geometry(data.options)
    if kind == SheetKind.SEATING:
        return seating.geometry(data)
    return PageGeometry()


def page_layout(kind: SheetKind, data: SheetInput) -> QPageLayout:
    """A4 portrait, except 桌签 on card stock (a custom 210×140 mm page) and a 座次表 whose room is wider
    than tall (A4 landscape)."""
    return _layout_for(_geometry(kind, data))


def _footer(painter: QPainter, geometry: PageGeometry, number: int, total: int) -> None:
    block = TextBlock(f"第 {number} 页 共 {total} 页", font(Face.SONG, FOOTER_POINTS), geometry.width * MM,
                      align=Qt.AlignmentFlag.AlignHCenter)
    block.draw(painter, 0, geometry.footer_y * MM - block.height / 2)


class WrongThreadError(RuntimeError):
    """A document was about to be painted on another thread than the one that laid it out."""


def paint(document: Document, device: QPagedPaintDevice) -> int:
    if document.thread != threading.get_ident():
        # Its text layouts use the other thread's font engines, freed when that thread ends: painting them
        # here crashed the program inside QPainter.end(). Lay the document out again on this thread.
        raise WrongThreadError("a document must be painted on the thread that laid it out")
    painter = QPainter()
    if not painter.begin(device):
        raise DomainError("无法开始打印：打印机或目标文件不可用，请检查后重试。")
    total = len(document.pages)
    try:
        for index, ops in enumerate(document.pages):
            if index and not device.newPage():
                raise DomainError("打印时无法换页，打印已中止。")
            painter.save()
            painter.resetTransform()
            # Paper coordinates: the device's origin is the corner of its printable area.
            dpi_x, dpi_y = device.logicalDpiX(), device.logicalDpiY()
            printable = device.pageLayout().paintRectPixels(dpi_x)
            painter.translate(QPointF(-printable.left(), -printable.top()))
            painter.scale(dpi_x / UNITS_PER_INCH, dpi_y / UNITS_PER_INCH)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for op in ops:
                op(painter)
            if document.folio:
                draw_folio(painter, document.geometry, index + 1)
            elif document.numbered and total > 1:
                _footer(painter, document.geometry, index + 1, total)
            painter.restore()
    finally:
        painter.end()
    return total


def render(kind: SheetKind, data: SheetInput, device: QPagedPaintDevice) -> int:
    """Set the device's page layout, paint the sheet on it, return the number of pages."""
    document = build(kind, data)
    device.setPageLayout(_layout_for(document.geometry))
    return paint(document, device)


def document_pdf(document: Document, title: str, layout: QPageLayout) -> tuple[bytes, int]:
    """Any laid-out document as PDF bytes (page size exact, text copyable) and its page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(fit_text(title))
    writer.setCreator("协商会务台")
    writer.setPageLayout(layout)
    pages = paint(document, writer)
    del writer  # flushes the PDF into the buffer
    content = bytes(QByteArray(buffer.data()).data())
    buffer.close()
    points = 72 / 25.4  # per mm; QPageSize would round to whole points
    content = exact_media_box(content, document.geometry.width * points, document.geometry.height * points)
    return fix_to_unicode(content), pages


def pdf_bytes(kind: SheetKind, data: SheetInput) -> tuple[bytes, int]:
    document = build(kind, data)
    return document_pdf(document, sheet_title(kind, data.meeting), _layout_for(document.geometry))


def render_pdf(kind: SheetKind, data: SheetInput, path) -> int:
    """Save the sheet as a PDF file; returns the page count. The file appears whole or not at all."""
    content, pages = pdf_bytes(kind, data)
    write_whole(content, path)
    return pages


__all__ = ["WrongThreadError", "build", "page_layout", "paint", "pdf_bytes", "render", "render_pdf"]
