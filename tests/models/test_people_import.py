"""委员库 import: preview row by row, unknown lookup values, apply all-or-nothing, files that are not
workbooks, and the round trip through the exports."""

from datetime import datetime

import openpyxl
import pytest
from sqlalchemy import func
from sqlmodel import select

from models.errors import ConflictError, ValidationError
from models.exports.people_xlsx import export_people, export_roster_by_sector
from models.imports.people_import import (
    ADDED,
    ERROR,
    FIELD_LABELS,
    NEW,
    SKIPPED,
    UPDATED,
    analyse_people_import,
    apply_people_import,
)
from models.imports.person_fields import parse_levels
from models.imports.xlsx_reader import WorkbookError, open_workbook, read_table
from models.services.lookups import list_values, set_active
from models.services.people import MembershipData, PersonData, create_person, get_person, save_person
from models.services.people_columns import PERSON_COLUMNS
from models.services.people_list import load_people
from models.tables import AuditEntry, Person, Sector

HEADER = ["序号", "名字", "性别", "出生年月", "政治面貌", "所在界别", "单位职务", "联系电话"]


def _book(path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def _ids(session, kind) -> dict[str, int]:
    return {v.name: v.id for v in list_values(session, kind)}


def _counts(session) -> tuple[int, int, int]:
    return (session.exec(select(func.count()).select_from(Person)).one(),
            session.exec(select(func.count()).select_from(Sector)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one())


@pytest.fixture
def register(database):
    """Existing people the roster below refers to."""
    with database.session() as session:
        sector, party = _ids(session, "sector"), _ids(session, "party")
        ids = {
            "张伟": create_person(session, PersonData(
                name="张伟", gender="男", birth_year=1968, birth_month=5, party_id=party["中共"],
                employer_title="滨江实业集团总经理", mobile="13900000001",
                memberships=[MembershipData(level="区", term="第十六届", sector_id=sector["经济"])])),
            "李娜": create_person(session, PersonData(
                name="李娜", gender="女", birth_year=1970, birth_month=3, party_id=party["民盟"],
                employer_title="区一中校长", memberships=[MembershipData(level="区", sector_id=sector["教育"])])),
            "孙红": create_person(session, PersonData(name="孙红", birth_year=1960, mobile="13800000000")),
        }
    return ids


def _roster(tmp_path):
    """A realistic office roster: an instructions sheet first, then the list under a merged title and
    subtitle, variant headers, a group heading, text and real dates, bad rows and a total."""
    rows = [
        ["区政协第十六届委员名单"], ["（按姓氏笔画排序）"], HEADER,
        ["一、经济界（6人）"],                                                              # 4 heading
        [1, "张　伟", "男", "1968.5", "中共", "经济", "滨江实业集团董事长", "13900000001"],  # 5 update
        [2, "李 娜", "女", datetime(1970, 3, 1), "民盟", "教育", "区一中校长", None],       # 6 unchanged
        [3, "王小明", "男", "1968年5月", "民主促进会", "经济界", "新华商贸公司经理", 13900000003],  # 7 new
        [4, "赵丽", "女", "196805", "中共", "经济界", "某单位", "1390000"],                  # 8 bad mobile
        [5, "钱多", "男", "五月", "中共", "经济", "某单位", None],                          # 9 bad birth
        [6, None, "男", None, None, None, "某单位", "13900000009"],                        # 10 no name
        [7, "王小明", "男", "1968.05", "中共", "经济", "新华商贸", None],                   # 11 duplicate of 7
        [8, "孙红", "女", "197501", "群众", "经济界", "区人民医院", "13900000012"],          # 12 new, same name
        [9],                                                                               # 13 numbered, empty
        ["合计 8 人"],                                                                     # 14 total
    ]
    return _book(tmp_path / "名单.xlsx", {"填表说明": [["请按以下格式填写"], ["姓名必填"]], "委员名单": rows},
                 {"委员名单": ["A1:H1", "A2:H2", "A4:H4", "A14:H14"]})


EXPECTED = [(4, SKIPPED), (5, UPDATED), (6, SKIPPED), (7, ADDED), (8, ERROR), (9, ERROR), (10, ERROR),
            (11, ERROR), (12, ADDED), (13, SKIPPED), (14, SKIPPED)]


def test_roster_preview_gives_every_row_one_outcome(tmp_path, database, register):
    path = _roster(tmp_path)
    with database.session() as session:
        before = _counts(session)
        preview = analyse_people_import(session, path)
        assert _counts(session) == before  # nothing written
    assert preview.sheet == "委员名单" and preview.sheets == ["填表说明", "委员名单"] and preview.header_row == 3
    assert [preview.mapping[i] for i in range(8)] == ["seq", "name", "gender", "birth", "party", "sector",
                                                    "employer_title", "mobile"]
    assert [(r.row_no, r.outcome) for r in preview.rows] == EXPECTED
    rows = {r.row_no: r for r in preview.rows}
    # every changed field old → new, in the preview itself (as the other imports show them)
    assert rows[5].reason == "工作单位及职务：滨江实业集团总经理 → 滨江实业集团董事长"
    assert rows[5].person_id == register["张伟"]
    assert "滨江实业集团总经理 → 滨江实业集团董事长" in " ".join(rows[5].details)
    assert rows[6].reason == "无变化" and rows[6].person_id == register["李娜"] and rows[6].name == "李娜"
    assert rows[7].reason == "新增人员" and rows[7].data.birth_year == 1968 and rows[7].data.birth_month == 5
    assert rows[7].data.mobile == "13900000003"
    assert "11 位数字" in rows[8].reason and "1390000" in rows[8].reason
    assert "五月" in rows[9].reason and "无法识别" in rows[9].reason
    assert rows[10].reason == "缺少姓名"
    assert rows[11].reason == "与第 7 行重复"
    assert rows[12].reason == "系统中已有同名人员，请确认不是同一人" and str(register["孙红"]) in rows[12].details[0]
    assert (rows[12].data.birth_year, rows[12].data.birth_month) == (1975, 1)
    assert (rows[6].data.birth_year, rows[6].data.birth_month) == (1970, 3)  # from a real date cell
    assert "不是人员" in rows[4].reason and "不是人员" in rows[14].reason and "不是人员" in rows[13].reason
    assert preview.counts() == {ADDED: 2, UPDATED: 1, ERROR: 4, SKIPPED: 4}
    # row 8 has an error too, but its 经济界 is listed all the same: every unknown value gets its decision
    assert preview.unknown_values == {"party": {"民主促进会": 1}, "sector": {"经济界": 3}}


def test_unknown_values_must_be_decided_then_are_mapped_and_added(tmp_path, database, register):
    path = _roster(tmp_path)
    with database.session() as session:
        preview = analyse_people_import(session, path)
        assert preview.unresolved({}) == [("party", "民主促进会"), ("sector", "经济界")]
        with pytest.raises(ValidationError) as refused:
            apply_people_import(session, preview, {("party", "民主促进会"): NEW})
        assert "经济界" in refused.value.message and "民主促进会" not in refused.value.message
    with database.session() as session:
        assert _counts(session)[0] == 3 and "经济界" not in _ids(session, "sector")
        decisions = {("party", "民主促进会"): _ids(session, "party")["民进"], ("sector", "经济界"): NEW}
        preview = analyse_people_import(session, path, value_map=decisions)
        assert preview.unresolved(decisions) == []
        summary = apply_people_import(session, preview, decisions)
    assert (summary.created, summary.updated, summary.skipped, summary.errors) == (2, 1, 4, 4)
    assert summary.added_values == [("界别", "经济界")]
    assert "新增参数值：界别“经济界”。" in summary.text()
    with database.session() as session:
        people = {p.name: p for p in load_people(session)}
        assert people["王小明"].party == "民进" and people["王小明"].sector == "经济界"
        assert people["王小明"].levels == "区"  # a 界别 without a 级别 column means a district member
        assert sorted(p.sector for p in load_people(session) if p.name == "孙红") == ["", "经济界"]
        assert get_person(session, register["张伟"]).employer_title == "滨江实业集团董事长"
    with database.session() as session:  # the same file again: nothing left to do
        again = analyse_people_import(session, path, value_map=decisions)
    assert again.counts()[ADDED] == 0 and again.counts()[UPDATED] == 0


def test_leaving_an_unknown_value_empty_keeps_the_existing_value(tmp_path, database, register):
    path = _book(tmp_path / "a.xlsx", {"名单": [["姓名", "手机", "界别"], ["张伟", "13900000001", "经济界别"]]})
    decisions = {("sector", "经济界别"): None}
    with database.session() as session:
        preview = analyse_people_import(session, path, value_map=decisions)
        assert [(r.outcome, r.reason) for r in preview.rows] == [(SKIPPED, "无变化")]
        assert preview.unknown_values == {"sector": {"经济界别": 1}}
        apply_people_import(session, preview, decisions)
    with database.session() as session:
        assert load_people(session, [register["张伟"]])[0].sector == "经济"


def test_a_conflict_rolls_the_whole_import_back(tmp_path, database, register):
    path = _roster(tmp_path)
    decisions = {("party", "民主促进会"): NEW, ("sector", "经济界"): NEW}
    with database.session() as session:
        preview = analyse_people_import(session, path, value_map=decisions)
    with database.session() as session:  # a colleague edits 张伟 after the preview
        data = get_person(session, register["张伟"])
        data.notes = "同事修改"
        save_person(session, data)
    with database.session() as session:
        before = _counts(session)
    with pytest.raises(ConflictError), database.session() as session:
        apply_people_import(session, preview, decisions)
    with database.session() as session:
        assert _counts(session) == before
        assert "经济界" not in _ids(session, "sector") and "民主促进会" not in _ids(session, "party")
        assert get_person(session, register["张伟"]).employer_title == "滨江实业集团总经理"


def test_changing_a_decision_after_the_preview_needs_a_new_preview(tmp_path, database, register):
    path = _roster(tmp_path)
    decisions = {("party", "民主促进会"): None, ("sector", "经济界"): NEW}
    with database.session() as session:
        preview = analyse_people_import(session, path, value_map=decisions)
        with pytest.raises(ValidationError, match="重新预览"):
            apply_people_import(session, preview, {**decisions, ("party", "民主促进会"): NEW})


def test_asking_for_a_sheet_and_mapping_columns(tmp_path, database, register):
    path = _book(tmp_path / "a.xlsx", {"甲": [["姓名"], ["周一"]],
                                       "乙": [["人员", "职务", "电话号码"], ["吴二", "区医院院长", "13900000022"]]})
    with database.session() as session:
        assert analyse_people_import(session, path).sheet == "甲"
        with pytest.raises(WorkbookError) as missing:
            analyse_people_import(session, path, sheet="乙")
        assert "姓名" in missing.value.message and "“人员”、“职务”、“电话号码”" in missing.value.message
        preview = analyse_people_import(session, path, sheet="乙",
                                        mapping={0: "name", 1: "employer_title", 2: "mobile"})
        assert preview.rows[0].outcome == ADDED and preview.rows[0].data.employer_title == "区医院院长"
        assert preview.rows[0].data.mobile == "13900000022"
        with pytest.raises(ValidationError, match="对应了多列"):
            analyse_people_import(session, path, sheet="乙", mapping={0: "name", 1: "mobile", 2: "mobile"})
        with pytest.raises(WorkbookError, match="没有名为“丙”"):
            analyse_people_import(session, path, sheet="丙")
    assert FIELD_LABELS["employer_title"] == "工作单位及职务"


def test_updates_never_erase_and_describe_memberships(tmp_path, database, register):
    rows = [["姓名", "手机", "单位", "级别", "届次", "界别", "身份", "专委会", "状态", "出生年月"],
            ["张伟", "13900000001", None, "区政协、市政协", "第十六届", None, "常委", "提案委员会", "离任", "1968"],
            ["李娜", None, None, None, None, None, "政协委员", None, None, "1970.03"]]
    path = _book(tmp_path / "a.xlsx", {"名单": rows})
    with database.session() as session:
        preview = analyse_people_import(session, path)
        first, second = preview.rows
        assert first.outcome == UPDATED and second.outcome == SKIPPED and second.reason == "无变化"
        for change in ("身份：委员 → 常委", "专委会：空 → 提案委员会", "状态：在任 → 离任", "新增委员身份：市"):
            assert change in first.reason
        assert "工作单位" not in first.reason and "出生年月" not in first.reason  # 1968 keeps month 5
        apply_people_import(session, preview, {})
    with database.session() as session:
        person = get_person(session, register["张伟"])
        assert person.employer_title == "滨江实业集团总经理" and person.active is False
        assert (person.birth_year, person.birth_month) == (1968, 5)
        district, municipal = person.memberships
        assert (district.level, district.role, district.term) == ("区", "常委", "第十六届")
        assert district.sector_id == _ids(session, "sector")["经济"]
        assert district.committee_id == _ids(session, "committee")["提案委员会"]
        assert municipal.level == "市" and municipal.role == "委员"


def test_id_column_rules(tmp_path, database, register):
    rows = [["编号", "姓名", "手机"], [register["张伟"], "张伟", "13911112222"], [99999, "某人", None],
            [str(register["李娜"]), "王五", None], ["abc", "赵六", None], [None, "钱七", None]]
    path = _book(tmp_path / "a.xlsx", {"名单": rows})
    with database.session() as session:
        preview = analyse_people_import(session, path)
    outcomes = [(r.row_no, r.outcome) for r in preview.rows]
    assert outcomes == [(2, UPDATED), (3, ERROR), (4, ERROR), (5, ERROR), (6, ADDED)]
    assert preview.rows[0].reason.startswith("手机：") and " → " in preview.rows[0].reason
    assert "不存在" in preview.rows[1].reason and "李娜" in preview.rows[2].reason
    assert "不是本系统导出的编号" in preview.rows[3].reason


def test_guests_headings_header_repeats_and_merged_sectors(tmp_path, database, register):
    rows = [["姓名", "界别", "嘉宾类别", "手机"],
            ["周专家", None, "专家学者", None],
            ["经济界"],
            ["姓名", "界别", "嘉宾类别", "手机"],
            ["冯一", "教育", None, "13900000031"],
            ["陈二", None, None, "13900000032"],
            ["褚三", "级别不明", None, "abc"]]
    path = _book(tmp_path / "a.xlsx", {"名单": rows}, {"名单": ["B5:B6"]})
    progress = []
    with database.session() as session:
        preview = analyse_people_import(session, path, progress=lambda done, total: progress.append((done, total)))
    assert [(r.row_no, r.outcome) for r in preview.rows] == [(2, ADDED), (3, SKIPPED), (4, SKIPPED), (5, ADDED),
                                                            (6, ADDED), (7, ERROR)]
    guest = preview.rows[0].data
    assert guest.guest_category_id is not None and guest.memberships == []
    assert "表头" in preview.rows[2].reason
    education = preview.rows[3].data.memberships[0].sector_id
    assert preview.rows[4].data.memberships[0].sector_id == education  # the merged 界别 cell covers 陈二
    # 褚三 is an error row, but its unknown 界别 is still listed, so the user can map it (issue 12)
    assert preview.unknown_values == {"sector": {"级别不明": 1}}
    assert progress[-1] == (6, 6)


def test_retired_values_still_match_and_two_row_headers(tmp_path, database, register):
    with database.session() as session:
        sector = next(v for v in list_values(session, "sector") if v.name == "特邀")
        set_active(session, "sector", sector.id, False, expected_version=sector.version)
    rows = [["委员名单"], ["姓名", "界别", "联系方式", None], [None, None, "手机", "办公电话"],
            ["蒋四", "特邀", "13900000041", "0571-86000000"]]
    path = _book(tmp_path / "a.xlsx", {"名单": rows}, {"名单": ["A2:A3", "B2:B3", "C2:D2"]})
    with database.session() as session:
        preview = analyse_people_import(session, path)
    assert preview.header_row == 3 and preview.unknown_values == {}
    data = preview.rows[0].data
    assert (data.name, data.mobile, data.office_phone) == ("蒋四", "13900000041", "0571-86000000")
    assert data.memberships[0].sector_id == sector.id


def test_level_words():
    assert parse_levels("区、市") == ["区", "市"]
    assert parse_levels("全国政协委员/区级") == ["区", "全国"]
    with pytest.raises(ValidationError, match="委员级别"):
        parse_levels("省")


# ---- files that are not what they claim --------------------------------------------------------

def test_text_file_renamed(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,手机\n张伟,139", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是 Excel 工作簿") as caught:
        open_workbook(path)
    assert "名单.xlsx" in caught.value.message and "另存为" in caught.value.message


def test_ole_file_is_old_xls_or_password_protected(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    with pytest.raises(WorkbookError) as caught:
        open_workbook(path)
    message = caught.value.message
    assert "加密.xlsx" in message and "密码" in message and ".xls" in message and "另存为" in message


def test_word_document_renamed(tmp_path):
    import zipfile
    path = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(WorkbookError, match="Word 文档"):
        open_workbook(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    import zipfile
    path = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(WorkbookError, match="无法作为 Excel 工作簿读取"):
        open_workbook(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(WorkbookError, match="找不到文件"):
        open_workbook(tmp_path / "没有.xlsx")
    (tmp_path / "空.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookError, match="是空的"):
        open_workbook(tmp_path / "空.xlsx")
    path = _book(tmp_path / "空表.xlsx", {"Sheet1": [], "Sheet2": [[None, "  "]]})
    with pytest.raises(WorkbookError, match=r"工作簿“空表\.xlsx”是空的"):
        open_workbook(path)


def test_empty_sheet_and_no_name_column(tmp_path, database):
    path = _book(tmp_path / "a.xlsx", {"空": [], "名单": [["单位", "手机"], ["区医院", "13900000001"]]})
    with pytest.raises(WorkbookError, match="工作表“空”是空的"):
        read_table(open_workbook(path)["空"], {"姓名": "name"})
    with database.session() as session, pytest.raises(WorkbookError) as caught:
        analyse_people_import(session, path)
    assert "没有找到“姓名”列" in caught.value.message and "“单位”、“手机”" in caught.value.message


def test_header_detection_ignores_titles_and_normalises_texts(tmp_path):
    rows = [["某某区政协委员通讯录"], [None, "制表日期：2024年5月"],
            ["序 号", "姓\u3000名", "*性别", "工作单位\n及职务", "手机号码：", "Email"],
            [1, " 张伟\u3000", "男", "区医院", 13900000001.0, None], [None, None, None, None, None, None]]
    path = _book(tmp_path / "a.xlsx", {"表": rows}, {"表": ["A1:F1"]})
    aliases = {"序号": "seq", "姓名": "name", "性别": "gender", "工作单位及职务": "employer_title",
               "手机号码": "mobile", "email": "email"}
    table = read_table(open_workbook(path)["表"], aliases)
    assert table.header_row == 3
    assert list(table.mapping.values()) == ["seq", "name", "gender", "employer_title", "mobile", "email"]
    assert table.rows == [(4, [1, "张伟", "男", "区医院", 13900000001.0, None])]


# ---- round trips through the exports -----------------------------------------------------------

def _edit(path, changes: dict[tuple[int, str], object]):
    """Change cells of an exported sheet, addressed by (person id, header)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header_row = next(r for r in range(1, 6) if ws.cell(row=r, column=1).value == "序号")
    headers = {ws.cell(row=header_row, column=c).value: c for c in range(1, ws.max_column + 1)}
    id_column = headers["编号（勿改）"]
    rows = {ws.cell(row=r, column=id_column).value: r for r in range(header_row + 1, ws.max_row + 1)}
    for (person_id, header), value in changes.items():
        ws.cell(row=rows[person_id], column=headers[header]).value = value
    wb.save(path)


def _round_trip(database, path, changes, expected_reasons):
    with database.session() as session:
        preview = analyse_people_import(session, path)
    assert {r.outcome for r in preview.rows} == {SKIPPED}
    assert all(r.reason == "无变化" for r in preview.rows if r.person_id)
    _edit(path, changes)
    with database.session() as session:
        preview = analyse_people_import(session, path)
        changed = {r.person_id: r.reason for r in preview.rows if r.outcome != SKIPPED}
        assert changed == expected_reasons
        summary = apply_people_import(session, preview, {})
        assert summary.updated == 2 and summary.created == 0
    with database.session() as session:
        again = analyse_people_import(session, path)
    assert {r.outcome for r in again.rows} == {SKIPPED}


def test_export_people_round_trip(tmp_path, demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
        sectors = _ids(session, "sector")
    path = export_people(rows, [c.key for c in PERSON_COLUMNS], tmp_path / "全部.xlsx", title="全部人员",
                         subtitle="共 379 人")
    first, second = rows[10], next(r for r in rows[20:] if r.sector and r.sector != "教育")
    _round_trip(demo_database, path, {(first.id, "手机"): "13612345678", (second.id, "界别"): "教育"},
                {first.id: f"手机：{first.mobile or '空'} → 13612345678", second.id: f"界别：{second.sector} → 教育"})
    with demo_database.session() as session:
        assert get_person(session, first.id).mobile == "13612345678"
        updated = load_people(session, [second.id])[0]
        assert updated.sector == "教育" and sectors["教育"] in updated.sector_ids


def test_roster_round_trip(tmp_path, demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
    path = export_roster_by_sector(rows, tmp_path / "花名册.xlsx", title="委员花名册",
                                   sector_order=[v for v in ("中共", "经济")])
    members = [r for r in rows if r.levels and r.role == "委员"]
    first, second = members[3], members[40]
    _round_trip(demo_database, path, {(first.id, "手机"): "13612345678", (second.id, "身份"): "常委"},
                {first.id: f"手机：{first.mobile or '空'} → 13612345678", second.id: "身份：委员 → 常委"})
    with demo_database.session() as session:
        assert get_person(session, first.id).mobile == "13612345678"
        assert load_people(session, [second.id])[0].role == "常委"
