"""An account that may only view (a server role with SELECT only, models/server.py): editing is off.

Two layers. Every command is refused by run_command before it reaches the database (ui/operations.py), with
the Chinese reason — whatever button started it. And what a screen declares as editing is shown disabled,
with a tooltip saying why:

    edits(context, self.add_button, self.edit_button, self.delete_button, import_action)

A declared button or action keeps what its screen asks (`setEnabled(has_selection)`) and is enabled only when
that holds and the account may edit; switching to another database re-applies it. A screen's own calls go
through the wrappers set on the instance below (Python looks there first), so a page needs no other change.
"""

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from models.errors import READ_ONLY_MESSAGE

READ_ONLY_TIP = "当前账号只有查看权限，不能修改数据。需要修改时，请向管理员申请编辑账号。"

__all__ = ["READ_ONLY_MESSAGE", "READ_ONLY_TIP", "edits", "is_locked", "lock_saving", "view_only"]


class _Lock(QObject):
    """One declared button or action: the state its screen wants, and the state shown."""

    def __init__(self, context, target: QWidget | QAction):
        super().__init__(target)  # goes with the target, and so does its connection to the context
        self.setObjectName("readOnlyLock")
        self.context, self.target = context, target
        cls = QAction if isinstance(target, QAction) else QWidget
        self._set_enabled, self._set_tip = cls.setEnabled, cls.setToolTip
        self.wanted, self.tip = target.isEnabled(), target.toolTip()
        target.setEnabled = self.set_enabled
        target.setDisabled = lambda off: self.set_enabled(not off)
        target.setToolTip = self.set_tip
        context.database_switched.connect(self.apply)
        self.apply()

    def set_enabled(self, on: bool) -> None:
        self.wanted = bool(on)
        self.apply()

    def set_tip(self, tip: str) -> None:
        self.tip = tip
        self.apply()

    def apply(self) -> None:
        locked = self.context.read_only
        self._set_enabled(self.target, self.wanted and not locked)
        tip = f"{self.tip}\n{READ_ONLY_TIP}" if locked and self.tip else READ_ONLY_TIP if locked else self.tip
        self._set_tip(self.target, tip)


def edits(context, *targets: QWidget | QAction | None) -> None:
    """Declare buttons, menu buttons or actions that change data: off (with the reason) for a view-only
    account. Declaring one twice does nothing more."""
    for target in targets:
        if target is not None and target.findChild(_Lock, "readOnlyLock") is None:
            _Lock(context, target)


def lock_saving(dialog) -> None:
    """An editing dialog opened by a view-only account shows its record; its 保存 (the accepting buttons of
    its button box) is off with the reason."""
    from PySide6.QtWidgets import QDialogButtonBox

    context = getattr(dialog, "context", None)
    if context is None or not getattr(context, "read_only", False):
        return
    saving = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.ApplyRole,
              QDialogButtonBox.ButtonRole.YesRole)
    for box in dialog.findChildren(QDialogButtonBox):
        edits(context, *(button for button in box.buttons() if box.buttonRole(button) in saving))


def view_only(context, root: QWidget, *, keep: tuple[QWidget, ...] = ()) -> None:
    """For a view-only account: every input under `root` (buttons, check boxes, text and number fields, choice
    lists) declared as editing, and its tables and lists not editable in place — for a screen that is nothing
    but the office's settings (参数设置). What does not write to the database (`keep`) stays on; so do a tab
    bar's arrows."""
    if not context.read_only:
        return
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTabBar,
    )

    inputs = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(widget, inputs) and widget not in keep and not _inside(widget, root, (QTabBar, *inputs)):
            edits(context, widget)


def _inside(widget: QWidget, root: QWidget, kinds: tuple) -> bool:
    """Part of another control (a spin box's text field, a tab bar's scroll arrows): that control decides."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def is_locked(target: QWidget | QAction) -> bool:
    """Declared, and off because the account may only view (tests)."""
    lock = target.findChild(_Lock, "readOnlyLock")
    return lock is not None and lock.context.read_only and not target.isEnabled()
