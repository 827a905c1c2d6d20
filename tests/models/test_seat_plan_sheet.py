"""座次表 from a seat plan: every layout kind drawn with each name inside its own seat's box (read back from the
PDF), A4 turned for a wide room, people on leave and staff never in a seat, the list in seat order; 桌签 in seat
order."""

from dataclasses import replace
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPageLayout

from models.printing import SheetKind, page_layout, render_pdf
from models.printing.output import build
from models.printing.seats import in_seat_order
from models.printing.units import MM
from models.seat_layouts import DEFAULT_LAYOUTS, LayoutKind, LayoutSpec, build_layout
from models.seat_order import auto_seat

from .printing_fixtures import in_order, invitees, pdf_pages, pdf_size, pdf_words, person, png_pages, sheet_input

PT_UNITS = 25.4 / 72 * MM  # sheet units per PDF point
A4_LANDSCAPE_PT, A4_PORTRAIT_PT = (841.89, 595.28), (595.28, 841.89)


def plan_of(room):
    return SimpleNamespace(layout=room)


def seated_input(spec, count: int = 59, **options):
    """`count` invitees seated automatically on the layout (seat_no stored as the plan saves it)."""
    room = build_layout(spec)
    people = invitees(count)
    seating = auto_seat([s.number for s in room.seats], people)
    seat_of = {a: n for n, a in seating.occupant.items()}
    people = [replace(p, seat_no=str(seat_of.get(p.attendance_id, ""))) for p in people]
    return replace(sheet_input(people=people, **options), plan=plan_of(room)), room, seat_of


def words_in(box, words) -> str:
    """The text of the PDF words whose centre lies inside the box (sheet units), in reading order."""
    inside = [w for w in words if box.contains(QPointF((w[1] + w[3]) / 2 * PT_UNITS, (w[2] + w[4]) / 2 * PT_UNITS))]
    return "".join(w[0] for w in sorted(inside, key=lambda w: (round(w[2]), w[1])))


@pytest.mark.parametrize(("name", "spec"), DEFAULT_LAYOUTS, ids=[name for name, _ in DEFAULT_LAYOUTS])
def test_each_layout_drawn_with_names_in_their_seats(qapp, tmp_path, name, spec):
    data, room, seat_of = seated_input(spec)
    document = build(SheetKind.SEATING, data)
    path = tmp_path / "座次表.pdf"
    pages = render_pdf(SheetKind.SEATING, data, path)
    png_pages(path, f"seat_plan-{spec.kind}")
    landscape = room.width > room.height
    assert pdf_size(path) == pytest.approx(A4_LANDSCAPE_PT if landscape else A4_PORTRAIT_PT, abs=0.05)
    layout = page_layout(SheetKind.SEATING, data)
    assert (layout.orientation() == QPageLayout.Orientation.Landscape) == landscape
    assert layout.pageSize().id() == layout.pageSize().PageSizeId.A4
    boxes = document.seats
    assert sorted(boxes) == [s.number for s in room.seats]
    width, height = document.geometry.width * MM, document.geometry.height * MM
    for number, box in boxes.items():  # inside the page, none over another
        assert box.left() > 0 and box.right() < width and box.top() > 0 and box.bottom() < height, number
        assert not any(box.intersects(other) for n, other in boxes.items() if n != number), number
    words = pdf_words(path)[0]
    by_id = {p.attendance_id: p for p in data.invitees}
    assert seat_of  # somebody is seated on every kind
    for attendance_id, number in seat_of.items():
        text = words_in(boxes[number], words)
        assert text == f"{number}{by_id[attendance_id].name}", (number, text)
    for number in set(boxes) - set(seat_of.values()):  # an empty seat shows its number only
        assert words_in(boxes[number], words) == str(number)
    first = "".join(w[0] for w in words)
    assert "观众席" in first.replace("　", "") or LayoutKind(spec.kind) != LayoutKind.PLATFORM
    assert ("主席台" in first) == (LayoutKind(spec.kind) == LayoutKind.PLATFORM)
    for table in room.tables:
        assert table.label.replace(" ", "") in first.replace("　", "")
    text = pdf_pages(path)
    assert pages == len(text) >= 2
    # the door's list, in seat order, after the drawing
    listed = [by_id[a].name for a, _n in sorted(seat_of.items(), key=lambda item: item[1])]
    in_order(["座位安排", *listed], text[1:])


