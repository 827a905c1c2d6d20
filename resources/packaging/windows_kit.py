"""The Windows kit: a folder an office copies to an intranet PC and installs from without the internet.

    python resources/packaging/windows_kit.py [--out DIR] [--no-wheels]

Made on any machine that reaches PyPI: a win_amd64 wheelhouse for Python 3.11 with every dependency —
the ones pip drops when it downloads for another platform (markers such as sys_platform == "win32" are
judged for the machine pip runs on) are found by reading each wheel's own requirements as Windows would
judge them — the pinned requirements.txt of exactly those wheels, the app's source, install.bat /
start.bat (GBK with CRLF: what cmd.exe on a Chinese Windows shows correctly), the icon and 安装说明.txt.
The Python installer itself is not included (it cannot be fetched here): 安装说明.txt says where to get it.
"""

import argparse
import email.parser
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent / "windows"
PYTHON_VERSION = "3.11"
PLATFORM = "win_amd64"
# How a CPython 3.11 on 64-bit Windows judges environment markers.
WINDOWS = {**default_environment(), "os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
           "platform_machine": "AMD64", "platform_python_implementation": "CPython", "implementation_name": "cpython",
           "python_version": PYTHON_VERSION, "python_full_version": f"{PYTHON_VERSION}.9",
           "implementation_version": f"{PYTHON_VERSION}.9", "platform_release": "10", "platform_version": "10.0"}
SOURCE = ("main.py", "models", "ui", "LICENSE", "README.md")
RESOURCES_SKIPPED = ("packaging", "screenshots")  # the build scripts and README pictures are not the app's
BATCH_FILES = ("install.bat", "start.bat")
BATCH_ENCODING = "gbk"  # cmd.exe reads a .bat in the console's code page: 936 (GBK) on a Chinese Windows


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"]]


def applies_on_windows(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**WINDOWS, "extra": extra}) for extra in extras | {""})


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """Requires-Dist of a wheel, from its METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        metadata = email.parser.BytesParser().parsebytes(archive.read(name), headersonly=True)
    return [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]


def wheels(wheelhouse: Path) -> dict[str, Path]:
    return {canonicalize_name(parse_wheel_filename(p.name)[0]): p for p in wheelhouse.glob("*.whl")}


def missing_for_windows(wheelhouse: Path, roots: list[Requirement]) -> list[Requirement]:
    """What Windows would install that the wheelhouse lacks: the closure of `roots` over the wheels' own
    requirements, each judged as Windows judges its marker."""
    have, missing, seen = wheels(wheelhouse), [], set()
    todo = [(r, set(r.extras)) for r in roots if applies_on_windows(r, set())]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(extras))
        if key in seen:
            continue
        seen.add(key)
        if name not in have:
            missing.append(requirement)
            continue
        todo += [(r, set(r.extras)) for r in wheel_requirements(have[name]) if applies_on_windows(r, extras)]
    return missing


def without_marker(requirement: Requirement) -> str:
    """The requirement for pip download: pip judges a marker (sys_platform == "win32") by the machine it runs
    on, not by --platform, so a Windows-only one would be dropped again."""
    bare = Requirement(str(requirement))
    bare.marker = None
    return str(bare)


def download(requirements: list[str], wheelhouse: Path, *, no_deps: bool = False) -> None:
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--only-binary=:all:", "--platform", PLATFORM, "--python-version", PYTHON_VERSION,
               "--implementation", "cp", "--dest", str(wheelhouse), *(["--no-deps"] if no_deps else []),
               *requirements]
    subprocess.run(command, check=True)


def fill_wheelhouse(wheelhouse: Path) -> None:
    """pip's download for win_amd64, then the Windows-only requirements it dropped, until none is missing."""
    wheelhouse.mkdir(parents=True, exist_ok=True)
    roots = project_requirements()
    download([str(r) for r in roots], wheelhouse)
    for _round in range(10):
        missing = missing_for_windows(wheelhouse, roots)
        if not missing:
            return
        print("补充 Windows 专用的依赖：" + "、".join(str(r) for r in missing), flush=True)
        download([without_marker(r) for r in missing], wheelhouse)
    raise SystemExit("Windows 依赖未能补齐：" + "、".join(str(r) for r in missing_for_windows(wheelhouse, roots)))


def pinned(wheelhouse: Path) -> str:
    """requirements.txt: every wheel of the wheelhouse at its exact version."""
    lines = [f"{parse_wheel_filename(p.name)[0]}=={parse_wheel_filename(p.name)[1]}" for p in
             sorted(wheels(wheelhouse).values(), key=lambda p: p.name.lower())]
    return ("# 协商会务台 Windows 离线安装包的组件（win_amd64，Python 3.11），由 windows_kit.py 生成\n"
            + "\n".join(lines) + "\n")


def batch_bytes(text: str) -> bytes:
    """A .bat as cmd.exe on a Chinese Windows reads it: GBK, CRLF line ends."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\r\n".join(lines).encode(BATCH_ENCODING)


def copy_source(target: Path) -> None:
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "resources", target / "resources",
                    ignore=shutil.ignore_patterns("__pycache__", *RESOURCES_SKIPPED))


def write_icon(path: Path) -> None:
    """consultdesk.ico from the one app icon (resources/icons/app.svg), for the desktop shortcut."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["windows_kit"])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg")).render(painter)
    painter.end()
    if not image.save(str(path), "ICO"):
        raise SystemExit(f"无法写入图标 {path}")


def build(out: Path, *, with_wheels: bool = True) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_source(out / "app")
    (out / "tools").mkdir()
    shutil.copy2(HERE / "shortcut.py", out / "tools" / "shortcut.py")
    for name in BATCH_FILES:
        (out / name).write_bytes(batch_bytes((HERE / name).read_text(encoding="utf-8")))
    # Notepad on older Windows takes a file without a BOM for GBK
    (out / "安装说明.txt").write_text((HERE / "安装说明.txt").read_text(encoding="utf-8").replace("\n", "\r\n"),
                                   encoding="utf-8-sig", newline="")
    write_icon(out / "consultdesk.ico")
    if with_wheels:
        fill_wheelhouse(out / "wheelhouse")
        (out / "requirements.txt").write_text(pinned(out / "wheelhouse"), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成协商会务台 Windows 离线安装包文件夹")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "windows-kit" / "协商会务台")
    parser.add_argument("--no-wheels", action="store_true", help="不下载组件（只检查脚本和文件）")
    args = parser.parse_args(argv)
    out = build(args.out, with_wheels=not args.no_wheels)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    print(f"已生成 Windows 离线安装包：{out}（{size:.0f} MB）", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
