"""Message boxes with Chinese buttons, in one place so every screen asks the same way."""

from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from models import APP_TITLE


def _box(parent: QWidget | None, icon, title: str, text: str, informative: str | None = None) -> QMessageBox:
    box = QMessageBox(icon, title or APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    return box


def inform(parent: QWidget | None, text: str, title: str = "提示", informative: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, informative)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, text: str, title: str = "提示", informative: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text, informative)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, text: str, *, title: str = "请确认", yes: str = "确定",
            no: str = "取消", informative: str | None = None, danger: bool = False) -> bool:
    """Ask before doing something; the safe answer is the default button."""
    box = _box(parent, QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question, title, text, informative)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button if danger else yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


SAVE, DISCARD, KEEP_EDITING = "save", "discard", "keep"


def ask_discard(parent: QWidget | None, *, can_save: bool = True, informative: str | None = None) -> str:
    """Closing a form with changes: SAVE, DISCARD or KEEP_EDITING (the default, also on Esc)."""
    box = _box(parent, QMessageBox.Icon.Question, "未保存的修改", "放弃未保存的修改？",
               informative or "关闭后，这些修改将不会保存。")
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole) if can_save else None
    discard = box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("继续编辑", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if save is not None and clicked is save else DISCARD if clicked is discard else KEEP_EDITING


SAVED_SECONDS = 8


def saved(owner: QWidget | None, text: str) -> None:
    """Say that a save went through, without a box to click away: in the status bar of the window the
    user works in (a closed dialog's parent window). Every dialog's 保存 ends this way."""
    window = owner.window() if owner is not None else None
    while isinstance(window, QDialog) and window.parentWidget() is not None:
        window = window.parentWidget().window()
    if isinstance(window, QMainWindow):  # every screen lives in one (the main window, a meeting window)
        window.statusBar().showMessage(text, SAVED_SECONDS * 1000)
