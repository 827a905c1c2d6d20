"""Reading again only the rows a notice changed, without losing any when notices come quickly.

A list page's reload is a keyed query, and a newer keyed query replaces one still waiting; so each query
asks for every row wanted since the last answer, not only its own notice's, and the wish is forgotten only
when the answer to the newest query arrives.

    ids = changed_ids(changes, {Area.MEETINGS, Area.ATTENDANCE}, full={Area.LOOKUPS})
    wanted, token = self.refresh.want(ids)          # None: read the whole list
    ...on_done=lambda rows: self._merge(token, wanted, rows)
"""

from collections.abc import Callable, Iterable
from typing import Any

from models.changes import Area, Changes


def changed_ids(changes: Changes, areas: Iterable[Area], *, full: Iterable[Area] = (),
                limit: int | None = None) -> set[int] | None:
    """The ids a notice names in `areas`, or None when the whole list must be read again: everything
    changed, an area of `full` changed (a renamed lookup shows on every row), an area changed without ids,
    or more than `limit` rows changed (one full read is then quicker)."""
    if changes.everything or changes.areas & set(full):
        return None
    ids: set[int] = set()
    for area in areas:
        if area in changes.areas:
            if area not in changes.ids:
                return None
            ids |= changes.ids[area]
    return None if limit is not None and len(ids) > limit else ids


class RowRefresh:
    """What a list still has to read: a set of ids, or everything (None) until the first whole list arrived."""

    def __init__(self):
        self.loaded = False
        self._wanted: set[int] | None = None
        self._newest: object | None = None

    def want(self, ids: set[int] | None) -> tuple[frozenset[int] | None, object]:
        """Add a notice's ids (None: everything); returns what the query to send now must read, and its token."""
        if ids is None or not self.loaded:
            self._wanted = None
        elif self._wanted is not None:
            self._wanted |= ids
        self._newest = token = object()
        return (None if self._wanted is None else frozenset(self._wanted)), token

    def answered(self, token: object, whole: bool) -> None:
        """An answer arrived: a whole list makes the page loaded; the newest answer covers every wish."""
        self.loaded = self.loaded or whole
        if token is self._newest:
            self._wanted = set()


def merged(rows: list, ids: Iterable[int], fresh: list, key: Callable[[Any], int] = lambda row: row.id) -> list:
    """`rows` with the re-read `ids` replaced by `fresh`: rows of `ids` not in `fresh` were deleted, rows of
    `fresh` not in `rows` are new (added at the end; the model sorts)."""
    ids, by_id = set(ids), {key(row): row for row in fresh}
    kept = [by_id.pop(key(row), row) for row in rows if key(row) not in ids or key(row) in by_id]
    return kept + list(by_id.values())
