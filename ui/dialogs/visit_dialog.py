"""调研记录: basic facts, units visited, participants with roles, and attachments opened with the system viewer.

Everything the dialog shows is read before it opens (`load_visit_form`); the names of people are read for
the participants only, and more are added by searching the register (PersonPickerDialog).

Nothing is written before 保存: new units are created, and files added are recorded, in the one command
that saves the visit (models/services/visit_form.py). Until then an added file is only copied into the
data folder; 取消 (or 放弃 when asked) removes those copies, so a cancelled visit leaves nothing behind.
Removing an attachment that was saved before is its own command, after its own confirmation.
"""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
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

from models.errors import DomainError, ValidationError
from models.services.meeting_queries import list_meetings
from models.services.people import organization_choices
from models.services.people_search import person_names
from models.services.research import (
    AttachmentRow,
    CopiedFile,
    VisitData,
    copy_attachment,
    discard_copies,
    get_visit,
    list_attachments,
    remove_attachment,
)
from models.services.topics import topic_choices
from models.services.visit_form import save_visit_form
from models.text import quoted
from models.vocab import VisitKind, VisitRole
from ui import messages, status_colours
from ui.dialogs import EditDialog, exec_dialog, form_state
from ui.files import choose_open_files, open_path
from ui.operations import run_background, run_command, run_query
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo, SearchCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError
from ui.widgets.scrolling import scrolling

MISSING_COLOUR = status_colours.BAD


@dataclass
class VisitForm:
    """What the dialog shows, read in one query before it opens."""

    data: VisitData
    topics: list[tuple[int, str]]
    meetings: list[tuple[str, int]]  # (label, id)
    organizations: list[tuple[int, str]]
    people: dict[int, tuple[str, str]]  # the participants: {id: (name, 单位及职务)}
    attachments: list[AttachmentRow] = field(default_factory=list)


def load_visit_form(session, visit_id: int | None, attachments_dir: Path, *, meeting_id=None,
                    topic_id=None) -> VisitForm:
    data = get_visit(session, visit_id) if visit_id else VisitData(
        kind=VisitKind.FIELD_RESEARCH, visit_date=None, title="", meeting_id=meeting_id, topic_id=topic_id)
    meetings = [(f"{m.starts_at:%Y-%m-%d} {m.title}" if m.starts_at else m.title, m.id)
                for m in list_meetings(session)]
    return VisitForm(data, topic_choices(session), meetings, organization_choices(session),
                     person_names(session, [pid for pid, _ in data.participants]),
                     list_attachments(session, visit_id, attachments_dir) if visit_id else [])


def open_visit_dialog(context, parent: QWidget, visit_id: int | None, *, meeting_id=None, topic_id=None,
                      on_saved=None) -> None:
    """Read the visit (or prepare a new one), then show the dialog; `on_saved(visit_id)` after 保存."""
    folder = context.paths.attachments_dir

    def opened(form: VisitForm) -> None:
        dialog = VisitDialog(context, form, parent)
        if exec_dialog(dialog) and on_saved is not None:
            on_saved(dialog.saved_id)

    run_query(context, parent, lambda s: load_visit_form(s, visit_id, folder, meeting_id=meeting_id,
                                                         topic_id=topic_id),
              on_done=opened, key=(id(parent), "visit dialog"), label="正在读取调研记录…")


def pending_item(copy: CopiedFile) -> QListWidgetItem:
    """A file added in this dialog: copied, recorded on 保存."""
    size = f"{copy.size / 1024:.0f} KB" if copy.size < 1024 ** 2 else f"{copy.size / 1024 ** 2:.1f} MB"
    item = QListWidgetItem(f"{copy.file_name}（{size}）　【保存后加入】")
    item.setData(Qt.ItemDataRole.UserRole, copy)
    return item


