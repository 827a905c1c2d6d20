"""The one report every import ends with: what was written, and each row left out with its reason."""

from dataclasses import dataclass

from models.imports.report import LISTED_ERRORS, ImportReport, report_of


@dataclass
class Row:
    row_no: int
    outcome: str
    reason: str
    name: str = ""


def test_report_names_error_rows_and_counts_skipped_by_reason():
    rows = [Row(3, "更新", "手机：空 → 139…", "张伟"), Row(4, "新增", "新增人员", "李娜"),
            Row(5, "错误", "手机应为 11 位数字。", "王芳"), Row(6, "跳过", "无变化", "赵强"),
            Row(7, "跳过", "无变化", "钱程"), Row(8, "跳过", "不是人员行（标题、分组、合计或只有序号的行），已忽略")]
    report = report_of(rows, "人")
    assert (report.created, report.updated, report.errors, report.skipped) == (1, 1, 1, 3)
    assert report.text() == ("导入完成：新增 1 人、更新 1 人。\n未导入 4 行：\n"
                             "· 有错误 1 行（第 5 行 王芳：手机应为 11 位数字），可在 Excel 中改正后重新导入；\n"
                             "· 跳过 3 行：无变化 2 行，不是人员行（标题、分组、合计或只有序号的行），已忽略 1 行。")


def test_many_errors_are_counted_after_the_first_ones():
    rows = [Row(n, "错误", "缺少姓名") for n in range(2, 2 + LISTED_ERRORS + 5)] + [Row(99, "更新", "…", "张伟")]
    text = report_of(rows, "人的回复状态").text()
    assert f"有错误 {LISTED_ERRORS + 5} 行（第 2 行：缺少姓名；" in text and "；另有 5 行）" in text
    assert text.count("缺少姓名") == LISTED_ERRORS


def test_nothing_left_out_is_one_line():
    assert ImportReport("个议题的评分", updated=2, subject="评分人：张三").text() == \
        "导入完成（评分人：张三）：更新 2 个议题的评分。"
