"""Hostile workbooks: reading stops at the real data, every file-level problem is a Chinese WorkbookError, and a
seeded fuzz of hostile files through all four importers (preview, then apply) raises nothing but the domain's
own errors and writes nothing on error. CONSULTDESK_FUZZ_CASES=2000 asks for more cases."""

import contextlib
import io
import os
import random
import re
import shutil
import sqlite3
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from models.errors import DomainError
from models.exports.invitees_xlsx import ATTENDANCE_ID_HEADER
from models.exports.topics_xlsx import TITLE_HEADER
from models.imports import xlsx_reader
from models.imports.dept_replies_import import analyse_dept_replies, apply_dept_replies
from models.imports.people_import import NEW, analyse_people_import, apply_people_import
from models.imports.replies_import import analyse_reply_import, apply_reply_import
from models.imports.scores_import import analyse_scores_import, apply_scores_import
from models.imports.xlsx_reader import MAX_CELL_CHARS, MAX_DATA_ROWS, WorkbookError, open_workbook, read_table
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.recommendation_queries import list_recommendations
from models.services.topic_scores import criteria, list_topics

ROSTER = [["序号", "姓名", "性别", "所在界别", "单位职务", "联系电话"],
          [1, "王建国", "男", "经济界", "区发改委主任", "13912345678"],
          [2, "李秀英", "女", "教育界", "区实验小学校长", "13812345678"]]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# 编号 of up to 300 digits (models/imports/record_ids.py refuses them as row errors)
BIG_DIGITS = 300
SLOW_CASE_S = 30.0  # far above the 3 s target: only a hang fails; times are reported, not asserted


def _save(path, rows, *, title="名单", merges=(), edit=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    if edit:
        edit(ws)
    wb.save(path)
    return path


def _rewrite_sheet(path, change, member="xl/worksheets/sheet1.xml") -> None:
    """Rewrite a member's XML in place (a dimension claim, a broken sheet ...): what openpyxl would not write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def _huge_text(path, rows, chars: int):
    """A workbook whose "HUGE" cell holds `chars` characters (openpyxl itself cuts texts to Excel's limit)."""
    _save(path, rows)
    _rewrite_sheet(path, lambda xml: xml.replace("HUGE", "甲" * chars))
    return path


def _claim_whole_grid(path) -> None:
    _rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml))


# ---- reading stops at the real data -----------------------------------------------------------------

def test_a_stray_far_value_costs_one_cell(tmp_path, database):
    """A value at XFD1048576 under a roster: outside the table (far right), it neither widens the headers nor
    adds a row; a value at A1048576 is inside the table and is a row of the preview (nothing lost)."""
    far = _save(tmp_path / "远.xlsx", ROSTER, edit=lambda ws: ws.cell(row=1048576, column=16384, value="x"))
    sheet = open_workbook(far).worksheets[0]
    assert [number for number, _values in sheet.cells()] == [1, 2, 3, 1048576]  # 19 real cells, not 17 billion
    table = read_table(sheet, {"姓名": "name"})
    assert table.headers == ROSTER[0] and [n for n, _v in table.rows] == [2, 3]
    with database.session() as session:
        preview = analyse_people_import(session, far)
    assert [r.row_no for r in preview.rows] == [2, 3] and preview.headers == ROSTER[0]

    low = _save(tmp_path / "底.xlsx", ROSTER, edit=lambda ws: ws.cell(row=1048576, column=2, value="赵六"))
    with database.session() as session:
        preview = analyse_people_import(session, low)
    assert [r.row_no for r in preview.rows] == [2, 3, 1048576]


def test_style_only_cells_and_a_whole_grid_dimension_are_ignored(tmp_path, database):
    def bold_far(ws):
        ws.cell(row=1048576, column=1).font = Font(bold=True)  # styled, no value
        ws.cell(row=5, column=200).font = Font(bold=True)

    path = _save(tmp_path / "格式.xlsx", ROSTER, edit=bold_far)
    _claim_whole_grid(path)
    with zipfile.ZipFile(path) as archive:
        assert 'ref="A1:XFD1048576"' in archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = open_workbook(path).worksheets[0]
    assert [number for number, _values in sheet.cells()] == [1, 2, 3]
    with database.session() as session:
        preview = analyse_people_import(session, path)
    assert preview.headers == ROSTER[0] and len(preview.rows) == 2


def test_header_under_merged_title_rows_and_vertical_merges(tmp_path):
    """Read-only mode knows no merged cells: the reader takes them from the sheet's XML itself."""
    rows = [["2024 年区政协委员名单"], ["（截至 12 月）"], [],
            ["序号", "姓名", "所在界别", "单位职务"],
            [1, "王建国", "经济界", "甲"], [2, "李秀英", None, "乙"], [3, "张伟", None, "丙"]]
    path = _save(tmp_path / "合并.xlsx", rows, merges=("A1:D1", "A2:D2", "C5:C7"))
    table = read_table(open_workbook(path).worksheets[0], {"姓名": "name", "所在界别": "sector", "序号": "seq"})
    assert table.header_row == 4 and table.headers == rows[3]
    assert [values[2] for _n, values in table.rows] == ["经济界"] * 3


