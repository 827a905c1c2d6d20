"""文件 → 连接办公室数据库…: server, port, database, account and TLS (as this PC last used them). 连接 opens
the database in the background, asking the password when the server wants one; what went wrong is shown in
the dialog, which stays open to be corrected, and the database open so far stays open. On success the dialog
closes with `result` (models.migrate.OpenResult) for the window to switch to."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError, ValidationError
from models.server_address import SSL_MODES, ServerAddress, check_address
from ui.dialogs.connect_parts import connect_buttons, fit_wrapped
from ui.server_login import connect, remembered_address
from ui.widgets.form_error import FormError

# The field a failure is about: it gets the focus (the message, often long, is said under all the fields).
FIELD_OF = {"unknown_host": "host", "unreachable": "host", "no_database": "database", "no_account": "user"}
SSL_HINTS = {
    "disable": "不加密：只适合在服务器本机上使用。",
    "prefer": "优先加密：服务器支持时加密，否则不加密（办公室内网常用）。",
    "require": "必须加密：服务器不支持加密时不连接。",
    "verify-full": "必须加密并验证证书：还要核对服务器的证书（需要管理员提供的根证书 root.crt）。",
}


class ServerDialog(QDialog):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.result_value = None
        self.setWindowTitle("连接办公室数据库")
        address = remembered_address(context.settings)
        lead = QLabel("连接办公室的 PostgreSQL 服务器上的共享数据库。以下各项由管理员告知；密码在需要时再询问，"
                      "不会保存在本机。")
        lead.setWordWrap(True)
        self.host = QLineEdit(address.host)
        self.host.setPlaceholderText("例如 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(address.port)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit(address.database)
        self.user = QLineEdit(address.user)
        self.sslmode = QComboBox()
        for mode, label in SSL_MODES:
            self.sslmode.addItem(label, mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(address.sslmode)))
        self.ssl_hint = QLabel()
        self.ssl_hint.setObjectName("hint")
        self.ssl_hint.setWordWrap(True)
        self.sslmode.currentIndexChanged.connect(self._show_ssl_hint)
        self._show_ssl_hint()

        self.error = FormError()
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 4 + 4)  # a failure and what to do
        form = QFormLayout()
        for label, field, widget in (("服务器地址：", "host", self.host), ("端口：", "port", self.port),
                                     ("数据库名：", "database", self.database), ("用户名：", "user", self.user)):
            form.addRow(label, widget)
            form.addRow("", self.error.under(field, widget))
        form.addRow("加密连接：", self.sslmode)
        form.addRow("", self.ssl_hint)

        buttons, self.connect_button = connect_buttons(self, self.try_connect)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_wrapped(self, layout, 540)

    def _show_ssl_hint(self) -> None:
        self.ssl_hint.setText(SSL_HINTS.get(self.sslmode.currentData(), ""))

    def address(self) -> ServerAddress:
        return ServerAddress(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                             self.user.text().strip(), self.sslmode.currentData())

    def try_connect(self) -> None:
        if not self.connect_button.isEnabled():  # already connecting
            return
        self.error.clear()
        address = self.address()
        try:
            check_address(address)
        except ValidationError as exc:
            self.error.show_error(exc)
            return
        self.connect_button.setEnabled(False)
        connect(self.context, self, address.url(), on_done=self._connected, on_error=self._failed)

    def _connected(self, result) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.connect_button.setEnabled(True)
        if isinstance(exc, DomainError):
            self.error.say(exc.message)
            field = FIELD_OF.get(getattr(exc, "kind", None))
            if field is not None:
                getattr(self, field).setFocus()
            return True
        return False  # unexpected: the error policy shows it (and logs it)
