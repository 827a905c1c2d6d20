"""The columns of an import's preview (行号, 结果, what the row is about, 说明), declared by each importer:
a score sheet's rows are topics, a reply slip's are people, a department's replies are recommendations,
so the third column's heading and text come from the importer, never from a fixed person-shaped header."""

from models.columns import RIGHT, Column


def preview_columns(subject: str, title: str, *, chars: int = 12) -> tuple[Column, ...]:
    """`subject` is the preview row's attribute naming what the row is about, `title` its heading."""
    return (Column("row_no", "行号", text=lambda r: str(r.row_no), align=RIGHT, chars=3),
            Column("outcome", "结果", chars=3),
            Column(subject, title, chars=chars),
            Column("reason", "说明", chars=30))


__all__ = ["preview_columns"]
