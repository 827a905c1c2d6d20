"""A light bar chart painted with QPainter: grouped or stacked, vertical or horizontal, with value
labels, a legend and a tooltip per bar.  QtCharts would add PySide6-Addons (about 100 MB) for this.
"""

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = ("#2f6fbf", "#e07b39", "#3a9e5f", "#c0504d", "#8064a2", "#4bacc6", "#9c6b30", "#7f7f7f")
PREVIOUS_COLOUR = "#b4bccb"  # the comparison period: quieter than the current one
AXIS_COLOUR, GRID_COLOUR, TEXT_COLOUR = "#8a8f98", "#e3e6ea", "#333333"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str


def nice_step(maximum: float, ticks: int = 4) -> float:
    """A round grid step (1, 2, 5 × 10^n) that divides 0..maximum into about `ticks` parts."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return max(step, 1.0)


def value_text(value: float, percent: bool = False) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%") if percent else f"{value:g}"


class BarChart(QWidget):
    def __init__(self, title: str, *, stacked: bool = False, horizontal: bool = False, percent: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.stacked, self.horizontal, self.percent = stacked, horizontal, percent
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.empty_text = "暂无数据"
        self._bars: list[tuple[QRectF, str]] = []  # painted bars and their tooltips
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        rows = max(len(self.categories), 1)
        return QSize(420, max(220, 60 + rows * 30) if self.horizontal else 260)

    def set_data(self, categories: list[str], series: list[Series]) -> None:
        self.categories = list(categories)
        self.series = [s for s in series if len(s.values) == len(self.categories)]
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    # -- what to draw ------------------------------------------------------------------------------

    def _maximum(self) -> float:
        if not self.series or not self.categories:
            return 0.0
        if self.stacked:
            return max(sum(s.values[i] for s in self.series) for i in range(len(self.categories)))
        return max(max(s.values) for s in self.series)

    def has_data(self) -> bool:
        return self._maximum() > 0

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(10, 6, self.width() - 20, line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        top = 10 + line * 1.4
        if len(self.series) > 1:
            top = self._legend(painter, metrics, top)
        self._bars = []
        area = QRectF(10, top + 6, self.width() - 20, self.height() - top - 14)
        if not self.has_data():
            painter.setPen(QColor(AXIS_COLOUR))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        if self.horizontal:
            self._paint_horizontal(painter, metrics, area)
        else:
            self._paint_vertical(painter, metrics, area)

    def _legend(self, painter: QPainter, metrics: QFontMetricsF, top: float) -> float:
        x = 12.0
        for s in self.series:
            width = metrics.horizontalAdvance(s.name) + 26
            if x + width > self.width() - 10:
                x, top = 12.0, top + metrics.height() + 2
            painter.fillRect(QRectF(x, top + metrics.height() / 2 - 5, 12, 10), QColor(s.colour))
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(QPointF(x + 16, top + metrics.ascent()), s.name)
            x += width
        return top + metrics.height() + 2

    def _segments(self, index: int):
        """(series, value, start) for one category: side by side, or stacked on each other."""
        base = 0.0
        for s in self.series:
            value = s.values[index]
            yield s, value, base
            if self.stacked:
                base += value

    def _segments_shown(self, index: int) -> int:
        return sum(1 for s in self.series if s.values[index] > 0)

    def _tip(self, index: int, series: Series, value: float) -> str:
        name = f"{series.name}：" if len(self.series) > 1 else ""
        return f"{self.categories[index]}　{name}{value_text(value, self.percent)}"

    def _paint_vertical(self, painter: QPainter, metrics: QFontMetricsF, area: QRectF) -> None:
        maximum = self._maximum()
        step = nice_step(maximum) if not self.percent else 0.25
        top_value = math.ceil(maximum / step) * step if not self.percent else max(1.0, maximum)
        label_width = max(metrics.horizontalAdvance(value_text(top_value, self.percent)), 16) + 6
        plot = QRectF(area.left() + label_width, area.top() + metrics.height(), area.width() - label_width,
                      area.height() - metrics.height() * 2.4)
        value = 0.0
        while value <= top_value + 1e-9:
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(QPen(QColor(GRID_COLOUR), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(AXIS_COLOUR))
            painter.drawText(QRectF(area.left(), y - metrics.height() / 2, label_width - 4, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             value_text(value, self.percent))
            value += step
        slot = plot.width() / len(self.categories)
        bars = 1 if self.stacked else len(self.series)
        bar = min(slot * 0.7 / bars, 46.0)
        for i, category in enumerate(self.categories):
            left = plot.left() + slot * i + (slot - bar * bars) / 2
            for k, (s, v, base) in enumerate(self._segments(i)):
                if v <= 0:
                    continue
                x = left if self.stacked else left + bar * k
                y0 = plot.bottom() - plot.height() * base / top_value
                height = plot.height() * v / top_value
                rect = QRectF(x, y0 - height, bar - 2, height)
                painter.fillRect(rect, QColor(s.colour))
                self._bars.append((rect, self._tip(i, s, v)))
                text = value_text(v, self.percent)
                if self.stacked and (height < metrics.height() or self._segments_shown(i) < 2):
                    continue  # a stack of one: its total above says it
                painter.setPen(QColor("white") if self.stacked else QColor(TEXT_COLOUR))
                label = QRectF(x - 10, (rect.top() if self.stacked else rect.top() - metrics.height()),
                               bar + 18, metrics.height())
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
            if self.stacked:
                total = sum(s.values[i] for s in self.series)
                if total:
                    y = plot.bottom() - plot.height() * total / top_value - metrics.height()
                    painter.setPen(QColor(TEXT_COLOUR))
                    painter.drawText(QRectF(left - 10, y, bar + 18, metrics.height()), Qt.AlignmentFlag.AlignCenter,
                                     value_text(total, self.percent))
            painter.setPen(QColor(TEXT_COLOUR))
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, slot - 2)
            painter.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 3, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _paint_horizontal(self, painter: QPainter, metrics: QFontMetricsF, area: QRectF) -> None:
        maximum = self._maximum()
        label_width = min(max(metrics.horizontalAdvance(c) for c in self.categories) + 10, area.width() * 0.45)
        number_width = metrics.horizontalAdvance(value_text(maximum, self.percent)) + 10
        plot = QRectF(area.left() + label_width, area.top(), area.width() - label_width - number_width,
                      area.height())
        slot = plot.height() / len(self.categories)
        bars = 1 if self.stacked else len(self.series)
        thickness = min(slot * 0.7 / bars, 24.0)
        for i, category in enumerate(self.categories):
            top = plot.top() + slot * i + (slot - thickness * bars) / 2
            painter.setPen(QColor(TEXT_COLOUR))
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(area.left(), plot.top() + slot * i, label_width - 8, slot),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            end = plot.left()
            for k, (s, v, base) in enumerate(self._segments(i)):
                y = top if self.stacked else top + thickness * k
                width = plot.width() * v / maximum
                x = plot.left() + plot.width() * base / maximum
                rect = QRectF(x, y, max(width, 1.0 if v else 0.0), thickness - 2)
                if v > 0:
                    painter.fillRect(rect, QColor(s.colour))
                    self._bars.append((rect, self._tip(i, s, v)))
                end = max(end, rect.right())
                if not self.stacked:
                    painter.setPen(QColor(TEXT_COLOUR))
                    painter.drawText(QRectF(rect.right() + 4, y, number_width, thickness - 2),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                     value_text(v, self.percent))
            if self.stacked:
                total = sum(s.values[i] for s in self.series)
                painter.setPen(QColor(TEXT_COLOUR))
                painter.drawText(QRectF(end + 4, top, number_width, thickness - 2),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 value_text(total, self.percent))
        painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
        painter.drawLine(plot.topLeft(), plot.bottomLeft())

    def bar_tips(self) -> list[str]:
        """The tooltip of every painted bar (what a user can hover over), for tests and accessibility."""
        return [tip for _rect, tip in self._bars]

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        position = event.position()
        tip = next((text for rect, text in self._bars if rect.adjusted(-2, -2, 2, 2).contains(position)), None)
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()


__all__ = ["PALETTE", "PREVIOUS_COLOUR", "BarChart", "Series", "nice_step", "value_text"]
