"""文件 menu: 新建数据库, 打开数据库, 连接办公室数据库, 立即备份, 从备份恢复 — every step guarded, nothing
overwritten.

Opening, backing up and restoring run on the database executor, after the work already queued there;
the switch to another database is announced as "everything changed" and every screen reloads itself.
Alembic and the migrations are imported by the work itself, off the GUI thread.
"""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from models.paths import sqlite_url
from ui import messages
from ui.context import AppContext, open_and_migrate
from ui.database_names import full_name
from ui.dialogs.about import open_folder
from ui.files import choose_open_file, choose_save_file
from ui.operations import run_background

FILE_FILTER = "协商会务台数据库 (*.sqlite *.db);;所有文件 (*)"
OPEN_ERROR = "无法打开数据库"


class DatabaseActions:
    def __init__(self, window: QWidget, context: AppContext):
        self.window, self.context = window, context

    def _busy(self) -> bool:
        if not self.context.jobs.idle:
            messages.warn(self.window, "还有操作正在进行，请等它完成后再试。")
            return True
        return False

    def _file(self) -> Path | None:
        database = self.context.database
        return database.path if database is not None else None

    def _switch(self, result, what: str) -> None:
        database = result.database
        self.context.set_database(database)
        note = f"已{what}数据库：\n{full_name(database)}"
        if result.backup_path is not None:
            note += f"\n\n该数据库来自旧版本，已自动升级；升级前的备份保存在：\n{result.backup_path}"
        messages.inform(self.window, note)

    def _open(self, path: Path, what: str) -> None:
        current = self._file()
        if current is not None and path.resolve() == current.resolve():
            messages.inform(self.window, "这个数据库已经打开。")
            return
        url = sqlite_url(path)
        backups = self.context.paths.backups_dir
        run_background(self.context, self.window, lambda _ctx: open_and_migrate(url, backups), on_database=True,
                       label=f"正在{what}数据库…", on_done=lambda result: self._switch(result, what),
                       title=OPEN_ERROR)

    def new_database(self) -> None:
        if self._busy():
            return
        path = choose_save_file(self.window, self.context, "database", "新建数据库", "协商会务台数据.sqlite",
                                FILE_FILTER, confirm_overwrite=False)  # an existing file is refused below
        if path is None:
            return
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
        chosen = choose_open_file(self.window, self.context, "database", "打开数据库", FILE_FILTER)
        if chosen is not None:
            self._open(chosen, "打开")

    def connect_server(self) -> None:
        """The office database on a server: the dialog connects (asking the password when needed) and stays
        open on failure; only a database that opened replaces the one open now."""
        if self._busy():
            return
        from ui.dialogs import exec_dialog
        from ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(self.context, self.window)
        if exec_dialog(dialog) and dialog.result_value is not None:
            self._switch(dialog.result_value, "连接")

    def backup(self) -> None:
        source = self._file()
        if source is None:
            messages.inform(self.window, "当前使用的是服务器上的共享数据库，请由管理员在服务器上备份。")
            return
        folder = self.context.backups_folder()

        def work(_ctx) -> Path:
            from models.backup import backup_now

            return backup_now(source, folder)

        # On the database executor: the copy includes every save queued before it.
        run_background(self.context, self.window, work, on_database=True, label="正在备份数据库…",
                       on_done=self._backed_up, title="无法备份")

    def _backed_up(self, target: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "备份完成", f"数据库已备份到：\n{target}", parent=self.window)
        open_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(target.parent)

    def restore(self) -> None:
        target = self._file()
        if target is None:
            messages.inform(self.window, "当前使用的是服务器上的共享数据库，请由管理员在服务器上恢复。")
            return
        if self._busy():
            return
        folder = self.context.backups_folder()
        # The automatic backups are kept in `folder`: there first, then wherever a backup was chosen last.
        backup_file = choose_open_file(self.window, self.context, "backup", "选择要恢复的备份文件", FILE_FILTER,
                                       fallback=folder)
        if backup_file is None:
            return
        if backup_file.resolve() == target.resolve():
            messages.warn(self.window, "选择的是当前正在使用的数据库本身，请选择一个备份文件。")
            return

        def check(_ctx) -> None:
            from models.backup import check_backup_file

            check_backup_file(backup_file)

        # The file is looked into in the background; a refusal is said before anything is asked.
        run_background(self.context, self.window, check, label="正在检查备份文件…", title="提示", read_only=True,
                       on_done=lambda _revision: self._confirm_restore(backup_file, target, folder))

    def _confirm_restore(self, backup_file: Path, target: Path, folder: Path) -> None:
        if not messages.confirm(
                self.window, f"用备份“{backup_file.name}”替换当前数据库吗？",
                informative=f"当前数据库会先自动备份到：\n{folder}\n恢复后，备份之后所做的修改将不在当前数据库中。",
                yes="恢复", danger=True):
            return
        current, url = self.context.database, sqlite_url(target)

        def work(_ctx):
            from models.backup import restore_backup

            current.dispose()  # here, after the work queued before: no connection holds the file any more
            safety = restore_backup(backup_file, target, folder)
            return open_and_migrate(url, self.context.paths.backups_dir), safety

        def done(value) -> None:
            result, safety = value
            self.context.set_database(result.database)
            messages.inform(self.window, f"已从备份恢复：{backup_file.name}\n\n恢复前的数据库已保存为：\n{safety}")

        run_background(self.context, self.window, work, on_database=True,
                       label="正在从备份恢复…", on_done=done, title=OPEN_ERROR)


__all__ = ["FILE_FILTER", "DatabaseActions"]
