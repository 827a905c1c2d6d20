"""议题与计划: the topic pool (征集, 评分, 遴选) and the year's consultation plan, for a chosen year."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from models.clock import today
from models.services.plans import plan_years
from models.services.topic_scores import topic_years
from ui.context import AppContext
from ui.views.plan_tab import PlanTab
from ui.views.topic_pool_tab import TopicPoolTab
from ui.widgets.combos import ChoiceCombo


class TopicsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
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
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        context.database_changed.connect(self.reload_years)
        context.data_changed.connect(self.refresh)
        self.reload_years()

    @property
    def year(self) -> int:
        return self.year_combo.value() or today().year

    def reload_years(self) -> None:
        years = set(self.context.call(topic_years)) | set(self.context.call(plan_years))
        years |= {today().year, today().year + 1}
        current = self.year_combo.value()
        self.year_combo.blockSignals(True)
        self.year_combo.set_choices([(f"{y}年", y) for y in sorted(years, reverse=True)], keep=False)
        # the latest year that has topics is what the office is working on
        with_topics = self.context.call(topic_years)
        self.year_combo.set_value(current if current in years else (with_topics[0] if with_topics else today().year))
        self.year_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        self.pool_tab.refresh()
        self.plan_tab.refresh()

    def changed(self) -> None:
        self.context.data_changed.emit()

    def show_plan(self) -> None:
        self.tabs.setCurrentWidget(self.plan_tab)

    def open_meeting(self, meeting_id: int) -> None:
        """Through the 会议活动 page, so each meeting still has one window."""
        window = self.window()
        meetings = getattr(window, "pages", {}).get("meetings")
        if meetings is not None:
            meetings.open_meeting(meeting_id)
        else:
            from ui.views.meeting_window import MeetingWindow

            MeetingWindow(self.context, meeting_id, self).show()
