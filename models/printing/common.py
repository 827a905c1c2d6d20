"""Pieces several sheets share: the title, the time/place line, who hosts."""

from PySide6.QtCore import Qt

from models.services.meeting_queries import InviteeRow, MeetingRow, chinese_date
from models.vocab import AttendanceRole

from .fonts import Face, font
from .layout import Flow, TextBlock
from .line_breaks import balanced
from .units import MM

TITLE_POINTS = 20.0
INFO_POINTS = 12.0
GAP = "　　"  # two ideographic spaces between items on one line, as typed in Word


def title(flow: Flow, text: str, *, face: Face = Face.HEI, points: float = TITLE_POINTS, after: float = 3.0) -> None:
    """A sheet's title, centred; a long one breaks into even lines, never inside a quoted phrase."""
    width = flow.geometry.content_width
    block = TextBlock(balanced(text, face, points, width / MM), font(face, points), width,
                      align=Qt.AlignmentFlag.AlignHCenter)
    flow.block(block, after=after * MM)


def info(flow: Flow, text: str, *, points: float = INFO_POINTS, after: float = 3.0,
         align=Qt.AlignmentFlag.AlignLeft) -> None:
    if not text:
        return
    block = TextBlock(text, font(Face.SONG, points), flow.geometry.content_width, align=align)
    flow.block(block, after=after * MM)


def time_place(meeting: MeetingRow) -> str:
    """"时间：2023年5月18日（星期四）14:00　　地点：区政协机关三楼会议室" (parts that are known)."""
    parts = []
    if meeting.starts_at:
        parts.append("时间：" + chinese_date(meeting.starts_at))
    if meeting.venue.strip():
        parts.append("地点：" + meeting.venue.strip())
    return GAP.join(parts)


def host_names(meeting: MeetingRow, invitees: list[InviteeRow]) -> str:
    hosts = [p.name for p in invitees if p.role == AttendanceRole.HOST]
    return "、".join(hosts) or meeting.host.strip()


def spread_name(name: str) -> str:
    """A two-character name takes the width of three: 张伟 → 张　伟 (as on 桌签 and sign-in sheets)."""
    name = name.strip()
    if len(name) == 2 and all("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in name):
        return name[0] + "\u3000" + name[1]
    return name
