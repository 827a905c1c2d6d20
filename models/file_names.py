"""File names the program makes up: proposed names for saved files and the names attachments are stored
under. Safe on Windows (no \\ / : * ? " < > |, no CON or NUL, not too long) and readable by people who
copy the folder."""

import re
from datetime import date
from pathlib import Path

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.IGNORECASE)  # Windows device names
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
MAX_CHARS = 80  # the data folder's path plus the name stays well inside Windows' 260 characters


def safe_file_name(name: str, *, fallback: str = "文件", max_chars: int = MAX_CHARS) -> str:
    """`name` with what Windows refuses replaced by "_", spaces tidied, shortened (the suffix kept)."""
    text = _FORBIDDEN.sub("_", re.sub(r"\s+", " ", str(name))).strip()
    ending = re.search(r"\.[^.\s]{1,10}$", text)
    suffix = ending.group() if ending else ""
    stem = text[: len(text) - len(suffix)].strip(" .")
    if not stem:
        stem = fallback
    if _RESERVED.match(stem.split(".")[0]):
        stem = f"_{stem}"
    stem = stem[: max(1, max_chars - len(suffix))].rstrip(" .") or fallback
    return stem + suffix


def unique_file_name(folder: Path, name: str) -> str:
    """`name`, or "name(2).ext", "name(3).ext" … — the first not in `folder` (letter case ignored,
    as Windows does)."""
    taken = {entry.name.casefold() for entry in folder.iterdir()} if folder.is_dir() else set()
    path = Path(name)
    stem, suffix = (path.stem, path.suffix) if path.suffix else (name, "")
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem}({number}){suffix}"
    return candidate


def proposed_file_name(base: str, suffix: str, *, on: date) -> str:
    """What a save dialog proposes: the name as it stands when it names its year ("2024年度协商议题遴选表"),
    else with the date it belongs to ("签到表-2024-03-15", "人员名单-<today>")."""
    name = base if _YEAR.search(base) else f"{base}-{on:%Y-%m-%d}"
    return safe_file_name(name + suffix, max_chars=120)


__all__ = ["proposed_file_name", "safe_file_name", "unique_file_name"]
