"""会议通知 in the style of an official document (GB/T 9704), with its 回执 on a page of its own.

Body area 156 × 225 mm (margins 37/28/26/35 mm), 22 lines of 三号仿宋 per page, title in 二号小标宋
(黑体 where it is missing), headings "一、" in 黑体, paragraphs indented two characters.
"""

import re
from datetime import date

from PySide6.QtCore import Qt

from models import clock
from models.settings import PRINT_ISSUER

from .fonts import Face, font
from .layout import Document, Flow, PageGeometry, TextBlock
from .notice_text import addressee, chinese_day, contact_text, default_notice_text, reply_request
from .sheet_input import SheetInput, SheetKind, meeting_name, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM, PT

GEOMETRY = PageGeometry(top=37.0, bottom=35.0, left=28.0, right=26.0, footer_y=271.0)
BODY_POINTS = 16.0  # 三号
TITLE_POINTS = 22.0  # 二号
PITCH = (297.0 - 37.0 - 35.0) / 22 * MM  # 22 lines per page
CHAR = BODY_POINTS * PT  # one character's width: indents are counted in characters
REPLY_ROWS = 8
REPLY_COLUMNS = (
    Column("姓名", 30, CENTER, Face.FANGSONG, 14),
    Column("单位及职务", 62, CENTER, Face.FANGSONG, 14),
    Column("是否参加", 30, CENTER, Face.FANGSONG, 14),
    Column("备注", 34, CENTER, Face.FANGSONG, 14),
)
REPLY_STYLE = TableStyle(min_row=14.0, header_row=12.0, header_points=14, heading_row=12.0)
_HEADING = re.compile(r"^[一二三四五六七八九十]+、[^。]{0,20}$")
_ADDRESSEE = re.compile(r"^[^。，]{1,30}：$")
RIGHT = Qt.AlignmentFlag.AlignRight
CENTRE = Qt.AlignmentFlag.AlignHCenter


def _paragraph(flow: Flow, text: str, *, face: Face = Face.FANGSONG, indent: float = 2 * CHAR,
               align=Qt.AlignmentFlag.AlignLeft) -> None:
    block = TextBlock(text, font(face, BODY_POINTS), flow.geometry.content_width, pitch=PITCH, indent=indent,
                      align=align)
    flow.lines(block)


def _blank(flow: Flow) -> None:
    if not flow.fresh:
        flow.skip(PITCH)


def title_text(text: str, width: float) -> str:
    """A title too long for one line breaks after its closing quote when that part fits:
    "关于召开“…”" / "专题双月协商会的通知" reads better than a break inside a word."""
    face = font(Face.TITLE, TITLE_POINTS)
    if TextBlock(text, face, width).line_count == 1:
        return text
    for at in range(len(text) - 1, 0, -1):
        if text[at - 1] == "”" and TextBlock(text[:at], face, width).line_count == 1:
            return text[:at] + "\n" + text[at:]
    return text


def _title(flow: Flow, text: str) -> None:
    width = flow.geometry.content_width
    block = TextBlock(title_text(text, width), font(Face.TITLE, TITLE_POINTS), width, pitch=PITCH * 1.15,
                      align=CENTRE)
    flow.block(block)


def body_paragraphs(data: SheetInput) -> tuple[str, list[str]]:
    """(主送 line, paragraphs). A short first line ending in "：" in the user's text is taken as the 主送."""
    text = data.options.notice_text
    if text is None:
        text = default_notice_text(data.meeting, data.invitees, data.agenda, data.options)
    paragraphs = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    while paragraphs and not paragraphs[0]:
        paragraphs.pop(0)
    if paragraphs and _ADDRESSEE.match(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return addressee(data.invitees), paragraphs


def _signature(flow: Flow, issuer: str, issued_on: date) -> None:
    """Issuer right-aligned two characters in, the date under it shifted two characters right (GB/T 9704 7.3.5)."""
    face = font(Face.FANGSONG, BODY_POINTS)
    issuer_w = TextBlock(issuer, face, 10_000 * MM).natural_width()
    day = chinese_day(issued_on)
    date_w = TextBlock(day, face, 10_000 * MM).natural_width()
    right = flow.geometry.content_width
    issuer_x = right - 2 * CHAR - issuer_w
    date_x = issuer_x + 2 * CHAR
    if date_x + date_w > right - 2 * CHAR:  # a longer date sits two characters in, the issuer moves left
        date_x = right - 2 * CHAR - date_w
        issuer_x = date_x - 2 * CHAR
    flow.ensure(3 * PITCH)
    _blank(flow)
    x0 = flow.geometry.x0
    for text, x in ((issuer, issuer_x), (day, date_x)):
        block = TextBlock(text, face, 10_000 * MM, pitch=PITCH)
        flow.add(block.op(x0 + max(x, 0.0), flow.y))
        flow.y += PITCH


def _reply_slip(flow: Flow, data: SheetInput) -> None:
    flow.new_page()
    _paragraph(flow, "附件", face=Face.HEI, indent=0)
    _blank(flow)
    _title(flow, "回　执")
    _blank(flow)
    _paragraph(flow, "会议名称：" + meeting_name(data.meeting), indent=0)
    flow.skip(PITCH / 2)
    rows = [Row(cells=("", "", "", "")) for _ in range(REPLY_ROWS)]
    Table(REPLY_COLUMNS, REPLY_STYLE).place(flow, rows)
    flow.skip(PITCH / 2)
    _paragraph(flow, f"{reply_request(data.meeting, data.options)}。{contact_text(data.meeting)}。")


def layout(data: SheetInput) -> Document:
    flow = Flow(GEOMETRY)
    _title(flow, sheet_title(SheetKind.NOTICE, data.meeting))
    _blank(flow)
    to, paragraphs = body_paragraphs(data)
    _paragraph(flow, to, indent=0)
    for text in paragraphs:
        if not text:
            _blank(flow)
        elif text.startswith("附件"):
            _blank(flow)
            _paragraph(flow, text)
        elif _HEADING.match(text):
            flow.ensure(2 * PITCH)  # a heading never ends a page
            _paragraph(flow, text, face=Face.HEI)
        else:
            _paragraph(flow, text)
    _signature(flow, data.options.issuer or PRINT_ISSUER.default, data.options.issued_on or clock.today())
    _reply_slip(flow, data)
    return flow.document


