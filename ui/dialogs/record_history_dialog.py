"""修改记录: one record's entries of the 操作日志 — the record itself and the rows that are part of it (a
person's 职务, a meeting's agenda and invitees …; models/services/audit_log.py DEPENDENTS), newest first,
with the same list and detail as the 操作日志 window. Opened from an edit dialog's 修改记录… button."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from models.changes import ALL_AREAS
from models.services.audit_log import record_history, record_title
from ui.operations import run_query
from ui.watch import AreaWatch
from ui.widgets.audit_browser import AuditBrowser


class RecordHistoryDialog(QDialog):
    def __init__(self, context, entity: str, record_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.entity, self.record_id = context, entity, record_id
        self.setWindowTitle("修改记录")
        self.browser = AuditBrowser(context, self)
        self.browser.set_reader(lambda s, after, limit: record_history(s, entity, record_id, after=after, limit=limit))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(1240, 600)  # the list's columns and the detail side by side; cut to a smaller screen
        self.watch = AreaWatch(self, context, ALL_AREAS, self.reload)
        self.watch.request()

    def reload(self, _changes=None) -> None:
        entity, record_id = self.entity, self.record_id
        run_query(self.context, self, lambda s: record_title(s, entity, record_id), on_done=self._titled,
                  key=(id(self), "title"))
        self.browser.reload(keep_shown=True)

    def _titled(self, title: str) -> None:
        self.setWindowTitle(f"修改记录 — {title}")


def open_history(owner: QWidget, context, entity: str, record_id: int) -> None:
    """Show the record's 修改记录 over `owner`'s window (modal, like the dialog it is opened from)."""
    from ui.dialogs import exec_dialog

    exec_dialog(RecordHistoryDialog(context, entity, record_id, owner.window()))


__all__ = ["RecordHistoryDialog", "open_history"]
