"""会议活动: meetings and activities by year, format and status, with their counts."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services import lookups
from models.services.meeting_queries import MeetingRow, list_meetings, meeting_years
from models.services.meetings import clone_meeting, delete_meeting
from models.vocab import MeetingStatus
from ui import messages
from ui.context import AppContext
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.combos import ChoiceCombo
from ui.window_state import restore_header, save_header

STATE_KEY = "meetings"
STATUS_COLOURS = {MeetingStatus.PREPARING: "#8A5A00", MeetingStatus.NOTIFIED: "#0B4F8A",
                  MeetingStatus.HELD: "#1B6E20", MeetingStatus.ARCHIVED: "#4B5563", MeetingStatus.CANCELLED: "#9CA3AF"}

COLUMNS = [
    RowColumn("日期", lambda m: f"{m.starts_at:%Y-%m-%d %H:%M}" if m.starts_at else "",
              lambda m: m.starts_at or datetime.min),
    RowColumn("形式", lambda m: m.format_name),
    RowColumn("会议名称", lambda m: m.title),
    RowColumn("议题", lambda m: m.topic_title),
    RowColumn("地点", lambda m: m.venue),
    RowColumn("状态", lambda m: m.status),
    RowColumn("邀请", lambda m: str(m.invited), lambda m: m.invited, right=True),
    RowColumn("确认", lambda m: str(m.confirmed), lambda m: m.confirmed, right=True),
    RowColumn("请假", lambda m: str(m.on_leave), lambda m: m.on_leave, right=True),
    RowColumn("出席", lambda m: str(m.attended) if m.status in ("已召开", "已归档") or m.attended else "—",
              lambda m: m.attended, right=True),
]


class MeetingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.all_rows: list[MeetingRow] = []
        self.windows: dict[int, QWidget] = {}
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda m: "#9CA3AF" if m.status == MeetingStatus.CANCELLED else None

        title = QLabel("会议活动")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索会议名称、议题或地点")
        self.search.setClearButtonEnabled(True)
        self.year = ChoiceCombo("全部年度")
        self.format = ChoiceCombo("全部形式")
        self.status = ChoiceCombo("全部状态")
        self.status.set_choices([(s.value, s.value) for s in MeetingStatus])
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        for widget in (self.year, self.format, self.status, self.count_label):
            top.addWidget(widget)

        self.new_button = QPushButton("新建会议…")
        self.open_button = QPushButton("打开")
        self.clone_button = QPushButton("复制为新会议")
        self.delete_button = QPushButton("删除")
        self.new_button.setToolTip("新建会议或活动（Ctrl+N）")
        self.open_button.setToolTip("打开会议：基本信息、议程、参会人员、发言安排、纪要、打印、签到（回车或双击）")
        self.clone_button.setToolTip("复制基本信息、议程和参会名单（不含回执和签到），生成一个筹备中的新会议")
        self.delete_button.setToolTip("只能删除没有参会人员的会议；已邀请过人的会议请改为“已取消”")
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.clone_button.clicked.connect(self.clone_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.clone_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.sectionResized.connect(lambda *_: save_header(context.settings, STATE_KEY, header))
        if not restore_header(context.settings, STATE_KEY, header):
            for column, width in enumerate((130, 90, 320, 200, 180, 70, 50, 50, 50, 50)):
                header.resizeSection(column, width)
            header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_meeting,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.year, self.format, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        context.database_changed.connect(self.reload)
        context.data_changed.connect(self.reload)
        self.reload()

    # -- data ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected()
        self.all_rows = self.context.call(list_meetings)
        self.year.set_choices([(f"{y}年", y) for y in self.context.call(meeting_years)])
        self.format.set_choices([(v.name, v.id) for v in self.context.call(lookups.list_values, "meeting_format")])
        self.apply_filter(select_id=selected.id if selected else None)

    def apply_filter(self, select_id: int | None = None) -> None:
        text = self.search.text().strip().lower()
        year, fmt, status = self.year.value(), self.format.value(), self.status.value()
        rows = [m for m in self.all_rows
                if (year is None or m.year == year) and (fmt is None or m.format_id == fmt)
                and (status is None or m.status == status)
                and (not text or text in f"{m.title} {m.topic_title} {m.venue}".lower())]
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.count_label.setText(f"显示 {len(rows)} / 共 {len(self.all_rows)} 场")
        if select_id is not None:
            self.select(select_id)
        self._update_buttons()

    def select(self, meeting_id: int) -> None:
        for row, meeting in enumerate(self.model.rows):
            if meeting.id == meeting_id:
                self.table.selectRow(row)
                return

    def selected(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.clone_button, self.delete_button):
            button.setEnabled(chosen)

    # -- actions -------------------------------------------------------------------------------------------
    def new_meeting(self) -> None:
        from ui.dialogs.meeting_dialog import MeetingDialog

        dialog = MeetingDialog(self.context, None, self)
        if dialog.exec() == MeetingDialog.DialogCode.Accepted:
            self.context.data_changed.emit()
            self.select(dialog.saved_id)
            self.open_meeting(dialog.saved_id)

    def open_selected(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            self.open_meeting(meeting.id)

    def open_meeting(self, meeting_id: int) -> QWidget:
        """One window per meeting: opening it again brings the existing window forward."""
        from ui.views.meeting_window import MeetingWindow

        window = self.windows.get(meeting_id)
        if window is None or not window.isVisible():
            window = MeetingWindow(self.context, meeting_id, self.window())
            self.windows[meeting_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def clone_selected(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        if not messages.confirm(self, f"以“{meeting.title}”为模板新建一个会议吗？",
                                informative="将复制基本信息、议程和参会名单；回执、签到和出勤不复制。新会议为“筹备中”，"
                                            "请随后修改日期。", yes="复制"):
            return
        try:
            new_id = self.context.call(clone_meeting, meeting.id)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.context.data_changed.emit()
        self.select(new_id)
        self.open_meeting(new_id)

    def delete_selected(self) -> None:
        meeting = self.selected()
        if meeting is None or not messages.confirm(self, f"确定删除“{meeting.title}”吗？", yes="删除", danger=True):
            return
        try:
            self.context.call(delete_meeting, meeting.id)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.context.data_changed.emit()
