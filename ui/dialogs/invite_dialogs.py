"""Adding people to a meeting: by searching the register, or in bulk by a rule or a saved group."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.services import lookups
from models.services.invitees import list_groups, people_by_rule
from models.services.people_list import PeopleFilter, load_people
from models.vocab import AttendanceRole
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.people_filter_bar import PeopleFilterBar

LOOKUP_KEYS = ("sector", "party", "committee", "liaison_group", "guest_category")


def role_combo(default: str = AttendanceRole.ATTEND) -> ChoiceCombo:
    combo = ChoiceCombo(empty_label=None)
    combo.set_choices([(role.value, role.value) for role in AttendanceRole])
    combo.set_value(default)
    return combo


class PersonPickerDialog(QDialog):
    """添加人员: search the register as you type (name, pinyin initials, unit, phone), pick one or many."""

    def __init__(self, context, invited_ids: set[int], parent: QWidget | None = None):
        from ui.table_models.person_model import PersonTableModel

        super().__init__(parent)
        self.setWindowTitle("添加参会人员")
        self.invited_ids = invited_ids
        self.model = PersonTableModel(self)
        self.model.set_rows(context.call(load_people))
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名、拼音首字母、单位或电话")
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        keep = {"name", "sector", "levels", "role", "employer_title", "mobile", "guest_category"}
        for column, spec in enumerate(self.model.columns):
            self.table.setColumnHidden(column, spec.key not in keep)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.role = role_combo()
        self.count = QLabel()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(120)
        timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: timer.start())
        row = QHBoxLayout()
        row.addWidget(QLabel("参会角色："))
        row.addWidget(self.role)
        row.addStretch(1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(self, self.accept, ok="添加选中的人员"))
        self.resize(900, 600)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(PeopleFilter(text=self.search.text()))
        self.count.setText(f"找到 {self.model.shown} 人")
        if self.model.shown == 1:
            self.table.selectRow(0)

    def chosen_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r).id for r in rows]


class InviteRuleDialog(QDialog):
    """按规则批量添加: everyone in office matching the filters (e.g. all 常委, a 界别), or a saved group."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("按规则批量添加参会人员")
        intro = QLabel("选择条件（可组合，如“级别：区 + 身份：常委”），或选择一个常用名单。只添加在任人员；"
                       "已在名单中的人不会重复添加。")
        intro.setWordWrap(True)
        self.filters = PeopleFilterBar()
        self.filters.set_lookups({key: context.call(lookups.list_values, key) for key in LOOKUP_KEYS},
                                 ["第十六届", "第十四届"])
        self.filters.status.setEnabled(False)
        self.group = ChoiceCombo("（不使用常用名单）")
        self.group.set_choices([(f"{name}（{count}人）", gid) for gid, name, count in context.call(list_groups)])
        self.role = role_combo()
        self.preview = QLabel()
        self.preview.setObjectName("countLabel")
        form = QFormLayout()
        form.addRow("常用名单：", self.group)
        form.addRow("参会角色：", self.role)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filters)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(ok_cancel(self, self._accept_if_any, ok="添加"))
        self.filters.changed.connect(self.update_preview)
        self.group.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.ids: list[int] = []
        self.update_preview()
        self.resize(900, self.sizeHint().height())

    def rule(self) -> PeopleFilter:
        current = self.filters.current()
        return PeopleFilter(**{**current.__dict__, "status": "在任"})

    def update_preview(self) -> None:
        self.ids = self.context.call(people_by_rule, self.rule(), group_id=self.group.value())
        everyone = self.group.value() is None and self.rule() == PeopleFilter(status="在任")
        self.preview.setText("请至少选择一个条件或常用名单。" if everyone else f"符合条件：{len(self.ids)} 人")

    def _accept_if_any(self) -> None:
        if self.group.value() is None and self.rule() == PeopleFilter(status="在任"):
            self.preview.setText("请至少选择一个条件或常用名单（不能一次添加全部人员）。")
            return
        if not self.ids:
            self.preview.setText("没有符合条件的人员，请调整条件。")
            return
        self.accept()


class LeaveDialog(QDialog):
    """请假: the reason (required) and who approved it."""

    def __init__(self, names: str, parent: QWidget | None = None, reason: str = "", approved_by: str = ""):
        super().__init__(parent)
        self.setWindowTitle("登记请假")
        self.reason = QLineEdit(reason)
        self.reason.setPlaceholderText("必填，如：因公出差")
        self.approved_by = QLineEdit(approved_by)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow("请假人员：", QLabel(names))
        form.addRow("请假事由*：", self.reason)
        form.addRow("批准人：", self.approved_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._check))
        self.resize(420, self.sizeHint().height())

    def _check(self) -> None:
        if not self.reason.text().strip():
            self.error.setText("请假须填写请假事由。")
            self.error.setVisible(True)
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()
