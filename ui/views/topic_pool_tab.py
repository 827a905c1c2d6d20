"""议题库: the year's candidate topics ranked by weighted score; workflow, scoring, Excel, 遴选表."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services.plans import PlanItemData
from models.services.topic_scores import TopicRow, list_topics
from models.services.topics import carry_over, delete_topic
from models.vocab import TopicSource, TopicStatus
from ui import messages
from ui.dialogs.topic_dialogs import TopicDialog, TopicHistoryDialog, TopicStatusDialog
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.combos import ChoiceCombo

COLUMNS = [
    RowColumn("排名", lambda t: str(t.rank or "—"), lambda t: (t.rank is None, t.rank or 0), right=True),
    RowColumn("议题名称", lambda t: t.title),
    RowColumn("来源", lambda t: t.source),
    RowColumn("提出者", lambda t: t.proposer),
    RowColumn("意向形式", lambda t: t.format_name),
    RowColumn("状态", lambda t: t.status),
    RowColumn("加权得分", lambda t: t.score_text, lambda t: -(t.average or 0), right=True),
    RowColumn("评分人数", lambda t: str(t.reviewers), lambda t: t.reviewers, right=True),
    RowColumn("分差", lambda t: f"{t.spread:.2f}" if t.spread is not None else "", lambda t: t.spread or 0,
              right=True),
    RowColumn("列入计划", lambda t: "是" if t.in_plan else ""),
]
EXITS = {TopicStatus.REJECTED: "#9CA3AF", TopicStatus.POSTPONED: "#8A5A00"}


class TopicPoolTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.context = page, page.context
        self.rows: list[TopicRow] = []
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda t: EXITS.get(t.status)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索议题名称或提出者")
        self.search.setClearButtonEnabled(True)
        self.source = ChoiceCombo("全部来源")
        self.source.set_choices([(s.value, s.value) for s in TopicSource])
        self.status = ChoiceCombo("全部状态")
        self.status.set_choices([(s.value, s.value) for s in TopicStatus])
        self.count = QLabel()
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

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        for column, width in enumerate((50, 320, 80, 200, 100, 100, 80, 70, 60, 70)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        QShortcut(QKeySequence.StandardKey.New, self, self.add, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.source.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())

    def _document_actions(self, menu: QMenu) -> None:
        from models.printing import (
            render_topic_selection,
            render_topic_selection_pdf,
            selection_means,
            topic_selection_layout,
        )
        from models.services.topic_scores import criteria, reviewers
        from ui.documents import output_menu

        def args():
            return self.rows, self.context.call(criteria), self.page.year

        def extra():
            return {"reviewers": self.context.call(reviewers, self.page.year),
                    "means": self.context.call(selection_means, self.rows)}

        output_menu(self, menu, self.context, "议题遴选表", lambda: topic_selection_layout(*args()),
                    lambda device: render_topic_selection(*args(), device, **extra()),
                    lambda path: render_topic_selection_pdf(*args(), path, **extra()))

    # -- data -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = {t.id for t in self.selected()}
        self.rows = self.context.call(list_topics, self.page.year)
        self.apply_filter(selected)

    def apply_filter(self, select_ids: set[int] | None = None) -> None:
        select_ids = select_ids if select_ids is not None else {t.id for t in self.selected()}
        text = self.search.text().strip().lower()
        source, status = self.source.value(), self.status.value()
        shown = [t for t in self.rows if (source is None or t.source == source)
                 and (status is None or t.status == status)
                 and (not text or text in f"{t.title} {t.proposer}".lower())]
        self.model.set_rows(shown)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        for row, topic in enumerate(self.model.rows):
            if topic.id in select_ids:
                self.table.selectionModel().select(self.model.index(row, 0),
                                                   self.table.selectionModel().SelectionFlag.Select
                                                   | self.table.selectionModel().SelectionFlag.Rows)
        scored = sum(1 for t in self.rows if t.average is not None)
        self.count.setText(f"显示 {len(shown)} / 共 {len(self.rows)} 个议题，已评分 {scored} 个")

    def selected(self) -> list[TopicRow]:
        selection = self.table.selectionModel()
        if selection is None:
            return []
        return [self.model.row_at(i.row()) for i in sorted(selection.selectedRows(), key=lambda i: i.row())]

    def one(self) -> TopicRow | None:
        rows = self.selected()
        if len(rows) != 1:
            messages.inform(self, "请先在列表中选中一个议题。")
            return None
        return rows[0]

    # -- actions --------------------------------------------------------------------------------------------
    def add(self) -> None:
        dialog = TopicDialog(self.context, None, self.page.year, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def edit(self) -> None:
        topic = self.one()
        if topic and TopicDialog(self.context, topic.id, topic.year, self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def change_status(self) -> None:
        topic = self.one()
        if topic is None:
            return
        dialog = TopicStatusDialog(self.context, topic.id, topic.title, topic.status, topic.version, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def history(self) -> None:
        topic = self.one()
        if topic:
            TopicHistoryDialog(self.context, topic.id, topic.title, self).exec()

    def score(self) -> None:
        from ui.dialogs.score_grid_dialog import ScoreGridDialog

        if not self.rows:
            messages.inform(self, "本年度还没有议题。")
            return
        if ScoreGridDialog(self.context, self.page.year, self.rows, self).exec() == QDialog.DialogCode.Accepted:
            self.page.changed()

    def add_to_plan(self) -> None:
        topics = self.selected()
        if not topics:
            messages.inform(self, "请先选中要列入计划的议题（可多选）。")
            return
        self.page.plan_tab.add_topics(topics)

    def carry_over(self) -> None:
        topic = self.one()
        if topic is None:
            return
        try:
            self.context.call(carry_over, topic.id)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        messages.inform(self, f"已将“{topic.title}”转入 {topic.year + 1} 年度议题库（状态：征集）。")
        self.page.changed()

    def delete(self) -> None:
        topic = self.one()
        if topic is None or not messages.confirm(self, f"删除议题“{topic.title}”吗？", yes="删除", danger=True):
            return
        try:
            self.context.call(delete_topic, topic.id)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.page.changed()

    def export_scoring_sheet(self) -> None:
        from ui.topic_excel import export_scoring_sheet

        export_scoring_sheet(self)

    def import_scores(self) -> None:
        from ui.topic_excel import import_scores

        import_scores(self)


def plan_item_for(topic: TopicRow, year: int, format_id: int) -> PlanItemData:
    return PlanItemData(year=year, format_id=topic.format_id or format_id, topic_id=topic.id)


__all__ = ["TopicPoolTab", "plan_item_for"]
