"""Background work: one database executor, results on the GUI thread, progress only when slow, one error
policy, a change notice after every command, and nothing delivered to a widget that is gone."""

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from sqlmodel import select

from models.changes import Area
from models.errors import ConflictError, ValidationError
from models.services import lookups
from models.tables import Sector
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import click_button
from ui import operations, tasks
from ui.operations import UndeclaredChange, run_background, run_command, run_query

WAIT = 30000  # generous: the suite also runs on a loaded 2-core machine


def finished(qtbot, job):
    if not job.finished:
        with qtbot.waitSignal(job.done, timeout=WAIT):
            pass
    return job


def owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def sector_names(context) -> list[str]:
    return context.db.call_blocking(
        lambda ctx: [row.name for row in ctx.session.exec(select(Sector).order_by(Sector.sort_order))],
        database=context.database)


def test_a_query_runs_on_the_database_worker_and_its_result_arrives_on_the_gui_thread(qtbot, context):
    seen = {}

    def work(session):
        seen.setdefault("threads", []).append(threading.get_ident())
        return [row.name for row in session.exec(select(Sector).order_by(Sector.sort_order))][:2]

    def done(result):
        seen["result"] = result
        seen["on_gui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    widget = owner(qtbot)
    finished(qtbot, run_query(context, widget, work, on_done=done))
    finished(qtbot, run_query(context, widget, work, on_done=lambda _r: None))
    assert seen["result"] == ["中共", "民革"]
    assert seen["on_gui_thread"] is True
    first, second = seen["threads"]
    assert first == second != threading.get_ident()  # one worker thread, not the GUI thread


def test_jobs_run_in_the_order_they_were_asked_for(qtbot, context):
    order = []
    jobs = [run_query(context, None, lambda _s, n=n: order.append(n), on_done=lambda _r: None) for n in range(20)]
    for job in jobs:
        finished(qtbot, job)
    assert order == list(range(20))


def test_a_newer_request_with_the_same_key_replaces_a_waiting_one(qtbot, context):
    gate = threading.Event()
    ran, delivered = [], []
    blocker = run_query(context, None, lambda _s: gate.wait(WAIT / 1000), on_done=lambda _r: None)
    jobs = [run_query(context, None, lambda _s, n=n: ran.append(n) or n, on_done=delivered.append, key="list")
            for n in range(3)]
    gate.set()
    for job in (blocker, *jobs):
        finished(qtbot, job)
    assert ran == [2] and delivered == [2]  # the two older reloads never ran, nobody waits on them


def test_a_command_commits_and_publishes_what_it_changed(qtbot, context):
    notices = []
    context.notices.published.connect(notices.append)
    widget = owner(qtbot)
    job = finished(qtbot, run_command(context, widget, lambda s: lookups.add_value(s, "sector", "新界别")))
    added = job.outcome.value
    assert "新界别" in sector_names(context)
    (notice,) = notices
    assert notice.areas == {Area.LOOKUPS}
    assert notice.ids_of(Area.LOOKUPS) == {added.id}
    assert notice.initiator is widget


def test_a_failed_command_is_rolled_back_and_shown_by_the_error_policy(qtbot, context, message_log):
    notices = []
    context.notices.published.connect(notices.append)

    def work(session):
        lookups.add_value(session, "sector", "半途而废")
        raise ValidationError("导入文件第 3 行有误")

    finished(qtbot, run_command(context, owner(qtbot), work))
    assert "半途而废" not in sector_names(context)
    assert message_log.texts("warn") == ["导入文件第 3 行有误"]
    assert notices == []


def test_a_validation_error_goes_under_its_field_when_the_form_can_show_it(qtbot, context, message_log):
    shown = []

    def form(exc: ValidationError) -> bool:
        shown.append((exc.field, exc.message))
        return True

    finished(qtbot, run_command(context, owner(qtbot), lambda s: lookups.add_value(s, "sector", ""), form=form))
    assert shown and shown[0][0] == "name"
    assert message_log.texts() == []


def test_a_conflict_says_so_and_screens_fetch_the_latest_state(qtbot, context, message_log):
    notices = []
    context.notices.published.connect(notices.append)
    value = lookups_value(context, "经济")

    def stale(session):
        return lookups.rename_value(session, "sector", value.id, "经济界", expected_version=value.version + 1)

    finished(qtbot, run_command(context, owner(qtbot), stale))
    assert message_log.shown[0][0] == "warn" and "已被他人修改" in message_log.shown[0][1]
    assert [n.areas for n in notices] == [{Area.LOOKUPS}]


def lookups_value(context, name):
    return context.db.call_blocking(
        lambda ctx: next(v for v in lookups.list_values(ctx.session, "sector") if v.name == name),
        database=context.database)


def test_writing_a_table_no_service_declared_fails_in_tests(qtbot, context):
    def sneaky(session):
        session.add(Sector(name="未声明", sort_order=99))

    with qtbot.captureExceptions() as caught:
        finished(qtbot, run_command(context, None, sneaky))
    assert [kind for kind, _value, _tb in caught] == [UndeclaredChange]


def test_a_query_that_writes_fails_in_tests(qtbot, context):
    with qtbot.captureExceptions() as caught:
        finished(qtbot, run_query(context, None, lambda s: lookups.add_value(s, "sector", "读取时新增"),
                                  on_done=lambda _r: None))
    assert [kind for kind, _value, _tb in caught] == [UndeclaredChange]


def test_results_never_reach_a_widget_that_is_gone_but_the_notice_still_goes_out(qtbot, context):
    gate = threading.Event()
    notices, delivered = [], []
    context.notices.published.connect(notices.append)
    widget = QWidget()
    blocker = run_query(context, None, lambda _s: gate.wait(WAIT / 1000), on_done=lambda _r: None)
    job = run_command(context, widget, lambda s: lookups.add_value(s, "sector", "关闭后保存"),
                      on_done=delivered.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not tasks.alive(widget), timeout=WAIT)
    gate.set()
    finished(qtbot, blocker)
    finished(qtbot, job)
    assert delivered == []
    assert [n.areas for n in notices] == [{Area.LOOKUPS}]
    assert "关闭后保存" in sector_names(context)


def visible_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_quick_work_shows_no_progress_dialog(qtbot, context):
    finished(qtbot, run_background(context, owner(qtbot), lambda ctx: 42, on_done=lambda r: None))
    qtbot.wait(tasks.SHOW_AFTER_MS + 100)
    assert visible_dialogs() == []


def test_slow_work_shows_progress_and_can_be_cancelled(qtbot, context):
    seen = {"cancelled": False}
    started = threading.Event()

    def slow(ctx):
        started.set()
        for step in range(600):
            ctx.progress(step, 600, f"正在处理第 {step + 1} 行")
            ctx.check_cancelled()
            time.sleep(0.05)
        return "finished"

    job = run_background(context, owner(qtbot), slow, on_done=lambda r: seen.update(result=r),
                         on_cancel=lambda: seen.update(cancelled=True), label="正在导入…", cancellable=True)
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=WAIT)
    dialog = visible_dialogs()[0]
    assert dialog.windowTitle() == "请稍候"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=WAIT)
    assert "正在处理第" in dialog.labelText()
    with qtbot.waitSignal(job.done, timeout=WAIT):
        click_button(dialog, "取消")
    assert seen == {"cancelled": True}
    qtbot.waitUntil(lambda: not visible_dialogs(), timeout=WAIT)


