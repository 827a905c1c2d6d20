"""One meeting's window: 基本信息, 议程, 参会人员, 座次, 发言安排, 会议纪要, plus status, printing, sign-in, Excel.

The window reads its meeting (with the list and the agenda) in one query, and again when a notice touches
this meeting; it is deleted when closed, and with it its connection to the notices.
"""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.errors import NotFoundError
from models.services.meeting_queries import (
    InviteeRow,
    MeetingRow,
    attendance_counts,
    chinese_date,
    get_meeting,
    list_agenda,
    list_invitees,
)
from models.services.meetings import change_meeting_status
from models.text import quoted
from models.vocab import MEETING_TRANSITIONS, MeetingStatus
from ui import messages
from ui.context import AppContext
from ui.dialogs import exec_dialog
from ui.dialogs.meeting_dialog import load_form_choices
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.resources import icon
from ui.views.meeting_invitees_tab import InviteesTab
from ui.views.meeting_tabs import AgendaTab, InfoTab, MinutesTab, SpeechesTab
from ui.views.seat_plan_tab import SeatPlanTab
from ui.watch import AreaWatch
from ui.widgets.cut_tips import show_cut_text_in
from ui.window_state import restore_window, save_window

STATE_KEY = "meeting_window"
# the printing module's SheetKind values
SHEETS = ("签到表", "桌签", "座次表", "会议通知", "参会名单", "议程", "催报名单", "参会证")
# What the button for moving to a status says.
STATUS_ACTIONS = {MeetingStatus.NOTIFIED: "标记为已发通知", MeetingStatus.HELD: "会议已召开（确定出勤）",
                  MeetingStatus.ARCHIVED: "归档", MeetingStatus.CANCELLED: "取消会议",
                  MeetingStatus.PREPARING: "恢复为筹备中"}
AREAS = {Area.MEETINGS, Area.ATTENDANCE, Area.AGENDA, Area.PEOPLE, Area.MEMBERSHIPS, Area.LOOKUPS, Area.TOPICS}
CHOICE_AREAS = {Area.LOOKUPS, Area.TOPICS}  # what the 基本信息 fields offer


