"""关于: version, where the data lives, and a button that opens the data folder."""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from models import APP_TITLE, __version__
from ui.context import AppContext
from ui.resources import icon


def open_folder(path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    """Reads nothing from the database: the file's name and folder are known to the context."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(f"关于{APP_TITLE}")
        logo = QLabel()
        logo.setPixmap(icon("app.svg").pixmap(56, 56))
        title = QLabel(f"<b style='font-size:18px'>{APP_TITLE}</b>&nbsp;&nbsp;版本 {__version__}")
        blurb = QLabel("区政协协商工作一体化管理：议题与计划、双月协商会和委员沙龙、参会与签到、调研、"
                       "意见建议及办理、统计与履职档案。")
        blurb.setWordWrap(True)

        database = context.database
        on_server = database is not None and database.path is None
        self.database_label = self._path_label(self._database_name() + ("（演示数据）" if context.demo else ""))
        self.folder_label = self._path_label(str(context.database_folder))
        self.log_label = self._path_label(str(context.paths.log_file))
        form = QFormLayout()
        form.addRow("数据库：" if on_server else "数据文件：", self.database_label)
        if not on_server:  # the office database has no folder on this PC
            form.addRow("所在文件夹：", self.folder_label)
        form.addRow("日志文件：", self.log_label)
        license_label = QLabel("本软件依据 GNU 通用公共许可证第 3 版或更新版本（GPL-3.0-or-later）发布。")
        license_label.setObjectName("hint")
        license_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("打开数据文件夹", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = buttons.addButton("复制数据库名称" if on_server else "复制文件路径",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setVisible(not on_server)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        self.open_button.clicked.connect(lambda: open_folder(self.context.database_folder))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._database_name()))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        head = QVBoxLayout()
        head.addWidget(logo)
        head.addWidget(title)
        layout.addLayout(head)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(license_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _database_name(self) -> str:
        from ui.database_names import full_name

        database = self.context.database  # None while the first database is still being opened
        return full_name(database) if database is not None else "（尚未打开）"

    @staticmethod
    def _path_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label
