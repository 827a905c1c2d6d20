"""Automatic seating by protocol: who comes first, who takes no seat, locked seats kept."""

from models.seat_layouts import LayoutKind, LayoutSpec, build_layout
from models.seat_order import auto_seat, protocol_order, takes_a_seat
from tests.models.printing_fixtures import person


def test_leave_and_staff_take_no_seat():
    assert takes_a_seat(person(1, "甲"))
    assert not takes_a_seat(person(2, "乙", invite_status="请假"))
    assert not takes_a_seat(person(3, "丙", role="工作人员"))


def test_host_then_leaders_and_guests_then_speakers_attending_and_observers():
    rows = [person(1, "列席者", "列席"), person(2, "委员", "出席", member_role="委员"),
            person(3, "副主席", "出席", member_role="副主席"), person(4, "发言人", "发言"),
            person(5, "部长", "特邀"), person(6, "主持人", "主持"), person(7, "区长", "出席"),
            person(8, "主席", "出席", member_role="主席")]
    order = [r.name for r in protocol_order(rows)]
    assert order[0] == "主持人" and order[-1] == "列席者"
    # the committee's chair and vice-chair sit with the leaders though invited as 出席
    # (among leaders without a 排序 the committee role decides; a 排序 number puts a guest first)
    ranks = [order.index(name) for name in ("主席", "副主席", "部长", "发言人", "委员")]
    assert ranks == sorted(ranks)


def test_by_sector_groups_one_kind_by_the_offices_sector_order_before_strokes():
    rows = [person(1, "甲", sector="经济界"), person(2, "乙", sector="教育界"), person(3, "丙", sector=""),
            person(4, "丁", sector="经济界")]
    order = protocol_order(rows, by_sector=True, sector_order={"教育界": 0, "经济界": 1})
    assert [r.name for r in order] == ["乙", "甲", "丁", "丙"]
    assert [r.name for r in protocol_order(rows)] == ["甲", "乙", "丙", "丁"]  # strokes only


def test_auto_seat_fills_from_seat_one_and_keeps_locked_seats():
    layout = build_layout(LayoutSpec(LayoutKind.HOLLOW, head=3, sides=2, foot=0))  # 7 seats
    rows = [person(1, "主持人", "主持"), person(2, "部长", "特邀"), person(3, "甲"), person(4, "乙"),
            person(5, "丙", invite_status="请假"), person(6, "丁", role="工作人员"), person(7, "戊", "列席")]
    seating = auto_seat(layout.numbers, rows)
    assert seating.occupant == {1: 1001, 2: 1002, 3: 1003, 4: 1004, 5: 1007} and seating.unseated == ()
    again = auto_seat(layout.numbers, rows, locked={7: 1003, 6: 1005, 99: 1004})  # on leave / no such seat: ignored
    assert again.occupant == {7: 1003, 1: 1001, 2: 1002, 3: 1004, 4: 1007}


def test_more_people_than_seats_leaves_the_last_in_order_unseated():
    rows = [person(i, f"人{i}") for i in range(1, 6)]
    seating = auto_seat([1, 2, 3], rows)
    assert sorted(seating.occupant.values()) == [1001, 1002, 1003] and seating.unseated == (1004, 1005)
