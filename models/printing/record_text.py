"""Text shared by the printed performance records (一人一档 and 履职积分表): titles, the 制表 line, text
cut to fit a number of lines, and 谈话提醒 reasons in their short printed form."""

from collections.abc import Sequence
from datetime import date

from PySide6.QtGui import QFont

from .fonts import Face, font
from .layout import TextBlock
from .notice_text import chinese_day
from .table import Column, TableStyle
from .units import MM

TITLE_POINTS = 18.0  # 小二
TITLE_LINES = 2


def member_record_title(committee: str, year: int) -> str:
    """"××区政协委员履职档案（2023年度）"."""
    return f"{committee.strip()}委员履职档案（{year}年度）"


def score_table_title(committee: str, year: int) -> str:
    """"××区政协委员履职积分表（2023年度）"."""
    return f"{committee.strip()}委员履职积分表（{year}年度）"


def made_by(committee: str, printed_on: date) -> str:
    """"制表单位：××区政协办公室　　制表日期：2024年1月5日"."""
    return f"制表单位：{committee.strip()}办公室　　制表日期：{chinese_day(printed_on)}"


def clipped(text: str, face_font: QFont, width: float, lines: int) -> str:
    """The text cut short with "…" so it wraps to at most `lines` lines of `width` (0.01 mm)."""
    text = " ".join((text or "").split("\n")).strip()
    if TextBlock(text, face_font, width).line_count <= lines:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that still fits with its "…"
        middle = (low + high + 1) // 2
        if TextBlock(text[:middle].rstrip() + "…", face_font, width).line_count <= lines:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def clipped_cells(columns: Sequence[Column], style: TableStyle, cells: Sequence[str],
           lines: int | Sequence[int]) -> tuple[str, ...]:
    """Each cell cut to `lines` lines of its column (one number for all, or one per column)."""
    limits = [lines] * len(columns) if isinstance(lines, int) else list(lines)
    return tuple(clipped(text, font(column.face, column.points), (column.width - 2 * style.pad_x) * MM, limit)
                 for text, column, limit in zip(cells, columns, limits, strict=False))


def signature(committee: str, printed_on: date, points: float, width: float) -> str:
    """made_by on one line of `width`: an overlong committee name is cut short with "…"."""
    face_font = font(Face.SONG, points)
    text = made_by(committee, printed_on)
    if TextBlock(text, face_font, width).line_count <= 1:
        return text
    rest = TextBlock(made_by("", printed_on), face_font, 100_000 * MM).natural_width()
    return made_by(clipped(committee, face_font, max(width - rest - 2 * points * MM, MM), 1), printed_on)


def short_reason(reason: str) -> str:
    """A 谈话提醒 reason as the 备注 prints it: "积分55分，低于60分（不称职）" → "积分低于60分",
    "全年无出席会议、调研视察和意见建议记录" → "全年无履职记录"."""
    if reason.startswith("积分") and "低于" in reason:
        below = reason.split("低于", 1)[1].split("（", 1)[0]
        return f"积分低于{below}"
    if reason.startswith("全年无"):
        return "全年无履职记录"
    return reason
