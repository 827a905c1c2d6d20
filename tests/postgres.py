"""A PostgreSQL server for tests, when one is given: CONSULTDESK_TEST_POSTGRES_URL names a role that may
CREATE DATABASE (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres). Without it, PostgreSQL
tests skip and say how to enable them."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "CONSULTDESK_TEST_POSTGRES_URL"
SKIP_REASON = f"未设置 {ENV}（PostgreSQL 服务器地址），跳过 PostgreSQL 测试"


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def require_server() -> str:
    url = server_url()
    if url is None:
        pytest.skip(SKIP_REASON)
    return url


def _admin(url: str):
    from sqlalchemy import create_engine

    return create_engine(url, isolation_level="AUTOCOMMIT")


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """The URL of a new, empty database on the test server (or a copy of `template`), dropped afterwards."""
    from sqlalchemy.engine import make_url

    url = require_server()
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = _admin(url)
    try:
        with admin.connect() as connection:
            copy = f" TEMPLATE {template}" if template else ""
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
