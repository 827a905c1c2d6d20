"""会议明细: each held meeting of the period with its topic, attendance and recommendations."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.services.statistics import MeetingLine, Overview
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.tables import list_table


def _rate(line: MeetingLine) -> str:
    return f"{line.present / line.expected * 100:.0f}%" if line.expected else "—"


COLUMNS = [
    RowColumn("日期", lambda m: f"{m.starts_at:%Y-%m-%d}" if m.starts_at else "", lambda m: str(m.starts_at or "")),
    RowColumn("形式", lambda m: m.format_name),
    RowColumn("会议名称", lambda m: m.title),
    RowColumn("议题", lambda m: m.topic_title),
    RowColumn("应到", lambda m: str(m.expected), lambda m: m.expected, right=True),
    RowColumn("实到", lambda m: str(m.present), lambda m: m.present, right=True),
    RowColumn("请假", lambda m: str(m.leave), lambda m: m.leave, right=True),
    RowColumn("缺席", lambda m: str(m.absent), lambda m: m.absent, right=True),
    RowColumn("出席率", _rate, lambda m: m.present / m.expected if m.expected else -1, right=True),
    RowColumn("意见建议", lambda m: m.summary if m.recommendations else "", lambda m: m.recommendations, right=True),
]


class MeetingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowTableModel(COLUMNS, self)
        self.table = list_table(self.model)
        for column, width in enumerate((90, 100, 340, 200, 50, 50, 50, 50, 60, 100)):
            self.table.setColumnWidth(column, width)
        self.totals = QLabel()
        self.totals.setObjectName("countLabel")
        hint = QLabel("只列已召开、已归档的会议。应到不含工作人员；实到为已签到或登记出席的人数。")
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def show_overview(self, ov: Overview) -> None:
        lines = list(ov.meetings)
        self.model.set_rows(lines)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        expected, present = sum(m.expected for m in lines), sum(m.present for m in lines)
        rate = f"，出席率 {present / expected * 100:.1f}%" if expected else ""
        by_format = "、".join(f"{f.name}{f.meetings}场" for f in ov.current.formats if f.meetings)
        self.totals.setText(
            f"共 {len(lines)} 场" + (f"（{by_format}）" if by_format else "")
            + f"；应到 {expected} 人次，实到 {present} 人次，请假 {sum(m.leave for m in lines)} 人次，"
            f"缺席 {sum(m.absent for m in lines)} 人次{rate}")


__all__ = ["MeetingsTab"]
