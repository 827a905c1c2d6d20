"""A PostgreSQL server for tests, when one is given: CONSULTDESK_TEST_POSTGRES_URL names a role that may
CREATE DATABASE (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres). Without it, PostgreSQL
tests skip and say how to enable them.

Each test's database is a copy of a template database made once per test run (CREATE DATABASE … TEMPLATE
is a file copy, far cheaper than migrating and seeding again); the templates carry this run's own suffix,
so two test runs against one server do not share or drop each other's."""

import functools
import os
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

ENV = "CONSULTDESK_TEST_POSTGRES_URL"
SKIP_REASON = f"未设置 {ENV}（PostgreSQL 服务器地址），跳过 PostgreSQL 测试"
HOW_TO_ENABLE = (f"设置环境变量 {ENV}=postgresql+psycopg://用户@主机:端口/postgres（该角色须能 CREATE DATABASE）"
                 "后再运行同一条命令，或运行 .ci/run（它自带一个临时的 PostgreSQL 15 服务器）")


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def require_server() -> str:
    url = server_url()
    if url is None:
        pytest.skip(SKIP_REASON)
    return url


@functools.cache
def _admin(url: str):
    """One AUTOCOMMIT engine per server for the whole run: creating and dropping databases reuses its
    connection instead of logging in again for every test."""
    from sqlalchemy import create_engine

    return create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)


def _url_of(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _create(url: str, name: str, template: str | None) -> None:
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin(url).connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')


def drop_database(name: str) -> None:
    url = require_server()
    with _admin(url).connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """The URL of a new, empty database on the test server (or a copy of `template`), dropped afterwards."""
    url = require_server()
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    try:
        _create(url, name, template)
        yield _url_of(url, name)
    finally:
        drop_database(name)


def make_template(label: str, fill: Callable[[str], None], template: str | None = None) -> str:
    """A database named after `label` and this run, filled by `fill(url)` (which must close every
    connection it opened: a template with a connection cannot be copied); returns its name."""
    url = require_server()
    name = f"cd_{label}_{uuid.uuid4().hex[:8]}"
    _create(url, name, template)
    try:
        fill(_url_of(url, name))
    except BaseException:
        drop_database(name)
        raise
    return name


class _Copies:
    """Copies of one template, made one ahead and dropped after use on a thread of their own: a test waits
    for neither CREATE DATABASE nor DROP DATABASE, which the server does while the previous test runs."""

    def __init__(self, url: str, template: str):
        self.url, self.template = url, template
        self._ready: queue.Queue = queue.Queue()
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._work, name=f"copies of {template}", daemon=True)
        self._thread.start()
        self._jobs.put("create")

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if job == "create":
                    name = f"cd_test_{uuid.uuid4().hex[:12]}"
                    _create(self.url, name, self.template)
                    self._ready.put(name)
                else:
                    drop_database(job)
            except Exception as exc:  # told to the test that waits for the copy
                self._ready.put(exc)

    def take(self) -> str:
        made = self._ready.get(timeout=600)
        if isinstance(made, Exception):
            raise made
        self._jobs.put("create")  # the next test's copy, made while this one runs
        return made

    def give_back(self, name: str) -> None:
        self._jobs.put(name)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()
        while not self._ready.empty():
            made = self._ready.get()
            if isinstance(made, str):
                drop_database(made)


_COPIES: dict[str, _Copies] = {}


@contextmanager
def copy_of(template: str) -> Iterator[str]:
    """The URL of a copy of `template` (made ahead of time), dropped afterwards in the background."""
    url = require_server()
    copies = _COPIES.get(template) or _COPIES.setdefault(template, _Copies(url, template))
    name = copies.take()
    try:
        yield _url_of(url, name)
    finally:
        copies.give_back(name)


def drop_template(name: str) -> None:
    """Drop a template made by make_template, once the copies still being made or dropped are done."""
    copies = _COPIES.pop(name, None)
    if copies is not None:
        copies.close()
    drop_database(name)

