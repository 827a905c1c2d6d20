"""Importing a filled-in Excel sheet the same way everywhere: read it in the background, show every row
with 更新 / 跳过 / 错误 and the reason, and write nothing until the user confirms."""

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout, QWidget

from models.errors import DomainError
from ui import messages
from ui.dialogs import exec_dialog
from ui.operations import run_command, run_query
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.buttons import ok_cancel

OUTCOMES = ("更新", "跳过", "错误")


def counts_text(preview) -> str:
    counts = preview.counts()
    return f"共 {len(preview.rows)} 行：" + " · ".join(f"{k} {counts.get(k, 0)}" for k in OUTCOMES)


def file_heading(preview) -> str:
    """"文件：回执.xlsx（工作表“回执”）"."""
    return f"文件：{preview.path.name}（工作表“{preview.sheet}”）"


class ImportPreviewDialog(QDialog):
    """The rows of `preview` (.rows, .counts(), .path); 确认导入 runs `apply(session, preview)` in one
    transaction and reports `done(summary)`; a refused import says that nothing was written."""

    def __init__(self, parent: QWidget, context, preview, *, title: str, heading: str, note: str,
                 apply: Callable, done: Callable[[object], str], size: tuple[int, int] = (860, 540)):
        super().__init__(parent)
        self.context, self.preview, self.apply, self.done_text = context, preview, apply, done
        self.summary = None
        self.setWindowTitle(title)
        counts = preview.counts()
        self.counts = QLabel(f"{heading}　{counts_text(preview)}")
        self.counts.setWordWrap(True)
        model = ImportRowsModel(preview.columns, self)  # the importer's own headings
        model.set_rows(preview.rows)
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.resizeColumnsToContents()
        buttons = ok_cancel(self, self.confirm, ok="确认导入")
        self.confirm_button = buttons.buttons()[0]
        self.confirm_button.setEnabled(counts.get("更新", 0) > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(view, 1)
        layout.addWidget(QLabel(note))
        layout.addWidget(buttons)
        self.resize(*size)

    def confirm(self) -> None:
        self.confirm_button.setEnabled(False)
        preview = self.preview
        run_command(self.context, self, lambda session: self.apply(session, preview), on_done=self._applied,
                    on_error=self._refused, label="正在导入…")

    def _applied(self, summary) -> None:
        self.summary = summary
        messages.inform(self, self.done_text(summary))
        self.accept()

    def _refused(self, exc: BaseException) -> bool:
        self.confirm_button.setEnabled(True)
        if isinstance(exc, DomainError):
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return True
        return False


def import_with_preview(parent: QWidget, context, *, analyse: Callable, reading: str,
                        dialog: Callable[[object], ImportPreviewDialog]) -> None:
    """Run `analyse(session)` in the background, then show `dialog(preview)` (the screens showing the imported
    records refresh by themselves after 确认导入: the import is a command)."""
    run_query(context, parent, analyse, label=reading, on_done=lambda preview: exec_dialog(dialog(preview)),
              title="无法导入")


__all__ = ["ImportPreviewDialog", "counts_text", "file_heading", "import_with_preview"]
