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
