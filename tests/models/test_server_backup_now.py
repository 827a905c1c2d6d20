"""立即备份 on a server (models/server_backup.py dump_now): a real pg_dump file that README's pg_restore commands
restore into a new database the app then opens with the same data; a pg_dump older than the server, or none,
is said in Chinese with what to install, and no file is left behind."""

import subprocess
import sys

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from models.errors import DatabaseFileError
from models.server import open_server
from models.server_backup import ENV_PG_DUMP, dump_now, find_pg_dump, restore_hint
from models.tables import Meeting, Person
from tests import postgres
from tests.server_roles import admin_sql

FAKE_OLD_PG_DUMP = """#!/bin/sh
echo "pg_dump: error: aborting because of server version mismatch" >&2
echo "pg_dump: detail: server version: 16.4; pg_dump version: 15.18" >&2
exit 1
"""


def counts(url: str) -> tuple[int, int]:
    database = open_server(url).database
    try:
        with database.session() as session:
            return (session.execute(select(func.count(Person.id))).scalar_one(),
                    session.execute(select(func.count(Meeting.id))).scalar_one())
    finally:
        database.dispose()


@pytest.mark.postgres_only
@pytest.mark.skipif(find_pg_dump() is None, reason="pg_dump 不在 PATH 上")
def test_a_dump_restores_into_a_new_database_the_app_opens(demo_url, tmp_path):
    dump = dump_now(demo_url, tmp_path / "备份")
    assert dump.parent == tmp_path / "备份" and dump.suffix == ".dump" and dump.stat().st_size > 0
    assert not list(dump.parent.glob("*.partial"))
    name = make_url(demo_url).database
    assert (f"pg_restore -h 服务器 -U postgres --no-owner --role=consultdesk_editors -d {name}_restored"
            in restore_hint(dump, name))
    restored = f"{name}_restored"
    server = make_url(postgres.require_server())
    admin_sql([f'CREATE DATABASE "{restored}"'])  # = createdb, as README says
    try:
        done = subprocess.run(["pg_restore", "-h", server.host, "-p", str(server.port), "-U", server.username,
                               "--no-owner", "-d", restored, str(dump)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        restored_url = make_url(demo_url).set(database=restored).render_as_string(hide_password=False)
        assert counts(restored_url) == counts(demo_url) and counts(restored_url)[0] > 0
    finally:
        postgres.drop_database(restored)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for pg_dump")
def test_a_pg_dump_older_than_the_server_is_said_with_what_to_install(tmp_path, monkeypatch):
    fake = tmp_path / "pg_dump"
    fake.write_text(FAKE_OLD_PG_DUMP)
    fake.chmod(0o755)
    monkeypatch.setenv(ENV_PG_DUMP, str(fake))
    folder = tmp_path / "备份"
    with pytest.raises(DatabaseFileError) as failed:
        dump_now("postgresql+psycopg://editor@192.0.2.1:5432/consultdesk", folder)
    message = failed.value.message
    assert "pg_dump（版本 15.18）比服务器（版本 16.4）旧" in message
    assert "postgresql-client-16" in message and "PostgreSQL 16 的命令行工具" in message and ENV_PG_DUMP in message
    assert "数据库未被改动" in message
    assert not any(folder.iterdir())  # nothing half-written left


def test_no_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_PG_DUMP, str(tmp_path / "没有这个程序"))
    with pytest.raises(DatabaseFileError) as failed:
        dump_now("postgresql+psycopg://editor@192.0.2.1:5432/consultdesk", tmp_path)
    assert "postgresql-client" in failed.value.message and "管理员" in failed.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for pg_dump")
def test_a_folder_that_cannot_be_written_is_said_in_chinese(tmp_path, monkeypatch):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv(ENV_PG_DUMP, str(fake))
    blocker = tmp_path / "备份"
    blocker.write_text("一个文件，不是文件夹")
    with pytest.raises(DatabaseFileError) as failed:
        dump_now("postgresql+psycopg://editor@192.0.2.1:5432/consultdesk", blocker / "服务器")
    message = failed.value.message
    assert f"“{blocker}”是文件，不是文件夹" in message and "数据库未被改动" in message
    assert "Errno" not in message and "Not a directory" not in message
    assert blocker.read_text() == "一个文件，不是文件夹"
