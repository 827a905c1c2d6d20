"""Start-up as a user (and CI, and the packages' smoke test) sees it: main.py --exit-when-ready shows the window,
opens the database, shows the first page's data and exits 0, printing the times; nothing heavy is imported
that the first page does not need."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("alembic", "openpyxl", "docx", "pypinyin", "models.demo.build", "models.exports", "models.imports",
         "models.printing")
# Runs main.py, then reports which of HEAVY were imported by the time it exited.
PROBE = f"""
import atexit, runpy, sys
atexit.register(lambda: print("imported=" + ",".join(m for m in {HEAVY!r} if m in sys.modules)))
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


def test_exit_when_ready_fails_when_the_database_cannot_be_opened(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "consultdesk.sqlite").write_text("这不是数据库", encoding="utf-8")
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import main; "
              "from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication, QMessageBox\n"
              "def answer():\n"
              "    box = QApplication.activeModalWidget()\n"
              "    if isinstance(box, QMessageBox):\n"
              "        next(b for b in box.buttons() if b.text() == '退出').click()\n"
              "    else:\n"
              "        QTimer.singleShot(50, answer)\n"
              "import ui.app\n"
              "original = ui.app.Launcher.start\n"
              "def start(self):\n"
              "    QTimer.singleShot(50, answer)\n"
              "    original(self)\n"
              "ui.app.Launcher.start = start\n"
              f"sys.exit(main.main(['--data-dir', {str(data)!r}, '--exit-when-ready']))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "first_paint_ms=" not in result.stdout
