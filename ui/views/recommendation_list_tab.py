"""意见建议 list (and the 超期未复 view): filters, counts, status changes on a selection, merge, Excel.

The rows are the page's (read once for both lists); the filters work on them without the database.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.clock import today
from models.columns import Column
from models.services.recommendation_entry import Source
from models.services.recommendation_queries import RecommendationRow
from models.services.recommendations import change_status_bulk, merge_duplicate
from models.vocab import RECOMMENDATION_TRANSITIONS, Outcome, RecommendationStatus
from ui import messages, status_colours
from ui.operations import run_command
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.widgets.colour_legend import ColourLegend
from ui.widgets.combos import ChoiceCombo, TitleCombo
from ui.widgets.tables import kept_view, list_table, selected_rows

OVERDUE_COLOUR = status_colours.BAD
COLUMNS = (
    Column("source_label", "来源", chars=16, coloured=False),
    Column("aspect_name", "方面", chars=9, coloured=False),
    Column("title", "标题", text=lambda r: r.title + ("（已合并）" if r.is_duplicate else ""), chars=20,
           coloured=False),
    Column("proposers", "提出人", chars=9, coloured=False),
    Column("target_org", "交办单位", chars=10, coloured=False),
    Column("status", "状态", chars=5, coloured=False),
    Column("outcome", "办理结果", chars=9, coloured=False),
    Column("deadline", "办理期限",
           text=lambda r: f"{r.deadline:%Y-%m-%d}" + ("（超期）" if r.overdue else "") if r.deadline else "",
           sort=lambda r: (r.deadline is None, r.deadline or today()), chars=9),
    Column("reply_date", "答复日期", text=lambda r: f"{r.reply_date:%Y-%m-%d}" if r.reply_date else "", chars=6,
           coloured=False),
)


def source_of(row: RecommendationRow) -> Source:
    return Source(row.year, row.source_kind, row.meeting_id, row.field_visit_id)


class RecommendationListTab(QWidget):
    def __init__(self, page, *, overdue_only: bool = False):
        super().__init__()
        self.page, self.context, self.overdue_only = page, page.context, overdue_only
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda r: OVERDUE_COLOUR if r.overdue else None
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索标题、内容、提出人或交办单位")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)  # the filter combos beside it keep their longest choice whole
        self.source = TitleCombo("全部来源")  # meeting and visit titles
        self.status = ChoiceCombo("全部状态")
        self.status.set_choices([(s.value, s.value) for s in RecommendationStatus])
        self.outcome = ChoiceCombo("全部办理结果")
        self.outcome.set_choices([(o.value, o.value) for o in Outcome] + [("（尚无结果）", "")])
        self.show_merged = QCheckBox("显示已合并的重复建议")
        filters = QHBoxLayout()
        for widget in (self.search, self.source, self.status, self.outcome, self.show_merged):
            filters.addWidget(widget, 1 if widget is self.search else 0)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.counts.setWordWrap(True)
        self.entry_button = QPushButton("按来源录入…")
        self.entry_button.setToolTip("选择一次会议、沙龙或调研（或提案、社情民意），按“方面”快速录入和整理意见建议")
        self.edit_button = QPushButton("编辑…")
        self.status_button = QToolButton()
        self.status_button.setText("改变状态")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setToolTip("对选中的建议（可多选）一起进入下一步，如全部“已交办”")
        self.status_button.setMenu(QMenu(self.status_button))
        self.status_button.menu().aboutToShow.connect(self._fill_status_menu)
        self.merge_button = QPushButton("合并重复…")
        self.merge_button.setToolTip("选中两条重复的建议：保留一条，另一条保留原文并标为重复，统计时只计一次")
        excel = QToolButton()
        excel.setText("Excel")
        excel.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(excel)
        menu.addAction("导出当前列表（含状态历程）…", self.export_list)
        menu.addAction("导出部门答复表…", self.export_reply_sheet)
        menu.addAction("导入部门答复表…", self.import_replies)
        edits(self.context, self.entry_button, self.edit_button, self.status_button, self.merge_button,
              menu.actions()[-1])
        excel.setMenu(menu)
        for button, slot in ((self.entry_button, self.open_entry), (self.edit_button, self.edit),
                             (self.merge_button, self.merge)):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for widget in (self.entry_button, self.edit_button, self.status_button, self.merge_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(excel)
        # Reading order (source, aspect, position) until the user sorts by a column.
        self.table = list_table(self.model, sort_column=None)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        if overdue_only:
            note = QLabel("办理期限已过、尚未收到部门答复的意见建议（不含已办结和已合并的）。可在“办理情况”中登记答复，"
                          "或导出部门答复表催办。")
            note.setObjectName("hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.legend = ColourLegend([(OVERDUE_COLOUR, "超期未复：办理期限已过，尚未收到答复")])
        layout.addWidget(self.legend)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.source, self.status, self.outcome):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.show_merged.toggled.connect(lambda _on: self.apply_filter())

    # -- data -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The page has read its rows again: same filters, same selection and scroll position."""
        self.source.set_choices(sorted({(r.source_label, r.source_label) for r in self.page.rows}))
        with kept_view(self.table):
            self._show()

    def shown(self) -> list[RecommendationRow]:
        text = self.search.text().strip().lower()
        source, status, outcome = self.source.value(), self.status.value(), self.outcome.value()
        return [r for r in self.page.rows
                if (not self.overdue_only or r.overdue) and (self.show_merged.isChecked() or not r.is_duplicate)
                and (source is None or r.source_label == source) and (status is None or r.status == status)
                and (outcome is None or r.outcome == outcome)
                and (not text or text in f"{r.title} {r.content} {r.proposers} {r.target_org}".lower())]

    def apply_filter(self) -> None:
        with kept_view(self.table, follow_selection=True):
            self._show()

    def _show(self) -> None:
        rows = self.shown()
        self.model.set_rows(rows)
        counted = [r for r in rows if not r.is_duplicate]
        aspects = {(r.source_label, r.aspect_id) for r in counted if r.aspect_id}
        done = [r for r in counted if r.outcome]
        adopted = sum(r.outcome in ("采纳", "部分采纳") for r in done)
        rate = f"，采纳率 {adopted / len(done):.0%}" if done else ""
        overdue = sum(r.overdue for r in counted)
        self.counts.setText(f"显示 {len(counted)} 条" + (f"（{len(aspects)}方面{len(counted)}条）" if aspects else "")
                            + f"；已办结 {sum(r.status == '已办结' for r in counted)} 条{rate}"
                            + (f"；超期未复 {overdue} 条" if overdue else ""))

    def selected(self) -> list[RecommendationRow]:
        return selected_rows(self.table)

    # -- actions --------------------------------------------------------------------------------------------
    def open_entry(self) -> None:
        self.page.open_entry()

    def edit(self) -> None:
        from ui.dialogs.recommendation_dialog import open_recommendation_dialog

        rows = self.selected()
        if len(rows) == 1:
            open_recommendation_dialog(self.context, self, source_of(rows[0]), rows[0].id)

    def _fill_status_menu(self) -> None:
        menu = self.status_button.menu()
        menu.clear()
        rows = self.selected()
        if not rows:
            menu.addAction("（请先选中建议）").setEnabled(False)
            return
        nexts = set.intersection(*(set(RECOMMENDATION_TRANSITIONS.get(r.status, ())) for r in rows))
        for status in RecommendationStatus:
            if status in nexts:
                menu.addAction(f"改为“{status.value}”（{len(rows)} 条）…", lambda s=status: self.bulk_status(s))
        if not nexts:
            menu.addAction("所选建议没有共同的下一步，请按状态分别选择").setEnabled(False)

    def bulk_status(self, status: str) -> None:
        ids = [r.id for r in self.selected()]
        note, ok = QInputDialog.getText(self, f"改为“{status}”", f"说明（{len(ids)} 条，日期为今天）：")
        if ok:
            run_command(self.context, self, lambda s: change_status_bulk(s, ids, status, note=note))

    def merge(self) -> None:
        rows = [r for r in self.selected() if not r.is_duplicate]
        if len(rows) != 2:
            messages.inform(self, "请选中两条（未合并的）重复建议。")
            return
        keep, dup = rows
        choice, ok = QInputDialog.getItem(self, "合并重复建议",
                                          "保留哪一条？另一条将标为重复（保留原文），统计只计一次：",
                                          [keep.title, dup.title], 0, False)
        if not ok:
            return
        if choice == dup.title:
            keep, dup = dup, keep
        run_command(self.context, self, lambda s: merge_duplicate(s, keep.id, dup.id))

    # -- Excel ----------------------------------------------------------------------------------------------
    def export_list(self) -> None:
        from ui.recommendation_excel import export_list

        export_list(self)

    def export_reply_sheet(self) -> None:
        from ui.recommendation_excel import export_reply_sheet

        export_reply_sheet(self)

    def import_replies(self) -> None:
        from ui.recommendation_excel import import_replies

        import_replies(self)
