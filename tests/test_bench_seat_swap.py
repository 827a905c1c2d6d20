"""seat_swap_400 is an entry of `python -m tests.bench limits` and does the swaps it claims to measure."""


def test_the_seat_swap_entry_exists_and_swaps(qapp):
    from tests.bench.limits import GROUPS
    from tests.bench.seat_swap_entries import SWAPS, seat_swap_entries

    assert "seat_swap_400" in [name for group in GROUPS for name in group]
    entry = seat_swap_entries()["seat_swap_400"]
    tab = entry.keep[0].centralWidget()
    before = dict(tab.state.occupant)
    assert len(tab.map.items_by_number) == 420 and len(before) == 400
    assert entry.project() > 0 and entry.limit() > 0
    assert tab.undo_stack.count() == SWAPS  # one undo step per swap, each a real exchange of two people
    assert tab.state.occupant[30] == before[250] and tab.state.occupant[250] == before[30]
    entry.keep[0].close()
    entry.keep[1].close()
