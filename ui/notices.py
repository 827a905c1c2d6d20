"""Change notices: after a command commits, one notice says which areas (and ids) changed and who asked.

Screens do not listen here directly; ui/watch.py's AreaWatch does it for them and reloads only what is
shown and concerned (Anki's operation_did_execute hook plays the same part).
"""

from PySide6.QtCore import QObject, Signal

from models.changes import Changes


class ChangeNotices(QObject):
    published = Signal(object)  # models.changes.Changes

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.count = 0  # notices published so far (tests and the benchmark read it)

    def publish(self, changes: Changes) -> None:
        if changes:
            self.count += 1
            self.published.emit(changes)


__all__ = ["ChangeNotices"]
