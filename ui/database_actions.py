"""文件 menu: 新建数据库, 打开数据库, 立即备份, 从备份恢复 — every step guarded, nothing overwritten."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from models.backup import backup_now, check_backup_file, restore_backup
from models.errors import DomainError
from models.migrate import OpenResult, open_database
from models.paths import sqlite_url
from ui import messages
from ui.context import AppContext
from ui.dialogs.about import open_folder
from ui.errors import report_error

FILE_FILTER = "协商会务台数据库 (*.sqlite *.db);;所有文件 (*)"


class DatabaseActions:
    def __init__(self, window: QWidget, context: AppContext):
        self.window, self.context = window, context

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _busy(self) -> bool:
        if not self.context.tasks.idle:
            messages.warn(self.window, "还有操作正在进行，请等它完成后再试。")
            return True
        return False

    def _switch(self, result: OpenResult, what: str) -> None:
        self.context.set_database(result.database)
        note = f"已{what}数据库：\n{result.database.display_name}"
        if result.backup_path is not None:
            note += f"\n\n该数据库来自旧版本，已自动升级；升级前的备份保存在：\n{result.backup_path}"
        messages.inform(self.window, note)

    def _open(self, path: Path, what: str) -> None:
        if self.context.database.path is not None and path.resolve() == self.context.database.path.resolve():
            messages.inform(self.window, "这个数据库已经打开。")
            return
        self.context.tasks.run(lambda _ctx: open_database(sqlite_url(path)), with_session=False,
                               label=f"正在{what}数据库…", parent=self.window,
                               on_done=lambda result: self._switch(result, what),
                               on_error=lambda exc: report_error(exc, self.window))

    def new_database(self) -> None:
        if self._busy():
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "新建数据库", str(Path(self._documents()) / "协商会务台数据.sqlite"),
            FILE_FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists():
            messages.warn(self.window, f"文件“{path}”已经存在。为避免覆盖已有数据，请换一个文件名；"
                                       "如果要使用这个文件，请用“打开数据库”。")
            return
        self._open(path, "新建")

    def open_database(self) -> None:
        if self._busy():
            return
        start = str(self.context.database_folder)
        chosen, _ = QFileDialog.getOpenFileName(self.window, "打开数据库", start, FILE_FILTER)
        if chosen:
            self._open(Path(chosen), "打开")

    def backup(self) -> None:
        source = self.context.database.path
        if source is None:
            messages.inform(self.window, "当前使用的是服务器上的共享数据库，请由管理员在服务器上备份。")
            return
        folder = self.context.backups_folder()
        self.context.tasks.run(lambda _ctx: backup_now(source, folder), with_session=False,
                               label="正在备份数据库…", parent=self.window, on_done=self._backed_up)

    def _backed_up(self, target: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "备份完成", f"数据库已备份到：\n{target}", parent=self.window)
        open_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(target.parent)

    def restore(self) -> None:
        target = self.context.database.path
        if target is None:
            messages.inform(self.window, "当前使用的是服务器上的共享数据库，请由管理员在服务器上恢复。")
            return
        if self._busy():
            return
        folder = self.context.backups_folder()
        chosen, _ = QFileDialog.getOpenFileName(self.window, "选择要恢复的备份文件",
                                                str(folder if folder.exists() else target.parent), FILE_FILTER)
        if not chosen:
            return
        backup_file = Path(chosen)
        if backup_file.resolve() == target.resolve():
            messages.warn(self.window, "选择的是当前正在使用的数据库本身，请选择一个备份文件。")
            return
        try:
            check_backup_file(backup_file)
        except DomainError as exc:
            messages.warn(self.window, exc.message)
            return
        if not messages.confirm(
                self.window, f"用备份“{backup_file.name}”替换当前数据库吗？",
                informative=f"当前数据库会先自动备份到：\n{folder}\n恢复后，备份之后所做的修改将不在当前数据库中。",
                yes="恢复", danger=True):
            return
        self.context.database.dispose()
        url = sqlite_url(target)

        def work(_ctx):
            safety = restore_backup(backup_file, target, folder)
            return open_database(url), safety

        def done(value) -> None:
            result, safety = value
            self.context.set_database(result.database)
            messages.inform(self.window, f"已从备份恢复：{backup_file.name}\n\n恢复前的数据库已保存为：\n{safety}")

        self.context.tasks.run(work, with_session=False, label="正在从备份恢复…", parent=self.window,
                               on_done=done, on_error=lambda exc: report_error(exc, self.window))
