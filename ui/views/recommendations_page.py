"""意见建议: entered per meeting, salon or visit; their lifecycle; 超期未复; 专报 and 批示."""

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QTabWidget, QVBoxLayout, QWidget
from sqlmodel import select

from models.clock import today
from models.services.meeting_queries import list_meetings
from models.services.recommendation_entry import Source
from models.services.recommendation_queries import list_recommendations
from models.services.research import list_visits
from models.tables import Recommendation
from models.vocab import RecommendationSource
from ui.context import AppContext
from ui.views.bulletins_tab import BulletinsTab
from ui.views.recommendation_list_tab import RecommendationListTab
from ui.widgets.combos import ChoiceCombo


def recommendation_years(session) -> list[int]:
    return sorted(set(session.exec(select(Recommendation.year).distinct())), reverse=True)


class RecommendationsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows = []
        title = QLabel("意见建议")
        title.setObjectName("pageTitle")
        self.year_combo = ChoiceCombo(empty_label=None)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_combo)
        self.tabs = QTabWidget()
        self.list_tab = RecommendationListTab(self)
        self.overdue_tab = RecommendationListTab(self, overdue_only=True)
        self.bulletins_tab = BulletinsTab(self)
        self.tabs.addTab(self.list_tab, "意见建议")
        self.tabs.addTab(self.overdue_tab, "超期未复")
        self.tabs.addTab(self.bulletins_tab, "专报与批示")
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
        years = set(self.context.call(recommendation_years)) | {today().year}
        current = self.year_combo.value()
        self.year_combo.blockSignals(True)
        self.year_combo.set_choices([(f"{y}年", y) for y in sorted(years, reverse=True)], keep=False)
        with_data = self.context.call(recommendation_years)
        self.year_combo.set_value(current if current in years else (with_data[0] if with_data else today().year))
        self.year_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.context.call(list_recommendations, year=self.year)
        overdue = sum(r.overdue for r in self.rows)
        self.tabs.setTabText(1, f"超期未复（{overdue}）" if overdue else "超期未复")
        for tab in (self.list_tab, self.overdue_tab, self.bulletins_tab):
            tab.refresh()

    def changed(self) -> None:
        self.context.data_changed.emit()

    def sources(self) -> list[tuple[str, Source]]:
        """Everything recommendations of the year can come from: its meetings and visits, 提案, 社情民意."""
        year = self.year
        meetings = [m for m in self.context.call(list_meetings, year=year) if m.status != "已取消"]
        visits = self.context.call(list_visits, year=year)
        choices = [(f"{m.format_name}：{m.title}（{m.starts_at:%m-%d}）" if m.starts_at else m.title,
                    Source(year, RecommendationSource.MEETING, meeting_id=m.id)) for m in meetings]
        choices += [(f"调研：{v.title}（{v.visit_date:%m-%d}）", Source(year, RecommendationSource.VISIT,
                                                                     field_visit_id=v.id)) for v in visits]
        choices += [(f"{kind.value}（{year}年，不对应会议或调研）", Source(year, kind.value))
                    for kind in (RecommendationSource.PROPOSAL, RecommendationSource.SOCIAL_CONDITIONS)]
        return choices

    def open_entry(self, source: Source | None = None, label: str | None = None) -> None:
        from ui.dialogs.entry_dialog import EntryDialog

        if source is None:
            choices = self.sources()
            labels = [text for text, _ in choices]
            chosen, ok = QInputDialog.getItem(self, "按来源录入意见建议", "选择会议、沙龙、调研或其他来源：",
                                              labels, 0, False)
            if not ok:
                return
            label, source = choices[labels.index(chosen)]
        dialog = EntryDialog(self.context, source, label or source.kind, self)
        dialog.exec()
        if dialog.changed:
            self.changed()


__all__ = ["RecommendationsPage"]
