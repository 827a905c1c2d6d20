"""文件 menu: 新建数据库, 打开数据库, 连接办公室数据库, 把本机数据导入办公室数据库, 立即备份, 从备份恢复 — every
step guarded, nothing overwritten.

On a server the SQLite file items do not apply: 立即备份 runs pg_dump when this PC has it (models/server_backup.py),
从备份恢复 is off (the administrator restores with pg_restore); `show_file_menu_state` says so in each item's tips.

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
# The 文件 items' tips, on a file and on a server (status bar and, when an item is off, its tooltip).
FILE_TIPS = {
    "transfer": "把本机数据库中的全部数据复制到办公室服务器上一个空的数据库（本机数据不变）",
    "backup": "把当前数据库备份到其所在文件夹的 backups 子文件夹（打开旧版本的数据库升级前也会自动备份）",
    "restore": "用一个备份文件替换当前数据库（会先自动备份当前数据库）",
}
SERVER_TIPS = {
    "backup": ("用 pg_dump 把办公室数据库备份到这台电脑上（可选择文件夹）；数据结构升级前程序也会自动这样备份。"
               "服务器的日常备份由管理员负责"),
    "restore": "办公室数据库由管理员用 pg_restore 恢复，见 README",
}


def show_file_menu_state(window, database) -> None:
    """What 导入 / 立即备份 / 从备份恢复 do for `database` (a file or a server): enabled or not, and why."""
    from ui.server_transfer import NOT_ON_SERVER

    on_server = database is not None and database.path is None
    states = {"transfer": (not on_server, NOT_ON_SERVER if on_server else FILE_TIPS["transfer"]),
              "backup": (True, FILE_TIPS["backup"]), "restore": (True, FILE_TIPS["restore"])}
    if on_server:
        from models.server_backup import NO_PG_DUMP_TIP, find_pg_dump

        has_pg_dump = find_pg_dump() is not None
        states["backup"] = (has_pg_dump, SERVER_TIPS["backup"] if has_pg_dump else NO_PG_DUMP_TIP)
        states["restore"] = (False, SERVER_TIPS["restore"])
    for name, (enabled, tip) in states.items():
        action = getattr(window, f"{name}_action")
        action.setEnabled(database is not None and enabled)
        action.setStatusTip(tip)
        action.setToolTip(tip)


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

    def transfer_to_server(self) -> None:
        from ui.server_transfer import ServerTransfer

        ServerTransfer(self.window, self.context).start()

    def backup(self) -> None:
        source = self._file()
        if source is None:
            self._backup_server()
            return
        folder = self.context.backups_folder()

        def work(_ctx) -> Path:
            from models.backup import backup_now

            return backup_now(source, folder)

        # On the database executor: the copy includes every save queued before it.
        run_background(self.context, self.window, work, on_database=True, label="正在备份数据库…",
                       on_done=self._backed_up, title="无法备份")

    def _backup_server(self) -> None:
        """立即备份 of the office database: pg_dump into a folder chosen here (default: the backups folder)."""
        from models.server_backup import NO_PG_DUMP_TIP, dump_now, find_pg_dump, restore_hint

        if find_pg_dump() is None:
            messages.inform(self.window, NO_PG_DUMP_TIP)
            return
        folder = self._choose_backup_folder()
        if folder is None:
            return
        url, name = self.context.database.url, self.context.database.display_name

        def work(_ctx) -> Path:
            return dump_now(url, folder)

        run_background(self.context, self.window, work, on_database=True, title="无法备份",
                       label=f"正在用 pg_dump 备份办公室数据库 {name}…",
                       on_done=lambda target: self._backed_up(target, restore_hint(target, self._database_name())))

    def _database_name(self) -> str:
        from models.server_address import ServerAddress

        return ServerAddress.from_url(self.context.database.url).database

    def _choose_backup_folder(self) -> Path | None:
        from ui.files import choose_folder

        default = self.context.backups_folder()
        default.mkdir(parents=True, exist_ok=True)
        return choose_folder(self.window, self.context, "backup", "选择备份保存到的文件夹", fallback=default)

    def _backed_up(self, target: Path, informative: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "备份完成", f"数据库已备份到：\n{target}", parent=self.window)
        if informative:
            box.setInformativeText(informative)
        open_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            open_folder(target.parent)

    def restore(self) -> None:
        target = self._file()
        if target is None:  # the item is off on a server; its shortcut-free path says the same
            messages.inform(self.window, SERVER_TIPS["restore"] + "。")
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


__all__ = ["FILE_FILTER", "DatabaseActions", "show_file_menu_state"]
