"""合并重复人员: the two records side by side; the user picks the one to keep, nothing is lost."""

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.services.people_list import PersonRow
from models.services.people_records import merge_people
from models.text import quoted
from ui import messages
from ui.context import AppContext
from ui.operations import run_command
from ui.widgets.buttons import ok_cancel

FIELDS = (("姓名", "name"), ("性别", "gender"), ("出生年月", "birth"), ("党派", "party"), ("级别", "levels"),
          ("界别", "sector"), ("身份", "role"), ("工作单位及职务", "employer_title"), ("手机", "mobile"),
          ("状态", "status"))


class MergePeopleDialog(QDialog):
    """`used`: for each of the two, what refers to them (models.services.people_records.references)."""

    def __init__(self, context: AppContext, first: PersonRow, second: PersonRow, used: tuple[list, list],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.people = context, (first, second)
        self.kept_id: int | None = None
        self.setWindowTitle("合并重复人员")
        intro = QLabel("把两条记录合并为一条：保留的记录继承另一条的全部参会、调研、意见建议和议题记录，"
                       "并用另一条补齐自己空着的资料（如手机、单位）；另一条记录随后删除。")
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.choice = QButtonGroup(self)
        for column, person in enumerate(self.people, start=1):
            radio = QRadioButton(f"保留这一条（编号 {person.id}）")
            self.choice.addButton(radio, column - 1)
            grid.addWidget(radio, 0, column)
        self.choice.button(0).setChecked(True)
        for row, (label, key) in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(f"{label}："), row, 0)
            for column, person in enumerate(self.people, start=1):
                value = QLabel(str(getattr(person, key)) or "—")
                value.setWordWrap(True)
                grid.addWidget(value, row, column)
        usage_row = len(FIELDS) + 1
        grid.addWidget(QLabel("已有记录："), usage_row, 0)
        for column, refs in enumerate(used, start=1):
            grid.addWidget(QLabel("、".join(f"{n} {label}" for label, n in refs) or "无"), usage_row, column)
        buttons = ok_cancel(self, self.merge, ok="合并")
        self.merge_button = buttons.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def merge(self) -> None:
        keep = self.people[self.choice.checkedId()]
        drop = self.people[1 - self.choice.checkedId()]
        question = f"把{quoted(drop.name)}（编号 {drop.id}）合并到{quoted(keep.name)}（编号 {keep.id}）吗？"
        if not messages.confirm(self, question, informative="合并后无法拆分。", yes="合并", danger=True):
            return
        self.merge_button.setEnabled(False)
        run_command(self.context, self, lambda s: merge_people(s, keep.id, drop.id),
                    on_done=lambda _r: self._merged(keep.id), on_error=lambda _e: self.merge_button.setEnabled(True),
                    label="正在合并…")

    def _merged(self, kept_id: int) -> None:
        self.kept_id = kept_id
        self.accept()
