"""The README's commands are the ones CI runs; main.py parses its arguments."""

import re
import subprocess
import sys
from pathlib import Path

from main import parse_args

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv .*?)\n```", text)


def test_ci_runs_exactly_the_readme_test_command():
    launch, test = readme_commands()
    assert launch.endswith("main.py --demo")
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == test
    assert "export QT_QPA_PLATFORM=offscreen" in ci
    assert "source .ci/postgres.sh" in ci  # …with a PostgreSQL server of its own (tests/test_ci_postgres.py)


def test_arguments():
    args = parse_args(["--demo", "--data-dir", "D:/协商", "--database-url", "sqlite:///x.sqlite"])
    assert args.demo and args.data_dir == "D:/协商" and args.database_url == "sqlite:///x.sqlite"
    assert not parse_args([]).demo


def test_version_flag():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "协商会务台 0.1.0" in result.stdout
