"""履职档案 and 谈话提醒: every member's year with the score, filterable by 界别/专委会/街镇联络组.

The page (StatisticsPage) holds the records; this tab only shows and filters them, so a changed scoring
scheme is shown at once without reading the database again.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.columns import RIGHT, Column, number
from models.services.performance import FormatInfo, MemberRecord
from ui import status_colours
from ui.table_models.row_model import RowTableModel
from ui.widgets.colour_legend import ColourLegend
from ui.widgets.combos import ChoiceCombo
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.tables import current_row, kept_view, list_table


def _initials(pinyin: str) -> str:
    return "".join(part[0] for part in pinyin.split() if part)


def _haystack(record: MemberRecord) -> str:
    a = record.activity
    return f"{a.name} {_initials(a.sort_pinyin)} {a.sort_pinyin.replace(' ', '')} {a.employer_title}".lower()


def record_columns(formats: list[FormatInfo], used: set[str], reminders_only: bool) -> list[Column]:
    """Fixed columns, then 出席/应邀 for each format someone was invited to, then totals and the score."""
    columns = [
        Column("name", "姓名", text=lambda r: r.activity.name,
               sort=lambda r: (r.activity.sort_stroke, r.activity.person_id), chars=4),
        Column("sector", "界别", text=lambda r: r.activity.sector, coloured=False, chars=6),
        Column("committee", "专委会", text=lambda r: r.activity.committee, coloured=False, chars=6),
        Column("liaison_group", "街镇联络组", text=lambda r: r.activity.liaison_group, coloured=False, chars=6),
        Column("role", "身份", text=lambda r: r.activity.role, coloured=False, chars=4),
        Column("score", "积分", text=lambda r: r.score.text, sort=lambda r: r.score.total, align=RIGHT, chars=3),
        Column("band", "等次", text=lambda r: r.score.band, chars=3),
    ]
    if not reminders_only:  # its own mark: a colour over the row would make 称职 look like 不称职
        mark = status_colours.REMINDER_MARK
        columns.append(Column("reminder", "谈话提醒", text=lambda r: mark if r.reminders else "",
                              sort=lambda r: not r.reminders, chars=4))
    if reminders_only:
        return [
            *columns,
            Column("service_note", "任职情况", text=lambda r: r.activity.service_note, coloured=False, chars=10),
            Column("reminders", "提醒原因", text=lambda r: "；".join(r.reminders), chars=20),
        ]
    for info in formats:
        if info.key not in used:
            continue

        def attended(r, key=info.key):
            tally = r.activity.meetings.get(key)
            return f"{tally.present}/{tally.invited}" if tally else ""

        def attended_key(r, key=info.key):
            tally = r.activity.meetings.get(key)
            return (tally.present, tally.invited) if tally else (-1, 0)

        columns.append(Column(f"format:{info.key}", f"{info.name}\n出席/应邀", text=attended, sort=attended_key,
                              align=RIGHT, coloured=False, chars=5))

    def count(key: str, title: str, value) -> Column:
        return number(key, title, value, blank_zero=True, coloured=False, chars=3)

    return [
        *columns,
        count("leave", "请假", lambda r: r.activity.total.leave),
        count("absent", "缺席", lambda r: r.activity.total.absent),
        count("visits", "调研", lambda r: r.activity.visits),
        count("recommendations", "建议", lambda r: r.activity.recommendations),
        count("adopted", "采纳", lambda r: r.activity.adopted),
        count("bulletins", "专报", lambda r: r.activity.bulletins),
        count("instructions", "批示", lambda r: r.activity.instructions),
        Column("note", "备注", text=lambda r: "；".join(filter(None, [r.activity.service_note, *r.reminders])),
               chars=20),
    ]


def record_key(record: MemberRecord) -> int:
    return record.activity.person_id


class PerformanceTab(QWidget):
    def __init__(self, page, *, reminders_only: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.reminders_only = reminders_only
        self.records: list[MemberRecord] = []
        self.bands: list[str] = []  # the scheme's bands, best first
        self.model = RowTableModel([], self, key=record_key)
        self.model.cell_colour = self._colour
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索姓名、拼音首字母或工作单位")
        self.search.setClearButtonEnabled(True)
        self.sector, self.committee, self.liaison = ChoiceCombo("全部界别"), ChoiceCombo("全部专委会"), \
            ChoiceCombo("全部联络组")
        self.band = ChoiceCombo("全部等次")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for combo in (self.sector, self.committee, self.liaison) + (() if reminders_only else (self.band,)):
            filters.addWidget(combo)
        self.detail_button = QPushButton("一人一档…")
        self.detail_button.setToolTip("查看所选委员的履职档案，可打印或存为 PDF（双击或回车同样打开）")
        self.detail_button.clicked.connect(self.open_detail)
        self.print_button = QPushButton("打印")
        self.print_menu = QMenu(self)
        self.print_button.setMenu(self.print_menu)
        self.excel_button = QPushButton("导出 Excel…")
        self.excel_button.setToolTip("按当前筛选导出履职档案工作簿（含谈话提醒名单和积分办法）")
        self.excel_button.clicked.connect(lambda: page.export_records(self.shown()))
        self.scheme_button = QPushButton("积分办法…")
        self.scheme_button.setToolTip("查看或调整履职积分办法；保存后积分立即重算")
        self.scheme_button.clicked.connect(page.edit_scheme)
        buttons = QHBoxLayout()
        for button in (self.detail_button, self.print_button, self.excel_button, self.scheme_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        buttons.addWidget(self.counts)
        self.table = list_table(self.model, single=True)
        self.table.horizontalHeader().setStretchLastSection(True)  # 备注 / 提醒原因 take the rest of the width
        self.table.doubleClicked.connect(lambda _i: self.open_detail())
        self.note = ElidedLabel()  # the scheme in one line (all of it in the tooltip and under 积分办法…)
        self.note.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.legend = ColourLegend()
        layout.addWidget(self.legend)
        layout.addWidget(self.note)
        QShortcut(QKeySequence("Return"), self.table, self.open_detail, context=Qt.ShortcutContext.WidgetShortcut)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.sector, self.committee, self.liaison, self.band):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.print_menu.aboutToShow.connect(self._fill_print_menu)

    def _colour(self, record: MemberRecord, key: str) -> str | None:
        """Colour by meaning: the band by its place among the bands, the 谈话提醒 mark red; nothing else."""
        if key == "band":
            return status_colours.band_colour(record.score.band, self.bands)
        return status_colours.BAD if key == "reminder" and record.reminders else None

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        self.page.fill_print_menu(self.print_menu, self)

    def show_records(self, records: list[MemberRecord], formats: list[FormatInfo], bands: list[str],
                     scheme_text: str) -> None:
        self.records = [r for r in records if r.reminders] if self.reminders_only else list(records)
        used = {key for r in records for key in r.activity.meetings}
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        columns = record_columns(formats, used, self.reminders_only)
        new_columns = [c.key for c in columns] != [c.key for c in self.model.columns]
        if new_columns:
            self.model.set_columns(columns)
        else:
            self.model.columns = columns  # same columns: the user's widths and sort stay; titles may differ
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
        self.sector.set_choices(self._choices(lambda r: r.activity.sector))
        self.committee.set_choices(self._choices(lambda r: r.activity.committee))
        self.liaison.set_choices(self._choices(lambda r: r.activity.liaison_group))
        self.bands = list(bands)
        self.legend.set_items(status_colours.band_legend(self.bands, reminders=not self.reminders_only))
        self.band.set_choices([(band, band) for band in bands])
        self.note.setText(scheme_text)
        self.apply_filter()
        if new_columns:
            if section >= len(columns):
                section = 0
            header.setSortIndicator(section, order)
            self.model.sort(section, order)  # new columns forget the sort; the indicator alone may not re-sort
            self.table.resizeColumnsToContents()
            for column in range(len(columns)):
                self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 44), 180))

    def _choices(self, value) -> list[tuple[str, str]]:
        return [(name, name) for name in sorted({value(r) for r in self.records if value(r)})]

    def shown(self) -> list[MemberRecord]:
        return list(self.model.rows)

    def apply_filter(self) -> None:
        text = self.search.text().strip().lower()
        sector, committee, liaison, band = (self.sector.value(), self.committee.value(), self.liaison.value(),
                                            self.band.value())
        shown = [r for r in self.records
                 if (sector is None or r.activity.sector == sector)
                 and (committee is None or r.activity.committee == committee)
                 and (liaison is None or r.activity.liaison_group == liaison)
                 and (band is None or r.score.band == band)
                 and (not text or text in _haystack(r))]
        with kept_view(self.table):
            self.model.set_rows(shown)  # in the order the user chose (the model keeps its sort)
        what = "谈话提醒名单" if self.reminders_only else "名委员"
        total = f"，全部 {len(self.records)} 人" if len(shown) != len(self.records) else ""
        if self.reminders_only:
            self.counts.setText(f"{what}共 {len(shown)} 人{total}")
        else:
            bands = {name: 0 for name in self.bands}
            for r in shown:
                bands[r.score.band] = bands.get(r.score.band, 0) + 1
            by_band = "、".join(f"{name}{n}人" for name, n in bands.items() if n)
            self.counts.setText(f"共 {len(shown)} {what}{total}" + (f"（{by_band}）" if by_band else ""))

    def selected(self) -> MemberRecord | None:
        return current_row(self.table)

    def open_detail(self) -> None:
        record = self.selected()
        if record is not None:
            self.page.open_detail(record)


__all__ = ["PerformanceTab", "record_columns"]
