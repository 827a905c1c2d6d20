"""Windows and dialogs are cut to the screen they open on, default or remembered size alike, and dialogs
remember their size (ui/window_fit.py, ui/window_state.py, ui/dialogs.run_sized)."""

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from models.settings import DIALOG_SIZE, WINDOW_GEOMETRY
from tests.ui.conftest import settle
from ui import window_fit
from ui.dialogs import exec_dialog
from ui.window_state import read, write

SMALL = QRect(0, 0, 1366, 700)
ROOM = QSize(1366 - window_fit.FRAME_ALLOWANCE.width(), 700 - window_fit.FRAME_ALLOWANCE.height())


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(window_fit, "available_area", lambda _widget: QRect(SMALL))


def within(widget) -> bool:
    return widget.width() <= ROOM.width() and widget.height() <= ROOM.height()


def test_default_sizes_of_the_main_and_meeting_windows_are_cut_to_the_screen(qtbot, small_screen, demo_context):
    from models.services.meeting_queries import list_meetings
    from tests.ui.conftest import db_call
    from ui.main_window import MainWindow
    from ui.views.meeting_window import MeetingWindow

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    assert within(window) and window.width() == 1200  # only what does not fit is given up
    meeting = MeetingWindow(demo_context, db_call(demo_context, list_meetings)[0].id)
    qtbot.addWidget(meeting)
    assert within(meeting)
    settle(qtbot, demo_context)


def test_a_remembered_window_larger_than_the_screen_is_cut(qtbot, demo_context, monkeypatch):
    from ui.main_window import MainWindow

    first = MainWindow(demo_context)
    qtbot.addWidget(first)
    first.resize(1560, 940)  # on the office PC's big screen
    first.show()
    qtbot.waitExposed(first)
    first.close()
    assert read(demo_context.settings, WINDOW_GEOMETRY.of("main_window")) is not None
    monkeypatch.setattr(window_fit, "available_area", lambda _widget: QRect(SMALL))  # then on the laptop
    again = MainWindow(demo_context)
    qtbot.addWidget(again)
    assert within(again)
    again.show()
    qtbot.waitExposed(again)
    assert within(again) and SMALL.contains(again.geometry())
    settle(qtbot, demo_context)


class _Dialog(QDialog):
    """A dialog with the application context, as the app's dialogs have."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        QVBoxLayout(self).addWidget(QLabel("内容"))
        self.resize(500, 300)


def _run(qtbot, monkeypatch, dialog, then=None) -> QSize:
    """exec_dialog, with exec() showing the dialog, doing `then` and closing it; the size it was shown at."""
    shown = []

    def exec_(d):
        d.show()
        qtbot.waitExposed(d)
        shown.append(d.size())
        if then is not None:
            then(d)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", exec_)
    exec_dialog(dialog)
    return shown[0]


def test_a_dialog_opens_at_the_size_it_was_left_at(qtbot, monkeypatch, context):
    assert _run(qtbot, monkeypatch, _Dialog(context), then=lambda d: d.resize(640, 420)) == QSize(500, 300)
    assert read(context.settings, DIALOG_SIZE.of("_Dialog")) == "640x420"
    assert _run(qtbot, monkeypatch, _Dialog(context)) == QSize(640, 420)


def test_a_remembered_dialog_size_larger_than_the_screen_is_cut(qtbot, monkeypatch, context, small_screen):
    write(context.settings, DIALOG_SIZE.of("_Dialog"), "1580x980")
    size = _run(qtbot, monkeypatch, _Dialog(context))
    assert size.width() <= ROOM.width() and size.height() <= ROOM.height()
    for damaged in ("乱码", "²x³", "640x", "9" * 400 + "x300"):  # hand-edited INI files: the dialog's own size
        write(context.settings, DIALOG_SIZE.of("_Dialog"), damaged)
        assert _run(qtbot, monkeypatch, _Dialog(context)) == QSize(500, 300), damaged


def test_a_dialog_without_context_of_its_own_uses_its_window_s(qtbot, monkeypatch, context):
    owner = _Dialog(context)
    qtbot.addWidget(owner)
    plain = QDialog(owner)
    plain.resize(450, 250)
    _run(qtbot, monkeypatch, plain, then=lambda d: d.resize(470, 260))
    assert read(context.settings, DIALOG_SIZE.of("QDialog")) == "470x260"


def test_a_window_is_moved_back_inside_the_screen(qtbot, small_screen):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.move(1200, 650)  # where a bigger screen had it
    window_fit.fit_to_screen(widget)
    assert SMALL.contains(widget.geometry())
