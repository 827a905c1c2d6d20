"""Excel for topics: the scoring sheet for reviewers on paper (out and back in), and the annual plan."""

from PySide6.QtWidgets import QAbstractItemView, QDialog, QInputDialog, QLabel, QTableView, QVBoxLayout

from models.errors import DomainError
from models.exports.topics_xlsx import export_plan as write_plan
from models.exports.topics_xlsx import export_scoring_sheet as write_scoring_sheet
from models.imports.scores_import import ScorePreview, analyse_scores_import, apply_scores_import
from models.services.app_settings import committee_name
from models.services.topic_scores import criteria, reviewer_scores, reviewers
from ui import messages
from ui.errors import report_error
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.buttons import ok_cancel

BLANK = "（空白表，由评分人自己填写姓名）"


def export_scoring_sheet(tab) -> None:
    context, year = tab.context, tab.page.year
    if not tab.rows:
        messages.inform(tab, "本年度还没有议题。")
        return
    names = [BLANK, *context.call(reviewers, year)]
    reviewer, ok = QInputDialog.getItem(tab, "导出评分表", "为哪位评分人导出？（已有评分会预先填入）", names, 0, True)
    if not ok:
        return
    reviewer = "" if reviewer == BLANK else reviewer.strip()
    path = ask_save_path(tab, context, "导出评分表", f"{year}年度协商议题评分表" + (f"-{reviewer}" if reviewer else ""))
    if path is None:
        return
    rows, marks = tab.rows, context.call(criteria)
    existing = context.call(reviewer_scores, year, reviewer) if reviewer else None
    context.tasks.run(lambda _ctx: write_scoring_sheet(rows, marks, year, path, reviewer=reviewer, existing=existing),
                      with_session=False, label="正在导出评分表…", parent=tab,
                      on_done=lambda saved: show_saved(tab, saved, "评分表"))


def import_scores(tab) -> None:
    context, year = tab.context, tab.page.year
    path = ask_open_path(tab, context, "选择填好的评分表")
    if path is None:
        return

    def analysed(preview: ScorePreview) -> None:
        if ScoreImportDialog(tab, preview).exec() == QDialog.DialogCode.Accepted:
            tab.page.changed()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            messages.warn(tab, exc.message, title="无法导入")
        else:
            report_error(exc, tab)

    context.tasks.run(lambda ctx: analyse_scores_import(ctx.session, year, path), label="正在读取评分表…",
                      parent=tab, on_done=analysed, on_error=failed)


class ScoreImportDialog(QDialog):
    """Each row with 更新 / 跳过 / 错误 and the reason; nothing is written until 确认导入."""

    def __init__(self, tab, preview: ScorePreview):
        super().__init__(tab)
        self.tab, self.preview = tab, preview
        self.setWindowTitle("导入评分表")
        counts = preview.counts()
        summary = QLabel(f"评分人：{preview.reviewer}　文件：{preview.path.name}　共 {len(preview.rows)} 行：" +
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
        layout.addWidget(QLabel("确认前不会写入任何数据；同一评分人再次导入只会更新其评分，不会重复。"))
        layout.addWidget(buttons)
        self.resize(860, 520)

    def confirm(self) -> None:
        try:
            summary = self.tab.context.call(apply_scores_import, self.preview)
        except DomainError as exc:
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return
        messages.inform(self, f"已导入“{self.preview.reviewer}”对 {summary.updated} 个议题的评分。")
        self.accept()


def export_plan(plan_tab) -> None:
    context, year, rows = plan_tab.context, plan_tab.page.year, plan_tab.model.rows
    if not rows:
        messages.inform(plan_tab, f"{year}年度计划还没有条目。")
        return
    committee = context.call(committee_name)
    path = ask_save_path(plan_tab, context, "导出年度协商计划", f"{committee}{year}年度协商计划")
    if path is None:
        return
    context.tasks.run(lambda _ctx: write_plan(rows, year, committee, path), with_session=False,
                      label="正在导出协商计划…", parent=plan_tab,
                      on_done=lambda saved: show_saved(plan_tab, saved, "年度协商计划"))
