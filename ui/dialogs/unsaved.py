"""Closing a form that has changes asks first: "放弃未保存的修改？" (保存 / 放弃 / 继续编辑).

An editing dialog derives from EditDialog and calls `track_edits(save=self.save)` once its fields are
filled: what the fields hold then is the clean state. 取消, Esc and the window's × all go through
`reject()`, which compares the fields with that state. 保存 in the question runs the dialog's own save
(which closes the dialog when it succeeds, or shows what is wrong); 继续编辑 (the default) leaves it open.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from ui import messages


def _value(widget: QWidget) -> Any:
    """What a user can change in this widget, comparable; None for widgets that hold no input."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractSpinBox):  # spin boxes and date edits, as shown
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QTableWidget):
        return tuple(tuple(widget.item(r, c).text() if widget.item(r, c) else None
                           for c in range(widget.columnCount())) for r in range(widget.rowCount()))
    if isinstance(widget, QListWidget):
        return tuple(widget.item(i).text() for i in range(widget.count()))
    return None


def _left_out(widget: QWidget, root: QWidget) -> bool:
    """Marked `notEdited` (itself or a parent): input that is not the form's, such as a search field."""
    while widget is not None and widget is not root:
        if widget.property("notEdited"):
            return True
        widget = widget.parentWidget()
    return False


def form_state(root: QWidget) -> tuple:
    """The input held by every field of `root`'s own window (not by dialogs opened from it)."""
    state = []
    for widget in root.findChildren(QWidget):
        if widget.window() is not root or _left_out(widget, root):
            continue
        value = _value(widget)
        if value is not None:
            state.append((type(widget).__name__, widget.objectName(), value))
    return tuple(state)


def _context_of(widget: QWidget):
    """The application context: the dialog's own, else its opener's (a 职务 dialog opened from a person's)."""
    while widget is not None:
        context = getattr(widget, "context", None)
        if context is not None:
            return context
        widget = widget.parentWidget()
    return None


class EditDialog(QDialog):
    """A dialog whose fields the user edits; see the module's description."""

    _clean: Any = None
    _state: Callable[[], Any] | None = None
    _save_edits: Callable[[], None] | None = None

    def track_edits(self, save: Callable[[], None] | None = None, *, state: Callable[[], Any] | None = None) -> None:
        """From now on closing with changes asks. `save` is offered as 保存 (None: only 放弃 / 继续编辑);
        `state` replaces reading every field when only some of them are kept."""
        self._save_edits, self._state = save, state
        self.mark_clean()

    def mark_clean(self) -> None:
        """What the fields hold now is saved (or is what was read)."""
        self._clean = self._current()

    def _current(self) -> Any:
        return self._state() if self._state is not None else form_state(self)

    def has_unsaved_edits(self) -> bool:
        return self._clean is not None and self._current() != self._clean

    def offer_history(self, entity: str, record_id: int | None) -> QAbstractButton | None:
        """A 修改记录… button (left in the dialog's button row) opening this record's entries of the 操作日志;
        none for a record not saved yet. `entity` is the record's table (person, meeting, …)."""
        box = next((b for b in self.findChildren(QDialogButtonBox) if b.window() is self), None)
        if record_id is None or box is None:
            return None
        button = box.addButton("修改记录…", QDialogButtonBox.ButtonRole.HelpRole)
        button.setObjectName("historyButton")
        button.setToolTip("谁在什么时候改过这条记录、改了什么（操作日志）")
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._open_history(entity, record_id))
        return button

    def _open_history(self, entity: str, record_id: int) -> None:
        from ui.dialogs.record_history_dialog import open_history

        open_history(self, _context_of(self), entity, record_id)

    def reject(self) -> None:
        # a view-only account can save nothing (ui/read_only.py): typing in a field is not work to lose
        if not self.has_unsaved_edits() or getattr(getattr(self, "context", None), "read_only", False):
            super().reject()
            return
        answer = messages.ask_discard(self, can_save=self._save_edits is not None)
        if answer == messages.SAVE:
            self._save_edits()
        elif answer == messages.DISCARD:
            super().reject()


__all__ = ["EditDialog", "form_state"]
