"""评分: one reviewer scores the year's topics on every criterion in a grid — type, Tab, type.

The criteria and the year's reviewers are read before the dialog opens; choosing a reviewer reads what
they have already given (in the background); saving is one command.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.services.topic_scores import Criterion, ScoreEntry, TopicRow, check_score, reviewer_scores, save_scores
from models.text import quoted
from ui import messages, status_colours
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_command, run_query
from ui.widgets.buttons import ok_cancel

BAD = QBrush(QColor("#F9D6D5"))
SHOWN_ERRORS = 3  # named in the message; the cells show the rest

BAD = QBrush(QColor(status_colours.BAD_BACKGROUND))


class ScoreGridDialog(EditDialog):
    def __init__(self, context, year: int, topics: list[TopicRow], criteria: list[Criterion], reviewers: list[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.year, self.topics = context, year, topics
        self.criteria = criteria
        self.saving = False
        self.loaded_for: str | None = None  # the reviewer whose scores the grid shows (tests wait on it)
        self.setWindowTitle(f"{year}年度议题评分")
        self.reviewer = QComboBox()
        self.reviewer.setEditable(True)
        self.reviewer.addItems(reviewers)
        self.reviewer.setCurrentText("")
        self.reviewer.lineEdit().setPlaceholderText("输入或选择评分人姓名")
        self.reviewer.currentTextChanged.connect(lambda _t: self.load())
        weights = "、".join(f"{c.name}{c.weight:g}%" for c in self.criteria)
        hint = QLabel(f"每项按 1–10 分的整数打分，可用 Tab 键逐格填写；空格表示不打分。权重：{weights}。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * (SHOWN_ERRORS + 1))
        headers = ["议题"] + [f"{c.name}（{c.weight:g}%）" for c in self.criteria] + ["意见"]
        self.grid = QTableWidget(len(topics), len(headers))
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, topic in enumerate(topics):
            item = QTableWidgetItem(topic.title)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.grid.setItem(row, 0, item)
        for column in range(1, len(headers) - 1):
            self.grid.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setColumnWidth(len(headers) - 1, 200)
        self.grid.itemChanged.connect(self._check_cell)
        top = QHBoxLayout()
        top.addWidget(QLabel("评分人："))
        top.addWidget(self.reviewer, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.message)
        buttons = ok_cancel(self, self.save, ok="保存评分")
        self.save_button = buttons.buttons()[0]  # accept role first
        layout.addWidget(buttons)
        self.resize(1100, 620)
        self.track_edits(save=self.save, state=self._scores_on_screen)  # the scores, not who is typed

    def _scores_on_screen(self) -> tuple:
        return tuple(tuple((self.grid.item(r, c) or QTableWidgetItem()).text()
                           for c in range(1, self.grid.columnCount())) for r in range(self.grid.rowCount()))

    def load(self) -> None:
        """Show what this reviewer has already given (scoring twice updates, never duplicates)."""
        if self.saving:
            return
        year, reviewer = self.year, self.reviewer.currentText()
        run_query(self.context, self, lambda s: reviewer_scores(s, year, reviewer),
                  on_done=lambda existing: self._fill(reviewer, existing), key=(id(self), "scores"),
                  label="正在读取评分…")

    def _fill(self, reviewer: str, existing: dict) -> None:
        # typed on meanwhile, or saving: this answer is for a name no longer there
        if self.saving or reviewer != self.reviewer.currentText():
            return
        self.grid.blockSignals(True)
        for row, topic in enumerate(self.topics):
            comment = ""
            for column, criterion in enumerate(self.criteria, start=1):
                score, note = existing.get((topic.id, criterion.id), (None, None))
                comment = comment or note or ""
                item = QTableWidgetItem("" if score is None else str(score))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.grid.setItem(row, column, item)
            self.grid.setItem(row, len(self.criteria) + 1, QTableWidgetItem(comment))
        self.grid.blockSignals(False)
        self.message.clear()
        self.loaded_for = reviewer
        self.mark_clean()  # what this reviewer gave before: nothing to lose yet

    def _check_cell(self, item: QTableWidgetItem) -> None:
        if not 1 <= item.column() <= len(self.criteria):
            return
        try:
            check_score(item.text())
            item.setBackground(QBrush())
            self.message.clear()
        except ValidationError as exc:
            item.setBackground(BAD)
            self.message.setText(f"第 {item.row() + 1} 行“{self.criteria[item.column() - 1].name}”：{exc.message}")

    def entries(self) -> list[ScoreEntry]:
        """Every cell; one ValidationError naming every bad one (the first few, and how many more)."""
        result, bad = [], []
        for row, topic in enumerate(self.topics):
            comment = (self.grid.item(row, len(self.criteria) + 1) or QTableWidgetItem()).text()
            for column, criterion in enumerate(self.criteria, start=1):
                text = (self.grid.item(row, column) or QTableWidgetItem()).text()
                try:
                    result.append(ScoreEntry(topic.id, criterion.id, check_score(text), comment))
                except ValidationError as exc:
                    bad.append(f"{quoted(topic.title)}的{quoted(criterion.name)}：{exc.message}")
        if bad:
            more = f"\n另有 {len(bad) - SHOWN_ERRORS} 处有误（已标为红色）。" if len(bad) > SHOWN_ERRORS else ""
            raise ValidationError("\n".join(bad[:SHOWN_ERRORS]) + more)
        return result

    def show_error(self, exc: ValidationError) -> bool:
        self.message.setText(exc.message)
        return True

    def save(self) -> None:
        reviewer = self.reviewer.currentText()
        try:
            entries = self.entries()
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.saving = True
        self.save_button.setEnabled(False)
        run_command(self.context, self, lambda s: save_scores(s, reviewer, entries),
                    on_done=lambda _n: self._saved(reviewer), form=self.show_error, on_error=self._failed,
                    title="无法保存")

    def _saved(self, reviewer: str) -> None:
        messages.saved(self, f"已保存{quoted(reviewer)}的评分。")
        self.accept()

    def _failed(self, _exc) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
