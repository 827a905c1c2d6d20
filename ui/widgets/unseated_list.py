"""未安排座位 beside the seat map: people who take a seat but have none, dragged onto a seat; a seat dragged
here leaves its person without one (`seat_dropped`)."""

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget

from ui.widgets.seat_map import MIME, parse_payload, person_payload


class UnseatedList(QListWidget):
    """Items carry the attendance id (UserRole); a drag carries "person:<id>"."""

    seat_dropped = Signal(int)

    def __init__(self):
        super().__init__()
        self.set_editable(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def set_editable(self, editable: bool) -> None:
        """Off: the list is only read (the plan of a cancelled or archived meeting)."""
        self.setDragEnabled(editable)
        self.setAcceptDrops(editable)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop if editable
                             else QAbstractItemView.DragDropMode.NoDragDrop)

    @staticmethod
    def _seat(event) -> int | None:
        parsed = parse_payload(bytes(event.mimeData().data(MIME)).decode(errors="replace"))
        return parsed[1] if parsed is not None and parsed[0] == "seat" else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._seat(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent  # noqa: N815 - Qt API

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        seat = self._seat(event)
        if seat is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.seat_dropped.emit(seat)

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt API
        mime = QMimeData()
        if items:
            mime.setData(MIME, person_payload(items[0].data(Qt.ItemDataRole.UserRole)).encode())
        return mime

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]


__all__ = ["UnseatedList"]
