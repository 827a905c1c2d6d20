"""本机操作人: asked once, the first time this PC opens a database file (answered or cancelled, never again),
edited from 设置 → 本机操作人… with Chinese messages for names no log could hold; on the office database the
dialog shows the login the log records, read-only, and nothing asks."""

import getpass

import pytest
from sqlmodel import select

from models.audit import OPERATOR_MAX
from models.services.people import PersonData, create_person
from models.settings import OPERATOR_NAME
from models.tables import AuditEntry
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, launch_args, settle
from tests.ui.modal import click_button, when_modal
from ui.app import Launcher, create_application
from ui.dialogs import operator_dialog
from ui.dialogs.operator_dialog import OperatorDialog
from ui.window_state import open_settings, read

WAIT = 30000
SYSTEM_USER = getpass.getuser()[:OPERATOR_MAX]


def _operators(session, name: str) -> list[str]:
    return session.exec(select(AuditEntry.operator).where(AuditEntry.entity == "person", AuditEntry.action == "新增",
                                                           AuditEntry.changes.contains(name))
                        .order_by(AuditEntry.id)).all()


def _start(qtbot, monkeypatch, data_dir, answer=None, *, unattended: bool = False, **args) -> tuple[Launcher, dict]:
    """The app started on `data_dir` (the name question on) until its first page has its data and the
    question, if it came, is answered by `answer(dialog)`. Without `answer` a question is counted and
    turned away at once. Returns the launcher and what was seen of the question."""
    monkeypatch.setattr(operator_dialog, "ASK_ONCE", True)
    launcher = Launcher(create_application(), launch_args(data_dir, **args))
    launcher.unattended = unattended
    seen = {"asked": 0}

    def asked(dialog: OperatorDialog) -> None:
        seen["asked"] += 1
        seen["prefilled"] = dialog.name.text()
        seen["title"] = dialog.windowTitle()
        if answer is not None:
            answer(dialog)

    watch = None
    if answer is not None:
        watch = when_modal(asked, kind=OperatorDialog, timeout_ms=WAIT)
    else:
        class TurnedAway(OperatorDialog):
            def exec(self) -> int:
                asked(self)
                return self.DialogCode.Rejected

        monkeypatch.setattr(operator_dialog, "OperatorDialog", TurnedAway)
    with qtbot.waitSignal(launcher.ready, timeout=WAIT):
        launcher.start()
    qtbot.addWidget(launcher.window)
    if watch is not None:
        qtbot.waitUntil(lambda: watch["handled"], timeout=WAIT)
    settle(qtbot, launcher.context)
    monkeypatch.setattr(operator_dialog, "OperatorDialog", OperatorDialog)
    return launcher, seen


def _add_person(context, name: str) -> list[str]:
    db_call(context, create_person, PersonData(name=name))
    return db_call(context, _operators, name)


def _type_and_save(qtbot, dialog: OperatorDialog, text: str) -> None:
    """Typed (ASCII), or as an input method or a paste puts it (Chinese, control characters), then 保存."""
    dialog.name.clear()
    if text.isascii() and text.isprintable():
        qtbot.keyClicks(dialog.name, text)
    else:
        dialog.name.insert(text)
    click_button(dialog, "保存")


