"""文件 → 连接办公室数据库… against a real PostgreSQL server: the dialog remembers the address (never the
password), says what went wrong and keeps the database open so far, asks the password unseen when the
server wants one; the window title and 关于 name the server and database; the next start connects again."""

import logging
from contextlib import contextmanager
from urllib.parse import quote

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from models.server import forget_password
from models.server_address import ServerAddress
from tests.postgres import fresh_database
from tests.screenshots import save_screenshot
from tests.server_roles import PASSWORD_NOT_ASKED, password_viewer, refusal, url_for
from tests.ui.conftest import launch_args, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import click_button, when_modal
from ui.app import Launcher, create_application
from ui.dialogs.about import AboutDialog
from ui.dialogs.password_dialog import PasswordDialog
from ui.dialogs.server_dialog import ServerDialog

WAIT = 30000


@contextmanager
def as_administrator(manager):
    """`manager`'s set-up and clean-up done by the server's administrator, not the app (its SQL is allowed on
    this thread); the app's own work in between is still watched."""
    with SQL_GUARD.outside_app():
        value = manager.__enter__()
    try:
        yield value
    finally:
        with SQL_GUARD.outside_app():
            manager.__exit__(None, None, None)


@pytest.fixture
def server_database():
    """A server database at head (made as the administrator, before the app starts)."""
    from models.server import open_server

    with as_administrator(fresh_database()) as url:
        with SQL_GUARD.outside_app():
            open_server(url).database.dispose()
        yield url


@pytest.fixture
def window(shown_window):
    return shown_window


def fill(dialog: ServerDialog, address: ServerAddress) -> None:
    dialog.host.setText(address.host)
    dialog.port.setValue(address.port)
    dialog.database.setText(address.database)
    dialog.user.setText(address.user)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData(address.sslmode))


def connect_with(qtbot, window, address: ServerAddress, then=None, picture="server_dialog_error") -> dict:
    """Open 连接办公室数据库…, fill it, press 连接; `then(dialog)` once the attempt is over (else it is closed)."""
    seen: dict = {}

    def act(dialog: ServerDialog) -> None:
        fill(dialog, address)
        dialog.connect_button.click()

        def over() -> None:  # polled: the attempt runs in the background while the dialog stays open
            if not shiboken6.isValid(dialog) or not dialog.isVisible():
                return
            if not dialog.connect_button.isEnabled():
                QTimer.singleShot(20, over)
                return
            seen["error"] = dialog.error.text() + "".join(label.text() for label, _ in dialog.error.fields.values())
            seen["one_line"] = all(label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
                                   for label, _ in dialog.error.fields.values())
            save_screenshot(dialog, picture)
            (then or (lambda d: d.reject()))(dialog)

        QTimer.singleShot(20, over)

    seen["handled"] = when_modal(act, kind=ServerDialog)
    window.connect_action.trigger()
    qtbot.waitUntil(lambda: seen["handled"]["handled"], timeout=WAIT)
    settle(qtbot, window.context)
    return seen


def test_connecting_switches_to_the_server_and_names_it_everywhere(qtbot, window, context, server_database,
                                                                    message_log):
    address = ServerAddress.from_url(server_database)
    connect_with(qtbot, window, address)
    database = context.database
    assert database.path is None and not database.read_only
    assert window.windowTitle() == f"办公室数据库 {address.label} — 协商会务台"
    assert address.label in window.database_label.text()
    assert "已连接数据库" in message_log.texts("inform")[0]
    about = AboutDialog(context, window)
    qtbot.addWidget(about)
    assert f"办公室数据库 {address.label}" in about.database_label.text()
    assert not about.open_button.isVisible()
    save_screenshot(about, "about_server")
    settings = context.settings
    settings.sync()
    assert settings.value("server/host") == address.host and int(settings.value("server/port")) == address.port
    assert settings.value("server/database") == address.database
    assert settings.value("database/last_is_server") in (True, "true")
    # the dialog opens with what this PC used last
    dialog = ServerDialog(context, window)
    qtbot.addWidget(dialog)
    assert dialog.address() == address