def test_unexpected_errors_go_to_the_error_reporter(qtbot, context, ui_checks):
    ui_checks.expected = True
    finished(qtbot, run_background(context, owner(qtbot), lambda ctx: 1 / 0))
    (details,) = ui_checks.take()
    assert "ZeroDivisionError" in details


def test_a_conflict_reaches_watches_that_skip_their_own_writes(qtbot, context, message_log):
    from ui.watch import AreaWatch

    widget = owner(qtbot)
    widget.show()
    reloads = []
    AreaWatch(widget, context, {Area.LOOKUPS}, reloads.append, ignore_own=True)
    value = lookups_value(context, "经济")
    stale = run_command(context, widget, lambda s: lookups.rename_value(s, "sector", value.id, "经济界",
                                                                          expected_version=value.version + 1))
    finished(qtbot, stale)
    qtbot.waitUntil(lambda: bool(reloads), timeout=WAIT)  # the asking widget shows the latest state too


def test_background_work_counts_as_busy_unless_it_may_be_dropped(qtbot, context):
    release = threading.Event()
    export = run_background(context, None, lambda _ctx: release.wait(WAIT / 1000))
    check = run_background(context, None, lambda _ctx: release.wait(WAIT / 1000), read_only=True, on_database=True)
    try:
        assert context.jobs.busy  # an export under way: quitting asks first
        assert check.read_only and not export.read_only
    finally:
        release.set()
    finished(qtbot, export), finished(qtbot, check)
    assert not context.jobs.busy


