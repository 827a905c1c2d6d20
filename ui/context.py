"""What every screen shares: file locations, the open database, window settings, the task runner."""

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from models.db import Database
from models.paths import AppPaths
from ui.tasks import TaskRunner


class AppContext(QObject):
    database_changed = Signal()  # another database file was opened: pages reload everything
    data_changed = Signal()  # something was saved: pages refresh what they show

    def __init__(self, paths: AppPaths, database: Database, settings: QSettings, *, demo: bool = False):
        super().__init__()
        self.paths = paths
        self.database = database
        self.settings = settings
        self.demo = demo
        self.tasks = TaskRunner(lambda: self.database, self)

    def set_database(self, database: Database, *, demo: bool = False) -> None:
        old = self.database
        self.database, self.demo = database, demo
        if old is not database:
            old.dispose()
        if database.path is not None and not demo:
            self.settings.setValue("database/last_file", str(database.path))
        self.database_changed.emit()

    def call(self, service, *args, **kwargs):
        """Run one service function in its own transaction: `context.call(add_value, "sector", "新界别")`.

        Keeps sessions out of widgets; use `tasks.run` instead for anything slow.
        """
        with self.database.session() as session:
            return service(session, *args, **kwargs)

    @property
    def database_folder(self) -> Path:
        path = self.database.path
        return path.parent if path is not None else self.paths.data_dir

    def backups_folder(self) -> Path:
        return self.database_folder / "backups"
