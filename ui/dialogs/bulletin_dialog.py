"""编辑专报: issue number (unique in the year), title, date, recipients, introduction, and the chosen
recommendations in order. The candidates and the next free issue number are read before it opens."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.services.bulletins import DEFAULT_KIND, DEFAULT_RECIPIENTS, BulletinData, save_bulletin
from models.services.recommendation_queries import BulletinRow, RecommendationRow, get_bulletin
from models.text import quoted
from ui import messages
from ui.dialogs import EditDialog, save_form
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import TitleCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError


def _item(rec: RecommendationRow) -> QListWidgetItem:
    item = QListWidgetItem(f"【{rec.aspect_name or '未分方面'}】{rec.title}")
    item.setToolTip(f"{rec.source_label}\n{rec.content}")
    item.setData(Qt.ItemDataRole.UserRole, rec.id)
    return item


class BulletinDialog(EditDialog):
    def __init__(self, context, year: int, candidates: list[RecommendationRow], row: BulletinRow | None = None,
                 parent: QWidget | None = None, *, issue_no: int = 1):
        """`issue_no`: the number proposed for a new bulletin (next_issue_no, read before). Left as proposed,
        the save takes the next free number then: a colleague may have taken this one meanwhile."""
        super().__init__(parent)
        self.context, self.row = context, row
        self.proposed = None if row else issue_no
        self.candidates = {r.id: r for r in candidates if not r.is_duplicate}
        self.saved_id = row.id if row else None
        self.setWindowTitle(f"编辑专报 — {row.issue_label}" if row else "新建专报")
        self.kind = QLineEdit(row.kind if row else DEFAULT_KIND)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(row.year if row else year)
        self.initial_year = self.year.value()
        self.issue = QSpinBox()
        self.issue.setRange(1, 999)
        self.issue.setValue(row.issue_no if row else issue_no)
        self.title = QLineEdit(row.title if row else "")
        self.title.setPlaceholderText("必填，如：关于完善社区卫生服务体系的意见建议")
        self.date = DateEdit(row.issued_on if row and row.issued_on else None)
        self.recipients = QLineEdit(row.recipients if row else DEFAULT_RECIPIENTS)
        self.introduction = QPlainTextEdit(row.introduction if row else "")
        self.introduction.setFixedHeight(70)
        self.source = TitleCombo("全部来源")  # meeting and visit titles
        self.source.set_choices(sorted({(r.source_label, r.source_label) for r in self.candidates.values()}))
        self.available, self.chosen = QListWidget(), QListWidget()
        for widget in (self.source, self.available):  # what is offered, filtered: not the bulletin's content
            widget.setProperty("notEdited", True)
        for widget in (self.available, self.chosen):
            widget.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for rec in (row.items if row else ()):
            self.chosen.addItem(_item(rec))
        self.source.currentIndexChanged.connect(lambda _i: self.fill_available())
        self.available.itemDoubleClicked.connect(lambda _i: self.add())
        self.chosen.itemDoubleClicked.connect(lambda _i: self.remove())
        self.fill_available()
        add, add_all, remove = QPushButton("加入 →"), QPushButton("全部加入 →"), QPushButton("← 移出")
        up, down = QPushButton("上移"), QPushButton("下移")
        add.clicked.connect(self.add)
        add_all.clicked.connect(lambda: (self.available.selectAll(), self.add()))
        remove.clicked.connect(self.remove)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        middle = QVBoxLayout()
        for button in (add, add_all, remove, up, down):
            middle.addWidget(button)
        middle.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.source)
        left.addWidget(self.available, 1)
        right = QVBoxLayout()
        self.chosen_label = QLabel()
        right.addWidget(self.chosen_label)
        right.addWidget(self.chosen, 1)
        picker = QHBoxLayout()
        picker.addLayout(left, 1)
        picker.addLayout(middle)
        picker.addLayout(right, 1)
        self.error = FormError()
        number = QHBoxLayout()
        for widget in (self.kind, self.year, QLabel("年第"), self.issue, QLabel("期")):
            number.addWidget(widget)
        form = QFormLayout()
        for label, widget in (("刊物与期号：", number), ("", self.error.under("issue_no", self.issue)),
                              ("标题*：", self.title), ("", self.error.under("title", self.title)),
                              ("印发日期：", self.date), ("报送：", self.recipients), ("导语：", self.introduction)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("选择本期刊发的意见建议（按“方面”归类，可调整顺序）："))
        layout.addLayout(picker, 1)
        layout.addWidget(self.error)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout.addWidget(buttons)
        self.resize(1000, 720)
        self._count()
        self.offer_history("bulletin", self.saved_id)
        self.track_edits(save=self.save)

    def chosen_ids(self) -> list[int]:
        return [self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())]

    def fill_available(self) -> None:
        taken = set(self.chosen_ids())
        source = self.source.value()
        self.available.clear()
        for rec in self.candidates.values():
            if rec.id not in taken and (source is None or rec.source_label == source):
                self.available.addItem(_item(rec))

    def _count(self) -> None:
        aspects = {self.candidates[i].aspect_id for i in self.chosen_ids() if i in self.candidates
                   and self.candidates[i].aspect_id}
        self.chosen_label.setText(f"本期刊发：{len(aspects)}方面{self.chosen.count()}条")

    def add(self) -> None:
        for item in self.available.selectedItems():
            self.chosen.addItem(_item(self.candidates[item.data(Qt.ItemDataRole.UserRole)]))
        self.fill_available()
        self._count()

    def remove(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.fill_available()
        self._count()

    def move(self, delta: int) -> None:
        row = self.chosen.currentRow()
        if row < 0 or not 0 <= row + delta < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(row + delta, item)
        self.chosen.setCurrentRow(row + delta)

    def save(self) -> None:
        r = self.row
        as_proposed = r is None and self.issue.value() == self.proposed and self.year.value() == self.initial_year
        data = BulletinData(year=self.year.value(), issue_no=None if as_proposed else self.issue.value(),
                            title=self.title.text(),
                            issued_on=self.date.date().toPython(), recipients=self.recipients.text(),
                            introduction=self.introduction.toPlainText(), recommendation_ids=self.chosen_ids(),
                            kind=self.kind.text().strip() or DEFAULT_KIND, meeting_id=r.meeting_id if r else None,
                            id=r.id if r else None, version=r.version if r else None)
        save_form(self, lambda s: get_bulletin(s, save_bulletin(s, data)), error=self.error,
                  button=self.save_button, on_done=self._saved)

    def _saved(self, saved: BulletinRow) -> None:
        self.saved_id = saved.id
        messages.saved(self, f"已保存专报{quoted(saved.title)}（{saved.year}年第{saved.issue_no}期）。")
        self.accept()
