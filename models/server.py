"""The office database on a PostgreSQL server: its address, the password kept in memory only, opening it with
a Chinese message for each way a connection fails, and whether the account may edit.

    address = ServerAddress("192.168.1.10", 5432, "consultdesk", "zhangsan", "require")
    remember_password(address.url(), "…")       # only when the server asked for one (PasswordNeeded)
    result = open_url(address.url())            # OpenResult; result.database.read_only for a SELECT-only role

A URL never carries the password: it lives in this process's memory (`_passwords`), is handed to libpq by
`connect_args` (models/db.py's make_engine asks for it), and is never written to settings or the log. When no
password is known, libpq itself looks in its password file (pgpass.conf / ~/.pgpass).
"""

import re
import threading
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from models.errors import DatabaseFileError, DomainError
from models.server_address import (
    SSL_LABELS,
    SSL_MODES,
    ServerAddress,
    address_problems,
    check_address,
    is_server_url,
)

CONNECT_TIMEOUT_S = 10  # an address nobody answers at must not hang the app for minutes (libpq waits forever)


# -- the password, in memory only ---------------------------------------------------------------------------
_passwords: dict[str, str] = {}
_read_only: set[str] = set()
_lock = threading.Lock()


def _key(url: str) -> str:
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)  # set() keeps a None


def remember_password(url: str, password: str) -> None:
    with _lock:
        _passwords[_key(url)] = password


def forget_password(url: str) -> None:
    with _lock:
        _passwords.pop(_key(url), None)


def without_password(url: str) -> str:
    """`url` with a password written into it (--database-url …://user:secret@…) moved into memory."""
    parsed = make_url(url)
    if parsed.password is None:
        return url
    remember_password(url, parsed.password)
    return _key(url)


def connect_args(url: str) -> dict:
    """Extra arguments for the driver (models/db.py make_engine): for a server, the timeout, the name the
    administrator sees in pg_stat_activity, the password when one was given, and read-only transactions
    for an account that may only view (a write the app did not stop is then refused by the server too)."""
    if not is_server_url(url):
        return {}
    key = _key(url)
    args: dict = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "consultdesk"}
    with _lock:
        if key in _passwords:
            args["password"] = _passwords[key]
        if key in _read_only:
            args["options"] = "-c default_transaction_read_only=on"
    return args


# -- what went wrong, in Chinese ------------------------------------------------------------------------------
class ServerError(DomainError):
    """The office database could not be opened; `kind` says why (PASSWORD_NEEDED: ask and try again)."""

    UNREACHABLE = "unreachable"
    UNKNOWN_HOST = "unknown_host"
    PASSWORD_NEEDED = "password_needed"
    WRONG_PASSWORD = "wrong_password"
    NO_DATABASE = "no_database"
    NO_ACCOUNT = "no_account"
    NOT_ALLOWED = "not_allowed"
    TLS_REQUIRED = "tls_required"
    TLS_UNAVAILABLE = "tls_unavailable"
    CERTIFICATE = "certificate"
    TOO_NEW = "too_new"
    NOT_OURS = "not_ours"
    NOT_READY = "not_ready"  # a view-only account and a database not (yet) at this version's schema
    BAD_ADDRESS = "bad_address"  # no server could be reached by it (a malformed host, port or name)
    OTHER = "other"

    def __init__(self, kind: str, message: str, detail: str = ""):
        super().__init__(message)
        self.kind, self.detail = kind, detail

    @property
    def asks_password(self) -> bool:
        return self.kind in (self.PASSWORD_NEEDED, self.WRONG_PASSWORD)


ASK_ADMIN = "如仍无法连接，请把本提示告诉管理员。"


