"""统计: the year overview (or any date range) with the previous period beside it, the report paragraph,
each held meeting, and the members' performance records with their scores and 谈话提醒 list.

The page reads everything it shows in one query (aggregate queries in models/services) when it is first
shown and after changes elsewhere — only while it is visible, else when it is next shown. A changed scoring
scheme only re-scores the records already read; another year, level or period reads what depends on it.
"""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.changes import Area, Changes
from models.clock import today
from models.errors import DomainError
from models.services.app_settings import committee_name
from models.services.counts import Scope
from models.services.performance import (
    FormatInfo,
    MemberActivity,
    MemberRecord,
    band_counts,
    format_infos,
    member_activities,
    member_records,
)
from models.services.performance_detail import member_detail
from models.services.performance_scheme import Scheme, get_scheme, scheme_lines
from models.services.statistics import (
    Overview,
    default_statistics_year,
    overview,
    period_label,
    range_scope,
    statistics_years,
    year_scope,
)
from models.vocab import Level
from ui import documents, messages
from ui.context import AppContext
from ui.dialogs import exec_dialog
from ui.documents import Printable
from ui.files import ask_save_path, show_saved
from ui.operations import run_query
from ui.views.performance_tab import PerformanceTab
from ui.views.statistics_meetings_tab import MeetingsTab
from ui.views.statistics_overview_tab import OverviewTab
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit

LEVELS = (("区政协委员", Level.DISTRICT), ("市政协委员", Level.MUNICIPAL), ("全国政协委员", Level.NATIONAL))
# Nearly everything feeds the figures: meetings and their lists, topics (titles in 会议明细), visits,
# recommendations, bulletins, the lookups (format names), the settings (committee name, scheme), people.
AREAS = {Area.MEETINGS, Area.ATTENDANCE, Area.TOPICS, Area.VISITS, Area.RECOMMENDATIONS, Area.BULLETINS,
         Area.LOOKUPS, Area.SETTINGS, Area.PEOPLE, Area.MEMBERSHIPS}
SAVE_ERROR = "无法保存"


@dataclass(frozen=True)
class PageData:
    years: list[int]
    year: int
    committee: str
    formats: list[FormatInfo]
    scheme: Scheme
    overview: Overview
    activities: list[MemberActivity]


