"""What the two dialogs of connecting to the office database (server_dialog.py, password_dialog.py) share: the
连接/取消 buttons and a size that fits their wrapped explanations."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QPushButton


def connect_buttons(dialog: QDialog, on_connect) -> tuple[QDialogButtonBox, QPushButton]:
    """连接 (the default: Enter connects) calling `on_connect`, and 取消; the box and its 连接 button."""
    buttons = QDialogButtonBox()
    connect = buttons.addButton("连接", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    connect.setDefault(True)
    buttons.accepted.connect(on_connect)
    buttons.rejected.connect(dialog.reject)
    return buttons, connect


def fit_wrapped(dialog: QDialog, layout: QLayout, width: int) -> None:
    """At least `width` wide and as tall as its wrapped labels need at that width, so no text is cut (a small
    screen too); opened at that size."""
    dialog.setMinimumSize(width, layout.totalHeightForWidth(width))
    dialog.resize(dialog.minimumSize())