def test_a_failed_connection_says_why_under_the_field_and_keeps_the_open_database(qtbot, window, context,
                                                                                  server_database, message_log):
    before, title = context.database, window.windowTitle()
    address = ServerAddress.from_url(server_database)
    seen = connect_with(qtbot, window, ServerAddress(address.host, address.port, "没有这个库", address.user),
                        picture="server_dialog_no_database")
    assert "没有名为“没有这个库”的数据库" in seen["error"]
    assert context.database is before and window.windowTitle() == title  # the open database (file or server)
    seen = connect_with(qtbot, window, ServerAddress("", address.port, address.database, ""))
    assert "请填写服务器地址" in seen["error"] and "请填写用户名" in seen["error"]
    assert context.database is before
    seen = connect_with(qtbot, window, ServerAddress("h" * 300, address.port, "库" * 30, address.user))
    assert "服务器地址不正确" in seen["error"] and "数据库名太长" in seen["error"]  # not the driver's UnicodeError
    assert seen["one_line"]  # each message whole in the one line kept under its field, not cut off
    assert context.database is before


def test_the_password_is_asked_unseen_and_never_written_down(qtbot, window, context, server_database, paths,
                                                             message_log):
    secret = "Pw-只在内存里-8d1f"
    role_made = password_viewer(secret, server_database)
    with as_administrator(role_made) as role:
        address = ServerAddress.from_url(url_for(server_database, role))
        asked: list[str] = []

        def answer_password(dialog: PasswordDialog) -> None:
            assert dialog.password.echoMode() == dialog.password.EchoMode.Password
            asked.append(dialog.problem.text())
            if len(asked) == 2:
                save_screenshot(dialog, "password_dialog_wrong")
            dialog.password.setText("错的" if len(asked) == 1 else secret)
            dialog.ok_button.click()
            if len(asked) == 1:
                when_modal(answer_password, kind=PasswordDialog)

        when_modal(answer_password, kind=PasswordDialog)
        try:
            seen = connect_with(qtbot, window, address)
            if not asked:
                pytest.skip(PASSWORD_NOT_ASKED)
            assert "error" not in seen, seen.get("error")
            assert len(asked) == 2 and "密码不正确" in asked[1]
            assert context.database.path is None and context.database.read_only
            settle(qtbot, context)
        finally:
            context.db.call_blocking(lambda _ctx: context.database.dispose())
            forget_password(address.url())
    context.settings.sync()
    for handler in logging.getLogger("consultdesk").handlers:
        handler.flush()
    for written in (paths.settings_file, *paths.log_dir.glob("*")):
        assert secret not in written.read_text(encoding="utf-8", errors="replace"), written


def test_the_next_start_connects_to_the_office_database_again(qtbot, tmp_path, server_database):
    data_dir = tmp_path / "data"
    address = ServerAddress.from_url(server_database)
    launcher = Launcher(create_application(), launch_args(data_dir))
    for setting, value in (("server/host", address.host), ("server/port", address.port),
                           ("server/database", address.database), ("server/user", address.user),
                           ("server/sslmode", address.sslmode), ("database/last_is_server", True)):
        launcher.settings.setValue(setting, value)
    with qtbot.waitSignal(launcher.ready, timeout=WAIT):
        launcher.start()
    window = launcher.window
    qtbot.addWidget(window)
    assert window.context.database.path is None
    assert window.windowTitle() == f"办公室数据库 {address.label} — 协商会务台"
    settle(qtbot, launcher.context)
    launcher.shutdown()


