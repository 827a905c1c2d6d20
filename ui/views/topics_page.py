"""议题与计划: the topic pool (征集, 评分, 遴选) and the year's consultation plan, for a chosen year.

The page reads only the years; each tab reads its own list (its AreaWatch), so a hidden tab waits until
it is shown. The tabs' first load is asked for once the year is known, never with a guessed year.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.clock import today
from models.services.plans import plan_years
from models.services.topic_scores import topic_years
from ui.context import AppContext
from ui.operations import run_query
from ui.views.plan_tab import PlanTab
from ui.views.topic_pool_tab import TopicPoolTab
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo


class TopicsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        # A plain attribute, set on the GUI thread: print queries read it on the database worker.
        self.year: int | None = None
        title = QLabel("议题与计划")
        title.setObjectName("pageTitle")
        self.year_combo = ChoiceCombo(empty_label=None)
        self.year_combo.setToolTip("议题和协商计划所属的年度")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_combo)
        self.tabs = QTabWidget()
        self.pool_tab = TopicPoolTab(self)
        self.plan_tab = PlanTab(self)
        self.tabs.addTab(self.pool_tab, "议题库（征集与遴选）")
        self.tabs.addTab(self.plan_tab, "年度协商计划")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_chosen(self.year_combo.value()))
        self.watch = AreaWatch(self, context, {Area.TOPICS, Area.PLAN}, self.reload_years)
        self.watch.request()

    def reload_years(self, _changes: Changes | None = None) -> None:
        run_query(self.context, self, lambda s: (topic_years(s), plan_years(s)), on_done=self._years_loaded,
                  key=(id(self), "years"), label="正在读取年度…")

    def _years_loaded(self, result) -> None:
        with_topics, planned = result
        years = set(with_topics) | set(planned) | {today().year, today().year + 1}
        current = self.year
        self.year_combo.blockSignals(True)
        self.year_combo.set_choices([(f"{y}年", y) for y in sorted(years, reverse=True)], keep=False)
        # the latest year that has topics is what the office is working on
        self.year_combo.set_value(current if current in years else (with_topics[0] if with_topics else today().year))
        self.year_combo.blockSignals(False)
        self._year_chosen(self.year_combo.value())

    def _year_chosen(self, year: int | None) -> None:
        year = year or today().year
        if year == self.year:
            return
        self.year = year
        for tab in (self.pool_tab, self.plan_tab):
            tab.watch.request()

    def show_plan(self) -> None:
        self.tabs.setCurrentWidget(self.plan_tab)

    def open_meeting(self, meeting_id: int) -> None:
        """Through the 会议活动 page, so each meeting still has one window."""
        window = self.window()
        pages = getattr(window, "page", None)
        if callable(pages):
            pages("meetings").open_meeting(meeting_id)
            return
        from ui.views.meeting_window import MeetingWindow

        meeting = MeetingWindow(self.context, meeting_id, self)
        meeting.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        meeting.show()