class MeetingWindow(QMainWindow):
    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.Window)
        self.context, self.meeting_id = context, meeting_id
        self.setWindowIcon(icon("meetings.svg"))
        self.setWindowTitle("正在读取会议… — 会议活动")
        self.meeting: MeetingRow | None = None
        self.invitees: list[InviteeRow] = []
        self.agenda = []
        self.choices = None
        self.sign_in = None

        self.heading = QLabel("正在读取…")
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setObjectName("pageLead")
        self.status_label = QLabel()
        self.status_label.setObjectName("badge")
        self.status_buttons = QHBoxLayout()
        self.print_button = QToolButton()
        self.print_button.setText("打印")
        self.print_button.setToolTip("签到表、桌签、座次表、会议通知及回执、参会名单、议程、催报名单、参会证（二维码）："
                                     "预览、打印或存为 PDF")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setMenu(self._print_menu())
        self.excel_button = QToolButton()
        self.excel_button.setText("Excel")
        self.excel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.excel_button.setMenu(self._excel_menu())
        self.sign_in_button = QPushButton("签到模式")
        self.sign_in_button.setToolTip("会议当天在门口签到用的全屏界面（F9）")
        self.sign_in_button.clicked.connect(self.open_sign_in)
        self.paper_button = QPushButton("按签到表补录…")
        self.paper_button.setToolTip("会后按纸质签到表勾选出席人员（不记录签到时间）")
        self.paper_button.clicked.connect(self.record_from_paper)
        sign_in = QAction(self)
        sign_in.setShortcut(QKeySequence("F9"))
        sign_in.triggered.connect(self.open_sign_in)
        self.addAction(sign_in)
        edits(self.context, self.sign_in_button, self.paper_button, sign_in)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.addLayout(self.status_buttons)
        actions.addStretch(1)
        for widget in (self.sign_in_button, self.paper_button, self.print_button, self.excel_button):
            actions.addWidget(widget)

        self.tabs = QTabWidget()
        self.info_tab = InfoTab(self)
        self.agenda_tab = AgendaTab(self)
        self.invitees_tab = InviteesTab(self)
        self.seat_tab = SeatPlanTab(self)
        self.speeches_tab = SpeechesTab(self)
        self.minutes_tab = MinutesTab(self)
        for tab, label in ((self.info_tab, "基本信息"), (self.agenda_tab, "议程"), (self.invitees_tab, "参会人员"),
                           (self.seat_tab, "座次"), (self.speeches_tab, "发言安排"), (self.minutes_tab, "会议纪要")):
            self.tabs.addTab(tab, label)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.statusBar()  # where saves say they saved (ui.messages.saved), there from the start
        restore_window(context.settings, STATE_KEY, self, QSize(1180, 760))
        show_cut_text_in(self)
        self._set_enabled(False)
        self.watch = AreaWatch(self, context, AREAS, self.reload, relevant=self._concerns)
        self.watch.request()

    # -- data --------------------------------------------------------------------------------------------
    def _concerns(self, changes: Changes) -> bool:
        mine = self.meeting_id
        return (changes.touches_record(Area.MEETINGS, mine) or changes.touches_record(Area.ATTENDANCE, mine)
                or changes.touches_record(Area.AGENDA, mine)
                or bool(changes.areas & (CHOICE_AREAS | {Area.PEOPLE, Area.MEMBERSHIPS})))

    def reload(self, changes: Changes) -> None:
        if changes.everything and self.meeting is not None:  # another database was opened
            self.close()
            return
        meeting_id = self.meeting_id
        with_choices = self.choices is None or changes.everything or bool(changes.areas & CHOICE_AREAS)

        def load(session):
            return (get_meeting(session, meeting_id), list_invitees(session, meeting_id),
                    list_agenda(session, meeting_id), load_form_choices(session) if with_choices else None)

        run_query(self.context, self, load, on_done=self._loaded, on_error=self._gone, key=(id(self), "meeting"),
                  label="正在读取会议…")

    def _gone(self, exc: BaseException) -> bool:
        if isinstance(exc, NotFoundError):  # deleted meanwhile (elsewhere, or by a colleague)
            self.close()
            return True
        return False

    def _loaded(self, result) -> None:
        self.meeting, self.invitees, self.agenda, choices = result
        if choices is not None:
            self.choices = choices
            self.info_tab.form.set_choices(choices)
        m = self.meeting
        self.setWindowTitle(f"{m.title} — 会议活动")
        self.heading.setText(m.title)
        self.subheading.setText("　".join(filter(None, [m.format_name, chinese_date(m.starts_at), m.venue])))
        self.status_label.setText(m.status)
        self._status_buttons()
        self._set_enabled(True)
        for tab in (self.info_tab, self.agenda_tab, self.invitees_tab, self.seat_tab, self.speeches_tab,
                    self.minutes_tab):
            tab.refresh()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.tabs, self.print_button, self.excel_button, self.sign_in_button):
            widget.setEnabled(enabled)

    def counts(self):
        return attendance_counts(self.invitees)

    def _status_buttons(self) -> None:
        while self.status_buttons.count():
            widget = self.status_buttons.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for status in MEETING_TRANSITIONS.get(self.meeting.status, ()):
            button = QPushButton(STATUS_ACTIONS.get(status, status))
            button.clicked.connect(lambda _c=False, s=status: self.change_status(s))
            self.status_buttons.addWidget(button)
            edits(self.context, button)

    def change_status(self, status: str) -> None:
        m = self.meeting
        if status == MeetingStatus.HELD:
            counts = self.counts()
            question = (f"确认会议已召开吗？将按签到情况确定每人的出勤：已签到 {counts.present} 人为“出席”，"
                        f"请假 {counts.on_leave} 人为“请假”，其余 {counts.absent} 人为“缺席”。")
        elif status == MeetingStatus.CANCELLED:
            question = f"确定取消{quoted(m.title)}吗？参会名单和回执会保留，以后可恢复为筹备中。"
        else:
            question = f"将会议状态改为“{status}”吗？"
        if not messages.confirm(self, question, yes=STATUS_ACTIONS.get(status, "确定"),
                                danger=status == MeetingStatus.CANCELLED):
            return
        run_command(self.context, self, lambda s: change_meeting_status(s, m.id, status, expected_version=m.version))

    # -- menus ---------------------------------------------------------------------------------------------
    def _print_menu(self) -> QMenu:
        menu = QMenu(self)
        for name in SHEETS:
            menu.addAction(f"{name}…", lambda n=name: self.print_sheet(n))
        return menu

    def _excel_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("导出参会名单（当前显示的列和顺序）…", lambda: self.invitees_tab.export_roster())
        menu.addSeparator()
        menu.addAction("导出回执登记表…", lambda: self.invitees_tab.export_reply_sheet())
        menu.addAction("导入填好的回执登记表…", lambda: self.invitees_tab.import_replies())
        edits(self.context, menu.actions()[-1])
        menu.addAction("导出催报名单（未回执人员）…", lambda: self.invitees_tab.export_chase_list())
        return menu

    def print_sheet(self, name: str) -> None:
        from models.printing import SheetKind
        from ui.dialogs.print_dialog import open_print_dialog

        open_print_dialog(self, SheetKind(name))

    def _closed_for(self, what: str) -> bool:
        """A cancelled or archived meeting takes no attendance (said, not silently ignored)."""
        if self.meeting is None:
            return True
        if self.meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.ARCHIVED):
            messages.warn(self, f"会议状态为“{self.meeting.status}”，不能{what}。")
            return True
        return False

    def open_sign_in(self) -> None:
        from ui.views.sign_in_window import SignInWindow

        if self._closed_for("签到"):
            return
        self.sign_in = SignInWindow(self.context, self.meeting, self.invitees, self)
        show_cut_text_in(self.sign_in)
        self.sign_in.showFullScreen()

    def record_from_paper(self) -> None:
        from ui.dialogs.paper_attendance_dialog import PaperAttendanceDialog

        if self._closed_for("补录出席"):
            return
        exec_dialog(PaperAttendanceDialog(self.context, self.meeting, self.invitees, self))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        unsaved = [name for name, tab in (("基本信息", self.info_tab), ("座次", self.seat_tab),
                                          ("会议纪要", self.minutes_tab)) if tab.dirty()]
        if unsaved and messages.ask_discard(self, can_save=False, informative=f"{'、'.join(unsaved)}有修改尚未保存。"
                                            "如要保留，请点“继续编辑”，再点该标签页中的保存按钮。") != messages.DISCARD:
            event.ignore()
            return
        save_window(self.context.settings, STATE_KEY, self)
        event.accept()
