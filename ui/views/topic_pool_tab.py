"""议题库: the year's candidate topics ranked by weighted score; workflow, scoring, Excel, 遴选表."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from models.changes import Area, Changes
from models.columns import RIGHT, Column
from models.services.plans import PlanItemData
from models.services.topic_scores import Criterion, TopicRow, criteria, list_topics, reviewers
from models.services.topics import carry_over, delete_topic, topic_delete_refusal, topic_history
from models.text import quoted
from models.vocab import TopicSource, TopicStatus
from ui import messages, status_colours
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.dialogs.topic_dialogs import TopicDialog, TopicHistoryDialog, TopicStatusDialog, topic_dialog_data
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.watch import AreaWatch
from ui.widgets.combos import ChoiceCombo
from ui.widgets.tables import kept_view, list_table, selected_rows

COLUMNS = [
    Column("rank", "排名", text=lambda t: str(t.rank or "—"), sort=lambda t: (t.rank is None, t.rank or 0),
           align=RIGHT, chars=2),
    Column("title", "议题名称", chars=22),
    # the score with how many reviewers gave it, side by side: "9.20  1/3 未评完" is not a rank-1 score
    Column("score", "加权得分", text=lambda t: t.score_text, sort=lambda t: -(t.average or 0), align=RIGHT, chars=5),
    Column("reviewers", "评分人数", text=lambda t: t.reviewers_text, sort=lambda t: (t.reviewers, -t.partly_scored),
           chars=6),
    Column("spread", "分差", text=lambda t: f"{t.spread:.2f}" if t.spread is not None and t.reviewers > 1 else "",
           sort=lambda t: t.spread or 0, align=RIGHT, chars=3),
    Column("source", "来源", chars=5),
    Column("proposer", "提出者", chars=13),
    Column("format_name", "意向形式", chars=6),
    Column("status", "状态", chars=6),
    Column("in_plan", "列入计划", text=lambda t: "是" if t.in_plan else "", chars=4),
]
# the rows show proposers' names (people, units), format names and criteria weights, and 列入计划
AREAS = {Area.TOPICS, Area.PLAN, Area.LOOKUPS, Area.PEOPLE, Area.ORGANIZATIONS}


@dataclass(frozen=True)
class SelectionSheet:
    """What the 议题遴选表 prints, read in one query."""
    rows: list[TopicRow]
    criteria: list[Criterion]
    year: int
    reviewers: list[str]
    means: dict


class TopicPoolTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.rows: list[TopicRow] = []
        self.shown_year: int | None = None  # the year self.rows belong to (tests wait on it)
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda t: status_colours.TOPIC_STATUS.get(t.status)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索议题名称或提出者")
        self.search.setClearButtonEnabled(True)
        self.source = ChoiceCombo("全部来源")
        self.source.set_choices([(s.value, s.value) for s in TopicSource])
        self.status = ChoiceCombo("全部状态")
        self.status.set_choices([(s.value, s.value) for s in TopicStatus])
        self.count = QLabel("正在读取议题…")
        filters = QHBoxLayout()
        for widget in (self.search, self.source, self.status, self.count):
            filters.addWidget(widget, 1 if widget is self.search else 0)

        self.add_button = QPushButton("新增议题…")
        self.edit_button = QPushButton("编辑…")
        self.status_button = QPushButton("改变状态…")
        self.history_button = QPushButton("议题历程")
        self.score_button = QPushButton("评分…")
        self.plan_button = QPushButton("列入年度计划")
        more = QToolButton()
        more.setText("更多")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addAction("转入下一年度（延期议题）", self.carry_over)
        menu.addAction("删除议题", self.delete)
        menu.addSeparator()
        menu.addAction("导出评分表（Excel，供线下评分）…", self.export_scoring_sheet)
        menu.addAction("导入填好的评分表…", self.import_scores)
        edits(self.context, self.add_button, self.edit_button, self.status_button, self.score_button, self.plan_button,
              *[action for action in menu.actions() if action.text() in ("转入下一年度（延期议题）", "删除议题",
                                                                          "导入填好的评分表…")])
        menu.addSeparator()
        self._document_actions(menu)
        more.setMenu(menu)
        self.more_button = more
        self.add_button.setToolTip("新增候选议题（Ctrl+N）")
        self.score_button.setToolTip("一位评分人对本年度全部议题逐项打分（1–10 分）")
        self.plan_button.setToolTip("把选中的议题加入本年度协商计划（可多选）")
        for button, slot in ((self.add_button, self.add), (self.edit_button, self.edit),
                             (self.status_button, self.change_status), (self.history_button, self.history),
                             (self.score_button, self.score), (self.plan_button, self.add_to_plan)):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.status_button, self.history_button, self.score_button,
                       self.plan_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(more)

        self.table = list_table(self.model, sort_column=0)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        QShortcut(QKeySequence.StandardKey.New, self, self.add, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.source.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        # the page asks for the first load once it knows the year
        self.watch = AreaWatch(self, self.context, AREAS, self.reload)

    def _document_actions(self, menu: QMenu) -> None:
        from models.printing import (
            render_topic_selection,
            render_topic_selection_pdf,
            selection_means,
            topic_selection_layout,
        )
        from ui.documents import Printable, output_menu

        page = self.page

        def load(session) -> SelectionSheet:  # on the database worker: page.year is a plain int
            year = page.year
            rows = list_topics(session, year)
            return SelectionSheet(rows, criteria(session), year, reviewers(session, year),
                                  selection_means(session, rows))

        def options(d: SelectionSheet) -> dict:
            return {"reviewers": d.reviewers, "means": d.means}

        output_menu(self, menu, self.context, Printable(
            "议题遴选表", layout=lambda _d: topic_selection_layout(),
            render=lambda d, device: render_topic_selection(d.rows, d.criteria, d.year, device, **options(d)),
            render_pdf=lambda d, path: render_topic_selection_pdf(d.rows, d.criteria, d.year, path, **options(d)),
            load=load, file_name=lambda: f"{page.year}年度协商议题遴选表"))

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self, _changes: Changes | None = None) -> None:
        year = self.page.year
        if year is None:
            return
        run_query(self.context, self, lambda s: list_topics(s, year), on_done=lambda rows: self._loaded(year, rows),
                  key=(id(self), "list"), label="正在读取议题…")

    def _loaded(self, year: int, rows: list[TopicRow]) -> None:
        if year != self.page.year:  # an answer for a year no longer chosen: the newer one is on its way
            return
        self.rows, self.shown_year = rows, year
        with kept_view(self.table):
            self._show_filtered()

    def apply_filter(self) -> None:
        with kept_view(self.table, follow_selection=True):
            self._show_filtered()

    def _show_filtered(self) -> None:
        text = self.search.text().strip().lower()
        source, status = self.source.value(), self.status.value()
        shown = [t for t in self.rows if (source is None or t.source == source)
                 and (status is None or t.status == status)
                 and (not text or text in f"{t.title} {t.proposer}".lower())]
        self.model.set_rows(shown)  # keeps the sort chosen in the header
        ranked = sum(1 for t in self.rows if t.rank is not None)
        partly = sum(1 for t in self.rows if t.partly_scored)
        self.count.setText(f"显示 {len(shown)} / 共 {len(self.rows)} 个议题，已评完 {ranked} 个"
                           + (f"，未评完 {partly} 个（不参与排名）" if partly else ""))

    def selected(self) -> list[TopicRow]:
        return selected_rows(self.table)

    def one(self) -> TopicRow | None:
        rows = self.selected()
        if len(rows) != 1:
            messages.inform(self, "请先在列表中选中一个议题。")
            return None
        return rows[0]

    # -- actions --------------------------------------------------------------------------------------------
    def _topic_dialog(self, topic_id: int | None, year: int) -> None:
        run_query(self.context, self, lambda s: topic_dialog_data(s, topic_id),
                  on_done=lambda data: exec_dialog(TopicDialog(self.context, data, year, self)))

    def add(self) -> None:
        if self.page.year is not None:
            self._topic_dialog(None, self.page.year)

    def edit(self) -> None:
        topic = self.one()
        if topic:
            self._topic_dialog(topic.id, topic.year)

    def change_status(self) -> None:
        topic = self.one()
        if topic is not None:
            exec_dialog(TopicStatusDialog(self.context, topic.id, topic.title, topic.status, topic.version, self,
                                          in_plan=topic.in_plan))

    def history(self) -> None:
        topic = self.one()
        if topic:
            run_query(self.context, self, lambda s: topic_history(s, topic.id),
                      on_done=lambda steps: exec_dialog(TopicHistoryDialog(topic.title, steps, self)))

    def score(self) -> None:
        from ui.dialogs.score_grid_dialog import ScoreGridDialog

        if not self.rows:
            messages.inform(self, "本年度还没有议题。")
            return
        year, topics = self.shown_year, list(self.rows)  # every topic of the year, ranked

        def opened(loaded) -> None:
            marks, names = loaded
            exec_dialog(ScoreGridDialog(self.context, year, topics, marks, names, self))

        run_query(self.context, self, lambda s: (criteria(s), reviewers(s, year)), on_done=opened)

    def add_to_plan(self) -> None:
        topics = self.selected()
        if not topics:
            messages.inform(self, "请先选中要列入计划的议题（可多选）。")
            return
        self.page.plan_tab.add_topics(topics)

    def carry_over(self) -> None:
        topic = self.one()
        if topic is not None:
            run_command(self.context, self, lambda s: carry_over(s, topic.id),
                        on_done=lambda _id: messages.inform(
                            self, f"已将{quoted(topic.title)}转入 {topic.year + 1} 年度议题库（状态：征集）。"))

    def delete(self) -> None:
        topic = self.one()
        if topic is not None:
            delete_after_check(self.context, self, refusal=lambda s: topic_delete_refusal(s, topic.id),
                               question=f"删除议题{quoted(topic.title)}吗？",
                               delete=lambda s: delete_topic(s, topic.id))

    def export_scoring_sheet(self) -> None:
        from ui.topic_excel import export_scoring_sheet

        export_scoring_sheet(self)

    def import_scores(self) -> None:
        from ui.topic_excel import import_scores

        import_scores(self)


def plan_item_for(topic: TopicRow, year: int, format_id: int) -> PlanItemData:
    return PlanItemData(year=year, format_id=topic.format_id or format_id, topic_id=topic.id)


__all__ = ["TopicPoolTab", "plan_item_for"]
