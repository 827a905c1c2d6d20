"""A tall form inside a scroll area, so that its window can be cut to a small screen (ui/window_fit.py)
and the form scrolls instead of pushing its buttons off the screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget


def scrolling(content: QWidget | QLayout) -> QScrollArea:
    """`content` (a widget, or a layout put on a new widget) in a frameless scroll area that scrolls only
    up and down, and grows with its window like the form did."""
    if isinstance(content, QLayout):
        widget = QWidget()
        widget.setLayout(content)
        content = widget
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    # wide enough for the form, so only height is given up to the scroll bar
    area.setMinimumWidth(content.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area
