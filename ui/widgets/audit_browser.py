"""The 操作日志 list and its detail: a table of entries (时间, 操作人, 操作, 类别, 记录, 改动摘要) read a page at a
time as the user scrolls down, and beside it each changed field of the chosen entry as 字段：旧值 → 新值.

Shared by the 操作日志 window and a record's 修改记录. The owner says what to read (`set_reader`: a service
call taking the session, the last entry shown and how many to read) and when (`reload`); reading runs on the database
executor, never here.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from models.columns import Column
from models.dates import format_datetime
from models.services import audit_log
from ui.operations import run_query
from ui.table_models.row_model import RowTableModel
from ui.widgets.tables import current_row, kept_view, list_table

KEPT_AT_MOST = 2000  # entries read again after a notice, at the most (one query, well under a second)

COLUMNS = (
    Column("at", "时间", text=lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}", sort=lambda r: (r.at, r.id), chars=10),
    Column("operator", "操作人", chars=7),
    Column("action", "操作", chars=3),
    Column("kind", "类别", chars=8),
    Column("title", "记录", chars=12),
    Column("summary", "改动摘要", chars=14),
)


def detail_text(row) -> str:
    """The detail pane's text for one entry: who did what when, then one line per field."""
    verb = {"新增": "新建了", "修改": "修改了", "删除": "删除了"}.get(row.action, row.action)
    head = f"{format_datetime(row.at)}\n{row.operator or '（未记录）'} {verb}{row.kind}“{row.title}”"
    lines = [field.line for field in row.fields]
    if row.action == "修改" and not lines:
        lines = ["（没有记录具体字段）"]
    return "\n".join([head, "", *lines])


class _PagedModel(RowTableModel):
    """Rows arrive a page at a time: the view asks for more (fetchMore) when scrolled to the end."""

    def __init__(self, parent):
        super().__init__(COLUMNS, parent)
        self.more = False
        self.fetch: Callable[[], None] = lambda: None
        self.fetching = False

    def canFetchMore(self, parent=None) -> bool:  # noqa: N802 - Qt API
        return self.more and not self.fetching

    def fetchMore(self, parent=None) -> None:  # noqa: N802 - Qt API
        if self.canFetchMore():
            self.fetching = True
            self.fetch()


class AuditBrowser(QWidget):
    loaded = Signal()  # a page has been shown (tests wait on it)

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._read: Callable | None = None
        self._last = None  # (at, id) of the last entry shown: where the next page starts
        self._generation = 0  # which reload the list shows
        self.model = _PagedModel(self)
        self.model.fetch = self._next_page
        self.table = list_table(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder, single=True)
        self.table.setObjectName("auditTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一条记录，这里列出改动的每一项：字段：原来的值 → 新的值")
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

    def set_reader(self, read: Callable) -> None:
        """`read(session, after, limit)` returns an AuditPage (models.services.audit_log)."""
        self._read = read

    def reload(self, *, keep_shown: bool = False) -> None:
        """The list from the newest entry again: the first page when a filter changed; after a notice
        (`keep_shown`) as many entries as were shown, so someone reading further down keeps their place.
        Selection and scroll are kept."""
        read = self._read
        if read is None:
            return
        self._generation += 1  # a further page still being read belongs to the list before this one
        generation = self._generation
        size = audit_log.PAGE_SIZE
        limit = min(len(self.model.rows) + size, KEPT_AT_MOST) if keep_shown else size  # room for the new ones
        self.model.fetching = True  # and none is asked for until this first page is shown
        run_query(self.context, self, lambda s: read(s, None, limit), key=(id(self), "page"),
                  on_done=lambda page: self._first_page(generation, page))

    def _next_page(self) -> None:
        read, after, generation = self._read, self._last, self._generation
        run_query(self.context, self, lambda s: read(s, after, audit_log.PAGE_SIZE), key=(id(self), "page"),
                  on_done=lambda page: self._more_page(generation, page), on_error=self._fetch_failed)

    def _fetch_failed(self, _error) -> None:
        self.model.fetching = False  # the error policy has told the user; scrolling may try again

    def _first_page(self, generation: int, page) -> None:
        if generation != self._generation:
            return
        with kept_view(self.table):
            self._take(page, [])
        self._show_detail()

    def _more_page(self, generation: int, page) -> None:
        if generation != self._generation:
            return
        with kept_view(self.table):
            self._take(page, self.model.rows)

    def _take(self, page, before: list) -> None:
        self.model.fetching = False
        self.model.more = page.more
        if page.rows:
            self._last = page.last
        elif not before:
            self._last = None
        self.model.set_rows([*before, *page.rows])
        shown = len(self.model.rows)
        self.count_label.setText(f"共 {shown} 条" if not page.more else f"已显示 {shown} 条，向下滚动显示更早的记录")
        if not shown:
            self.count_label.setText("没有符合条件的记录")
        self.loaded.emit()

    def selected(self):
        return current_row(self.table)

    def rows(self) -> list:
        return list(self.model.rows)

    def _show_detail(self) -> None:
        row = self.selected()
        self.detail.setPlainText(detail_text(row) if row is not None else "")


__all__ = ["COLUMNS", "AuditBrowser", "detail_text"]
