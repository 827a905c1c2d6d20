"""Backup of a server (PostgreSQL) database: before its schema is upgraded, and 文件 → 立即备份 (dump_now):
`pg_dump -Fc` into the backups folder, whole or absent (written as *.partial, renamed when pg_dump succeeded).

Decided: no upgrade without a backup. When pg_dump is missing or fails, the upgrade is refused with a
message saying how to back up by hand; an administrator who did so says it by setting
CONSULTDESK_UPGRADE_BACKED_UP=1 for one start. CONSULTDESK_PG_DUMP names pg_dump when it is not on the PATH
(on Windows it usually sits in C:\\Program Files\\PostgreSQL\\<版本>\\bin).
"""

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from models.db import PARTIAL, timestamped_path
from models.errors import DatabaseFileError
from models.os_errors import os_reason

ENV_PG_DUMP = "CONSULTDESK_PG_DUMP"
ENV_BACKED_UP = "CONSULTDESK_UPGRADE_BACKED_UP"
DUMP_TIMEOUT_S = 3600
# URL query parameters libpq understands (sslmode=require …): passed on to pg_dump as they are.
_LIBPQ_KEYS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "connect_timeout",
               "application_name", "options", "target_session_attrs", "service", "passfile", "host", "port"}


def find_pg_dump(environ=os.environ) -> str | None:
    named = environ.get(ENV_PG_DUMP)
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("pg_dump")


def backed_up_by_hand(environ=os.environ) -> bool:
    return environ.get(ENV_BACKED_UP, "").strip() in {"1", "yes", "是"}


def _conninfo(url: str) -> tuple[str, str | None]:
    """(libpq connection string without the password, the password)."""
    from psycopg.conninfo import make_conninfo

    parsed = make_url(url)
    params = {key: value for key, value in parsed.query.items() if key in _LIBPQ_KEYS and isinstance(value, str)}
    for key, value in (("host", parsed.host), ("port", parsed.port), ("user", parsed.username),
                       ("dbname", parsed.database)):
        if value is not None:
            params.setdefault(key, str(value))
    return make_conninfo(**params), parsed.password


def _how_by_hand(database: str) -> str:
    return ("请任选其一：① 在这台电脑上安装 PostgreSQL 客户端工具（含 pg_dump，版本不低于服务器），"
            f"或把环境变量 {ENV_PG_DUMP} 设为 pg_dump 的完整路径，然后重新打开；"
            f"② 请管理员手工备份（例如在服务器上运行 pg_dump -Fc -f {database}-升级前.dump {database}），"
            f"确认备份完成后，设置环境变量 {ENV_BACKED_UP}=1 再打开一次，程序即直接升级。")


def backup_server_database(url: str, folder: Path, revision: str, environ=os.environ) -> Path | None:
    """Dump the database at `url` into `folder` before upgrading it from `revision`; the dump's path, or None
    when an administrator said they backed it up. Raises DatabaseFileError (nothing changed) otherwise."""
    parsed = make_url(url)
    database = parsed.database or "数据库"
    where = parsed.render_as_string(hide_password=True)
    refused = (f"办公室数据库“{where}”的数据结构需要升级（当前版本 {revision}），升级前必须先备份，")
    pg_dump = find_pg_dump(environ)
    if pg_dump is None:
        if backed_up_by_hand(environ):
            return None
        raise DatabaseFileError(DatabaseFileError.BACKUP_FAILED, where, (
            refused + "但这台电脑上找不到 PostgreSQL 的备份程序 pg_dump，因此没有升级，数据库未被改动。"
            + _how_by_hand(database)))
    target = timestamped_path(folder, Path(f"{database}.dump"), f"before-upgrade-{revision}")
    why = _dump(pg_dump, url, target, environ)
    if why is None:
        return target
    raise DatabaseFileError(DatabaseFileError.BACKUP_FAILED, where, (
        refused + f"但用 pg_dump 备份到“{folder}”没有成功（{_said(why)}），因此没有升级，数据库未被改动。"
        "请检查这台电脑能否写入该文件夹、pg_dump 的版本是否不低于服务器；" + _how_by_hand(database)))


# -- 文件 → 立即备份 on a server ------------------------------------------------------------------------------
NO_PG_DUMP_TIP = ("这台电脑上没有 PostgreSQL 的备份程序 pg_dump，不能在这里备份办公室数据库。需要时请安装 PostgreSQL "
                  "客户端工具（信创/Linux：软件包 postgresql-client；Windows：PostgreSQL 的命令行工具），版本不低于"
                  f"服务器，或把环境变量 {ENV_PG_DUMP} 设为 pg_dump 的完整路径；平时由管理员在服务器上备份。")


