"""Watching an import's progress dialog from the GUI thread while the import writes on the database worker."""

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog


class Watch:
    """A GUI-thread timer noting what the progress dialog shows; the wrapped import waits at each progress report
    until the GUI has shown it, so the GUI provably kept processing events while the import was under way."""

    def __init__(self, dialog, on_shown=None):
        self.dialog, self.on_shown = dialog, on_shown  # on_shown(box): once a progress past 0 shows
        self.shown: list[tuple[int, int, str]] = []  # (value, maximum, label) of a visible progress dialog
        self.reports: list[int] = []  # the import's progress reports, each seen on screen before going on
        self.timer = QTimer(dialog)  # dies with the dialog: a test that fails before stop() leaves no timer behind
        self.timer.timeout.connect(self.tick)
        self.timer.start(5)

    def wrap(self, apply):
        """`apply(session, preview, …, progress=…)` or with progress third, as every import's apply takes it."""

        def watched_apply(session, preview, *args, progress=None, **kwargs):
            if progress is None:  # the preview dialogs pass it third, positionally
                *args, progress = args

            def watched(done, total):
                progress(done, total)
                deadline = time.monotonic() + 60  # a safety net against hanging, not a timing check
                while not any(value == done and maximum == total for value, maximum, _ in self.shown):
                    assert time.monotonic() < deadline, "the GUI did not show the progress"
                    time.sleep(0.005)
                self.reports.append(done)

            return apply(session, preview, *args, progress=watched, **kwargs)

        return watched_apply

    def tick(self) -> None:
        for box in self.dialog.window().findChildren(QProgressDialog):  # the bar belongs to the owner's window
            if box.isVisible():
                self.shown.append((box.value(), box.maximum(), box.labelText()))
                if self.on_shown and box.value() > 0:
                    on_shown, self.on_shown = self.on_shown, None
                    on_shown(box)

    def stop(self) -> None:
        self.timer.stop()
