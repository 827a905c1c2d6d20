"""参会名单 and 议程 as PDF: grouped in protocol order, numbered per group, header on every page, whole rows."""

import pytest

from models.printing import SheetKind
from models.printing.sheet_input import SheetInput, SheetOptions

from .printing_fixtures import agenda, in_order, invitees, meeting, render_pages, row_numbers, sheet_input, squeeze

# The fixture's people in protocol order: its host is the one 领导 (a 副主席); 出席 and 发言 are 委员.
GROUPS = (("领导", ("主持",)), ("特邀", ("特邀",)), ("委员", ("出席", "发言")), ("列席", ("列席",)),
          ("工作人员", ("工作人员",)))
HEADERS = ("序号", "姓名", "单位及职务", "备注")
# Every row (group heading or person) is 8.5 mm: 26 fit on page 1 under the title block, 29 on later
# pages. A heading keeps its first person with it; a group continued on a new page is named there
# again ("出席（续）"), which takes a row.
FIRST, LATER = 26, 29


def expected_pages(group_sizes: list[int]) -> int:
    pages, free = 1, FIRST
    for size in group_sizes:
        if free < 2:
            pages, free = pages + 1, LATER
        free -= 2
        for _ in range(size - 1):
            if free < 1:
                pages, free = pages + 1, LATER - 1
            free -= 1
    return pages


def by_group(count: int) -> list[tuple[str, list[str]]]:
    people = invitees(count)
    groups = [(group, [p.name for p in people if p.role in roles]) for group, roles in GROUPS]
    return [(group, names) for group, names in groups if names]


@pytest.mark.parametrize("count", [1, 40, 400])
def test_roster_in_protocol_groups(qapp, tmp_path, count):
    groups = by_group(count)
    pages, text = render_pages(SheetKind.ROSTER, sheet_input(count), tmp_path)
    assert pages == expected_pages([len(names) for _, names in groups])
    expected = []
    for role, names in groups:
        expected += [f"{role}（{len(names)}人）", *names]
    in_order(expected, text)
    numbers = [n for page in text for n in row_numbers(page)]
    assert numbers == [n for _, names in groups for n in range(1, len(names) + 1)]
    for index, page in enumerate(text):
        assert all(word in squeeze(page) for word in HEADERS), f"header missing on page {index + 1}"
    if count == 400:
        assert pages == 15
        assert "委员（续）" in squeeze(text[1]) and "列席（续）" in squeeze(text[2])
        assert "时间：2023年5月18日（星期四）14:00" in squeeze(text[0])


def test_roster_notes_and_rows_not_split(qapp, tmp_path):
    people = invitees(200)
    long_note = "因公出差，委托同单位副职参会并负责传达会议精神"
    people = [p.__class__(**{**p.__dict__, "notes": f"N{i:03d} {long_note} M{i:03d}"}) for i, p in enumerate(people)]
    pages, text = render_pages(SheetKind.ROSTER, sheet_input(people=people), tmp_path)
    assert pages > 5
    for i in range(len(people)):
        start = [n for n, page in enumerate(text) if f"N{i:03d}" in page]
        end = [n for n, page in enumerate(text) if f"M{i:03d}" in page]
        assert len(start) == 1 and start == end, f"row of {people[i].name} split"


def test_agenda_sheet(qapp, tmp_path):
    data = sheet_input(40)
    pages, text = render_pages(SheetKind.AGENDA, data, tmp_path)
    assert pages == 1
    page = squeeze(text[0])
    assert "“完善社区卫生服务体系”专题双月协商会议程" in page
    assert "地点：区政协机关三楼会议室" in page
    host = next(p.name for p in data.invitees if p.role == "主持")
    assert f"主持人：{host}" in page
    # Long items wrap inside their cell (the time is centred beside them): look for the start of each item.
    in_order(["时间", "议程内容", "发言人/负责人"] + [a.title[:8] for a in data.agenda], text)
    assert all(a.time_text in page for a in data.agenda)


def test_agenda_without_items_or_date(qapp, tmp_path):
    data = SheetInput(meeting(starts_at=None, ends_at=None, venue=""), [], [], SheetOptions())
    pages, text = render_pages(SheetKind.AGENDA, data, tmp_path)
    assert pages == 1 and "议程待定" in text[0]


def test_long_agenda_paginates_with_header(qapp, tmp_path):
    items = agenda() * 20
    data = SheetInput(meeting(), invitees(5), items, SheetOptions())
    pages, text = render_pages(SheetKind.AGENDA, data, tmp_path)
    assert pages >= 2
    for page in text:
        assert all(word in squeeze(page) for word in ("时间", "议程内容", "发言人/负责人"))
