"""座次表 as PDF: the main table in seat_positions order, the others listed by role, long lists paginated."""

import pytest

from models.printing import SheetKind, seat_positions
from models.printing.seats import main_table

from .printing_fixtures import in_order, invitees, person, render_pages, sheet_input, squeeze

MAIN = 9
# Under the title and a drawing with one row of seats, page 1 has room for 20 list rows (8.5 mm,
# 6 names each, or a group heading); later pages hold 30. A heading keeps its first row with it;
# a group continued on a new page is named there again ("列席（续）"), which takes a row.
FIRST, LATER, PER_ROW = 20, 30, 6


def expected_pages(group_sizes: list[int]) -> int:
    pages, free = 1, FIRST
    for size in group_sizes:
        rows = -(-size // PER_ROW)
        if free < 2:
            pages, free = pages + 1, LATER
        free -= 2
        for _ in range(rows - 1):
            if free < 1:
                pages, free = pages + 1, LATER - 1
            free -= 1
    return pages


@pytest.mark.parametrize("count", [1, 40, 400])
def test_seating_chart(qapp, tmp_path, count):
    people = invitees(count)
    seating = main_table(people, MAIN)
    pages, text = render_pages(SheetKind.SEATING, sheet_input(people=people, main_seats=MAIN), tmp_path)
    assert pages == expected_pages([len(group) for _, group in seating.below])
    first = squeeze(text[0])
    assert "“完善社区卫生服务体系”专题双月协商会座次表" in first
    assert "975312468" in first  # seat numbers as seen from the audience
    assert "主席台" in first and "观众席" in first
    seated = [seating.seats[n - 1].name for n in seat_positions(MAIN) if seating.seats[n - 1]]
    in_order(seated, text[:1])
    expected = []
    for role, group in seating.below:
        expected += [f"{role}（{len(group)}人）"] + [p.name for p in group]
    in_order(expected, text)
    assert "工作人员" not in "".join(text)
    for page in text[1:]:  # a continued list is named again at the top of the page
        assert "（续）" in squeeze(page)[:12] or "人）" in squeeze(page)[:12]
    if count == 400:
        assert pages == 3 and "列席（续）" in squeeze(text[1])


@pytest.mark.parametrize(("one_left", "numbers"), [(True, "531246"), (False, "642135")])
def test_even_main_table(qapp, tmp_path, one_left, numbers):
    people = [person(i, name, "出席") for i, name in enumerate(["张一", "李二", "王三", "赵四", "刘五", "陈六"], 1)]
    people[0] = person(1, "张一", "主持")
    _pages, text = render_pages(SheetKind.SEATING, sheet_input(people=people, seat_even_one_left=one_left), tmp_path)
    page = squeeze(text[0])
    assert numbers in page
    names = {n: p.name for n, p in enumerate(people, 1)}
    in_order([names[int(n)] for n in numbers], text)
    assert ("1号在左" if one_left else "1号在右") in page


def test_seat_numbers_and_many_main_seats(qapp, tmp_path):
    people = invitees(60)
    numbered = [person(p.person_id, p.name, p.role, seat_no=str(n))
                for n, p in enumerate((p for p in people if p.role in ("主持", "出席")), start=1)]
    pages, text = render_pages(SheetKind.SEATING, sheet_input(people=numbered), tmp_path)
    seats = main_table(numbered).seats
    assert len(seats) == 31
    page = squeeze(text[0])
    # 31 seats in three rows of at most 12, the front row (1…11) next to the table, drawn lowest.
    rows = [list(range(23, 32)), list(range(12, 23)), list(range(1, 12))]
    at = [page.index("".join(str(r[0] - 1 + n) for n in seat_positions(len(r)))) for r in rows]
    assert at == sorted(at)
    assert page.index("主席台") > at[-1]
    assert pages == 1
