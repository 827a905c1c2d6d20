"""年度协商计划: the year's plan items, one click to create each item's meeting, Excel and print.

The rows also show each item's meeting (status) and how many recommendations it produced, so the tab
follows meetings and recommendations too.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.clock import now
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
    plan_item_delete_refusal,
    plan_refusals,
    plan_warnings,
    planned_start,
    save_plan_item,
)
from models.services.topic_scores import TopicRow, list_topics
from models.text import quoted
from ui import messages, status_colours
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.dialogs.plan_item_dialog import PlanItemDialog, plan_item_dialog_data
from ui.operations import run_command, run_query
from ui.read_only import edits
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
        edits(self.context, self.add_button, self.top_button, self.edit_button, self.up_button, self.down_button,
              self.delete_button, self.meeting_button)
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
            render_pdf=lambda d, path: render_plan_pdf(d.rows, d.year, d.committee, path), load=load,
            file_name=lambda: f"{page.year}年度协商计划"))

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

    def add_topics(self, topics: list[TopicRow], *, note: str = "") -> None:
        """列入年度计划 from the pool: each topic becomes an item of the year (a 双月协商会 unless it says).
        What stops a topic (未采用, 延期…) and what needs a yes (not yet confirmed, already planned) is read
        first and asked about once; the chosen items are saved as one command, and each topic moves to
        列入计划 with its history (models/services/plan_topics.py). `note` is said first (按排名's own)."""
        year, chosen = self.page.year, [(t.id, t.format_id) for t in topics]

        def check(session):
            formats = lookups.list_values(session, "meeting_format")
            bimonthly = next(v.id for v in formats if v.code == "bimonthly")
            items = [PlanItemData(year=year, format_id=format_id or bimonthly, topic_id=topic_id)
                     for topic_id, format_id in chosen]
            return [(item, plan_refusals(session, item), plan_warnings(session, item)) for item in items]

        run_query(self.context, self, check, on_done=lambda checked: self._add_items(year, checked, note))

    def _add_items(self, year: int, checked: list[tuple[PlanItemData, list[str], list[str]]], note: str) -> None:
        refused = [r for _item, refusals, _w in checked for r in refusals]
        allowed = [(item, warnings) for item, refusals, warnings in checked if not refusals]
        asked = [w for _item, warnings in allowed for w in warnings]
        said = [text for text in (note, "以下议题不能列入计划：\n" + "\n".join(refused) if refused else "") if text]
        if asked:
            question = "\n\n".join([*said, *asked])
            if not messages.confirm(self, question, title="列入年度协商计划", yes="全部列入", no="取消"):
                return
        elif said and allowed:
            if not messages.confirm(self, "\n\n".join(said), title="列入年度协商计划", yes="继续", no="取消"):
                return
        elif said:
            messages.inform(self, "\n\n".join(said))
        items = [item for item, _w in allowed]
        if not items:
            return

        def add(session) -> int:
            for item in items:
                save_plan_item(session, item)
            return len(items)

        run_command(self.context, self, add, on_done=lambda added: self._added(year, added))

    def _added(self, year: int, added: int) -> None:
        self.page.show_plan()
        messages.inform(self, f"已将 {added} 个议题列入{year}年度协商计划，议题状态已改为“列入计划”（见议题历程）。"
                              "请补充时间、牵头专委会和承办单位。")

    def add_top(self) -> None:
        year = self.page.year
        run_query(self.context, self, lambda s: list_topics(s, year), on_done=self._choose_top)

    def _choose_top(self, topics: list[TopicRow]) -> None:
        """Only fully scored topics have a rank; partly scored ones are named, not silently left out."""
        pool = [t for t in topics if t.rank is not None and not t.in_plan]
        partly = [t for t in topics if t.partly_scored and not t.in_plan]
        note = (f"另有 {len(partly)} 个议题尚未经全部评分人评分（" + "、".join(f"“{t.title}”{t.reviewers_text}"
                for t in partly[:3]) + ("等" if len(partly) > 3 else "") + "），不参与排名，不会按排名列入。"
                if partly else "")
        if not pool:
            messages.inform(self, "\n\n".join(t for t in ("议题库中没有已评完且尚未列入计划的议题。", note) if t))
            return
        count, ok = QInputDialog.getInt(self, "按排名生成计划", f"把排名前几位的议题列入计划？（可选 {len(pool)} 个）",
                                        min(4, len(pool)), 1, len(pool))
        if ok:
            self.add_topics(pool[:count], note=note)

    def move(self, delta: int) -> None:
        rows = self.selected()
        if len(rows) == 1:
            item_id = rows[0].id
            run_command(self.context, self, lambda s: move_plan_item(s, item_id, delta))

    def delete(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            item_id = rows[0].id
            delete_after_check(self.context, self, refusal=lambda s: plan_item_delete_refusal(s, item_id),
                               question=f"删除计划条目{quoted(rows[0].topic_title or rows[0].format_name)}吗？",
                               delete=lambda s: delete_plan_item(s, item_id))

    def create_meetings(self) -> None:
        rows = [p for p in self.selected() if p.meeting_id is None]
        item_ids = [p.id for p in rows]
        if not item_ids:
            messages.inform(self, "请选中尚未生成会议的计划条目（可多选）。")
            return
        starts = [planned_start(p.year, p.planned_month) for p in rows]  # what the service will give them
        past = [when for when in starts if when < now()]
        if past and not messages.confirm(
                self, f"有 {len(past)} 个会议的计划日期已经过去（如 {past[0]:%Y年%m月%d日}）。仍然生成吗？",
                informative="生成后请在会议窗口中确认会议日期；如是补录已召开的会议，可以继续。", yes="仍然生成"):
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
