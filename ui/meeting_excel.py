"""Excel for a meeting's list: the roster as shown, the 回执登记表 (and the 催报名单, its rows not yet
replied), and importing the filled-in sheet."""

from models.exports.invitees_xlsx import CHASE_NAME, export_invitees
from models.exports.invitees_xlsx import export_chase_list as write_chase_list
from models.exports.invitees_xlsx import export_reply_sheet as write_reply_sheet
from models.imports.replies_import import analyse_reply_import, apply_reply_import
from models.services.chase_list import awaiting_reply
from ui import messages
from ui.dialogs.import_preview import NOTE, ImportPreviewDialog, file_heading, import_with_preview
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.operations import run_background


def _file_stem(tab) -> str:
    return tab.owner.meeting.title.replace("“", "").replace("”", "")[:40]


def _held_on(tab):
    """The meeting's day: the file names the day it belongs to, not the day it was exported."""
    starts_at = tab.owner.meeting.starts_at
    return starts_at.date() if starts_at else None


def export_roster(tab) -> None:
    """The list as shown: its rows in their order, its visible columns in their order."""
    rows = list(tab.model.rows)  # a copy: sorting the list meanwhile must not change what is written
    if not rows:
        messages.inform(tab, "名单是空的，没有可导出的人员。")
        return
    path = ask_save_path(tab, tab.owner.context, "导出参会名单", f"{_file_stem(tab)}参会名单", on=_held_on(tab))
    if path is None:
        return
    keys, meeting = tab.shown_column_keys(), tab.owner.meeting
    run_background(tab.owner.context, tab, lambda _ctx: export_invitees(meeting, rows, keys, path),
                   label="正在导出参会名单…", on_done=lambda saved: show_saved(tab, saved, "参会名单"))


def export_reply_sheet(tab) -> None:
    rows = tab.owner.invitees
    if not rows:
        messages.inform(tab, "名单是空的，请先添加参会人员。")
        return
    _export_rows(tab, rows, "回执登记表", write_reply_sheet)


def export_chase_list(tab) -> None:
    """催报名单: those who have not replied, as a 回执登记表 that imports back once filled in."""
    rows = list(tab.owner.invitees)
    if not rows:
        messages.inform(tab, "名单是空的，请先添加参会人员。")
        return
    if not awaiting_reply(rows):
        messages.inform(tab, "全部人员均已回执，没有需要催报的人员。")
        return
    _export_rows(tab, rows, CHASE_NAME, write_chase_list)


def _export_rows(tab, rows, name: str, write) -> None:
    """Ask where, then write `name` for the meeting's `rows` in the background and say where it went."""
    path = ask_save_path(tab, tab.owner.context, f"导出{name}", f"{_file_stem(tab)}{name}", on=_held_on(tab))
    if path is None:
        return
    meeting = tab.owner.meeting
    run_background(tab.owner.context, tab, lambda _ctx: write(meeting, rows, path),
                   label=f"正在导出{name}…", on_done=lambda saved: show_saved(tab, saved, name))


def import_replies(tab) -> None:
    context = tab.owner.context
    path = ask_open_path(tab, context, "选择填好的回执登记表")
    if path is None:
        return
    meeting_id = tab.owner.meeting_id
    import_with_preview(
        tab, context, analyse=lambda session: analyse_reply_import(session, meeting_id, path),
        reading="正在读取回执登记表…",
        dialog=lambda preview: ImportPreviewDialog(
            tab, context, preview, title="导入回执登记表", heading=file_heading(preview),
            note=NOTE, apply=apply_reply_import, size=(820, 560)))
