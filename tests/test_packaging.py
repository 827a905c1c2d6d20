"""The .deb builder (resources/packaging/build_deb.py): one version and one name, Depends measured from the
files (readelf, dpkg -S), the glibc floor as the highest GLIBC_ version any file needs."""

import importlib.util
import shutil
import tomllib
from pathlib import Path

import pytest

from models import APP_TITLE, __version__

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_deb", ROOT / "resources" / "packaging" / "build_deb.py")
build_deb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_deb)
needs_tools = pytest.mark.skipif(not (shutil.which("readelf") and shutil.which("dpkg")),
                                 reason="readelf (binutils) and dpkg are needed")


def test_one_version_for_the_project_the_window_and_the_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "models.__version__"}
    control = build_deb.control(["libc6 (>= 2.36)"], 1000)
    assert f"Version: {__version__}\n" in control and "Depends: libc6 (>= 2.36)\n" in control
    entry = build_deb.desktop_entry()
    assert f"Name={APP_TITLE}\n" in entry and "Exec=/usr/bin/consultdesk\n" in entry and "Icon=consultdesk\n" in entry


@needs_tools
def test_depends_and_glibc_floor_are_measured_from_the_files(tmp_path):
    program = Path(shutil.which("ls")).resolve()  # needs libc and (on Debian) libselinux, carries neither
    shutil.copy2(program, tmp_path / "ls")
    packages, unknown = build_deb.system_packages(tmp_path)
    assert "libc6" in packages and unknown == []
    floor, files = build_deb.glibc_floor(tmp_path)
    assert floor >= (2, 3) and files == ["ls"]
    assert floor == max(build_deb.glibc_versions(tmp_path / "ls"))


@needs_tools
def test_a_library_the_bundle_carries_is_no_dependency(tmp_path):
    program = Path(shutil.which("ls")).resolve()
    shutil.copy2(program, tmp_path / "ls")
    carried = sorted(build_deb.needed(tmp_path / "ls") - {"libc.so.6"})
    assert carried  # Debian's ls needs libselinux too
    for soname in carried:  # as PyInstaller copies them beside the program
        (tmp_path / soname).write_bytes(b"not an ELF file")
    packages, _unknown = build_deb.system_packages(tmp_path)
    assert packages == ["libc6"]
