"""Importing a filled-in Excel sheet the same way everywhere: read it in the background, show every row
with 新增 / 更新 / 跳过 / 错误 and the reason, and write nothing until the user confirms. 确认导入 asks first
when some rows have errors (they are left out), writes the other rows in one transaction, and says what
was written and which rows were not, and why (models/imports/report.py) — the same for every import.
While writing, a bar shows the rows written so far and 取消 rolls the whole import back."""

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout, QWidget

from models.errors import DomainError
from models.imports.report import ImportReport
from ui import messages
from ui.dialogs import exec_dialog
from ui.operations import run_command, run_query
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.buttons import ok_cancel

OUTCOMES = ("更新", "跳过", "错误")
ASK_TITLE = "部分行有错误"
# Under every import's preview: what 确认导入 will do (README 委员库 → Excel 导入的规则 says the same).
NOTE = ("确认前不会写入任何数据。确认后写入“新增”“更新”的行；有错误的行和“跳过”的行不导入，"
        "完成后说明哪些行未导入及原因。")
CANCELLED = "已取消导入，没有写入任何数据。"


def write_progress(ctx, unit: str = "行") -> Callable[[int, int], None]:
    """The `progress` an import's apply is given on the database worker: the bar says "已写入 k / n 行", and
    取消 stops the write there (TaskCancelled), which rolls the whole transaction back."""

    def progress(done: int, total: int) -> None:
        ctx.check_cancelled()
        ctx.progress(done, total, f"正在写入：已写入 {done} / {total} {unit}…")

    return progress


def show_cancelled(parent: QWidget) -> None:
    messages.inform(parent, CANCELLED, title="导入已取消")


def confirm_leaving_out_errors(parent: QWidget, counts: dict[str, int]) -> bool:
    """Before writing: rows with errors are left out — say so and let the user stop to correct them first."""
    errors = counts.get("错误", 0)
    if not errors:
        return True
    writes = counts.get("新增", 0) + counts.get("更新", 0)
    return messages.confirm(parent, f"有 {errors} 行有错误，这些行不会导入。继续导入其余 {writes} 行吗？",
                            informative="也可以先在 Excel 中改正这些行，再重新导入。", yes="继续导入",
                            title=ASK_TITLE)


def show_report(parent: QWidget, report: ImportReport) -> None:
    """The one message after every import: what was written, and each row left out with its reason."""
    messages.inform(parent, report.text(), title="导入完成")


def counts_text(preview) -> str:
    counts = preview.counts()
    return f"共 {len(preview.rows)} 行：" + " · ".join(f"{k} {counts.get(k, 0)}" for k in OUTCOMES)


def file_heading(preview) -> str:
    """"文件：回执.xlsx（工作表“回执”）"."""
    return f"文件：{preview.path.name}（工作表“{preview.sheet}”）"


class ImportPreviewDialog(QDialog):
    """The rows of `preview` (.rows, .counts(), .path); 确认导入 runs `apply(session, preview)` in one
    transaction and shows the ImportReport it returns; a refused import says that nothing was written."""

    def __init__(self, parent: QWidget, context, preview, *, title: str, heading: str, note: str,
                 apply: Callable, size: tuple[int, int] = (860, 540)):
        super().__init__(parent)
        self.context, self.preview, self.apply = context, preview, apply
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
        note_label = QLabel(note)
        note_label.setObjectName("hint")
        note_label.setWordWrap(True)
        layout.addWidget(note_label)
        layout.addWidget(buttons)
        self.resize(*size)

    def confirm(self) -> None:
        if not confirm_leaving_out_errors(self, self.preview.counts()):
            return
        self.confirm_button.setEnabled(False)
        preview = self.preview
        run_command(self.context, self, lambda ctx: self.apply(ctx.session, preview, write_progress(ctx)),
                    on_done=self._applied, on_error=self._refused, on_cancel=self._cancelled, label="正在导入…",
                    cancellable=True, title="导入未完成")

    def _cancelled(self) -> None:
        self.confirm_button.setEnabled(True)  # the same preview can be imported again
        show_cancelled(self)

    def _applied(self, report: ImportReport) -> None:
        self.summary = report
        show_report(self, report)
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


__all__ = ["CANCELLED", "NOTE", "ImportPreviewDialog", "confirm_leaving_out_errors", "counts_text", "file_heading",
           "import_with_preview", "show_cancelled", "show_report", "write_progress"]
