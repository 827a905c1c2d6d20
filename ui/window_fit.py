"""Every window and dialog fits the screen it opens on — down to 1366×700, what a laptop leaves after the
taskbar: a default or remembered size larger than the screen's free area is cut to it, and the window moved
back inside. Forms taller than that scroll (ui/widgets/scrolling.py) so they can be cut at all."""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Title bar and borders the window manager adds, allowed for before a window has its frame.
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(widget: QWidget) -> QRect:
    """The free part of the screen `widget` opens on (its parent's, before it is shown), taskbar left out."""
    anchor = widget
    if not widget.isVisible() and widget.parentWidget() is not None:
        anchor = widget.parentWidget().window()
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame(window: QWidget) -> QSize:
    frame = window.frameGeometry().size() - window.geometry().size()
    if not window.isVisible() or frame.isEmpty():
        return FRAME_ALLOWANCE
    return frame.expandedTo(QSize(0, 0))


def room(window: QWidget) -> QSize:
    """The largest size (without frame) `window` may take on its screen."""
    area, frame = available_area(window), _frame(window)
    return QSize(area.width() - frame.width(), area.height() - frame.height())


def fit_to_screen(window: QWidget) -> None:
    """Cut `window` to its screen's free area and keep it inside; a maximized or full-screen one is left."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.adjustSize()  # what Qt would show it at, so that it can be cut now
    limit = room(window)
    size = window.size().boundedTo(limit)
    if size != window.size():
        window.resize(size)
    if window.isVisible() or window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        area, frame = available_area(window), _frame(window)
        x = min(max(window.x(), area.left()), max(area.left(), area.right() + 1 - window.width() - frame.width()))
        y = min(max(window.y(), area.top()), max(area.top(), area.bottom() + 1 - window.height() - frame.height()))
        if (x, y) != (window.x(), window.y()):
            window.move(x, y)