def classify(exc: BaseException, address: ServerAddress) -> ServerError:
    """A driver's connection failure → ServerError with what to do. libpq's texts are English (the client
    library has no translations); a server set to another language is matched as far as the texts below
    go, else the server's own words are shown under a general message."""
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    where = f"服务器 {address.host}（端口 {address.port}）"
    E = ServerError  # noqa: N806 - short alias for the kinds

    def error(kind: str, message: str) -> ServerError:
        return E(kind, message, raw)

    if "failed to resolve host" in low or "could not translate host name" in low:
        return error(E.UNKNOWN_HOST, f"找不到服务器“{address.host}”。请检查服务器地址是否填写正确"
                                     "（可以填 IP 地址，例如 192.168.1.10），以及本机网络是否连通。" + ASK_ADMIN)
    if "no password supplied" in low:
        return error(E.PASSWORD_NEEDED, f"{where}要求输入账号“{address.user}”的密码。")
    if "password authentication failed" in low or "口令认证失败" in raw or "password 认证失败" in low:
        return error(E.WRONG_PASSWORD, f"账号“{address.user}”的密码不正确，请重新输入。"
                                       "忘记密码时请找管理员重设。")
    if ("does not exist" in low and 'fatal:  database "' in low) or ("数据库" in raw and "不存在" in raw):
        return error(E.NO_DATABASE, f"{where}上没有名为“{address.database}”的数据库。请检查数据库名是否填写"
                                    "正确（区分大小写）；如果办公室数据库还没有建立，请管理员按说明建立。")
    if ("does not exist" in low and 'fatal:  role "' in low) or ("角色" in raw and "不存在" in raw):
        return error(E.NO_ACCOUNT, f"{where}上没有账号“{address.user}”。请检查用户名是否填写正确，"
                                   "或请管理员为您开设账号。")
    if "server does not support ssl" in low:
        chosen = SSL_LABELS.get(address.sslmode, address.sslmode)
        return error(E.TLS_UNAVAILABLE, f"{where}没有开启加密连接，而“加密连接”选的是“{chosen}”。请管理员为服务器"
                                        "开启 TLS（见说明书“管理员”一节）；在办公室内网中也可暂时选“优先加密”。")
    if "certificate" in low or "root.crt" in low:
        return error(E.CERTIFICATE, "无法验证服务器的证书（“必须加密并验证证书”需要管理员提供的根证书，"
                                    "放在本机的 PostgreSQL 证书文件夹中）。请向管理员索取证书，或改选“必须加密”。")
    if "pg_hba.conf" in low and ("no encryption" in low or "ssl off" in low):
        return error(E.TLS_REQUIRED, f"{where}只接受加密连接。请把“加密连接”改为“必须加密”或“优先加密”后重试。")
    if "pg_hba.conf" in low:
        return error(E.NOT_ALLOWED, f"{where}不允许本机以账号“{address.user}”连接数据库“{address.database}”。"
                                    "请管理员在服务器的 pg_hba.conf 中允许本机的地址。")
    if "permission denied for database" in low:
        return error(E.NOT_ALLOWED, f"账号“{address.user}”没有连接数据库“{address.database}”的权限。"
                                    "请管理员授予 CONNECT 权限。")
    if ("connection refused" in low or "timeout expired" in low or "timed out" in low
            or "no route to host" in low or "network is unreachable" in low or "could not connect" in low):
        return error(E.UNREACHABLE, f"无法连接到{where}。请检查服务器地址和端口是否正确、服务器是否已开机，"
                                    "以及本机与服务器之间的网络（防火墙需放行该端口）。" + ASK_ADMIN)
    return error(E.OTHER, f"无法连接到办公室数据库 {address.label}。服务器的答复：{raw.strip()}\n" + ASK_ADMIN)


class GrantMissingError(DomainError):
    """An editing account the server refused a write (42501): the administrator left out a GRANT."""


_DENIED = re.compile(r"permission denied for (table|sequence|relation|schema|function) (\S+)", re.IGNORECASE)
_OBJECT_NAMES = {"table": "数据表", "relation": "数据表", "sequence": "编号序列", "schema": "模式", "function": "函数"}


def missing_grant(exc: BaseException, user: str | None) -> GrantMissingError:
    """What a 42501 means for an account detected as an editor: not "view only", but a permission the
    administrator has not given (README 管理员 section), named as the server named it."""
    raw = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    found = _DENIED.search(raw)
    what = f"{_OBJECT_NAMES[found.group(1).lower()]}“{found.group(2)}”" if found else "部分数据"
    account = f"“{user}”" if user else ""
    return GrantMissingError(
        f"账号{account}是编辑账号，但缺少对{what}的权限，服务器拒绝了本次修改；本次修改未保存。"
        "请管理员按说明书“给管理员：建立办公室数据库”一节检查授权：编辑账号应属于编辑组，全部数据表和编号序列"
        "应归编辑组所有（或授予编辑组 INSERT、UPDATE、DELETE 和序列的 USAGE 权限）。"
        f"\n服务器的答复：{raw}")


# -- opening ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Probe:
    """What the server says about the account and the database before anything is written."""

    user: str
    has_tables: bool
    revision: str | None
    can_edit: bool
    can_create: bool  # may create the app's tables in an empty database
    ssl: bool


