"""Preview, print or save as PDF any printable document (meeting sheets, plans, 遴选表, 一人一档 …).

A document is described by a `Printable`: what it needs from the database (`load`, run as a query first),
its page layout, `render(data, device)` which lays the pages out *and* paints them on the calling thread,
and `render_pdf(data, path)` which writes the PDF file whole or not at all.

Two rules keep printing safe:
- a layout is painted on the thread that made it (text layouts hold that thread's font engines, which go
  when the thread ends: painting one elsewhere crashed inside QPainter.end()); PDFs are made entirely on
  the file worker, previews and printers entirely on the GUI thread;
- "print to file" (QPrinter's PDF output) goes through render_pdf instead of the printer, so a failed print
  never leaves a half-written file that looks like a document, and the printer a preview paints on is
  kept for as long as the preview is open.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from models.errors import DomainError
from ui import messages
from ui.dialogs import run_sized
from ui.files import ask_save_path, show_saved
from ui.operations import run_background, run_query

PDF_FILTER = "PDF 文件 (*.pdf)"
PREVIEW_SIZE = (1000, 800)


@dataclass(frozen=True)
class Printable:
    name: str  # "议题遴选表": the window titles and the proposed file name
    layout: Callable[[Any], QPageLayout]
    render: Callable[[Any, Any], int]  # (data, device) → pages
    render_pdf: Callable[[Any, Any], int]  # (data, path) → pages
    load: Callable[[Any], Any] | None = None  # (session) → data; None: no database needed
    data: Any = None  # what render gets when there is nothing to load
    check: Callable[[Any], str | None] | None = None  # a reason not to print (shown as a warning), or None
    # The proposed PDF name when `name` does not say the year ("2024年度协商计划"); a callable is asked when
    # the file is saved (a menu made before the page's year is known).
    file_name: str | Callable[[], str] | None = None


def _printer(layout: QPageLayout, name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(layout)
    printer.setDocName(name)
    return printer


def _printing_to_file(printer: QPrinter) -> bool:
    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(printer.outputFileName())


def _paint(parent: QWidget, context, document: Printable, data, printer: QPrinter) -> None:
    """Onto the printer, on this (the GUI) thread; a PDF file goes through render_pdf in the background."""
    if _printing_to_file(printer):
        save_to(parent, context, document, data, printer.outputFileName())
        return
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        document.render(data, printer)
    except DomainError as exc:
        messages.warn(parent, exc.message, title="无法打印")
    finally:
        QGuiApplication.restoreOverrideCursor()


def _with_data(parent: QWidget, context, document: Printable, then: Callable[[Any], None]) -> None:
    def ready(data) -> None:
        reason = document.check(data) if document.check is not None else None
        if reason:
            messages.warn(parent, reason, title="无法打印")
            return
        then(data)

    if document.load is None:
        ready(document.data)
    else:
        run_query(context, parent, document.load, on_done=ready, label=f"正在准备{document.name}…")


def show_preview(parent: QWidget, context, document: Printable, data) -> None:
    printer = _printer(document.layout(data), document.name)  # alive while the preview is open
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {document.name}")
    dialog.paintRequested.connect(lambda device: _paint(parent, context, document, data, device))
    dialog.resize(*PREVIEW_SIZE)
    try:
        run_sized(dialog, "print_preview")
    finally:
        dialog.paintRequested.disconnect()
        dialog.deleteLater()
    del printer


def print_directly(parent: QWidget, context, document: Printable, data) -> None:
    printer = _printer(document.layout(data), document.name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印{document.name}")
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            _paint(parent, context, document, data, printer)
    finally:
        dialog.deleteLater()


def save_to(parent: QWidget, context, document: Printable, data, path) -> None:
    """Lay out and write the PDF on the file worker; the file appears whole or not at all."""
    run_background(context, parent, lambda _ctx: (document.render_pdf(data, path), path)[1],
                   label=f"正在生成{document.name}…", on_done=lambda saved: show_saved(parent, saved, document.name),
                   title="无法保存")


def preview(parent: QWidget, context, document: Printable) -> None:
    _with_data(parent, context, document, lambda data: show_preview(parent, context, document, data))


def print_now(parent: QWidget, context, document: Printable) -> None:
    _with_data(parent, context, document, lambda data: print_directly(parent, context, document, data))


def save_pdf(parent: QWidget, context, document: Printable, base_name: str | None = None) -> None:
    named = document.file_name() if callable(document.file_name) else document.file_name
    path = ask_save_path(parent, context, "存为 PDF", base_name or named or document.name, file_filter=PDF_FILTER,
                         suffix=".pdf")
    if path is not None:
        _with_data(parent, context, document, lambda data: save_to(parent, context, document, data, path))


def output_menu(parent: QWidget, menu, context, document: Callable[[], Printable | None] | Printable) -> None:
    """预览 / 打印 / 存为 PDF entries for one document on a QMenu (`document` may be made when chosen)."""
    def chosen(action) -> Callable[[], None]:
        def run() -> None:
            made = document() if callable(document) else document
            if made is not None:
                action(parent, context, made)
        return run

    name = document.name if isinstance(document, Printable) else ""
    menu.addAction(f"预览{name}…", chosen(preview))
    menu.addAction(f"打印{name}…", chosen(print_now))
    menu.addAction(f"{name}存为 PDF…", chosen(save_pdf))


__all__ = ["PDF_FILTER", "Printable", "output_menu", "preview", "print_now", "save_pdf", "show_preview"]