def test_background_work_has_no_session(qtbot, context):
    job = finished(qtbot, run_background(context, None, lambda ctx: ctx.session is None))
    assert job.outcome.value is True


def test_finishing_while_the_progress_dialog_processes_events(qtbot, context, monkeypatch):
    """QProgressDialog.setValue() on a modal dialog processes events: the job's own finish is delivered inside
    that call. (It used to close the dialog under the caller: AttributeError on the next line.)"""
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 0)
    shown = threading.Event()
    seen = {}

    def work(ctx):
        shown.wait(WAIT / 1000)
        ctx.progress(1, 3, "第一步")  # the dialog's own estimate shows it "for real" (shown_once) …
        ctx.progress(2, 3, "第二步")  # … so this setValue() processes events: the finish queued behind it
        return "完成"                 # is delivered inside that call

    job = run_background(context, owner(qtbot), work, on_done=lambda r: seen.update(result=r), label="正在处理…")
    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=WAIT)
    qtbot.wait(200)  # the dialog's own timer has run: from now on setValue() processes events
    shown.set()
    assert context.files.wait_idle(WAIT / 1000)  # the progress and the finish are queued, in that order
    finished(qtbot, job)
    assert seen == {"result": "完成"}
    qtbot.waitUntil(lambda: not visible_dialogs(), timeout=WAIT)


@pytest.mark.parametrize("when", ["before it starts", "while it runs"])
def test_cancelling_rolls_the_work_back(qtbot, context, when):
    gate, release = threading.Event(), threading.Event()
    blocker = run_query(context, None, lambda _s: gate.wait(WAIT / 1000), on_done=lambda _r: None)
    seen = []

    def work(ctx):
        lookups.add_value(ctx.session, "sector", "取消的")
        release.wait(WAIT / 1000)

    job = run_command(context, None, work, cancellable=True, on_cancel=lambda: seen.append("cancelled"))
    if when == "before it starts":
        job.cancel()
        gate.set()
    else:
        gate.set()
        qtbot.waitUntil(lambda: context.db.current is job._item, timeout=WAIT)
        job.cancel()
    release.set()
    finished(qtbot, blocker)
    finished(qtbot, job)
    assert seen == ["cancelled"]
    assert "取消的" not in sector_names(context)


def test_quitting_cancels_what_can_be_cancelled_and_keeps_the_data(qtbot, paths, database):
    from ui.context import AppContext
    from ui.window_state import open_settings

    context = AppContext(paths, database, open_settings(paths.settings_file))
    running, saw = threading.Event(), []

    def work(ctx):
        lookups.add_value(ctx.session, "sector", "退出时未完成")
        running.set()
        for _tick in range(WAIT // 10):
            if ctx.cancelled:
                saw.append("cancelled")
                break
            time.sleep(0.01)
        ctx.check_cancelled()

    run_command(context, None, work, cancellable=True)
    assert running.wait(WAIT / 1000)
    context.shutdown(WAIT / 1000)  # as after 退出 while it ran
    assert saw == ["cancelled"]
    with SQL_GUARD.outside_app(), database.session() as session:  # the app has gone: read the file as it is
        assert "退出时未完成" not in [v.name for v in lookups.list_values(session, "sector")]


def test_strict_checks_are_on_for_the_ui_tests():
    assert operations.STRICT is True


def test_conflict_error_is_a_domain_error_shown_as_save_conflict(qtbot, context, message_log):
    def work(_session):
        raise ConflictError()

    finished(qtbot, run_command(context, owner(qtbot), work))
    assert "已被他人修改" in message_log.texts("warn")[0]


def test_a_page_deleted_while_its_list_loads_never_hears_of_it(qtbot, demo_context):
    """The hang the issue saw: a background load's answer reached a page whose table was already deleted,
    and the error dialog then waited forever. The answer is dropped instead."""
    from ui.views.members_page import MembersPage

    gate = threading.Event()
    blocker = run_query(demo_context, None, lambda _s: gate.wait(WAIT / 1000), on_done=lambda _r: None)
    page = MembersPage(demo_context)
    loaded = []
    page._loaded = loaded.append  # what the answer would reach
    page.show()
    qtbot.waitUntil(lambda: demo_context.db.pending == 2, timeout=WAIT)  # its load waits behind the blocker
    page.deleteLater()
    qtbot.waitUntil(lambda: not tasks.alive(page), timeout=WAIT)
    gate.set()
    finished(qtbot, blocker)
    assert demo_context.wait_idle(WAIT / 1000)
    qtbot.wait(50)
    assert loaded == [] and demo_context.jobs.idle
