"""Pickers of meetings, visits and topics: every year offered, newest first, narrowed by typing."""

from PySide6.QtCore import Qt

from ui.widgets.combos import SearchCombo

CHOICES = [("2026-11-20 数字经济委员沙龙", 3), ("2023-09-15 完善社区卫生服务体系", 2), ("2023-03-10 打造消费新高地", 1)]


def _combo(qtbot) -> SearchCombo:
    combo = SearchCombo("（不关联会议）")
    qtbot.addWidget(combo)
    combo.set_choices(CHOICES)
    combo.show()
    return combo


def test_typing_narrows_and_a_match_is_chosen(qtbot):
    combo = _combo(qtbot)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "2023-09")  # part of a date, not the start of the label
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert combo.completer().completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.value() == 2 and combo.currentText() == "2023-09-15 完善社区卫生服务体系"


def test_text_matching_nothing_is_put_back(qtbot):
    combo = _combo(qtbot)
    combo.set_value(1)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "xyz")
    combo.lineEdit().editingFinished.emit()
    assert combo.value() == 1 and combo.currentText() == "2023-03-10 打造消费新高地"

