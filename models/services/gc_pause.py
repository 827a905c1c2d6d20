"""Automatic cyclic GC paused while a service builds thousands of small acyclic objects.

The app itself runs with automatic collection off (ui/garbage.py collects on the GUI thread), so this
only keeps callers that leave it on (scripts, the benches, tests) from running a full collection of a
large heap several times per load for nothing: these rows and records hold no cycles, and reference
counting frees them as usual."""

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["gc_paused"]
