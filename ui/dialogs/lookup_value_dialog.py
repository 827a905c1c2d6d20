"""Add or rename one value of a lookup table; the error is shown next to the field."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError, ValidationError
from models.services.lookups import NAME_MAX
from ui.widgets.buttons import ok_cancel


class LookupValueDialog(QDialog):
    """`save(name, weight)` is called on 确定; a ValidationError keeps the dialog open with its message."""

    def __init__(self, title: str, save: Callable[[str, float | None], None], *, name: str = "",
                 weight: float | None = None, has_weight: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(NAME_MAX + 20)  # longer input gets a clear message, not a silent cut
        self.name_edit.setPlaceholderText(f"最多 {NAME_MAX} 个字")
        self.name_error = QLabel()
        self.name_error.setObjectName("fieldError")
        self.name_error.setVisible(False)
        self.weight_spin: QDoubleSpinBox | None = None
        form = QFormLayout()
        form.addRow("名称：", self.name_edit)
        form.addRow("", self.name_error)
        if has_weight:
            self.weight_spin = QDoubleSpinBox()
            self.weight_spin.setRange(0, 100)
            self.weight_spin.setDecimals(1)
            self.weight_spin.setSuffix(" %")
            self.weight_spin.setValue(weight or 0)
            form.addRow("权重：", self.weight_spin)
        buttons = ok_cancel(self, self.try_accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name_edit.textEdited.connect(lambda _text: self.name_error.setVisible(False))
        self.resize(380, self.sizeHint().height())

    def try_accept(self) -> None:
        weight = self.weight_spin.value() if self.weight_spin is not None else None
        try:
            self._save(self.name_edit.text(), weight)
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        except DomainError as exc:
            self.show_error(exc.message)
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.name_error.setText(message)
        self.name_error.setVisible(True)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
