"""The columns of a list, described once: what the screen's table shows and sorts by, and what the Excel
export of the same list writes.

    Column("starts_at", "日期", text=lambda m: f"{m.starts_at:%Y-%m-%d %H:%M}", chars=9, sort=lambda m: ...)

`key` names the column in settings (shown, order, width) and exports; `text` is the cell as shown (by
default the row's attribute `key`); `sort` the sort key (default: the text); `value` the Excel cell (default:
the text: a real date or number where given); `chars` the typical width in Chinese characters, for screens
and sheets alike; `align` "left", "right" or "center"; `default` whether it shows until the user hides it;
`coloured` whether the row's colour (a status) applies to it. Qt-free: ui/table_models reads the same.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

LEFT, RIGHT, CENTER = "left", "right", "center"


def _attribute_text(key: str) -> Callable[[Any], str]:
    def text(row) -> str:
        value = getattr(row, key)
        return value if isinstance(value, str) else ("" if value is None else str(value))

    return text


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[Any], str] | None = None
    chars: int = 8
    align: str = LEFT
    sort: Callable[[Any], Any] | None = None
    value: Callable[[Any], Any] | None = None
    default: bool = True
    coloured: bool = True

    def cell(self, row) -> str:
        return (self.text or _attribute_text(self.key))(row)

    def sort_key(self, row):
        return (self.sort or self.text or _attribute_text(self.key))(row)

    def excel(self, row):
        return self.value(row) if self.value is not None else self.cell(row)

    @property
    def header(self) -> str:  # the name the register's code has always used
        return self.title

    @property
    def pixels(self) -> int:
        """A sensible initial width on screen."""
        return max(44, self.chars * 14 + 16)


def by_key(columns: Iterable[Column]) -> dict[str, Column]:
    return {column.key: column for column in columns}


def number(key: str, title: str, value: Callable[[Any], int | float | None], *, chars: int = 4,
           blank_zero: bool = False, **kwargs) -> Column:
    """A right-aligned count: sorted and exported as a number."""
    def text(row) -> str:
        got = value(row)
        return "" if got is None or (blank_zero and not got) else f"{got:g}" if isinstance(got, float) else str(got)

    return Column(key, title, text=text, chars=chars, align=RIGHT, sort=lambda row: value(row) or 0, value=value,
                  **kwargs)


__all__ = ["CENTER", "LEFT", "RIGHT", "Column", "by_key", "number"]
