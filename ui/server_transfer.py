"""文件 → 把本机数据导入办公室数据库…: the office moves from one PC's file to the server (models/transfer.py).

The server is chosen with the connect dialog (the password asked as for any connection: ui/server_login.py),
which opens it (an empty database gets the app's tables); both sides are then checked, the user confirms what
goes where, and the copy runs on the database executor (after every save queued before it) with progress and
取消. Any refusal or failure leaves both sides as they were; at the end the window may switch to the server.
"""

from PySide6.QtWidgets import QLabel, QWidget

from ui import messages
from ui.context import AppContext
from ui.database_names import full_name
from ui.operations import run_background

TITLE = "无法导入办公室数据库"
LEAD = ("选择要导入到的办公室数据库（PostgreSQL 服务器上由管理员新建的空数据库）。以下各项由管理员告知；"
        "密码在需要时再询问，不会保存在本机。下一步会先检查，确认后才复制。")
NOT_ON_SERVER = ("当前打开的已经是办公室数据库。要把某台电脑上的数据导入办公室数据库，请在那台电脑上打开它的"
                 "本机数据库文件，再用本项导入。")


class ServerTransfer:
    def __init__(self, window: QWidget, context: AppContext):
        self.window, self.context = window, context

    def start(self) -> None:
        source = self.context.database
        if source is None or source.path is None:
            messages.inform(self.window, NOT_ON_SERVER)
            return
        if not self.context.jobs.idle:
            messages.warn(self.window, "还有操作正在进行，请等它完成后再试。")
            return
        from ui.dialogs import exec_dialog
        from ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(self.context, self.window)
        dialog.setWindowTitle("把本机数据导入办公室数据库：选择办公室数据库")
        dialog.connect_button.setText("下一步")
        for label in dialog.findChildren(QLabel):  # the dialog's lead says what connecting is for: here, the move
            if label.text().startswith("连接办公室"):
                label.setText(LEAD)
        if not exec_dialog(dialog) or dialog.result_value is None:
            return
        target = dialog.result_value.database

        def survey(_ctx):
            from models.transfer import survey_transfer

            return survey_transfer(source, target)

        run_background(self.context, self.window, survey, on_database=True, title=TITLE,
                       label="正在检查本机数据和办公室数据库…", on_done=lambda found: self._confirm(target, found),
                       on_error=lambda _exc: self._close(target))

    def _close(self, target) -> bool:
        """The server database opened for the move is not kept (the error, if any, is still shown)."""
        self.context.db.submit(lambda _ctx: target.dispose(), deliver=lambda _outcome: None)
        return False

    def _confirm(self, target, survey) -> None:
        if not messages.confirm(
                self.window,
                f"把本机数据库“{survey.source}”中的全部数据复制到办公室数据库 {full_name(target)} 吗？",
                informative=(f"将复制：区政协委员 {survey.members} 人（人员共 {survey.people} 人）、会议活动 "
                             f"{survey.meetings} 场、意见建议 {survey.recommendations} 条，连同参数设置和操作日志，"
                             f"共 {survey.rows} 行。\n办公室数据库现在是空的，其中新建时的参数设置将由本机的代替。"
                             "本机数据库不会改动；导入中途取消或出错时，办公室数据库保持原样。"),
                yes="导入"):
            self._close(target)
            return
        source = self.context.database

        def work(ctx):
            from models.transfer import copy_database

            return copy_database(source, target, ctx.progress, ctx.check_cancelled)

        run_background(self.context, self.window, work, on_database=True, cancellable=True, title=TITLE,
                       label="正在导入办公室数据库…", on_done=lambda result: self._copied(target, result),
                       on_cancel=lambda: self._cancelled(target), on_error=lambda _exc: self._close(target))

    def _cancelled(self, target) -> None:
        self._close(target)
        messages.inform(self.window, "已取消导入。办公室数据库保持原样（仍是空的），本机数据没有改动。")

    def _copied(self, target, result) -> None:
        done = f"已把本机数据导入办公室数据库 {full_name(target)}：{result.tables} 个数据表，共 {result.rows} 行。"
        if not messages.confirm(self.window, done + "\n\n现在切换到办公室数据库吗？",
                                informative="切换后，这台电脑以后启动时也会连接办公室数据库。本机数据库文件仍保留，"
                                            "可随时用“文件 → 打开数据库”打开；但此后请只在办公室数据库中录入，"
                                            "以免两边数据不一致。",
                                yes="切换到办公室数据库", no="暂不切换"):
            self._close(target)
            messages.inform(self.window, "本机数据库仍然打开着。需要时可用“文件 → 连接办公室数据库…”连接。")
            return

        def reopen(_ctx):
            from models.migrate import holds_demo

            target.is_demo = holds_demo(target)  # the demo moved is still marked 【演示数据】
            return target

        def switched(database) -> None:
            self.context.set_database(database)
            messages.inform(self.window, f"已切换到办公室数据库：\n{full_name(database)}")

        run_background(self.context, self.window, reopen, on_database=True, label="正在切换到办公室数据库…",
                       on_done=switched, title=TITLE)


__all__ = ["NOT_ON_SERVER", "ServerTransfer"]
