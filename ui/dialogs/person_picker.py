"""Choosing people from the register by searching it: name, pinyin initials, unit or phone, as you type.

The register is never loaded whole: each search asks the database for at most SEARCH_LIMIT people
(models/services/people_search.py), so the dialog opens at once even with 30,000 people.
"""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.columns import Column
from models.services.people_search import SEARCH_LIMIT, PersonHit, search_people
from models.vocab import AttendanceRole
from ui import status_colours
from ui.operations import run_query
from ui.table_models.row_model import RowTableModel
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.tables import list_table, selected_rows

SEARCH_DELAY_MS = 150
ALREADY_COLOUR = status_colours.MUTED
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
        self.model = RowTableModel(COLUMNS, self)
        self.model.colour = lambda hit: ALREADY_COLOUR if hit.id in self.invited_ids else None
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名、拼音首字母、单位或电话")
        self.search.setClearButtonEnabled(True)
        self.table = list_table(self.model, single=single, sortable=False, stretch_last=True)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.role = role_combo()
        self.role.setVisible(with_role)
        role_label = QLabel("参会角色：")
        role_label.setVisible(with_role)
        self.count = QLabel("正在查找…")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        row = QHBoxLayout()
        row.addWidget(role_label)
        row.addWidget(self.role)
        row.addStretch(1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(self, self.accept, ok=ok))
        self.resize(900, 600)
        self.searched = 0  # answers received (tests wait on it)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._timer.stop()
        text, active = self.search.text(), self.active_only
        run_query(self.context, self, lambda s: search_people(s, text, active_only=active), on_done=self._found,
                  key=(id(self), "search"), label="正在查找…")

    def _found(self, result) -> None:
        self.searched += 1
        self.model.set_rows(result.hits)
        if result.complete:
            self.count.setText(f"找到 {result.total} 人")
        else:
            self.count.setText(f"找到 {result.total} 人，显示前 {SEARCH_LIMIT} 人（请输入更多文字缩小范围）")
        if len(result.hits) == 1:
            self.table.selectRow(0)

    def chosen(self) -> list[PersonHit]:
        return selected_rows(self.table)

    def chosen_ids(self) -> list[int]:
        return [hit.id for hit in self.chosen()]


__all__ = ["PersonPickerDialog", "role_combo"]
