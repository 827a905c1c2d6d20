#!/usr/bin/env bash
# CI, before the test suite: build the Linux bundle and its .deb, run the self-test of the bundle, install
# the .deb with apt-get, run the installed command's self-test as root and as an unprivileged user, uninstall.
# Also proves the Windows kit's wheelhouse installs offline (tests/test_windows_kit.py, slow).
# Called by .ci/run; runs as root (CI does). Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/../.."
START=$SECONDS
step() { echo "== 安装包：$1（已用 $((SECONDS - START)) 秒）"; }
fail() { echo "安装包检查失败：$1" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen

# The libraries the bundle carries must be on the build machine (PyInstaller copies them from here),
# readelf (binutils) measures what it needs, and apt-get installs the result.
have_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for package in binutils libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
    libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libdbus-1-3 \
    libfontconfig1 fonts-noto-cjk; do
    have_package "$package" || missing+=("$package")
done
if ((${#missing[@]})); then
    step "安装构建所需的系统软件包 ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

step "安装依赖和 PyInstaller"
python3 -m venv .venv && .venv/bin/pip install -q ".[package,test]"
step "生成程序目录（PyInstaller）"
PYTHON=.venv/bin/python bash resources/packaging/build_bundle.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step "程序目录自检（演示数据）"
build/package/consultdesk/consultdesk --demo --data-dir "$work/bundle-data" --self-test "$work/bundle-out"

step "生成 .deb"
.venv/bin/python resources/packaging/build_deb.py --floor-only
.venv/bin/python resources/packaging/build_deb.py --compression gzip
deb=$(ls build/package/consultdesk_*_amd64.deb)
step "apt-get install ./$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb"
[ -x /usr/bin/consultdesk ] || fail "安装后找不到 consultdesk 命令"
[ -f /usr/share/applications/consultdesk.desktop ] || fail "没有桌面启动项"
step "已安装的程序自检（root）"
consultdesk --demo --data-dir "$work/root-data" --self-test "$work/root-out"
step "已安装的程序自检（普通用户，默认数据文件夹）"
id consultdesk-ci >/dev/null 2>&1 || useradd --create-home --shell /bin/bash consultdesk-ci
user_out=$(runuser -u consultdesk-ci -- mktemp -d)
runuser -u consultdesk-ci -- env -i HOME="$(getent passwd consultdesk-ci | cut -d: -f6)" PATH=/usr/bin:/bin \
    QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 consultdesk --demo --self-test "$user_out"
rm -rf "$user_out"
step "卸载"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q --purge consultdesk
[ ! -e /opt/consultdesk ] || fail "卸载后 /opt/consultdesk 仍在：$(find /opt/consultdesk | head -5)"
[ ! -e /usr/bin/consultdesk ] || fail "卸载后 /usr/bin/consultdesk 仍在"

step "Windows 离线安装包（下载 win_amd64 依赖并离线试装）"
CONSULTDESK_WINDOWS_KIT_TEST=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_windows_kit.py \
    -o addopts="" 2>&1 | tail -n 3 | sed 's/^/  Windows 安装包：/'
step "完成"
