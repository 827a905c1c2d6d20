"""exec_dialog while another modal dialog is open: the open one comes to the front, and when the one asked
for is another dialog (not a double click's second answer), the user is told to close the open one first —
not silence."""

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.ui.modal import when_modal
from ui.dialogs import exec_dialog


class EditDialogStandIn(QDialog):
    pass


class SettingsStandIn(QDialog):
    pass


def _parent(qtbot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def _open_then(first: QDialog, second: QDialog) -> dict:
    """`second` asked for while `first` is open; what happened, seen from inside `first`."""
    seen = {}

    def inside(dialog: QDialog) -> None:
        seen["opened"] = exec_dialog(second)
        seen["active"] = QApplication.activeModalWidget()
        dialog.reject()

    when_modal(inside, kind=type(first))
    seen["first"] = exec_dialog(first)
    return seen


def test_another_dialog_while_one_is_open_says_why(qtbot, message_log):
    parent = _parent(qtbot)
    first, second = EditDialogStandIn(parent), SettingsStandIn(parent)
    first.setWindowTitle("编辑意见建议")
    second.setWindowTitle("参数设置")
    seen = _open_then(first, second)
    assert seen == {"opened": False, "active": first, "first": False}
    assert message_log.texts("inform") == ["请先关闭“编辑意见建议”，再打开“参数设置”。"
                                           "同一时间只能打开一个对话框，以免同一项内容被修改两次。"]


def test_the_same_dialog_asked_twice_opens_once_without_a_word(qtbot, message_log):
    parent = _parent(qtbot)
    first, second = EditDialogStandIn(parent), EditDialogStandIn(parent)  # a double click's two answers
    seen = _open_then(first, second)
    assert seen == {"opened": False, "active": first, "first": False}
    assert message_log.texts() == []


def test_a_dialog_opened_from_the_open_one_is_shown(qtbot, message_log):
    parent = _parent(qtbot)
    first = EditDialogStandIn(parent)
    inner = SettingsStandIn(first)  # e.g. 选择人员 from a dialog: belongs to it
    when_modal(lambda dialog: dialog.accept(), kind=SettingsStandIn)
    seen = _open_then(first, inner)
    assert seen["opened"] is True and message_log.texts() == []
