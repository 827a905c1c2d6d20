"""Labels are not cut and buttons look alike everywhere: menu arrows beside the text, combos as wide as
their longest choice, dialog buttons as words (确定/取消) without ✓/✗ icons — with the app's style sheet.
(tests/ui/test_screens_1366.py checks the same on every page and dialog of the demo district.)"""

import pytest
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleFactory,
    QToolButton,
    QWidget,
)

from tests.ui.test_screens_1366 import looks
from ui.widgets.combos import ChoiceCombo


@pytest.fixture
def app_look(qapp):
    from ui.app import create_application

    create_application()
    return qapp


def test_a_menu_button_leaves_room_for_its_arrow(qtbot, app_look):
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    for text in ("导出 Excel", "显示列", "改变状态", "打印", "输出"):
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        layout.addWidget(button)
    row.show()
    qtbot.waitExposed(row)
    assert looks(row) == []


def test_a_filter_combo_is_as_wide_as_its_longest_choice_filled_after_it_is_shown(qtbot, app_look):
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    combos = [ChoiceCombo("全部办理状态"), ChoiceCombo("全部专委会"), ChoiceCombo("全部会议")]
    for combo in combos:
        layout.addWidget(combo)
    row.show()
    qtbot.waitExposed(row)
    combos[1].set_choices([("民族宗教和港澳台侨委员会", 1)])
    combos[2].set_choices([("“优化营商环境 助力民营经济高质量发展”委员沙龙", 1)])
    row.resize(200, row.height())  # a window short of room does not cut them either
    qtbot.waitUntil(lambda: looks(row) == [], timeout=5000)
    assert all(combo.width() >= combo.sizeHint().width() for combo in combos)


class _IconsOnButtons(QProxyStyle):
    """A desktop (GNOME, KDE under Xvfb) whose theme puts ✓/✗ icons on standard dialog buttons."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802 - Qt API
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


@pytest.fixture
def icon_desktop(app_look):
    name = app_look.style().name() or "Fusion"  # (a style sheet's style may give no name)
    app_look.setStyle(_IconsOnButtons(QStyleFactory.create(name)))
    yield app_look
    app_look.setStyle(QStyleFactory.create(name))


def test_standard_dialog_buttons_are_words_without_icons(qtbot, icon_desktop):
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setComboBoxItems(["“打造中心城区消费新高地”专题双月协商会", "社情民意"])
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox).buttons()
    assert sorted(b.text() for b in buttons) == sorted(["确定", "取消"])
    assert all(b.icon().isNull() for b in buttons)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert all(isinstance(b, QPushButton) and b.icon().isNull() for b in box.buttons())


def test_a_cut_cell_shows_its_whole_text(qtbot, app_look, monkeypatch, context):
    """Two different 阿依古丽… in a narrow column: resting the pointer on one tells which it is."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QTableWidgetItem, QToolTip, QVBoxLayout

    from ui.dialogs import exec_dialog

    dialog = QDialog()
    dialog.context = context
    table = QTableWidget(2, 2)
    for row, name in enumerate(("阿依古丽·买买提", "阿依古丽·艾买提江")):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem("短"))
    table.setColumnWidth(0, 60)
    QVBoxLayout(dialog).addWidget(table)
    tips = []

    def exec_(d):
        d.show()
        qtbot.waitExposed(d)
        for row, column in ((1, 0), (1, 1)):
            point = table.visualRect(table.model().index(row, column)).center()
            event = QHelpEvent(QEvent.Type.ToolTip, point, table.viewport().mapToGlobal(point))
            QApplication.sendEvent(table.viewport(), event)
            tips.append(QToolTip.text() if QToolTip.isVisible() else "")
            QToolTip.hideText()
            qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=5000)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", exec_)
    exec_dialog(dialog)
    assert tips == ["阿依古丽·艾买提江", ""]  # the cut one tells; the one shown whole needs no tip
