"""Room layouts: every seat numbered once, 1 the most honoured, 左为上 and the odd/even rule."""

import pytest

from models.errors import ValidationError
from models.seat_layouts import DEFAULT_LAYOUTS, LayoutKind, LayoutSpec, build_layout, describe, seat_positions

ALL_KINDS = [
    LayoutSpec(LayoutKind.PLATFORM, head=9, rows=3, per_row=10),
    LayoutSpec(LayoutKind.HOLLOW, head=5, sides=8, foot=4),
    LayoutSpec(LayoutKind.U_SHAPE, head=6, sides=7),
    LayoutSpec(LayoutKind.ROUND, tables=5, per_table=9),
]


def left_to_right(layout, zone):
    return [s.number for s in sorted((s for s in layout.seats if s.zone == zone), key=lambda s: s.x)]


@pytest.mark.parametrize("spec", ALL_KINDS + [spec for _, spec in DEFAULT_LAYOUTS], ids=str)
def test_every_seat_has_one_number_and_a_place_of_its_own_inside_the_room(spec):
    layout = build_layout(spec)
    assert [s.number for s in layout.seats] == list(range(1, spec.capacity + 1))
    places = {(round(s.x, 3), round(s.y, 3)) for s in layout.seats}
    assert len(places) == spec.capacity
    for s in layout.seats:
        assert 0 < s.x < layout.width and 0 < s.y < layout.height
    for t in layout.tables:
        assert t.x >= 0 and t.x + t.w <= layout.width and t.y >= 0 and t.y + t.h <= layout.height


def test_the_platform_follows_the_sheet_rule_and_the_audience_rows_are_its_mirror():
    for one_left in (True, False):
        layout = build_layout(LayoutSpec(LayoutKind.PLATFORM, head=6, rows=2, per_row=4, even_one_left=one_left))
        assert left_to_right(layout, "主席台") == seat_positions(6, one_left)
        assert all(s.head for s in layout.seats[:6]) and not any(s.head for s in layout.seats[6:])
        # the audience faces the platform: their left hand is the viewer's left
        assert left_to_right(layout, "台下第1排") == [6 + n for n in seat_positions(4, one_left)[::-1]]
        assert left_to_right(layout, "台下第2排") == [10 + n for n in seat_positions(4, one_left)[::-1]]
        assert min(s.y for s in layout.seats if s.zone == "台下第1排") > max(s.y for s in layout.seats[:6])


def test_a_hollow_square_seats_the_head_first_then_the_sides_nearest_the_head_then_the_foot():
    layout = build_layout(LayoutSpec(LayoutKind.HOLLOW, head=3, sides=2, foot=3))
    assert left_to_right(layout, "上首") == [3, 1, 2]
    right, left = layout.seat(4), layout.seat(5)  # the head's left hand is the viewer's right
    assert (right.zone, left.zone) == ("右侧", "左侧") and right.x > layout.seat(2).x > left.x
    assert right.y == left.y < layout.seat(6).y
    assert left_to_right(layout, "下首") == [9, 8, 10] and layout.seat(8).facing == "up"
    # mirrored: those at the foot face the head, so 9 (at 8's left hand) is at the viewer's left
    assert layout.seat(1).facing == "down" and right.facing == "left" and left.facing == "right"


def test_a_u_shape_has_no_foot_and_is_drawn_as_three_bars():
    layout = build_layout(LayoutSpec(LayoutKind.U_SHAPE, head=4, sides=3, foot=5))
    assert layout.spec.capacity == 10 and len(layout.seats) == 10
    assert {s.zone for s in layout.seats} == {"上首", "左侧", "右侧"}
    assert len(layout.tables) == 3


def test_round_tables_put_seat_one_at_the_top_and_the_next_at_its_left_hand():
    layout = build_layout(LayoutSpec(LayoutKind.ROUND, tables=4, per_table=8))
    first = [s for s in layout.seats if s.table == 1]
    assert [s.number for s in first] == list(range(1, 9)) and first[0].zone == "第1桌（主桌）" and first[0].head
    top = first[0]
    assert top.y == min(s.y for s in first)
    assert first[1].x > top.x > first[2].x  # 2 at seat 1's left hand: the viewer's right
    assert layout.seat(9).table == 2 and layout.seat(32).table == 4
    main = next(t for t in layout.tables if t.label.startswith("第1桌"))
    assert all(main.y <= t.y for t in layout.tables)  # the 主桌 is in front


def test_bad_counts_are_refused_in_chinese_naming_each_field():
    with pytest.raises(ValidationError) as caught:
        LayoutSpec(LayoutKind.HOLLOW, head=0, sides=-1, foot=401).check()
    fields = {f for f, _ in caught.value.problems}
    assert fields == {"sides", "foot"} and "每侧座位数" in str(caught.value)
    with pytest.raises(ValidationError, match="至少要有 1 张桌子"):
        LayoutSpec(LayoutKind.ROUND, tables=0, per_table=8).check()
    with pytest.raises(ValidationError, match="上首"):
        LayoutSpec(LayoutKind.HOLLOW, head=0, sides=3).check()
    with pytest.raises(ValidationError, match="超过上限"):
        LayoutSpec(LayoutKind.PLATFORM, head=1, rows=400, per_row=400).check()
    with pytest.raises(ValidationError, match="未知的座次图样式"):
        LayoutSpec.from_dict({"kind": "三角形"})
    with pytest.raises(ValidationError):
        LayoutSpec.from_dict({"kind": "回字形", "head": "十"})


def test_a_spec_survives_its_json_and_says_what_it_is():
    spec = LayoutSpec(LayoutKind.HOLLOW, head=10, sides=20, foot=10, even_one_left=False)
    assert LayoutSpec.from_dict(spec.to_dict()) == spec
    assert describe(spec) == "回字形：上首 10 座，两侧各 20 座，下首 10 座，共 60 座"
    assert describe(LayoutSpec(LayoutKind.ROUND, tables=4, per_table=10)) == "圆桌：4 桌，每桌 10 座，共 40 座"
