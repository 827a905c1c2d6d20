"""Before the QApplication: can Qt open a window here? If not, say so in Chinese, with the apt command.

Qt's own answer to a missing library is an English "could not load the Qt platform plugin xcb" and an
abort. So on Linux, when the xcb plugin is the one Qt will load, the system libraries it needs are looked
for first (each loaded the way Qt will load it), and a missing display is named. Anything this check does
not foresee still reaches the user in Chinese: Qt's fatal message is caught, with Qt's text below it.
"""

import ctypes
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from ui.system_libraries import XCB_LIBRARIES, apt_command, install_hint

HEADING = "协商会务台无法打开窗口"


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will load its xcb plugin: Linux, and no other platform chosen (a Wayland session with
    no choice made is left to Qt, which tries Wayland first there)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return environ.get("XDG_SESSION_TYPE") != "wayland"


def _loadable(name: str, carried: set[str]) -> bool:
    if name in carried:  # inside the bundle (PyInstaller) or PySide6's own lib folder
        return True
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def carried_libraries() -> set[str]:
    import PySide6

    folders = [Path(PySide6.__file__).parent / "Qt" / "lib"]
    if getattr(sys, "frozen", False):
        folders.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    return {p.name for folder in folders if folder.is_dir() for p in folder.iterdir()}


def missing_packages(libraries: dict[str, str] = XCB_LIBRARIES, carried: set[str] | None = None) -> list[str]:
    carried = carried_libraries() if carried is None else carried
    return sorted({package for name, package in libraries.items() if not _loadable(name, carried)})


def platform_problem(environ=os.environ, libraries: dict[str, str] = XCB_LIBRARIES,
                     carried: set[str] | None = None) -> str | None:
    """A Chinese message when Qt's xcb plugin cannot work here; None when it can (or is not used)."""
    if not uses_xcb(environ):
        return None
    missing = missing_packages(libraries, carried)
    if missing:
        return f"{HEADING}：{install_hint(missing)}"
    if not environ.get("DISPLAY"):
        return (f"{HEADING}：没有找到图形桌面（环境变量 DISPLAY 未设置）。请在桌面环境中启动本程序，"
                "不要在纯文字终端或远程命令行中启动。")
    return None


def _on_qt_message(kind, _context, text: str) -> None:
    if kind == QtMsgType.QtFatalMsg:  # Qt aborts right after this: say it in Chinese, exit without a core dump
        print(f"{HEADING}：Qt 图形界面组件未能加载（原因见下方 Qt 的原始信息）。在 Debian、Ubuntu、统信UOS、麒麟上，"
              f"安装图形界面所需的系统软件包通常即可解决，请让本机管理员运行：\n"
              f"{apt_command(sorted(set(XCB_LIBRARIES.values())))}Qt 的原始信息：{text}", file=sys.stderr, flush=True)
        os._exit(1)
    if sys.stderr is not None:  # None under pythonw.exe
        print(text, file=sys.stderr)


@contextmanager
def fatal_start_in_chinese():
    """Around the Q(Gui)Application's creation, where Qt loads its platform plugin or aborts (on Linux;
    Windows shows Qt's own message box)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    previous = qInstallMessageHandler(_on_qt_message)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


__all__ = ["XCB_LIBRARIES", "fatal_start_in_chinese", "missing_packages", "platform_problem", "uses_xcb"]