def restore_hint(dump: Path, database: str) -> str:
    """How an administrator restores a dump (the commands README's 管理员 section gives)."""
    return (f"恢复方法（由管理员执行，不覆盖原数据库）：先建一个新数据库，再把备份导入其中，例如\n"
            f"  createdb -h 服务器 -U postgres -O consultdesk_editors -T template0 {database}_restored\n"
            "  pg_restore -h 服务器 -U postgres --no-owner --role=consultdesk_editors"
            f" -d {database}_restored \"{dump}\"\n"
            "再补上新库的连接权限，然后在“连接办公室数据库”中填写新数据库名即可打开"
            "（完整命令见说明书“给管理员”一节第 5 步）。")


def dump_now(url: str, folder: Path, environ=os.environ) -> Path:
    """立即备份 of the open server database: a pg_dump custom-format file in `folder` (whole or absent)."""
    parsed = make_url(url)
    database = parsed.database or "数据库"
    where = parsed.render_as_string(hide_password=True)
    pg_dump = find_pg_dump(environ)
    if pg_dump is None:
        raise DatabaseFileError(DatabaseFileError.BACKUP_FAILED, where, NO_PG_DUMP_TIP)
    target = timestamped_path(folder, Path(f"{database}.dump"), "backup")
    why = _dump(pg_dump, url, target, environ)
    if why is None:
        return target
    raise DatabaseFileError(DatabaseFileError.BACKUP_FAILED, where, (
        f"办公室数据库“{where}”没有备份成功：{_said(why)}。数据库未被改动。"
        + ("" if _versions(why) else f"请检查这台电脑能否写入文件夹“{folder}”，以及与服务器的网络；"
           "若仍不成功，请管理员在服务器上备份。")))


def _dump(pg_dump: str, url: str, target: Path, environ) -> str | None:
    """Run pg_dump -Fc into `target` (written as *.partial, renamed once whole); None, or why it failed."""
    partial = target.with_name(target.name + PARTIAL)
    conninfo, password = _conninfo(url)
    env = {**environ, "PGPASSWORD": password} if password else dict(environ)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([pg_dump, "--format=custom", "--no-password", f"--file={partial}",
                               f"--dbname={conninfo}"], env=env, capture_output=True, timeout=DUMP_TIMEOUT_S,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        why = _stderr(done.stderr) if done.returncode != 0 else None
        if why is None and partial.is_file() and partial.stat().st_size > 0:
            os.replace(partial, target)
            return None
    except subprocess.TimeoutExpired:
        why = f"pg_dump 超过 {DUMP_TIMEOUT_S // 60} 分钟仍未完成"
    except OSError as exc:  # pg_dump could not start, or the folder refused the file: said in Chinese
        why = os_reason(exc, exc.filename)
        if exc.filename and "“" not in why:  # which file: pg_dump itself, or the backup
            why += f"（{exc.filename}）"
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
    return why or "没有生成备份文件"


_VERSIONS = re.compile(r"server version:\s*([\d.]+).*?pg_dump version:\s*([\d.]+)", re.S)


def _versions(why: str) -> tuple[str, str] | None:
    """(server's, pg_dump's) version when pg_dump refused a newer server."""
    found = _VERSIONS.search(why) if "version mismatch" in why else None
    return (found.group(1), found.group(2)) if found else None


def _said(why: str) -> str:
    """pg_dump's failure as the user reads it: a version mismatch in Chinese with what to install."""
    versions = _versions(why)
    if versions is None:
        return why.strip().splitlines()[-1][:300]
    server, own = versions
    major = server.split(".")[0]
    return (f"这台电脑上的 pg_dump（版本 {own}）比服务器（版本 {server}）旧，pg_dump 不能备份更新版本的服务器。"
            f"请安装版本不低于 {major} 的 PostgreSQL 客户端工具（信创/Linux：软件包 postgresql-client-{major}；"
            f"Windows：PostgreSQL {major} 的命令行工具），或把环境变量 {ENV_PG_DUMP} 设为新版 pg_dump 的完整路径")


def _stderr(stderr: bytes) -> str:
    text = stderr.decode("utf-8", errors="replace").strip()
    return text[-2000:] if text else "pg_dump 未说明原因"
