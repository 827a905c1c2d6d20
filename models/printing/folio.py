"""Page numbers as GB/T 9704-2012 (7.5) sets them: "— 1 —" in 4号 半角宋体 digits, the dashes 7 mm under the
body area, odd pages one character in from the right edge of the body, even pages one character in from the left."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from .fonts import Face, font
from .layout import PageGeometry, TextBlock
from .units import MM, PT

FOLIO_POINTS = 14.0  # 4号
GAP_MM = 7.0  # from the bottom of the body area down to the 一字线 (the dashes sit mid-line)


def folio_text(number: int) -> str:
    return f"— {number} —"


def draw_folio(painter: QPainter, geometry: PageGeometry, number: int) -> None:
    face = font(Face.SONG, FOLIO_POINTS)
    indent = FOLIO_POINTS * PT  # one character
    width = geometry.content_width - indent
    odd = number % 2 == 1
    align = Qt.AlignmentFlag.AlignRight if odd else Qt.AlignmentFlag.AlignLeft
    block = TextBlock(folio_text(number), face, width, align=align, pitch=FOLIO_POINTS * PT)
    x = geometry.x0 if odd else geometry.x0 + indent
    block.draw(painter, x, geometry.y1 + GAP_MM * MM - block.pitch / 2)