def test_the_first_start_asks_the_name_once_and_the_changes_carry_it(qtbot, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"

    def answer(dialog: OperatorDialog) -> None:
        dialog.resize(dialog.minimumSize())
        save_screenshot(dialog, "operator_dialog-first_time")
        _type_and_save(qtbot, dialog, "  联络室小王 ")

    launcher, seen = _start(qtbot, monkeypatch, data_dir, answer)
    assert seen["asked"] == 1 and seen["prefilled"] == SYSTEM_USER and seen["title"] == "本机操作人"
    assert read(launcher.settings, OPERATOR_NAME) == "联络室小王"
    assert _add_person(launcher.context, "王芳") == ["联络室小王"]
    assert "本机操作人已设为“联络室小王”" in launcher.window.statusBar().currentMessage()
    launcher.shutdown()

    again, seen = _start(qtbot, monkeypatch, data_dir)  # the next start: never asked again
    assert seen["asked"] == 0
    assert _add_person(again.context, "李强") == ["联络室小王"]
    again.shutdown()


def test_cancel_keeps_the_system_user_and_is_not_asked_again(qtbot, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    launcher, seen = _start(qtbot, monkeypatch, data_dir, lambda dialog: click_button(dialog, "取消"))
    assert seen["asked"] == 1
    assert read(launcher.settings, OPERATOR_NAME) == ""  # answered: the system user
    assert _add_person(launcher.context, "王芳") == [SYSTEM_USER]
    launcher.shutdown()
    again, seen = _start(qtbot, monkeypatch, data_dir)
    assert seen["asked"] == 0
    again.shutdown()


def test_an_unattended_start_never_asks(qtbot, tmp_path, monkeypatch):
    """--exit-when-ready and --self-test: nobody is there to answer (the watchdog would exit 4)."""
    launcher, seen = _start(qtbot, monkeypatch, tmp_path / "data", unattended=True)
    assert seen["asked"] == 0
    assert read(launcher.settings, OPERATOR_NAME) is None  # still to be asked when someone starts it
    launcher.shutdown()


@pytest.fixture
def window(shown_window):
    return shown_window


def _open_from_menu(qtbot, window, act) -> dict:
    watch = when_modal(act, kind=OperatorDialog, timeout_ms=WAIT)
    window.operator_action.trigger()
    assert watch["handled"]
    return watch


@pytest.mark.sqlite_only
def test_the_name_is_changed_from_the_settings_menu_and_bad_names_are_refused(qtbot, window, context):
    seen = {}

    def edit(dialog: OperatorDialog) -> None:
        assert dialog.name.text() == SYSTEM_USER  # nothing stored yet: the system user
        for typed in ("=张三", "甲" * (OPERATOR_MAX + 1), "张\u0007三", "张三\ufffe"):
            _type_and_save(qtbot, dialog, typed)
            assert dialog.isVisible()  # refused: still open, nothing stored
            seen.setdefault("messages", []).append(dialog.error.fields["name"][0].text())
            if typed.startswith("="):
                save_screenshot(dialog, "1366x700-operator_dialog-refused")
        _type_and_save(qtbot, dialog, "研究室李娜")

    _open_from_menu(qtbot, window, edit)
    first, long, control, nonchar = seen["messages"]
    assert "不能以“=”开头" in first
    assert "最多 50 个字" in long
    assert "无法保存的字符" in control and "无法保存的字符" in nonchar
    assert read(context.settings, OPERATOR_NAME) == "研究室李娜"
    assert read(open_settings(context.paths.settings_file), OPERATOR_NAME) == "研究室李娜"  # written to the file
    assert _add_person(context, "王芳") == ["研究室李娜"]

    def empty(dialog: OperatorDialog) -> None:
        assert dialog.name.text() == "研究室李娜"
        _type_and_save(qtbot, dialog, "   ")

    _open_from_menu(qtbot, window, empty)
    assert read(context.settings, OPERATOR_NAME) == ""  # empty: the system user
    assert _add_person(context, "李强") == [SYSTEM_USER]


@pytest.mark.postgres_only
def test_on_a_server_the_dialog_shows_the_login_read_only_and_the_login_is_recorded(qtbot, window, context):
    from ui.window_state import write

    write(context.settings, OPERATOR_NAME, "研究室李娜")
    context.apply_operator_name()
    login = db_call(context, lambda s: s.connection().exec_driver_sql("SELECT session_user").scalar())
    seen = {}

    def look(dialog: OperatorDialog) -> None:
        qtbot.waitUntil(lambda: dialog.name.text() != "正在读取…", timeout=WAIT)
        seen.update(text=dialog.name.text(), read_only=dialog.name.isReadOnly(), save=dialog.save_button)
        save_screenshot(dialog, "1366x700-operator_dialog-server")
        click_button(dialog, "关闭")

    _open_from_menu(qtbot, window, look)
    assert seen["text"] == login and seen["read_only"] and seen["save"] is None
    assert read(context.settings, OPERATOR_NAME) == "研究室李娜"  # untouched
    assert _add_person(context, "王芳") == [login]  # the PC's name does not override the login


@pytest.mark.postgres_only
def test_opening_the_office_database_never_asks(qtbot, tmp_path, monkeypatch, database_url):
    launcher, seen = _start(qtbot, monkeypatch, tmp_path / "data", database_url=database_url)
    assert seen["asked"] == 0 and read(launcher.settings, OPERATOR_NAME) is None
    launcher.shutdown()


@pytest.mark.postgres_only
def test_two_windows_of_one_process_logged_in_as_two_people_each_record_their_own(qtbot, paths, database):
    """Two AppContexts (two windows' worth: settings, executors, a database each) on one office database,
    one login each: what each saves carries its own login, whatever this PC's name is."""
    from contextlib import ExitStack

    from tests.models.test_audit_operator import editor_client
    from tests.ui.guards import SQL_GUARD
    from ui.context import AppContext
    from ui.window_state import write

    administrator = ExitStack()  # the roles and GRANTs are the administrator's SQL, not the app's
    with SQL_GUARD.outside_app():
        zhang, a = administrator.enter_context(editor_client(database))
        li, b = administrator.enter_context(editor_client(database, via_group="cd_test_editors"))
    try:
        with ExitStack() as stack:
            contexts = []
            for client in (a, b):
                context = AppContext(paths, client, open_settings(paths.settings_file))
                stack.callback(context.shutdown)
                stack.callback(context.wait_idle)
                write(context.settings, OPERATOR_NAME, "本机姓名")
                context.apply_operator_name()
                contexts.append(context)
            first, second = contexts
            assert _add_person(first, "王芳") == [zhang]
            assert _add_person(second, "李强") == [li]
            assert _add_person(first, "赵敏") == [zhang]
    finally:
        with SQL_GUARD.outside_app():
            administrator.close()


@pytest.mark.sqlite_only
def test_a_name_spoilt_in_the_settings_file_gives_the_system_user(context):
    from ui.window_state import write

    for spoilt in ("=SUM(A1)", "张\u0007三", "甲" * 80):  # a hand-edited INI file
        write(context.settings, OPERATOR_NAME, spoilt)
        context.apply_operator_name()
        assert _add_person(context, f"王芳{len(spoilt)}{spoilt[:1]}") == [SYSTEM_USER]
    write(context.settings, OPERATOR_NAME, "研究室李娜")
    context.apply_operator_name()
    assert _add_person(context, "李强") == ["研究室李娜"]
