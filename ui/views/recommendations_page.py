"""意见建议: entered per meeting, salon or visit; their lifecycle; 超期未复; 专报 and 批示.

The page reads the year's recommendations once for its two lists (意见建议 and 超期未复) when first shown
and after changes to recommendations or to the meetings, visits, units and people whose names they show;
the 专报与批示 tab reads its bulletins itself, when it is shown.
"""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.clock import today
from models.services.recommendation_entry import Source
from models.services.recommendation_queries import RecommendationRow, list_recommendations, recommendation_years
from models.services.recommendation_sources import SourceChoice, entry_sources
from ui.context import AppContext
from ui.dialogs import exec_dialog
from ui.operations import run_query
from ui.views.bulletins_tab import BulletinsTab
from ui.views.recommendation_list_tab import RecommendationListTab
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo

AREAS = {Area.RECOMMENDATIONS, Area.ORGANIZATIONS, Area.MEETINGS, Area.VISITS, Area.PEOPLE}


def load_year(session, wanted: int | None) -> tuple[list[int], int, list[RecommendationRow]]:
    """The years with recommendations, the year to show (the one asked for, else the latest with data)
    and its recommendations."""
    with_data = recommendation_years(session)
    years = set(with_data) | {today().year}
    year = wanted if wanted in years else (with_data[0] if with_data else today().year)
    return with_data, year, list_recommendations(session, year=year)


class RecommendationsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows: list[RecommendationRow] = []
        self.loaded_year: int | None = None  # the year self.rows belong to (None until the first load)
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
        self._filling = False  # while the year combo is refilled (ChoiceCombo emits as it refills)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.watch = AreaWatch(self, context, AREAS, self.reload)
        self.watch.request()

    @property
    def year(self) -> int:
        return self.year_combo.value() or self.loaded_year or today().year

    # -- data -----------------------------------------------------------------------------------------------
    def _year_chosen(self) -> None:
        if not self._filling and self.year_combo.value() != self.loaded_year:
            self.watch.request()

    def reload(self, _changes: Changes | None = None) -> None:
        wanted = self.year_combo.value()
        run_query(self.context, self, lambda s: load_year(s, wanted), on_done=self._loaded,
                  key=(id(self), "recommendations"), label="正在读取意见建议…")

    def _loaded(self, result) -> None:
        with_data, year, self.rows = result
        years = sorted(set(with_data) | {today().year}, reverse=True)
        self._filling = True
        try:
            self.year_combo.set_choices([(f"{y}年", y) for y in years], keep=False)
            self.year_combo.set_value(year)
        finally:
            self._filling = False
        changed_year = year != self.loaded_year
        self.loaded_year = year
        overdue = sum(r.overdue for r in self.rows)
        self.tabs.setTabText(1, f"超期未复（{overdue}）" if overdue else "超期未复")
        for tab in (self.list_tab, self.overdue_tab):
            tab.refresh()
        if changed_year:  # the bulletins of another year: read when the tab is (next) shown
            self.bulletins_tab.watch.request()

    # -- entry ----------------------------------------------------------------------------------------------
    def open_entry(self, source: Source | None = None, label: str | None = None) -> None:
        """按来源录入: choose the source (its meetings and visits are read first), then the dialog."""
        if source is not None:
            self._open_entry(source, label or source.kind)
            return
        year = self.year
        run_query(self.context, self, lambda s: entry_sources(s, year), on_done=self._choose_source,
                  key=(id(self), "sources"), label="正在读取会议和调研…")

    def _choose_source(self, choices: list[SourceChoice]) -> None:
        from ui.dialogs.source_picker import SourcePickerDialog

        dialog = SourcePickerDialog(choices, self)
        if exec_dialog(dialog) and dialog.chosen is not None:
            self._open_entry(dialog.chosen.source, dialog.chosen.label)

    def _open_entry(self, source: Source, label: str) -> None:
        from ui.dialogs.entry_dialog import open_entry_dialog

        open_entry_dialog(self.context, self, source, label)


__all__ = ["RecommendationsPage", "load_year"]