def test_a_hall_of_400_keeps_every_name_inside_its_box(qapp, tmp_path):
    """Crowded: 20 seats a row at A4 width, so names go down to a few points, but never out of their seat."""
    data, _room, seat_of = seated_input(LayoutSpec(LayoutKind.PLATFORM, head=20, rows=19, per_row=20), count=420)
    document = build(SheetKind.SEATING, data)
    path = tmp_path / "座次表.pdf"
    render_pdf(SheetKind.SEATING, data, path)
    words = pdf_words(path)[0]
    by_id = {p.attendance_id: p for p in data.invitees}
    assert len(seat_of) == 400
    wrong = {n: words_in(document.seats[n], words) for a, n in seat_of.items()
             if words_in(document.seats[n], words) != f"{n}{by_id[a].name}"}
    assert wrong == {}


def test_round_tables_print_names_as_large_as_their_boxes_allow(qapp, tmp_path):
    """4 tables × 10 seats: the boxes take the room their neighbours leave (wider than a seat unit), names
    across at 五号 or more (they were 8 pt); a four-character name two and two, at 9 pt or more (it was 6)."""
    data, _room, seat_of = seated_input(LayoutSpec(LayoutKind.ROUND, tables=4, per_table=10), count=40)
    compound = next(a for a, n in seat_of.items() if n == 2)
    data = replace(data, invitees=[replace(p, name="欧阳明月") if p.attendance_id == compound else p
                                   for p in data.invitees])
    document = build(SheetKind.SEATING, data)
    path = tmp_path / "座次表.pdf"
    render_pdf(SheetKind.SEATING, data, path)
    png_pages(path, "seat_plan-round-4x10")
    words = pdf_words(path)[0]
    by_id = {p.attendance_id: p for p in data.invitees}
    sizes = {}
    for attendance_id, number in seat_of.items():
        box = document.seats[number]
        assert box.width() > box.height() * 1.1  # wider than tall: the neighbours beside are also below
        inside = [w for w in words if box.contains(QPointF((w[1] + w[3]) / 2 * PT_UNITS, (w[2] + w[4]) / 2 * PT_UNITS))
                  and w[0] != str(number)]
        name = by_id[attendance_id].name
        assert "".join(w[0] for w in sorted(inside, key=lambda w: (round(w[2]), w[1]))) == name, number
        sizes[name] = min((w[3] - w[1]) / len(w[0]) for w in inside)  # a character's advance: its size in pt
        if name == "欧阳明月":
            assert [w[0] for w in inside] == ["欧阳", "明月"]
    assert sizes.pop("欧阳明月") >= 9.0
    assert min(sizes.values()) >= 10.5, sorted(sizes.items(), key=lambda kv: kv[1])[:3]


def test_on_leave_and_staff_never_sit_even_with_a_stored_seat(qapp, tmp_path):
    spec = next(spec for _name, spec in DEFAULT_LAYOUTS if spec.kind == LayoutKind.HOLLOW)
    room = build_layout(spec)
    people = [person(1, "张一", "主持", seat_no="1"), person(2, "李二", seat_no="2", invite_status="请假"),
              person(3, "王三", "工作人员", seat_no="3"), person(4, "赵四", seat_no="4"), person(5, "刘五"),
              person(6, "陈六", seat_no="999")]
    data = replace(sheet_input(people=people), plan=plan_of(room))
    document = build(SheetKind.SEATING, data)
    path = tmp_path / "座次表.pdf"
    render_pdf(SheetKind.SEATING, data, path)
    words = pdf_words(path)[0]
    assert words_in(document.seats[1], words) == "1张一"
    assert words_in(document.seats[2], words) == "2"  # 请假: the seat stays empty
    assert words_in(document.seats[3], words) == "3"  # staff are not at the table
    assert words_in(document.seats[4], words) == "4赵四"
    text = "".join(pdf_pages(path)).replace(" ", "")
    assert "共2人" in text and "李二" not in text and "王三" not in text
    assert "尚未安排座位（2人）：刘五、陈六" in text  # no seat, or a number the layout does not have


def test_name_cards_in_seat_order_then_the_rest():
    people = [person(1, "甲", seat_no="3"), person(2, "乙"), person(3, "丙", seat_no="1"), person(4, "丁"),
              person(5, "戊", seat_no=" 2 ")]
    assert [p.name for p in in_seat_order(people)] == ["丙", "戊", "甲", "乙", "丁"]
    assert in_seat_order(people[1:2] + people[3:4]) == [people[1], people[3]]  # nobody seated: as given
