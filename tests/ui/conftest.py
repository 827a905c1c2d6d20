"""UI fixtures: an application context on a temporary data folder, recorded message boxes, and the checks
every UI test runs under (tests/ui/guards.py): no SQL on the GUI thread, no unexpected error, and every
command's changes declared."""

import argparse

import pytest

from models.paths import resolve_paths
from tests.ui.guards import SQL_GUARD, ModalWatchdog, UnexpectedErrors
from ui import errors, messages, operations
from ui.context import AppContext
from ui.garbage import collect_on_gui_thread
from ui.window_state import open_settings


class MessageLog:
    """Stands in for ui.messages: records what would have been shown, answers confirm() as told."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.confirm_answer = True
        self.discard_answer = messages.DISCARD  # what "放弃未保存的修改？" is answered


    def inform(self, _parent, text, title="提示", informative=None):
        self.shown.append(("inform", text + (informative or "")))

    def warn(self, _parent, text, title="提示", informative=None):
        self.shown.append(("warn", text + (informative or "")))

    def confirm(self, _parent, text, **kwargs):
        self.shown.append(("confirm", text + (kwargs.get("informative") or "")))
        return self.confirm_answer

    def ask_discard(self, _parent, *, can_save=True, informative=None):
        offered = "（可保存）" if can_save else ""
        self.shown.append(("ask_discard", "放弃未保存的修改？" + offered + (informative or "")))
        return self.discard_answer
    def saved(self, _owner, text):
        self.shown.append(("saved", text))

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind is None or k == kind]


@pytest.fixture
def message_log(monkeypatch):
    log = MessageLog()
    monkeypatch.setattr(messages, "inform", log.inform)
    monkeypatch.setattr(messages, "warn", log.warn)
    monkeypatch.setattr(messages, "confirm", log.confirm)
    monkeypatch.setattr(messages, "ask_discard", log.ask_discard)
    monkeypatch.setattr(messages, "saved", log.saved)
    return log


@pytest.fixture
def paths(tmp_path):
    result = resolve_paths(tmp_path / "data")
    result.ensure()
    return result


def _make_context(paths, database):
    ctx = AppContext(paths, database, open_settings(paths.settings_file))
    with SQL_GUARD.running():
        yield ctx
        ctx.wait_idle()
    ctx.shutdown()


@pytest.fixture
def context(qtbot, paths, database):
    yield from _make_context(paths, database)


@pytest.fixture
def demo_context(qtbot, paths, demo_database):
    yield from _make_context(paths, demo_database)


@pytest.fixture
def shown_window(qtbot, context):
    """The main window on `context`, shown and settled: the menus as a user finds them."""
    from ui.main_window import MainWindow

    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    settle(qtbot, context)
    return main


def db_call(context: AppContext, work, *args, **kwargs):
    """Prepare or check data the way the app does: on the database executor (a test's own transaction)."""
    return context.db.call_blocking(lambda ctx: work(ctx.session, *args, **kwargs), database=context.database)


def settle(qtbot, context: AppContext, timeout: int = 30000) -> None:
    """Wait until the background work asked for so far, and what its notices started, is done and shown."""
    from ui.watch import AreaWatch

    def quiet() -> bool:
        return (context.db.pending == 0 and context.files.pending == 0 and context.jobs.idle
                and not AreaWatch.any_scheduled())

    for _round in range(100):
        qtbot.waitUntil(quiet, timeout=timeout)
        qtbot.wait(10)  # timers and queued answers due now run; they may start more work
        if quiet():
            return
    raise AssertionError("background work did not settle")


@pytest.fixture(autouse=True)
def ui_checks(request, monkeypatch, qapp):
    """Unexpected errors fail the test instead of waiting in a dialog; SQL on the GUI thread fails it;
    a command writing what no service declared fails it; a modal dialog nobody answers fails it."""
    collect_on_gui_thread(qapp)  # as the app does: a cycle freed on a worker could crash the run
    unexpected = UnexpectedErrors()
    monkeypatch.setattr(errors, "unexpected_hook", unexpected)
    monkeypatch.setattr(operations, "STRICT", True)
    SQL_GUARD.take()
    watchdog = ModalWatchdog()
    watchdog.start()
    yield unexpected
    watchdog.stop()
    stuck = watchdog.take()
    violations = SQL_GUARD.take()
    seen = unexpected.take()
    if stuck:
        pytest.fail("a modal dialog waited for an answer nobody gave: " + "; ".join(stuck), pytrace=False)
    if violations:
        pytest.fail("SQL executed on the GUI thread:\n" + "\n".join(violations[:3]), pytrace=False)
    if seen and not unexpected.expected:
        pytest.fail("unexpected error reported:\n" + "\n".join(seen[:3]), pytrace=False)


@pytest.fixture(autouse=True)
def no_operator_question(monkeypatch):
    """The app asks this PC's name for the log once, on its first database file (ui/dialogs/operator_dialog.py):
    never in a test, unless the test turns it on again."""
    from ui.dialogs import operator_dialog

    monkeypatch.setattr(operator_dialog, "ASK_ONCE", False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The test body runs as the app: no SQL on the GUI thread (fixtures that build files come before)."""
    with SQL_GUARD.running():
        return (yield)


def launch_args(data_dir, *, demo=False, database_url=None) -> argparse.Namespace:
    return argparse.Namespace(demo=demo, data_dir=str(data_dir), database_url=database_url, version=False)


@pytest.fixture
def demo_launcher(qtbot, demo_file):
    """The app started as `main.py --demo --data-dir DIR` would start it, until the first page has its data;
    the GUI-thread SQL guard on throughout, the workers shut down afterwards."""
    from ui.app import Launcher, create_application

    launcher = Launcher(create_application(), launch_args(demo_file.parent, demo=True))
    with SQL_GUARD.running():
        with qtbot.waitSignal(launcher.ready, timeout=30000):
            launcher.start()
        qtbot.addWidget(launcher.window)
        settle(qtbot, launcher.context)
        yield launcher
        launcher.context.wait_idle()
    launcher.shutdown()


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
    qtbot.waitUntil(lambda: widget.model.total == 379, timeout=30000)
    return widget
