"""Choosing where to save a file, and telling the user where it went (with one-click open)."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.clock import today
from models.settings import LAST_FOLDER
from ui.context import AppContext
from ui.window_state import read, write

EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"


def _start_folder(context: AppContext) -> Path:
    saved = read(context.settings, LAST_FOLDER)
    if saved and Path(saved).is_dir():
        return Path(saved)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def ask_save_path(parent: QWidget, context: AppContext, title: str, base_name: str, *,
                  file_filter: str = EXCEL_FILTER, suffix: str = ".xlsx") -> Path | None:
    """A save dialog proposing "<base_name>-2024-05-18.xlsx" in the folder used last time."""
    proposed = _start_folder(context) / f"{base_name}-{today():%Y-%m-%d}{suffix}"
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(proposed), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    write(context.settings, LAST_FOLDER, str(path.parent))
    return path


def ask_open_path(parent: QWidget, context: AppContext, title: str, file_filter: str = EXCEL_FILTER) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(_start_folder(context)),
                                            file_filter + ";;所有文件 (*)")
    if not chosen:
        return None
    write(context.settings, LAST_FOLDER, str(Path(chosen).parent))
    return Path(chosen)


def open_path(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_saved(parent: QWidget, path: Path, what: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "已保存", f"{what}已保存到：\n{path}", parent=parent)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        open_path(path)
    elif box.clickedButton() is open_folder:
        open_path(path.parent)