def test_rows_beyond_the_cap_are_refused_and_the_cap_is_in_readme(tmp_path, database, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_DATA_ROWS", 5)
    header = [["姓名", "性别"]]
    fine = _save(tmp_path / "五行.xlsx", header + [[f"人{i}", "男"] for i in range(5)])
    with database.session() as session:
        assert len(analyse_people_import(session, fine).rows) == 5
    many = _save(tmp_path / "六行.xlsx", header + [[f"人{i}", "男"] for i in range(6)])
    endless = _save(tmp_path / "很多.xlsx", header + [[f"人{i}", "男"] for i in range(60)])
    for path in (many, endless):  # refused after the header is found, and while streaming
        with database.session() as session, pytest.raises(WorkbookError, match="超出一次导入的上限（5 行）"):
            analyse_people_import(session, path)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_DATA_ROWS:,} 行" in readme


def test_a_cell_longer_than_excel_allows_is_a_file_level_message(tmp_path, database):
    fits = _save(tmp_path / "长.xlsx", [*ROSTER, [3, "张伟", "男", "经济界", "甲" * MAX_CELL_CHARS]])
    with database.session() as session:
        assert len(analyse_people_import(session, fits).rows) == 3
    huge = _huge_text(tmp_path / "超长.xlsx", [*ROSTER, [3, "张伟", "男", "经济界", "HUGE"]], 1_000_000)
    with database.session() as session, pytest.raises(WorkbookError, match="E4 单元格有 1,000,000 个字符"):
        analyse_people_import(session, huge)


# ---- every file-level problem: a Chinese message, in every importer ---------------------------------------------

def _valid_bytes(tmp_path) -> bytes:
    return _save(tmp_path / "ok.xlsx", ROSTER).read_bytes()


def _encrypted(tmp_path) -> bytes:
    return xlsx_reader.OLE2_MAGIC + bytes(random.Random(1).randrange(256) for _ in range(4000))


