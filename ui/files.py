"""Choosing files: every file dialog of the program opens here. The first time in 文档 (the user's documents
folder, never the program's own), after that in the folder used last for that kind of file; the proposed
name says the year (or the day) the file belongs to. Telling the user where a file went, with one-click open."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.clock import today
from models.file_names import proposed_file_name
from models.settings import FOLDER_KINDS, LAST_FOLDER
from ui.context import AppContext
from ui.window_state import read, write

EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
ALL_FILES = "所有文件 (*)"
_KIND_OF_SUFFIX = {".xlsx": "excel", ".pdf": "pdf", ".docx": "word"}


def documents_folder() -> Path:
    """文档, or the home folder where there is none (a fresh Linux account): never the working folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def _setting(kind: str):
    if kind not in FOLDER_KINDS:
        raise ValueError(f"unknown kind of file {kind!r}: add it to FOLDER_KINDS in models/settings.py")
    return LAST_FOLDER.of(kind)


def start_folder(context: AppContext, kind: str, fallback: Path | None = None) -> Path:
    """The folder last used for `kind`, else `fallback` (where such files are kept), else 文档."""
    setting = _setting(kind)  # an undeclared kind fails here, in tests, not in a user's hands
    saved = read(context.settings, setting)
    if saved and Path(saved).is_dir():
        return Path(saved)
    if fallback is not None and fallback.is_dir():
        return fallback
    return documents_folder()


def remember_folder(context: AppContext, kind: str, chosen: Path) -> None:
    write(context.settings, _setting(kind), str(chosen.parent))


def choose_save_file(parent: QWidget, context: AppContext, kind: str, title: str, name: str, file_filter: str,
                     *, confirm_overwrite: bool = True) -> Path | None:
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(context, kind) / name), file_filter,
                                            options=options)
    if not chosen:
        return None
    remember_folder(context, kind, Path(chosen))
    return Path(chosen)


def choose_open_file(parent: QWidget, context: AppContext, kind: str, title: str, file_filter: str,
                     fallback: Path | None = None) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(context, kind, fallback)), file_filter)
    if not chosen:
        return None
    remember_folder(context, kind, Path(chosen))
    return Path(chosen)


def choose_folder(parent: QWidget, context: AppContext, kind: str, title: str,
                  fallback: Path | None = None) -> Path | None:
    """A folder to write into (立即备份 of the office database): starts where `kind` was last used."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(context, kind, fallback)))
    if not chosen:
        return None
    write(context.settings, _setting(kind), chosen)  # the folder itself is the one to start in next time
    return Path(chosen)


def choose_open_files(parent: QWidget, context: AppContext, kind: str, title: str,
                      file_filter: str = ALL_FILES) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(context, kind)), file_filter)
    if chosen:
        remember_folder(context, kind, Path(chosen[0]))
    return [Path(path) for path in chosen]


def ask_save_path(parent: QWidget, context: AppContext, title: str, base_name: str, *,
                  file_filter: str = EXCEL_FILTER, suffix: str = ".xlsx", on: date | None = None) -> Path | None:
    """A save dialog proposing "<base_name>.xlsx" when the name says its year ("2024年度协商计划"), else
    "<base_name>-<on>.xlsx" — `on` the day the file belongs to (a meeting's), today by default."""
    proposed = proposed_file_name(base_name, suffix, on=on or today())
    path = choose_save_file(parent, context, _KIND_OF_SUFFIX.get(suffix, "excel"), title, proposed, file_filter)
    if path is not None and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def ask_open_path(parent: QWidget, context: AppContext, title: str, file_filter: str = EXCEL_FILTER) -> Path | None:
    """A file to import (an Excel sheet filled in elsewhere)."""
    return choose_open_file(parent, context, "import", title, file_filter + ";;" + ALL_FILES)


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
