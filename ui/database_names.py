"""How the open database is named on screen: a file by its name (or path), the office database by its
database and server — "办公室数据库 consultdesk@192.168.1.10" — and the account when it may only view."""

from models.server_address import SSL_LABELS, ServerAddress


def _address(database) -> ServerAddress | None:
    return None if database.path is not None else ServerAddress.from_url(database.url)


def short_name(database) -> str:
    """For the window title: the file's name, or 办公室数据库 database@server (只能查看)."""
    address = _address(database)
    if address is None:
        return database.path.name
    return f"办公室数据库 {address.label}" + ("（只能查看）" if database.read_only else "")


def full_name(database) -> str:
    """For the status bar, 关于 and messages: the file's path, or the server with account and TLS."""
    address = _address(database)
    if address is None:
        return database.display_name
    rights = "只能查看" if database.read_only else "可以修改"
    return (f"办公室数据库 {address.label}（账号 {address.user}，{rights}；"
            f"加密连接：{SSL_LABELS.get(address.sslmode, address.sslmode)}）")
