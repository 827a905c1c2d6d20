"""会议明细: each held meeting of the period with its topic, attendance and recommendations."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.columns import RIGHT, Column, number
from models.services.statistics import MeetingLine, Overview
from ui.table_models.row_model import RowTableModel
from ui.widgets.tables import kept_view, list_table


def _rate(line: MeetingLine) -> str:
    return f"{line.present / line.expected * 100:.0f}%" if line.expected else "—"


COLUMNS = [
    Column("starts_at", "日期", text=lambda m: f"{m.starts_at:%Y-%m-%d}" if m.starts_at else "",
           sort=lambda m: str(m.starts_at or ""), chars=5),
    Column("format_name", "形式", chars=6),
    Column("title", "会议名称", chars=23),
    Column("topic_title", "议题", chars=13),
    number("expected", "应到", lambda m: m.expected, chars=3),
    number("present", "实到", lambda m: m.present, chars=3),
    number("leave", "请假", lambda m: m.leave, chars=3),
    number("absent", "缺席", lambda m: m.absent, chars=3),
    Column("rate", "出席率", text=_rate, sort=lambda m: m.present / m.expected if m.expected else -1, align=RIGHT,
           chars=3),
    Column("recommendations", "意见建议", text=lambda m: m.summary if m.recommendations else "",
           sort=lambda m: m.recommendations, align=RIGHT, chars=6),
]


class MeetingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowTableModel(COLUMNS, self)
        self.table = list_table(self.model)
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
        with kept_view(self.table):
            self.model.set_rows(lines)  # keeps the column the user sorted by
        expected, present = sum(m.expected for m in lines), sum(m.present for m in lines)
        rate = f"，出席率 {present / expected * 100:.1f}%" if expected else ""
        by_format = "、".join(f"{f.name}{f.meetings}场" for f in ov.current.formats if f.meetings)
        self.totals.setText(
            f"共 {len(lines)} 场" + (f"（{by_format}）" if by_format else "")
            + f"；应到 {expected} 人次，实到 {present} 人次，请假 {sum(m.leave for m in lines)} 人次，"
            f"缺席 {sum(m.absent for m in lines)} 人次{rate}")


__all__ = ["COLUMNS", "MeetingsTab"]
