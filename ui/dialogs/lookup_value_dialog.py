"""Add or rename one value of a lookup table; the error is shown next to the field."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError
from models.services.lookups import NAME_MAX
from ui.dialogs.unsaved import EditDialog
from ui.operations import run_command
from ui.widgets.buttons import ok_cancel

# (session, name, weight) → what was saved; runs as a command when 确定 is pressed.
SaveWork = Callable[[Any, str, float | None], Any]


class LookupValueDialog(EditDialog):
    """On 确定 `save(session, name, weight)` runs as a command; the dialog closes when it succeeded
    (`saved` holds its result) and stays open with the message under the name when it was refused."""

    def __init__(self, context, title: str, save: SaveWork, *, name: str = "", weight: float | None = None,
                 has_weight: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.context, self._save = context, save
        self.saved: Any = None
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(NAME_MAX + 20)  # longer input gets a clear message, not a silent cut
        self.name_edit.setPlaceholderText(f"最多 {NAME_MAX} 个字")
        self.name_error = QLabel()
        self.name_error.setObjectName("fieldError")
        self.name_error.setWordWrap(True)
        self.name_error.setMinimumHeight(self.name_error.fontMetrics().lineSpacing())  # room kept: nothing moves
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
        self.ok_button = next(b for b in buttons.buttons()
                              if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name_edit.textEdited.connect(lambda _text: self.name_error.setText(""))
        self.resize(380, self.sizeHint().height())
        self.track_edits(save=self.try_accept)

    def try_accept(self) -> None:
        if not self.ok_button.isEnabled():
            return  # already saving (Enter pressed twice)
        name = self.name_edit.text()
        weight = self.weight_spin.value() if self.weight_spin is not None else None
        self.ok_button.setEnabled(False)
        run_command(self.context, self, lambda session: self._save(session, name, weight), on_done=self._saved,
                    on_error=self._refused)

    def _saved(self, result) -> None:
        self.saved = result
        self.accept()

    def _refused(self, exc: BaseException) -> bool:
        self.ok_button.setEnabled(True)
        if isinstance(exc, DomainError):  # a duplicate, too long, changed meanwhile …: said under the name
            self.show_error(exc.message)
            return True
        return False  # anything else: the error dialog

    def show_error(self, message: str) -> None:
        self.name_error.setText(message)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
