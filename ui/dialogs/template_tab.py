"""参数设置 → 公文模板: which Word template the 会议通知 and the 《政协建言》 are written on — the program's
built-in one, or the office's own .docx (its 红头, its fonts), per PC (NOTICE_TEMPLATE / BULLETIN_TEMPLATE).

A chosen file is checked on the file worker (word_templates.check_template) before it is kept, so a
template with a missing placeholder is refused here, with the reason, not on the day a notice is due.
"""

from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from models.exports.word_templates import TemplateKind, check_template, export_default_template, kinds, placeholder_help
from ui.context import AppContext
from ui.operations import run_background
from ui.window_state import read, write

WORD_FILTER = "Word 文档 (*.docx)"
BUILTIN = "程序内置模板"


class TemplateRow:
    """One document kind: what is in use, 选择… / 恢复默认 / 导出默认模板…"""

    def __init__(self, tab: "TemplateTab", kind: TemplateKind, grid: QGridLayout, row: int):
        self.tab, self.kind = tab, kind
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.choose_button = QPushButton("选择…")
        self.default_button = QPushButton("恢复默认")
        self.export_button = QPushButton("导出默认模板…")
        self.export_button.setToolTip(f"把程序内置的{kind.label}模板存为 .docx，"
                                      "在 Word/WPS 中改成本单位的样式后再选择它")
        self.choose_button.clicked.connect(self.choose)
        self.default_button.clicked.connect(self.restore_default)
        self.export_button.clicked.connect(self.export_default)
        grid.addWidget(QLabel(f"{kind.label}模板："), row, 0)
        grid.addWidget(self.current, row, 1)
        for column, button in enumerate((self.choose_button, self.default_button, self.export_button), start=2):
            grid.addWidget(button, row, column)
        help_text = QLabel(f"占位符{placeholder_help(kind)}")
        help_text.setObjectName("hint")
        help_text.setWordWrap(True)
        grid.addWidget(help_text, row + 1, 1, 1, 4)
        self.show_path(self.path())

    def path(self) -> str:
        return read(self.tab.context.settings, self.kind.setting)

    def show_path(self, path: str) -> None:
        self.current.setText(path or BUILTIN)
        self.current.setToolTip(path)
        self.default_button.setEnabled(bool(path))

    def choose(self) -> None:
        from ui.files import choose_open_file

        chosen = choose_open_file(self.tab, self.tab.context, "word", f"选择{self.kind.label}模板", WORD_FILTER)
        if chosen is None:
            return
        kind = self.kind

        def check(_ctx) -> str:
            check_template(kind, chosen)  # raises TemplateError, shown with its reason; nothing kept
            return str(chosen)

        run_background(self.tab.context, self.tab, check, label="正在检查模板…", title="模板不能使用",
                       on_done=self._chosen)

    def _chosen(self, path: str) -> None:
        write(self.tab.context.settings, self.kind.setting, path)
        self.show_path(path)
        self.tab.saved.setText(f"已改用本单位的{self.kind.label}模板。")

    def restore_default(self) -> None:
        write(self.tab.context.settings, self.kind.setting, "")
        self.show_path("")
        self.tab.saved.setText(f"{self.kind.label}已改回{BUILTIN}。")

    def export_default(self) -> None:
        from ui.files import choose_save_file, show_saved

        path = choose_save_file(self.tab, self.tab.context, "word", "导出默认模板", self.kind.file_name, WORD_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        kind = self.kind
        run_background(self.tab.context, self.tab, lambda _ctx: export_default_template(kind, path),
                       label="正在导出模板…", on_done=lambda saved: show_saved(self.tab, Path(saved),
                                                                         f"{kind.label}默认模板"))


class TemplateTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        intro = QLabel("会议通知和《政协建言》“存为 Word”时使用的模板。可先“导出默认模板”，在 Word/WPS 中加上本单位的"
                       "红头、改字体（保留 {{ }} 占位符），再“选择…”它。模板只在这台电脑上生效。")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        group = QGroupBox("公文模板")
        grid = QGridLayout(group)
        grid.setColumnStretch(1, 1)
        notice, bulletin = kinds()
        self.rows = {"notice": TemplateRow(self, notice, grid, 0), "bulletin": TemplateRow(self, bulletin, grid, 2)}
        self.saved = QLabel()
        self.saved.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(group)
        layout.addWidget(self.saved)
        layout.addStretch(1)


__all__ = ["TemplateRow", "TemplateTab"]
