"""议题: edit a topic, change its status (with date and note), read its history.

What a dialog shows is read before it opens (`topic_dialog_data`, the history's steps); saving runs as a
command: the lists showing topics refresh from its change notice.
"""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.clock import today
from models.errors import ConflictError, DomainError
from models.services import lookups
from models.services.lookups import LookupValue
from models.services.people import organization_choices
from models.services.people_search import person_names
from models.services.topics import StatusStep, TopicData, change_topic_status, get_topic, save_topic
from models.text import quoted
from models.vocab import TOPIC_TRANSITIONS, TopicSource, TopicStatus
from ui import messages
from ui.dialogs import EditDialog, exec_dialog, save_form
from ui.operations import run_command
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError


def person_label(name: str, employer_title: str) -> str:
    return f"{name}（{employer_title}）" if employer_title else name


@dataclass(frozen=True)
class TopicForm:
    """What the topic dialog needs, read before it opens."""
    topic: TopicData | None  # None: a new topic
    formats: list[LookupValue]
    organizations: list[tuple[int, str]]  # (id, name)
    person: str  # the proposing person as shown, if a person proposed it


def topic_dialog_data(session, topic_id: int | None) -> TopicForm:
    topic = get_topic(session, topic_id) if topic_id else None
    person = ""
    if topic is not None and topic.proposer_person_id:
        name, unit = person_names(session, [topic.proposer_person_id]).get(topic.proposer_person_id, ("", ""))
        person = person_label(name, unit)
    return TopicForm(topic, lookups.list_values(session, "meeting_format"), organization_choices(session), person)


class TopicDialog(EditDialog):
    def __init__(self, context, form: TopicForm, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.data = form.topic or TopicData(year=year, title="", source=TopicSource.MEMBER)
        self.setWindowTitle("编辑议题" if form.topic else "新增议题")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.data.year)
        self.title = QLineEdit(self.data.title)
        self.title.setPlaceholderText("必填，如：完善社区卫生服务体系")
        self.source = ChoiceCombo(empty_label=None)
        self.source.set_choices([(s.value, s.value) for s in TopicSource])
        self.source.set_value(self.data.source)
        self.format = ChoiceCombo("（未定）")
        self.format.set_lookup(form.formats, current_id=self.data.format_id)
        # 提出者: a person of the register, an organization, or free text (群众征题)
        self.kind_person, self.kind_org, self.kind_text = (QRadioButton(t) for t in ("人员", "单位", "其他"))
        kinds = QButtonGroup(self)
        for button in (self.kind_person, self.kind_org, self.kind_text):
            kinds.addButton(button)
        # the register is searched in a picker, never loaded whole into a combo
        self.person_id = self.data.proposer_person_id
        self.person = QLineEdit(form.person)
        self.person.setReadOnly(True)
        self.person.setPlaceholderText("（请选择）")
        self.choose_person = QPushButton("选择…")
        self.choose_person.setToolTip("在人员库中查找并选择提出者")
        self.choose_person.clicked.connect(self.pick_person)
        self.person_row = QWidget()
        person_layout = QHBoxLayout(self.person_row)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_layout.addWidget(self.person, 1)
        person_layout.addWidget(self.choose_person)
        self.org = ChoiceCombo("（请选择）")
        self.org.set_choices([(name, oid) for oid, name in form.organizations])
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
        self.error = FormError()
        layout_form = QFormLayout()
        for label, widget in (("年度：", self.year), ("议题名称*：", self.title),
                              ("", self.error.under("title", self.title)), ("来源：", self.source),
                              ("提出者：", kind_row), ("", self.person_row), ("", self.org), ("", self.proposer_text),
                              ("意向形式：", self.format), ("议题说明：", self.description),
                              ("背景：", self.background), ("决定理由：", self.decision)):
            layout_form.addRow(label, widget)
        for button in (self.kind_person, self.kind_org, self.kind_text):
            button.toggled.connect(lambda _on: self._show_proposer())
        self._show_proposer()
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]  # accept role first
        layout = QVBoxLayout(self)
        layout.addLayout(layout_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self.offer_history("topic", self.data.id)
        self.track_edits(save=self.save)

    def _show_proposer(self) -> None:
        self.person_row.setVisible(self.kind_person.isChecked())
        self.org.setVisible(self.kind_org.isChecked())
        self.proposer_text.setVisible(self.kind_text.isChecked())

    def pick_person(self) -> None:
        from ui.dialogs.person_picker import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, set(), self, title="选择提出者", with_role=False, single=True,
                                    active_only=True, ok="选择")
        chosen = dialog.chosen() if exec_dialog(dialog) else []
        if chosen:
            self.person_id = chosen[0].id
            self.person.setText(person_label(chosen[0].name, chosen[0].employer_title))

    def collected(self) -> TopicData:
        d = self.data
        return TopicData(
            year=self.year.value(), title=self.title.text(), source=self.source.value(),
            description=self.description.toPlainText(), background=self.background.toPlainText(),
            proposer_person_id=self.person_id if self.kind_person.isChecked() else None,
            proposer_org_id=self.org.value() if self.kind_org.isChecked() else None,
            proposer_text=self.proposer_text.text() if self.kind_text.isChecked() else None,
            format_id=self.format.value(), decision_note=self.decision.toPlainText(), id=d.id, version=d.version)

    def save(self) -> None:
        data = self.collected()
        save_form(self, lambda s: save_topic(s, data), error=self.error, button=self.save_button,
                  on_done=self._saved)

    def _saved(self, topic_id: int) -> None:
        self.saved_id = topic_id
        messages.saved(self, f"已保存议题{quoted(self.title.text())}。")
        self.accept()


