"""The .deb of the Linux bundle: `python resources/packaging/build_deb.py` after build_bundle.sh.

Installs the bundle into /opt/consultdesk, the command /usr/bin/consultdesk, a desktop entry 协商会务台 and
the icon. Its Depends are measured, not guessed: every system library the bundle's programs and libraries
need (readelf -d) that the bundle does not carry, mapped to its Debian package (dpkg -S); libc6 at least
the highest GLIBC_ symbol version any of them asks for (readelf -V) — the glibc floor README states.
    python resources/packaging/build_deb.py [--bundle DIR] [--out DIR] [--compression xz|gzip] [--floor-only]
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from models import APP_NAME, APP_TITLE, __version__  # noqa: E402 - after the path: one version, one name

PACKAGE = "consultdesk"
BUNDLE = ROOT / "build" / "package" / PACKAGE
ICON = ROOT / "resources" / "icons" / "app.svg"
# Qt plugins the app does without when their libraries are missing (Qt skips a plugin it cannot load):
# GTK's file dialogs and theme, Wayland, the Linux console — a desktop with X11 needs none of them.
OPTIONAL = re.compile(r"platformthemes/libqgtk3|wayland|egldeviceintegrations|platforms/libq(eglfs|linuxfb|vnc|vkkhr)"
                      r"|libQt6(Wayland|Wl|EglFs)")
ALWAYS = ["fonts-noto-cjk"]  # printed sheets and the window need a CJK font; the bundle carries none


def elf_files(bundle: Path) -> list[Path]:
    return [p for p in sorted(bundle.rglob("*")) if p.is_file() and not p.is_symlink()
            and p.open("rb").read(4) == b"\x7fELF"]


def _readelf(flag: str, path: Path) -> str:
    return subprocess.run(["readelf", flag, "--wide", str(path)], capture_output=True, text=True).stdout


def needed(path: Path) -> set[str]:
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _readelf("-d", path)))


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    """The GLIBC_x.y versions the file asks of the system's C library (its version needs)."""
    return {tuple(int(n) for n in v.split(".")) for v in re.findall(r"Name: GLIBC_([0-9.]+)", _readelf("-V", path))}


def glibc_floor(bundle: Path) -> tuple[tuple[int, ...], list[str]]:
    """The highest GLIBC_ version any file of the bundle needs, and the files that need it."""
    by_file = {p: glibc_versions(p) for p in elf_files(bundle)}
    floor = max((v for versions in by_file.values() for v in versions), default=(2, 17))
    return floor, sorted(str(p.relative_to(bundle)) for p, versions in by_file.items() if floor in versions)


def _system_path(soname: str) -> Path | None:
    for line in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout.splitlines():
        name, _, path = line.strip().partition(" => ")
        if name.split(" (")[0] == soname and "x86-64" in name:
            return Path(path)
    return None


def debian_package(path: Path) -> str | None:
    """The package that installed the file, asked of dpkg under each of its names (/lib and /usr/lib)."""
    real = path.resolve()
    candidates = {str(path), str(real)}
    for p in list(candidates):
        candidates |= {p.removeprefix("/usr"), "/usr" + p} if not p.startswith("/usr") else {p.removeprefix("/usr")}
    for candidate in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    return None


def system_packages(bundle: Path) -> tuple[list[str], list[str]]:
    """(packages, libraries no package was found for) of what the bundle needs and does not carry."""
    files = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*")}
    wanted: dict[str, bool] = {}  # soname → needed by a program or library that is not optional
    for path in files:
        for soname in needed(path) - carried:
            wanted[soname] = wanted.get(soname, False) or not OPTIONAL.search(str(path))
    packages, unknown = set(), []
    for soname, required in sorted(wanted.items()):
        found = _system_path(soname)
        package = debian_package(found) if found else None
        if package:
            packages.add(package.split(":")[0])
        elif required:
            unknown.append(soname)
    return sorted(packages), unknown


def control(depends: list[str], installed_kib: int) -> str:
    return (f"Package: {PACKAGE}\nVersion: {__version__}\nSection: misc\nPriority: optional\nArchitecture: amd64\n"
            f"Maintainer: {APP_NAME} <noreply@localhost>\nInstalled-Size: {installed_kib}\n"
            f"Depends: {', '.join(depends)}\n"
            f"Description: {APP_TITLE} - 区政协协商工作管理\n"
            " 议题与计划、双月协商会和委员沙龙、参会与签到、调研、意见建议及办理、统计与履职档案。\n")


def desktop_entry() -> str:
    return ("[Desktop Entry]\nType=Application\n"
            f"Name={APP_TITLE}\nName[zh_CN]={APP_TITLE}\nGenericName=区政协协商工作管理\n"
            "Comment=议题与计划、会议活动、参会与签到、调研、意见建议、统计\n"
            f"Exec=/usr/bin/{PACKAGE}\nIcon={PACKAGE}\nTerminal=false\nCategories=Office;\n"
            f"StartupWMClass={APP_NAME}\n")


def build(bundle: Path, out: Path, compression: str = "xz") -> Path:
    floor, _files = glibc_floor(bundle)
    packages, unknown = system_packages(bundle)
    if unknown:
        raise SystemExit("无法确定这些系统库属于哪个软件包（请先在本机安装它们）：" + "、".join(unknown))
    libc = f"libc6 (>= {'.'.join(map(str, floor))})"
    depends = [libc, *[p for p in packages if p != "libc6"], *ALWAYS]
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / PACKAGE
        shutil.copytree(bundle, root / "opt" / PACKAGE, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        (applications / f"{PACKAGE}.desktop").write_text(desktop_entry(), encoding="utf-8")
        icons = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
        icons.mkdir(parents=True)
        shutil.copyfile(ICON, icons / f"{PACKAGE}.svg")
        size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(depends, size_kib), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{PACKAGE}_{__version__}_amd64.deb"
        level = {"xz": "-z6", "gzip": "-z6"}[compression]  # xz: smaller; gzip: a quarter of the time (CI)
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", level, "--build", str(root),
                        str(target)], check=True, capture_output=True)
    print(f"已生成：{target}（{target.stat().st_size / 2**20:.0f} MB）\nDepends: {', '.join(depends)}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="由 PyInstaller 目录生成 .deb 安装包")
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "package")
    parser.add_argument("--compression", choices=("xz", "gzip"), default="xz")
    parser.add_argument("--floor-only", action="store_true", help="只报告所需的最低 glibc 版本及需要它的文件")
    args = parser.parse_args(argv)
    if not (args.bundle / PACKAGE).is_file():
        print(f"找不到 {args.bundle / PACKAGE}：请先运行 resources/packaging/build_bundle.sh", file=sys.stderr)
        return 1
    if args.floor_only:
        floor, files = glibc_floor(args.bundle)
        print(f"glibc >= {'.'.join(map(str, floor))}：{', '.join(files)}")
        return 0
    build(args.bundle, args.out, args.compression)
    return 0


if __name__ == "__main__":
    sys.exit(main())
