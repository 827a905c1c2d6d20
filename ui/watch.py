"""Keeping a screen current: a page, tab or window says which change areas it shows, and reloads when a
notice touches them — at once (in the background) if it is visible, otherwise when it is next shown.

    self.watch = AreaWatch(self, context, {Area.PEOPLE, Area.MEMBERSHIPS}, self.reload)

The watch is a child of the widget: when the widget is destroyed, so is the watch and with it the
connection to the notices (Vorta's BaseTab plays this part). `relevant(changes)` narrows further, e.g. a
meeting window only cares about its own meeting; `ignore_own` skips notices the widget itself initiated
(when it has already shown the result). Several notices in a row cause one reload.
"""

import weakref
from collections.abc import Callable, Iterable
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from models.changes import Area, Changes


def inside(obj, container: QObject) -> bool:
    """Whether `obj` is `container` or one of its children, however deep (a tab of a page)."""
    while isinstance(obj, QObject):
        if obj is container:
            return True
        try:
            obj = obj.parent()
        except RuntimeError:  # already deleted
            return False
    return False


def initiated_by(changes: Changes, widget: QWidget) -> bool:
    """Whether `widget` (or a widget inside it) asked for these changes."""
    return inside(changes.initiator, widget)


class AreaWatch(QObject):
    _scheduled_watches: ClassVar["weakref.WeakSet[AreaWatch]"] = weakref.WeakSet()

    @classmethod
    def any_scheduled(cls) -> bool:
        """Whether some watch is about to reload its widget (tests wait for quiet with it)."""
        return any(watch._scheduled for watch in list(cls._scheduled_watches))

    def __init__(self, widget: QWidget, context, areas: Iterable[Area], reload: Callable[[Changes], None], *,
                 relevant: Callable[[Changes], bool] | None = None, ignore_own: bool = False):
        super().__init__(widget)
        self.widget, self.areas = widget, frozenset(areas)
        self._reload, self._relevant, self._ignore_own = reload, relevant, ignore_own
        self.stale = False
        self._pending: list[Changes] = []
        self._scheduled = False
        self.reloads = 0  # how often the widget was asked to reload (tests read it)
        context.notices.published.connect(self._notice)
        widget.installEventFilter(self)

    def request(self, changes: Changes | None = None) -> None:
        """Ask for a reload as if a notice had come: now if visible, else when next shown (first load)."""
        self._pending.append(changes or Changes.all())
        if self.widget.isVisible():
            self._schedule()
        else:
            self.stale = True

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            AreaWatch._scheduled_watches.add(self)
            QTimer.singleShot(0, self, self._fire)

    def concerns(self, changes: Changes) -> bool:
        if not changes.touches(self.areas):
            return False
        if self._ignore_own and not changes.everything and initiated_by(changes, self.widget):
            return False
        return self._relevant is None or changes.everything or self._relevant(changes)

    def _notice(self, changes: Changes) -> None:
        if self.concerns(changes):
            self.request(changes)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # When Python drops the last reference to a widget, Shiboken empties this child's attributes before
        # Qt destroys the widget, and the widget's last events (Hide, …) still come here: look them up safely.
        if event.type() == QEvent.Type.Show and watched is getattr(self, "widget", None) \
                and self.stale and self._pending:
            self._schedule()
        return False

    def _fire(self) -> None:
        self._scheduled = False
        AreaWatch._scheduled_watches.discard(self)
        if not self._pending:
            return
        if not self.widget.isVisible():  # hidden meanwhile: when it is shown again
            self.stale = True
            return
        pending, self._pending = self._pending, []
        self.stale = False
        self.reloads += 1
        self._reload(merge(pending))


def merge(notices: list[Changes]) -> Changes:
    """Several notices as one: every area, the ids where all of them knew the ids."""
    if len(notices) == 1:
        return notices[0]
    if any(n.everything for n in notices):
        return Changes.all()
    areas = frozenset().union(*(n.areas for n in notices))
    ids: dict[Area, frozenset[int]] = {}
    for area in areas:
        touching = [n for n in notices if area in n.areas]
        if all(area in n.ids for n in touching):
            ids[area] = frozenset().union(*(n.ids[area] for n in touching))
    initiators = {id(n.initiator) for n in notices}
    return Changes(areas, ids, notices[0].initiator if len(initiators) == 1 else None)


__all__ = ["AreaWatch", "initiated_by", "merge"]
