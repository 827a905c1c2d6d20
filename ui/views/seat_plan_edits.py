"""The seat plan editor's undo steps: one QUndoCommand per user action (a swap, an automatic seating, a lock,
a change of layout), holding only the seats it changes, so undoing a swap among 400 seats touches two."""

from dataclasses import dataclass, field

from PySide6.QtGui import QUndoCommand

from models.seat_layouts import RoomLayout


@dataclass
class SeatState:
    """What the editor holds: the room, who sits where (seat → attendance id) and the locked seats."""

    layout: RoomLayout | None = None
    template_name: str = ""
    occupant: dict[int, int] = field(default_factory=dict)
    locked: set[int] = field(default_factory=set)

    def key(self) -> tuple:
        spec = self.layout.spec if self.layout is not None else None
        return spec, self.template_name, tuple(sorted(self.occupant.items())), tuple(sorted(self.locked))


@dataclass(frozen=True)
class Change:
    """Seats' new occupants (None: empty) and locks; `room`: a new (template name, layout) or None."""

    occupant: dict[int, int | None]
    locked: dict[int, bool]
    room: tuple[str, RoomLayout | None] | None = None


def change_to(state: SeatState, occupant: dict[int, int], locked: set[int],
              room: tuple[str, RoomLayout | None] | None = None) -> tuple[Change, Change]:
    """(forward, back) between `state` and the given whole state, listing only the seats that differ."""
    seats = set(state.occupant) | set(occupant)
    moved = {s for s in seats if state.occupant.get(s) != occupant.get(s)}
    relocked = state.locked ^ locked
    old_room = (state.template_name, state.layout) if room is not None else None
    return (Change({s: occupant.get(s) for s in moved}, {s: s in locked for s in relocked}, room),
            Change({s: state.occupant.get(s) for s in moved}, {s: s in state.locked for s in relocked}, old_room))


def change_seats(state: SeatState, seats: dict[int, int | None]) -> tuple[Change, Change]:
    """(forward, back) for a few seats' new occupants: a drag, without comparing the whole plan."""
    seats = {s: who for s, who in seats.items() if state.occupant.get(s) != who}
    return Change(seats, {}), Change({s: state.occupant.get(s) for s in seats}, {})


def apply_change(state: SeatState, change: Change) -> None:
    if change.room is not None:
        state.template_name, state.layout = change.room
    for seat, who in change.occupant.items():
        if who is None:
            state.occupant.pop(seat, None)
        else:
            state.occupant[seat] = who
    for seat, on in change.locked.items():
        (state.locked.add if on else state.locked.discard)(seat)


class SeatEdit(QUndoCommand):
    """`shown(change)` is the editor's redraw of what a change touched."""

    def __init__(self, text: str, state: SeatState, forward: Change, back: Change, shown):
        super().__init__(text)
        self.state, self.forward, self.back, self.shown = state, forward, back, shown

    def redo(self) -> None:
        apply_change(self.state, self.forward)
        self.shown(self.forward)

    def undo(self) -> None:
        apply_change(self.state, self.back)
        self.shown(self.back)


__all__ = ["Change", "SeatEdit", "SeatState", "apply_change", "change_seats", "change_to"]
