"""一条意见建议: its text, aspect, proposers and department; its handling, history and 批示."""

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
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
from sqlmodel import select

from models.errors import ConflictError, DomainError, ValidationError
from models.services.people import organization_id
from models.services.people_list import load_people
from models.services.recommendation_entry import RecommendationData, Source, aspects_of, save_recommendation
from models.services.recommendation_queries import (
    RecommendationRow,
    bulletins_of,
    instructions_for,
    list_recommendations,
)
from models.services.recommendations import change_recommendation_status, set_handling, set_outcome
from models.tables import Organization
from models.vocab import RECOMMENDATION_TRANSITIONS, OrgKind, Outcome, RecommendationStatus
from ui import messages
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo

EMPTY = QDate(1900, 1, 1)


def date_edit(value) -> QDateEdit:
    edit = QDateEdit(QDate(value) if value else EMPTY)
    edit.setMinimumDate(EMPTY)
    edit.setSpecialValueText("未填")
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_value(edit: QDateEdit):
    return None if edit.date() == EMPTY else edit.date().toPython()


class RecommendationDialog(QDialog):
    def __init__(self, context, source: Source, rec_id: int | None = None, aspect_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.source = context, source
        self.row: RecommendationRow | None = context.call(list_recommendations, ids=[rec_id])[0] if rec_id else None
        self.saved_id = rec_id
        self.setWindowTitle("编辑意见建议" if rec_id else "新增意见建议")
        self.people = {r.id: r for r in context.call(load_people)}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._content_tab(aspect_id), "内容")
        if self.row is not None:
            self.tabs.addTab(self._handling_tab(), "办理情况")
            self.tabs.addTab(self._instructions_tab(), "批示与专报")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save, ok="保存"))
        self.resize(760, 620)

    # -- content -----------------------------------------------------------------------------------------------
    def _content_tab(self, aspect_id) -> QWidget:
        r = self.row
        self.title = QLineEdit(r.title if r else "")
        self.title.setPlaceholderText("必填，如：加快老旧商业街区更新改造")
        self.content = QPlainTextEdit(r.content if r else "")
        self.aspect = ChoiceCombo("（不分方面）")
        self.aspect.set_choices([(a.name, a.id) for a in self.context.call(aspects_of, self.source)])
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
        orgs = self.context.call(lambda s: [o.name for o in s.exec(select(Organization).order_by(Organization.name))])
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.addItems(["", *orgs])
        self.target.setCurrentText(r.target_org if r else "")
        self.target.lineEdit().setPlaceholderText("选择或输入交办单位（新单位会自动添加）")
        self.proposed_on = date_edit(r.proposed_on if r else None)
        self.deadline = date_edit(r.deadline if r else None)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("来源：", QLabel(r.source_label if r else self.source.kind))
        for label, widget in (("标题*：", self.title), ("内容*：", self.content), ("方面：", self.aspect),
                              ("提出人：", self.proposers), ("", proposer_buttons), ("交办单位：", self.target),
                              ("提出日期：", self.proposed_on), ("办理期限：", self.deadline)):
            form.addRow(label, widget)
        return page

    def _add_proposer(self, person_id: int) -> None:
        if any(self.proposers.item(i).data(Qt.ItemDataRole.UserRole) == person_id
               for i in range(self.proposers.count())):
            return
        person = self.people.get(person_id)
        item = QListWidgetItem(person.name if person else str(person_id))
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.proposers.addItem(item)

    def add_proposers(self) -> None:
        from ui.dialogs.invite_dialogs import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, set(), self)
        dialog.setWindowTitle("选择提出人")
        dialog.role.setVisible(False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            for pid in dialog.chosen_ids():
                self._add_proposer(pid)

    # -- handling ------------------------------------------------------------------------------------------------
    def _handling_tab(self) -> QWidget:
        r = self.row
        self.status_label = QLabel(f"当前状态：{r.status}" + ("　【已超期】" if r.overdue else ""))
        self.next_status = ChoiceCombo(empty_label=None)
        self.next_status.set_choices([(s.value, s.value) for s in RECOMMENDATION_TRANSITIONS.get(r.status, ())])
        self.step_date, self.step_note = date_edit(QDate.currentDate().toPython()), QLineEdit()
        self.step_note.setPlaceholderText("说明，如：交区商务委员会办理")
        step = QPushButton("改为此状态")
        step.setEnabled(self.next_status.count() > 0)
        step.clicked.connect(self.advance)
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
        try:
            self.context.call(change_recommendation_status, self.row.id, self.next_status.value(),
                              on=date_value(self.step_date), note=self.step_note.text(),
                              expected_version=self.row.version)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.saved_id = self.row.id
        messages.inform(self, f"已改为“{self.next_status.value()}”。")
        self.done(QDialog.DialogCode.Accepted)

    def _instructions_tab(self) -> QWidget:
        from ui.dialogs.instruction_dialog import InstructionDialog

        self.instruction_list = QListWidget()
        self._show_instructions()
        add = QPushButton("登记对本条的批示…")
        add.clicked.connect(lambda: InstructionDialog(self.context, f"意见建议“{self.row.title}”",
                                                      recommendation_id=self.row.id, parent=self).exec()
                            and self._show_instructions())
        bulletins = self.context.call(bulletins_of, self.row.id)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("编入专报：" + ("；".join(label for _, label in bulletins) or "尚未编入专报")))
        layout.addWidget(QLabel("领导批示（含对所在专报的批示）："))
        layout.addWidget(self.instruction_list, 1)
        layout.addWidget(add)
        return page

    def _show_instructions(self) -> None:
        self.instruction_list.clear()
        for i in self.context.call(instructions_for, recommendation_id=self.row.id):
            on = "对专报" if i.bulletin_id else "对本条"
            when = f"{i.instructed_on:%Y-%m-%d}" if i.instructed_on else ""
            self.instruction_list.addItem(f"{when} {i.leader_title}{i.leader_name}（{on}）：{i.content}")

    # -- saving --------------------------------------------------------------------------------------------------
    def save(self) -> None:
        r = self.row
        target_name = self.target.currentText().strip()

        def change(session) -> int:
            target = organization_id(session, target_name, OrgKind.GOVERNMENT) if target_name else None
            proposers = [self.proposers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.proposers.count())]
            rec_id = save_recommendation(session, RecommendationData(
                source=self.source, title=self.title.text(), content=self.content.toPlainText(),
                aspect_id=self.aspect.value(), proposer_ids=proposers, target_org_id=target,
                proposed_on=date_value(self.proposed_on), deadline=date_value(self.deadline),
                id=r.id if r else None, version=r.version if r else None))
            if r is not None:
                set_handling(session, rec_id, target_org_id=target, deadline=date_value(self.deadline),
                             feedback_text=self.feedback_text.toPlainText(),
                             feedback_date=date_value(self.feedback_date), lookback_date=date_value(self.lookback_date),
                             lookback_note=self.lookback_note.toPlainText())
                if self.outcome.value() and r.status == RecommendationStatus.CONCLUDED:
                    set_outcome(session, rec_id, self.outcome.value(), reply_text=self.reply_text.toPlainText(),
                                reply_date=date_value(self.reply_date), feedback_text=self.feedback_text.toPlainText(),
                                feedback_date=date_value(self.feedback_date))
            return rec_id

        try:
            self.saved_id = self.context.call(change)
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            return
        except ConflictError as exc:
            messages.warn(self, exc.message, title="保存冲突")
            return
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.accept()