def load_page(session, wanted_year: int | None, scope: Scope | None, level: str) -> PageData:
    """Everything the page shows, in one unit of work: the years (keeping `wanted_year` while it is listed),
    the committee's name, the formats and the scheme, the period's figures (`scope`, or the whole year)
    and the members' year."""
    with_data = statistics_years(session)
    years = sorted(set(with_data) | {today().year}, reverse=True)
    year = wanted_year if wanted_year in years else default_statistics_year(session)
    return PageData(years, year, committee_name(session), format_infos(session), get_scheme(session),
                    overview(session, scope or year_scope(year)), member_activities(session, year, level))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StatisticsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.overview: Overview | None = None
        self.formats: list[FormatInfo] = []
        self.activities: list[MemberActivity] = []
        self.records: list[MemberRecord] = []
        self.scheme = Scheme()
        self.committee = ""
        self.records_year, self.records_level = today().year, Level.DISTRICT  # what the records are of
        self.loads = 0  # whole-page loads shown so far (tests wait on it)
        self._filling_years = False
        title = QLabel("统计")
        title.setObjectName("pageTitle")
        self.year_combo = ChoiceCombo(empty_label=None)
        self.year_combo.setToolTip("年度统计和履职档案的年度")
        self.use_range = QCheckBox("按时间段：")
        self.use_range.setToolTip("年度概览和会议明细改为统计所选时间段（履职档案仍按年度）")
        self.start, self.end = DateEdit(), DateEdit()
        for edit in (self.start, self.end):
            edit.setEnabled(False)
        self.apply_button = QPushButton("统计")
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip("按所选时间段重新统计")
        self.level_combo = ChoiceCombo(empty_label=None)
        self.level_combo.setMinimumContentsLength(6)
        self.level_combo.set_choices(list(LEVELS))
        self.level_combo.setToolTip("履职档案统计哪一级的委员")
        self.export_button = QPushButton("导出统计表…")
        self.export_button.setToolTip("年度统计表导出为 Excel，每张表一个工作表，可直接打印")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        top.addWidget(self.use_range)
        top.addWidget(self.start)
        top.addWidget(QLabel("至"))
        top.addWidget(self.end)
        top.addWidget(self.apply_button)
        top.addSpacing(12)
        top.addWidget(QLabel("履职档案："))
        top.addWidget(self.level_combo)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.period = QLabel()
        self.period.setObjectName("hint")
        self.tabs = QTabWidget()
        self.overview_tab = OverviewTab()
        self.meetings_tab = MeetingsTab()
        self.records_tab = PerformanceTab(self)
        self.reminders_tab = PerformanceTab(self, reminders_only=True)
        self.tabs.addTab(self.overview_tab, "年度概览")
        self.tabs.addTab(self.meetings_tab, "会议明细")
        self.tabs.addTab(self.records_tab, "履职档案")
        self.tabs.addTab(self.reminders_tab, "谈话提醒")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.period)
        layout.addWidget(self.tabs, 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_changed())
        self.level_combo.currentIndexChanged.connect(lambda _i: self.refresh_records())
        self.use_range.toggled.connect(self._range_toggled)
        self.apply_button.clicked.connect(self.refresh_overview)
        self.export_button.clicked.connect(self.export_overview)
        # The page's own writes (the scheme) are re-scored in memory: no need to read everything again.
        self.watch = AreaWatch(self, context, AREAS, self.reload, ignore_own=True)
        self.watch.request()

    # -- the period -------------------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.year_combo.value() or today().year

    @property
    def level(self) -> str:
        return self.level_combo.value() or Level.DISTRICT

    def scope(self):
        if self.use_range.isChecked():
            return range_scope(_date(self.start.date()), _date(self.end.date()))
        return year_scope(self.year)

    def _checked_scope(self) -> Scope | None:
        try:
            return self.scope()
        except DomainError as exc:
            messages.warn(self, exc.message, title="时间段有误")
            return None

    def _range_to_load(self) -> Scope | None:
        """The date range to read again after a change elsewhere (None: the year); a range being typed
        that is not valid yet keeps the period on screen, without a message."""
        if not self.use_range.isChecked():
            return None
        try:
            return self.scope()
        except DomainError:
            return self.overview.current.scope if self.overview is not None else None

    def _reset_range(self) -> None:
        self.start.setDate(_qdate(date(self.year, 1, 1)))
        self.end.setDate(_qdate(date(self.year, 12, 31)))

    def _year_changed(self) -> None:
        if self._filling_years:
            return
        if not self.use_range.isChecked():
            self._reset_range()
        self.reload()

    def _range_toggled(self, on: bool) -> None:
        for widget in (self.start, self.end, self.apply_button):
            widget.setEnabled(on)
        self.refresh_overview()

    # -- reading ----------------------------------------------------------------------------------------

    def reload(self, _changes: Changes | None = None) -> None:
        """Read everything the page shows (after a change elsewhere, or when another year is chosen)."""
        wanted, level, scope = self.year_combo.value(), self.level, self._range_to_load()
        run_query(self.context, self, lambda s: load_page(s, wanted, scope, level),
                  on_done=lambda data: self._loaded(data, level, ranged=scope is not None),
                  key=(id(self), "page"), label="正在统计…")

    def _loaded(self, data: PageData, level: str, *, ranged: bool) -> None:
        self.loads += 1
        self._filling_years = True  # showing the year read must not read again
        try:
            self.year_combo.set_choices([(f"{y}年", y) for y in data.years], keep=False)
            self.year_combo.set_value(data.year)
        finally:
            self._filling_years = False
        if not self.use_range.isChecked():
            self._reset_range()
        self.committee, self.formats, self.scheme = data.committee, data.formats, data.scheme
        self._show_overview(data.overview, ranged)
        self._records_loaded(data.year, level, data.activities)

    def refresh_overview(self) -> None:
        """Only the figures: another date range, or back to the year."""
        scope = self._checked_scope()
        if scope is None:
            return
        ranged = self.use_range.isChecked()
        run_query(self.context, self, lambda s: overview(s, scope),
                  on_done=lambda ov: self._show_overview(ov, ranged), key=(id(self), "overview"), label="正在统计…")

    def _show_overview(self, ov: Overview, ranged: bool) -> None:
        self.overview = ov
        self.period.setText(f"统计期间：{ov.current.label}（对比：{ov.previous.label}）。会议只计已召开、已归档的；"
                            "意见建议不计已合并的重复件。")
        self.overview_tab.show_overview(ov)
        self.meetings_tab.show_overview(ov)
        self.tabs.setTabText(0, "时段概览" if ranged else "年度概览")

    def refresh_records(self) -> None:
        """Only the members' year: another level."""
        year, level = self.year, self.level
        run_query(self.context, self, lambda s: member_activities(s, year, level),
                  on_done=lambda activities: self._records_loaded(year, level, activities),
                  key=(id(self), "records"), label="正在统计…")

    def _records_loaded(self, year: int, level: str, activities: list[MemberActivity]) -> None:
        self.records_year, self.records_level, self.activities = year, level, activities
        self.rescore()

    def rescore(self) -> None:
        """Scores from the records already read: instant when only the scheme changed."""
        self.records = member_records(self.activities, self.scheme, self.formats)
        bands = [band.name for band in self.scheme.bands] + [self.scheme.lowest_band]
        level_name = next((name for name, level in LEVELS if level == self.records_level), "")
        words = f"{self.records_year}年度{level_name}履职积分。积分办法：" + "".join(self.scheme_lines())
        for tab in (self.records_tab, self.reminders_tab):
            tab.show_records(self.records, self.formats, bands, words)
        reminders = sum(1 for r in self.records if r.reminders)
        self.tabs.setTabText(3, f"谈话提醒（{reminders}）" if reminders else "谈话提醒")

    def scheme_lines(self) -> list[str]:
        return scheme_lines(self.scheme, {f.code: f.name for f in self.formats if f.code})

    def band_counts(self, records: list[MemberRecord]) -> dict[str, int]:
        return band_counts(records, self.scheme)

    # -- scheme, one member ---------------------------------------------------------------------------

    def edit_scheme(self) -> None:
        from ui.dialogs.scheme_dialog import SchemeDialog

        dialog = SchemeDialog(self.context, self.formats, self.scheme, self.activities, self)
        if exec_dialog(dialog) and dialog.saved is not None:
            self.scheme = dialog.saved
            self.rescore()

    def _detail_reader(self, record: MemberRecord):
        """(session) → the member's 一人一档, with what the records on screen were read with."""
        year, scheme, formats, level = self.records_year, self.scheme, self.formats, self.records_level
        activity = record.activity
        return lambda session: member_detail(session, activity.person_id, year, scheme, formats, level,
                                             activity=activity)

    def open_detail(self, record: MemberRecord) -> None:
        from ui.dialogs.member_record_dialog import MemberRecordDialog

        run_query(self.context, self, self._detail_reader(record), label="正在读取履职档案…",
                  on_done=lambda detail: exec_dialog(MemberRecordDialog(self, detail, record.reminders, self)))

    # -- printing ---------------------------------------------------------------------------------------

    def record_printable(self, name: str, *, details=None, load=None) -> Printable:
        """一人一档 sheets (one page each): `details` already read, or `load(session)` reading them."""
        from models.printing.member_record import (
            member_record_layout,
            render_member_records,
            render_member_records_pdf,
        )

        committee, lines, year = self.committee, self.scheme_lines(), self.records_year
        return Printable(name, layout=lambda _data: member_record_layout(),
                         render=lambda data, device: render_member_records(data, committee, lines, device,
                                                                           printed_on=today()),
                         render_pdf=lambda data, path: render_member_records_pdf(data, committee, lines, path,
                                                                                 printed_on=today()),
                         load=load, data=details, file_name=name if str(year) in name else f"{year}年度{name}")

    def score_table_printable(self, records: list[MemberRecord]) -> Printable:
        from models.printing.score_table import render_score_table, render_score_table_pdf, score_table_layout

        table = (records, self.records_year, self.committee, self.scheme_lines(), self.band_counts(records))
        return Printable(f"{self.records_year}年度履职积分表", layout=lambda _data: score_table_layout(),
                         render=lambda data, device: render_score_table(*data, device, printed_on=today()),
                         render_pdf=lambda data, path: render_score_table_pdf(*data, path, printed_on=today()),
                         data=table)

    def fill_print_menu(self, menu: QMenu, tab: PerformanceTab) -> None:
        record = tab.selected()
        if record is not None:
            read = self._detail_reader(record)  # read when an entry is chosen, not when the menu opens
            documents.output_menu(self, menu, self.context,
                                  self.record_printable(f"{record.activity.name}履职档案",
                                                        load=lambda session: [read(session)]))
        else:
            menu.addAction("（先在列表中选择一位委员，可打印其一人一档）").setEnabled(False)
        menu.addSeparator()
        shown = tab.shown()
        menu.addAction(f"当前名单的一人一档存为 PDF（{len(shown)}人，每人一页）…",
                       lambda: self.save_all_records(shown, tab))
        menu.addSeparator()
        documents.output_menu(self, menu, self.context, self.score_table_printable(shown))

    def save_all_records(self, records: list[MemberRecord], parent: QWidget) -> None:
        """Every member's sheet in one PDF: read with progress (取消 stops it), then written on the file worker."""
        if not records:
            messages.inform(parent, "当前名单是空的。")
            return
        name = f"{self.records_year}年度委员履职档案（一人一档）"
        path = ask_save_path(parent, self.context, "存为 PDF", name, file_filter=documents.PDF_FILTER, suffix=".pdf")
        if path is None:
            return
        sheets = self.record_printable(name)
        readers = [(record.activity.name, self._detail_reader(record)) for record in records]

        def read(ctx):
            details = []
            for i, (person, reader) in enumerate(readers):
                ctx.check_cancelled()
                details.append(reader(ctx.session))
                ctx.progress(i + 1, len(readers), f"正在整理 {person} 的履职档案…")
            return details

        run_query(self.context, parent, read, progress=True, cancellable=True, label="正在生成一人一档…",
                  on_done=lambda details: documents.save_to(parent, self.context, sheets, details, path),
                  title=SAVE_ERROR)

    # -- Excel (the workbooks read what they list, so they are written in a query) -----------------------

    def export_overview(self) -> None:
        scope = self._checked_scope()
        if scope is None:
            return
        name = f"{self.committee}{period_label(scope)}协商工作统计"
        path = ask_save_path(self, self.context, "导出统计表", name)
        if path is None:
            return
        scheme, level = self.scheme, self.level

        def export(session):
            from models.exports.statistics_xlsx import export_overview

            return export_overview(session, scope, path, scheme=scheme, level=level)

        run_query(self.context, self, export, label="正在导出统计表…", title=SAVE_ERROR,
                  on_done=lambda saved: show_saved(self, saved, "统计表"))

    def export_records(self, records: list[MemberRecord]) -> None:
        if not records:
            messages.inform(self, "当前名单是空的。")
            return
        year, scheme, level = self.records_year, self.scheme, self.records_level
        level_name = next((label for label, value in LEVELS if value == level), "")
        path = ask_save_path(self, self.context, "导出履职档案", f"{year}年度{level_name}履职档案")
        if path is None:
            return
        ids = [r.activity.person_id for r in records]

        def export(session):
            from models.exports.statistics_xlsx import export_member_records

            return export_member_records(session, year, path, scheme=scheme, level=level, person_ids=ids)

        run_query(self.context, self, export, label="正在导出履职档案…", title=SAVE_ERROR,
                  on_done=lambda saved: show_saved(self, saved, "履职档案"))


__all__ = ["AREAS", "PageData", "StatisticsPage", "load_page"]
