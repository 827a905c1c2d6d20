"""Chinese typefaces for printed sheets: the Windows office fonts first, Noto CJK where those are missing.

Families are checked once against QFontDatabase.families() (cached; safe on a worker thread).
Sizes are given in points and set as pixel sizes in the sheets' 0.01 mm units (see layout.py),
so measuring does not depend on any screen or printer resolution.
"""

from enum import StrEnum
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from .units import PT


class Face(StrEnum):
    SONG = "宋体"
    FANGSONG = "仿宋"
    HEI = "黑体"
    KAI = "楷体"
    TITLE = "小标宋"  # document titles (GB/T 9704); 华文中宋, then 黑体 where it is not installed


_SERIF_FALLBACK = ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif CJK", "AR PL UMing CN")
_SANS_FALLBACK = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans CJK", "WenQuanYi Micro Hei")
_HEI = ("SimHei", "黑体", "Microsoft YaHei", "微软雅黑", *_SANS_FALLBACK)
CANDIDATES: dict[Face, tuple[str, ...]] = {
    Face.SONG: ("SimSun", "宋体", "NSimSun", "新宋体", *_SERIF_FALLBACK),
    Face.FANGSONG: ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "FZFangSong-Z02S", "方正仿宋_GBK",
                    "STFangsong", "华文仿宋", *_SERIF_FALLBACK),
    Face.HEI: _HEI,
    Face.KAI: ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "AR PL UKai CN", *_SERIF_FALLBACK),
    # GB/T 9704's 小标宋, then 华文中宋 (with Office on Windows), then 黑体.
    Face.TITLE: ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05", "STZhongsong",
                 "华文中宋", *_HEI),
}
_SANS_FACES = (Face.HEI, Face.TITLE)


@cache
def _installed() -> frozenset[str]:
    return frozenset(QFontDatabase.families())


@cache
def families(face: Face) -> tuple[str, ...]:
    """The installed candidates for a face, best first (empty if none is installed)."""
    installed = _installed()
    return tuple(name for name in CANDIDATES[face] if name in installed)


def family(face: Face) -> str:
    """The family a face prints with ("" when no Chinese font is installed at all)."""
    found = families(face)
    return found[0] if found else ""


def font(face: Face, points: float) -> QFont:
    result = QFont()
    found = families(face)
    if found:
        # The others stay as fallbacks for characters the first one lacks (rare characters in names).
        result.setFamilies(list(found))
    result.setStyleHint(QFont.StyleHint.SansSerif if face in _SANS_FACES else QFont.StyleHint.Serif)
    result.setPixelSize(max(1, round(points * PT)))
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if hasattr(QFont, "Tag"):
        # Noto CJK's "locl" swaps digits for glyphs outside its cmap, and the PDF then loses them
        # as text (copy, search, pdftotext). The SC faces need no localised forms anyway.
        result.setFeature(QFont.Tag("locl"), 0)
    return result
