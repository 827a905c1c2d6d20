"""把本机数据导入办公室数据库 (models/transfer.py): the demo moved from SQLite into an empty PostgreSQL database
gives the same 2023 report paragraph and the same rows, table for table; new rows get fresh ids; and every
refusal or failure leaves the target as it was (a seeded, empty database) and the local file untouched."""

import shutil

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from models.db import Database
from models.migrate import open_database
from models.paths import sqlite_url
from models.server import ServerError
from models.services.people import PersonData, create_person
from models.services.statistics import overview, report_paragraph, year_scope
from models.settings import DEMO_VERSION, ENTRY_CODE_SECRET, SORT_KEYS_VERSION
from models.transfer import REPLACEABLE, TransferError, _rows, holdings, tables, transfer
from tests import postgres
from tests.models.test_migrations import digest, make_first_revision_database
from tests.server_roles import admin_sql, database_name, login_role, url_for

pytestmark = pytest.mark.postgres_only


def every_row(database: Database) -> dict[str, list[dict]]:
    with database.engine.connect() as connection:
        return {table.name: _rows(connection, table) for table in tables()}


def paragraph(database: Database) -> str:
    with database.session() as session:
        return report_paragraph(overview(session, year_scope(2023)))


@pytest.fixture
def demo_copy(tmp_path, demo_template):
    path = tmp_path / "本机.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def seeded_target(pg_template):
    """A server database as the app creates it (migrated and seeded, nobody has worked in it)."""
    with postgres.copy_of(pg_template) as url:
        yield url


def opened(url: str) -> Database:
    return open_database(url).database


def test_demo_moved_gives_the_same_report_rows_and_fresh_ids(demo_copy, tmp_path):
    local = opened(sqlite_url(demo_copy))
    expected_paragraph = paragraph(local)
    with local.session() as session:
        from models.services.entry_codes import entry_secret

        entry_secret(session)  # made now, so it must travel (printed 参会证 stay valid)
    expected_rows = every_row(local)
    local.dispose()
    before = digest(demo_copy)
    with postgres.fresh_database() as url:  # truly empty: migrated by the transfer itself
        steps = []
        survey, result = transfer(demo_copy, url, tmp_path / "backups", lambda *step: steps.append(step))
        assert survey.members > 0 and survey.meetings > 0 and survey.recommendations > 0
        assert result.rows == survey.rows == sum(len(rows) for rows in expected_rows.values())
        assert steps[-1][0] == steps[-1][1] == result.rows
        server = opened(url)
        try:
            assert paragraph(server) == expected_paragraph
            moved = every_row(server)
            for name, rows in expected_rows.items():
                assert moved[name] == rows, name
            settings = {row["key"]: row["value"] for row in moved["app_setting"]}
            for setting in (DEMO_VERSION, SORT_KEYS_VERSION, ENTRY_CODE_SECRET):
                assert settings[setting.key] == {r["key"]: r["value"] for r in expected_rows["app_setting"]}[
                    setting.key]
            assert server.is_demo
            _fresh_ids(server)
        finally:
            server.dispose()
    assert digest(demo_copy) == before  # the local file is only read


def _fresh_ids(server: Database) -> None:
    """Every table with a sequence hands out an id past its largest; a person saved through the app too."""
    with server.engine.begin() as connection:
        sequences = connection.exec_driver_sql(
            "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL").fetchall()
        assert len(sequences) >= 25
        for table, column, sequence in sequences:
            largest = connection.exec_driver_sql(f'SELECT COALESCE(MAX("{column}"), 0) FROM "{table}"').scalar()
            assert connection.execute(text("SELECT nextval(:s)"), {"s": sequence}).scalar() > largest, table
        largest_person = connection.exec_driver_sql("SELECT MAX(id) FROM person").scalar()
    with server.session() as session:
        person_id = create_person(session, PersonData(name="迁移后新增", gender="男"))
    assert person_id > largest_person


def target_state(url: str) -> dict[str, list[dict]]:
    database = Database(url)
    try:
        return every_row(database)
    finally:
        database.dispose()


def test_a_target_in_use_is_refused_and_left_as_it_was(demo_copy, tmp_path, pg_demo_template):
    with postgres.copy_of(pg_demo_template) as url:
        before = target_state(url)
        with pytest.raises(TransferError) as refused:
            transfer(demo_copy, url, tmp_path)
        assert "不是空数据库" in refused.value.message and "人员" in refused.value.message
        assert "、会议 " in refused.value.message and "不会覆盖" in refused.value.message
        assert target_state(url) == before


def test_a_seeded_target_counts_as_empty(seeded_target):
    database = Database(seeded_target)
    try:
        with database.engine.connect() as connection:
            assert holdings(connection) == {}
            seeded = {t.name for t in tables()
                      if connection.exec_driver_sql(f'SELECT 1 FROM "{t.name}" LIMIT 1').first()}
        assert seeded and seeded <= REPLACEABLE
    finally:
        database.dispose()


