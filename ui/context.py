"""What every screen shares: file locations, the open database, this PC's settings, the executors that
run background work, the jobs under way, and the change notices."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from models.changes import Changes
from models.paths import BACKUPS_FOLDER, AppPaths
from models.server_address import is_server_url
from models.settings import LAST_DATABASE_FILE, LAST_DATABASE_SERVER, OPERATOR_NAME
from ui.executor import Executor
from ui.live_updates import LiveUpdates
from ui.notices import ChangeNotices
from ui.tasks import JobTracker
from ui.window_state import read, write

if TYPE_CHECKING:  # the database layer is imported only once a database opens (after the first paint)
    from models.db import Database


def open_and_migrate(url: str, backups_dir: Path | None = None):
    """Work for the database executor: open `url` (a file, or the office database on a server), migrating it
    only when its revision differs (a server database is dumped into `backups_dir` first). The database layer
    (SQLAlchemy, the tables, Alembic when due) is imported here, off the GUI thread."""
    from models.server import open_url

    return open_url(url, server_backups=backups_dir)


class AppContext(QObject):
    database_switched = Signal()  # another database is open (view-only or not: ui/read_only.py re-applies)

    def __init__(self, paths: AppPaths, database: "Database | None", settings: QSettings):
        super().__init__()
        self.paths = paths
        self.database = database
        self.settings = settings
        self.db = Executor("database")  # every database job of the UI, one after the other
        self.files = Executor("files")  # PDFs and workbooks from rows already read
        self.jobs = JobTracker(self)
        self.notices = ChangeNotices(self)
        self.live = LiveUpdates(self)  # other PCs' saves, as notices (started by set_database)
        self.apply_operator_name()

    @property
    def is_open(self) -> bool:
        return self.database is not None

    @property
    def read_only(self) -> bool:
        """The open database's account may only view (a server role with SELECT only): every editing
        action is off (ui/read_only.py) and run_command refuses."""
        return self.database is not None and self.database.read_only

    @property
    def demo(self) -> bool:
        """Whether the open database is the demo: read from the database when it was opened, so however it
        was opened (--demo, 打开数据库, 从备份恢复) the window title and the about box agree."""
        return self.database is not None and self.database.is_demo

    def set_database(self, database: "Database") -> None:
        """Switch to another database: every screen reloads (the old engine closes after its queued work);
        a database file (not the demo), or the office database on a server, is the one opened at the next
        start (the server's address remembered, never its password). Other clients' saves to it are shown
        from now on (ui/live_updates.py)."""
        old = self.database
        self.database = database
        self.apply_operator_name()
        self.live.follow(database)
        if not database.is_demo and database.path is not None:
            write(self.settings, LAST_DATABASE_FILE, str(database.path))
            write(self.settings, LAST_DATABASE_SERVER, False)
        elif is_server_url(database.url):
            from models.server_address import ServerAddress
            from ui.server_login import remember_address

            remember_address(self.settings, ServerAddress.from_url(database.url))
            write(self.settings, LAST_DATABASE_SERVER, True)
        if old is not None and old is not database:
            self.db.submit(lambda _ctx: old.dispose(), deliver=lambda _outcome: None)
        self.database_switched.emit()
        self.notices.publish(Changes.all())

    def apply_operator_name(self) -> None:
        """This PC's name for the audit log (设置 → 本机操作人…) to the open database (used on a file; a server
        records its login). A stored name that is no longer acceptable (a hand-edited settings file): the system
        user."""
        if self.database is None:
            return
        from models.audit import check_operator_name  # the database layer is loaded once one is open
        from models.errors import ValidationError

        try:
            name = check_operator_name(read(self.settings, OPERATOR_NAME))
        except ValidationError:
            name = ""
        self.database.operator.pc_name = name or None

    @property
    def database_folder(self) -> Path:
        path = self.database.path if self.database is not None else None
        return path.parent if path is not None else self.paths.data_dir

    def backups_folder(self) -> Path:
        return self.database_folder / BACKUPS_FOLDER

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until both executors have nothing queued or running (shutdown and tests)."""
        return self.db.wait_idle(timeout) and self.files.wait_idle(timeout)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the workers: work that can be cancelled is (the user agreed to quit while it ran), the rest
        finishes; the database is closed once nothing uses it any more."""
        self.live.stop()
        for job in list(self.jobs.active):
            job.cancel()
        self.files.shutdown(timeout)
        stopped = self.db.shutdown(timeout)
        if self.database is not None and stopped:  # else the worker is still inside a session
            self.database.dispose()
