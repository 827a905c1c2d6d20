"""One 委员身份: level, term, 界别, 身份, 专委会, 联络组, dates, in office or not."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.services.lookups import LookupValue
from models.services.people import MembershipData, clean_membership
from models.vocab import Level, MemberRole
from ui.dialogs.unsaved import EditDialog
from ui.widgets.buttons import ok_cancel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.date_edit import DateEdit
from ui.widgets.form_error import FormError


class MembershipDialog(EditDialog):
    def __init__(self, membership: MembershipData | None, lookups: dict[str, list[LookupValue]],
                 terms: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("委员身份")
        current = membership or MembershipData()
        self.original = current
        self.level = ChoiceCombo(empty_label=None)
        self.level.set_choices([(f"{level.value}政协", level.value) for level in Level])
        self.level.set_value(current.level)
        self.term = QComboBox()
        self.term.setEditable(True)
        self.term.addItems(terms or ["第十六届"])
        self.term.setCurrentText(current.term or "")
        self.sector, self.committee, self.liaison = (ChoiceCombo("（未填）") for _ in range(3))
        self.sector.set_lookup(lookups["sector"], current_id=current.sector_id)
        self.committee.set_lookup(lookups["committee"], current_id=current.committee_id)
        self.liaison.set_lookup(lookups["liaison_group"], current_id=current.liaison_group_id)
        self.role = ChoiceCombo(empty_label=None)
        self.role.set_choices([(role.value, role.value) for role in MemberRole])
        self.role.set_value(current.role)
        self.start, self.end = DateEdit(optional=True), DateEdit(optional=True)
        self.start.set_value(current.start_date)
        self.end.set_value(current.end_date)
        self.active = QCheckBox("在任")
        self.active.setChecked(current.active)
        self.error = FormError()

        form = QFormLayout()
        for label, widget in (("级别：", self.level), ("届次：", self.term), ("界别：", self.sector),
                              ("身份：", self.role), ("专委会：", self.committee), ("街镇联络组：", self.liaison),
                              ("开始日期：", self.start), ("结束日期：", self.end), ("", self.active)):
            form.addRow(label, widget)
        buttons = ok_cancel(self, self.try_accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_data: MembershipData | None = None
        self.offer_history("membership", self.original.id)
        self.track_edits(save=self.try_accept)

    def membership(self) -> MembershipData:
        return MembershipData(
            id=self.original.id, level=self.level.value(), term=self.term.currentText().strip() or None,
            sector_id=self.sector.value(), role=self.role.value(), committee_id=self.committee.value(),
            liaison_group_id=self.liaison.value(), start_date=self.start.value(), end_date=self.end.value(),
            active=self.active.isChecked())

    def try_accept(self) -> None:
        try:
            self.result_data = clean_membership(self.membership())
        except ValidationError as exc:
            self.error.show_error(exc)
            return
        self.accept()
