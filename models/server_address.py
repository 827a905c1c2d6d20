"""Where the office database is: server, port, database, account and TLS — what 文件 → 连接办公室数据库…
asks and this PC remembers (never a password). Free of SQLAlchemy, so the window can build it before the
database layer is imported."""

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote

from models.text import is_fit

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
# (libpq sslmode, what the dialog says)
SSL_MODES = (
    ("disable", "不加密"),
    ("prefer", "优先加密"),  # encrypted when the server offers it, else not
    ("require", "必须加密"),
    ("verify-full", "必须加密并验证证书"),  # also checks the server's certificate against the office's root
)
SSL_LABELS = dict(SSL_MODES)


def is_server_url(url: str) -> bool:
    """postgresql://…, postgresql+psycopg://… (SQLAlchemy's dialect[+driver] scheme)."""
    return url.partition(":")[0].partition("+")[0].lower() in ("postgresql", "postgres")


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int = DEFAULT_PORT
    database: str = "consultdesk"
    user: str = ""
    sslmode: str = "prefer"

    def url(self) -> str:
        """postgresql+psycopg://user@host:port/database?sslmode=… — never with a password."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        query = f"?sslmode={self.sslmode}" if self.sslmode else ""
        return f"{DRIVER}://{user}{host}:{self.port}/{quote(self.database, safe='')}{query}"

    @classmethod
    def from_url(cls, url: str) -> "ServerAddress":
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        return cls(parsed.host or "localhost", parsed.port or DEFAULT_PORT, parsed.database or "",
                   parsed.username or "", str(parsed.query.get("sslmode", "prefer")))

    @property
    def label(self) -> str:
        """consultdesk@192.168.1.10 (the port only when it is not the usual one)."""
        port = "" if self.port == DEFAULT_PORT else f":{self.port}"
        return f"{self.database}@{self.host}{port}"


HOST_MAX = 253  # a DNS name's limit (and 63 per dot-separated part)
NAME_MAX_BYTES = 63  # PostgreSQL cuts longer database and user names (NAMEDATALEN - 1), so they never match
_HOST_PART = re.compile(r"^(?!-)[^\s/:@?#\[\]\\,;'\"<>|*]{1,63}(?<!-)$")  # a computer name may be Chinese


def _unprintable(text: str) -> bool:
    """Characters no name can hold: what models/text.py cleans out of any text, and tab or line break."""
    return not is_fit(text) or any(ch in text for ch in "\t\n")


def address_problems(address: ServerAddress) -> list[tuple[str, str]]:
    """(message, field) for each part no server could be reached or logged in by — whatever filled the
    address in (the dialog, --database-url, the environment). Missing parts are the dialog's to say. Each
    message fits the one line the dialog keeps under its field."""
    problems = []
    host = address.host.strip()
    if host and not _is_ip(host) and (len(host) > HOST_MAX or _unprintable(host) or not all(
            _HOST_PART.match(part) for part in host.rstrip(".").split("."))):
        problems.append(("服务器地址不正确（应为 IP 地址或计算机名，不含空格和 /:@）。", "host"))
    if not 0 < address.port < 65536:
        problems.append(("端口应为 1–65535 之间的数字，通常是 5432。", "port"))
    for value, field, label in ((address.database, "database", "数据库名"), (address.user, "user", "用户名")):
        if _unprintable(value):
            problems.append((f"{label}中有看不见的控制字符，请重新输入。", field))
        elif len(value.encode("utf-8")) > NAME_MAX_BYTES:
            problems.append((f"{label}太长：最多 {NAME_MAX_BYTES} 个字节（约 21 个汉字）。", field))
    return problems


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def check_address(address: ServerAddress) -> None:
    """Refuse an address the dialog cannot connect to, naming every missing or malformed field."""
    from models.errors import FieldErrors

    errors = FieldErrors()
    if not address.host.strip():
        errors.add("请填写服务器地址（例如 192.168.1.10 或服务器的计算机名）。", "host")
    if not address.database.strip():
        errors.add("请填写数据库名（由管理员告知，例如 consultdesk）。", "database")
    if not address.user.strip():
        errors.add("请填写用户名（由管理员为您开设的数据库账号）。", "user")
    if address.sslmode not in SSL_LABELS:
        errors.add("请选择加密方式。", "sslmode")
    for message, field in address_problems(address):
        errors.add(message, field)
    errors.raise_if_any()
