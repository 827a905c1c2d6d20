"""Output for documents that are not a meeting's sheet (议题遴选表, 年度协商计划): any laid-out Document
onto a printer, into PDF bytes or a PDF file, in portrait or landscape.

output.py does the same for SheetKind sheets; this takes the Document itself and reuses its painting
(`paint`) and PDF corrections. A4 landscape is A4 turned (not a 297×210 custom size), so a printer
feeds it from the A4 tray.
"""

import os
import uuid
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

from models.errors import DomainError

from .layout import A4, Document, PageGeometry
from .output import DEVICE_MARGIN_MM, paint
from .pdf_fixes import exact_media_box, fix_to_unicode

A4_LANDSCAPE = PageGeometry(width=297.0, height=210.0, top=15.0, bottom=16.0, left=15.0, right=15.0,
                            footer_y=201.0)


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
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("协商会务台")
    pages = render_document(document, writer)
    del writer  # flushes the PDF into the buffer
    content = bytes(QByteArray(buffer.data()).data())
    buffer.close()
    points = 72 / 25.4  # per mm; Qt rounds the page to whole points
    content = exact_media_box(content, document.geometry.width * points, document.geometry.height * points)
    return fix_to_unicode(content), pages


def save_document_pdf(document: Document, title: str, path) -> int:
    """Save as a PDF file (whole or not at all, as output.render_pdf does); returns the page count."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise DomainError(f"无法保存文件“{target}”：文件夹“{folder}”不存在。")
    if target.is_dir():
        raise DomainError(f"无法保存文件“{target}”：已有同名文件夹。")
    content, pages = document_pdf_bytes(document, title)
    temporary = folder / f".~{target.stem[:40]}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        stream = open(temporary, "xb")  # noqa: SIM115 - closed below, before the rename
    except OSError as error:
        raise DomainError(f"无法保存文件“{target}”：没有写入该文件夹的权限（{error.strerror}）。") from error
    try:
        with stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise DomainError(f"无法保存文件“{target}”：文件可能正被其他程序（如PDF阅读器）打开，"
                          f"或磁盘已满（{error.strerror}）。请关闭该文件后重试。") from error
    return pages
