"""Two corrections to the PDFs Qt writes, made in place without moving any byte offset.

1. Text stays searchable and copyable as the Chinese it is. Qt's PDF writer maps each glyph back
to the lowest code point that uses it. CJK fonts such as Noto
(and others) share glyphs between common characters and radicals (长 and ⻓, 生 and ⽣), so without
this fix a name copied out of the PDF, or searched for, comes out with radicals. The ToUnicode maps
are rewritten in place with codes of the same length.
2. The page size is exact: Qt rounds it to whole points (210×140 mm would be 595×397 pt, not
595.28×396.85), which a printer matching paper by size may not recognise as the card stock.
"""

import re
import threading
import unicodedata

from PySide6.QtGui import QRawFont

from .fonts import Face, font

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_SECTION = re.compile(rb"(begin(bfrange|bfchar)\b)(.*?)(end\2)", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
_MEDIA_BOX = re.compile(rb"/MediaBox \[0 0 (\d+\.\d{6}) (\d+\.\d{6})\]")
_lock = threading.Lock()
_table: dict[int, int] | None = None


def radical_table() -> dict[int, int]:
    """Radical code point → the ideograph drawn with the same glyph (in the fonts sheets use)."""
    global _table
    with _lock:
        if _table is None:
            table = {}
            ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
            radicals = "".join(chr(c) for c in RADICALS)
            for face in Face:
                raw = QRawFont.fromFont(font(face, 12))
                if not raw.isValid():
                    continue
                by_glyph: dict[int, int] = {}
                for ch, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=True):
                    by_glyph.setdefault(glyph, ord(ch))
                for ch, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=True):
                    if glyph and glyph in by_glyph:
                        table.setdefault(ord(ch), by_glyph[glyph])
            for code in RADICALS:  # Kangxi radicals also have a compatibility mapping
                folded = unicodedata.normalize("NFKC", chr(code))
                if folded != chr(code) and len(folded) == 1:
                    table.setdefault(code, ord(folded))
            _table = table
        return _table


def _fix_codes(line: bytes, keep: int, table: dict[int, int]) -> bytes:
    """Replace radical codes after the first `keep` codes of a bfchar/bfrange line."""
    seen = 0

    def swap(match: re.Match) -> bytes:
        nonlocal seen
        seen += 1
        code = int(match.group(1), 16)
        if seen <= keep or code not in table:
            return match.group(0)
        return b"<%04X>" % table[code]
    return _CODE.sub(swap, line)


def _fix_section(match: re.Match, table: dict[int, int]) -> bytes:
    ranges = match.group(2) == b"bfrange"
    lines = []
    for line in match.group(3).split(b"\n"):
        codes = _CODE.findall(line)
        if ranges and b"[" not in line and len(codes) == 3 and codes[0] != codes[1]:
            lines.append(line)  # a run of consecutive codes: left alone (never written for radicals)
        else:
            lines.append(_fix_codes(line, 2 if ranges else 1, table))
    return match.group(1) + b"\n".join(lines) + match.group(4)


def fix_to_unicode(pdf: bytes) -> bytes:
    """The PDF with radicals in its ToUnicode maps replaced by the ideographs (same length)."""
    table = radical_table()
    if not table:
        return pdf

    def fix_cmap(match: re.Match) -> bytes:
        return _SECTION.sub(lambda section: _fix_section(section, table), match.group(0))
    fixed = _CMAP.sub(fix_cmap, pdf)
    return fixed if len(fixed) == len(pdf) else pdf


def exact_media_box(pdf: bytes, width_pt: float, height_pt: float) -> bytes:
    """Every page's MediaBox set to the exact size, written with as many characters as Qt's."""
    def fix(match: re.Match) -> bytes:
        width, height = b"%.6f" % width_pt, b"%.6f" % height_pt
        if len(width) != len(match.group(1)) or len(height) != len(match.group(2)):
            return match.group(0)
        return b"/MediaBox [0 0 " + width + b" " + height + b"]"
    return _MEDIA_BOX.sub(fix, pdf)
