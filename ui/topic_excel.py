"""Excel for topics: the scoring sheet for reviewers on paper (out and back in), and the annual plan.

What a workbook needs from the database is read first (a query); the workbook is then written on the file
worker from those rows. The import is the shared preview-then-confirm command.
"""

from PySide6.QtWidgets import QInputDialog

from models.services.app_settings import committee_name
from models.services.topic_scores import criteria, reviewer_scores, reviewers
from ui import messages
from ui.dialogs.import_preview import NOTE, ImportPreviewDialog, import_with_preview
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.operations import run_background, run_query

BLANK = "（空白表，由评分人自己填写姓名）"


def export_scoring_sheet(tab) -> None:
    context, year, rows = tab.context, tab.shown_year, list(tab.rows)
    if not rows:
        messages.inform(tab, "本年度还没有议题。")
        return
    run_query(context, tab, lambda s: reviewers(s, year),
              on_done=lambda names: _choose_reviewer(tab, year, rows, names))


def _choose_reviewer(tab, year: int, rows, names: list[str]) -> None:
    reviewer, ok = QInputDialog.getItem(tab, "导出评分表", "为哪位评分人导出？（已有评分会预先填入）",
                                        [BLANK, *names], 0, True)
    if not ok:
        return
    reviewer = "" if reviewer == BLANK else reviewer.strip()
    name = f"{year}年度协商议题评分表" + (f"-{reviewer}" if reviewer else "")
    path = ask_save_path(tab, tab.context, "导出评分表", name)
    if path is None:
        return

    def read(session):
        return criteria(session), (reviewer_scores(session, year, reviewer) if reviewer else None)

    def write(loaded) -> None:
        from models.exports.topics_xlsx import export_scoring_sheet as write_scoring_sheet

        marks, existing = loaded
        run_background(tab.context, tab,
                       lambda _ctx: write_scoring_sheet(rows, marks, year, path, reviewer=reviewer, existing=existing),
                       label="正在导出评分表…", on_done=lambda saved: show_saved(tab, saved, "评分表"))

    run_query(tab.context, tab, read, on_done=write, label="正在读取评分…")


def import_scores(tab) -> None:
    from models.imports.scores_import import analyse_scores_import, apply_scores_import

    context, year = tab.context, tab.shown_year or tab.page.year
    path = ask_open_path(tab, context, "选择填好的评分表")
    if path is None:
        return
    import_with_preview(
        tab, context, analyse=lambda session: analyse_scores_import(session, year, path), reading="正在读取评分表…",
        dialog=lambda preview: ImportPreviewDialog(
            tab, context, preview, title="导入评分表", heading=f"评分人：{preview.reviewer}　文件：{preview.path.name}",
            note=NOTE + "同一评分人再次导入只会更新其评分，不会重复。", apply=apply_scores_import))


def export_plan(plan_tab) -> None:
    context, year, rows = plan_tab.context, plan_tab.shown_year, list(plan_tab.model.rows)
    if not rows:
        messages.inform(plan_tab, f"{year or plan_tab.page.year}年度计划还没有条目。")
        return
    run_query(context, plan_tab, committee_name, on_done=lambda committee: _save_plan(plan_tab, year, rows, committee))


def _save_plan(plan_tab, year: int, rows, committee: str) -> None:
    from models.exports.topics_xlsx import export_plan as write_plan

    path = ask_save_path(plan_tab, plan_tab.context, "导出年度协商计划", f"{committee}{year}年度协商计划")
    if path is None:
        return
    run_background(plan_tab.context, plan_tab, lambda _ctx: write_plan(rows, year, committee, path),
                   label="正在导出协商计划…", on_done=lambda saved: show_saved(plan_tab, saved, "年度协商计划"))
