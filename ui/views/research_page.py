"""调研: the field-research log by year, topic, meeting, kind and member, with counts always in view.

The log is read in the background when the page is first shown and after changes to visits (or to the
units, topics, meetings and people whose names it shows); filters work on the rows already read.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.clock import today
from models.columns import Column, number
from models.services.people_search import visit_participants
from models.services.research import VisitRow, delete_visit, list_visits, visit_delete_refusal, visit_years
from models.text import quoted
from models.vocab import VisitKind
from ui.context import AppContext
from ui.deleting import delete_after_check
from ui.dialogs.visit_dialog import open_visit_dialog
from ui.operations import run_query
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo, TitleCombo
from ui.widgets.tables import current_row, kept_view, list_table, select_keys

AREAS = {Area.VISITS, Area.ORGANIZATIONS, Area.TOPICS, Area.MEETINGS, Area.PEOPLE, Area.RECOMMENDATIONS}  # 建议 counts
COLUMNS = (
    Column("visit_date", "日期", text=lambda v: f"{v.visit_date:%Y-%m-%d}", sort=lambda v: v.visit_date, chars=6),
    Column("kind", "形式", chars=5),
    Column("title", "调研主题", chars=21),
    Column("organizations", "调研单位", chars=14),
    Column("topic_title", "议题", chars=11),
    Column("meeting_title", "关联会议", chars=14),
    Column("participants", "参加人员", chars=19),
    number("attachments", "附件", lambda v: v.attachments, blank_zero=True, chars=3),
    number("recommendations", "建议", lambda v: v.recommendations, blank_zero=True, chars=3),
)


def load_log(session) -> tuple[list[VisitRow], list[int], list[tuple[int, str]]]:
    """The visits, their years and who joined any of them (for the 参加人员 filter)."""
    return list_visits(session), visit_years(session), visit_participants(session)


def recent_first(rows: list[VisitRow], choice) -> list[tuple[str, int]]:
    """The topics (or meetings) the visits belong to, the one visited most recently first, as every other
    picker orders them (an alphabetical list put last year's meeting above this month's)."""
    seen: dict[int, tuple[str, int]] = {}
    for row in sorted(rows, key=lambda v: v.visit_date, reverse=True):
        label, value = choice(row)
        if value is not None and value not in seen:
            seen[value] = (label, value)
    return list(seen.values())


def opening_year(years: list[int]) -> int | None:
    """The year the page opens on: this year if it has visits, else the latest that has (the log of every
    year at once is one choice away, 全部年度)."""
    return today().year if today().year in years else max(years, default=None)


class ResearchPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows: list[VisitRow] = []
        self.loaded = False
        self._pending_select: int | None = None
        self.model = RowTableModel(COLUMNS, self)
        title = QLabel("调研")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索调研主题、单位、地点或参加人员")
        self.search.setClearButtonEnabled(True)
        self.year, self.kind = ChoiceCombo("全部年度"), ChoiceCombo("全部形式")
        self.kind.set_choices([(k.value, k.value) for k in VisitKind])
        self.topic, self.meeting = TitleCombo("全部议题"), TitleCombo("全部会议")
        self.member = ChoiceCombo("全部人员")
        self.member.setEditable(True)
        self.member.setToolTip("只看某位委员参加的调研（可输入姓名查找）")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        filters = QHBoxLayout()
        for widget in (self.year, self.kind, self.topic, self.meeting, self.member):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.counts = QLabel("正在读取调研记录…")
        self.counts.setObjectName("countLabel")
        self.add_button, self.edit_button, self.delete_button = (QPushButton(t) for t in ("新增调研…", "编辑…", "删除"))
        self.add_button.setToolTip("新增调研、视察、座谈或走访记录（Ctrl+N）")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        edits(context, self.add_button, self.edit_button, self.delete_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.counts)
        self.table = list_table(self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder, single=True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence.StandardKey.New, self, self.add, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.year, self.kind, self.topic, self.meeting, self.member):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.watch = AreaWatch(self, context, AREAS, self.reload)
        self.watch.request()

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        run_query(self.context, self, load_log, on_done=self._loaded, key=(id(self), "visits"),
                  label="正在读取调研记录…")

    def _loaded(self, result) -> None:
        self.rows, years, participants = result
        first = not self.loaded
        self.loaded = True
        self.year.set_choices([(f"{y}年", y) for y in years])
        pending = next((v for v in self.rows if v.id == self._pending_select), None)
        year = opening_year(years) if first else self.year.value()  # later reloads keep the user's choice
        if pending is not None and year not in (None, pending.visit_date.year):
            year = pending.visit_date.year  # a visit just saved in another year: shown there, not hidden
        was_blocked = self.year.blockSignals(True)  # the table is shown once, below
        self.year.set_value(year)
        self.year.blockSignals(was_blocked)
        self.topic.set_choices(recent_first(self.rows, lambda v: (v.topic_title, v.topic_id)))
        self.meeting.set_choices(recent_first(self.rows, lambda v: (v.meeting_title, v.meeting_id)))
        self.member.set_choices([(name, pid) for pid, name in participants])
        with kept_view(self.table):
            self._show()
        if self._pending_select is not None and select_keys(self.table, [self._pending_select]):
            self._pending_select = None

    def apply_filter(self) -> None:
        with kept_view(self.table, follow_selection=True):
            self._show()

    def _show(self) -> None:
        text = self.search.text().strip().lower()
        year, kind, topic, meeting = self.year.value(), self.kind.value(), self.topic.value(), self.meeting.value()
        member = self.member.value()
        shown = [v for v in self.rows
                 if (year is None or v.visit_date.year == year) and (kind is None or v.kind == kind)
                 and (topic is None or v.topic_id == topic) and (meeting is None or v.meeting_id == meeting)
                 and (member is None or member in v.participant_ids)
                 and (not text or text in f"{v.title} {v.organizations} {v.place} {v.participants}".lower())]
        self.model.set_rows(shown)  # keeps the sort the user chose
        by_kind = " · ".join(f"{k.value} {n}" for k in VisitKind if (n := sum(v.kind == k for v in shown)))
        self.counts.setText(f"共 {len(shown)} 次调研" + (f"（{by_kind}）" if by_kind else "")
                            + (f"，全部 {len(self.rows)} 次" if len(shown) != len(self.rows) else ""))

    def selected(self) -> VisitRow | None:
        return current_row(self.table)

    # -- actions --------------------------------------------------------------------------------------------
    def _select_when_loaded(self, visit_id: int | None) -> None:
        """The saved visit is selected once the reload its save caused has arrived."""
        if visit_id and select_keys(self.table, [visit_id]) == 0:
            self._pending_select = visit_id

    def add(self) -> None:
        open_visit_dialog(self.context, self, None, on_saved=self._select_when_loaded)

    def edit(self) -> None:
        visit = self.selected()
        if visit:
            open_visit_dialog(self.context, self, visit.id)

    def delete(self) -> None:
        visit = self.selected()
        if visit is None:
            return
        attachments_dir = self.context.paths.attachments_dir
        delete_after_check(self.context, self, refusal=lambda s: visit_delete_refusal(s, visit.id),
                           question=f"删除调研记录{quoted(visit.title)}吗？", informative="附件文件会一并删除。",
                           delete=lambda s: delete_visit(s, visit.id, attachments_dir))
