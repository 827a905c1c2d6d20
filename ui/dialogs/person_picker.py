"""Choosing people from the register by searching it: name, pinyin initials, unit or phone, as you type,
narrowed to 委员, to guests or to one guest category. People already on the list are shown as "已邀请"
(greyed) and are never chosen again.

The register is never loaded whole: each search asks the database for at most SEARCH_LIMIT people
(models/services/people_search.py), so the dialog opens at once even with 30,000 people.
"""

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.columns import Column
from models.services.lookups import list_values
from models.services.people_search import GUESTS, MEMBERS, SEARCH_LIMIT, PersonHit, search_people
from models.vocab import AttendanceRole
from ui import status_colours
from ui.operations import run_query
from ui.table_models.row_model import RowTableModel
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.tables import list_table, selected_rows

SEARCH_DELAY_MS = 150
ALREADY_COLOUR = status_colours.MUTED
INVITED_MARK = "（已邀请）"
COLUMNS = (
    Column("name", "姓名", text=lambda h: h.name + ("（离任）" if not h.active else ""), chars=7),
    Column("sector", "界别", chars=7),
    Column("levels", "级别", chars=4),
    Column("role", "身份", text=lambda h: h.role or h.guest_category, chars=5),
    Column("employer_title", "单位及职务", chars=22),
    Column("mobile", "手机", chars=9),
)


def role_combo(default: str = AttendanceRole.ATTEND) -> ChoiceCombo:
    combo = ChoiceCombo(empty_label=None)
    combo.set_choices([(role.value, role.value) for role in AttendanceRole])
    combo.set_value(default)
    return combo


class PersonPickerDialog(QDialog):
    """添加人员: search, pick one or many. `invited_ids` are shown greyed (already on the list)."""

    def __init__(self, context, invited_ids: set[int] | None = None, parent: QWidget | None = None, *,
                 title: str = "添加参会人员", with_role: bool = True, single: bool = False,
                 active_only: bool = False, ok: str = "添加选中的人员"):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.invited_ids = set(invited_ids or ())
        self.active_only = active_only
        name = replace(COLUMNS[0], text=lambda h: COLUMNS[0].text(h) + (INVITED_MARK if h.id in self.invited_ids
                                                                         else ""))
        self.model = RowTableModel((name, *COLUMNS[1:]), self)
        self.model.colour = lambda hit: ALREADY_COLOUR if hit.id in self.invited_ids else None
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名、拼音首字母、单位或电话")
        self.search.setClearButtonEnabled(True)
        self.table = list_table(self.model, single=single, sortable=False, stretch_last=True)
        self.table.doubleClicked.connect(lambda _i: self._accept_new())
        self.role = role_combo()
        self.role.setVisible(with_role)
        role_label = QLabel("参会角色：")
        role_label.setVisible(with_role)
        self.count = QLabel("正在查找…")
        self.count.setWordWrap(True)  # "找到…，显示前 200 人…，其中 N 人已邀请…" is longer than the room left
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.kind = ChoiceCombo("全部人员")
        self.kind.set_choices([("仅委员", (MEMBERS, None)), ("仅嘉宾（全部类别）", (GUESTS, None))])
        self.kind.setToolTip("只找委员、只找嘉宾，或某一类嘉宾（嘉宾类别在“参数设置”中维护）")
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("人员类型："))
        top.addWidget(self.kind)
        row = QHBoxLayout()
        row.addWidget(role_label)
        row.addWidget(self.role)
        row.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(self, self._accept_new, ok=ok))
        self.resize(900, 600)
        self.searched = 0  # answers received (tests wait on it)
        run_query(context, self, lambda s: list_values(s, "guest_category", include_retired=False),
                  on_done=self._categories)
        self.apply_filter()

    def _categories(self, values) -> None:
        self.kind.set_choices([("仅委员", (MEMBERS, None)), ("仅嘉宾（全部类别）", (GUESTS, None)),
                               *((f"嘉宾：{v.name}", (GUESTS, v.id)) for v in values)])

    def apply_filter(self) -> None:
        self._timer.stop()
        text, active = self.search.text(), self.active_only
        kind, category = self.kind.value() or (None, None)
        run_query(self.context, self,
                  lambda s: search_people(s, text, active_only=active, kind=kind, guest_category_id=category),
                  on_done=self._found, key=(id(self), "search"), label="正在查找…")

    def _found(self, result) -> None:
        self.searched += 1
        self.model.set_rows(result.hits)
        invited = sum(1 for hit in result.hits if hit.id in self.invited_ids)
        already = f"{invited} 人已邀请（灰色），不会重复添加" if invited else ""
        if result.complete:
            self.count.setText(f"找到 {result.total} 人" + (f"，其中 {already}" if already else ""))
        else:  # the invited among those shown: the others found are not counted
            self.count.setText(f"找到 {result.total} 人，显示前 {SEARCH_LIMIT} 人（请输入更多文字缩小范围）"
                               + (f"，显示的人中 {already}" if already else ""))
        if len(result.hits) == 1:
            self.table.selectRow(0)

    def _accept_new(self) -> None:
        """Only people not yet on the list are taken; choosing only those already there says so instead."""
        if self.chosen() and not self.chosen_ids():
            self.count.setText("所选人员已在名单中（已邀请），无需重复添加；请选择其他人员。")
            return
        self.accept()

    def chosen(self) -> list[PersonHit]:
        return selected_rows(self.table)

    def chosen_ids(self) -> list[int]:
        """The chosen people not already invited."""
        return [hit.id for hit in self.chosen() if hit.id not in self.invited_ids]


__all__ = ["PersonPickerDialog", "role_combo"]
