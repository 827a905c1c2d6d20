"""调研记录: basic facts, units visited, participants with roles, and attachments opened with the system viewer."""

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
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

from models.errors import DomainError, ValidationError
from models.services.meeting_queries import list_meetings
from models.services.people import organization_id
from models.services.people_list import load_people
from models.services.research import (
    VisitData,
    add_attachment,
    get_visit,
    list_attachments,
    remove_attachment,
    save_visit,
)
from models.services.topics import topic_choices
from models.tables import Organization
from models.vocab import OrgKind, VisitKind, VisitRole
from ui import messages
from ui.files import open_path
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo


class VisitDialog(QDialog):
    def __init__(self, context, visit_id: int | None, parent: QWidget | None = None, *, meeting_id=None,
                 topic_id=None):
        super().__init__(parent)
        self.context = context
        self.data = context.call(get_visit, visit_id) if visit_id else VisitData(
            kind=VisitKind.FIELD_RESEARCH, visit_date=None, title="", meeting_id=meeting_id, topic_id=topic_id)
        self.saved_id = visit_id
        self.setWindowTitle("编辑调研记录" if visit_id else "新增调研记录")
        self.people = {r.id: r for r in context.call(load_people)}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._basics(), "基本情况")
        self.tabs.addTab(self._participants(), "参加人员")
        self.tabs.addTab(self._attachments(), "附件")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.save, ok="保存"))
        self.resize(820, 640)

    # -- tabs ------------------------------------------------------------------------------------------------
    def _basics(self) -> QWidget:
        d = self.data
        self.kind = ChoiceCombo(empty_label=None)
        self.kind.set_choices([(k.value, k.value) for k in VisitKind])
        self.kind.set_value(d.kind)
        self.date = QDateEdit(QDate(d.visit_date) if d.visit_date else QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.title = QLineEdit(d.title)
        self.title.setPlaceholderText("必填，如：赴东湖路商业街区调研夜间经济发展情况")
        self.place = QLineEdit(d.place or "")
        self.topic = ChoiceCombo("（不关联议题）")
        self.topic.set_choices([(label, value) for value, label in self.context.call(topic_choices)])
        self.topic.set_value(d.topic_id)
        self.meeting = ChoiceCombo("（不关联会议）")
        self.meeting.set_choices([(f"{m.starts_at:%Y-%m-%d} {m.title}" if m.starts_at else m.title, m.id)
                                  for m in self.context.call(list_meetings)])
        self.meeting.set_value(d.meeting_id)
        orgs = self.context.call(lambda s: [(o.name, o.id) for o in s.exec(select(Organization).order_by(
            Organization.name))])
        self.org_names = {oid: name for name, oid in orgs}
        self.units = QListWidget()
        for oid in d.organization_ids:
            self._add_unit(oid)
        self.unit_input = QComboBox()
        self.unit_input.setEditable(True)
        self.unit_input.addItems([name for name, _ in orgs])
        self.unit_input.setCurrentText("")
        self.unit_input.lineEdit().setPlaceholderText("选择或输入单位名称（新单位会自动添加）")
        add_unit, remove_unit = QPushButton("添加单位"), QPushButton("移除")
        add_unit.clicked.connect(self.add_unit)
        remove_unit.clicked.connect(lambda: self.units.takeItem(self.units.currentRow()))
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_input, 1)
        unit_row.addWidget(add_unit)
        unit_row.addWidget(remove_unit)
        self.summary = QPlainTextEdit(d.summary or "")
        self.findings = QPlainTextEdit(d.findings or "")
        for edit in (self.summary, self.findings):
            edit.setFixedHeight(80)
        self.units.setFixedHeight(80)
        page = QWidget()
        form = QFormLayout(page)
        for label, widget in (("形式：", self.kind), ("日期：", self.date), ("调研主题*：", self.title),
                              ("地点：", self.place), ("关联议题：", self.topic), ("关联会议：", self.meeting),
                              ("调研单位：", self.units), ("", unit_row), ("调研情况：", self.summary),
                              ("发现的问题：", self.findings)):
            form.addRow(label, widget)
        return page

    def _add_unit(self, oid: int) -> None:
        if any(self.units.item(i).data(Qt.ItemDataRole.UserRole) == oid for i in range(self.units.count())):
            return
        item = QListWidgetItem(self.org_names.get(oid, str(oid)))
        item.setData(Qt.ItemDataRole.UserRole, oid)
        self.units.addItem(item)

    def add_unit(self) -> None:
        name = self.unit_input.currentText().strip()
        if not name:
            return
        try:
            oid = self.context.call(organization_id, name, OrgKind.OTHER)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.org_names[oid] = name
        self._add_unit(oid)
        self.unit_input.setCurrentText("")

    def _participants(self) -> QWidget:
        self.participant_table = QTableWidget(0, 3)
        self.participant_table.setHorizontalHeaderLabels(["姓名", "单位及职务", "角色"])
        self.participant_table.horizontalHeader().setStretchLastSection(False)
        self.participant_table.setColumnWidth(0, 110)
        self.participant_table.setColumnWidth(1, 400)
        self.participant_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participant_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for person_id, role in self.data.participants:
            self._add_participant(person_id, role)
        add, remove = QPushButton("添加人员…"), QPushButton("移除")
        add.clicked.connect(self.add_participants)
        remove.clicked.connect(lambda: self.participant_table.removeRow(self.participant_table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.participant_table, 1)
        return page

    def _add_participant(self, person_id: int, role: str) -> None:
        table = self.participant_table
        if any(table.item(r, 0).data(Qt.ItemDataRole.UserRole) == person_id for r in range(table.rowCount())):
            return
        person = self.people.get(person_id)
        row = table.rowCount()
        table.insertRow(row)
        name = QTableWidgetItem(person.name if person else str(person_id))
        name.setData(Qt.ItemDataRole.UserRole, person_id)
        table.setItem(row, 0, name)
        table.setItem(row, 1, QTableWidgetItem(person.employer_title if person else ""))
        combo = ChoiceCombo(empty_label=None)
        combo.set_choices([(r.value, r.value) for r in VisitRole])
        combo.set_value(role)
        table.setCellWidget(row, 2, combo)

    def add_participants(self) -> None:
        from ui.dialogs.invite_dialogs import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, set(), self)
        dialog.setWindowTitle("添加参加调研的人员")
        dialog.role.setVisible(False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            for person_id in dialog.chosen_ids():
                self._add_participant(person_id, VisitRole.MEMBER)

    def _attachments(self) -> QWidget:
        self.attachment_list = QListWidget()
        self.attachment_list.itemActivated.connect(self.open_attachment)
        add, open_button, remove = QPushButton("添加文件…"), QPushButton("打开"), QPushButton("删除")
        add.clicked.connect(self.add_files)
        open_button.clicked.connect(lambda: self.open_attachment(self.attachment_list.currentItem()))
        remove.clicked.connect(self.remove_attachment)
        hint = QLabel("照片、调研报告等文件会复制到数据文件夹中保存，原文件移动或删除不受影响。"
                      "新记录会先自动保存，再添加附件。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (add, open_button, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.attachment_list, 1)
        self.refresh_attachments()
        return page

    # -- attachments ----------------------------------------------------------------------------------------
    def refresh_attachments(self) -> None:
        self.attachment_list.clear()
        if self.saved_id is None:
            return
        for row in self.context.call(list_attachments, self.saved_id, self.context.paths.attachments_dir):
            size = f"{row.size / 1024:.0f} KB" if row.size < 1024 ** 2 else f"{row.size / 1024 ** 2:.1f} MB"
            label = f"{row.file_name}（{size}）" + (f"　{row.description}" if row.description else "")
            item = QListWidgetItem(label if row.exists else f"{label}　【文件缺失】")
            item.setData(Qt.ItemDataRole.UserRole, row)
            if not row.exists:
                item.setForeground(QBrush(QColor("#B3261E")))
                item.setToolTip(f"数据文件夹中找不到这个文件：{row.path}")
            self.attachment_list.addItem(item)

    def add_files(self) -> None:
        if self.saved_id is None and not self.save(close=False):
            return
        chosen, _ = QFileDialog.getOpenFileNames(self, "选择附件", "", "所有文件 (*)")
        for path in chosen:
            try:
                self.context.call(add_attachment, self.saved_id, Path(path), self.context.paths.attachments_dir)
            except DomainError as exc:
                messages.warn(self, exc.message)
        self.refresh_attachments()

    def open_attachment(self, item) -> None:
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if not row.exists:
            messages.warn(self, f"附件“{row.file_name}”的文件在数据文件夹中找不到了（可能被手动删除或移动）。"
                                "可以删除这条附件记录后重新添加。")
            return
        if not open_path(row.path):
            messages.warn(self, f"系统无法打开“{row.file_name}”，请检查是否安装了打开此类文件的软件。")

    def remove_attachment(self) -> None:
        item = self.attachment_list.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if messages.confirm(self, f"删除附件“{row.file_name}”吗？", yes="删除", danger=True):
            self.context.call(remove_attachment, row.id, self.context.paths.attachments_dir)
            self.refresh_attachments()

    # -- saving ----------------------------------------------------------------------------------------------
    def collected(self) -> VisitData:
        table = self.participant_table
        participants = [(table.item(r, 0).data(Qt.ItemDataRole.UserRole), table.cellWidget(r, 2).value())
                        for r in range(table.rowCount())]
        units = [self.units.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.units.count())]
        d = self.data
        return VisitData(kind=self.kind.value(), visit_date=self.date.date().toPython(), title=self.title.text(),
                         place=self.place.text(), topic_id=self.topic.value(), meeting_id=self.meeting.value(),
                         summary=self.summary.toPlainText(), findings=self.findings.toPlainText(),
                         participants=participants, organization_ids=units, id=self.saved_id,
                         version=d.version if self.saved_id == d.id else None)

    def save(self, close: bool = True) -> bool:
        try:
            self.saved_id = self.context.call(save_visit, self.collected())
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            self.tabs.setCurrentIndex(0)
            return False
        except DomainError as exc:
            messages.warn(self, exc.message, title="无法保存")
            return False
        self.data = self.context.call(get_visit, self.saved_id)
        if close:
            self.accept()
        return True
