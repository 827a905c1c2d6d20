"""A one-line legend under a list whose text is coloured: a coloured square and what the colour means."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ColourLegend(QLabel):
    def __init__(self, items=(), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hint")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.set_items(items)

    def set_items(self, items) -> None:
        """`items`: (colour, meaning) pairs; none hides the legend."""
        self.items = tuple(items)
        self.setText("　".join(f'<span style="color:{colour}">■ {escape(text)}</span>' for colour, text in self.items))
        self.setVisible(bool(self.items))


__all__ = ["ColourLegend"]
