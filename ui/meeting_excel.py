"""Excel for a meeting's list: the roster as shown, the 回执登记表, and importing the filled-in sheet."""

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout, QWidget

from models.errors import DomainError
from models.exports.invitees_xlsx import export_invitees
from models.exports.invitees_xlsx import export_reply_sheet as write_reply_sheet
from models.imports.replies_import import ReplyPreview, analyse_reply_import, apply_reply_import
from ui import messages
from ui.errors import report_error
from ui.files import ask_open_path, ask_save_path, show_saved
from ui.table_models.import_rows_model import ImportRowsModel
from ui.widgets.buttons import ok_cancel

# The invitee tab's columns, as Excel column keys, in the same order.
TAB_COLUMN_KEYS = ["name", "employer_title", "sector", "member_role", "role", "invite_status", "leave_reason",
                   "seat_no", "speech_order", "checked_in_at", "result", "mobile", "notes"]


def _file_stem(tab) -> str:
    return tab.owner.meeting.title.replace("“", "").replace("”", "")[:40]


def export_roster(tab) -> None:
    rows = tab.model.rows
    if not rows:
        messages.inform(tab, "名单是空的，没有可导出的人员。")
        return
    path = ask_save_path(tab, tab.owner.context, "导出参会名单", f"{_file_stem(tab)}参会名单")
    if path is None:
        return
    header = tab.table.horizontalHeader()
    visible = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    keys = [TAB_COLUMN_KEYS[i] for i in sorted(visible, key=header.visualIndex)]
    meeting = tab.owner.meeting
    tab.owner.context.tasks.run(lambda _ctx: export_invitees(meeting, rows, keys, path), with_session=False,
                                label="正在导出参会名单…", parent=tab,
                                on_done=lambda saved: show_saved(tab, saved, "参会名单"))


def export_reply_sheet(tab) -> None:
    rows = tab.owner.invitees
    if not rows:
        messages.inform(tab, "名单是空的，请先添加参会人员。")
        return
    path = ask_save_path(tab, tab.owner.context, "导出回执登记表", f"{_file_stem(tab)}回执登记表")
    if path is None:
        return
    meeting = tab.owner.meeting
    tab.owner.context.tasks.run(lambda _ctx: write_reply_sheet(meeting, rows, path), with_session=False,
                                label="正在导出回执登记表…", parent=tab,
                                on_done=lambda saved: show_saved(tab, saved, "回执登记表"))


def import_replies(tab) -> None:
    path = ask_open_path(tab, tab.owner.context, "选择填好的回执登记表")
    if path is None:
        return
    meeting_id = tab.owner.meeting_id

    def analysed(preview: ReplyPreview) -> None:
        dialog = ReplyImportDialog(tab, preview)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            tab.owner.changed()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            messages.warn(tab, exc.message, title="无法导入")
        else:
            report_error(exc, tab)

    tab.owner.context.tasks.run(lambda ctx: analyse_reply_import(ctx.session, meeting_id, path),
                                label="正在读取回执登记表…", parent=tab, on_done=analysed, on_error=failed)


class ReplyImportDialog(QDialog):
    """Every row with its outcome (更新/跳过/错误) and reason; nothing is written until 确认导入."""

    def __init__(self, tab, preview: ReplyPreview, parent: QWidget | None = None):
        super().__init__(parent or tab)
        self.tab, self.preview = tab, preview
        self.summary = None
        self.setWindowTitle("导入回执登记表")
        counts = preview.counts()
        self.counts = QLabel(f"文件：{preview.path.name}（工作表“{preview.sheet}”）　共 {len(preview.rows)} 行：" +
                             " · ".join(f"{k} {counts.get(k, 0)}" for k in ("更新", "跳过", "错误")))
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
        layout.addWidget(QLabel("确认前不会写入任何数据；有错误的行不会导入，可在 Excel 中改正后重新导入。"))
        layout.addWidget(buttons)
        self.resize(820, 560)

    def confirm(self) -> None:
        try:
            self.summary = self.tab.owner.context.call(apply_reply_import, self.preview)
        except DomainError as exc:
            messages.warn(self, exc.message + "\n\n本次导入没有写入任何数据。", title="导入未完成")
            return
        messages.inform(self, f"已更新 {self.summary.updated} 人的回复状态。")
        self.accept()
