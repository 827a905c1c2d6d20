"""操作日志: who changed what and when, for the whole database — filtered by date, operator, kind of record and
text; each entry's fields beside the list; the filtered list to Excel. Reading only: an account that may
only view opens it too. Every saved change writes entries, so any change notice reloads it.
"""

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.changes import ALL_AREAS
from models.services.audit_log import AuditFilter, filter_choices, list_entries
from ui.files import ask_save_path, show_saved
from ui.operations import run_background, run_query
from ui.watch import AreaWatch
from ui.widgets.audit_browser import AuditBrowser
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit
from ui.window_state import restore_window, save_window

STATE_KEY = "audit_log_window"
EXPORT_LIMIT = 100_000  # entries in one Excel export (a sheet holds a million rows; this is a year or more)


class AuditLogWindow(QWidget):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("操作日志")
        self.date_from, self.date_to = DateEdit(optional=True, empty_text="不限"), DateEdit(optional=True,
                                                                                          empty_text="不限")
        self.operator = ChoiceCombo("全部操作人")
        self.operator.setObjectName("auditOperator")
        self.kind = ChoiceCombo("全部类别")
        self.kind.setObjectName("auditKind")
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText("搜索姓名、标题或改动内容")
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setToolTip("把符合当前条件的全部记录导出为 Excel")
        self.export_button.clicked.connect(self.export)
        close_button = QPushButton("关闭")
        close_button.clicked.connect(self.close)
        self.browser = AuditBrowser(context, self)

        filters = QHBoxLayout()
        for label, widget in (("日期从", self.date_from), ("到", self.date_to), ("操作人", self.operator),
                              ("类别", self.kind)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("本机和其他电脑保存的每一次新建、修改、删除都记在这里，只能查看，不能修改。"), 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)

        self._typing = QTimer(self, singleShot=True, interval=300)  # one search per pause in typing
        self._typing.timeout.connect(self._filter_changed)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        for combo in (self.operator, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        for edit in (self.date_from, self.date_to):
            edit.valueChanged.connect(lambda _v: self._filter_changed())
        self.browser.set_reader(lambda s, after, limit: list_entries(s, self._filter, after=after, limit=limit))
        self._filter = AuditFilter()
        restore_window(context.settings, STATE_KEY, self, QSize(1280, 660))
        self.watch = AreaWatch(self, context, ALL_AREAS, self.reload)
        self.watch.request()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(date_from=self.date_from.value(), date_to=self.date_to.value(),
                           operator=self.operator.value(), entity=self.kind.value(), text=self.search.text().strip())

    def _filter_changed(self) -> None:
        wanted = self.current_filter()
        if wanted != self._filter:
            self._filter = wanted
            self.browser.reload()

    def reload(self, _changes=None) -> None:
        """A notice (or the first show): new entries, and perhaps a new operator or kind for the combos."""
        run_query(self.context, self, filter_choices, on_done=self._choices, key=(id(self), "choices"))
        wanted = self.current_filter()
        same_filter, self._filter = wanted == self._filter, wanted
        self.browser.reload(keep_shown=same_filter)

    def _choices(self, choices) -> None:
        self.operator.set_choices([(name, name) for name in choices.operators])
        self.kind.set_choices([(label, table) for table, label in choices.kinds])

    def export(self) -> None:
        path = ask_save_path(self, self.context, "导出操作日志", "操作日志")
        if path is None:
            return
        flt = self._filter

        def read(session):
            page = list_entries(session, flt, limit=EXPORT_LIMIT)
            return list(page.rows), page.more

        def write(loaded) -> None:
            from models.exports.audit_xlsx import export_audit_log

            rows, cut = loaded
            run_background(self.context, self, lambda _ctx: export_audit_log(rows, path, describe(flt), cut=cut),
                           label="正在导出操作日志…", on_done=lambda saved: show_saved(self, saved, "操作日志"))

        run_query(self.context, self, read, on_done=write, label="正在读取操作日志…")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        save_window(self.context.settings, STATE_KEY, self)
        super().closeEvent(event)


def describe(flt: AuditFilter) -> str:
    """The filter in words, for the export's subtitle."""
    from models.audit_labels import table_label
    from models.dates import format_date

    parts = []
    if flt.date_from or flt.date_to:
        parts.append(f"{format_date(flt.date_from) or '最早'}至{format_date(flt.date_to) or '今'}")
    if flt.operator:
        parts.append(f"操作人：{flt.operator}")
    if flt.entity:
        parts.append(f"类别：{table_label(flt.entity)}")
    if flt.text:
        parts.append(f"含“{flt.text}”")
    return "，".join(parts) or "全部记录"


__all__ = ["AuditLogWindow", "describe"]
