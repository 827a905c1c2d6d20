"""main.py --database-url postgresql+psycopg://… --exit-when-ready on an empty server database
(CONSULTDESK_TEST_POSTGRES_URL): it creates the schema and seeds it, and two such starts at once both succeed,
one migrating while the other waits for it."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from models.db import make_engine
from models.migrate import head_revision
from models.reference_data import PARTIES, SECTORS
from tests.postgres import fresh_database

ROOT = Path(__file__).resolve().parent.parent


def start(url: str, data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--database-url", url, "--data-dir",
                             str(data_dir), "--exit-when-ready"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})


def schema_and_seed(url: str) -> tuple[str, int, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return (connection.execute(text("SELECT version_num FROM alembic_version")).scalar(),
                    connection.execute(text("SELECT COUNT(*) FROM sector")).scalar(),
                    connection.execute(text("SELECT COUNT(*) FROM party")).scalar())
    finally:
        engine.dispose()


def test_two_starts_at_once_on_an_empty_server_database_both_succeed(tmp_path):
    with fresh_database() as url:
        first, second = start(url, tmp_path / "a"), start(url, tmp_path / "b")  # two PCs, one database
        outcomes = [process.communicate(timeout=300) for process in (first, second)]
        for process, (stdout, stderr) in zip((first, second), outcomes, strict=True):
            assert process.returncode == 0, stderr
            assert "first_paint_ms=" in stdout
        assert schema_and_seed(url) == (head_revision(), len(SECTORS), len(PARTIES))  # seeded once
