"""一条意见建议: its text, aspect, proposers and department; its handling, history and 批示.

What the dialog shows is read before it opens (`load_recommendation_form`): the names of its proposers
only (more are found by searching the register), the units for 交办单位, the aspects of its source.
"""

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.clock import today
from models.errors import NotFoundError
from models.services.people import organization_id, organization_names
from models.services.people_search import person_names
from models.services.recommendation_entry import (
    AspectRow,
    RecommendationData,
    Source,
    aspects_of,
    save_recommendation,
)
from models.services.recommendation_queries import (
    InstructionRow,
    RecommendationRow,
    bulletins_of,
    instructions_for,
    list_recommendations,
)
from models.services.recommendations import change_recommendation_status, set_handling, set_outcome
from models.text import quoted
from models.vocab import RECOMMENDATION_TRANSITIONS, OrgKind, Outcome, RecommendationStatus
from ui import messages
from ui.dialogs import EditDialog, exec_dialog, save_form
from ui.operations import run_command, run_query
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError


def date_edit(value) -> DateEdit:
    return DateEdit(value, optional=True)


def date_value(edit: DateEdit):
    return edit.value()


@dataclass
class RecommendationForm:
    """What the dialog shows, read in one query before it opens."""

    row: RecommendationRow | None  # None: a new recommendation
    aspects: list[AspectRow]
    organizations: list[str]
    people: dict[int, tuple[str, str]]  # the proposers: {id: (name, 单位及职务)}
    bulletins: list[tuple[int, str]] = field(default_factory=list)
    instructions: list[InstructionRow] = field(default_factory=list)


def load_recommendation_form(session, source: Source, rec_id: int | None) -> RecommendationForm:
    row = None
    if rec_id:
        rows = list_recommendations(session, ids=[rec_id])
        if not rows:
            raise NotFoundError("该意见建议已不存在（可能已被他人删除）。")
        row = rows[0]
    return RecommendationForm(
        row, aspects_of(session, source), organization_names(session),
        person_names(session, row.proposer_ids if row else ()),
        bulletins_of(session, rec_id) if row else [],
        instructions_for(session, recommendation_id=rec_id) if row else [])


def open_recommendation_dialog(context, parent: QWidget, source: Source, rec_id: int | None = None,
                               aspect_id: int | None = None, *, on_saved=None) -> None:
    """Read the recommendation (or what a new one needs), then show the dialog; `on_saved(id)` after saving."""
    def opened(form: RecommendationForm) -> None:
        dialog = RecommendationDialog(context, source, form, aspect_id, parent)
        if exec_dialog(dialog) and on_saved is not None:
            on_saved(dialog.saved_id)

    run_query(context, parent, lambda s: load_recommendation_form(s, source, rec_id), on_done=opened,
              key=(id(parent), "recommendation dialog"), label="正在读取意见建议…")


