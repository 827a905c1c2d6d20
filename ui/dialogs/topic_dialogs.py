"""议题: edit a topic, change its status (with date and note), read its history."""

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import select

from models.clock import today
from models.errors import DomainError, ValidationError
from models.services import lookups
from models.services.people_list import load_people
from models.services.topics import TopicData, change_topic_status, get_topic, save_topic, topic_history
from models.tables import Organization
from models.vocab import TOPIC_TRANSITIONS, TopicSource
from ui import messages
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class TopicDialog(QDialog):
    def __init__(self, context, topic_id: int | None, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.data = context.call(get_topic, topic_id) if topic_id else TopicData(year=year, title="",
                                                                               source=TopicSource.MEMBER)
        self.setWindowTitle("编辑议题" if topic_id else "新增议题")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.data.year)
        self.title = QLineEdit(self.data.title)
        self.title.setPlaceholderText("必填，如：完善社区卫生服务体系")
        self.source = ChoiceCombo(empty_label=None)
        self.source.set_choices([(s.value, s.value) for s in TopicSource])
        self.source.set_value(self.data.source)
        self.format = ChoiceCombo("（未定）")
        self.format.set_lookup(context.call(lookups.list_values, "meeting_format"), current_id=self.data.format_id)
        # 提出者: a person of the register, an organization, or free text (群众征题)
        self.kind_person, self.kind_org, self.kind_text = (QRadioButton(t) for t in ("人员", "单位", "其他"))
        kinds = QButtonGroup(self)
        for button in (self.kind_person, self.kind_org, self.kind_text):
            kinds.addButton(button)
        people = [r for r in context.call(load_people) if r.active or r.id == self.data.proposer_person_id]
        self.person = ChoiceCombo("（请选择）")
        self.person.set_choices([(f"{r.name}（{r.employer_title}）" if r.employer_title else r.name, r.id)
                                 for r in people])
        self.person.setEditable(True)
        self.person.set_value(self.data.proposer_person_id)
        organizations = context.call(lambda s: [(o.name, o.id) for o in s.exec(select(Organization)
                                                                               .order_by(Organization.name))])
        self.org = ChoiceCombo("（请选择）")
        self.org.set_choices(organizations)
        self.org.set_value(self.data.proposer_org_id)
        self.proposer_text = QLineEdit(self.data.proposer_text or "")
        self.proposer_text.setPlaceholderText("如：群众来信、12345热线、某界别")
        (self.kind_person if self.data.proposer_person_id else self.kind_org if self.data.proposer_org_id
         else self.kind_text).setChecked(True)
        kind_row = QHBoxLayout()
        for button in (self.kind_person, self.kind_org, self.kind_text):
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.description = QPlainTextEdit(self.data.description or "")
        self.background = QPlainTextEdit(self.data.background or "")
        self.decision = QPlainTextEdit(self.data.decision_note or "")
        for edit in (self.description, self.background, self.decision):
            edit.setFixedHeight(64)
        self.error = _error_label()
        form = QFormLayout()
        for label, widget in (("年度：", self.year), ("议题名称*：", self.title), ("来源：", self.source),
                              ("提出者：", kind_row), ("", self.person), ("", self.org), ("", self.proposer_text),
                              ("意向形式：", self.format), ("议题说明：", self.description),
                              ("背景：", self.background), ("决定理由：", self.decision)):
            form.addRow(label, widget)
        for button in (self.kind_person, self.kind_org, self.kind_text):
            button.toggled.connect(lambda _on: self._show_proposer())
        self._show_proposer()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save, ok="保存"))
        self.resize(620, self.sizeHint().height())

    def _show_proposer(self) -> None:
        self.person.setVisible(self.kind_person.isChecked())
        self.org.setVisible(self.kind_org.isChecked())
        self.proposer_text.setVisible(self.kind_text.isChecked())

    def collected(self) -> TopicData:
        d = self.data
        return TopicData(
            year=self.year.value(), title=self.title.text(), source=self.source.value(),
            description=self.description.toPlainText(), background=self.background.toPlainText(),
            proposer_person_id=self.person.value() if self.kind_person.isChecked() else None,
            proposer_org_id=self.org.value() if self.kind_org.isChecked() else None,
            proposer_text=self.proposer_text.text() if self.kind_text.isChecked() else None,
            format_id=self.format.value(), decision_note=self.decision.toPlainText(), id=d.id, version=d.version)

    def save(self) -> None:
        try:
            self.saved_id = self.context.call(save_topic, self.collected())
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            return
        except DomainError as exc:
            messages.warn(self, exc.message, title="无法保存")
            return
        self.accept()


class TopicStatusDialog(QDialog):
    """改变议题状态: only the allowed next steps are offered; the date and note go into the history."""

    def __init__(self, context, topic_id: int, title: str, status: str, version: int, parent=None):
        super().__init__(parent)
        self.context, self.topic_id, self.version = context, topic_id, version
        self.setWindowTitle("改变议题状态")
        self.target = ChoiceCombo(empty_label=None)
        self.target.set_choices([(s.value, s.value) for s in TOPIC_TRANSITIONS.get(status, ())])
        self.date = QDateEdit(QDate(today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：十六届主席会议第十次会议审议通过")
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("议题：", QLabel(title))
        form.addRow("当前状态：", QLabel(status))
        form.addRow("改为：", self.target)
        form.addRow("日期：", self.date)
        form.addRow("说明：", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save))
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        try:
            self.context.call(change_topic_status, self.topic_id, self.target.value(), on=self.date.date().toPython(),
                              note=self.note.text(), expected_version=self.version)
        except DomainError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            return
        self.accept()


class TopicHistoryDialog(QDialog):
    def __init__(self, context, topic_id: int, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"议题历程 — {title}")
        steps = context.call(topic_history, topic_id)
        table = QTableWidget(len(steps), 5)
        table.setHorizontalHeaderLabels(["日期", "原状态", "新状态", "说明", "操作人"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for row, step in enumerate(steps):
            for column, text in enumerate((f"{step.changed_on:%Y-%m-%d}", step.from_status or "—", step.to_status,
                                           step.note, step.operator)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        buttons = ok_cancel(self, self.accept, ok="关闭")
        buttons.buttons()[1].setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(760, 360)


__all__ = ["TopicDialog", "TopicHistoryDialog", "TopicStatusDialog"]
