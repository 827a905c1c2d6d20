"""UI fixtures: an application context on a temporary data folder, and recorded message boxes."""

import argparse

import pytest

from models.paths import resolve_paths
from ui import messages
from ui.context import AppContext
from ui.window_state import open_settings


class MessageLog:
    """Stands in for ui.messages: records what would have been shown, answers confirm() as told."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.confirm_answer = True

    def inform(self, _parent, text, title="提示", informative=None):
        self.shown.append(("inform", text + (informative or "")))

    def warn(self, _parent, text, title="提示", informative=None):
        self.shown.append(("warn", text + (informative or "")))

    def confirm(self, _parent, text, **kwargs):
        self.shown.append(("confirm", text + (kwargs.get("informative") or "")))
        return self.confirm_answer

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind is None or k == kind]


@pytest.fixture
def message_log(monkeypatch):
    log = MessageLog()
    monkeypatch.setattr(messages, "inform", log.inform)
    monkeypatch.setattr(messages, "warn", log.warn)
    monkeypatch.setattr(messages, "confirm", log.confirm)
    return log


@pytest.fixture
def paths(tmp_path):
    result = resolve_paths(tmp_path / "data")
    result.ensure()
    return result


@pytest.fixture
def context(qtbot, paths, database):
    ctx = AppContext(paths, database, open_settings(paths.settings_file))
    yield ctx
    ctx.tasks.wait_for_done()


@pytest.fixture
def demo_context(qtbot, paths, demo_database):
    ctx = AppContext(paths, demo_database, open_settings(paths.settings_file), demo=True)
    yield ctx
    ctx.tasks.wait_for_done()


def launch_args(data_dir, *, demo=False, database_url=None) -> argparse.Namespace:
    return argparse.Namespace(demo=demo, data_dir=str(data_dir), database_url=database_url, version=False)


@pytest.fixture(autouse=True)
def keep_exception_hooks(monkeypatch):
    """The Launcher installs the app's own hooks; give pytest-qt its hooks back afterwards."""
    import sys
    import threading

    from ui import errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(errors, "_reporter", None)


@pytest.fixture
def members_page(qtbot, demo_context):
    """The 委员 screen on the demo district, loaded."""
    from ui.views.members_page import MembersPage

    widget = MembersPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.total == 379, timeout=15000)
    return widget
