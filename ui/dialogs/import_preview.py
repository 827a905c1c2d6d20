"""Importing a filled-in Excel sheet the same way everywhere: read it in the background, show every row
with 更新 / 跳过 / 错误 and the reason, and write nothing until the user confirms."""

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout, QWidget

from models.errors import DomainError
from ui import messages
from ui.errors import report_error
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
        model = ImportRowsModel(self)
        model.set_rows(preview.rows)
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.resizeColumnsToContents()
        buttons = ok_cancel(self, self.confirm, ok="确认导入")
        buttons.buttons()[0].setEnabled(counts.get("更新", 0) > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(view, 1)
        layout.addWidget(QLabel(note))
        layout.addWidget(buttons)
        self.resize(*size)

    def confirm(self) -> None:
        try:
            self.summary = self.context.call(self.apply, self.preview)
        except DomainError as exc:
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return
        messages.inform(self, self.done_text(self.summary))
        self.accept()


def import_with_preview(parent: QWidget, context, *, analyse: Callable, reading: str,
                        dialog: Callable[[object], ImportPreviewDialog], on_applied: Callable[[], None]) -> None:
    """Run `analyse(session)` in the background, then show `dialog(preview)`; `on_applied` after 确认导入."""

    def analysed(preview) -> None:
        if dialog(preview).exec() == QDialog.DialogCode.Accepted:
            on_applied()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            messages.warn(parent, exc.message, title="无法导入")
        else:
            report_error(exc, parent)

    context.tasks.run(lambda ctx: analyse(ctx.session), label=reading, parent=parent, on_done=analysed,
                      on_error=failed)


__all__ = ["ImportPreviewDialog", "counts_text", "file_heading", "import_with_preview"]
