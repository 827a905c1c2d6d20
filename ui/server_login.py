"""Connecting to the office database: the address this PC remembers (QSettings, never a password), and the
one way every connection is made — opened on the database executor; when the server wants a password it is
asked (ui/dialogs/password_dialog.py) and the connection tried again; any other failure goes to `on_error`
with its Chinese message. The database open so far stays open until the new one has opened."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from models.server_address import ServerAddress
from models.settings import SERVER_DATABASE, SERVER_HOST, SERVER_PORT, SERVER_SSLMODE, SERVER_USER
from ui.operations import run_background
from ui.window_state import read, write

OPEN_ERROR = "无法连接办公室数据库"


def remembered_address(settings) -> ServerAddress:
    return ServerAddress(read(settings, SERVER_HOST), read(settings, SERVER_PORT), read(settings, SERVER_DATABASE),
                         read(settings, SERVER_USER), read(settings, SERVER_SSLMODE))


def remember_address(settings, address: ServerAddress) -> None:
    for setting, value in ((SERVER_HOST, address.host), (SERVER_PORT, address.port),
                           (SERVER_DATABASE, address.database), (SERVER_USER, address.user),
                           (SERVER_SSLMODE, address.sslmode)):
        write(settings, setting, value)


def _open(url: str, backups_dir):
    from models.server import open_server

    return open_server(url, backups_dir)


def ask_password(owner: QWidget, address: ServerAddress, problem: str = "") -> str | None:
    from ui.dialogs import run_sized
    from ui.dialogs.password_dialog import PasswordDialog

    dialog = PasswordDialog(f"办公室数据库 {address.label}", address.user, problem, owner)
    try:
        return dialog.value() if run_sized(dialog) == PasswordDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def connect(context, owner: QWidget, url: str, *, on_done: Callable, on_error: Callable[[BaseException], bool],
            label: str = "正在连接办公室数据库…") -> None:
    """Open the server database at `url`; `on_done(OpenResult)`, or `on_error(exc)` (True: handled), also
    when the user cancels the password (a ServerError asking for one)."""

    def failed(exc: BaseException) -> bool:
        if getattr(exc, "asks_password", False):
            from models.server import forget_password, remember_password

            forget_password(url)  # a wrong one: asked again, and if not given, libpq's password file is tried
            address = ServerAddress.from_url(url)
            problem = "" if exc.kind == exc.PASSWORD_NEEDED else exc.message
            password = ask_password(owner, address, problem)
            if password is not None:
                remember_password(url, password)
                connect(context, owner, url, on_done=on_done, on_error=on_error, label=label)
                return True
        return on_error(exc)

    backups = context.paths.backups_dir
    run_background(context, owner, lambda _ctx: _open(url, backups), on_database=True, label=label, on_done=on_done,
                   on_error=failed, title=OPEN_ERROR)
