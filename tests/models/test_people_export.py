"""委员库 exports: the list as shown, and the 委员花名册 by 界别 — checked by reopening with openpyxl."""

from datetime import date, datetime

import openpyxl
import pytest

from models.exports.people_xlsx import ROSTER_HEADERS, export_people, export_roster_by_sector, people_subtitle
from models.services.lookups import list_values
from models.services.people import MembershipData, PersonData, create_person
from models.services.people_columns import PERSON_COLUMNS
from models.services.people_list import load_people

ALL_KEYS = [column.key for column in PERSON_COLUMNS]


@pytest.fixture
def small_register(database):
    """Five people: members in two sectors (one without a sector), a guest, tricky names."""
    with database.session() as session:
        sectors = {v.name: v.id for v in list_values(session, "sector")}
        parties = {v.name: v.id for v in list_values(session, "party")}
        guests = {v.name: v.id for v in list_values(session, "guest_category")}

        def member(name, sector, **kw):
            ms = MembershipData(level="区", term="第十六届", sector_id=sectors.get(sector))
            return create_person(session, PersonData(name=name, memberships=[ms], party_id=parties["中共"], **kw))

        member("=1+1", "经济", gender="男", birth_year=1968, birth_month=5, mobile="13900000001")
        member("+8613900000000", "教育", gender="女", birth_year=1970)
        member("@SUM(A1)", "经济", employer_title="公司\x07董事长")
        member("王五", None)
        create_person(session, PersonData(name="赵六", guest_category_id=guests["专家学者"]))
    with database.session() as session:
        return load_people(session)


def _sheet(path, title):
    return openpyxl.load_workbook(path)[title]


def test_export_people_layout(tmp_path, small_register):
    path = export_people(small_register, ["name", "birth", "mobile", "employer_title"], tmp_path / "名单.xlsx",
                         title="区政协委员名单", subtitle=people_subtitle("全部人员", 5, date(2024, 5, 18)))
    ws = _sheet(path, "名单")
    assert ws["A1"].value == "区政协委员名单" and "A1:F1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "全部人员　共 5 人，导出于 2024年5月18日"
    assert [c.value for c in ws[3]] == ["序号", "姓名", "出生年月", "手机", "工作单位及职务", "编号（勿改）"]
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in body] == [1, 2, 3, 4, 5]
    assert [r[5] for r in body] == [p.id for p in small_register]  # ids as numbers, in the rows' order
    assert all(ws.cell(row=r, column=6).data_type == "n" for r in range(4, 9))


def test_export_people_birth_cells(tmp_path, small_register):
    path = export_people(small_register, ["name", "birth"], tmp_path / "名单.xlsx", title="名单")
    ws = _sheet(path, "名单")
    cells = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=3) for r in range(3, ws.max_row + 1)}
    full = cells["=1+1"]
    assert full.value == datetime(1968, 5, 1) and full.is_date and full.number_format == "yyyy.mm"
    year_only = cells["+8613900000000"]
    assert year_only.value == 1970 and not year_only.is_date
    assert cells["王五"].value is None


def test_export_never_writes_formulas(tmp_path, small_register):
    rows = [*small_register, small_register[0]._replace(name="危险\x07名字", employer_title="公司\x07董事长")]
    path = export_people(rows, ["name", "employer_title"], tmp_path / "名单.xlsx", title="名单")
    ws = _sheet(path, "名单")
    names = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=2) for r in range(3, ws.max_row + 1)}
    for text in ("=1+1", "+8613900000000", "@SUM(A1)"):
        assert names[text].data_type == "s" and names[text].quotePrefix
    assert names["危险名字"].data_type == "s"  # the control character is gone
    assert ws.cell(row=ws.max_row, column=3).value == "公司董事长"


def test_export_all_columns(tmp_path, small_register):
    path = export_people(small_register, ALL_KEYS, tmp_path / "全部.xlsx", title="全部")
    ws = _sheet(path, "名单")
    headers = [c.value for c in ws[2]]
    assert headers[0] == "序号" and headers[-1] == "编号（勿改）" and len(headers) == len(ALL_KEYS) + 2
    assert ws.max_row == 2 + len(small_register)


def test_roster_groups_counts_and_total(tmp_path, small_register):
    path = export_roster_by_sector(small_register, tmp_path / "花名册.xlsx", title="委员花名册",
                                   sector_order=["教育", "经济"])
    ws = _sheet(path, "花名册")
    assert [c.value for c in ws[2]] == list(ROSTER_HEADERS)
    assert ROSTER_HEADERS == ("序号", "姓名", "性别", "党派", "身份", "工作单位及职务", "手机", "编号（勿改）")
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    firsts = [r[0] for r in rows]
    assert firsts == ["教育（1人）", 1, "经济（2人）", 1, 2, "未填界别（1人）", 1, "合计 4 人"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:H3", "A5:H5", "A8:H8", "A10:H10"} <= merged
    assert [r[1] for r in rows if isinstance(r[0], int)] == ["+8613900000000", "=1+1", "@SUM(A1)", "王五"]
    assert "赵六" not in [r[1] for r in rows]  # guests are not on the roster
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "portrait" and ws["A3"].font.b


def test_roster_unknown_sectors_follow_in_order_of_appearance(tmp_path, small_register):
    path = export_roster_by_sector(small_register, tmp_path / "花名册.xlsx", title="花名册", sector_order=["教育"])
    ws = _sheet(path, "花名册")
    bands = [r[0] for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], str)]
    assert bands == ["教育（1人）", "经济（2人）", "未填界别（1人）", "合计 4 人"]


def test_demo_exports_are_complete(tmp_path, demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
    path = export_people(rows, ALL_KEYS, tmp_path / "全部.xlsx", title="全部人员")
    assert _sheet(path, "名单").max_row == 2 + len(rows)
    members = [r for r in rows if r.levels]
    path = export_roster_by_sector(rows, tmp_path / "花名册.xlsx", title="花名册", sector_order=[])
    ws = _sheet(path, "花名册")
    last = ws.cell(row=ws.max_row, column=1).value
    assert last == f"合计 {len(members)} 人"
    counted = sum(int(v.split("（")[1].rstrip("人）")) for (v,) in ws.iter_rows(min_row=3, max_col=1, values_only=True)
                  if isinstance(v, str) and v.endswith("人）"))
    assert counted == len(members)
