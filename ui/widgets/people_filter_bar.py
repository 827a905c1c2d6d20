"""The 委员 screen's filters: level, 界别, 党派, 身份, 专委会, 联络组, 届次, status, members/guests."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from models.services.lookups import PERSON_LOOKUPS, LookupValue
from models.services.people_list import PeopleFilter
from models.vocab import Level, MemberRole
from ui.widgets.combos import ChoiceCombo


class PeopleFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.level = ChoiceCombo()
        self.level.set_choices([(level.value, level.value) for level in (Level.NATIONAL, Level.MUNICIPAL,
                                                                          Level.DISTRICT)])
        self.sector, self.party, self.committee = ChoiceCombo(), ChoiceCombo(), ChoiceCombo()
        self.liaison_group, self.term, self.guest_category = ChoiceCombo(), ChoiceCombo(), ChoiceCombo()
        self.role = ChoiceCombo()
        self.role.set_choices([(role.value, role.value) for role in MemberRole])
        self.status = ChoiceCombo("全部")
        self.status.set_choices([("在任", "在任"), ("离任", "离任")])
        self.status.set_value("在任")
        self.kind = ChoiceCombo()
        self.kind.set_choices([("委员", "委员"), ("嘉宾", "嘉宾")])
        self.clear_button = QPushButton("清除筛选")
        self.clear_button.setToolTip("恢复为显示全部在任人员")
        self.clear_button.clicked.connect(self.reset)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        cells = [("级别", self.level), ("界别", self.sector), ("党派", self.party), ("身份", self.role),
                 ("专委会", self.committee), ("联络组", self.liaison_group), ("届次", self.term),
                 ("状态", self.status), ("类型", self.kind), ("嘉宾类别", self.guest_category)]
        for index, (label, combo) in enumerate(cells):
            row, column = divmod(index, 5)
            layout.addWidget(QLabel(label), row, column * 2)
            layout.addWidget(combo, row, column * 2 + 1)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.clear_button, 1, 10)
        layout.setColumnStretch(11, 1)

    def set_lookups(self, lookups: dict[str, list[LookupValue]], terms: list[str]) -> None:
        """Every value, retired ones too: old records still carry them."""
        combos = (self.sector, self.party, self.committee, self.liaison_group, self.guest_category)
        for key, combo in zip(PERSON_LOOKUPS, combos, strict=True):
            combo.set_choices([(v.name if v.active else f"{v.name}（已停用）", v.id) for v in lookups.get(key, [])])
        self.term.set_choices([(term, term) for term in terms])

    def current(self, text: str = "") -> PeopleFilter:
        return PeopleFilter(text=text, level=self.level.value(), sector_id=self.sector.value(),
                            party_id=self.party.value(), role=self.role.value(), committee_id=self.committee.value(),
                            liaison_group_id=self.liaison_group.value(), term=self.term.value(),
                            status=self.status.value(), kind=self.kind.value(),
                            guest_category_id=self.guest_category.value())

    def describe(self) -> str:
        """The active filters in words, for export subtitles: "界别：经济；状态：在任"."""
        parts = []
        for label, combo in (("级别", self.level), ("界别", self.sector), ("党派", self.party), ("身份", self.role),
                             ("专委会", self.committee), ("联络组", self.liaison_group), ("届次", self.term),
                             ("状态", self.status), ("类型", self.kind), ("嘉宾类别", self.guest_category)):
            if combo.value() is not None:
                parts.append(f"{label}：{combo.currentText()}")
        return "；".join(parts)

    def reset(self) -> None:
        combos = (self.level, self.sector, self.party, self.role, self.committee, self.liaison_group, self.term,
                  self.kind, self.guest_category)
        for combo in combos:
            combo.blockSignals(True)
            combo.set_value(None)
            combo.blockSignals(False)
        self.status.blockSignals(True)
        self.status.set_value("在任")
        self.status.blockSignals(False)
        self.changed.emit()