class RecommendationDialog(EditDialog):
    def __init__(self, context, source: Source, form: RecommendationForm, aspect_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.source, self.form = context, source, form
        self.row: RecommendationRow | None = form.row
        self.saved_id = form.row.id if form.row else None
        self.setWindowTitle("编辑意见建议" if form.row else "新增意见建议")
        self.people = dict(form.people)
        self.error = FormError()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._content_tab(aspect_id), "内容")
        if self.row is not None:
            self.tabs.addTab(self._handling_tab(), "办理情况")
            self.tabs.addTab(self._instructions_tab(), "批示与专报")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout.addWidget(buttons)
        self.resize(760, 620)
        self.offer_history("recommendation", self.saved_id)
        self.track_edits(save=self.save)

    # -- content -----------------------------------------------------------------------------------------------
    def _content_tab(self, aspect_id) -> QWidget:
        r = self.row
        self.title = QLineEdit(r.title if r else "")
        self.title.setPlaceholderText("必填，如：加快老旧商业街区更新改造")
        self.content = QPlainTextEdit(r.content if r else "")
        self.aspect = ChoiceCombo("（不分方面）")
        self.aspect.set_choices([(a.name, a.id) for a in self.form.aspects])
        self.aspect.set_value(r.aspect_id if r else aspect_id)
        self.proposers = QListWidget()
        self.proposers.setFixedHeight(70)
        for pid in (r.proposer_ids if r else ()):
            self._add_proposer(pid)
        add, remove = QPushButton("添加提出人…"), QPushButton("移除")
        add.clicked.connect(self.add_proposers)
        remove.clicked.connect(lambda: self.proposers.takeItem(self.proposers.currentRow()))
        proposer_buttons = QHBoxLayout()
        proposer_buttons.addWidget(add)
        proposer_buttons.addWidget(remove)
        proposer_buttons.addStretch(1)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.addItems(["", *self.form.organizations])
        self.target.setCurrentText(r.target_org if r else "")
        self.target.lineEdit().setPlaceholderText("选择或输入交办单位（新单位会自动添加）")
        self.proposed_on = date_edit(r.proposed_on if r else None)
        self.deadline = date_edit(r.deadline if r else None)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("来源：", QLabel(r.source_label if r else self.source.kind))
        for label, widget in (("标题*：", self.title), ("", self.error.under("title", self.title)),
                              ("内容*：", self.content), ("", self.error.under("content", self.content)),
                              ("方面：", self.aspect),
                              ("提出人：", self.proposers), ("", proposer_buttons), ("交办单位：", self.target),
                              ("提出日期：", self.proposed_on), ("办理期限：", self.deadline)):
            form.addRow(label, widget)
        return page

    def _add_proposer(self, person_id: int) -> None:
        if any(self.proposers.item(i).data(Qt.ItemDataRole.UserRole) == person_id
               for i in range(self.proposers.count())):
            return
        name, _unit = self.people.get(person_id, (str(person_id), ""))
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.proposers.addItem(item)

    def add_proposers(self) -> None:
        from ui.dialogs.person_picker import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, set(), self, title="选择提出人", with_role=False)
        if exec_dialog(dialog):
            for hit in dialog.chosen():
                self.people[hit.id] = (hit.name, hit.employer_title)
                self._add_proposer(hit.id)

    # -- handling ------------------------------------------------------------------------------------------------
    def _handling_tab(self) -> QWidget:
        r = self.row
        self.status_label = QLabel(f"当前状态：{r.status}" + ("　【已超期】" if r.overdue else ""))
        self.next_status = ChoiceCombo(empty_label=None)
        self.next_status.set_choices([(s.value, s.value) for s in RECOMMENDATION_TRANSITIONS.get(r.status, ())])
        self.step_date, self.step_note = date_edit(today()), QLineEdit()
        self.step_note.setPlaceholderText("说明，如：交区商务委员会办理")
        step = QPushButton("改为此状态")
        step.setEnabled(self.next_status.count() > 0)
        step.clicked.connect(self.advance)
        self.step_button = step
        for widget in (self.next_status, self.step_date, self.step_note):
            widget.setProperty("notEdited", True)  # the next step is taken with its own button, not 保存
        step_row = QHBoxLayout()
        for widget in (QLabel("下一步："), self.next_status, self.step_date, self.step_note, step):
            step_row.addWidget(widget, 1 if widget is self.step_note else 0)
        history = QTableWidget(len(r.history), 4)
        history.setHorizontalHeaderLabels(["日期", "状态", "说明", "操作人"])
        history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        history.verticalHeader().setVisible(False)
        for row, h in enumerate(r.history):
            for column, text in enumerate((f"{h.changed_on:%Y-%m-%d}", h.to_status, h.note, h.operator)):
                history.setItem(row, column, QTableWidgetItem(text))
        history.horizontalHeader().setStretchLastSection(True)
        history.setColumnWidth(2, 300)
        self.outcome = ChoiceCombo("（尚无结果）")
        self.outcome.set_choices([(o.value, o.value) for o in Outcome])
        self.outcome.set_value(r.outcome or None)
        self.outcome.setEnabled(r.status == RecommendationStatus.CONCLUDED)
        self.reply_text, self.reply_date = QPlainTextEdit(r.reply_text), date_edit(r.reply_date)
        self.feedback_text, self.feedback_date = QPlainTextEdit(r.feedback_text), date_edit(r.feedback_date)
        self.lookback_note, self.lookback_date = QPlainTextEdit(r.lookback_note), date_edit(r.lookback_date)
        for edit in (self.reply_text, self.feedback_text, self.lookback_note):
            edit.setFixedHeight(48)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.status_label)
        form.addRow(step_row)
        form.addRow("状态历程：", history)
        form.addRow("办理结果：", self.outcome)
        form.addRow("部门答复：", self.reply_text)
        form.addRow("答复日期：", self.reply_date)
        form.addRow("反馈委员：", self.feedback_text)
        form.addRow("反馈日期：", self.feedback_date)
        form.addRow("回头看：", self.lookback_note)
        form.addRow("回头看日期：", self.lookback_date)
        return page

    def advance(self) -> None:
        if self.has_unsaved_edits():  # the step closes the dialog: the other changes must not go with it
            messages.warn(self, "本条建议还有未保存的修改。请先点“保存”（或取消这些修改），再改变办理状态。")
            return
        rec_id, version, status = self.row.id, self.row.version, self.next_status.value()
        on, note = date_value(self.step_date), self.step_note.text()
        self.step_button.setEnabled(False)
        run_command(self.context, self,
                    lambda s: change_recommendation_status(s, rec_id, status, on=on, note=note,
                                                           expected_version=version),
                    on_done=lambda _r: self._advanced(status), on_error=lambda _e: self.step_button.setEnabled(True))

    def _advanced(self, status: str) -> None:
        self.saved_id = self.row.id
        messages.inform(self, f"已改为“{status}”。")
        self.done(QDialog.DialogCode.Accepted)

    def _instructions_tab(self) -> QWidget:
        from ui.dialogs.instruction_dialog import InstructionDialog

        self.instruction_list = QListWidget()
        self.instruction_list.setProperty("notEdited", True)  # 批示 are saved in their own dialog
        self._show_instructions(self.form.instructions)
        add = QPushButton("登记对本条的批示…")
        add.clicked.connect(lambda: exec_dialog(InstructionDialog(self.context, f"意见建议{quoted(self.row.title)}",
                                                                  recommendation_id=self.row.id, parent=self))
                            and self.refresh_instructions())
        bulletins = self.form.bulletins
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("编入专报：" + ("；".join(label for _, label in bulletins) or "尚未编入专报")))
        layout.addWidget(QLabel("领导批示（含对所在专报的批示）："))
        layout.addWidget(self.instruction_list, 1)
        layout.addWidget(add)
        return page

    def refresh_instructions(self) -> None:
        rec_id = self.row.id
        run_query(self.context, self, lambda s: instructions_for(s, recommendation_id=rec_id),
                  on_done=self._show_instructions, key=(id(self), "instructions"), label="正在读取批示…")

    def _show_instructions(self, rows: list[InstructionRow]) -> None:
        self.instruction_list.clear()
        for i in rows:
            on = "对专报" if i.bulletin_id else "对本条"
            when = f"{i.instructed_on:%Y-%m-%d}" if i.instructed_on else ""
            self.instruction_list.addItem(f"{when} {i.leader_title}{i.leader_name}（{on}）：{i.content}")

    # -- saving --------------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Read the fields here, write them in one command (the unit is created if it is new)."""
        r = self.row
        target_name = self.target.currentText().strip()
        proposers = [self.proposers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.proposers.count())]
        data = RecommendationData(
            source=self.source, title=self.title.text(), content=self.content.toPlainText(),
            aspect_id=self.aspect.value(), proposer_ids=proposers, target_org_id=None,
            proposed_on=date_value(self.proposed_on), deadline=date_value(self.deadline),
            id=r.id if r else None, version=r.version if r else None)
        handling = outcome = None
        if r is not None:
            handling = dict(deadline=date_value(self.deadline), feedback_text=self.feedback_text.toPlainText(),
                            feedback_date=date_value(self.feedback_date), lookback_date=date_value(self.lookback_date),
                            lookback_note=self.lookback_note.toPlainText())
            if self.outcome.value() and r.status == RecommendationStatus.CONCLUDED:
                outcome = (self.outcome.value(), dict(
                    reply_text=self.reply_text.toPlainText(), reply_date=date_value(self.reply_date),
                    feedback_text=self.feedback_text.toPlainText(), feedback_date=date_value(self.feedback_date)))

        def change(session) -> int:
            target = organization_id(session, target_name, OrgKind.GOVERNMENT) if target_name else None
            data.target_org_id = target
            rec_id = save_recommendation(session, data)
            if handling is not None:
                set_handling(session, rec_id, target_org_id=target, **handling)
            if outcome is not None:
                set_outcome(session, rec_id, outcome[0], **outcome[1])
            return rec_id

        save_form(self, change, error=self.error, button=self.save_button, on_done=self._saved)

    def _saved(self, rec_id: int) -> None:
        self.saved_id = rec_id
        self.accept()
        messages.saved(self, f"已保存意见建议{quoted(self.title.text())}。")
