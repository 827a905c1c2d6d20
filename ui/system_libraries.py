"""The Linux system libraries Qt needs and PySide6 does not carry, and how to tell the user to install them.

No Qt import here: main.py uses it when PySide6 itself cannot be imported for a missing library.
"""

import re

# The system libraries Qt's xcb platform plugin (libqxcb.so, libQt6XcbQpa) needs and PySide6 does not
# carry, with the Debian/Ubuntu package of each (readelf -d of the plugin, dpkg -S of each library).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
CJK_FONT_PACKAGE = "fonts-noto-cjk"


def apt_command(packages: list[str]) -> str:
    return f"    sudo apt install {' '.join([*packages, CJK_FONT_PACKAGE])}\n"


def install_hint(packages: list[str]) -> str:
    return (f"缺少系统软件包：{'、'.join(packages)}。\n请让本机管理员在终端中运行下面的命令安装，然后重新启动本程序：\n"
            f"{apt_command(packages)}（统信UOS、麒麟等系统的软件包名称相同或相近；离线电脑可从单位的软件源或安装盘安装。）")


def missing_library_hint(error: ImportError) -> str | None:
    """For an import that failed on a shared library ("libGL.so.1: cannot open shared object file"): which
    package to install; None for a missing Python module."""
    found = re.search(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file", str(error))
    if found is None:  # a missing Python module, or another failure: not a system package's matter
        return None
    library = found.group(1)
    package = XCB_LIBRARIES.get(library)
    if package is None:
        return f"缺少系统库 {library}，请让本机管理员安装提供它的系统软件包（可用 apt-file search {library} 查找）。"
    return install_hint([package])


__all__ = ["CJK_FONT_PACKAGE", "XCB_LIBRARIES", "apt_command", "install_hint", "missing_library_hint"]
