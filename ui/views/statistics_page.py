"""统计: the year overview (or any date range) with the previous period beside it, the report paragraph,
each held meeting, and the members' performance records with their scores and 谈话提醒 list.

The page reads the figures once per period (aggregate queries in models/services); a changed scoring
scheme only re-scores the records already read.
"""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import select

from models.clock import today
from models.errors import DomainError
from models.services.app_settings import committee_name
from models.services.meeting_queries import meeting_years
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
from models.services.research import visit_years
from models.services.statistics import Overview, overview, period_label, range_scope, year_scope
from models.tables import Recommendation
from models.vocab import Level
from ui import documents, messages
from ui.context import AppContext
from ui.errors import report_error
from ui.files import ask_save_path, show_saved
from ui.views.performance_tab import PerformanceTab
from ui.views.statistics_meetings_tab import MeetingsTab
from ui.views.statistics_overview_tab import OverviewTab
from ui.widgets.combos import ChoiceCombo

LEVELS = (("区政协委员", Level.DISTRICT), ("市政协委员", Level.MUNICIPAL), ("全国政协委员", Level.NATIONAL))


def statistics_years(session) -> list[int]:
    """Years that have meetings, visits or recommendations, newest first."""
    years = set(meeting_years(session)) | set(visit_years(session))
    years |= set(session.exec(select(Recommendation.year).distinct()))
    return sorted(years, reverse=True)


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
        title = QLabel("统计")
        title.setObjectName("pageTitle")
        self.year_combo = ChoiceCombo(empty_label=None)
        self.year_combo.setToolTip("年度统计和履职档案的年度")
        self.use_range = QCheckBox("按时间段：")
        self.use_range.setToolTip("年度概览和会议明细改为统计所选时间段（履职档案仍按年度）")
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
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
        self._stale = False
        context.database_changed.connect(self.reload)
        context.data_changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self) -> None:
        # Saves elsewhere happen often; the figures are read again only when the page is looked at.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

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

    def reload(self) -> None:
        with_data = self.context.call(statistics_years)
        years = sorted(set(with_data) | {today().year}, reverse=True)
        current = self.year_combo.value()
        self.year_combo.blockSignals(True)
        self.year_combo.set_choices([(f"{y}年", y) for y in years], keep=False)
        self.year_combo.set_value(current if current in years else (with_data[0] if with_data else today().year))
        self.year_combo.blockSignals(False)
        self._reset_range()
        self.refresh()

    def _reset_range(self) -> None:
        self.start.setDate(_qdate(date(self.year, 1, 1)))
        self.end.setDate(_qdate(date(self.year, 12, 31)))

    def _year_changed(self) -> None:
        if not self.use_range.isChecked():
            self._reset_range()
        self.refresh()

    def _range_toggled(self, on: bool) -> None:
        for widget in (self.start, self.end, self.apply_button):
            widget.setEnabled(on)
        self.refresh_overview()

    def refresh(self) -> None:
        self.committee = self.context.call(committee_name)
        self.formats = self.context.call(format_infos)
        self.scheme = self.context.call(get_scheme)
        self.refresh_overview()
        self.refresh_records()

    def refresh_overview(self) -> None:
        try:
            scope = self.scope()
        except DomainError as exc:
            messages.warn(self, exc.message, title="时间段有误")
            return
        self.overview = self.context.call(overview, scope)
        ov = self.overview
        self.period.setText(f"统计期间：{ov.current.label}（对比：{ov.previous.label}）。会议只计已召开、已归档的；"
                            "意见建议不计已合并的重复件。")
        self.overview_tab.show_overview(ov)
        self.meetings_tab.show_overview(ov)
        self.tabs.setTabText(0, "年度概览" if not self.use_range.isChecked() else "时段概览")

    def refresh_records(self) -> None:
        self.activities = self.context.call(member_activities, self.year, self.level)
        self.rescore()

    def rescore(self) -> None:
        """Scores from the records already read: instant when only the scheme changed."""
        self.records = member_records(self.activities, self.scheme, self.formats)
        bands = [band.name for band in self.scheme.bands] + [self.scheme.lowest_band]
        level_name = self.level_combo.currentText()
        words = f"{self.year}年度{level_name}履职积分。积分办法：" + "".join(self.scheme_lines())
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

        dialog = SchemeDialog(self.context, self.formats, self.activities, self)
        if dialog.exec() and dialog.saved is not None:
            self.scheme = dialog.saved
            self.rescore()

    def detail(self, record: MemberRecord):
        return self.context.call(member_detail, record.activity.person_id, self.year, self.scheme, self.formats,
                                 self.level, activity=record.activity)

    def open_detail(self, record: MemberRecord) -> None:
        from ui.dialogs.member_record_dialog import MemberRecordDialog

        MemberRecordDialog(self, self.detail(record), record.reminders, self).exec()

    # -- printing ---------------------------------------------------------------------------------------

    def record_layout(self):
        from models.printing.member_record import member_record_layout

        return member_record_layout()

    def render_record(self, details, device) -> int:
        from models.printing.member_record import render_member_records

        return render_member_records(details, self.committee, self.scheme_lines(), device, printed_on=today())

    def render_record_pdf(self, details, path) -> int:
        from models.printing.member_record import render_member_records_pdf

        return render_member_records_pdf(details, self.committee, self.scheme_lines(), path, printed_on=today())

    def fill_print_menu(self, menu: QMenu, tab: PerformanceTab) -> None:
        from models.printing.score_table import render_score_table, render_score_table_pdf, score_table_layout

        record = tab.selected()
        if record is not None:
            name = f"{record.activity.name}履职档案"
            detail = self.detail(record)
            documents.output_menu(self, menu, self.context, name, self.record_layout,
                                  lambda device: self.render_record([detail], device),
                                  lambda path: self.render_record_pdf([detail], path))
        else:
            menu.addAction("（先在列表中选择一位委员，可打印其一人一档）").setEnabled(False)
        menu.addSeparator()
        shown = tab.shown()
        menu.addAction(f"当前名单的一人一档存为 PDF（{len(shown)}人，每人一页）…",
                       lambda: self.save_all_records(shown, tab))
        menu.addSeparator()
        args = lambda: (shown, self.year, self.committee, self.scheme_lines(), self.band_counts(shown))  # noqa: E731
        documents.output_menu(self, menu, self.context, f"{self.year}年度履职积分表", lambda: score_table_layout(),
                              lambda device: render_score_table(*args(), device, printed_on=today()),
                              lambda path: render_score_table_pdf(*args(), path, printed_on=today()))

    def save_all_records(self, records: list[MemberRecord], parent: QWidget) -> None:
        from models.printing.member_record import render_member_records_pdf

        if not records:
            messages.inform(parent, "当前名单是空的。")
            return
        name = f"{self.year}年度委员履职档案（一人一档）"
        path = ask_save_path(parent, self.context, "存为 PDF", name, file_filter=documents.PDF_FILTER, suffix=".pdf")
        if path is None:
            return
        year, scheme, formats, level = self.year, self.scheme, self.formats, self.level
        committee, lines = self.committee, self.scheme_lines()

        def work(ctx):
            details = []
            for i, record in enumerate(records):
                ctx.check_cancelled()
                details.append(member_detail(ctx.session, record.activity.person_id, year, scheme, formats, level,
                                             activity=record.activity))
                ctx.progress(i + 1, len(records), f"正在整理 {record.activity.name} 的履职档案…")
            render_member_records_pdf(details, committee, lines, path, printed_on=today())
            return path

        self.context.tasks.run(work, label="正在生成一人一档…", cancellable=True, parent=parent, read_only=True,
                               on_done=lambda saved: show_saved(parent, saved, name),
                               on_error=lambda exc: self._failed(exc, parent))

    # -- Excel ------------------------------------------------------------------------------------------

    def _failed(self, exc: BaseException, parent: QWidget) -> None:
        if isinstance(exc, DomainError):
            messages.warn(parent, exc.message, title="无法保存")
        else:
            report_error(exc, parent)

    def export_overview(self) -> None:
        from models.exports.statistics_xlsx import export_overview

        try:
            scope = self.scope()
        except DomainError as exc:
            messages.warn(self, exc.message, title="时间段有误")
            return
        name = f"{self.committee}{period_label(scope)}协商工作统计"
        path = ask_save_path(self, self.context, "导出统计表", name)
        if path is None:
            return
        scheme, level = self.scheme, self.level
        self.context.tasks.run(lambda ctx: export_overview(ctx.session, scope, path, scheme=scheme, level=level),
                               label="正在导出统计表…", parent=self, read_only=True,
                               on_done=lambda saved: show_saved(self, saved, "统计表"),
                               on_error=lambda exc: self._failed(exc, self))

    def export_records(self, records: list[MemberRecord]) -> None:
        from models.exports.statistics_xlsx import export_member_records

        if not records:
            messages.inform(self, "当前名单是空的。")
            return
        name = f"{self.year}年度{self.level_combo.currentText()}履职档案"
        path = ask_save_path(self, self.context, "导出履职档案", name)
        if path is None:
            return
        year, scheme, level = self.year, self.scheme, self.level
        ids = [r.activity.person_id for r in records]
        self.context.tasks.run(lambda ctx: export_member_records(ctx.session, year, path, scheme=scheme, level=level,
                                                                 person_ids=ids),
                               label="正在导出履职档案…", parent=self, read_only=True,
                               on_done=lambda saved: show_saved(self, saved, "履职档案"),
                               on_error=lambda exc: self._failed(exc, self))


__all__ = ["StatisticsPage", "statistics_years"]
