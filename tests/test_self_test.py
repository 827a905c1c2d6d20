"""--self-test DIR as CI and an office run it on an installation: three files written and read back, exit 0;
a Chinese reason and a non-zero exit when it cannot, and never a process waiting in a dialog."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.errors import DomainError
from models.self_test import FILES, check_file, pdf_pages
from ui.watchdog import DIALOG_WAITING

ROOT = Path(__file__).resolve().parent.parent
ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}


def self_test(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """main.py --self-test, or `code` run first and then main.py (to put a dialog in its way)."""
    command = [sys.executable, str(ROOT / "main.py"), *args]
    if code is not None:
        runner = (f"import runpy, sys\nsys.path.insert(0, {str(ROOT)!r})\n{code}\n"
                  "sys.argv = ['main.py', *sys.argv[1:]]\n"
                  f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')")
        command = [sys.executable, "-c", runner, *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=400, env=ENV)


def test_self_test_writes_a_pdf_a_workbook_and_a_document_that_open(demo_file, tmp_path):
    out = tmp_path / "自检"
    result = self_test("--demo", "--data-dir", str(demo_file.parent), "--self-test", str(out))
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    passed = [line for line in result.stdout.splitlines() if line.startswith("自检通过：")]
    assert len(passed) == 3, result.stdout
    if shutil.which("pdfinfo"):  # its own page count agrees with poppler's
        info = subprocess.run(["pdfinfo", str(out / "会议通知.pdf")], capture_output=True, text=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        assert f"会议通知.pdf（{pages} 页）" in result.stdout


def test_self_test_without_a_held_meeting_says_so_and_exits_1(tmp_path):
    result = self_test("--data-dir", str(tmp_path / "data"), "--self-test", str(tmp_path / "out"))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "没有已召开且有参会人员的双月协商会" in result.stderr


def test_self_test_into_a_file_instead_of_a_folder_exits_1(demo_file, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    result = self_test("--demo", "--data-dir", str(demo_file.parent), "--self-test", str(blocker))
    assert result.returncode == 1 and "是一个文件，不是文件夹" in result.stderr, result.stderr


def test_a_dialog_waiting_for_an_answer_ends_the_run_with_its_text(demo_file, tmp_path):
    """Without the watchdog this run would wait in the message box until the subprocess timeout."""
    ask = ("from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QMessageBox\n"
           "import ui.main_window as mw\nopened = mw.MainWindow.database_opened\n"
           "def database_opened(self):\n    opened(self)\n"
           "    QTimer.singleShot(0, lambda: QMessageBox.question(self, '确认', '要继续吗？'))\n"
           "mw.MainWindow.database_opened = database_opened")
    result = self_test("--demo", "--data-dir", str(demo_file.parent), "--self-test", str(tmp_path / "out"), code=ask)
    assert result.returncode == DIALOG_WAITING, (result.stdout, result.stderr)
    assert "需要人来回答的对话框" in result.stderr and "要继续吗？" in result.stderr


def test_pdf_pages_refuses_a_file_that_is_not_a_whole_pdf(tmp_path):
    cut = tmp_path / "a.pdf"
    cut.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n")  # no %%EOF: cut off while writing
    with pytest.raises(DomainError, match="不是完整的 PDF"):
        pdf_pages(cut)
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n<< /Type /Pages /Count 0 >>\n%%EOF\n")
    with pytest.raises(DomainError, match="没有页面"):
        pdf_pages(tmp_path / "b.pdf")


def test_an_empty_or_missing_file_fails_the_check(tmp_path):
    (tmp_path / "参会名单.xlsx").write_bytes(b"")
    with pytest.raises(DomainError, match="没有生成"):
        check_file(tmp_path / "参会名单.xlsx")
    with pytest.raises(DomainError, match="没有生成"):
        check_file(tmp_path / "会议通知.docx")
