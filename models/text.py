"""Cleaning user text: the forms people type or paste from Word and Excel."""

import re

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value) -> str:
    """One-line text: control characters removed, runs of (full-width) spaces collapsed, trimmed."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text).strip()


def clean_optional(value) -> str | None:
    text = clean_line(value)
    return text or None


def clean_block(value) -> str | None:
    """Multi-line text: control characters removed, line breaks kept, ends trimmed."""
    if value is None:
        return None
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
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
