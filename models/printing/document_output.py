"""Output for documents that are not a meeting's sheet (议题遴选表, 年度协商计划): any laid-out Document
onto a printer, into PDF bytes or a PDF file, in portrait or landscape.

output.py does the same for SheetKind sheets; this takes the Document itself and reuses its painting
(`paint`) and PDF corrections. A4 landscape is A4 turned (not a 297×210 custom size), so a printer
feeds it from the A4 tray.
"""

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize

from models.file_output import write_whole

from .layout import A4, A4_LANDSCAPE, Document, PageGeometry
from .output import DEVICE_MARGIN_MM, document_pdf, paint


def qt_page_layout(geometry: PageGeometry = A4) -> QPageLayout:
    """A4 in the geometry's orientation (other sizes: custom), with the device margin the engine uses."""
    landscape = geometry.width > geometry.height
    short, long = sorted((geometry.width, geometry.height))
    if (round(short), round(long)) == (210, 297):
        size = QPageSize(QPageSize.PageSizeId.A4)
    else:
        size = QPageSize(QSizeF(short, long), QPageSize.Unit.Millimeter, f"{short:g}×{long:g} mm",
                         QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    margin = DEVICE_MARGIN_MM
    return QPageLayout(size, orientation, QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)


def render_document(document: Document, device: QPagedPaintDevice) -> int:
    """Set the device's page layout (orientation included), paint, return the number of pages."""
    device.setPageLayout(qt_page_layout(document.geometry))
    return paint(document, device)


def document_pdf_bytes(document: Document, title: str) -> tuple[bytes, int]:
    return document_pdf(document, title, qt_page_layout(document.geometry))


def save_document_pdf(document: Document, title: str, path) -> int:
    """Save as a PDF file (whole or not at all, as output.render_pdf does); returns the page count."""
    content, pages = document_pdf_bytes(document, title)
    write_whole(content, path)
    return pages


__all__ = ["A4_LANDSCAPE", "document_pdf_bytes", "qt_page_layout", "render_document", "save_document_pdf"]