def test_a_view_only_account_is_refused(demo_copy, tmp_path, seeded_target):
    before = target_state(seeded_target)
    with login_role(viewer_of=database_name(seeded_target)) as viewer, \
            pytest.raises(TransferError, match="只有查看权限"):
        transfer(demo_copy, url_for(seeded_target, viewer), tmp_path)
    assert target_state(seeded_target) == before


def test_an_editor_short_of_one_table_is_stopped_and_rolled_back(demo_copy, tmp_path, seeded_target):
    """An editing account that may not insert into one late table: refused by the server mid-way, nothing kept."""
    before = target_state(seeded_target)
    name = database_name(seeded_target)
    with login_role() as editor:
        admin_sql([f'GRANT CONNECT ON DATABASE "{name}" TO {editor}'])
        admin_sql([f"GRANT USAGE ON SCHEMA public TO {editor}",
                   f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {editor}",
                   f"REVOKE INSERT ON recommendation FROM {editor}",
                   f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {editor}"], name)
        try:
            with pytest.raises(TransferError, match="没有写入全部数据表的权限"):
                transfer(demo_copy, url_for(seeded_target, editor), tmp_path)
        finally:
            admin_sql([f"DROP OWNED BY {editor}"], name)
            admin_sql([f'REVOKE ALL ON DATABASE "{name}" FROM {editor}'])
    assert target_state(seeded_target) == before


def test_text_the_server_refuses_is_named_before_copying(tmp_path, seeded_target):
    path = tmp_path / "本机.sqlite"
    local = opened(sqlite_url(path))
    with local.session() as session:
        person = create_person(session, PersonData(name="王五", gender="男"))
        other = create_person(session, PersonData(name="赵六", gender="女"))
    with local.engine.begin() as connection:  # SQLite stores what the forms would never let through
        connection.execute(text("UPDATE person SET employer_title = :long WHERE id = :id"),
                           {"long": "很" * 301, "id": person})
        connection.execute(text("UPDATE person SET name = :nul WHERE id = :id"), {"nul": "赵\x00六", "id": other})
        connection.execute(text("UPDATE sector SET sort_order = :big WHERE id = 1"), {"big": 2**40})
    local.dispose()
    before, file_before = target_state(seeded_target), digest(path)
    with pytest.raises(TransferError) as refused:
        transfer(path, seeded_target, tmp_path)
    message = refused.value.message
    assert "3 处" in message
    assert "人员“王五”" in message and "“工作单位及职务”：长 301 字，超过办公室数据库允许的 300 字" in message
    assert "人员“赵六”（编号 2）的“姓名”：含有不可见的空字符（NUL）" in message
    assert "界别" in message and "超出办公室数据库能保存的范围" in message
    assert target_state(seeded_target) == before
    assert digest(path) == file_before


class StopError(Exception):
    pass


def test_a_cancel_mid_copy_leaves_the_target_as_it_was(demo_copy, tmp_path, seeded_target):
    before = target_state(seeded_target)
    seen = []

    def stop_later():
        seen.append(1)
        if len(seen) == 6:  # several tables already inserted
            raise StopError

    with pytest.raises(StopError):
        transfer(demo_copy, seeded_target, tmp_path, check_cancelled=stop_later)
    assert target_state(seeded_target) == before


def test_a_server_failure_mid_copy_leaves_the_target_as_it_was(demo_copy, tmp_path, seeded_target):
    """The server refuses a late table (a trigger stands for a full disk or a dropped connection)."""
    admin_sql(["CREATE FUNCTION cd_refuse() RETURNS trigger AS $$BEGIN RAISE EXCEPTION '磁盘已满（测试）'; END$$"
               " LANGUAGE plpgsql",
               "CREATE TRIGGER cd_refuse BEFORE INSERT ON recommendation FOR EACH ROW EXECUTE FUNCTION cd_refuse()"],
              database_name(seeded_target))
    before = target_state(seeded_target)
    with pytest.raises(TransferError) as failed:
        transfer(demo_copy, seeded_target, tmp_path)
    assert "已全部撤销" in failed.value.message and "磁盘已满（测试）" in failed.value.message
    assert target_state(seeded_target) == before


def test_a_newer_schema_on_the_server_is_refused(demo_copy, tmp_path, seeded_target):
    admin_sql(["UPDATE alembic_version SET version_num = '9999'"], database_name(seeded_target))
    with pytest.raises(ServerError) as refused:
        transfer(demo_copy, seeded_target, tmp_path)
    assert refused.value.kind == ServerError.TOO_NEW


def test_a_server_nobody_answers_at_is_said(demo_copy, tmp_path):
    url = make_url(postgres.require_server()).set(port=1, database="consultdesk")
    with pytest.raises(ServerError) as refused:
        transfer(demo_copy, url.render_as_string(hide_password=False), tmp_path)
    assert refused.value.kind == ServerError.UNREACHABLE


def test_an_older_local_file_is_upgraded_after_its_backup(tmp_path, seeded_target):
    path = tmp_path / "旧版.sqlite"
    make_first_revision_database(sqlite_url(path))
    survey, result = transfer(path, seeded_target, tmp_path)
    assert list(tmp_path.glob("旧版.before-upgrade-*.sqlite"))
    assert result.rows == survey.rows > 0
