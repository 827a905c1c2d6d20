"""Cycles are collected on the GUI thread, never on a worker (ui/garbage.py): a Qt object in a cycle that a
worker collected was deleted off its thread and crashed a run."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from ui.garbage import collect_on_gui_thread

WAIT = 30000


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the collector frees it


def test_cycles_made_on_a_worker_are_collected_on_the_gui_thread(qtbot, qapp):
    collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    collected_on: list[int] = []

    def note(phase, _info):
        if phase == "start":
            collected_on.append(threading.get_ident())

    gc.callbacks.append(note)
    try:
        survivors = []

        def worker():
            # far past every threshold: with automatic collection on, this thread would collect
            survivors.append(weakref.ref(Node()))
            for _ in range(200_000):
                Node()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert collected_on == []  # nothing collected on the worker
        qtbot.waitUntil(lambda: survivors[0]() is None, timeout=WAIT)  # the GUI thread's tick freed it
        assert set(collected_on) == {threading.main_thread().ident}
    finally:
        gc.callbacks.remove(note)


def test_installing_twice_keeps_one_timer(qapp):
    assert collect_on_gui_thread(qapp) is collect_on_gui_thread(qapp)
    assert len([t for t in qapp.findChildren(QObject, "garbageCollector")]) == 1
