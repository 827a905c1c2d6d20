"""Excel for recommendations: the list with its history, the department reply sheet out and back in.

Exports write rows already read, on the file worker; the import is read and checked first, shown row by
row, and written only on 确认导入 (a command: the lists refresh by themselves).
"""

from models.exports.recommendations_xlsx import export_recommendations
from models.exports.recommendations_xlsx import export_reply_sheet as write_reply_sheet
from models.imports.dept_replies_import import analyse_dept_replies, apply_dept_replies
from ui import messages
from ui.dialogs.import_preview import NOTE, ImportPreviewDialog, file_heading, import_with_preview
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.operations import run_background


def export_list(tab) -> None:
    rows = list(tab.model.rows)
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
    run_background(tab.context, tab, lambda _ctx: export_recommendations(rows, path, title=title,
                                                                         subtitle=filters or None),
                   label="正在导出意见建议…", on_done=lambda saved: show_saved(tab, saved, "意见建议列表"))


def export_reply_sheet(tab) -> None:
    rows = [r for r in (tab.selected() or tab.model.rows) if not r.is_duplicate]
    if not rows:
        messages.inform(tab, "没有可导出的意见建议。")
        return
    path = ask_save_path(tab, tab.context, "导出部门答复表", f"{tab.page.year}年度意见建议部门答复表")
    if path is None:
        return
    run_background(tab.context, tab, lambda _ctx: write_reply_sheet(rows, path, title="意见建议办理情况答复表"),
                   label="正在导出部门答复表…", on_done=lambda saved: show_saved(tab, saved, "部门答复表"))


def import_replies(tab) -> None:
    path = ask_open_path(tab, tab.context, "选择部门填好的答复表")
    if path is None:
        return
    context = tab.context
    import_with_preview(
        tab, context, analyse=lambda session: analyse_dept_replies(session, path), reading="正在读取答复表…",
        dialog=lambda preview: ImportPreviewDialog(
            tab, context, preview, title="导入部门答复表", heading=file_heading(preview),
            note=NOTE + "\n尚未办结的建议会依次记录“已交办、办理中、已办结”，再登记办理结果。",
            apply=apply_dept_replies, size=(900, 560)))
