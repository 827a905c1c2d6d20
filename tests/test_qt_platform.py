"""A Linux PC that cannot show Qt's window gets a Chinese message naming the packages and the apt command,
and exit code 1 — not Qt's English "could not load the Qt platform plugin" and an abort."""

import subprocess
import sys
from pathlib import Path

from ui.qt_platform import missing_packages, platform_problem, uses_xcb
from ui.system_libraries import missing_library_hint

ROOT = Path(__file__).resolve().parent.parent


def start(environ: dict[str, str], before: str = "") -> subprocess.CompletedProcess:
    runner = (f"import runpy, sys\nsys.path.insert(0, {str(ROOT)!r})\n{before}\n"
              f"sys.argv = ['main.py', *sys.argv[1:]]\nrunpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')")
    return subprocess.run([sys.executable, "-c", runner, "--exit-when-ready", "--data-dir", "/nonexistent/never"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={"PATH": "/usr/bin:/bin", **environ})


def test_a_missing_xcb_library_is_named_with_its_package_and_the_apt_command():
    # the check is pointed at a library no system has, as if libxcb-cursor0 were not installed
    missing = "import ui.qt_platform as q\nq.XCB_LIBRARIES['libxcb-cursor-missing.so.0'] = 'libxcb-cursor0'"
    result = start({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}, before=missing)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "协商会务台无法打开窗口：缺少系统软件包：libxcb-cursor0。" in result.stderr
    assert "sudo apt install libxcb-cursor0 fonts-noto-cjk" in result.stderr
    assert "Qt platform plugin" not in result.stderr and "Traceback" not in result.stderr


def test_no_display_is_said_in_chinese():
    result = start({"QT_QPA_PLATFORM": "xcb"})
    assert result.returncode == 1 and "没有找到图形桌面" in result.stderr, result.stderr


def test_a_plugin_qt_cannot_load_is_caught_and_explained_without_a_core_dump():
    result = start({"QT_QPA_PLATFORM": "no-such-platform"})
    assert result.returncode == 1, (result.returncode, result.stderr)  # an abort would be -6
    assert "Qt 图形界面组件未能加载" in result.stderr and "sudo apt install" in result.stderr
    assert "Qt 的原始信息：" in result.stderr  # Qt's own words kept for support staff


def test_the_check_applies_only_where_qt_loads_xcb():
    assert uses_xcb({}, "linux") and uses_xcb({"QT_QPA_PLATFORM": "xcb:foo"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"XDG_SESSION_TYPE": "wayland"}, "linux")
    assert not uses_xcb({}, "win32")
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, {"libnothere.so.9": "libnothere9"}) is None


def test_missing_packages_loads_each_library_unless_the_bundle_carries_it():
    table = {"libc.so.6": "libc6", "libnothere.so.9": "libnothere9", "libcarried.so.1": "libcarried1"}
    assert missing_packages(table, carried={"libcarried.so.1"}) == ["libnothere9"]


def test_pyside6_failing_on_a_missing_system_library_names_its_package():
    """As on a desktop without libGL: every PySide6 module linked to QtGui fails to load, with the error
    CPython's dlopen gives then."""
    fail = ("import sys\nclass NoGL:\n    def find_spec(self, name, path=None, target=None):\n"
            "        if name in ('PySide6.QtGui', 'PySide6.QtWidgets', 'PySide6.QtSvg', 'PySide6.QtPrintSupport'):\n"
            "            raise ImportError('libGL.so.1: cannot open shared object file: No such file or directory',"
            " name='QtGui', path='/x/QtGui.abi3.so')\n"
            "sys.meta_path.insert(0, NoGL())")
    result = start({"QT_QPA_PLATFORM": "offscreen"}, before=fail)
    assert result.returncode == 1, result.stderr
    assert "协商会务台无法启动：缺少系统软件包：libgl1。" in result.stderr
    assert "sudo apt install libgl1" in result.stderr


def test_a_missing_python_module_keeps_the_install_hint():
    assert missing_library_hint(ImportError("No module named 'openpyxl'", name="openpyxl")) is None
    hint = missing_library_hint(ImportError("libfoo.so.3: cannot open shared object file: No such file", name="x"))
    assert "libfoo.so.3" in hint and "apt-file search" in hint
