"""本机操作人: the name this PC's changes to a database file are recorded under in the 操作日志.

Asked once, the first time this PC opens a database file (ask_once): before any work is done, so every change
made here carries the name, and never in the middle of a save. 取消 keeps the system user and is not asked
again; the name can be changed later from 设置 → 本机操作人…. On the office database (a server) the log
records the database login, which an administrator can trust: the dialog shows it, read-only.
"""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.server_address import is_server_url
from models.settings import OPERATOR_NAME
from ui import messages
from ui.widgets.form_error import FormError
from ui.window_state import read, write

# Asked once on a PC's first database file. Tests turn it off (tests/ui/conftest.py), and a test that wants
# the question turns it on; unattended runs (--exit-when-ready, --self-test) never ask (ui/app.py).
ASK_ONCE = True
WIDTH = 480


def _system_user() -> str:
    from models.audit import system_user

    return system_user()


def _on_server(context) -> bool:
    return context.database is not None and is_server_url(context.database.url)


class OperatorDialog(QDialog):
    """This PC's name for the log (editable), or on a server the login the log records (read-only)."""

    def __init__(self, context, parent: QWidget | None = None, *, first_time: bool = False):
        super().__init__(parent)
        self.context, self.first_time = context, first_time
        self.on_server = _on_server(context)
        self.setWindowTitle("本机操作人")
        system = _system_user()
        self.name = QLineEdit()
        self.name.setObjectName("operatorName")
        self.name.setMaxLength(200)  # longer than allowed, so a pasted long name is refused, not cut silently
        # One line of the width of the dialog, room for two lines: the messages quote the rule they break.
        self.error = FormError(self)
        self.error.hide()  # every message is the name's (check_operator_name)
        under = self.error.under("name", self.name, lines=2)
        form = QFormLayout()
        lead = QLabel()
        lead.setWordWrap(True)
        hint = QLabel()
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        if self.on_server:
            form.addRow("操作日志记录的账号：", self.name)
            self.name.setReadOnly(True)
            self.name.setText("正在读取…")
            lead.setText("当前打开的是办公室数据库：操作日志记录的是您登录数据库所用的账号（由管理员建立），"
                         "不能在本机更改。")
            pc_name = read(context.settings, OPERATOR_NAME) or system
            hint.setText(f"本机填写的姓名“{pc_name}”只用于本机的数据库文件。")
            self.save_button = None
            close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
            close.setDefault(True)
            self._read_login()
        else:
            form.addRow("您的姓名（记入操作日志）：", self.name)
            self.name.setText(read(context.settings, OPERATOR_NAME) or system)
            self.name.setPlaceholderText(system)
            self.name.selectAll()
            lead.setText(("欢迎使用协商会务台。" if first_time else "")
                         + "您在本机对数据库文件所做的新增、修改和删除，会以这个姓名记入操作日志。")
            hint.setText(f"不填写时记为本机的系统用户名“{system}”。"
                         + ("点“取消”也使用系统用户名，以后不再询问。" if first_time else "")
                         + "以后可在“设置 → 本机操作人…”中修改。")
            self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setDefault(True)
            buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
            self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        if not self.on_server:
            layout.addWidget(under)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # wrapped labels: the height their text needs at this width, so nothing is cut (a small screen too)
        self.setMinimumSize(WIDTH, layout.totalHeightForWidth(WIDTH))
        self.resize(self.minimumSize())

    def _read_login(self) -> None:
        from models.audit import current_operator
        from ui.operations import run_query

        run_query(self.context, self, current_operator, on_done=self.name.setText, key=(id(self), "login"))

    def save(self) -> None:
        """Checked here (a PC setting: nothing is written to the database), stored, and used from now on."""
        from models.audit import check_operator_name
        from models.errors import ValidationError

        try:
            name = check_operator_name(self.name.text())
        except ValidationError as exc:
            self.error.show_error(exc)
            self.name.setFocus()
            return
        write(self.context.settings, OPERATOR_NAME, name)
        self.context.settings.sync()
        self.context.apply_operator_name()
        messages.saved(self, f"本机操作人已设为“{name or _system_user()}”，以后的修改以此记入操作日志。")
        self.accept()


def open_operator_dialog(context, parent: QWidget) -> None:
    from ui.dialogs import exec_dialog

    exec_dialog(OperatorDialog(context, parent))


def ask_once(context, window: QWidget | None) -> None:
    """The first time this PC has a database file open: ask the name (answered or cancelled, never again).
    Not on a server (the login is recorded), not while another dialog waits for an answer (asked next time)."""
    if not ASK_ONCE or window is None or context.database is None or _on_server(context):
        return
    if read(context.settings, OPERATOR_NAME) is not None or QApplication.activeModalWidget() is not None:
        return
    from ui.dialogs import exec_dialog

    if not exec_dialog(OperatorDialog(context, window, first_time=True)):
        write(context.settings, OPERATOR_NAME, "")  # 取消: the system user, and not asked again
        context.settings.sync()
        context.apply_operator_name()


def ask_after_opening(context, window_of) -> None:
    """From now on, each database opened asks (once, see ask_once) as soon as the window is back to its event
    loop: after the opening has finished and the window says so."""
    context.database_switched.connect(lambda: QTimer.singleShot(0, lambda: ask_once(context, window_of())))