def attachment_item(row: AttachmentRow) -> QListWidgetItem:
    size = f"{row.size / 1024:.0f} KB" if row.size < 1024 ** 2 else f"{row.size / 1024 ** 2:.1f} MB"
    label = f"{row.file_name}（{size}）" + (f"　{row.description}" if row.description else "")
    item = QListWidgetItem(label if row.exists else f"{label}　【文件缺失】")
    item.setData(Qt.ItemDataRole.UserRole, row)
    if not row.exists:
        item.setForeground(QBrush(QColor(MISSING_COLOUR)))
        item.setToolTip(f"数据文件夹中找不到这个文件：{row.path}")
    return item


class VisitDialog(EditDialog):
    def __init__(self, context, form: VisitForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.form = context, form
        self.data = form.data
        self.saved_id = form.data.id
        self.people = dict(form.people)
        self.pending: list[CopiedFile] = []  # files copied in for this visit, recorded on 保存
        self._copying = 0  # copies under way: 保存 waits for them
        self._closed = {"closed": False}  # read by copies that finish after the dialog is gone
        self.attachments_loaded = 0  # attachment lists shown (tests wait on it)
        self.setWindowTitle("编辑调研记录" if self.saved_id else "新增调研记录")
        self.error = FormError()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._basics(), "基本情况")
        self.tabs.addTab(self._participants(), "参加人员")
        self.tabs.addTab(self._attachments(), "附件")
        buttons = ok_cancel(self, self.save, ok="保存")
        self.save_button = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self._show_attachments(form.attachments)
        # The list also changes when a saved attachment is removed (its own command): the files added are
        # what 保存 would keep, so they stand for the list.
        self.attachment_list.setProperty("notEdited", True)
        self.offer_history("field_visit", self.saved_id)
        self.track_edits(save=self.save, state=lambda: (form_state(self), tuple(self.pending)))

    # -- tabs ------------------------------------------------------------------------------------------------
    def _basics(self) -> QWidget:
        d = self.data
        self.kind = ChoiceCombo(empty_label=None)
        self.kind.set_choices([(k.value, k.value) for k in VisitKind])
        self.kind.set_value(d.kind)
        self.date = DateEdit(d.visit_date if d.visit_date else None)
        self.title = QLineEdit(d.title)
        self.title.setPlaceholderText("必填，如：赴东湖路商业街区调研夜间经济发展情况")
        self.place = QLineEdit(d.place or "")
        self.topic = SearchCombo("（不关联议题）")
        self.topic.set_choices([(label, value) for value, label in self.form.topics])
        self.topic.set_value(d.topic_id)
        self.meeting = SearchCombo("（不关联会议）")
        self.meeting.set_choices(self.form.meetings)
        self.meeting.set_value(d.meeting_id)
        self.org_names = dict(self.form.organizations)
        self.units = QListWidget()
        for oid in d.organization_ids:
            self._add_unit(oid)
        self.unit_input = QComboBox()
        self.unit_input.setEditable(True)
        self.unit_input.addItems([name for _, name in self.form.organizations])
        self.unit_input.setCurrentText("")
        self.unit_input.lineEdit().setPlaceholderText("选择或输入单位名称（新单位随记录一起保存）")
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
                              ("", self.error.under("title", self.title)), ("地点：", self.place),
                              ("关联议题：", self.topic), ("关联会议：", self.meeting),
                              ("调研单位：", self.units), ("", unit_row), ("调研情况：", self.summary),
                              ("发现的问题：", self.findings)):
            form.addRow(label, widget)
        return scrolling(page)  # a laptop's screen may be shorter than the form with its error line

    def _add_unit(self, unit: int | str) -> None:
        """A known unit by id, a new one by name (created when the visit is saved)."""
        if any(self.units.item(i).data(Qt.ItemDataRole.UserRole) == unit for i in range(self.units.count())):
            return
        item = QListWidgetItem(self.org_names.get(unit, str(unit)) if isinstance(unit, int) else f"{unit}（新单位）")
        item.setData(Qt.ItemDataRole.UserRole, unit)
        self.units.addItem(item)

    def add_unit(self) -> None:
        name = self.unit_input.currentText().strip()
        if not name:
            return
        known = next((oid for oid, known_name in self.org_names.items() if known_name == name), None)
        self._add_unit(name if known is None else known)
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
        name, unit = self.people.get(person_id, (str(person_id), ""))
        row = table.rowCount()
        table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(Qt.ItemDataRole.UserRole, person_id)
        table.setItem(row, 0, name_item)
        table.setItem(row, 1, QTableWidgetItem(unit))
        combo = ChoiceCombo(empty_label=None)
        combo.set_choices([(r.value, r.value) for r in VisitRole])
        combo.set_value(role)
        table.setCellWidget(row, 2, combo)

    def add_participants(self) -> None:
        from ui.dialogs.person_picker import PersonPickerDialog

        dialog = PersonPickerDialog(self.context, set(), self, title="添加参加调研的人员", with_role=False)
        if exec_dialog(dialog):
            for hit in dialog.chosen():
                self.people[hit.id] = (hit.name, hit.employer_title)
                self._add_participant(hit.id, VisitRole.MEMBER)

    def _attachments(self) -> QWidget:
        self.attachment_list = QListWidget()
        self.attachment_list.itemActivated.connect(self.open_attachment)
        add, open_button, remove = QPushButton("添加文件…"), QPushButton("打开"), QPushButton("删除")
        add.clicked.connect(self.add_files)
        open_button.clicked.connect(lambda: self.open_attachment(self.attachment_list.currentItem()))
        remove.clicked.connect(self.remove_attachment)
        hint = QLabel("照片、调研报告等文件会复制到数据文件夹中保存，原文件移动或删除不受影响。"
                      "添加的文件在点“保存”后才加入本记录；取消则不保留。")
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
        return page

    # -- attachments ----------------------------------------------------------------------------------------
    def _show_attachments(self, rows: list[AttachmentRow]) -> None:
        self.attachment_list.clear()
        for row in rows:
            self.attachment_list.addItem(attachment_item(row))
        for copy in self.pending:
            self.attachment_list.addItem(pending_item(copy))
        self.attachments_loaded += 1

    def refresh_attachments(self) -> None:
        if self.saved_id is None:
            self._show_attachments([])
            return
        visit_id, folder = self.saved_id, self.context.paths.attachments_dir
        run_query(self.context, self, lambda s: list_attachments(s, visit_id, folder), on_done=self._show_attachments,
                  key=(id(self), "attachments"), label="正在读取附件…")

    def add_files(self) -> None:
        """Copy the chosen files into the data folder (on the file worker); they are recorded on 保存."""
        paths = choose_open_files(self, self.context, "attachment", "选择附件")
        if paths:
            self.copy_files(paths)

    def copy_files(self, paths: list[Path]) -> None:
        folder = self.context.paths.attachments_dir

        def copy(_ctx) -> tuple[list[CopiedFile], list[str]]:
            copies, refused = [], []
            for path in paths:  # one file that cannot be copied does not stop the others
                try:
                    copies.append(copy_attachment(path, folder))
                except DomainError as exc:
                    refused.append(exc.message)
            return copies, refused

        context, closed = self.context, self._closed

        def copied(result: tuple[list[CopiedFile], list[str]]) -> None:
            if closed["closed"]:  # cancelled meanwhile: nobody will record these
                run_background(context, None, lambda _ctx: discard_copies(result[0], folder))
                return
            self._copying -= 1
            self._copied(*result)

        def failed(_exc) -> bool:
            if closed["closed"]:
                return True  # nobody is waiting for these files any more
            self._copying -= 1
            return False  # the policy says what went wrong

        self._copying += 1
        # no owner: the answer must arrive even if the dialog has gone, to remove what it copied
        run_background(context, None, copy, label="正在复制附件…", title="无法添加附件", on_done=copied,
                       on_error=failed)

    def _copied(self, copies: list[CopiedFile], refused: list[str]) -> None:
        self.pending.extend(copies)
        for copy in copies:
            self.attachment_list.addItem(pending_item(copy))
        self.attachments_loaded += 1
        if refused:
            messages.warn(self, "\n".join(refused))

    def _discard_pending(self) -> None:
        """The copies nobody will record (cancelled): removed from the data folder."""
        copies, folder = list(self.pending), self.context.paths.attachments_dir
        self.pending.clear()
        if copies:
            run_background(self.context, None, lambda _ctx: discard_copies(copies, folder), label="正在清理附件…")

    def open_attachment(self, item) -> None:
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, CopiedFile):
            row = AttachmentRow(0, row.file_name, row.stored_name, row.size, "",
                                self.context.paths.attachments_dir / row.stored_name, True)
        if not row.exists:
            messages.warn(self, f"附件{quoted(row.file_name)}的文件在数据文件夹中找不到了（可能被手动删除或移动）。"
                                "可以删除这条附件记录后重新添加。")
            return
        if not open_path(row.path):
            messages.warn(self, f"系统无法打开{quoted(row.file_name)}，请检查是否安装了打开此类文件的软件。")

    def remove_attachment(self) -> None:
        item = self.attachment_list.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(row, CopiedFile):  # not recorded yet: only the copy goes
            self.pending.remove(row)
            self.attachment_list.takeItem(self.attachment_list.row(item))
            folder = self.context.paths.attachments_dir
            run_background(self.context, None, lambda _ctx: discard_copies([row], folder), label="正在清理附件…")
            return
        if messages.confirm(self, f"删除附件{quoted(row.file_name)}吗？", informative="已保存的附件会立即删除。",
                            yes="删除", danger=True):
            folder = self.context.paths.attachments_dir
            run_command(self.context, self, lambda s: remove_attachment(s, row.id, folder),
                        on_done=lambda _r: self.refresh_attachments(), label="正在删除附件…")

    # -- saving ----------------------------------------------------------------------------------------------
    def collected(self) -> VisitData:
        table = self.participant_table
        participants = [(table.item(r, 0).data(Qt.ItemDataRole.UserRole), table.cellWidget(r, 2).value())
                        for r in range(table.rowCount())]
        units = [u for u in self.units_on_screen() if isinstance(u, int)]
        d = self.data
        return VisitData(kind=self.kind.value(), visit_date=self.date.date().toPython(), title=self.title.text(),
                         place=self.place.text(), topic_id=self.topic.value(), meeting_id=self.meeting.value(),
                         summary=self.summary.toPlainText(), findings=self.findings.toPlainText(),
                         participants=participants, organization_ids=units, id=self.saved_id,
                         version=d.version if self.saved_id == d.id else None)

    def show_error(self, exc: ValidationError) -> bool:
        self.tabs.setCurrentIndex(0)  # the message sits under the first tab's fields
        return self.error.show_error(exc)

    def units_on_screen(self) -> list[int | str]:
        return [self.units.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.units.count())]

    def save(self) -> None:
        """One command: new units, the visit, the files added; then the dialog closes."""
        if self._copying:
            messages.inform(self, "附件还在复制中，请稍候再保存。")
            return
        data, units, copies = self.collected(), self.units_on_screen(), list(self.pending)
        self.error.clear()
        self.save_button.setEnabled(False)
        run_command(self.context, self, lambda s: save_visit_form(s, data, units, copies), on_done=self._saved,
                    on_error=self._failed, form=self.show_error, title="无法保存")

    def _saved(self, visit_id: int) -> None:
        self.pending.clear()  # recorded now: no longer this dialog's to remove
        self.saved_id = visit_id
        self.accept()
        messages.saved(self, f"已保存调研记录{quoted(self.title.text())}。")

    def _failed(self, _exc) -> None:
        self.save_button.setEnabled(True)  # the policy shows what went wrong; the added files stay listed

    def done(self, result: int) -> None:
        self._closed["closed"] = True
        if result != QDialog.DialogCode.Accepted:
            self._discard_pending()
        super().done(result)
