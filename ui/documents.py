"""Preview, print or save as PDF any printable document of models.printing (plans, 遴选表 …).

`render(device)` paints the document on a QPrinter; `render_pdf(path)` writes the PDF (in the background).
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from models.errors import DomainError
from ui import messages
from ui.errors import report_error
from ui.files import ask_save_path, show_saved

PDF_FILTER = "PDF 文件 (*.pdf)"


def _printer(layout: QPageLayout, name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(layout)
    printer.setDocName(name)
    return printer


def _paint(parent: QWidget, render: Callable, printer: QPrinter) -> None:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        render(printer)
    except DomainError as exc:
        messages.warn(parent, exc.message, title="无法打印")
    finally:
        QGuiApplication.restoreOverrideCursor()


def preview(parent: QWidget, name: str, layout: QPageLayout, render: Callable) -> None:
    dialog = QPrintPreviewDialog(_printer(layout, name), parent)
    dialog.setWindowTitle(f"打印预览 — {name}")
    dialog.paintRequested.connect(lambda printer: _paint(parent, render, printer))
    dialog.resize(1000, 800)
    dialog.exec()


def print_now(parent: QWidget, name: str, layout: QPageLayout, render: Callable) -> None:
    printer = _printer(layout, name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印{name}")
    if dialog.exec() == QDialog.DialogCode.Accepted:
        _paint(parent, render, printer)


def save_pdf(parent: QWidget, context, name: str, render_pdf: Callable) -> None:
    path = ask_save_path(parent, context, "存为 PDF", name, file_filter=PDF_FILTER, suffix=".pdf")
    if path is None:
        return
    context.tasks.run(lambda _ctx: (render_pdf(path), path)[1], with_session=False, label=f"正在生成{name}…",
                      parent=parent, on_done=lambda saved: show_saved(parent, saved, name),
                      on_error=lambda exc: messages.warn(parent, exc.message, title="无法保存")
                      if isinstance(exc, DomainError) else report_error(exc, parent))


def output_menu(parent: QWidget, menu, context, name: str, layout: Callable[[], QPageLayout],
                render: Callable, render_pdf: Callable) -> None:
    """预览 / 打印 / 存为 PDF entries for one document on a QMenu."""
    menu.addAction(f"预览{name}…", lambda: preview(parent, name, layout(), render))
    menu.addAction(f"打印{name}…", lambda: print_now(parent, name, layout(), render))
    menu.addAction(f"{name}存为 PDF…", lambda: save_pdf(parent, context, name, render_pdf))
