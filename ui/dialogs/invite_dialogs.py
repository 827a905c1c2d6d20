"""Adding people to a meeting in bulk, by a rule or a saved group; and recording leave.

(Adding people by searching the register: ui/dialogs/person_picker.py.)
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.services.invitees import people_by_rule
from models.services.lookups import LookupValue
from models.services.people_list import PeopleFilter
from models.vocab import STANDING_COMMITTEE, STANDING_COMMITTEE_ROLES, MemberRole
from ui.dialogs.person_picker import role_combo
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_query
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form_error import FormError
from ui.widgets.people_filter_bar import PeopleFilterBar

RULE_DELAY_MS = 150
STANDING_ONLY = "常委（仅常委）"
# 身份 as the rule offers it: the whole 常委会 first, then each 身份 on its own (常委 saying it is only 常委).
ROLE_CHOICES = ((STANDING_COMMITTEE, STANDING_COMMITTEE,
                 f"{'、'.join(STANDING_COMMITTEE_ROLES)}：常委会的全体组成人员"),
                *((role.value, STANDING_ONLY if role == MemberRole.STANDING else role.value,
                   "只含身份为常委的人，不含主席、副主席、秘书长；邀请整个常委会请选“常委会组成人员”"
                   if role == MemberRole.STANDING else "") for role in MemberRole))


class InviteRuleDialog(QDialog):
    """按规则批量添加: everyone in office matching the filters (e.g. all 常委, a 界别), or a saved group.
    `lookups` are the filter values, `groups` the saved groups as (id, name, count)."""

    def __init__(self, context, lookups: dict[str, list[LookupValue]], groups: list[tuple[int, str, int]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("按规则批量添加参会人员")
        intro = QLabel("选择条件（可组合，如“级别：区 + 界别：经济”），或选择一个常用名单。"
                       "“身份：常委会组成人员”即主席、副主席、秘书长和常委；“常委（仅常委）”不含前三者。"
                       "只添加在任人员；已在名单中的人不会重复添加。")
        intro.setWordWrap(True)
        self.filters = PeopleFilterBar()
        self.filters.set_lookups(lookups, ["第十六届", "第十四届"])
        self.filters.status.setEnabled(False)
        self._offer_roles(self.filters.role)
        self.group = ChoiceCombo("（不使用常用名单）")
        self.group.set_choices([(f"{name}（{count}人）", gid) for gid, name, count in groups])
        self.role = role_combo()
        self.preview = QLabel()
        self.preview.setObjectName("countLabel")
        form = QFormLayout()
        form.addRow("常用名单：", self.group)
        form.addRow("参会角色：", self.role)
        self.buttons = ok_cancel(self, self._accept_if_any, ok="添加")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filters)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RULE_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.filters.changed.connect(self._timer.start)
        self.group.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.ids: list[int] = []
        self.counted = 0  # answers received (tests wait on it)
        self.update_preview()
        self.resize(900, self.sizeHint().height())

    @staticmethod
    def _offer_roles(combo: ChoiceCombo) -> None:
        combo.set_choices([(label, value) for value, label, _tip in ROLE_CHOICES])
        for value, _label, tip in ROLE_CHOICES:
            if tip:
                combo.setItemData(combo.findData(value), tip, Qt.ItemDataRole.ToolTipRole)
        combo.setToolTip("“常委会组成人员”= 主席、副主席、秘书长、常委；“常委（仅常委）”不含主席、副主席、秘书长")

    def rule(self) -> PeopleFilter:
        current = self.filters.current()
        return PeopleFilter(**{**current.__dict__, "status": "在任"})

    def _everyone(self) -> bool:
        return self.group.value() is None and self.rule() == PeopleFilter(status="在任")

    def update_preview(self) -> None:
        self._timer.stop()
        add = self.buttons.buttons()[0]
        self.ids, self._asked = [], None
        if self._everyone():
            self.preview.setText("请至少选择一个条件或常用名单。")
            add.setEnabled(True)  # pressing it says the same
            self.counted += 1
            return
        rule, group = self.rule(), self.group.value()
        self._asked = asked = (rule, group)
        self.preview.setText("正在统计符合条件的人员…")
        add.setEnabled(False)
        run_query(self.context, self, lambda s: people_by_rule(s, rule, group_id=group),
                  on_done=lambda ids: self._counted(asked, ids), key=(id(self), "rule"))

    def _counted(self, asked, ids: list[int]) -> None:
        if asked != self._asked:  # an answer for conditions no longer shown: the one for these is on its way
            return
        self.ids = ids
        self.counted += 1
        self.buttons.buttons()[0].setEnabled(True)
        self.preview.setText(f"符合条件：{len(ids)} 人")

    def _accept_if_any(self) -> None:
        if self._everyone():
            self.preview.setText("请至少选择一个条件或常用名单（不能一次添加全部人员）。")
            return
        if not self.ids:
            self.preview.setText("没有符合条件的人员，请调整条件。")
            return
        self.accept()


class LeaveDialog(EditDialog):
    """请假: the reason (required) and who approved it."""

    def __init__(self, names: str, parent: QWidget | None = None, reason: str = "", approved_by: str = ""):
        super().__init__(parent)
        self.setWindowTitle("登记请假")
        self.reason = QLineEdit(reason)
        self.reason.setPlaceholderText("必填，如：因公出差")
        self.approved_by = QLineEdit(approved_by)
        self.error = FormError()
        form = QFormLayout()
        form.addRow("请假人员：", QLabel(names))
        form.addRow("请假事由*：", self.reason)
        form.addRow("", self.error.under("leave_reason", self.reason))
        form.addRow("批准人：", self.approved_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self._check))
        self.resize(420, self.sizeHint().height())
        self.track_edits(save=self._check)

    def _check(self) -> None:
        if not self.reason.text().strip():
            self.error.say("请假须填写请假事由。", "leave_reason")
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


__all__ = ["InviteRuleDialog", "LeaveDialog"]
