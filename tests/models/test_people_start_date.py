"""任职起始日期 in the 委员库 import: recognised under the names offices use, read by the app's date parser (a
month alone is its 1st), written to the membership the row describes, explained per row when wrong, and
round-tripped through the 当前名单 export."""

from datetime import date, datetime

import openpyxl
import pytest

from models.exports.people_xlsx import export_people
from models.imports.people_import import ADDED, ERROR, SKIPPED, UPDATED, analyse_people_import, apply_people_import
from models.services.lookups import list_values
from models.services.people import MembershipData, PersonData, create_person, get_person
from models.services.people_list import load_people


def _book(path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.fixture
def zhang(database):
    with database.session() as session:
        sector = {v.name: v.id for v in list_values(session, "sector")}["经济"]
        return create_person(session, PersonData(name="张伟", mobile="13900000001", memberships=[
            MembershipData(level="区", term="第十六届", sector_id=sector)]))


@pytest.mark.parametrize("header", ["任职起始日期", "任职时间", "起始日期", "任职起始年月"])
def test_the_column_is_recognised_under_its_usual_names(tmp_path, database, header):
    path = _book(tmp_path / "名单.xlsx", [["姓名", "级别", header], ["王小明", "区", "2023年1月"]])
    with database.session() as session:
        preview = analyse_people_import(session, path)
    assert preview.mapping[2] == "start_date"
    assert preview.rows[0].data.memberships[0].start_date == date(2023, 1, 1)


def test_forms_written_errors_per_row_and_the_membership_written(tmp_path, database, zhang):
    path = _book(tmp_path / "名单.xlsx", [
        ["姓名", "手机", "级别", "届次", "任职时间"],
        ["张伟", "13900000001", "区", "第十六届", datetime(2022, 1, 5)],  # 2: update, a date cell
        ["王小明", None, "区", None, "2023年1月"],                         # 3: new, a month alone
        ["李娜", None, "市", None, 44931],                                 # 4: new, Excel's day count
        ["赵丽", None, "区", None, "1968.5"],                              # 5: new, as 出生年月 is written
        ["钱多", None, "区", None, "2023.13"],                             # 6: no 13th month
        ["孙红", None, "区", None, "去年"],                                # 7: not a date
        ["周婷", None, "区", None, "2023"],                                # 8: a year alone
    ])
    with database.session() as session:
        preview = analyse_people_import(session, path)
    rows = {row.row_no: row for row in preview.rows}
    assert [rows[n].outcome for n in range(2, 9)] == [UPDATED, ADDED, ADDED, ADDED, ERROR, ERROR, ERROR]
    assert rows[2].reason == "任职起始日期：空 → 2022年1月5日"
    assert rows[6].reason == "任职起始日期“2023.13”不存在：没有 13 月。"
    assert rows[7].reason.startswith("无法识别任职起始日期“去年”，请写成")
    assert rows[8].reason.startswith("任职起始日期“2023”不完整，请至少写出年和月")
    with database.session() as session:
        report = apply_people_import(session, preview, {})
        assert (report.created, report.updated) == (3, 1)
        starts = {row.name: row.start_date for row in load_people(session)}
        assert get_person(session, zhang).memberships[0].start_date == date(2022, 1, 5)
    assert starts == {"张伟": date(2022, 1, 5), "王小明": date(2023, 1, 1), "李娜": date(2023, 1, 5),
                      "赵丽": date(1968, 5, 1)}


def test_a_start_after_the_end_is_an_error_of_the_row(tmp_path, database):
    with database.session() as session:
        person = create_person(session, PersonData(name="吴刚", mobile="13900000002", memberships=[
            MembershipData(level="区", start_date=date(2018, 1, 1), end_date=date(2022, 12, 31))]))
    path = _book(tmp_path / "名单.xlsx", [["姓名", "手机", "任职起始日期"], ["吴刚", "13900000002", "2023.1"]])
    with database.session() as session:
        row = analyse_people_import(session, path).rows[0]
        assert get_person(session, person).memberships[0].start_date == date(2018, 1, 1)
    assert (row.outcome, row.reason) == (ERROR, "委员身份的结束日期不能早于开始日期。")


def test_round_trip_through_the_export(tmp_path, database, zhang):
    with database.session() as session:
        path = export_people(load_people(session), ["name", "mobile", "term", "start_date"], tmp_path / "名单.xlsx",
                             title="委员名单")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = next(r for r in range(1, 6) if ws.cell(row=r, column=1).value == "序号")
    assert [c.value for c in ws[header]] == ["序号", "姓名", "手机", "届次", "任职起始日期", "编号（勿改）"]
    ws.cell(row=header + 1, column=5).value = datetime(2021, 12, 20)
    wb.save(path)
    with database.session() as session:
        preview = analyse_people_import(session, path)
        assert [(r.outcome, r.reason) for r in preview.rows] == [(UPDATED, "任职起始日期：空 → 2021年12月20日")]
        apply_people_import(session, preview, {})
    with database.session() as session:
        again = export_people(load_people(session), ["name", "start_date"], tmp_path / "again.xlsx", title="委员名单")
        assert [(r.outcome, r.reason) for r in analyse_people_import(session, path).rows] == [(SKIPPED, "无变化")]
    cell = openpyxl.load_workbook(again).active.cell(row=header + 1, column=3)
    assert cell.value == datetime(2021, 12, 20) and cell.is_date
