"""调研: the field-research log by year, topic, meeting, kind and member, with counts always in view."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services.people_list import load_people
from models.services.research import VisitRow, delete_visit, list_visits, visit_years
from models.vocab import VisitKind
from ui import messages
from ui.context import AppContext
from ui.dialogs.visit_dialog import VisitDialog
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.combos import ChoiceCombo

COLUMNS = [
    RowColumn("日期", lambda v: f"{v.visit_date:%Y-%m-%d}", lambda v: v.visit_date),
    RowColumn("形式", lambda v: v.kind),
    RowColumn("调研主题", lambda v: v.title),
    RowColumn("调研单位", lambda v: v.organizations),
    RowColumn("议题", lambda v: v.topic_title),
    RowColumn("关联会议", lambda v: v.meeting_title),
    RowColumn("参加人员", lambda v: v.participants),
    RowColumn("附件", lambda v: str(v.attachments or ""), lambda v: v.attachments, right=True),
    RowColumn("建议", lambda v: str(v.recommendations or ""), lambda v: v.recommendations, right=True),
]


class ResearchPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows: list[VisitRow] = []
        self.model = RowTableModel(COLUMNS, self)
        title = QLabel("调研")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索调研主题、单位、地点或参加人员")
        self.search.setClearButtonEnabled(True)
        self.year, self.kind = ChoiceCombo("全部年度"), ChoiceCombo("全部形式")
        self.kind.set_choices([(k.value, k.value) for k in VisitKind])
        self.topic, self.meeting = ChoiceCombo("全部议题"), ChoiceCombo("全部会议")
        self.member = ChoiceCombo("全部人员")
        self.member.setEditable(True)
        self.member.setToolTip("只看某位委员参加的调研（可输入姓名查找）")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        filters = QHBoxLayout()
        for widget in (self.year, self.kind, self.topic, self.meeting, self.member):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.add_button, self.edit_button, self.delete_button = (QPushButton(t) for t in ("新增调研…", "编辑…", "删除"))
        self.add_button.setToolTip("新增调研、视察、座谈或走访记录（Ctrl+N）")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.counts)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((90, 70, 300, 200, 150, 200, 260, 45, 45)):
            self.table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence.StandardKey.New, self, self.add, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.year, self.kind, self.topic, self.meeting, self.member):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        context.database_changed.connect(self.reload)
        context.data_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.rows = self.context.call(list_visits)
        self.year.set_choices([(f"{y}年", y) for y in self.context.call(visit_years)])
        self.topic.set_choices(sorted({(v.topic_title, v.topic_id) for v in self.rows if v.topic_id}))
        self.meeting.set_choices(sorted({(v.meeting_title, v.meeting_id) for v in self.rows if v.meeting_id}))
        joined = {pid for v in self.rows for pid in v.participant_ids}
        people = [r for r in self.context.call(load_people) if r.id in joined]
        self.member.set_choices([(r.name, r.id) for r in people])
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.search.text().strip().lower()
        year, kind, topic, meeting = self.year.value(), self.kind.value(), self.topic.value(), self.meeting.value()
        member = self.member.value()
        shown = [v for v in self.rows
                 if (year is None or v.visit_date.year == year) and (kind is None or v.kind == kind)
                 and (topic is None or v.topic_id == topic) and (meeting is None or v.meeting_id == meeting)
                 and (member is None or member in v.participant_ids)
                 and (not text or text in f"{v.title} {v.organizations} {v.place} {v.participants}".lower())]
        self.model.set_rows(shown)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        by_kind = " · ".join(f"{k.value} {n}" for k in VisitKind if (n := sum(v.kind == k for v in shown)))
        self.counts.setText(f"共 {len(shown)} 次调研" + (f"（{by_kind}）" if by_kind else "")
                            + (f"，全部 {len(self.rows)} 次" if len(shown) != len(self.rows) else ""))

    def selected(self) -> VisitRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add(self) -> None:
        if VisitDialog(self.context, None, self).exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()

    def edit(self) -> None:
        visit = self.selected()
        if visit and VisitDialog(self.context, visit.id, self).exec() == QDialog.DialogCode.Accepted:
            self.context.data_changed.emit()

    def delete(self) -> None:
        visit = self.selected()
        if visit is None or not messages.confirm(self, f"删除调研记录“{visit.title}”吗？",
                                                 informative="附件文件会一并删除。", yes="删除", danger=True):
            return
        try:
            self.context.call(delete_visit, visit.id, self.context.paths.attachments_dir)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.context.data_changed.emit()
