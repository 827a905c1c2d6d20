""".ci/postgres.sh (sourced by .ci/run): a PostgreSQL server of the run's own, reachable at the URL it exports,
stopped and its folder removed when the run ends, whatever the run's result."""

import getpass
import glob
import pwd
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

ROOT = Path(__file__).resolve().parent.parent


def _can_start_a_server() -> str | None:
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        return "未安装 PostgreSQL 服务器程序（/usr/lib/postgresql/*/bin）"
    if getpass.getuser() == "root":
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "以 root 运行但没有 postgres 用户（pg_ctl 不能以 root 运行）"
    return None


def test_the_ci_server_serves_the_url_and_is_gone_after_a_failed_run():
    reason = _can_start_a_server()
    if reason:
        pytest.skip(reason)
    probe_code = (
        "import os, sqlalchemy\n"
        "e = sqlalchemy.create_engine(os.environ['CONSULTDESK_TEST_POSTGRES_URL']); c = e.connect()\n"
        "print('server', c.exec_driver_sql('SHOW server_version').scalar(),"
        " c.exec_driver_sql('SHOW listen_addresses').scalar(), 'ssl', c.exec_driver_sql('SHOW ssl').scalar())\n"
        "print('hba', c.exec_driver_sql(\"SELECT string_agg(type || ':' || array_to_string(user_name, ',') || ':'"
        " || auth_method, ' ' ORDER BY line_number) FROM pg_hba_file_rules\").scalar())\n"
        "c.close(); e.dispose()\n")
    probe = f"{shlex.quote(sys.executable)} -c {shlex.quote(probe_code)}"
    script = ("set -euo pipefail; source .ci/postgres.sh; "
              'echo "url=$CONSULTDESK_TEST_POSTGRES_URL"; echo "dir=$PG_DIR"; ' + probe + "; exit 3")
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stderr  # the run's own result is what the script returns
    url = re.search(r"^url=(\S+)$", result.stdout, re.M).group(1)
    folder = Path(re.search(r"^dir=(\S+)$", result.stdout, re.M).group(1))
    assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert re.search(r"^server \d+\.\d+ .* 127\.0\.0\.1 ssl on$", result.stdout, re.M), result.stdout  # loopback only
    # and what the password and TLS tests need (tests/server_roles.py), so they run instead of skipping
    hba = re.search(r"^hba (.*)$", result.stdout, re.M).group(1).split()
    assert hba[:2] == ["hostnossl:+cd_tls_login:reject", "host:+cd_password_login:scram-sha-256"], hba
    assert not folder.exists()  # data, socket and log removed
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    with pytest.raises(OperationalError):  # and the server stopped
        engine.connect()
    engine.dispose()
