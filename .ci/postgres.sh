# Sourced by .ci/run: starts a PostgreSQL server of this run's own and exports CONSULTDESK_TEST_POSTGRES_URL
# (an admin role that may CREATE DATABASE), so the README's test command runs the suite on PostgreSQL too.
# Data and socket in a temporary folder, loopback only, a free port; stopped and removed on exit, whatever
# the result. Durability is off (fsync etc.): the data is thrown away, and each test copies a database.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | grep '/15/bin' || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] && command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    if apt-cache show postgresql-15 >/dev/null 2>&1; then server_package=postgresql-15; else server_package=postgresql; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$server_package"
fi
PG_BIN="$(pg_bin | head -n 1)"
if [ -z "$PG_BIN" ]; then
    echo "找不到 PostgreSQL 服务器程序（/usr/lib/postgresql/*/bin），无法在 PostgreSQL 上运行测试" >&2
    exit 1
fi
PG_DIR="$(mktemp -d /tmp/consultdesk-ci-pg.XXXXXX)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
stop_server() {
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast -w >/dev/null || true; fi
    rm -rf "$PG_DIR"
}
trap stop_server EXIT
trap 'exit 130' INT TERM  # so the EXIT trap runs on an interrupt too
# CONSULTDESK_CI_PG_PORT: a port of one's own on a shared machine; else any free one
PG_PORT="${CONSULTDESK_CI_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --locale=C.UTF-8 -E UTF8 >"$PG_DIR/initdb.log"
# What the connection tests need (tests/server_roles.py): TLS with a self-signed certificate, members of
# cd_password_login must give a password (scram-sha-256), members of cd_tls_login must use TLS. These lines
# come first (pg_hba.conf: the first matching line decides); everyone else keeps initdb's trust.
as_pg openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$PG_DIR/server.key" -out "$PG_DIR/server.crt" 2>"$PG_DIR/openssl.log" \
    || { echo "无法用 openssl 生成测试服务器的证书：" >&2; cat "$PG_DIR/openssl.log" >&2; exit 1; }
as_pg chmod 600 "$PG_DIR/server.key"
as_pg sh -c "{ printf '%s\n' 'hostnossl all +cd_tls_login      127.0.0.1/32 reject' \
                             'host      all +cd_password_login 127.0.0.1/32 scram-sha-256'; \
               cat '$PG_DIR/data/pg_hba.conf'; } >'$PG_DIR/pg_hba.conf' && mv '$PG_DIR/pg_hba.conf' '$PG_DIR/data/pg_hba.conf'"
# the two groups, in single-user mode before the server starts (no psql needed)
printf '%s\n' "CREATE ROLE cd_password_login NOLOGIN;" "CREATE ROLE cd_tls_login NOLOGIN;" \
    | as_pg "$PG_BIN/postgres" --single -D "$PG_DIR/data" postgres >"$PG_DIR/roles.log" 2>&1 \
    || { echo "无法在测试服务器上建立测试用的账号组：" >&2; cat "$PG_DIR/roles.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c ssl=on -c ssl_cert_file=$PG_DIR/server.crt -c ssl_key_file=$PG_DIR/server.key" >/dev/null \
    || { echo "PostgreSQL 服务器启动失败：" >&2; cat "$PG_DIR/server.log" >&2; exit 1; }
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') 已在 127.0.0.1:$PG_PORT 启动（TLS 已开启；临时文件夹 $PG_DIR，结束后删除）"
export CONSULTDESK_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
unset CONSULTDESK_CI_PG_PORT  # this server's; a script started by the tests picks a port of its own

