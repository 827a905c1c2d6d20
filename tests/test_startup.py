"""Start-up as a user (and CI, and the packages' smoke test) sees it: main.py --exit-when-ready shows the window,
opens the database, shows the first page's data and exits 0, printing the times; nothing heavy is imported
that the first page does not need."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("alembic", "openpyxl", "docx", "pypinyin", "models.demo.build", "models.exports", "models.imports",
         "models.printing")
# Runs main.py, then reports which of HEAVY were imported by the time it exited, and which database modules
# the GUI thread imported first: importing them there while the database thread imports them too can hand
# one thread a half-initialised module (an ImportError that made the start fail now and then).
PROBE = f"""
import atexit, builtins, runpy, sys, threading
atexit.register(lambda: print("imported=" + ",".join(m for m in {HEAVY!r} if m in sys.modules)))
gui_imports, plain_import = [], builtins.__import__
def watched_import(name, *args, **kwargs):
    if (name.split(".")[0] in ("sqlalchemy", "sqlmodel") and name not in sys.modules
            and threading.current_thread() is threading.main_thread()):
        gui_imports.append(name)
    return plain_import(name, *args, **kwargs)
builtins.__import__ = watched_import
atexit.register(lambda: print("gui_thread_db_imports=" + ",".join(gui_imports)))
sys.argv = ["main.py", *sys.argv[1:]]
sys.path.insert(0, {str(ROOT)!r})
runpy.run_path({str(ROOT / "main.py")!r}, run_name="__main__")
"""


def start(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, *args, "--exit-when-ready"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})


def test_exit_when_ready_on_the_demo_database(demo_file):
    result = start("--demo", "--data-dir", str(demo_file.parent))
    assert result.returncode == 0, result.stderr
    times = next(line for line in result.stdout.splitlines() if line.startswith("first_paint_ms="))
    first_paint, ready = (float(part.split("=")[1]) for part in times.split())
    assert 0 < first_paint <= ready
    imported = next(line for line in result.stdout.splitlines() if line.startswith("imported="))
    assert imported == "imported=", imported  # no migration due, no demo to build, nothing printed or exported
    gui_imports = next(line for line in result.stdout.splitlines() if line.startswith("gui_thread_db_imports="))
    assert gui_imports == "gui_thread_db_imports=", gui_imports


def test_exit_when_ready_fails_at_once_when_the_database_cannot_be_opened(tmp_path):
    """Unattended, nobody can answer 打开其他数据库/退出: it says why on stderr and exits 1 (not after the
    120-second give-up)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "consultdesk.sqlite").write_text("这不是数据库", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "--exit-when-ready"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "无法打开数据库" in result.stderr and "first_paint_ms=" not in result.stdout
    assert (data / "consultdesk.sqlite").read_text(encoding="utf-8") == "这不是数据库"  # left as it was
