#!/usr/bin/env bash
# The Linux one-folder bundle, into build/package/consultdesk/ (PyInstaller, consultdesk.spec beside this
# script). Needs the project's dependencies and the "package" extra: .venv/bin/pip install ".[package]".
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath build/package --workpath build/package/work resources/packaging/consultdesk.spec
echo "已生成：build/package/consultdesk/consultdesk（$(du -sh build/package/consultdesk | cut -f1)）"
