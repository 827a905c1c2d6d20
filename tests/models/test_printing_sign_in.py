"""签到表 as PDF: pages, order, repeated header, whole rows, grouping and the 应到/实到 line."""

import pytest

from models.printing import SheetKind
from models.printing.table_pages import MIN_LAST_ROWS

from .printing_fixtures import in_order, invitees, person, render_pages, row_numbers, sheet_input, squeeze

HEADERS = ("序号", "姓名", "单位及职务", "界别", "签名", "备注")
# Rows are 12 mm (two lines of 五号 fit). Page 1 holds 18 rows under the title block, later pages 20;
# the last row carries the 应到/实到 line (10.7 mm), which fits after at most 17 rows on page 1 and
# 19 on later pages, otherwise that last row goes over with it.
FIRST, LATER = 18, 20


def expected_pages(rows: int) -> int:
    pages, left, capacity = 1, rows, FIRST
    while left > capacity - 1:
        if left <= capacity:
            return pages + 1
        left -= capacity
        pages, capacity = pages + 1, LATER
    return pages


def expected_counts(rows: int) -> list[int]:
    """Rows on each page: pages filled, then a last page of fewer than 3 rows evened out with the one before
    (18/20/20/1 → 18/20/11/10: the page before keeps the odd row)."""
    counts, left, capacity = [], rows, FIRST
    while left > capacity - 1:
        take = capacity - 1 if left == capacity else capacity  # the last row goes over with the tail
        counts.append(take)
        left, capacity = left - take, LATER
    counts.append(left)
    if len(counts) > 1 and counts[-1] < MIN_LAST_ROWS:
        both = counts[-2] + counts[-1]
        counts[-2:] = [(both + 1) // 2, both // 2]
    return counts


def listed(count: int) -> list[str]:
    return [p.name for p in invitees(count) if p.role != "工作人员"]


def test_expected_pages_rule():
    assert [expected_pages(n) for n in (1, 17, 18, 19, 38, 395, 400)] == [1, 1, 2, 2, 3, 20, 21]
    assert expected_counts(59) == [18, 20, 11, 10] and expected_counts(18) == [9, 9]
    assert expected_counts(61) == [18, 20, 20, 3] and expected_counts(17) == [17]


@pytest.mark.parametrize("count", [1, 40, 400])
def test_pages_order_header_and_whole_rows(qapp, tmp_path, count):
    names = listed(count)
    pages, text = render_pages(SheetKind.SIGN_IN, sheet_input(count), tmp_path)
    assert pages == expected_pages(len(names))
    if count == 400:
        assert pages >= 10
    in_order(names, text)  # the given order, never re-sorted
    numbers = [row_numbers(page) for page in text]
    assert [n for page in numbers for n in page] == list(range(1, len(names) + 1))
    for index, page in enumerate(text):
        assert all(word in squeeze(page) for word in HEADERS), f"header missing on page {index + 1}"
        if pages > 1:
            assert f"第{index + 1}页共{pages}页" in squeeze(page)
    if pages > 1:  # full pages hold exactly their share of rows, but the last never a lone row or two
        counts = [len(n) for n in numbers]
        assert counts == expected_counts(len(names))
        assert counts[-1] >= MIN_LAST_ROWS
    assert f"应到{len(names)}人实到" in squeeze(text[-1])
    assert "工作人员" not in "".join(text)  # staff are not listed (and no staff unit appears)


def test_no_row_is_split_across_pages(qapp, tmp_path):
    """Units long enough to wrap to three lines; each row's first and last word land on its name's page."""
    long_unit = "区人力资源和社会保障局党组书记、局长，区就业管理服务中心主任，区劳动人事争议仲裁院院长"
    people = [person(i, p.name, "出席", employer_title=f"A{i:03d} {long_unit} Z{i:03d}")
              for i, p in enumerate(invitees(120), start=1)]
    pages, text = render_pages(SheetKind.SIGN_IN, sheet_input(people=people), tmp_path)
    assert pages > 3
    name_pages = in_order([p.name for p in people], text)
    for index in range(1, len(people) + 1):
        start = [n for n, page in enumerate(text) if f"A{index:03d}" in page]
        end = [n for n, page in enumerate(text) if f"Z{index:03d}" in page]
        assert start == end == [name_pages[index - 1]], f"row {index} split"
    for page in text:
        assert all(word in squeeze(page) for word in HEADERS)


@pytest.mark.parametrize("group_by", ["界别", "角色"])
def test_group_rows_in_the_given_order(qapp, tmp_path, group_by):
    people = [p for p in invitees(400) if p.role != "工作人员"]
    _pages, text = render_pages(SheetKind.SIGN_IN, sheet_input(people=people, group_by=group_by), tmp_path)
    key = (lambda p: p.sector or "其他") if group_by == "界别" else (lambda p: p.role)
    groups: dict[str, list[str]] = {}
    for p in people:
        groups.setdefault(key(p), []).append(p.name)
    order = list(groups)
    if group_by == "角色":
        order = [role for role in ("主持", "出席", "列席", "特邀", "发言") if role in groups]
    expected = []
    for group in order:
        expected += [f"{group}（{len(groups[group])}人）"] + groups[group]
    in_order(expected, text)
    numbers = [n for page in text for n in row_numbers(page)]
    assert numbers == list(range(1, len(people) + 1))  # numbering runs on through the groups
    # A group that runs over a page break is named again at the top of the next page.
    assert any("（续）" in page for page in text[1:])
    for page in text[1:]:
        first_rows = squeeze(page).split("备注", 1)[1]
        assert "（续）" in first_rows[:20] or "人）" in first_rows[:20] or first_rows[0].isdigit()


def test_leave_is_noted_and_odd_names_just_print(qapp, tmp_path):
    people = [person(1, "=SUM(A1)", "出席", employer_title="+86 区民政局"), person(2, "刘䶮", "出席"),
              person(3, "阿依古丽·买买提", "出席", invite_status="请假"), person(4, "张伟", "出席")]
    _pages, text = render_pages(SheetKind.SIGN_IN, sheet_input(people=people), tmp_path)
    in_order(["=SUM(A1)", "+86区民政局", "刘䶮", "阿依古丽·", "买买提", "张伟"], text)  # the long name wraps
    page = squeeze(text[0])
    assert "请假" in page and "应到4人" in page
