"""Printed pages as pictures: a PDF to PNG pages (pdftoppm), a .docx to PDF through LibreOffice, and the
layout facts a person would look for on a page (rules across the text, ink above them).

With CONSULTDESK_SCREENSHOTS set, the PNGs are also copied there for people to look at.
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.screenshots import ENV

DPI = 60
DARK = 140  # a pixel this dark (0–255 grey) is ink


def png_pages(pdf: Path, name: str, *, dpi: int = DPI) -> list[Path]:
    """Each page of the PDF as a PNG beside it (name-1.png, name-2.png …), copied to CONSULTDESK_SCREENSHOTS."""
    prefix = pdf.parent / name
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=120)
    pages = sorted(pdf.parent.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    folder = os.environ.get(ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copyfile(page, Path(folder) / page.name)
    return pages


def libreoffice_pdf(docx: Path, folder: Path) -> Path:
    """The .docx as LibreOffice prints it (skips when LibreOffice Writer is not installed)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: the .docx cannot be rendered to check its pages")
    if not (Path(soffice).resolve().parent / "libswlo.so").exists():
        pytest.skip("LibreOffice Writer is not installed (Debian: libreoffice-writer-nogui): .docx cannot be rendered")
    profile = folder / "lo-profile"  # its own profile: another LibreOffice running would lock the default one
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = folder / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice did not convert the .docx"
    return pdf


@dataclass(frozen=True)
class Page:
    """One rendered page, measured in millimetres from its top edge."""

    path: Path
    rules: list[float]  # the middle of each dark line running across most of the text width
    ink_rows: list[float]  # every pixel row with ink between the text's left and right edges

    def ink_between(self, top: float, bottom: float) -> int:
        return sum(top <= y < bottom for y in self.ink_rows)


def measure(path: Path, *, left_mm: float, right_mm: float, dpi: int = DPI) -> Page:
    """Rules: rows where at least 90 % of the pixels between left_mm and right_mm are ink."""
    image = QImage(str(path))
    assert not image.isNull(), path
    mm = dpi / 25.4
    x0, x1 = round(left_mm * mm), round(right_mm * mm)
    rule_rows, ink_rows = [], []
    for y in range(image.height()):
        dark = sum(image.pixelColor(x, y).lightness() < DARK for x in range(x0, x1))
        if dark:
            ink_rows.append(y / mm)
        if dark >= 0.9 * (x1 - x0):
            rule_rows.append(y)
    rules, run = [], []
    for y in rule_rows:
        if run and y != run[-1] + 1:
            rules.append(sum(run) / len(run) / mm)
            run = []
        run.append(y)
    if run:
        rules.append(sum(run) / len(run) / mm)
    return Page(path, rules, ink_rows)


def _page_codes(pyzbar, pixels: bytes, width: int, height: int, dpi: int) -> list[str]:
    """Every QR code on one page, top to bottom, left to right. zbar, given a whole page with many codes,
    sometimes misses one of them (a different one each time the codes change), so the page is also read in
    overlapping tiles of about 100 mm, each larger than a code with its quiet zone, and the finds are joined."""
    qr = [pyzbar.ZBarSymbol.QRCODE]
    at: dict[str, tuple[int, int]] = {}
    for s in pyzbar.decode((pixels, width, height), symbols=qr):
        at.setdefault(s.data.decode("ascii"), (s.rect.top, s.rect.left))
    tile, step = round(100 / 25.4 * dpi), round(50 / 25.4 * dpi)
    for y0 in sorted({*range(0, max(height - tile, 0) + 1, step), max(height - tile, 0)}):
        for x0 in sorted({*range(0, max(width - tile, 0) + 1, step), max(width - tile, 0)}):
            w, h = min(tile, width - x0), min(tile, height - y0)
            crop = b"".join(pixels[(y0 + row) * width + x0:(y0 + row) * width + x0 + w] for row in range(h))
            for s in pyzbar.decode((crop, w, h), symbols=qr):
                at.setdefault(s.data.decode("ascii"), (y0 + s.rect.top, x0 + s.rect.left))
    # as printed: row by row (codes whose tops are within ~5 mm form a row), each left to right
    rows: list[list[str]] = []
    last_top = None
    for code in sorted(at, key=lambda c: at[c][0]):
        if last_top is None or at[code][0] - last_top > dpi / 5:
            rows.append([])
        rows[-1].append(code)
        last_top = at[code][0]
    return [code for row in rows for code in sorted(row, key=lambda c: at[c][1])]


def qr_codes(pdf: Path, name: str, *, dpi: int = 150) -> list[list[str]]:
    """The text of every QR code on each page, as a real decoder (zbar, through pyzbar) reads the page
    rendered at `dpi` (pdftoppm: grey PGM, read here without an imaging library). Skips without libzbar0."""
    try:
        from pyzbar import pyzbar
    except ImportError as error:  # pyzbar missing, or libzbar0 (the system library it loads)
        pytest.skip(f"pyzbar/libzbar0 is not installed: QR codes cannot be decoded ({error})")
    prefix = pdf.parent / name
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True, timeout=120)
    pages = sorted(pdf.parent.glob(f"{name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    found = []
    for page in pages:
        data = page.read_bytes()
        magic, width, height, _maxval, pixels = data.split(maxsplit=4)
        assert magic == b"P5"
        found.append(_page_codes(pyzbar, pixels, int(width), int(height), dpi))
    return found
