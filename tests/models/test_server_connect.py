"""The office database on a real PostgreSQL server: the URL never holds the password, every way a connection
fails gets its Chinese message, a schema this version does not know is refused untouched, and a SELECT-only
account opens the database without writing anything."""

import socket
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models import server
from models.errors import ReadOnlyError, ValidationError
from models.server import ServerError, open_server
from models.server_address import ServerAddress, address_problems, check_address
from models.services.people import PersonData, create_person
from tests.postgres import fresh_database
from tests.server_roles import (
    PASSWORD_NOT_ASKED,
    TLS_GROUP,
    TLS_NOT_REQUIRED,
    admin_sql,
    database_name,
    grant_viewer,
    login_role,
    password_viewer,
    refusal,
    url_for,
)


def kind_of(url: str) -> ServerError:
    with pytest.raises(ServerError) as raised:
        open_server(url)
    return raised.value


@pytest.fixture
def head_database():
    """A server database at head, seeded, made by the administrator (an editing account)."""
    with fresh_database() as url:
        open_server(url).database.dispose()
        yield url


# -- no server needed ---------------------------------------------------------------------------------------
def test_the_url_and_label_never_carry_a_password():
    address = ServerAddress("192.168.1.10", 5432, "consultdesk", "zhangsan", "require")
    url = address.url()
    assert url == "postgresql+psycopg://zhangsan@192.168.1.10:5432/consultdesk?sslmode=require"
    assert ServerAddress.from_url(url) == address
    assert address.label == "consultdesk@192.168.1.10"
    assert ServerAddress("h", 5443, "db", "u").label == "db@h:5443"
    stripped = server.without_password("postgresql+psycopg://zhangsan:秘密@192.168.1.10/consultdesk")
    assert "秘密" not in stripped and make_url(stripped).password is None
    assert server.connect_args(stripped)["password"] == "秘密"  # in memory, for the driver only
    server.forget_password(stripped)
    assert "password" not in server.connect_args(stripped)
    assert server.connect_args("sqlite:///x.sqlite") == {}


def test_missing_fields_are_named_each_under_its_own():
    with pytest.raises(Exception) as raised:
        check_address(ServerAddress("", 0, "", "", "prefer"))
    assert {field for field, _ in raised.value.problems} == {"host", "port", "database", "user"}


@pytest.mark.parametrize(("address", "field", "words"), [
    (ServerAddress("h" * 300, 5432, "consultdesk", "editor"), "host", "服务器地址不正确"),
    (ServerAddress("政协 服务器", 5432, "consultdesk", "editor"), "host", "不含空格"),
    (ServerAddress("192.168.1.10", 5432, "库" * 30, "editor"), "database", "最多 63 个字节"),
    (ServerAddress("192.168.1.10", 5432, "consultdesk", "edi\x00tor"), "user", "控制字符"),
    (ServerAddress("192.168.1.10", 5432, "consult\ufffedesk", "editor"), "database", "控制字符"),
])
def test_an_address_no_server_answers_to_is_said_under_its_field(address, field, words):
    with pytest.raises(ValidationError) as raised:
        check_address(address)
    assert [(f, words in message) for f, message in raised.value.problems] == [(field, True)]


@pytest.mark.parametrize("address", [ServerAddress("192.168.1.10"), ServerAddress("fe80::1"),
                                     ServerAddress("政协服务器"), ServerAddress("db.office.local."),
                                     ServerAddress("zx-pg01", 5440, "协商会务台", "联络室")])
def test_ordinary_addresses_have_no_problem(address):
    assert address_problems(address) == []


def test_a_url_no_server_answers_to_is_refused_before_the_driver_sees_it():
    """From --database-url or the environment: a 300-character host was a UnicodeError inside psycopg, a port
    of 99999 libpq's English "invalid port number"."""
    for url in ("postgresql+psycopg://u@" + "h" * 300 + ":5432/db", "postgresql+psycopg://u@127.0.0.1:99999/db"):
        with pytest.raises(ServerError) as raised:
            open_server(url)
        assert raised.value.kind == ServerError.BAD_ADDRESS
        assert "服务器地址不正确" in raised.value.message or "端口应为 1–65535" in raised.value.message