class TopicStatusDialog(EditDialog):
    """改变议题状态: only the allowed next steps are offered; the date and note go into the history."""

    def __init__(self, context, topic_id: int, title: str, status: str, version: int, parent=None, *,
                 in_plan: bool = True):
        super().__init__(parent)
        self.context, self.topic_id, self.version = context, topic_id, version
        self.in_plan = in_plan  # 列入计划 by hand for a topic the plan does not hold is asked about
        self.setWindowTitle("改变议题状态")
        self.target = ChoiceCombo(empty_label=None)
        self.target.set_choices([(s.value, s.value) for s in TOPIC_TRANSITIONS.get(status, ())])
        self.date = DateEdit(today())
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：十六届主席会议第十次会议审议通过")
        self.error = FormError()
        form = QFormLayout()
        form.addRow("议题：", QLabel(title))
        form.addRow("当前状态：", QLabel(status))
        form.addRow("改为：", self.target)
        form.addRow("日期：", self.date)
        form.addRow("说明：", self.note)
        buttons = ok_cancel(self, self.save)
        self.save_button = buttons.buttons()[0]  # accept role first
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.track_edits(save=self.save)

    def save(self) -> None:
        topic_id, target, on, note = self.topic_id, self.target.value(), self.date.date().toPython(), self.note.text()
        version = self.version
        if target == TopicStatus.PLANNED and not self.in_plan and not messages.confirm(
                self, "该议题还没有列入年度协商计划。", yes="仍然改为“列入计划”",
                informative="在“年度协商计划”中添加条目（或在议题库中点“列入年度计划”），议题状态会自动改为"
                            "“列入计划”，计划和议题状态保持一致。只改状态，计划中不会有这个议题。"):
            return
        self.error.clear()
        self.save_button.setEnabled(False)
        run_command(self.context, self, lambda s: change_topic_status(s, topic_id, target, on=on, note=note,
                                                                      expected_version=version),
                    on_done=self._saved, on_error=self._refused)

    def _saved(self, _result) -> None:
        messages.saved(self, f"议题状态已改为“{self.target.value()}”。")
        self.accept()

    def _refused(self, exc: BaseException) -> bool:
        """A refused step is explained beside the form; a conflict (and anything else) by the policy."""
        self.save_button.setEnabled(True)
        if isinstance(exc, DomainError) and not isinstance(exc, ConflictError):
            return self.error.show_error(exc)
        return False


class TopicHistoryDialog(QDialog):
    """议题历程: the steps (read before the dialog opens), oldest first."""

    def __init__(self, title: str, steps: list[StatusStep], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"议题历程 — {title}")
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


__all__ = ["TopicDialog", "TopicForm", "TopicHistoryDialog", "TopicStatusDialog", "topic_dialog_data"]
