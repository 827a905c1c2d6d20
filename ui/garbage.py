"""Reference cycles are collected on the GUI thread only.

Python collects cycles in whichever thread happens to cross the allocation threshold. When that is the
database or file worker and a cycle holds a Qt object (a closure over a widget, a dialog's signal
connections), the object is deleted off its thread: a test run crashed that way (a segfault on the
database thread, "Garbage-collecting" inside SQLAlchemy's row loading). So automatic collection is off and
a timer on the GUI thread collects instead, generation by generation as Python itself would (Anki does the
same). Memory in cycles waits at most one tick; everything else is freed at once by reference counting."""

import gc

from PySide6.QtCore import QCoreApplication, QTimer

TICK_MS = 1000


def collect_on_gui_thread(app: QCoreApplication) -> QTimer:
    """Turn automatic collection off and collect on `app`'s thread every tick; stopped with the app."""
    existing = app.findChild(QTimer, "garbageCollector")
    if existing is not None:
        return existing
    gc.disable()
    timer = QTimer(app)
    timer.setObjectName("garbageCollector")
    timer.setInterval(TICK_MS)
    timer.timeout.connect(collect_due)
    timer.start()
    app.aboutToQuit.connect(timer.stop)
    return timer


def collect_due() -> int:
    """The oldest generation whose threshold is crossed, collected (with the younger ones); 0 if none."""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    due = [generation for generation in range(3) if counts[generation] >= max(thresholds[generation], 1)]
    return gc.collect(due[-1]) if due else 0
