"""座次: the meeting's seat plan — the room from the office's templates, automatic seating by protocol, drag to
swap, locks, undo/redo, and 保存座次 (which stores each invitee's seat number: sign-in by seat, 桌签 and 座次表
read it).

The tab edits a SeatState in memory; every action is one undo step (ui/views/seat_plan_edits.py). A reload
after someone else's change (a reply turning to 请假, an invitee removed) keeps an unsaved edit and shows
which seats it affects; saving with a stale plan is refused as a conflict by the service.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import ConflictError
from models.seat_layouts import RoomLayout, build_layout, describe
from models.seat_order import auto_seat, protocol_order, takes_a_seat
from models.services.seat_plans import (
    CLOSED,
    NOT_SEATED,
    get_seat_plan,
    list_layout_templates,
    plan_issues,
    save_seat_plan,
    seating_preferences,
)
from models.vocab import MeetingStatus
from ui import messages
from ui.operations import run_command, run_query
from ui.read_only import edits
from ui.views.seat_plan_edits import Change, SeatEdit, SeatState, change_seats, change_to
from ui.widgets.combos import TitleCombo
from ui.widgets.seat_map import SeatCell, SeatMap, parse_payload
from ui.widgets.unseated_list import UnseatedList

ROLE_NOTE = "排序：{}"
STATUS_SECONDS = 6
TEMPLATE_CHARS = 14  # the template combo's width in Chinese characters: "区政协机关三楼回字形（本次会议）" nearly whole


class SeatPlanTab(QWidget):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.state = SeatState()
        self.version: int | None = None
        self.plan = None  # the SeatPlanView last read
        self.templates: list = []
        self.preferences = None
        self.issues: tuple = ()
        self._clean_key = None  # the state as read or saved: a reload that brings it back is our own save
        self._seated: frozenset[int] = frozenset()
        self._rows: dict = {}  # attendance id → InviteeRow, as last read
        self._take_version = False
        self._stale = True  # not read yet: read when first shown
        self.closed: str | None = None  # the meeting's status when it is cancelled or archived: the plan is only read
        self.undo_stack = QUndoStack(self)

        # A template name may be 50 characters: cut in the box (whole in the tooltip and the popup), so the
        # buttons beside it keep their room on a 1366 px screen.
        self.template_combo = TitleCombo(None, chars=TEMPLATE_CHARS,
                                         tip="会场布置：本单位的座次模板（在“调整…”中修改或另存）")
        self.template_combo.activated.connect(self._template_chosen)
        self.adjust_button = QPushButton("调整…")
        self.adjust_button.setToolTip("选择布置形式和各处座位数，另存为模板或删除模板")
        self.adjust_button.clicked.connect(self.adjust_layout)
        self.auto_button = QPushButton("自动排座")
        self.auto_button.setToolTip("按礼宾顺序（主持、领导/特邀按排序、发言、出席、列席，再按身份和笔画）"
                                    "从 1 号座起安排；"
                                    "锁定的座位不动；请假和工作人员不排座")
        self.auto_button.clicked.connect(self.auto_seat)
        self.lock_button = QPushButton("锁定/解锁")
        self.lock_button.setToolTip("锁定所选座位（空格键）：重新自动排座时保持不动，也不能拖入")
        self.lock_button.clicked.connect(self.toggle_lock)
        self.clear_button = QPushButton("清空座位")
        self.clear_button.setToolTip("把未锁定座位上的人全部移到“未安排座位”（可撤销）")
        self.clear_button.clicked.connect(self.clear_seats)
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("撤销上一步（Ctrl+Z）")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton("重做")
        self.redo_button.setToolTip("重做（Ctrl+Y 或 Ctrl+Shift+Z）")
        self.redo_button.clicked.connect(self.redo)
        self.save_button = QPushButton("保存座次")
        self.save_button.setToolTip("保存座次图，并把座位号存到每位参会人员（Ctrl+S）")
        self.save_button.clicked.connect(self.save)
        # a view-only account (ui/read_only.py) sees the plan, cannot change it
        edits(owner.context, self.adjust_button, self.auto_button, self.lock_button, self.clear_button,
              self.save_button)
        # while the meeting is closed every edit is refused, so the stack can only turn these off
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.cleanChanged.connect(self._show_dirty)

        self.closed_notice = QLabel()  # why nothing here can be changed (a cancelled or archived meeting)
        self.closed_notice.setObjectName("closedNotice")
        self.closed_notice.setWordWrap(True)
        self.closed_notice.hide()
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.map = SeatMap()
        self.map.dropped.connect(self.drop)
        self.map.lock_pressed.connect(self.toggle_lock)
        self.map.delete_pressed.connect(self.unseat_selected)
        self.map.setToolTip("拖动姓名到另一座位即对调（拖到空座即移动）；方向键选座，空格锁定/解锁，Delete 移出；"
                            "Ctrl+滚轮缩放，Ctrl+0 适应窗口")
        self.unseated = UnseatedList()
        self.unseated.setToolTip("拖到座位上安排座位；把座位拖到这里即移出座位")
        self.unseated.seat_dropped.connect(self.unseat)
        self.issue_list = QListWidget()
        self.issue_list.setToolTip("排座后名单或回执有变化的座位；点击选中该座位，按 Delete 移出座位或拖到别处")
        self.issue_list.itemClicked.connect(self._issue_clicked)
        self.unseated_label, self.issue_label = QLabel("未安排座位"), QLabel("需要处理")

        bar = QHBoxLayout()
        bar.addWidget(QLabel("会场布置："))
        bar.addWidget(self.template_combo)
        bar.addWidget(self.adjust_button)
        bar.addSpacing(12)
        for button in (self.auto_button, self.lock_button, self.clear_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.redo_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        side = QVBoxLayout()
        for widget, stretch in ((self.unseated_label, 0), (self.unseated, 3), (self.issue_label, 0),
                                (self.issue_list, 2)):
            side.addWidget(widget, stretch)
        side_box = QWidget()
        side_box.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        side_box.setFixedWidth(230)
        body = QHBoxLayout()
        body.addWidget(self.map, 1)
        body.addWidget(side_box)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.closed_notice)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)

        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), (QKeySequence.StandardKey.Undo, self.undo),
                           ("Ctrl+Y", self.redo), ("Ctrl+Shift+Z", self.redo)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_editing()

    # -- reading -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The meeting window read the meeting again (its invitees with it): read the plan and templates —
        now if the tab is shown, else when it is (a check-in at the door costs the hidden tab nothing)."""
        status = self.owner.meeting.status if self.owner.meeting is not None else None
        self._set_closed(status if status in CLOSED else None)
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        meeting_id = self.owner.meeting_id

        def load(session):
            return get_seat_plan(session, meeting_id), list_layout_templates(session), seating_preferences(session)

        run_query(self.owner.context, self, load, on_done=self._loaded, key=(id(self), "plan"), label="正在读取座次…")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale and self.owner.meeting is not None:
            self.refresh()

    def _loaded(self, result) -> None:
        plan, templates, preferences = result
        self.plan, self.templates, self.preferences = plan, templates, preferences
        read = SeatState(plan.layout, plan.template_name, dict(plan.occupant), set(plan.locked))
        if read.layout is None:  # no plan saved yet: the office's first template, nothing to save until edited
            name, spec = templates[0]
            read.layout, read.template_name = build_layout(spec), name
        if read.key() == self._clean_key or not self.dirty() or self._take_version:
            self.version = plan.version  # our own save coming back, nothing of ours to keep, or ours wins
            self._take_version = False
        if not self.dirty():
            self.state.layout, self.state.template_name = read.layout, read.template_name
            self.state.occupant, self.state.locked = read.occupant, read.locked
            self._clean_key = self.state.key()
            self.undo_stack.clear()
            if self.map.layout is None or self.map.layout.spec != self.state.layout.spec:
                self.map.set_layout(self.state.layout)  # the same room: cells change, selection and zoom stay
        self._fill_templates()
        self._redraw_all()

    def _fill_templates(self) -> None:
        combo, current = self.template_combo, self.state.template_name
        combo.blockSignals(True)
        names = [name for name, _spec in self.templates]
        choices = list(self.templates)
        if current not in names and self.state.layout is not None:  # this meeting's own (or since deleted) layout
            choices.append((f"{current or '本次会议'}（本次会议）", self.state.layout.spec))
            index = len(choices) - 1
        else:
            index = names.index(current) if current in names else 0
        combo.set_choices(choices, keep=False)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        combo.show_title()

    # -- what is shown -------------------------------------------------------------------------------------
    def rows(self) -> dict:
        return {row.attendance_id: row for row in self.owner.invitees}

    def cell(self, number: int, rows: dict, issues: dict[int, str]) -> SeatCell:
        who = self.state.occupant.get(number)
        locked = number in self.state.locked
        issue = issues.get(number, "")
        if who is None:
            return SeatCell("", f"{number} 号座位（空）" + ("，已锁定" if locked else ""), locked, issue)
        row = rows.get(who)
        seat = self.state.layout.seat(number)
        if row is None:
            return SeatCell("（已移出）", f"{number} 号 {seat.zone}\n此人已移出参会名单", locked, issue or "已移出名单")
        rank = row.protocol_rank
        lines = [f"{number} 号 {seat.zone}" + ("（已锁定）" if locked else ""), row.name,
                 f"单位及职务：{row.employer_title or '—'}", f"参会角色：{row.role}",
                 ROLE_NOTE.format(rank if rank is not None else "—（按身份和笔画）")]
        if issue:
            lines.append(f"需要处理：{issue}")
        return SeatCell(row.name, "\n".join(lines), locked, issue)

    def _issue_by_seat(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for issue in self.issues:
            if issue.seat is not None:
                found[issue.seat] = "、".join(filter(None, (found.get(issue.seat), issue.reason)))
        return found

    def _redraw_all(self) -> None:
        self._rows = rows = self.rows()
        self._recompute_issues()
        issues = self._issue_by_seat()
        self.map.set_cells({seat.number: self.cell(seat.number, rows, issues) for seat in self.state.layout.seats})
        self._fill_side()

    def _shown(self, change: Change) -> None:
        """Redraw what one undo step changed: its seats only, unless the room changed."""
        if change.room is not None:
            self.map.set_layout(self.state.layout)
            self._fill_templates()
            self._redraw_all()
            return
        before, seated_before = self.issues, self._seated
        if before or not self._same_people(change):  # a swap without issues cannot make one: skip the O(n)
            self._recompute_issues()
        rows, issues = self._rows, self._issue_by_seat()
        touched = set(change.occupant) | set(change.locked)
        if self.issues != before:
            touched |= {i.seat for i in before if i.seat is not None} | set(issues)
        for number in touched:
            self.map.set_cell(number, self.cell(number, rows, issues))
        self._seated = frozenset(self.state.occupant.values())
        if self._seated != seated_before or self.issues != before:
            self._fill_side()  # someone left or joined the seats: the side lists change
        else:
            self._show_summary(self.unseated.count())

    def _same_people(self, change: Change) -> bool:
        """The same people on the same seats, only in another order (a swap), or only locks changed."""
        return None not in change.occupant.values() and set(change.occupant.values()) <= self._seated

    def _recompute_issues(self) -> None:
        if self.plan is None or self.state.layout is None:
            self.issues = ()
            return
        issues = plan_issues(self.state.layout, self.state.occupant, self.owner.invitees, self.plan.saved)
        if self.plan.version is None:  # nothing saved yet: nobody is "new"; the list shows who has no seat
            issues = tuple(i for i in issues if i.reason != NOT_SEATED)
        self.issues = issues

    def unseated_rows(self) -> list:
        seated = set(self.state.occupant.values())
        prefs = self.preferences
        rows = [r for r in self.owner.invitees if takes_a_seat(r) and r.attendance_id not in seated]
        return protocol_order(rows, by_sector=bool(prefs and prefs.by_sector),
                              sector_order=prefs.sector_order if prefs else None)

    def _fill_side(self) -> None:
        rows = self.unseated_rows()
        self._seated = frozenset(self.state.occupant.values())
        self.unseated.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name}　{row.role}")
            item.setData(Qt.ItemDataRole.UserRole, row.attendance_id)
            item.setToolTip(f"{row.name}\n单位及职务：{row.employer_title or '—'}\n参会角色：{row.role}")
            self.unseated.addItem(item)
        self.unseated_label.setText(f"未安排座位（{len(rows)} 人）")
        self.issue_list.clear()
        for issue in self.issues:
            item = QListWidgetItem(issue.text())
            item.setToolTip(issue.text())
            item.setData(Qt.ItemDataRole.UserRole + 1, issue.attendance_id)
            item.setData(Qt.ItemDataRole.UserRole, issue.seat)
            self.issue_list.addItem(item)
        self.issue_label.setText(f"需要处理（{len(self.issues)} 项）" if self.issues else "需要处理（无）")
        self._show_summary(len(rows))

    def _show_summary(self, unseated: int) -> None:
        self.summary.setText(f"{describe(self.state.layout.spec)}；已安排 {len(self.state.occupant)} 人，"
                             f"未安排 {unseated} 人；锁定 {len(self.state.locked)} 座。"
                             "图中是从观众席（下首）看的样子，上方为主席台/主位。")

    def _issue_clicked(self, item: QListWidgetItem) -> None:
        seat, who = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        if seat is not None:
            self.map.select_seat(seat)
            return
        for index in range(self.unseated.count()):  # a person without a seat: shown in 未安排座位
            if self.unseated.item(index).data(Qt.ItemDataRole.UserRole) == who:
                self.unseated.setCurrentRow(index)
                self.unseated.scrollToItem(self.unseated.item(index))

    # -- editing -------------------------------------------------------------------------------------------
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def _set_closed(self, status: str | None) -> None:
        """A cancelled or archived meeting's plan is shown as it is (saving it is refused by the service too):
        every editing control off, no dragging, and the reason above the map."""
        if status == self.closed:
            return
        self.closed = status
        reason = f"会议状态为“{status}”，座次只能查看，不能修改（自动排座、拖动、锁定、清空和保存都不可用）。"
        if status == MeetingStatus.CANCELLED:
            reason += "如需调整，请先点上方的“恢复为筹备中”。"
        self.closed_notice.setText(reason if status else "")
        self.closed_notice.setVisible(status is not None)
        self.map.set_editable(status is None)
        self.unseated.set_editable(status is None)
        self._show_editing()

    def _show_editing(self) -> None:
        """What can be used now: nothing that edits on a closed meeting, undo/redo/save as the stack allows."""
        open_ = self.closed is None
        for widget in (self.template_combo, self.adjust_button, self.auto_button, self.lock_button,
                       self.clear_button):
            widget.setEnabled(open_)
        self.undo_button.setEnabled(open_ and self.undo_stack.canUndo())
        self.redo_button.setEnabled(open_ and self.undo_stack.canRedo())
        self.save_button.setEnabled(open_ and self.dirty())

    def _show_dirty(self, clean: bool) -> None:
        self.save_button.setEnabled(not clean and self.closed is None)

    def _refused(self) -> bool:
        """On a closed meeting an edit (a key, a drop that slipped through) is refused with the reason."""
        if self.closed is not None:
            self.say(f"会议状态为“{self.closed}”，不能修改座次。")
        return self.closed is not None

    def undo(self) -> None:
        if not self._refused():
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self._refused():
            self.undo_stack.redo()

    def say(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, STATUS_SECONDS * 1000)

    def _push(self, text: str, occupant: dict[int, int], locked: set[int],
              room: tuple[str, RoomLayout | None] | None = None) -> bool:
        if self._refused():
            return False
        forward, back = change_to(self.state, occupant, locked, room)
        if not forward.occupant and not forward.locked and room is None:
            return False
        self.undo_stack.push(SeatEdit(text, self.state, forward, back, self._shown))
        return True

    def drop(self, payload: str, target: int) -> bool:
        """A seat or a person let go over `target` (what SeatMap.dropEvent and the list's drag end in):
        onto a taken seat the two change places, onto an empty one it moves. Locked seats refuse."""
        parsed = parse_payload(payload)
        if parsed is None or self.state.layout is None or self._refused():
            return False
        kind, value = parsed
        if target in self.state.locked:
            self.say(f"{target} 号座位已锁定，不能调换。请先解锁（选中后按空格或点“锁定/解锁”）。")
            return False
        occupant = self.state.occupant
        if kind == "seat":
            if value == target:
                return False
            if value in self.state.locked:
                self.say(f"{value} 号座位已锁定，不能调换。请先解锁。")
                return False
            mover, other = occupant.get(value), occupant.get(target)
            if mover is None:
                return False
            seats, text = {target: mover, value: other}, "对调座位" if other is not None else "移动座位"
        else:
            if value in self._seated:
                return False
            seats, text = {target: value}, "安排座位"
        forward, back = change_seats(self.state, seats)
        self.undo_stack.push(SeatEdit(text, self.state, forward, back, self._shown))
        self.map.select_seat(target)
        return True

    def toggle_lock(self) -> None:
        if self._refused():
            return
        seats = self.map.selected_seats()
        if not seats:
            self.say("请先在座次图中选中座位。")
            return
        locked = set(self.state.locked)
        if all(s in locked for s in seats):
            locked -= set(seats)
            text = "解锁座位"
        else:
            locked |= set(seats)
            text = "锁定座位"
        self._push(text, dict(self.state.occupant), locked)

    def unseat(self, seat: int) -> bool:
        """A seat dragged onto 未安排座位: its person has no seat now (a locked seat refuses)."""
        if seat in self.state.locked:
            self.say(f"{seat} 号座位已锁定，不能移出。请先解锁。")
            return False
        occupant = {s: a for s, a in self.state.occupant.items() if s != seat}
        return self._push("移出座位", occupant, set(self.state.locked))

    def unseat_selected(self) -> None:
        seats = [s for s in self.map.selected_seats() if s in self.state.occupant]
        kept = [s for s in seats if s in self.state.locked]
        occupant = {s: a for s, a in self.state.occupant.items() if s not in seats or s in self.state.locked}
        if kept:
            self.say(f"{'、'.join(map(str, kept))} 号座位已锁定，未移出。")
        self._push("移出座位", occupant, set(self.state.locked))

    def clear_seats(self) -> None:
        if self._refused():
            return
        occupant = {s: a for s, a in self.state.occupant.items() if s in self.state.locked}
        if len(occupant) == len(self.state.occupant):
            self.say("没有可清空的座位（锁定的座位保持不动）。")
            return
        if messages.confirm(self, "清空全部未锁定的座位吗？", yes="清空", informative="可以用“撤销”恢复。"):
            self._push("清空座位", occupant, set(self.state.locked))

    def auto_seat(self) -> None:
        state, prefs = self.state, self.preferences
        if state.layout is None or prefs is None or self._refused():
            return
        if any(s not in state.locked for s in state.occupant) and not messages.confirm(
                self, "重新自动排座吗？", yes="自动排座",
                informative="未锁定的座位将按礼宾顺序重新安排，锁定的座位不动。可以用“撤销”恢复。"):
            return
        locked = {s: a for s, a in state.occupant.items() if s in state.locked}
        free = [seat.number for seat in state.layout.seats if seat.number in locked or seat.number not in state.locked]
        result = auto_seat(free, self.owner.invitees, locked=locked, by_sector=prefs.by_sector,
                           sector_order=prefs.sector_order)
        self._push("自动排座", dict(result.occupant), set(state.locked))
        text = f"已自动排座：{len(result.occupant)} 人。"
        if result.unseated:
            text += f"座位不够，{len(result.unseated)} 人未安排座位，请调整会场布置。"
        self.say(text + "核对后请点“保存座次”。")

    def _template_chosen(self, index: int) -> None:
        spec = self.template_combo.itemData(index)
        name = self.template_combo.itemText(index)
        if spec is None or (self.state.layout is not None and spec == self.state.layout.spec):
            return
        self.set_room(name.removesuffix("（本次会议）"), spec)

    def set_room(self, name: str, spec) -> None:
        """Another room: who sits on a seat number the new room has keeps it (1 is 1 in every layout)."""
        layout = build_layout(spec)
        numbers = {seat.number for seat in layout.seats}
        occupant = {s: a for s, a in self.state.occupant.items() if s in numbers}
        lost = len(self.state.occupant) - len(occupant)
        self._push("更换会场布置", occupant, {s for s in self.state.locked if s in numbers}, (name, layout))
        if lost:
            self.say(f"新的布置座位较少：{lost} 人移到“未安排座位”。")

    def adjust_layout(self) -> None:
        from ui.dialogs import exec_dialog
        from ui.dialogs.seat_layout_dialog import SeatLayoutDialog

        if self.state.layout is None or self._refused():  # or clicked before the plan was read
            return
        dialog = SeatLayoutDialog(self.owner.context, self.state.template_name, self.state.layout.spec, self)
        accepted = exec_dialog(dialog)
        self.refresh()  # templates may have been saved or deleted
        if accepted:
            self.set_room(dialog.chosen_name(), dialog.spec())

    # -- saving --------------------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.dirty() or not self.save_button.isEnabled() or self._refused():
            return
        state = self.state
        meeting_id, spec, name = self.owner.meeting_id, state.layout.spec, state.template_name
        occupant, locked, version = dict(state.occupant), sorted(state.locked), self.version
        key = state.key()
        self.save_button.setEnabled(False)

        def saved(_result) -> None:
            self._clean_key = key
            self.undo_stack.setClean()
            messages.saved(self, f"已保存座次：{len(occupant)} 人已安排座位。")

        run_command(self.owner.context, self, lambda s: save_seat_plan(
            s, meeting_id, spec=spec, template_name=name, occupant=occupant, locked=locked, expected_version=version),
            on_done=saved, on_error=self._not_saved, title="无法保存座次")

    def _not_saved(self, exc: BaseException) -> bool:
        """A colleague (or another window) saved this meeting's plan meanwhile: offer theirs instead of ours;
        keeping ours leaves it unsaved (saving it would overwrite theirs unseen)."""
        self._show_editing()
        if not isinstance(exc, ConflictError):
            return False
        if messages.confirm(self, "座次已在另一窗口或由另一位同事修改并保存。", title="保存冲突",
                            yes="读取最新座次", no="保留我的调整", informative="“读取最新座次”放弃这里尚未保存的调整；"
                            "“保留我的调整”之后再点“保存座次”，将以这里的座次为准。"):
            self.undo_stack.clear()
        else:
            self._take_version = True  # the next read brings the latest version; our edit stays on top of it
        self.refresh()
        return True


__all__ = ["SeatPlanTab"]
