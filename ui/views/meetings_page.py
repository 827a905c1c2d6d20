"""会议活动: meetings and activities by year, format and status, with their counts.

A change to some meetings' lists (a check-in, a reply) reloads only those meetings' rows.
"""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.columns import RIGHT, Column, number
from models.services import lookups
from models.services.meeting_queries import MeetingRow, list_meetings
from models.services.meetings import clone_meeting, delete_meeting, meeting_delete_refusal
from models.text import quoted
from models.vocab import MeetingStatus
from ui import messages, status_colours
from ui.context import AppContext
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.row_refresh import RowRefresh, changed_ids, merged
from ui.table_models.row_model import RowTableModel
from ui.tasks import alive
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo
from ui.widgets.tables import current_row, kept_view, list_table, select_keys
from ui.window_state import restore_header, save_header

STATE_KEY = "meetings"
AREAS = {Area.MEETINGS, Area.ATTENDANCE, Area.LOOKUPS, Area.TOPICS}
HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)

COLUMNS = [
    Column("starts_at", "日期", text=lambda m: f"{m.starts_at:%Y-%m-%d %H:%M}" if m.starts_at else "", chars=8,
           sort=lambda m: m.starts_at or datetime.min),
    Column("format_name", "形式", chars=6),
    Column("title", "会议名称", chars=22),
    Column("topic_title", "议题", chars=14),
    Column("venue", "地点", chars=12),
    Column("status", "状态", chars=4),
    number("invited", "邀请", lambda m: m.invited, chars=2),
    number("confirmed", "确认", lambda m: m.confirmed, chars=2),
    number("on_leave", "请假", lambda m: m.on_leave, chars=2),
    Column("attended", "出席", text=lambda m: str(m.attended) if m.status in HELD or m.attended else "—", chars=2,
           align=RIGHT, sort=lambda m: m.attended),
]


class MeetingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.all_rows: list[MeetingRow] = []
        self.windows: dict[int, QWidget] = {}
        self.refresh = RowRefresh()
        self._select_after: int | None = None
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda m: status_colours.MEETING_STATUS.get(m.status)

        title = QLabel("会议活动")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索会议名称、议题或地点")
        self.search.setClearButtonEnabled(True)
        self.year = ChoiceCombo("全部年度")
        self.format = ChoiceCombo("全部形式")
        self.status = ChoiceCombo("全部状态")
        self.status.set_choices([(s.value, s.value) for s in MeetingStatus])
        self.count_label = QLabel("正在读取…")
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
        edits(context, self.new_button, self.clone_button, self.delete_button)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.clone_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.table = list_table(self.model, sort_column=None, single=True, movable=True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        header = self.table.horizontalHeader()
        if not restore_header(context.settings, STATE_KEY, header):
            header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sectionResized.connect(lambda *_: save_header(context.settings, STATE_KEY, header))
        header.sortIndicatorChanged.connect(lambda *_: save_header(context.settings, STATE_KEY, header))

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
        self._update_buttons()
        self.watch = AreaWatch(self, context, AREAS, self.reload)
        self.watch.request()

    # -- data ------------------------------------------------------------------------------------------
    def reload(self, changes: Changes) -> None:
        ids = changed_ids(changes, (Area.MEETINGS, Area.ATTENDANCE), full=(Area.LOOKUPS, Area.TOPICS))
        wanted, token = self.refresh.want(ids)
        if wanted is not None:
            chosen = sorted(wanted)
            run_query(self.context, self, lambda s: list_meetings(s, meeting_ids=chosen),
                      on_done=lambda rows: self._merge(token, chosen, rows), key=(id(self), "list"))
            return

        def load(session):
            return list_meetings(session), lookups.list_values(session, "meeting_format")

        run_query(self.context, self, load, on_done=lambda result: self._loaded(token, result),
                  key=(id(self), "list"), label="正在读取会议…")

    def _loaded(self, token, result) -> None:
        rows, formats = result
        self.refresh.answered(token, whole=True)
        self.all_rows = rows
        self.format.set_choices([(v.name, v.id) for v in formats])
        self._show_rows()

    def _merge(self, token, ids: list[int], rows: list[MeetingRow]) -> None:
        self.refresh.answered(token, whole=False)
        self.all_rows = merged(self.all_rows, ids, rows)
        self._show_rows()

    def _show_rows(self) -> None:
        """The rows changed: the year choices follow them (a meeting cloned into a new year adds its year)."""
        years = sorted({m.year for m in self.all_rows if m.year is not None}, reverse=True)
        self.year.set_choices([(f"{y}年", y) for y in years])
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.search.text().strip().lower()
        year, fmt, status = self.year.value(), self.format.value(), self.status.value()
        rows = [m for m in self.all_rows
                if (year is None or m.year == year) and (fmt is None or m.format_id == fmt)
                and (status is None or m.status == status)
                and (not text or text in f"{m.title} {m.topic_title} {m.venue}".lower())]
        with kept_view(self.table):
            self.model.set_rows(rows)
        if self._select_after is not None and select_keys(self.table, [self._select_after]):
            self._select_after = None
        self.count_label.setText(f"显示 {len(rows)} / 共 {len(self.all_rows)} 场")
        self._update_buttons()

    def select(self, meeting_id: int) -> None:
        if not select_keys(self.table, [meeting_id]):
            self._select_after = meeting_id  # once the reload that brings it has arrived

    def selected(self) -> MeetingRow | None:
        return current_row(self.table)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.clone_button, self.delete_button):
            button.setEnabled(chosen)

    # -- actions -------------------------------------------------------------------------------------------
    def new_meeting(self) -> None:
        from ui.dialogs.meeting_dialog import MeetingDialog, load_form_choices

        def opened(choices) -> None:
            dialog = MeetingDialog(self.context, choices, self)
            if exec_dialog(dialog):
                self.select(dialog.saved_id)
                self.open_meeting(dialog.saved_id)

        run_query(self.context, self, load_form_choices, on_done=opened)

    def open_selected(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            self.open_meeting(meeting.id)

    def open_meeting(self, meeting_id: int) -> QWidget:
        """One window per meeting: opening it again brings the existing window forward."""
        from ui.views.meeting_window import MeetingWindow

        self.windows = {key: w for key, w in self.windows.items() if alive(w)}  # closed windows are deleted
        window = self.windows.get(meeting_id)
        if window is None:
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
        if not messages.confirm(self, f"以{quoted(meeting.title)}为模板新建一个会议吗？",
                                informative="将复制基本信息、议程和参会名单；回执、签到和出勤不复制。新会议为“筹备中”，"
                                            "请随后修改日期。", yes="复制"):
            return

        def cloned(new_id: int) -> None:
            self.select(new_id)
            self.open_meeting(new_id)

        run_command(self.context, self, lambda s: clone_meeting(s, meeting.id), on_done=cloned, label="正在复制会议…")

    def delete_selected(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            delete_after_check(self.context, self, refusal=lambda s: meeting_delete_refusal(s, meeting.id),
                               question=f"确定删除{quoted(meeting.title)}吗？",
                               delete=lambda s: delete_meeting(s, meeting.id))

