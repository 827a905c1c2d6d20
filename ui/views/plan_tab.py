"""年度协商计划: the year's plan items, one click to create each item's meeting, Excel and print."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services import lookups
from models.services.app_settings import committee_name
from models.services.plans import (
    PlanItemData,
    PlanRow,
    create_meeting_for_item,
    delete_plan_item,
    list_plan,
    move_plan_item,
    plan_warnings,
    save_plan_item,
)
from models.services.topic_scores import TopicRow, list_topics
from ui import messages
from ui.dialogs.plan_item_dialog import PlanItemDialog
from ui.table_models.row_model import RowColumn, RowTableModel

COLUMNS = [
    RowColumn("序号", lambda p: str(p.position), lambda p: p.position, right=True, coloured=False),
    RowColumn("协商议题", lambda p: p.topic_title, coloured=False),
    RowColumn("协商形式", lambda p: p.format_name, coloured=False),
    RowColumn("时间安排", lambda p: f"{p.planned_month}月" if p.planned_month else "待定",
              lambda p: p.planned_month or 13, coloured=False),
    RowColumn("牵头专委会", lambda p: p.lead_committee, coloured=False),
    RowColumn("承办单位", lambda p: p.undertaker, coloured=False),
    RowColumn("会议", lambda p: p.meeting_title, coloured=False),
    RowColumn("进展", lambda p: p.progress, coloured=True),
    RowColumn("意见建议（条）", lambda p: str(p.recommendations) if p.meeting_id else "", lambda p: p.recommendations,
              right=True, coloured=False),
]


class PlanTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda p: "#1B6E20" if p.held else "#8A5A00" if p.meeting_id else None
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.add_button = QPushButton("新增条目…")
        self.top_button = QPushButton("按排名生成计划…")
        self.edit_button = QPushButton("编辑…")
        self.up_button, self.down_button = QPushButton("上移"), QPushButton("下移")
        self.delete_button = QPushButton("删除")
        self.meeting_button = QPushButton("生成会议")
        self.open_button = QPushButton("打开会议")
        self.top_button.setToolTip("把议题库中排名靠前的议题（尚未列入计划的）依次加入本年度计划")
        self.meeting_button.setToolTip("为选中的计划条目创建会议（筹备中，议题、承办单位已填好），一次可选多条")
        for button, slot in ((self.add_button, self.add), (self.top_button, self.add_top),
                             (self.edit_button, self.edit),
                             (self.up_button, lambda: self.move(-1)), (self.down_button, lambda: self.move(1)),
                             (self.delete_button, self.delete), (self.meeting_button, self.create_meetings),
                             (self.open_button, self.open_meeting)):
            button.clicked.connect(slot)
        output = QToolButton()
        output.setText("导出与打印")
        output.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(output)
        menu.addAction("导出 Excel…", self.export_excel)
        menu.addSeparator()
        self._document_actions(menu)
        output.setMenu(menu)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.top_button, self.edit_button, self.up_button, self.down_button,
                       self.delete_button, self.meeting_button, self.open_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(output)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        for column, width in enumerate((50, 280, 100, 80, 150, 160, 280, 80, 100)):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def _document_actions(self, menu: QMenu) -> None:
        from models.printing import plan_layout, render_plan, render_plan_pdf
        from ui.documents import output_menu

        def args():
            return (self.model.rows, self.page.year, self.context.call(committee_name))

        output_menu(self, menu, self.context, "年度协商计划", lambda: plan_layout(*args()),
                    lambda device: render_plan(*args(), device), lambda path: render_plan_pdf(*args(), path))

    # -- data -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = {p.id for p in self.selected()}
        rows = self.context.call(list_plan, self.page.year)
        self.model.set_rows(rows)
        for row, item in enumerate(rows):
            if item.id in selected:
                self.table.selectionModel().select(self.model.index(row, 0),
                                                   self.table.selectionModel().SelectionFlag.Select
                                                   | self.table.selectionModel().SelectionFlag.Rows)
        held = sum(1 for p in rows if p.held)
        with_meeting = sum(1 for p in rows if p.meeting_id)
        recs = sum(p.recommendations for p in rows)
        self.summary.setText(f"{self.page.year}年度协商计划：共 {len(rows)} 项，已生成会议 {with_meeting} 项，"
                             f"已召开 {held} 项，已形成意见建议 {recs} 条")

    def selected(self) -> list[PlanRow]:
        selection = self.table.selectionModel()
        if selection is None:
            return []
        return [self.model.row_at(i.row()) for i in sorted(selection.selectedRows(), key=lambda i: i.row())]

    # -- actions --------------------------------------------------------------------------------------------
    def _call(self, service, *args, **kwargs):
        try:
            result = self.context.call(service, *args, **kwargs)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return None
        self.page.changed()
        return result

    def add(self) -> None:
        if PlanItemDialog(self.context, self.page.year, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def edit(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and PlanItemDialog(self.context, self.page.year, rows[0],
                                             parent=self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def add_topics(self, topics: list[TopicRow]) -> int:
        """列入年度计划 from the pool: each topic becomes an item of the year (a 双月协商会 unless it says)."""
        formats = self.context.call(lookups.list_values, "meeting_format")
        bimonthly = next(v.id for v in formats if v.code == "bimonthly")
        added = 0
        for topic in topics:
            data = PlanItemData(year=self.page.year, format_id=topic.format_id or bimonthly, topic_id=topic.id)
            warnings = self.context.call(plan_warnings, data)
            if warnings and not messages.confirm(self, warnings[0], yes="仍然安排"):
                continue
            if self._call(save_plan_item, data) is not None:
                added += 1
        if added:
            self.page.show_plan()
            messages.inform(self, f"已将 {added} 个议题列入{self.page.year}年度协商计划。"
                                  "请补充时间、牵头专委会和承办单位。")
        return added

    def add_top(self) -> None:
        pool = [t for t in self.context.call(list_topics, self.page.year) if t.rank is not None and not t.in_plan]
        if not pool:
            messages.inform(self, "议题库中没有已评分且尚未列入计划的议题。")
            return
        count, ok = QInputDialog.getInt(self, "按排名生成计划", f"把排名前几位的议题列入计划？（可选 {len(pool)} 个）",
                                        min(4, len(pool)), 1, len(pool))
        if ok:
            self.add_topics(pool[:count])

    def move(self, delta: int) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self._call(move_plan_item, rows[0].id, delta)

    def delete(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and messages.confirm(self, f"删除计划条目“{rows[0].topic_title or rows[0].format_name}”吗？",
                                               yes="删除", danger=True):
            self._call(delete_plan_item, rows[0].id)

    def create_meetings(self) -> None:
        rows = [p for p in self.selected() if p.meeting_id is None]
        if not rows:
            messages.inform(self, "请选中尚未生成会议的计划条目（可多选）。")
            return
        created = 0
        for row in rows:
            if self._call(create_meeting_for_item, row.id) is not None:
                created += 1
        if created:
            messages.inform(self, f"已生成 {created} 个会议（状态：筹备中），可在“会议活动”中打开，请确认会议日期。")

    def open_meeting(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and rows[0].meeting_id:
            self.page.open_meeting(rows[0].meeting_id)

    def export_excel(self) -> None:
        from ui.topic_excel import export_plan

        export_plan(self)
