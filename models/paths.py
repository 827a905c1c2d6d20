"""Every file location the program uses, in one place.

Default: the platformdirs user data directory.  `--data-dir DIR` (or CONSULTDESK_DATA_DIR)
moves everything, logs and window settings included, into DIR, which keeps tests and a
second installation apart from the user's real data.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from models import APP_NAME

BACKUPS_FOLDER = "backups"  # 立即备份 writes into this folder next to the database

ENV_DATA_DIR = "CONSULTDESK_DATA_DIR"
ENV_DATABASE_URL = "CONSULTDESK_DATABASE_URL"

DATABASE_FILE_NAME = "consultdesk.sqlite"
DEMO_DATABASE_FILE_NAME = "consultdesk-demo.sqlite"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    settings_file: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def demo_database_file(self) -> Path:
        return self.data_dir / DEMO_DATABASE_FILE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / BACKUPS_FOLDER

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "consultdesk.log"

    def ensure(self) -> None:
        for folder in (self.data_dir, self.log_dir, self.settings_file.parent):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: str | os.PathLike | None = None, environ=os.environ) -> AppPaths:
    chosen = data_dir or environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", settings_file=root / "settings.ini")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        settings_file=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini",
    )


def sqlite_url(path: str | os.PathLike) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def resolve_database_url(paths: AppPaths, database_url: str | None = None, *, demo: bool = False,
                         environ=os.environ) -> str:
    """--database-url wins, then the environment, then the (demo) file in the data directory."""
    if demo:
        return sqlite_url(paths.demo_database_file)
    url = database_url or environ.get(ENV_DATABASE_URL)
    if url:
        return url
    return sqlite_url(paths.database_file)
