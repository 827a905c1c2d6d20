"""年度概览: the figures of the period as cards and charts, the report paragraph, and the comparison with
the previous period.  Everything shown comes from one models.services.statistics.Overview.
"""

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.columns import RIGHT, Column
from models.services.statistics import ComparisonLine, Overview, comparison, percent_text, report_paragraph
from ui.table_models.row_model import RowTableModel
from ui.widgets.bar_chart import PALETTE, PREVIOUS_COLOUR, BarChart, Series
from ui.widgets.tables import list_table


class StatCard(QFrame):
    """One headline number: "意见建议 77条", with the change against the previous period below it."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        self.label = QLabel(label)
        self.label.setObjectName("statLabel")
        self.change = QLabel()
        self.change.setObjectName("statChange")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.value)
        layout.addWidget(self.change)

    def show_line(self, value: str, line: ComparisonLine | None, previous_label: str) -> None:
        self.value.setText(value)
        if line is None or line.previous is None:
            self.change.setText(f"{previous_label}：—")
        else:
            previous = percent_text(line.previous) if line.is_rate else f"{line.previous:g}{line.unit}"
            self.change.setText(f"{previous_label}：{previous}（{line.change}）")


def _framed(widget: QWidget) -> QFrame:
    frame = QFrame()
    frame.setObjectName("chartFrame")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return frame


def _number(value, is_rate: bool) -> str:
    if value is None:
        return "—"
    return percent_text(value) if is_rate else f"{value:g}"


COMPARISON_COLUMNS = [
    Column("label", "项目", chars=10),
    Column("unit", "单位", align=RIGHT, chars=2),
    Column("current", "本期", text=lambda line: _number(line.current, line.is_rate), align=RIGHT, chars=4),
    Column("previous", "上年同期", text=lambda line: _number(line.previous, line.is_rate), align=RIGHT, chars=4),
    Column("change", "增减", align=RIGHT, chars=4),
]
ASPECT_COLUMNS = [
    Column("name", "意见建议方面", text=lambda row: row[0], chars=10),
    Column("count", "条数", text=lambda row: str(row[1]), align=RIGHT, chars=3),
]


def _table(columns: list[Column], key) -> QTableView:
    model = RowTableModel(columns, key=key)
    table = list_table(model, sortable=False)
    model.setParent(table)  # lives as long as its table
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableView, rows: list) -> None:
    """All the rows, no scrolling: the table is as high as its rows."""
    table.model().set_rows(rows)
    for column in range(1, table.model().columnCount()):
        table.resizeColumnToContents(column)
    table.setFixedHeight(table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 6)


CARDS = (("meetings", "协商活动", "协商活动（合计）"), ("visits", "调研视察", "调研视察"),
         ("recommendations", "意见建议", "意见建议（合计）"), ("bulletins", "编发专报", "编发专报"),
         ("instructions", "领导批示", "领导批示"), ("adoption", "采纳率", "采纳率"))


class OverviewTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.overview: Overview | None = None
        self.generated = ""  # the paragraph as last generated, to tell whether the user has edited it
        self.cards = {key: StatCard(label) for key, label, _line in CARDS}
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        self.paragraph = QPlainTextEdit()
        self.paragraph.setToolTip("由统计数字自动生成，可直接修改后复制到工作报告中")
        self.paragraph.setFixedHeight(84)
        copy, regenerate = QPushButton("复制"), QPushButton("重新生成")
        copy.setToolTip("把上面的文字复制到剪贴板，粘贴到 Word 即可")
        regenerate.setToolTip("放弃修改，按当前数字重新生成")
        copy.clicked.connect(self.copy_paragraph)
        regenerate.clicked.connect(self.regenerate)
        self.copied = QLabel()
        self.copied.setObjectName("hint")
        paragraph_buttons = QVBoxLayout()
        paragraph_buttons.addWidget(copy)
        paragraph_buttons.addWidget(regenerate)
        paragraph_buttons.addWidget(self.copied)
        paragraph_buttons.addStretch(1)
        paragraph_row = QHBoxLayout()
        paragraph_row.addWidget(self.paragraph, 1)
        paragraph_row.addLayout(paragraph_buttons)
        self.format_chart = BarChart("各形式会议场次（本期与上年同期）")
        self.month_chart = BarChart("每月召开会议（场）", stacked=True)
        self.outcome_chart = BarChart("意见建议办理结果（条）", horizontal=True)
        self.level_chart = BarChart("参加会议人次（按级别）")
        charts = QGridLayout()
        for i, chart in enumerate((self.format_chart, self.month_chart, self.outcome_chart, self.level_chart)):
            charts.addWidget(_framed(chart), i // 2, i % 2)
        self.comparison_table = _table(COMPARISON_COLUMNS, key=lambda line: line.label)
        self.aspect_table = _table(ASPECT_COLUMNS, key=lambda row: row[0])
        tables = QHBoxLayout()
        tables.addWidget(self._titled("与上年同期对比", self.comparison_table), 3)
        tables.addWidget(self._titled("意见建议按方面", self.aspect_table), 2)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 8, 12, 8)
        layout.addLayout(cards)
        layout.addWidget(self._label("报告文字（可修改、复制）"))
        layout.addLayout(paragraph_row)
        layout.addLayout(charts)
        layout.addLayout(tables)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    @staticmethod
    def _label(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("summaryTitle")
        return label

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label(title))
        layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def show_overview(self, ov: Overview) -> None:
        self.overview = ov
        cur, prev = ov.current, ov.previous
        rows = comparison(ov)
        lines = {line.label: line for line in rows}
        previous_label = "上年同期" if not cur.label.endswith("年") else prev.label
        fig = cur.figures
        values = {"meetings": f"{fig.meetings}场", "visits": f"{fig.visits}次",
                  "recommendations": f"{fig.recommendations}条", "bulletins": f"{fig.bulletins}期",
                  "instructions": f"{fig.instructions}件", "adoption": percent_text(fig.adoption_rate)}
        for key, _label, line in CARDS:
            self.cards[key].show_line(values[key], lines.get(line), previous_label)
        self.cards["recommendations"].label.setText(f"意见建议（{fig.aspects}个方面）" if fig.aspects else "意见建议")
        edited = self.paragraph.toPlainText() != self.generated
        if not (edited and report_paragraph(ov) == self.generated):  # keep the user's wording if the figures hold
            self.regenerate()
        self._charts(ov)
        _fill(self.comparison_table, rows)
        _fill(self.aspect_table, list(fig.by_aspect) or [("（暂无）", "")])

    def _charts(self, ov: Overview) -> None:
        cur, prev = ov.current, ov.previous
        names = [f.name for f in cur.formats if f.meetings] + [
            f.name for f in prev.formats if f.meetings and f.name not in {g.name for g in cur.formats if g.meetings}]

        def held(period, name):
            return next((f.meetings for f in period.formats if f.name == name), 0)

        self.format_chart.set_data(names, [Series(cur.label, tuple(held(cur, n) for n in names), PALETTE[0]),
                                           Series(prev.label, tuple(held(prev, n) for n in names), PREVIOUS_COLOUR)])
        month_formats = sorted({name for column in ov.months for name in column.counts},
                               key=lambda n: names.index(n) if n in names else 99)
        self.month_chart.set_data([c.label for c in ov.months], [
            Series(name, tuple(c.counts.get(name, 0) for c in ov.months), PALETTE[i % len(PALETTE)])
            for i, name in enumerate(month_formats)])
        outcomes = cur.figures.by_outcome
        self.outcome_chart.set_data(list(outcomes), [Series("条数", tuple(outcomes.values()), PALETTE[2])])
        self.outcome_chart.empty_text = "本期意见建议尚无办理结果"
        levels = cur.participation
        self.level_chart.set_data([line.label.replace("（嘉宾等）", "") for line in levels], [
            Series("应邀人次", tuple(line.invited for line in levels), PALETTE[0]),
            Series("出席人次", tuple(line.present for line in levels), PALETTE[2])])

    def regenerate(self) -> None:
        if self.overview is not None:
            self.generated = report_paragraph(self.overview)
            self.paragraph.setPlainText(self.generated)
            self.copied.setText("")

    def copy_paragraph(self) -> None:
        QGuiApplication.clipboard().setText(self.paragraph.toPlainText())
        self.copied.setText("已复制")


__all__ = ["OverviewTab", "StatCard"]