PROBE_SQL = text("""
SELECT current_user,
       to_regclass('public.alembic_version') IS NOT NULL,
       EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'),
       has_schema_privilege(current_user, 'public', 'CREATE'),
       COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)
""")
# Editing means inserting, changing and deleting the app's records (person stands for all of them: the
# administrator's GRANTs in README give an editor all tables, a viewer none).
# (With several privileges in one call has_table_privilege means "any of them": one call each.)
CAN_EDIT_SQL = text("SELECT has_table_privilege(current_user, 'public.person', 'INSERT')"
                    " AND has_table_privilege(current_user, 'public.person', 'UPDATE')"
                    " AND has_table_privilege(current_user, 'public.person', 'DELETE')")


def probe(url: str) -> Probe:
    from models.db import make_engine

    address = ServerAddress.from_url(url)
    problems = address_problems(address)
    if problems:  # said before the driver meets it (a 300-character host name is a UnicodeError there)
        raise ServerError(ServerError.BAD_ADDRESS, "\n".join(message for message, _field in problems))
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            user, versioned, has_tables, can_create, ssl = connection.execute(PROBE_SQL).one()
            revision = None
            if versioned:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            can_edit = can_create if not has_tables or not _has_person(connection) else \
                bool(connection.execute(CAN_EDIT_SQL).scalar())
    except DBAPIError as exc:
        raise classify(exc, address) from exc
    finally:
        engine.dispose()
    return Probe(user, bool(has_tables), revision, bool(can_edit), bool(can_create), bool(ssl))


def _has_person(connection) -> bool:
    return connection.execute(text("SELECT to_regclass('public.person') IS NOT NULL")).scalar()


def _refusal(address: ServerAddress, found: Probe) -> ServerError | None:
    """Why this database cannot be opened by this account, before anything is written; None if it can."""
    from models.migrations.head import HEAD

    E = ServerError  # noqa: N806
    name = f"办公室数据库 {address.label}"
    if found.revision is None and found.has_tables:
        return E(E.NOT_OURS, f"{name}中已有其他程序的数据表，不是协商会务台的数据库。为保护其中的数据，程序不会"
                             "修改它。请检查数据库名，或请管理员为协商会务台另建一个空数据库。")
    if found.revision is not None and found.revision != HEAD:
        from models.migrate import known_revisions

        if found.revision not in known_revisions():
            return E(E.TOO_NEW, f"{name}已由更新版本的协商会务台使用（数据结构版本 {found.revision}），本程序"
                                "无法安全打开它。请安装与同事相同的最新版本后再连接；数据库未被改动。")
    if found.can_edit:
        return None
    if found.revision is None:
        return E(E.NOT_READY, f"{name}还是空的。账号“{found.user}”只有查看权限，不能建立数据表：请先用编辑账号"
                              "登录一次（程序会自动建立），再用本账号查看。")
    if found.revision != HEAD:
        return E(E.NOT_READY, f"{name}的数据结构是旧版本的，需要升级后才能使用。账号“{found.user}”只有查看"
                              "权限，不能升级：请先用编辑账号以本版本登录一次（程序会自动升级），再用本账号查看。")
    return None


def open_server(url: str, server_backups=None):
    """Open the office database at `url` (no password in it): refuse what this account cannot or must not
    open, migrate and seed only with an editing account, and mark a view-only one (database.read_only)."""
    from models.db import Database
    from models.migrate import OpenResult, holds_demo, open_database

    url = without_password(url)
    address = ServerAddress.from_url(url)
    found = probe(url)
    refusal = _refusal(address, found)
    if refusal is not None:
        raise refusal
    with _lock:
        (_read_only.discard if found.can_edit else _read_only.add)(_key(url))
    if not found.can_edit:  # nothing is migrated, seeded or written: the database is used as it is
        database = Database(url)
        database.read_only = True
        database.is_demo = holds_demo(database)
        return OpenResult(database)
    try:
        return open_database(url, server_backups=server_backups)
    except DBAPIError as exc:
        raise classify(exc, address) from exc
    except DatabaseFileError as exc:  # said of a file by models/migrate.py: say it of the server
        raise ServerError(ServerError.OTHER, exc.message) from exc


def open_url(url: str, server_backups=None):
    """Open any database: a file through models/migrate.py, a server through open_server (dumped into
    `server_backups` before an upgrade)."""
    if is_server_url(url):
        return open_server(url, server_backups)
    from models.migrate import open_database

    return open_database(url)


__all__ = ["SSL_MODES", "GrantMissingError", "ServerAddress", "ServerError", "check_address", "classify",
           "connect_args", "forget_password", "is_server_url", "missing_grant",
           "open_server", "open_url", "probe", "remember_password"]
