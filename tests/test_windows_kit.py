"""The Windows kit (resources/packaging/windows_kit.py): its .bat files as cmd.exe on a Chinese Windows reads
them, the app's source, the Windows-only dependencies pip leaves out; and (slow, with
CONSULTDESK_WINDOWS_KIT_TEST=1, as CI runs it) a real win_amd64 wheelhouse that installs offline."""

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("windows_kit", ROOT / "resources" / "packaging" / "windows_kit.py")
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return kit.build(tmp_path_factory.mktemp("kit") / "协商会务台", with_wheels=False)


def test_batch_files_are_gbk_with_crlf_and_show_their_chinese(folder):
    for name in kit.BATCH_FILES:
        data = (folder / name).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # UTF-8 bytes would show as mojibake in code page 936
        text = data.decode("gbk")
        assert b"\n" not in data.replace(b"\r\n", b"")  # a lone LF breaks labels and goto in cmd.exe
        assert "chcp" not in text
        assert text == (kit.HERE / name).read_text(encoding="utf-8").replace("\n", "\r\n")
    install = (folder / "install.bat").read_bytes().decode("gbk")
    assert "安装完成" in install and "没有找到 Python 3.11" in install
    assert "--no-index --find-links wheelhouse -r requirements.txt" in install


def test_blocks_of_the_batch_files_hold_no_ascii_parenthesis_in_their_messages(folder):
    """An ASCII ')' in an echo inside `if … ( … )` ends the block early: messages use （）."""
    for name in kit.BATCH_FILES:
        for line in (folder / name).read_bytes().decode("gbk").splitlines():
            if line.strip().startswith("echo"):
                assert "(" not in line and ")" not in line, line


def test_the_kit_carries_the_app_its_icon_and_the_chinese_guide(folder):
    assert (folder / "app" / "main.py").is_file() and (folder / "app" / "models" / "migrations" / "env.py").is_file()
    assert (folder / "app" / "resources" / "style.qss").is_file()
    assert (folder / "app" / "resources" / "icons" / "app.svg").is_file()
    assert not (folder / "app" / "resources" / "packaging").exists()
    assert not list(folder.rglob("__pycache__"))
    assert (folder / "consultdesk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header
    guide = (folder / "安装说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf") and "Add python.exe to PATH" in guide.decode("utf-8-sig")
    shortcut = (folder / "tools" / "shortcut.py").read_text(encoding="utf-8")
    assert "协商会务台" in shortcut and "pythonw.exe" in shortcut


def _wheel(folder: Path, name: str, requires: list[str]) -> None:
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{name}-1.0.dist-info/METADATA",
                         f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
                         + "".join(f"Requires-Dist: {r}\n" for r in requires))


def test_windows_only_requirements_that_pip_drops_are_found(tmp_path):
    _wheel(tmp_path, "app_dep", ["colorama; sys_platform == 'win32'", "uvloop; sys_platform != 'win32'",
                                 "tzdata; platform_system == 'Windows' and extra == 'timezone'", "plain"])
    _wheel(tmp_path, "plain", [])
    missing = kit.missing_for_windows(tmp_path, [Requirement("app-dep")])
    assert [str(r) for r in missing] == ['colorama; sys_platform == "win32"']
    with_extra = kit.missing_for_windows(tmp_path, [Requirement("app-dep[timezone]")])
    assert sorted(r.name for r in with_extra) == ["colorama", "tzdata"]


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CONSULTDESK_WINDOWS_KIT_TEST"),
                    reason="downloads about 90 MB of Windows wheels: set CONSULTDESK_WINDOWS_KIT_TEST=1 to run it")
def test_the_wheelhouse_installs_offline_on_win_amd64(tmp_path):
    out = kit.build(tmp_path / "协商会务台")
    pins = [Requirement(line) for line in (out / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in pins)
    names = {r.name.lower() for r in pins}
    assert {"pyside6-essentials", "shiboken6", "sqlalchemy", "lxml"} <= names
    assert kit.missing_for_windows(out / "wheelhouse", kit.project_requirements()) == []
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(out / "wheelhouse"),
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--only-binary=:all:",
         "--target", str(tmp_path / "target"), "--ignore-installed", "--report", str(report),
         "-r", str(out / "requirements.txt"), *[str(r) for r in kit.project_requirements()]],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    resolved = {item["metadata"]["name"].lower().replace("_", "-") for item in installs}
    assert names <= resolved and len(resolved) == len(names)  # exactly the pinned wheels, nothing from elsewhere
