"""操作日志 to Excel: the entries the 操作日志 screen's filters select, one row each, the changed fields in
one wrapped cell as the detail pane shows them (字段：旧值 → 新值)."""

from pathlib import Path

from models.exports.xlsx_sheets import (
    finish_table,
    new_workbook,
    save_workbook,
    write_header,
    write_row,
    write_subtitle,
    write_title,
)

HEADERS = ("时间", "操作人", "操作", "类别", "记录", "改动")


def export_audit_log(rows, path, subtitle: str, *, cut: bool = False) -> Path:
    """`rows` are AuditRow (models/services/audit_log.py), newest first; `cut`: more entries matched than
    were exported, said in the subtitle."""
    workbook, sheet = new_workbook("操作日志")
    width = len(HEADERS)
    row = write_title(sheet, "操作日志", width)
    shown = f"{subtitle}，共 {len(rows)} 条" + ("（只导出了最近的这些，请缩小日期范围再导出其余的）" if cut else "")
    row = write_subtitle(sheet, shown, width, row)
    header_row = row
    row = write_header(sheet, HEADERS, row)
    for entry in rows:
        changes = "\n".join(field.line for field in entry.fields) or entry.summary
        row = write_row(sheet, (entry.at, entry.operator, entry.action, entry.kind, entry.title, changes), row,
                        {1: "yyyy-mm-dd hh:mm:ss"})
    finish_table(sheet, header_row=header_row, landscape=True)
    return save_workbook(workbook, path)


__all__ = ["HEADERS", "export_audit_log"]
