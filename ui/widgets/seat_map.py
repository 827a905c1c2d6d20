"""A room's seats drawn as seen from the audience (the 主席台 / head side at the top): tables, seat boxes with
the number and the name large, empty seats dashed, locked seats with a lock, seats with an issue in orange.

The map knows nothing of meetings: it draws a models.seat_layouts.RoomLayout and one SeatCell per seat, and
says what the user did (a drop of a seat or a person onto a seat, Space on the selection). A change to one
seat repaints that seat's item only, so a drag among 400 seats costs two items, not a new scene.
"""

from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from models.seat_layouts import RoomLayout

UNIT = 80.0  # scene pixels per seat unit
BOX_W, BOX_H = 0.92 * UNIT, 0.78 * UNIT
MIME = "application/x-consultdesk-seat"  # "seat:<number>" or "person:<attendance id>"
READABLE_SCALE = 0.6  # below this a name is under 14 px on screen: scroll instead of shrinking further
NAME_FONT = "SimHei"  # 黑体 on Windows; Qt falls back to a CJK sans elsewhere

EMPTY_PEN = QPen(QColor("#9aa3ad"), 1.5, Qt.PenStyle.DashLine)
TAKEN_PEN = QPen(QColor("#44505c"), 1.5)
ISSUE_PEN = QPen(QColor("#c0392b"), 3)
SELECTED_PEN = QPen(QColor("#1565c0"), 4)
TAKEN_FILL, EMPTY_FILL, ISSUE_FILL = QColor("#ffffff"), QColor("#f1f3f5"), QColor("#ffe3c4")
HEAD_FILL = QColor("#fff8e1")  # the 主席台 / head side, told apart at a glance


@dataclass(frozen=True)
class SeatCell:
    """What one seat shows: who sits there (empty name: nobody), the tooltip, the lock and an issue."""

    name: str = ""
    tip: str = ""
    locked: bool = False
    issue: str = ""


EMPTY = SeatCell()


def seat_payload(number: int) -> str:
    return f"seat:{number}"


def person_payload(attendance_id: int) -> str:
    return f"person:{attendance_id}"


def parse_payload(text: str) -> tuple[str, int] | None:
    kind, _, value = text.partition(":")
    if kind in ("seat", "person") and value.isdigit():
        return kind, int(value)
    return None


