"""One dialog per file. `exec_dialog` runs a modal dialog (fitted to the screen, at its remembered size)
and lets it go afterwards; `save_form` saves one; an editing dialog is an `EditDialog` (ui/dialogs/unsaved.py):
closing it with changes asks first."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QProgressDialog

from ui import messages
from ui.dialogs.unsaved import EditDialog, form_state
from ui.operations import Work, run_command
from ui.read_only import lock_saving
from ui.widgets.cut_tips import show_cut_text_in
from ui.widgets.form_error import FormError
from ui.window_fit import fit_to_screen
from ui.window_state import restore_size, save_size


def exec_dialog(dialog: QDialog) -> bool:
    """Show `dialog` modally; True if accepted. The dialog is deleted afterwards (its Python attributes,
    such as `saved_id`, can still be read), so closed dialogs never pile up under their parent.

    Dialogs open once their data has been read in the background; a double click asks twice, and the
    second answer arrives while the first dialog is open. A dialog that does not belong to the open one
    (is not opened from it) is then not shown: one dialog, one save. The open one is brought to the front
    instead, and where it is another dialog than the one asked for, the user is told why nothing opened."""
    try:
        if _another_dialog_is_open(dialog):
            _point_to_open(dialog)
            return False
        if isinstance(dialog, EditDialog):
            lock_saving(dialog)  # a view-only account sees the record, and cannot save it
        return run_sized(dialog) == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def run_sized(dialog: QDialog, key: str | None = None) -> int:
    """`dialog.exec()` at the size it had last time (per kind of dialog, on this PC), never larger than
    the screen's free area; the size it is left at is remembered. Its tables, trees and lists show a cut
    cell's whole text on hover (ui/widgets/cut_tips.py)."""
    key = key or dialog.objectName() or type(dialog).__name__
    show_cut_text_in(dialog)
    settings = _settings_of(dialog)
    if settings is not None:
        restore_size(settings, key, dialog)
    else:
        fit_to_screen(dialog)
    result = dialog.exec()
    if settings is not None:
        save_size(settings, key, dialog)
    return result


def _settings_of(widget):
    """This PC's settings, from the first of the dialog and the windows it was opened from that has the
    application context (dialogs that show only data given to them have none of their own)."""
    while widget is not None:
        context = getattr(widget, "context", None)
        settings = getattr(context, "settings", None)
        if settings is not None:
            return settings
        widget = widget.parentWidget()
    return None


def _point_to_open(refused: QDialog) -> None:
    """The open modal to the front (it may sit behind another window); if it is not the same kind of dialog
    (a double click's second answer is), a word on it saying why the other did not open."""
    active = QApplication.activeModalWidget()
    active.raise_()
    active.activateWindow()
    if type(active) is type(refused) or isinstance(active, QMessageBox | QProgressDialog):
        return  # the same dialog asked twice; a message waiting for an answer; work under way: it shows
    wanted = f"“{refused.windowTitle()}”" if refused.windowTitle() else "新的窗口"
    messages.inform(active, f"请先关闭“{active.windowTitle() or '当前窗口'}”，再打开{wanted}。",
                    informative="同一时间只能打开一个对话框，以免同一项内容被修改两次。")


def _another_dialog_is_open(dialog: QDialog) -> bool:
    active = QApplication.activeModalWidget()
    if active is None:
        return False
    parent = dialog.parentWidget()
    return parent is None or not (parent is active or active.isAncestorOf(parent))


def save_form(dialog: QDialog, work: Work, *, error: FormError, button: QAbstractButton,
              on_done: Callable[[Any], None], title: str = "无法保存", saved: str | None = None) -> None:
    """A dialog's 保存: `button` held off while the command runs (no double save), a ValidationError shown
    in `error`, any other failure through the error policy with the button back on. `saved`: what the
    window's status bar says afterwards (every save says it saved, ui.messages.saved)."""
    if not button.isEnabled():  # already saving (a shortcut or a second press)
        return
    error.clear()
    button.setEnabled(False)

    def failed(_exc: BaseException) -> bool:
        button.setEnabled(True)
        return False  # the policy still tells what went wrong

    def done(result: Any) -> None:
        on_done(result)
        if saved:
            messages.saved(dialog, saved)

    run_command(dialog.context, dialog, work, on_done=done, on_error=failed, form=error.show_error, title=title)


__all__ = ["EditDialog", "exec_dialog", "form_state", "save_form"]
