"""Column widths from what the columns hold.

A CONTENT column (times, numbers, short names) is as wide as its widest cell on one line, so
"14:30-14:40" never breaks as "14:30-14 / :40"; a FILL column (the item, the unit and post) wraps
and takes what the others leave. The table keeps the width its columns were given.
"""

from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum

from PySide6.QtGui import QFontMetricsF

from .fonts import Face
from .units import MM


class Size(StrEnum):
    FIXED = "fixed"  # the width given (e.g. 签名: room to sign whatever the names)
    CONTENT = "content"  # the widest cell (and the title) on one line, within Column.least…Column.widest
    FILL = "fill"  # shares the rest in proportion to the widths given


FILL_FLOOR = 0.6  # a FILL column keeps at least this share of its given width; CONTENT columns give way
EASE = 0.6  # mm beyond the measured text, so rounding never wraps the last character


def sized(columns: Sequence, texts: Sequence[Sequence[str]], *, pad_x: float, header: tuple[Face, float],
          font_of) -> list:
    """`columns` with CONTENT and FILL widths worked out from `texts` (each row's cells, in column order).

    font_of(face, points) gives the QFont a cell is set in; header is the header row's (face, points)."""
    columns = list(columns)
    if not any(c.size == Size.CONTENT for c in columns) or not any(c.size == Size.FILL for c in columns):
        return columns
    total = sum(c.width for c in columns)
    wanted = {i: _content_width(c, i, texts, pad_x, header, font_of)
              for i, c in enumerate(columns) if c.size == Size.CONTENT}
    fixed = sum(c.width for c in columns if c.size == Size.FIXED)
    fill_given = sum(c.width for c in columns if c.size == Size.FILL)
    over = fixed + sum(wanted.values()) + fill_given * FILL_FLOOR - total
    if over > 0:  # too wide together: the columns that grew past their given width give some back
        grown = {i: w - columns[i].width for i, w in wanted.items() if w > columns[i].width}
        spare = sum(grown.values())
        for i, g in grown.items():
            wanted[i] -= min(over, spare) * g / spare
    left = total - fixed - sum(wanted.values())
    result = []
    for i, c in enumerate(columns):
        if c.size == Size.CONTENT:
            result.append(replace(c, width=wanted[i]))
        elif c.size == Size.FILL:
            result.append(replace(c, width=left * c.width / fill_given))
        else:
            result.append(c)
    return result


def _content_width(column, index: int, texts, pad_x: float, header, font_of) -> float:
    cells = {row[index] for row in texts if index < len(row) and row[index]}
    metrics = QFontMetricsF(font_of(column.face, column.points))
    widest = max([_width(QFontMetricsF(font_of(*header)), column.title)] + [_width(metrics, text) for text in cells])
    width = max(widest / MM + 2 * pad_x + EASE, column.least)
    return min(width, column.widest) if column.widest else width


def _width(metrics: QFontMetricsF, text: str) -> float:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0.0)


__all__ = ["Size", "sized"]
