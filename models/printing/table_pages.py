"""Which rows of a table go on which page (numbers only, no drawing).

Rows are grouped in units that must share a page (a group heading with its first row). Pages fill
top to bottom; then, when the last page would hold only a lone row or two above the tail ("应到 N 人"),
the last two pages are rebalanced so they hold about the same (18/20/20/1 becomes 18/20/11/10).
"""

from collections.abc import Sequence
from dataclasses import dataclass

SLACK = 0.5  # px: a unit that overshoots the room by less than this still fits (rounding)
MIN_LAST_ROWS = 3  # a last page with fewer rows than this is rebalanced with the page before


@dataclass(frozen=True)
class Unit:
    height: float  # px, all its rows
    rows: int  # rows a reader counts (group headings not included)
    continued: float = 0.0  # px of the "（续）" heading it needs when it starts a page (0: none)


@dataclass(frozen=True)
class Space:
    room: float  # px left on the current page where the table starts
    fresh: bool  # the current page is still empty
    page: float  # px of a whole page's content area
    header: float  # px of the header row repeated on each page (0: none)
    tail: float  # px of what follows the last row on its page (0: none)


@dataclass(frozen=True)
class Plan:
    new_first_page: bool  # the table starts on a new page (its first unit does not fit where it would start)
    starts: list[int]  # the index of the first unit on each page the table uses


def plan(units: Sequence[Unit], space: Space) -> Plan:
    starts = _fill(units, space)
    return Plan(starts.new_first_page, _rebalanced(units, space, starts.starts))


def _fill(units: Sequence[Unit], space: Space) -> Plan:
    """Each page as full as its room allows."""
    starts: list[int] = []
    new_first, room, fresh, started = False, space.room, space.fresh, False
    for index, unit in enumerate(units):
        need = unit.height + (space.tail if index == len(units) - 1 else 0.0)
        if started and need > room + SLACK:
            room, fresh, started = space.page, True, False
        if not started:
            if need + space.header + unit.continued > room + SLACK and not fresh:
                room, fresh = space.page, True
                new_first = new_first or not starts
            starts.append(index)
            room -= space.header + unit.continued
            started = True
        room -= unit.height
        fresh = False
    return Plan(new_first, starts)


def _rebalanced(units: Sequence[Unit], space: Space, starts: list[int]) -> list[int]:
    """The last page's start moved back when it would hold a lone row or two, to even the two pages out."""
    if len(starts) < 2 or sum(u.rows for u in units[starts[-1]:]) >= MIN_LAST_ROWS:
        return starts
    before, last = starts[-2], starts[-1]
    best, best_gap = last, None
    for start in range(last, before, -1):  # the page before keeps at least its first unit
        rest = sum(u.height for u in units[start:])
        if start != last and space.header + units[start].continued + rest + space.tail > space.page + SLACK:
            continue  # starting here needs a "（续）" heading that does not fit; an earlier start may not
        gap = abs(sum(u.height for u in units[before:start]) - rest)
        if best_gap is None or gap < best_gap:
            best, best_gap = start, gap
    return [*starts[:-1], best]


__all__ = ["MIN_LAST_ROWS", "Plan", "Space", "Unit", "plan"]
