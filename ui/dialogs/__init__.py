"""One dialog per file. `exec_dialog` runs a modal dialog and lets it go afterwards."""

from PySide6.QtWidgets import QDialog


def exec_dialog(dialog: QDialog) -> bool:
    """Show `dialog` modally; True if accepted. The dialog is deleted afterwards (its Python attributes,
    such as `saved_id`, can still be read), so closed dialogs never pile up under their parent."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