def _lock_path(x: float, y: float) -> QPainterPath:
    """A small padlock (no emoji font needed): shackle and body."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y + 7, 14, 11), 2, 2)
    path.moveTo(x + 3, y + 7)
    path.arcTo(QRectF(x + 3, y, 8, 12), 180, -180)
    return path


class SeatItem(QGraphicsItem):
    def __init__(self, number: int, head: bool, *, say_empty: bool = True):
        super().__init__()
        self.number, self.head, self.cell, self.say_empty = number, head, EMPTY, say_empty
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # a swap repaints two pixmaps

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF(-BOX_W / 2 - 3, -BOX_H / 2 - 3, BOX_W + 6, BOX_H + 6)

    def set_cell(self, cell: SeatCell) -> None:
        if cell != self.cell:
            self.cell = cell
            self.setToolTip(cell.tip or f"{self.number} 号座位（空）")
            self.update()

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        cell, box = self.cell, QRectF(-BOX_W / 2, -BOX_H / 2, BOX_W, BOX_H)
        taken = bool(cell.name)
        fill = ISSUE_FILL if cell.issue else (HEAD_FILL if self.head else TAKEN_FILL) if taken else EMPTY_FILL
        pen = SELECTED_PEN if self.isSelected() else ISSUE_PEN if cell.issue else TAKEN_PEN if taken else EMPTY_PEN
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(box, 6, 6)
        if not self.say_empty:  # a preview: the number is what there is to read
            painter.setPen(QColor("#44505c"))
            painter.setFont(_name_font("000"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(self.number))
            return
        small = QFont()
        small.setPixelSize(14)
        painter.setFont(small)
        painter.setPen(QColor("#44505c"))
        painter.drawText(box.adjusted(5, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         str(self.number))
        if cell.locked:
            painter.setPen(QPen(QColor("#8d6e00"), 1.6))
            painter.setBrush(QColor("#ffd54f"))
            painter.drawPath(_lock_path(box.right() - 19, box.top() + 3))
        if taken:
            painter.setPen(QColor("#111111"))
            painter.setFont(_name_font(cell.name))
            painter.drawText(box.adjusted(3, 14, -3, -2), Qt.AlignmentFlag.AlignCenter, cell.name)
        elif self.say_empty:
            painter.setPen(QColor("#9aa3ad"))
            painter.drawText(box.adjusted(0, 14, 0, 0), Qt.AlignmentFlag.AlignCenter, "空")


_FONTS: dict[int, QFont] = {}


def _name_font(name: str) -> QFont:
    """The name as large as the box allows: 26 px for up to three characters, smaller for longer ones."""
    size = 26 if len(name) <= 3 else max(12, int(26 * 3 / len(name)))
    font = _FONTS.get(size)
    if font is None:
        font = _FONTS[size] = QFont(NAME_FONT)
        font.setPixelSize(size)
        font.setBold(True)
        while size > 12 and QFontMetricsF(font).horizontalAdvance("国" * max(3, len(name))) > BOX_W - 6:
            size -= 1
            font.setPixelSize(size)
    return font


class SeatMap(QGraphicsView):
    """`dropped(payload, seat)`: a seat ("seat:n") or a person ("person:id") let go over a seat;
    `lock_pressed()`: Space; `delete_pressed()`: Delete on the selection."""

    dropped = Signal(str, int)
    lock_pressed = Signal()
    delete_pressed = Signal()

    def __init__(self, parent=None, *, editable: bool = True):
        super().__init__(parent)
        self.preview = not editable  # a preview shows the whole room, however small (fit)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.set_editable(editable)
        self.setBackgroundBrush(QColor("#fafafa"))
        self.items_by_number: dict[int, SeatItem] = {}
        self.layout: RoomLayout | None = None
        self._zoomed = False  # the user zoomed: stop fitting on resize until Ctrl+0

    def set_editable(self, editable: bool) -> None:
        """Off: seats can be selected and looked at (tooltips, arrow keys), not dragged, dropped on, locked
        or emptied (a preview; the plan of a cancelled or archived meeting)."""
        self.editable = editable
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if editable else QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(editable)
        self._press: tuple[QPointF, SeatItem] | None = None

    # -- drawing -------------------------------------------------------------------------------------------
    def set_layout(self, layout: RoomLayout | None) -> None:
        scene = self.scene()
        scene.clear()
        self.items_by_number = {}
        self.layout = layout
        if layout is None:
            return
        for table in layout.tables:
            rect = QRectF(table.x * UNIT, table.y * UNIT, table.w * UNIT, table.h * UNIT)
            shape = QGraphicsEllipseItem(rect) if table.round else QGraphicsRectItem(rect)
            shape.setBrush(QColor("#e3ecf5"))
            shape.setPen(QPen(QColor("#7d8fa3"), 2))
            shape.setZValue(-1)
            scene.addItem(shape)
            self._label(table.label, rect.center(), 24, bold=True)
        for text, x, y in layout.marks:
            self._label(text, QPointF(x * UNIT, y * UNIT), 20)
        for seat in layout.seats:
            item = SeatItem(seat.number, seat.head, say_empty=not self.preview)
            item.setPos(seat.x * UNIT, seat.y * UNIT)
            scene.addItem(item)
            self.items_by_number[seat.number] = item
        margin = UNIT * 0.4
        scene.setSceneRect(QRectF(-margin, -margin, layout.width * UNIT + 2 * margin,
                                  layout.height * UNIT + 2 * margin))
        self._zoomed = False
        self.fit()

    def _label(self, text: str, centre: QPointF, size: int, *, bold: bool = False) -> None:
        item = QGraphicsSimpleTextItem(text)
        font = QFont(NAME_FONT)
        font.setPixelSize(size)
        font.setBold(bold)
        item.setFont(font)
        item.setBrush(QColor("#37474f"))
        bounds = item.boundingRect()
        item.setPos(centre.x() - bounds.width() / 2, centre.y() - bounds.height() / 2)
        self.scene().addItem(item)

    def set_cells(self, cells: dict[int, SeatCell]) -> None:
        for number, item in self.items_by_number.items():
            item.set_cell(cells.get(number, EMPTY))

    def set_cell(self, number: int, cell: SeatCell) -> None:
        item = self.items_by_number.get(number)
        if item is not None:
            item.set_cell(cell)

    # -- selection -----------------------------------------------------------------------------------------
    def selected_seats(self) -> list[int]:
        return sorted(item.number for item in self.scene().selectedItems() if isinstance(item, SeatItem))

    def select_seat(self, number: int) -> None:
        item = self.items_by_number.get(number)
        if item is None:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        self.ensureVisible(item)
        self.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        key = event.key()
        if key in steps:
            self._step(*steps[key])
        elif key == Qt.Key.Key_Space and self.editable:
            self.lock_pressed.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.editable:
            self.delete_pressed.emit()
        elif key == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._zoomed = False
            self.fit(whole=True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step(self, dx: int, dy: int) -> None:
        """To the nearest seat in that direction (by the seats' positions: rows, sides and round tables alike)."""
        chosen = self.selected_seats()
        if not self.items_by_number:
            return
        if not chosen:
            self.select_seat(min(self.items_by_number))
            return
        here = self.items_by_number[chosen[0]].pos()
        best, best_score = None, None
        for number, item in self.items_by_number.items():
            d = item.pos() - here
            along = d.x() * dx + d.y() * dy
            if along <= 1:
                continue
            across = abs(d.x() * dy) + abs(d.y() * dx)
            score = along + 2.5 * across  # straight on first, then the nearest aside
            if best_score is None or score < best_score:
                best, best_score = number, score
        if best is not None:
            self.select_seat(best)

    # -- zoom ----------------------------------------------------------------------------------------------
    def fit(self, *, whole: bool = False) -> None:
        """The whole room in view, but not so small that names cannot be read (the map scrolls then);
        `whole`: all of it whatever the size (Ctrl+0, and a preview)."""
        if self.layout is None or self._zoomed:
            return
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        scale = self.transform().m11()
        wanted = scale if whole or self.preview else min(max(scale, READABLE_SCALE), 1.0)
        if wanted != scale:
            self.resetTransform()
            self.scale(wanted, wanted)
            self.centerOn(self.sceneRect().center().x(), self.sceneRect().top())  # the head side first

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self._zoomed = True
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)

    # -- dragging ------------------------------------------------------------------------------------------
    def seat_at(self, position) -> int | None:
        for item in self.items(position.toPoint() if isinstance(position, QPointF) else position):
            if isinstance(item, SeatItem):
                return item.number
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        number = self.seat_at(event.position()) if self.editable else None
        item = self.items_by_number.get(number) if number is not None else None
        if item is not None and event.button() == Qt.MouseButton.LeftButton and item.cell.name:
            self._press = (event.position(), item)
            if not item.isSelected():
                self.scene().clearSelection()
                item.setSelected(True)
            self.setFocus()
            event.accept()
            return
        self._press = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._press is not None:
            start, item = self._press
            if (event.position() - start).manhattanLength() >= QApplication.startDragDistance():
                self._press = None
                self._start_drag(item)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._press is not None:
            self._press = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _start_drag(self, item: SeatItem) -> None:
        mime = QMimeData()
        mime.setData(MIME, seat_payload(item.number).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self.grab(self.mapFromScene(item.sceneBoundingRect()).boundingRect()))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME) and self.seat_at(event.position()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        target = self.seat_at(event.position())
        payload = bytes(event.mimeData().data(MIME)).decode(errors="replace")
        if target is None or parse_payload(payload) is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(payload, target)


__all__ = ["EMPTY", "MIME", "SeatCell", "SeatMap", "parse_payload", "person_payload", "seat_payload"]
