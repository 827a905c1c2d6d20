"""Accounts on the PostgreSQL test server (tests/postgres.py) for the connection tests: a login role of a
test's own, dropped afterwards, and the GRANTs README's 管理员 section gives an editor and a viewer.

The server decides what a password or TLS is needed for (pg_hba.conf). The tests look for two group roles,
which .ci/postgres.sh sets up (with ssl = on and a self-signed certificate), and skip, saying so, on a server
that does not ask:

    hostnossl all  +cd_tls_login       127.0.0.1/32  reject          # members must use TLS (ssl = on)
    host      all  +cd_password_login  127.0.0.1/32  scram-sha-256   # members must give a password
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from tests.postgres import require_server
from tests.sql import run_statements

PASSWORD_GROUP, TLS_GROUP = "cd_password_login", "cd_tls_login"
_NO_LINE = "（pg_hba.conf 中没有相应的行；.ci/postgres.sh 启动的服务器有）"
PASSWORD_NOT_ASKED = f"测试服务器不要求 {PASSWORD_GROUP} 组的成员输入密码{_NO_LINE}"
TLS_NOT_REQUIRED = f"测试服务器不要求 {TLS_GROUP} 组的成员加密连接{_NO_LINE}"


def refusal(url: str, not_refused: str):
    """How the server refuses `url` before anything is opened (models/server.py probe: a ServerError); the test
    skips, saying `not_refused`, when the server lets it in."""
    from models.server import ServerError, probe

    try:
        probe(url)
    except ServerError as exc:
        return exc
    pytest.skip(not_refused)


def password_viewer(password: str, url: str):
    """A viewer of the database at `url` that must give `password` (where the server asks for one)."""
    return login_role(password=password, groups=(PASSWORD_GROUP,), viewer_of=database_name(url))


def admin_sql(statements: list[str], database: str | None = None) -> None:
    """Run statements as the test server's administrator (in `database`, else the server's own)."""
    url = make_url(require_server())
    if database:
        url = url.set(database=database)
    run_statements(create_engine(url, isolation_level="AUTOCOMMIT"), statements)


@contextmanager
def login_role(*, password: str | None = None, groups: tuple[str, ...] = (),
               viewer_of: str | None = None, editor_of: str | None = None) -> Iterator[str]:
    """A new login role (its name); members of `groups`, which are created when missing; a viewer of the
    database named `viewer_of`, or an editor of `editor_of` (its privileges there are dropped with it)."""
    name = f"cd_role_{uuid.uuid4().hex[:10]}"
    statements = [f"DO $$BEGIN CREATE ROLE {group} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$$"
                  for group in groups]
    statements.append(f"CREATE ROLE {name} LOGIN" + (f" PASSWORD '{password}'" if password else ""))
    statements += [f"GRANT {group} TO {name}" for group in groups]
    admin_sql(statements)
    try:
        if viewer_of:
            grant_viewer(name, viewer_of)
        if editor_of:
            grant_editor(name, editor_of)
        yield name
    finally:
        for database in filter(None, (viewer_of, editor_of)):
            revoke_all(name, database)
        admin_sql([f"DROP ROLE IF EXISTS {name}"])


def grant_viewer(role: str, database: str) -> None:
    """SELECT only, as README's 管理员 section grants the viewer group."""
    admin_sql([f'GRANT CONNECT ON DATABASE "{database}" TO {role}'])
    admin_sql([f"GRANT USAGE ON SCHEMA public TO {role}",
               f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"], database)


def grant_editor(role: str, database: str) -> None:
    """Every table and sequence the app has, by GRANT (README's editors own them instead: the same rights)."""
    admin_sql([f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {role}'])
    admin_sql([f"GRANT USAGE ON SCHEMA public TO {role}",
               f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
               f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}"], database)


def revoke_all(role: str, database: str) -> None:
    """Before the role is dropped: its privileges in a database that outlives it."""
    admin_sql([f"DROP OWNED BY {role}"], database)
    admin_sql([f'REVOKE ALL ON DATABASE "{database}" FROM {role}'])


def drop_connections(url: str) -> None:
    """What a server restart does to every open connection to the database at `url`: 57P01 terminating
    connection due to administrator command."""
    admin_sql([f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database_name(url)}'"
               " AND pid <> pg_backend_pid()"])


def accept_connections(url: str, accept: bool) -> None:
    """Off: as a stopped server, every new connection is refused (and the open ones are dropped)."""
    admin_sql([f'ALTER DATABASE "{database_name(url)}" ALLOW_CONNECTIONS {str(accept).lower()}'])
    if not accept:
        drop_connections(url)


def url_for(database_url: str, user: str, **query) -> str:
    url = make_url(database_url)._replace(username=user, password=None)
    if query:
        url = url.update_query_dict(query)
    return url.render_as_string(hide_password=False)


def database_name(url: str) -> str:
    return make_url(url).database
