"""年度协商计划: the year's plan items, one click to create each item's meeting, Excel and print.

The rows also show each item's meeting (status) and how many recommendations it produced, so the tab
follows meetings and recommendations too.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.columns import RIGHT, Column
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
from ui import messages, status_colours
from ui.dialogs import exec_dialog
from ui.dialogs.plan_item_dialog import PlanItemDialog, plan_item_dialog_data
from ui.operations import run_command, run_query
from ui.table_models.row_model import RowTableModel
from ui.watch import AreaWatch
from ui.widgets.tables import kept_view, list_table, selected_rows

COLUMNS = [
    Column("position", "序号", text=lambda p: str(p.position), sort=lambda p: p.position, align=RIGHT, chars=2,
           coloured=False),
    Column("topic_title", "协商议题", chars=19, coloured=False),
    Column("format_name", "协商形式", chars=6, coloured=False),
    Column("planned_month", "时间安排", text=lambda p: f"{p.planned_month}月" if p.planned_month else "待定",
           sort=lambda p: p.planned_month or 13, chars=5, coloured=False),
    Column("lead_committee", "牵头专委会", chars=10, coloured=False),
    Column("undertaker", "承办单位", chars=10, coloured=False),
    Column("meeting_title", "会议", chars=19, coloured=False),
    Column("progress", "进展", chars=5, coloured=True),
    Column("recommendations", "意见建议（条）", text=lambda p: str(p.recommendations) if p.meeting_id else "",
           sort=lambda p: p.recommendations, align=RIGHT, chars=6, coloured=False),
]
AREAS = {Area.PLAN, Area.TOPICS, Area.MEETINGS, Area.RECOMMENDATIONS, Area.LOOKUPS}


@dataclass(frozen=True)
class PlanSheet:
    """What the printed 年度协商计划 needs, read in one query."""
    rows: list[PlanRow]
    year: int
    committee: str


class PlanTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.shown_year: int | None = None  # the year the rows belong to (tests wait on it)
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda p: status_colours.GOOD if p.held else status_colours.WAIT if p.meeting_id else None
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
        self.table = list_table(self.model, sortable=False)  # the plan's own order (序号)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        # the page asks for the first load once it knows the year
        self.watch = AreaWatch(self, self.context, AREAS, self.reload)

    def _document_actions(self, menu: QMenu) -> None:
        from models.printing import plan_layout, render_plan, render_plan_pdf
        from ui.documents import Printable, output_menu

        page = self.page

        def load(session) -> PlanSheet:  # on the database worker: page.year is a plain int
            year = page.year
            return PlanSheet(list_plan(session, year), year, committee_name(session))

        output_menu(self, menu, self.context, Printable(
            "年度协商计划", layout=lambda _d: plan_layout(),
            render=lambda d, device: render_plan(d.rows, d.year, d.committee, device),
            render_pdf=lambda d, path: render_plan_pdf(d.rows, d.year, d.committee, path), load=load))

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        year = self.page.year
        if year is None:
            return
        run_query(self.context, self, lambda s: list_plan(s, year), on_done=lambda rows: self._loaded(year, rows),
                  key=(id(self), "list"), label="正在读取协商计划…")

    def _loaded(self, year: int, rows: list[PlanRow]) -> None:
        if year != self.page.year:  # an answer for a year no longer chosen: the newer one is on its way
            return
        self.shown_year = year
        with kept_view(self.table):
            self.model.set_rows(rows)
        held = sum(1 for p in rows if p.held)
        with_meeting = sum(1 for p in rows if p.meeting_id)
        recs = sum(p.recommendations for p in rows)
        self.summary.setText(f"{year}年度协商计划：共 {len(rows)} 项，已生成会议 {with_meeting} 项，"
                             f"已召开 {held} 项，已形成意见建议 {recs} 条")

    def selected(self) -> list[PlanRow]:
        return selected_rows(self.table)

    # -- actions --------------------------------------------------------------------------------------------
    def _item_dialog(self, row: PlanRow | None) -> None:
        year = self.page.year
        run_query(self.context, self, lambda s: plan_item_dialog_data(s, year),
                  on_done=lambda form: exec_dialog(PlanItemDialog(self.context, year, form, row, parent=self)))

    def add(self) -> None:
        self._item_dialog(None)

    def edit(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self._item_dialog(rows[0])

    def add_topics(self, topics: list[TopicRow]) -> None:
        """列入年度计划 from the pool: each topic becomes an item of the year (a 双月协商会 unless it says).
        The warnings are read first and asked about; the chosen items are saved as one command."""
        year, chosen = self.page.year, [(t.id, t.format_id) for t in topics]

        def check(session):
            formats = lookups.list_values(session, "meeting_format")
            bimonthly = next(v.id for v in formats if v.code == "bimonthly")
            items = [PlanItemData(year=year, format_id=format_id or bimonthly, topic_id=topic_id)
                     for topic_id, format_id in chosen]
            return [(item, plan_warnings(session, item)) for item in items]

        run_query(self.context, self, check, on_done=lambda checked: self._add_items(year, checked))

    def _add_items(self, year: int, checked: list[tuple[PlanItemData, list[str]]]) -> None:
        items = [item for item, warnings in checked
                 if not warnings or messages.confirm(self, warnings[0], yes="仍然安排")]
        if not items:
            return

        def add(session) -> int:
            for item in items:
                save_plan_item(session, item)
            return len(items)

        run_command(self.context, self, add, on_done=lambda added: self._added(year, added))

    def _added(self, year: int, added: int) -> None:
        self.page.show_plan()
        messages.inform(self, f"已将 {added} 个议题列入{year}年度协商计划。请补充时间、牵头专委会和承办单位。")

    def add_top(self) -> None:
        year = self.page.year
        run_query(self.context, self, lambda s: list_topics(s, year), on_done=self._choose_top)

    def _choose_top(self, topics: list[TopicRow]) -> None:
        pool = [t for t in topics if t.rank is not None and not t.in_plan]
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
            item_id = rows[0].id
            run_command(self.context, self, lambda s: move_plan_item(s, item_id, delta))

    def delete(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and messages.confirm(self, f"删除计划条目“{rows[0].topic_title or rows[0].format_name}”吗？",
                                               yes="删除", danger=True):
            item_id = rows[0].id
            run_command(self.context, self, lambda s: delete_plan_item(s, item_id))

    def create_meetings(self) -> None:
        item_ids = [p.id for p in self.selected() if p.meeting_id is None]
        if not item_ids:
            messages.inform(self, "请选中尚未生成会议的计划条目（可多选）。")
            return

        def create(session) -> int:
            for item_id in item_ids:
                create_meeting_for_item(session, item_id)
            return len(item_ids)

        run_command(self.context, self, create, label="正在生成会议…", on_done=lambda created: messages.inform(
            self, f"已生成 {created} 个会议（状态：筹备中），可在“会议活动”中打开，请确认会议日期。"))

    def open_meeting(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and rows[0].meeting_id:
            self.page.open_meeting(rows[0].meeting_id)

    def export_excel(self) -> None:
        from ui.topic_excel import export_plan

        export_plan(self)
