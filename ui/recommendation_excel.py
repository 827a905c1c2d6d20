"""Excel for recommendations: the list with its history, the department reply sheet out and back in."""

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout

from models.errors import DomainError
from models.exports.recommendations_xlsx import export_recommendations
from models.exports.recommendations_xlsx import export_reply_sheet as write_reply_sheet
from models.imports.dept_replies_import import DeptReplyPreview, analyse_dept_replies, apply_dept_replies
from ui import messages
from ui.errors import report_error
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.buttons import ok_cancel


def export_list(tab) -> None:
    rows = tab.model.rows
    if not rows:
        messages.inform(tab, "当前列表是空的。")
        return
    year = tab.page.year
    path = ask_save_path(tab, tab.context, "导出意见建议", f"{year}年度意见建议")
    if path is None:
        return
    combos = (("来源", tab.source), ("状态", tab.status), ("办理结果", tab.outcome))
    filters = "；".join(f"{label}：{combo.currentText()}" for label, combo in combos if combo.value() is not None)
    title = f"{year}年度意见建议" + ("（超期未复）" if tab.overdue_only else "")
    tab.context.tasks.run(lambda _ctx: export_recommendations(rows, path, title=title, subtitle=filters or None),
                          with_session=False, label="正在导出意见建议…", parent=tab,
                          on_done=lambda saved: show_saved(tab, saved, "意见建议列表"))


def export_reply_sheet(tab) -> None:
    rows = [r for r in (tab.selected() or tab.model.rows) if not r.is_duplicate]
    if not rows:
        messages.inform(tab, "没有可导出的意见建议。")
        return
    path = ask_save_path(tab, tab.context, "导出部门答复表", "部门答复表")
    if path is None:
        return
    tab.context.tasks.run(lambda _ctx: write_reply_sheet(rows, path, title="意见建议办理情况答复表"),
                          with_session=False, label="正在导出部门答复表…", parent=tab,
                          on_done=lambda saved: show_saved(tab, saved, "部门答复表"))


def import_replies(tab) -> None:
    path = ask_open_path(tab, tab.context, "选择部门填好的答复表")
    if path is None:
        return

    def analysed(preview: DeptReplyPreview) -> None:
        if DeptReplyDialog(tab, preview).exec() == QDialog.DialogCode.Accepted:
            tab.page.changed()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            messages.warn(tab, exc.message, title="无法导入")
        else:
            report_error(exc, tab)

    tab.context.tasks.run(lambda ctx: analyse_dept_replies(ctx.session, path), label="正在读取答复表…", parent=tab,
                          on_done=analysed, on_error=failed)


class DeptReplyDialog(QDialog):
    def __init__(self, tab, preview: DeptReplyPreview):
        super().__init__(tab)
        self.tab, self.preview = tab, preview
        self.setWindowTitle("导入部门答复表")
        counts = preview.counts()
        summary = QLabel(f"文件：{preview.path.name}（工作表“{preview.sheet}”）　共 {len(preview.rows)} 行：" +
                         " · ".join(f"{k} {counts.get(k, 0)}" for k in ("更新", "跳过", "错误")))
        summary.setWordWrap(True)
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
        layout.addWidget(summary)
        layout.addWidget(view, 1)
        layout.addWidget(QLabel("确认后，尚未办结的建议会依次记录“已交办、办理中、已办结”，再登记办理结果；有错误的行不会导入。"))
        layout.addWidget(buttons)
        self.resize(900, 560)

    def confirm(self) -> None:
        try:
            summary = self.tab.context.call(apply_dept_replies, self.preview)
        except DomainError as exc:
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return
        messages.inform(self, f"已登记 {summary.updated} 条意见建议的办理结果。")
        self.accept()
