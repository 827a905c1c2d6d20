"""The button row of a dialog, with Chinese labels, wired the same way everywhere."""

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None], *, ok: str = "确定",
              cancel: str = "取消") -> QDialogButtonBox:
    """OK runs `on_ok` (which decides whether to accept); Cancel and Esc reject."""
    buttons = QDialogButtonBox()
    ok_button = buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    ok_button.setDefault(True)
    buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
