"""What every screen shares: file locations, the open database, this PC's settings, the executors that
run background work, the jobs under way, and the change notices."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings

from models.changes import Changes
from models.paths import BACKUPS_FOLDER, AppPaths
from models.settings import LAST_DATABASE_FILE
from ui.executor import Executor
from ui.notices import ChangeNotices
from ui.tasks import JobTracker
from ui.window_state import write

if TYPE_CHECKING:  # the database layer is imported only once a database opens (after the first paint)
    from models.db import Database


def open_and_migrate(url: str, backups_dir: Path | None = None):
    """Work for the database executor: open `url`, migrating it only when its revision differs (a server
    database is dumped into `backups_dir` first). The database layer (SQLAlchemy, the tables, Alembic when
    due) is imported here, off the GUI thread."""
    from models.migrate import open_database

    return open_database(url, server_backups=backups_dir)


class AppContext(QObject):
    def __init__(self, paths: AppPaths, database: "Database | None", settings: QSettings):
        super().__init__()
        self.paths = paths
        self.database = database
        self.settings = settings
        self.db = Executor("database")  # every database job of the UI, one after the other
        self.files = Executor("files")  # PDFs and workbooks from rows already read
        self.jobs = JobTracker(self)
        self.notices = ChangeNotices(self)

    @property
    def is_open(self) -> bool:
        return self.database is not None

    @property
    def demo(self) -> bool:
        """Whether the open database is the demo: read from the database when it was opened, so however it
        was opened (--demo, 打开数据库, 从备份恢复) the window title and the about box agree."""
        return self.database is not None and self.database.is_demo

    def set_database(self, database: "Database") -> None:
        """Switch to another database: every screen reloads (the old engine closes after its queued work);
        a database file (not the demo) is the one opened at the next start."""
        old = self.database
        self.database = database
        if not database.is_demo and database.path is not None:
            write(self.settings, LAST_DATABASE_FILE, str(database.path))
        if old is not None and old is not database:
            self.db.submit(lambda _ctx: old.dispose(), deliver=lambda _outcome: None)
        self.notices.publish(Changes.all())

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
        for job in list(self.jobs.active):
            job.cancel()
        self.files.shutdown(timeout)
        stopped = self.db.shutdown(timeout)
        if self.database is not None and stopped:  # else the worker is still inside a session
            self.database.dispose()
