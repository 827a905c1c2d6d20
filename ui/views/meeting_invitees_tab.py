"""参会人员: the invitee list with counts per role and reply, adding by search or rule, bulk changes."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.printing import SheetKind
from models.services import lookups
from models.services.chase_list import AWAITING_STATUSES, awaiting_reply, awaits_reply
from models.services.invitee_columns import INVITEE_COLUMNS
from models.services.invitees import (
    invite_people,
    invitees_remove_refusal,
    list_groups,
    remove_invitees,
    save_group,
    set_role_bulk,
    set_status_bulk,
)
from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole, InviteStatus
from ui import messages, status_colours
from ui.deleting import delete_after_check
from ui.dialogs import exec_dialog
from ui.dialogs.invite_dialogs import InviteRuleDialog, LeaveDialog
from ui.dialogs.invitee_dialog import InviteeDialog
from ui.dialogs.person_picker import PersonPickerDialog
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.table_models.row_model import RowTableModel
from ui.widgets.colour_legend import ColourLegend
from ui.widgets.column_chooser import ColumnChooser
from ui.widgets.combos import ChoiceCombo
from ui.widgets.tables import kept_view, list_table, selected_rows

STATE_KEY = "meeting_invitees"
AWAITING = "awaiting"  # the reply filter's 催报 choice: not a status, the three that are not a reply


def invitee_colour(row, key: str) -> str | None:
    """The reply in its colour, the final attendance in its own: 缺席 is red even after 已确认."""
    if key == "result":
        return status_colours.ATTENDANCE_RESULT.get(row.result)
    return status_colours.INVITE_STATUS.get(row.invite_status)


class InviteesTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel(INVITEE_COLUMNS, self, key=lambda r: r.attendance_id)
        self.model.cell_colour = invitee_colour
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.counts.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("在名单中查找：姓名、拼音首字母、单位")
        self.search.setClearButtonEnabled(True)
        self.role_filter = ChoiceCombo("全部角色")
        self.role_filter.set_choices([(r.value, r.value) for r in AttendanceRole])
        self.status_filter = ChoiceCombo("全部回复")
        self.status_filter.set_choices([(s.value, s.value) for s in InviteStatus] + [("未回执（催报）", AWAITING)])
        self.status_filter.setItemData(self.status_filter.findData(AWAITING),
                                       f"尚未回执：{'、'.join(AWAITING_STATUSES)}（不含工作人员）",
                                       Qt.ItemDataRole.ToolTipRole)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.status_filter)

        self.add_button = QPushButton("添加人员…")
        self.rule_button = QPushButton("按规则批量添加…")
        self.edit_button = QPushButton("修改…")
        self.status_button = self._menu_button("设置回复", [(s.value, lambda _c=False, s=s: self.bulk_status(s))
                                                             for s in InviteStatus])
        self.role_button = self._menu_button("设置角色", [(r.value, lambda _c=False, r=r: self.bulk_role(r))
                                                           for r in AttendanceRole])
        self.remove_button = QPushButton("移出名单")
        self.chase_button = self._menu_button("催报名单", [
            ("只看未回执的人员", self.show_awaiting), ("打印催报名单…", self.print_chase_list),
            ("导出催报名单（Excel）…", self.export_chase_list)])
        self.chase_button.setToolTip("尚未回执的人员（含单位、电话），可打印或导出 Excel 逐一电话催报；"
                                     "登记回复后自动从名单中去掉")
        self.group_button = QPushButton("存为常用名单…")
        self.add_button.setToolTip("从人员库中搜索添加（可多选）")
        self.rule_button.setToolTip("如全体常委、某界别、某专委会、某联络组，或常用名单")
        self.status_button.setToolTip("对选中的人员（可多选）一次设置回复状态，如 40 人同时标记“已通知”")
        self.group_button.setToolTip("把当前名单保存为常用名单，下次按规则批量添加时可直接选用")
        for button, slot in ((self.add_button, self.add_people), (self.rule_button, self.add_by_rule),
                             (self.edit_button, self.edit), (self.remove_button, self.remove),
                             (self.group_button, self.save_as_group)):
            button.clicked.connect(slot)
        edits(owner.context, self.add_button, self.rule_button, self.edit_button, self.status_button, self.role_button,
              self.remove_button, self.group_button)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.rule_button, self.edit_button, self.status_button, self.role_button,
                       self.remove_button, self.chase_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.group_button)

        self.table = list_table(self.model, movable=True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.columns = ColumnChooser(self.table, INVITEE_COLUMNS, owner.context.settings, STATE_KEY, fixed={"name"})
        buttons.addWidget(self.columns.button())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.legend = ColourLegend(status_colours.INVITEE_LEGEND)
        layout.addWidget(self.legend)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.role_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())

    def _menu_button(self, text: str, items) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in items:
            menu.addAction(label, slot)
        button.setMenu(menu)
        return button

    # -- showing ------------------------------------------------------------------------------------------
    def shown_rows(self) -> list[InviteeRow]:
        text = self.search.text().strip().lower()
        role, status = self.role_filter.value(), self.status_filter.value()
        rows = []
        for r in self.owner.invitees:
            if role and r.role != role:
                continue
            if status and not (awaits_reply(r) if status == AWAITING else r.invite_status == status):
                continue
            if text and text not in f"{r.name} {r.employer_title}".lower() and not any(
                    text in v for v in r.initials):
                continue
            rows.append(r)
        return rows

    def refresh(self) -> None:
        with kept_view(self.table):
            self.model.set_rows(self.shown_rows())
        c = self.owner.counts()
        roles = " · ".join(f"{role} {n}" for role, n in c.by_role.items())
        statuses = " · ".join(f"{s} {c.by_status.get(s, 0)}" for s in InviteStatus if c.by_status.get(s))
        total = f"共 {len(self.owner.invitees)} 人（应到 {c.expected}，工作人员不计）"
        waiting = len(awaiting_reply(self.owner.invitees))
        self.counts.setText(f"{total}｜ {roles} ｜ {statuses}" + (f"｜ 未回执 {waiting}" if waiting else "")
                            + (f"｜ 实到 {c.present}" if c.present else ""))

    def selected(self) -> list[InviteeRow]:
        return selected_rows(self.table)

    def shown_column_keys(self) -> list[str]:
        return self.columns.shown_keys()

    # -- actions --------------------------------------------------------------------------------------------
    def _call(self, work, on_done=None) -> None:
        run_command(self.owner.context, self, work, on_done=on_done)

    def _invite(self, person_ids: list[int], role: str) -> None:
        meeting_id = self.owner.meeting_id
        self._call(lambda s: invite_people(s, meeting_id, person_ids, role),
                   on_done=lambda result: messages.inform(self, result.message()))

    def add_people(self) -> None:
        dialog = PersonPickerDialog(self.owner.context, {r.person_id for r in self.owner.invitees}, self)
        if exec_dialog(dialog) and dialog.chosen_ids():
            self._invite(dialog.chosen_ids(), dialog.role.value())

    def add_by_rule(self) -> None:
        def opened(loaded) -> None:
            values, groups = loaded
            dialog = InviteRuleDialog(self.owner.context, values, groups, self)
            if exec_dialog(dialog):
                self._invite(dialog.ids, dialog.role.value())

        def load(session):
            values = lookups.values_of(session)
            return values, list_groups(session)

        run_query(self.owner.context, self, load, on_done=opened)

    def edit(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            exec_dialog(InviteeDialog(self.owner.context, rows[0], self))

    def bulk_status(self, status: str) -> None:
        rows = self.selected()
        if not rows:
            messages.inform(self, "请先在名单中选中人员（可按住 Ctrl 或 Shift 多选，Ctrl+A 全选）。")
            return
        reason = approved = None
        if status == InviteStatus.LEAVE:
            dialog = LeaveDialog("、".join(r.name for r in rows[:6]) + (f" 等 {len(rows)} 人" if len(rows) > 6 else ""),
                                 self)
            if not exec_dialog(dialog):
                return
            reason, approved = dialog.reason.text(), dialog.approved_by.text()
        ids = [r.attendance_id for r in rows]
        self._call(lambda s: set_status_bulk(s, ids, status, leave_reason=reason, leave_approved_by=approved))

    def bulk_role(self, role: str) -> None:
        ids = [r.attendance_id for r in self.selected()]
        if ids:
            self._call(lambda s: set_role_bulk(s, ids, role))

    def remove(self) -> None:
        rows = self.selected()
        if not rows:
            return
        names = "、".join(r.name for r in rows[:6]) + (f" 等 {len(rows)} 人" if len(rows) > 6 else "")
        ids = [r.attendance_id for r in rows]
        delete_after_check(self.owner.context, self, refusal=lambda s: invitees_remove_refusal(s, ids),
                           question=f"将 {names} 移出参会名单吗？", informative="他们的回执和座位等信息会一并删除。",
                           yes="移出", delete=lambda s: remove_invitees(s, ids), label="正在保存…")

    def save_as_group(self) -> None:
        if not self.owner.invitees:
            return
        name, ok = QInputDialog.getText(self, "存为常用名单", "名单名称（同名名单将被替换）：",
                                        text=self.owner.meeting.title[:40])
        people = [r.person_id for r in self.owner.invitees]
        if ok and name.strip():
            saved = f"已保存常用名单“{name.strip()}”（{len(people)} 人）。"
            self._call(lambda s: save_group(s, name, people), on_done=lambda _id: messages.inform(self, saved))

    # -- 催报名单 -----------------------------------------------------------------------------------------------
    def show_awaiting(self) -> None:
        self.status_filter.set_value(AWAITING)

    def print_chase_list(self) -> None:
        self.owner.print_sheet(SheetKind.CHASE.value)

    def export_chase_list(self) -> None:
        from ui.meeting_excel import export_chase_list

        export_chase_list(self)

    # -- Excel (the window's Excel menu) ------------------------------------------------------------------------
    def export_roster(self) -> None:
        from ui.meeting_excel import export_roster

        export_roster(self)

    def export_reply_sheet(self) -> None:
        from ui.meeting_excel import export_reply_sheet

        export_reply_sheet(self)

    def import_replies(self) -> None:
        from ui.meeting_excel import import_replies

        import_replies(self)
