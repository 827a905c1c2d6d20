"""The password of the office database's account, asked when the server wants one: typed unseen, kept only
in this program's memory until it closes (models/server.py), never written to settings or the log."""

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.dialogs.connect_parts import connect_buttons, fit_wrapped


class PasswordDialog(QDialog):
    def __init__(self, where: str, user: str, problem: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("输入密码")
        lead = QLabel(f"连接{where}时，需要账号“{user}”的密码。")
        lead.setWordWrap(True)
        self.problem = QLabel(problem)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("password")
        hint = QLabel("密码只在本次运行期间保存在内存中，不会写入本机的设置或日志。"
                      "不想每次输入时，可请管理员设置 PostgreSQL 的密码文件（pgpass）。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("密码：", self.password)
        buttons, self.ok_button = connect_buttons(self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_wrapped(self, layout, 460)

    def value(self) -> str:
        return self.password.text()