def test_a_server_without_tls_is_told_apart_from_one_that_needs_it():
    """A server with ssl = off answers a TLS request with one byte, "N": libpq's own message follows."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def answer() -> None:
        connection, _ = listener.accept()
        connection.recv(8)  # SSLRequest
        connection.sendall(b"N")
        connection.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        error = kind_of(ServerAddress("127.0.0.1", port, "consultdesk", "zhangsan", "require").url())
    finally:
        thread.join(10)
        listener.close()
    assert error.kind == ServerError.TLS_UNAVAILABLE
    assert "没有开启加密连接" in error.message and "必须加密" in error.message


# -- a real server ------------------------------------------------------------------------------------------
def test_an_empty_server_database_is_created_at_head_by_an_editing_account():
    with fresh_database() as url:
        result = open_server(url)
        try:
            assert result.created and not result.database.read_only
            with result.database.session() as session:
                assert session.execute(text("SELECT count(*) FROM sector")).scalar() > 0  # seeded
        finally:
            result.database.dispose()


def test_wrong_port_unknown_database_and_unknown_account_each_say_what_to_do(head_database):
    address = ServerAddress.from_url(head_database)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    free_port = closed.getsockname()[1]
    closed.close()  # nobody listens there now
    error = kind_of(url_for(head_database, address.user).replace(f":{address.port}/", f":{free_port}/"))
    assert error.kind == ServerError.UNREACHABLE and "端口" in error.message
    error = kind_of(make_url(head_database).set(database="没有这个库").render_as_string(hide_password=False))
    assert error.kind == ServerError.NO_DATABASE and "没有这个库" in error.message
    error = kind_of(url_for(head_database, "database_nobody"))  # "database" in the name: still an account
    assert error.kind == ServerError.NO_ACCOUNT and "database_nobody" in error.message
    error = kind_of(make_url(head_database).set(host="no-such-host.invalid").render_as_string(hide_password=False))
    assert error.kind == ServerError.UNKNOWN_HOST and "no-such-host.invalid" in error.message


def test_a_password_is_asked_for_refused_when_wrong_and_kept_in_memory_only(head_database):
    with password_viewer("正确的密码", head_database) as role:
        url = url_for(head_database, role)
        first = refusal(url, PASSWORD_NOT_ASKED)
        assert first.kind == ServerError.PASSWORD_NEEDED and first.asks_password
        server.remember_password(url, "错误的密码")
        assert kind_of(url).kind == ServerError.WRONG_PASSWORD
        server.remember_password(url, "正确的密码")
        result = open_server(url)
        try:
            assert "正确的密码" not in result.database.url
            assert result.database.read_only  # a viewer: nothing was migrated or seeded by this account
        finally:
            result.database.dispose()
            server.forget_password(url)


def test_a_server_that_requires_tls_says_so_and_accepts_an_encrypted_connection(head_database):
    with login_role(groups=(TLS_GROUP,), viewer_of=database_name(head_database)) as role:
        refused = refusal(url_for(head_database, role, sslmode="disable"), TLS_NOT_REQUIRED)
        assert refused.kind == ServerError.TLS_REQUIRED and "必须加密" in refused.message
        assert server.probe(url_for(head_database, role, sslmode="require")).ssl


def test_verify_full_without_the_root_certificate_says_what_is_missing(head_database, tmp_path, monkeypatch):
    monkeypatch.setenv("PGSSLROOTCERT", str(tmp_path / "没有的证书.crt"))
    url = url_for(head_database, ServerAddress.from_url(head_database).user, sslmode="verify-full")
    error = kind_of(url)
    if error.kind == ServerError.TLS_UNAVAILABLE:
        pytest.skip("测试服务器没有开启 TLS")
    assert error.kind == ServerError.CERTIFICATE and "证书" in error.message


def test_a_schema_newer_than_this_version_is_refused_and_left_untouched(head_database):
    admin_sql(["UPDATE alembic_version SET version_num = '9999_from_the_future'"], database_name(head_database))
    error = kind_of(head_database)
    assert error.kind == ServerError.TOO_NEW and "9999_from_the_future" in error.message
    engine = create_engine(head_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_from_the_future"
    engine.dispose()


def test_another_programs_database_is_not_touched():
    with fresh_database() as url:
        admin_sql(["CREATE TABLE invoices (id int)"], database_name(url))
        assert kind_of(url).kind == ServerError.NOT_OURS


def test_a_view_only_account_opens_without_writing_and_its_writes_are_refused_in_chinese(head_database):
    with login_role(viewer_of=database_name(head_database)) as role:
        before = _write_counters(head_database)
        result = open_server(url_for(head_database, role))
        database = result.database
        try:
            assert database.read_only and not result.created
            with database.session() as session:
                assert session.execute(text("SELECT count(*) FROM party")).scalar() > 0  # it can read
            with pytest.raises(ReadOnlyError) as raised, database.session() as session:
                create_person(session, PersonData(name="只读者"))
            assert "只有查看权限" in raised.value.message
        finally:
            database.dispose()
        assert _write_counters(head_database) == before


def test_a_view_only_account_never_creates_nor_upgrades_the_schema():
    with login_role() as role, fresh_database() as url:
        grant_viewer(role, database_name(url))
        error = kind_of(url_for(url, role))
        assert error.kind == ServerError.NOT_READY and "编辑账号" in error.message
        admin_sql(["CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)",
                   "INSERT INTO alembic_version VALUES ('0001')",
                   f"GRANT SELECT ON alembic_version TO {role}"], database_name(url))
        error = kind_of(url_for(url, role))
        assert error.kind == ServerError.NOT_READY and "升级" in error.message


def _write_counters(url: str) -> dict:
    """Every table's rows, as a digest: equal before and after means nothing was written."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).scalars().all()
            return {table: connection.execute(text(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) FROM "{table}" t'
            )).one() for table in tables}
    finally:
        engine.dispose()
