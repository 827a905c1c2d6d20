"""参会人员: the invitee list with counts per role and reply, adding by search or rule, bulk changes."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services.invitees import (
    invite_people,
    remove_invitees,
    save_group,
    set_role_bulk,
    set_status_bulk,
)
from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole, InviteStatus
from ui import messages
from ui.dialogs.invite_dialogs import InviteRuleDialog, LeaveDialog, PersonPickerDialog
from ui.dialogs.invitee_dialog import InviteeDialog
from ui.table_models.row_model import RowColumn, RowTableModel
from ui.widgets.combos import ChoiceCombo

COLUMNS = [
    RowColumn("姓名", lambda r: r.name, lambda r: r.sort_stroke, coloured=False),
    RowColumn("单位及职务", lambda r: r.employer_title, coloured=False),
    RowColumn("界别", lambda r: r.sector, coloured=False),
    RowColumn("身份", lambda r: r.member_role or r.guest_category, coloured=False),
    RowColumn("参会角色", lambda r: r.role, coloured=False),
    RowColumn("回复状态", lambda r: r.invite_status),
    RowColumn("请假事由", lambda r: r.leave_reason, coloured=False),
    RowColumn("座位号", lambda r: r.seat_no, lambda r: (not r.seat_no.isdigit(), r.seat_no.zfill(6)), coloured=False),
    RowColumn("发言顺序", lambda r: str(r.speech_order or ""), lambda r: r.speech_order or 999, coloured=False),
    RowColumn("签到", lambda r: f"{r.checked_in_at:%H:%M}" if r.checked_in_at else "", coloured=False),
    RowColumn("出勤", lambda r: r.result),
    RowColumn("手机", lambda r: r.mobile, coloured=False),
    RowColumn("备注", lambda r: r.notes, coloured=False),
]
STATUS_COLOURS = {InviteStatus.CONFIRMED: "#1B6E20", InviteStatus.LEAVE: "#B3261E", InviteStatus.NO_REPLY: "#8A5A00"}


class InviteesTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda r: STATUS_COLOURS.get(r.invite_status)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")
        self.counts.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("在名单中查找：姓名、拼音首字母、单位")
        self.search.setClearButtonEnabled(True)
        self.role_filter = ChoiceCombo("全部角色")
        self.role_filter.set_choices([(r.value, r.value) for r in AttendanceRole])
        self.status_filter = ChoiceCombo("全部回复")
        self.status_filter.set_choices([(s.value, s.value) for s in InviteStatus])
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
        self.group_button = QPushButton("存为常用名单…")
        self.add_button.setToolTip("从人员库中搜索添加（可多选）")
        self.rule_button.setToolTip("如全体常委、某界别、某专委会、某联络组，或常用名单")
        self.status_button.setToolTip("对选中的人员（可多选）一次设置回复状态，如 40 人同时标记“已通知”")
        self.group_button.setToolTip("把当前名单保存为常用名单，下次按规则批量添加时可直接选用")
        for button, slot in ((self.add_button, self.add_people), (self.rule_button, self.add_by_rule),
                             (self.edit_button, self.edit), (self.remove_button, self.remove),
                             (self.group_button, self.save_as_group)):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.rule_button, self.edit_button, self.status_button, self.role_button,
                       self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.group_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((80, 240, 90, 70, 70, 70, 120, 60, 60, 50, 50, 110, 120)):
            self.table.setColumnWidth(column, width)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Return"), self.table, self.edit, context=Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
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
            if (role and r.role != role) or (status and r.invite_status != status):
                continue
            if text and text not in f"{r.name} {r.employer_title}".lower() and not any(
                    text in v for v in r.initials):
                continue
            rows.append(r)
        return rows

    def refresh(self) -> None:
        selected = {r.attendance_id for r in self.selected()}
        self.model.set_rows(self.shown_rows())
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        for row, item in enumerate(self.model.rows):
            if item.attendance_id in selected:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows)
        c = self.owner.counts()
        roles = " · ".join(f"{role} {n}" for role, n in c.by_role.items())
        statuses = " · ".join(f"{s} {c.by_status.get(s, 0)}" for s in InviteStatus if c.by_status.get(s))
        total = f"共 {len(self.owner.invitees)} 人（应到 {c.expected}，工作人员不计）"
        self.counts.setText(f"{total}｜ {roles} ｜ {statuses}" + (f"｜ 实到 {c.present}" if c.present else ""))

    def selected(self) -> list[InviteeRow]:
        selection = self.table.selectionModel()
        if selection is None:
            return []
        return [self.model.row_at(i.row()) for i in sorted(selection.selectedRows(), key=lambda i: i.row())]

    # -- actions --------------------------------------------------------------------------------------------
    def _call(self, service, *args, **kwargs) -> bool:
        try:
            self.owner.context.call(service, *args, **kwargs)
        except DomainError as exc:
            messages.warn(self, exc.message)
            self.owner.reload()
            return False
        self.owner.changed()
        return True

    def _invite(self, person_ids: list[int], role: str) -> None:
        try:
            result = self.owner.context.call(invite_people, self.owner.meeting_id, person_ids, role)
        except DomainError as exc:
            messages.warn(self, exc.message)
            return
        self.owner.changed()
        messages.inform(self, result.message())

    def add_people(self) -> None:
        dialog = PersonPickerDialog(self.owner.context, {r.person_id for r in self.owner.invitees}, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_ids():
            self._invite(dialog.chosen_ids(), dialog.role.value())

    def add_by_rule(self) -> None:
        dialog = InviteRuleDialog(self.owner.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._invite(dialog.ids, dialog.role.value())

    def edit(self) -> None:
        rows = self.selected()
        if len(rows) == 1 and InviteeDialog(self.owner.context, rows[0], self).exec() == QDialog.DialogCode.Accepted:
            self.owner.changed()

    def bulk_status(self, status: str) -> None:
        rows = self.selected()
        if not rows:
            messages.inform(self, "请先在名单中选中人员（可按住 Ctrl 或 Shift 多选，Ctrl+A 全选）。")
            return
        reason = approved = None
        if status == InviteStatus.LEAVE:
            dialog = LeaveDialog("、".join(r.name for r in rows[:6]) + (f" 等 {len(rows)} 人" if len(rows) > 6 else ""),
                                 self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            reason, approved = dialog.reason.text(), dialog.approved_by.text()
        self._call(set_status_bulk, [r.attendance_id for r in rows], status, leave_reason=reason,
                   leave_approved_by=approved)

    def bulk_role(self, role: str) -> None:
        rows = self.selected()
        if rows:
            self._call(set_role_bulk, [r.attendance_id for r in rows], role)

    def remove(self) -> None:
        rows = self.selected()
        if not rows:
            return
        names = "、".join(r.name for r in rows[:6]) + (f" 等 {len(rows)} 人" if len(rows) > 6 else "")
        if messages.confirm(self, f"将 {names} 移出参会名单吗？", informative="他们的回执和座位等信息会一并删除。",
                            yes="移出", danger=True):
            self._call(remove_invitees, [r.attendance_id for r in rows])

    def save_as_group(self) -> None:
        if not self.owner.invitees:
            return
        name, ok = QInputDialog.getText(self, "存为常用名单", "名单名称（同名名单将被替换）：",
                                        text=self.owner.meeting.title[:40])
        if ok and name.strip() and self._call(save_group, name, [r.person_id for r in self.owner.invitees]):
            messages.inform(self, f"已保存常用名单“{name.strip()}”（{len(self.owner.invitees)} 人）。")

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
