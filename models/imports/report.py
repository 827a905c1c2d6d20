"""What an import did, the same for every import (名册, 回执登记表, 部门答复表, 评分表): what was written,
and each row that was not, with its reason — so the message after 确认导入 never says less than the preview.

Every import behaves the same way: the preview writes nothing; 确认导入 writes the 新增/更新 rows in one
transaction (all of them or, if anything fails, none); rows with errors and rows with nothing to do
(跳过) are left out and listed here with their row numbers and reasons.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from models.imports.xlsx_reader import ADDED, ERROR, SKIPPED, UPDATED

LISTED_ERRORS = 10  # rows with errors named one by one in the message; the rest are counted
Progress = Callable[[int, int], None]  # (rows written, rows to write): the dialog's bar, and its 取消


def rows_to_write(rows, progress: Progress | None = None) -> Iterator:
    """The 更新 rows of a preview, one by one; `progress` hears (0, n) first and (k, n) after each row is
    written — it may raise to stop (取消), and the caller's transaction then writes none of them."""
    chosen = [row for row in rows if row.outcome == UPDATED]
    if progress:
        progress(0, len(chosen))
    for done, row in enumerate(chosen, start=1):
        yield row
        if progress:
            progress(done, len(chosen))


@dataclass(frozen=True)
class LeftOut:
    row_no: int  # Excel row number
    name: str  # the row's person or topic, as the preview showed it
    reason: str


@dataclass
class ImportReport:
    unit: str  # what a written row is, after its count: "人", "人的回复状态", "个议题的评分" …
    created: int = 0
    updated: int = 0
    error_rows: list[LeftOut] = field(default_factory=list)
    skipped_rows: list[LeftOut] = field(default_factory=list)
    added_values: list[tuple[str, str]] = field(default_factory=list)  # (kind label, name) added to lookups
    subject: str = ""  # who it is about, e.g. "评分人：张三"

    @property
    def skipped(self) -> int:
        return len(self.skipped_rows)

    @property
    def errors(self) -> int:
        return len(self.error_rows)

    @property
    def written(self) -> int:
        return self.created + self.updated

    def text(self) -> str:
        """The one message every import shows when it is done."""
        done = "、".join(f"{verb} {n} {self.unit}" for verb, n in ((ADDED, self.created), (UPDATED, self.updated)) if n)
        lines = [f"导入完成{'（' + self.subject + '）' if self.subject else ''}：{done or '没有写入任何数据'}。"]
        if self.added_values:
            lines.append("新增参数值：" + "、".join(f"{kind}“{name}”" for kind, name in self.added_values) + "。")
        left_out = self.errors + self.skipped
        if left_out:
            lines.append(f"未导入 {left_out} 行：")
        if self.error_rows:
            named = "；".join(_row_text(row) for row in self.error_rows[:LISTED_ERRORS])
            more = f"；另有 {self.errors - LISTED_ERRORS} 行" if self.errors > LISTED_ERRORS else ""
            lines.append(f"· 有错误 {self.errors} 行（{named}{more}），可在 Excel 中改正后重新导入；")
        if self.skipped_rows:
            reasons = Counter(row.reason for row in self.skipped_rows)
            lines.append(f"· 跳过 {self.skipped} 行：" + "，".join(f"{reason} {n} 行" for reason, n in reasons.items())
                         + "。")
        return "\n".join(lines)


def short(text: str | None, limit: int = 20) -> str:
    """A long value in a preview's "old → new": on one line, cut after `limit` characters; "空" for none."""
    if not text:
        return "空"
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def _row_text(row: LeftOut) -> str:
    return f"第 {row.row_no} 行{' ' + row.name if row.name else ''}：{row.reason.rstrip('。')}"


def row_reason(problems) -> str:
    """A preview row's reason from every (field, message) problem found in it, on one line."""
    messages = [message for _field, message in problems]
    if len(messages) == 1:
        return messages[0]
    return "；".join(message.rstrip("。") for message in messages) + "。"


def row_name(row) -> str:
    return getattr(row, "name", "") or getattr(row, "title", "") or ""


def left_out(rows) -> tuple[list[LeftOut], list[LeftOut]]:
    """(rows with errors, rows skipped) of a preview, as the report lists them."""
    errors = [LeftOut(r.row_no, row_name(r), r.reason) for r in rows if r.outcome == ERROR]
    skipped = [LeftOut(r.row_no, row_name(r), r.reason) for r in rows if r.outcome == SKIPPED]
    return errors, skipped


def report_of(rows, unit: str, *, subject: str = "") -> ImportReport:
    """The report of a preview whose 新增/更新 rows were all written."""
    errors, skipped = left_out(rows)
    return ImportReport(unit, created=sum(r.outcome == ADDED for r in rows),
                        updated=sum(r.outcome == UPDATED for r in rows), error_rows=errors, skipped_rows=skipped,
                        subject=subject)


__all__ = ["ADDED", "ERROR", "SKIPPED", "UPDATED", "ImportReport", "LeftOut", "left_out", "report_of", "row_name",
           "row_reason", "short"]