def test_an_unreachable_server_at_start_is_said_and_nothing_opens_silently(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    url = ServerAddress("127.0.0.1", 1, "consultdesk", "zhangsan", "disable").url()  # port 1: nobody listens
    seen = {}

    def answer(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["buttons"] = [button.text() for button in box.buttons()]
        save_screenshot(box, "startup_server_unreachable")
        click_button(box, "退出")

    launcher = Launcher(create_application(), launch_args(data_dir, database_url=url))
    when_modal(answer, kind=QMessageBox)
    with qtbot.waitSignal(launcher.gave_up, timeout=WAIT):
        launcher.start()
    launcher.shutdown()
    assert "无法连接到服务器 127.0.0.1（端口 1）" in seen["text"]
    assert "连接办公室数据库…" in seen["buttons"]
    assert not (data_dir / "consultdesk.sqlite").exists()  # no local file was made instead


def test_a_failure_at_start_can_be_put_right_in_the_connection_dialog(qtbot, tmp_path, server_database):
    data_dir = tmp_path / "data"
    right = ServerAddress.from_url(server_database)
    wrong = ServerAddress(right.host, right.port, "没有这个库", right.user, right.sslmode)
    seen = {}

    def corrected(dialog: ServerDialog) -> None:
        seen["prefilled"] = dialog.address()  # what failed, remembered for correcting
        fill(dialog, right)
        dialog.connect_button.click()

    def answer(box: QMessageBox) -> None:
        seen["text"] = box.text()
        when_modal(corrected, kind=ServerDialog)
        click_button(box, "连接办公室数据库…")

    launcher = Launcher(create_application(), launch_args(data_dir, database_url=wrong.url()))
    when_modal(answer, kind=QMessageBox)
    with qtbot.waitSignal(launcher.ready, timeout=WAIT):
        launcher.start()
    window = launcher.window
    qtbot.addWidget(window)
    assert "没有名为“没有这个库”的数据库" in seen["text"]
    assert window.context.database.path is None
    assert window.windowTitle() == f"办公室数据库 {right.label} — 协商会务台"
    settle(qtbot, launcher.context)
    launcher.shutdown()


@contextmanager
def password_account(secret: str, server_database: str):
    """(role, address): a viewer that must give `secret` — the test skips on a server that does not ask."""
    with as_administrator(password_viewer(secret, server_database)) as role:
        address = ServerAddress.from_url(url_for(server_database, role))
        with SQL_GUARD.outside_app():
            refusal(address.url(), PASSWORD_NOT_ASKED)
        yield role, address


def started(qtbot, data_dir, url: str) -> Launcher:
    """The app started on `url` as from the command line, its window up."""
    launcher = Launcher(create_application(), launch_args(data_dir, database_url=url))
    with qtbot.waitSignal(launcher.ready, timeout=WAIT):
        launcher.start()
    qtbot.addWidget(launcher.window)
    return launcher


def test_the_password_file_is_used_without_asking(qtbot, tmp_path, server_database, monkeypatch):
    secret = "pgpass-里的密码"
    with password_account(secret, server_database) as (role, address):
        pgpass = tmp_path / "pgpass.conf"
        pgpass.write_text(f"{address.host}:{address.port}:{address.database}:{role}:{secret}\n", encoding="utf-8")
        pgpass.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        asked = when_modal(lambda dialog: dialog.reject(), kind=PasswordDialog, timeout_ms=1000)
        launcher = started(qtbot, tmp_path / "data", address.url())
        assert not asked["handled"] and launcher.context.read_only
        settle(qtbot, launcher.context)
        launcher.shutdown()


def test_a_password_written_into_the_url_is_used_and_never_written_down(qtbot, tmp_path, server_database):
    secret = "写在地址里的-Pw-71c3"
    with password_account(secret, server_database) as (role, address):
        with_password = address.url().replace(f"{role}@", f"{role}:{quote(secret)}@")
        data_dir = tmp_path / "data"
        launcher = started(qtbot, data_dir, with_password)
        assert secret not in launcher.context.database.url and secret not in launcher.window.windowTitle()
        settle(qtbot, launcher.context)
        launcher.window.close()  # saves this PC's settings
        launcher.shutdown()
        forget_password(address.url())
    for handler in logging.getLogger("consultdesk").handlers:
        handler.flush()
    written = [data_dir / "settings.ini", *(data_dir / "logs").glob("*")]
    assert (data_dir / "settings.ini").is_file()
    for path in written:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert secret not in text and quote(secret) not in text, path
