"""Guards against defects of the Qt binding itself that would crash the app in a long session."""

import gc
import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    with_object = Signal(object)


def test_emitting_signals_keeps_reference_counts(qtbot):
    """PySide6 6.12.0 lost a reference to True on every emit(): pyproject excludes that release."""
    emitter = Emitter()
    received = []
    emitter.plain.connect(lambda: received.append(1))
    emitter.with_object.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(500):
        emitter.plain.emit()
        emitter.with_object.emit((1,))
    gc.collect()
    assert len(received) == 1000
    assert sys.getrefcount(True) >= before - 5
