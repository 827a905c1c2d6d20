"""A member's page: the research visits they joined (with their role), newest first."""

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QTableView, QVBoxLayout, QWidget

from models.columns import Column
from models.services.research import VisitRow
from ui.table_models.row_model import RowTableModel
from ui.widgets.buttons import ok_cancel


class MemberVisitsDialog(QDialog):
    def __init__(self, name: str, visits: list[VisitRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{name} — 参加的调研")

        def role(visit) -> str:
            for part in visit.participants.split("、"):
                if part.startswith(name):
                    return part.removeprefix(name).strip("（）") or "参加"
            return "参加"

        self.model = RowTableModel([Column("visit_date", "日期", text=lambda v: f"{v.visit_date:%Y-%m-%d}", chars=7),
                                    Column("kind", "形式", chars=4), Column("title", "调研主题", chars=20),
                                    Column("role", "角色", text=role, chars=4),
                                    Column("meeting_title", "关联会议", chars=16)])
        self.model.set_rows(visits)
        table = QTableView()
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        by_year: dict[int, int] = {}
        for v in visits:
            by_year[v.visit_date.year] = by_year.get(v.visit_date.year, 0) + 1
        summary = "、".join(f"{y}年 {n} 次" for y, n in sorted(by_year.items(), reverse=True))
        buttons = ok_cancel(self, self.accept, ok="关闭")
        buttons.buttons()[1].setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"共参加调研 {len(visits)} 次" + (f"（{summary}）" if summary else "")))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)