def _broken_sheet_xml(tmp_path) -> bytes:
    path = _save(tmp_path / "坏.xlsx", ROSTER)
    _rewrite_sheet(path, lambda xml: xml[: len(xml) // 2])
    return path.read_bytes()


def _bad_shared_string(tmp_path) -> bytes:
    path = _save(tmp_path / "串.xlsx", ROSTER)
    _rewrite_sheet(path, lambda xml: xml.replace('<c r="B2" t="inlineStr">', '<c r="B2" t="s"><v>99999</v>', 1)
                   .replace("<is><t>王建国</t></is>", "", 1) if 't="inlineStr"' in xml
                   else re.sub(r'(<c r="B2"[^>]*t="s"[^>]*><v>)\d+', r"\g<1>99999", xml))
    return path.read_bytes()


def _empty_workbook(tmp_path) -> bytes:
    return _save(tmp_path / "空.xlsx", [], edit=lambda ws: setattr(ws.cell(row=3, column=3), "font", Font(bold=True))
                 ).read_bytes()


def _word(tmp_path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


FILE_CASES = {
    "随机字节": (lambda _t: bytes(random.Random(2).randrange(256) for _ in range(5000)), "不是 Excel 工作簿"),
    "截断的压缩包": (lambda t: _valid_bytes(t)[:1500], "不是 Excel 工作簿"),
    "改名的文本": (lambda _t: "姓名,性别\n王建国,男\n".encode("gbk"), "不是 Excel 工作簿"),
    "加密工作簿": (_encrypted, "密码"),
    "旧版 xls": (lambda _t: xlsx_reader.OLE2_MAGIC + b"\0" * 2000, ".xls"),
    "零字节": (lambda _t: b"", "0 字节"),
    "空工作簿": (_empty_workbook, "是空的"),
    "没有表头": (lambda t: _save(t / "无表头.xlsx", [["甲", "乙"], [1, 2]]).read_bytes(), "没有找到"),
    "损坏的工作表": (_broken_sheet_xml, "无法作为 Excel 工作簿读取"),
    "错误的共享字符串": (_bad_shared_string, "无法作为 Excel 工作簿读取"),
    "Word 文档": (_word, "Word 文档"),
    "超长文字": (lambda t: _huge_text(t / "长.xlsx", [["姓名"], ["HUGE"]], MAX_CELL_CHARS + 1).read_bytes(),
             "超过 Excel 单元格的上限"),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_template):
    """One demo database for the module (every case leaves it as it was), and what the importers need."""
    file = tmp_path_factory.mktemp("hostile") / "demo.sqlite"
    shutil.copyfile(demo_template, file)
    database = open_database(sqlite_url(file)).database
    with database.session() as session:
        meeting = list_meetings(session)[0].id
        world = {
            "database": database, "file": file, "meeting": meeting,
            "names": [r.name for r in list_invitees(session, meeting)] or ["王建国"],
            "attendance": [r.attendance_id for r in list_invitees(session, meeting)] or [1],
            "topics": [(t.id, t.title) for t in list_topics(session, 2024)] or [(1, "议题")],
            "criteria": [c.name for c in criteria(session)],
            "recommendations": [r.id for r in list_recommendations(session)] or [1],
        }
    yield world
    database.dispose()


def _importers(world):
    """(name, preview, apply) for each of the four imports."""
    def people_apply(session, preview):
        # Also the values only the placeholders know: until the row-level fix of issue 12 (another item) the
        # preview does not list an unknown value whose row has other errors, and apply would raise KeyError.
        pairs = dict.fromkeys([*preview.unresolved({}), *preview.placeholders.values()])
        decisions = {pair: NEW if i % 2 else None for i, pair in enumerate(pairs)}
        return apply_people_import(session, preview, decisions)

    return [
        ("委员库", lambda s, p: analyse_people_import(s, p), people_apply),
        ("回执登记表", lambda s, p: analyse_reply_import(s, world["meeting"], p), apply_reply_import),
        ("评分表", lambda s, p: analyse_scores_import(s, 2024, p, reviewer="测试评分人"), apply_scores_import),
        ("部门答复表", lambda s, p: analyse_dept_replies(s, p), lambda s, preview: apply_dept_replies(s, preview)),
    ]


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_file_level_problems_are_chinese_messages_in_every_importer(tmp_path, world, case):
    make, expected = FILE_CASES[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(make(tmp_path))
    for name, preview, _apply in _importers(world):
        with world["database"].session() as session, pytest.raises(WorkbookError) as caught:
            preview(session, path)
        message = caught.value.message
        assert expected in message and CHINESE.search(message), (name, message)
        assert path.name in message, (name, message)


# ---- the fuzz -------------------------------------------------------------------------------------------

class Generator:
    """Hostile workbooks from one seed: broken files, and tables of the four imports' headers with far
    cells, dimension claims, merges everywhere, huge strings, formulas, odd dates, duplicate rows,
    unknown lookup values and control characters."""

    def __init__(self, seed: int, world: dict):
        self.rng = random.Random(seed)
        self.world = world

    def header(self) -> list[str]:
        names = ["序号", "姓名", "性别", "出生年月", "所在界别", "政治面貌", "单位职务", "联系电话", "回复状态",
                 "请假事由", ATTENDANCE_ID_HEADER, TITLE_HEADER, *self.world["criteria"], "办理结果", "答复内容",
                 "答复日期", "编号"]
        return names if self.rng.random() < 0.7 else self.rng.sample(names, self.rng.randint(1, len(names)))

    def value(self):
        rng, w = self.rng, self.world
        pool = [
            lambda: rng.choice(w["names"]), lambda: rng.choice(w["topics"])[1], lambda: rng.choice(w["topics"])[0],
            lambda: rng.choice(w["attendance"]), lambda: rng.choice(w["recommendations"]),
            lambda: rng.choice(["确认", "请假", "采纳", "男", "女", "经济界", "火星界", "中共", "区"]),
            lambda: rng.randint(-10, 12), lambda: rng.random() * 1e6, lambda: 10 ** rng.randint(10, BIG_DIGITS),
            lambda: "=SUM(A1:A3)", lambda: "=1/0", lambda: "x_x0007_y_x0000_z\u200b",  # Excel-escaped controls
            lambda: datetime(rng.choice([1900, 1904, 2024, 9999]), rng.randint(1, 12), rng.randint(1, 28)),
            lambda: date(1, 1, 1), lambda: rng.choice(["2024-13-45", "1968.5", "昨天", "0000-00-00"]),
            lambda: "甲" * rng.choice([0, 1, 300, 5000]), lambda: "HUGE", lambda: None, lambda: True,
            lambda: "　 ", lambda: "\n".join(["多行", "文字"]),
        ]
        return rng.choice(pool)()

    def rows(self) -> list[list]:
        header = self.header()
        rows = [[self.value() for _ in header] for _ in range(self.rng.randint(0, 6))]
        if rows and self.rng.random() < 0.3:
            rows += [list(self.rng.choice(rows)) for _ in range(self.rng.randint(1, 2))]  # duplicate rows
        titles = [["2024 年度名单"] for _ in range(self.rng.randint(0, 3))]
        return [*titles, header, *rows]

    def table(self, path):
        rng = self.rng
        rows = self.rows()
        width = max(len(r) for r in rows)

        def edit(ws):
            for _ in range(rng.choice([0, 0, 1, 3, 10])):  # merged everywhere, overlapping ones skipped
                top, left = rng.randint(1, len(rows) + 2), rng.randint(1, width + 1)
                bottom, right = top + rng.randint(0, 4), left + rng.choice([0, 0, 2])
                with contextlib.suppress(ValueError):
                    ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
            for _ in range(rng.choice([0, 0, 1, 2])):  # far cells, with a value or only a style
                cell = ws.cell(row=rng.choice([len(rows) + 5, 65536, 1048576]), column=rng.choice([1, 2, 200, 16384]))
                if rng.random() < 0.5:
                    cell.value = self.value()
                else:
                    cell.font = Font(bold=True)
            if rng.random() < 0.2:
                ws.sheet_state = "hidden" if len(ws.parent.worksheets) > 1 else "visible"
            if rng.random() < 0.2:
                ws.parent.create_sheet("说明").append(["填表说明：请勿修改表头"])

        _save(path, rows, edit=edit)
        if rng.random() < 0.25:
            _claim_whole_grid(path)
        if rng.random() < 0.1:  # raw control characters, which XML (and so openpyxl) cannot hold
            _rewrite_sheet(path, lambda xml: xml.replace("HUGE", "a\x07b\x00c"))
        if rng.random() < 0.5:  # huge strings, beyond what openpyxl itself would write
            chars = rng.choice([100, MAX_CELL_CHARS, MAX_CELL_CHARS + 1, 200_000])
            _rewrite_sheet(path, lambda xml: xml.replace("HUGE", "乙" * chars))

    def broken(self, path):
        rng, kind = self.rng, self.rng.choice(["random", "truncated", "text", "ole", "empty", "zip-junk"])
        if kind == "random":
            data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
        elif kind == "truncated":
            self.table(path)
            whole = path.read_bytes()
            data = whole[:rng.randint(1, len(whole) - 1)]
        elif kind == "text":
            data = "\n".join(",".join(str(v) for v in r) for r in self.rows()).encode(rng.choice(["utf-8", "gbk"]),
                                                                                     errors="replace")
        elif kind == "ole":
            data = xlsx_reader.OLE2_MAGIC + bytes(rng.randrange(256) for _ in range(512))
        elif kind == "empty":
            data = b""
        else:  # a zip whose members are not a workbook, or a workbook with a member cut short
            self.table(path)
            buffer = io.BytesIO()
            with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
                for item in src.infolist():
                    body = src.read(item.filename)
                    if rng.random() < 0.3:
                        body = body[:rng.randint(0, len(body))]
                    dst.writestr(item.filename, body)
            data = buffer.getvalue()
        path.write_bytes(data)

    def make(self, path) -> None:
        (self.broken if self.rng.random() < 0.3 else self.table)(path)


def _data_version(connection) -> int:
    return connection.execute("PRAGMA data_version").fetchone()[0]


def test_fuzz_hostile_workbooks_through_all_four_importers(tmp_path, world):
    cases = int(os.environ.get("CONSULTDESK_FUZZ_CASES", "200"))
    seed = int(os.environ.get("CONSULTDESK_FUZZ_SEED", "20261201"))
    generator = Generator(seed, world)
    watcher = sqlite3.connect(world["file"])  # data_version changes when another connection commits
    importers = _importers(world)
    slowest, outcomes = (0.0, None), {"预览报错": 0, "导入报错": 0, "已导入（回滚）": 0}
    for case in range(cases):
        path = tmp_path / f"case-{case}.xlsx"
        generator.make(path)
        for name, preview, apply in importers:
            before = _data_version(watcher)
            start = time.perf_counter()
            try:
                with world["database"].session() as session:
                    result = preview(session, path)
                try:
                    with world["database"].session() as session:
                        apply(session, result)
                        session.rollback()  # applied as far as the service goes, then undone for the next case
                    outcomes["已导入（回滚）"] += 1
                except DomainError:
                    outcomes["导入报错"] += 1
            except DomainError:
                outcomes["预览报错"] += 1
            except Exception as exc:
                raise AssertionError(f"第 {case} 例（种子 {seed}）{name}：{type(exc).__name__}: {exc}") from exc
            elapsed = time.perf_counter() - start
            slowest = max(slowest, (elapsed, f"第 {case} 例 {name}"), key=lambda pair: pair[0])
            assert elapsed < SLOW_CASE_S, f"第 {case} 例（种子 {seed}）{name} 用了 {elapsed:.1f} 秒"
            assert _data_version(watcher) == before, f"第 {case} 例（种子 {seed}）{name} 写入了数据"
        path.unlink()
    watcher.close()
    print(f"\n{cases} 例 × 4 种导入：{outcomes}；最慢 {slowest[0]:.2f} 秒（{slowest[1]}）")
