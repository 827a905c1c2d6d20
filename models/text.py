"""Cleaning user text: the forms people type or paste from Word and Excel.

fit_text() is the one rule for characters no file format can hold; every write path (through
clean_line/clean_block) and every exporter (for text stored before the rule) applies it.
"""

import dataclasses
import re

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# XML 1.0 (xlsx, docx) forbids the C0 controls and U+FFFE/U+FFFF; the C1 controls and the other
# noncharacters are never meant as text either. Tab and line break are kept (clean_line folds them).
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
                    + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Anything fit_text would change, or a carriage return: one scan tells that most text needs no cleaning.
_UNFIT_OR_CR = re.compile(_UNFIT.pattern[:-1] + "\r\ud800-\udfff]")


def is_fit(text: str) -> bool:
    """True when fit_text(text) == text and text holds no carriage return (a quick check before cleaning)."""
    return _UNFIT_OR_CR.search(text) is None


def fit_text(value) -> str:
    """`value` as text every format can hold: control characters (but tab and line break), noncharacters
    (U+FFFE, U+FFFF, …) and lone surrogates removed; a surrogate pair becomes the character it encodes."""
    if value is None:
        return ""
    text = str(value)
    if _SURROGATE.search(text):
        # A lone surrogate cannot be written as UTF-8 at all; a pair (from a bad decode) is one character.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return _UNFIT.sub("", text)


def fit_fields(value):
    """fit_text() on every string inside `value`: a (frozen) dataclass, tuple, list or dict of them, or a string."""
    if isinstance(value, str):
        return fit_text(value)
    if isinstance(value, dict):
        return {fit_fields(key): fit_fields(item) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_make"):  # a named tuple (the register's rows)
        return value._make(fit_fields(item) for item in value)
    if isinstance(value, (tuple, list)):
        return type(value)(fit_fields(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: fit_fields(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def clean_line(value) -> str:
    """One-line text: unfit characters removed (fit_text), runs of (full-width) spaces collapsed, trimmed."""
    if value is None:
        return ""
    return _SPACES.sub(" ", fit_text(value)).strip()


def clean_optional(value) -> str | None:
    text = clean_line(value)
    return text or None


def clean_block(value) -> str | None:
    """Multi-line text: unfit characters removed (fit_text), line breaks kept, ends trimmed."""
    if value is None:
        return None
    text = fit_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


_OPEN, _CLOSE = "“「『‘\"'", "”」』’\"'"
_INNER = str.maketrans({"“": "‘", "”": "’"})


def quoted(name) -> str:
    """A title or name in quotation marks, once: “名称”. Marks that already wrap the whole text are not
    doubled; marks inside it become the inner ones (‘…’), as Chinese typesetting nests them:
    “‘优化营商环境’委员沙龙”."""
    text = clean_line(name)
    while len(text) >= 2 and text[0] in _OPEN and text[-1] == _CLOSE[_OPEN.index(text[0])] \
            and not any(mark in text[1:-1] for mark in (text[0], text[-1])):
        text = text[1:-1].strip()
    return f"“{text.translate(_INNER)}”"
