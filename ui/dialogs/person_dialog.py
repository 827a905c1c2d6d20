"""新增/编辑人员: personal details and 委员身份, checked field by field with the message beside it."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import FieldErrors, ValidationError
from models.services.lookups import PERSON_LOOKUPS, LookupValue
from models.services.people import MembershipData, PersonData, clean_person, save_person
from models.services.people_records import find_duplicates
from models.services.person_rules import BIRTH_HINT, format_birth, normalize_name, parse_birth
from models.sorting import sort_keys
from models.text import quoted
from ui import messages
from ui.context import AppContext
from ui.dialogs import EditDialog, exec_dialog
from ui.dialogs.membership_dialog import MembershipDialog
from ui.operations import run_command, run_query
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form_error import FormError

ETHNICITIES = ("汉族", "回族", "满族", "蒙古族", "壮族", "维吾尔族", "藏族", "苗族", "彝族", "土家族", "朝鲜族")
CHECKED = {"name": 1, "birth": 2, "mobile": 1, "email": 2}  # field → lines kept (the typed text is quoted)
EDUCATION = ("博士研究生", "硕士研究生", "本科", "大专", "中专", "高中")


class PersonDialog(EditDialog):
    """`data` is the person as read (None for a new one); `lookups` the values of lookups.PERSON_LOOKUPS."""


    def __init__(self, context: AppContext, data: PersonData | None, lookups: dict[str, list[LookupValue]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.saved_id: int | None = None
        self.lookups = {key: lookups.get(key, []) for key in PERSON_LOOKUPS}
        self.data = data or PersonData(name="")
        self.memberships: list[MembershipData] = list(self.data.memberships)
        self.setWindowTitle(f"编辑人员 — {self.data.name}" if data else "新增人员")
        self.error = FormError()  # the lines under the fields and the one under all of them
        self._build()
        self._fill()
        self.name.setFocus()
        self.offer_history("person", data.id if data else None)
        self.track_edits(save=self.save)

    # -- layout ----------------------------------------------------------------------------------------
    @property
    def errors(self) -> dict[str, QLabel]:
        return {field: label for field, (label, _widget) in self.error.fields.items()}

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("必填")
        self.gender = ChoiceCombo("（未填）")
        self.gender.set_choices([("男", "男"), ("女", "女")])
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(("", *ETHNICITIES))
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("如 1968-05、1968.5、1968年5月")
        self.birth.setToolTip(BIRTH_HINT)
        self.party = ChoiceCombo("（未填）")
        self.education = QComboBox()
        self.education.setEditable(True)
        self.education.addItems(("", *EDUCATION))
        self.employer_title = QLineEdit()
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText("11 位手机号码")
        self.office_phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.guest_category = ChoiceCombo("（不是嘉宾）")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)

        # Two columns, two fields a row; under a row with a field people get wrong, a kept error line on
        # both sides (an empty one beside it), so the columns stay level and the buttons never move.
        # Name and mobile share a row, as birth and email do: three kept lines in all (fits 1366×700).
        pairs = ((("姓名*：", self.name, "name"), ("手机：", self.mobile, "mobile")),
                 (("性别：", self.gender, "gender"), ("工作单位及职务：", self.employer_title, "employer_title")),
                 (("民族：", self.ethnicity, "ethnicity"), ("办公电话：", self.office_phone, "office_phone")),
                 (("出生年月：", self.birth, "birth"), ("电子邮箱：", self.email, "email")),
                 (("党派/政治面貌：", self.party, "party_id"), ("通讯地址：", self.address, "address")),
                 (("学历：", self.education, "education"),
                  ("嘉宾类别：", self.guest_category, "guest_category_id")))
        left, right = QFormLayout(), QFormLayout()
        for pair in pairs:
            kept = max(CHECKED.get(field, 0) for _label, _widget, field in pair)
            for form, (label, widget, field) in zip((left, right), pair, strict=True):
                form.addRow(label, widget)
                if kept:
                    form.addRow("", self.error.under(field, widget, lines=kept) if field in CHECKED
                                else FormError.blank(kept))
        self.stroke_hint = QLabel()
        self.stroke_hint.setObjectName("hint")
        self.stroke_hint.setWordWrap(True)
        self.stroke_hint.setVisible(False)
        left.insertRow(2, "", self.stroke_hint)  # under 姓名 and its line
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)

        group = QGroupBox("委员身份（可有多个级别：全国、市、区政协；嘉宾可不填）")
        self.membership_table = QTableWidget(0, 7)
        self.membership_table.setHorizontalHeaderLabels(
            ["级别", "届次", "界别", "身份", "专委会", "街镇联络组", "状态"])
        self.membership_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.membership_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.membership_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.membership_table.verticalHeader().setVisible(False)
        self.membership_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.membership_table.setFixedHeight(118)
        self.membership_table.doubleClicked.connect(lambda _i: self.edit_membership())
        add, edit, remove = QPushButton("添加身份…"), QPushButton("编辑…"), QPushButton("删除")
        add.clicked.connect(self.add_membership)
        edit.clicked.connect(self.edit_membership)
        remove.clicked.connect(self.remove_membership)
        side = QVBoxLayout()
        for button in (add, edit, remove):
            side.addWidget(button)
        side.addStretch(1)
        inner = QHBoxLayout()
        inner.addWidget(self.membership_table, 1)
        inner.addLayout(side)
        group_layout = QVBoxLayout(group)
        group_layout.addLayout(inner)
        group_layout.addWidget(self.error.under("memberships", self.membership_table))

        notes_form = QFormLayout()
        notes_form.addRow("备注：", self.notes)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.setToolTip("保存（Ctrl+S）")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_button.click)  # nothing while a save runs
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(group)
        layout.addLayout(notes_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(860, self.sizeHint().height())
        self.name.textChanged.connect(self._check_strokes)
        self.birth.editingFinished.connect(self._check_birth)

    def _fill(self) -> None:
        d = self.data
        self.name.setText(d.name)
        self.gender.set_value(d.gender)
        self.ethnicity.setCurrentText(d.ethnicity or "")
        self.birth.setText(format_birth(d.birth_year, d.birth_month))
        self.party.set_lookup(self.lookups["party"], current_id=d.party_id)
        self.education.setCurrentText(d.education or "")
        self.employer_title.setText(d.employer_title or "")
        self.mobile.setText(d.mobile or "")
        self.office_phone.setText(d.office_phone or "")
        self.email.setText(d.email or "")
        self.address.setText(d.address or "")
        self.guest_category.set_lookup(self.lookups["guest_category"], current_id=d.guest_category_id)
        self.notes.setPlainText(d.notes or "")
        self._show_memberships()

    # -- memberships -------------------------------------------------------------------------------------
    def _name_of(self, key: str, value_id: int | None) -> str:
        return next((v.name for v in self.lookups[key] if v.id == value_id), "")

    def _show_memberships(self) -> None:
        table = self.membership_table
        table.setRowCount(len(self.memberships))
        for row, m in enumerate(self.memberships):
            cells = (f"{m.level}政协", m.term or "", self._name_of("sector", m.sector_id), m.role,
                     self._name_of("committee", m.committee_id), self._name_of("liaison_group", m.liaison_group_id),
                     "在任" if m.active else "已卸任")
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))

    def _terms(self) -> list[str]:
        return sorted({m.term for m in self.memberships if m.term} | {"第十六届", "第十四届"}, reverse=True)

    def add_membership(self) -> None:
        dialog = MembershipDialog(None, self.lookups, self._terms(), self)
        if exec_dialog(dialog):
            self.memberships.append(dialog.result_data)
            self._show_memberships()
            self.error.say("", "memberships")

    def edit_membership(self) -> None:
        row = self.membership_table.currentRow()
        if row < 0:
            return
        dialog = MembershipDialog(self.memberships[row], self.lookups, self._terms(), self)
        if exec_dialog(dialog):
            self.memberships[row] = dialog.result_data
            self._show_memberships()

    def remove_membership(self) -> None:
        row = self.membership_table.currentRow()
        if row >= 0:
            del self.memberships[row]
            self._show_memberships()

    # -- saving ----------------------------------------------------------------------------------------------
    def _check_strokes(self, text: str) -> None:
        """A character outside the stroke table sorts after all others: say so while typing."""
        missing = sort_keys(normalize_name(text)).missing if text.strip() else ()
        self.stroke_hint.setText(f"提示：“{'、'.join(missing)}”不在笔画表中，按姓氏笔画排序时此人排在最后。"
                                 if missing else "")
        self.stroke_hint.setVisible(bool(missing))

    def _check_birth(self) -> None:
        try:
            parse_birth(self.birth.text())
        except ValidationError as exc:
            self.error.say(exc.message, "birth")

    def show_error(self, exc: ValidationError) -> bool:
        """Every problem under its field (the rest under all the fields)."""
        return self.error.show_error(exc)

    def collected(self, errors: FieldErrors | None = None) -> PersonData:
        """The fields as typed; a 出生年月 that cannot be read is noted in `errors` (else raised)."""
        if errors is None:
            year, month = parse_birth(self.birth.text())
        else:
            year, month = errors.check(parse_birth, self.birth.text()) or (None, None)
        return replace(
            self.data, name=self.name.text(), gender=self.gender.value(), ethnicity=self.ethnicity.currentText(),
            birth_year=year, birth_month=month, party_id=self.party.value(),
            education=self.education.currentText(), employer_title=self.employer_title.text(),
            mobile=self.mobile.text(), office_phone=self.office_phone.text(), email=self.email.text(),
            address=self.address.text(), guest_category_id=self.guest_category.value(),
            notes=self.notes.toPlainText(), memberships=list(self.memberships))

    def save(self) -> None:
        """Check the fields here, look for possible duplicates, then save in the background."""
        self.error.clear()
        errors = FieldErrors()  # the birth that cannot be read and what clean_person finds: all at once
        data = errors.check(clean_person, self.collected(errors))
        try:
            errors.raise_if_any()
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.save_button.setEnabled(False)
        run_query(self.context, self, lambda s: find_duplicates(s, data.name, data.birth_year, data.birth_month,
                                                                data.mobile, exclude_id=data.id),
                  on_done=lambda duplicates: self._save(data, duplicates), on_error=self._failed)

    def _save(self, data: PersonData, duplicates) -> None:
        if duplicates and not messages.confirm(
                self, "可能与已有人员重复：",
                informative="\n".join(f"· {d.name}（{d.employer_title or '无单位'}）：{d.reason}" for d in duplicates)
                + "\n\n如确为同一人，请取消并使用名单中的“合并重复”。仍然保存吗？", yes="仍然保存", no="返回检查"):
            self.save_button.setEnabled(True)
            return
        run_command(self.context, self, lambda s: save_person(s, data), on_done=self._saved, on_error=self._failed,
                    form=self.show_error)

    def _saved(self, person_id: int) -> None:
        self.saved_id = person_id
        self.accept()
        messages.saved(self, f"已保存{quoted(self.name.text())}的信息。")

    def _failed(self, _exc) -> None:
        self.save_button.setEnabled(True)  # the policy tells what went wrong

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Enter in a one-line field should not close the dialog by accident while typing a name.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
