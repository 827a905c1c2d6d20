"""会议通知 in the form GB/T 9704-2012 gives an official document, with its 回执 as 附件 on a page of its own.

Body area 156 × 225 mm (margins 37/28/26/35 mm), 22 lines of 28 characters of 三号仿宋 per page (the
characters set slightly closer than their size, as the standard's grid does), title in 二号小标宋, headings
"一、" in 黑体, paragraphs indented two characters, page numbers "— 1 —" (folio.py). The 发文机关署名 and
成文日期 stay on the page of the last body line: when they would start a page alone, the last two body lines
go over with them (the standard rules out a page of signature alone, "此页无正文").
"""

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from models import clock
from models.settings import PRINT_ISSUER

from .fonts import Face, font
from .layout import Document, Flow, PageGeometry, TextBlock
from .notice_text import SECTION_HEADING, addressee, chinese_day, contact_text, default_notice_text, reply_request
from .sheet_input import SheetInput, SheetKind, meeting_name, sheet_title
from .table import CENTER, Column, Row, Table, TableStyle
from .units import MM

GEOMETRY = PageGeometry(top=37.0, bottom=35.0, left=28.0, right=26.0, footer_y=271.0)
BODY_POINTS = 16.0  # 三号
TITLE_POINTS = 22.0  # 二号
PITCH = (297.0 - 37.0 - 35.0) / 22 * MM  # 22 lines per page
LINE_CHARS = 28
CHAR = (210.0 - 28.0 - 26.0) / LINE_CHARS * MM  # one character of the grid: indents are counted in these
CARRY_LINES = 2  # body lines that go over with a signature that would start a page alone
ATTACHMENT_TITLE = "会议回执"
REPLY_ROWS = 8
REPLY_COLUMNS = (
    Column("姓名", 30, CENTER, Face.FANGSONG, 14),
    Column("单位及职务", 62, CENTER, Face.FANGSONG, 14),
    Column("是否参加", 30, CENTER, Face.FANGSONG, 14),
    Column("备注", 34, CENTER, Face.FANGSONG, 14),
)
REPLY_STYLE = TableStyle(min_row=14.0, header_row=12.0, header_points=14, heading_row=12.0)
_ADDRESSEE = re.compile(r"^[^。，]{1,30}：$")
CENTRE = Qt.AlignmentFlag.AlignHCenter


def body_font(face: Face = Face.FANGSONG) -> QFont:
    """三号 set to the 28-characters-a-line grid (16 pt characters are 5.64 mm; the grid's are 5.57 mm)."""
    result = font(face, BODY_POINTS)
    advance = QFontMetricsF(result).horizontalAdvance("国")  # the face's own, a little over its size
    # A hair less than the grid (0.01 mm a character): Qt keeps the spacing in 1/64 steps and a line measures
    # a little over its advances, so exactly the grid would wrap the 28th character.
    result.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, CHAR - advance - 1.0)
    return result


def _block(flow: Flow, text: str, face: Face = Face.FANGSONG, indent: float = 2 * CHAR,
           align=Qt.AlignmentFlag.AlignLeft) -> TextBlock:
    return TextBlock(text, body_font(face), flow.geometry.content_width, pitch=PITCH, indent=indent, align=align)


def _paragraph(flow: Flow, text: str, *, face: Face = Face.FANGSONG, indent: float = 2 * CHAR,
               align=Qt.AlignmentFlag.AlignLeft, break_before: int | None = None) -> int:
    """Place a paragraph; returns its number of lines."""
    block = _block(flow, text, face, indent, align)
    flow.lines(block, break_before=break_before)
    return block.line_count


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
    face = body_font()
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
    _title(flow, ATTACHMENT_TITLE)
    _blank(flow)
    _paragraph(flow, "会议名称：" + meeting_name(data.meeting), indent=0)
    flow.skip(PITCH / 2)
    rows = [Row(cells=("", "", "", "")) for _ in range(REPLY_ROWS)]
    Table(REPLY_COLUMNS, REPLY_STYLE).place(flow, rows)
    flow.skip(PITCH / 2)
    _paragraph(flow, reply_request(data.meeting, data.options) + "。")
    _paragraph(flow, contact_text(data.meeting) + "。")


def _is_body(text: str) -> bool:
    return bool(text) and not text.startswith("附件")


def carry_point(flow: Flow, paragraphs: list[str]) -> tuple[int, int] | None:
    """(paragraph, line) from which the last CARRY_LINES body lines start; a heading just before them
    goes too."""
    need, at = CARRY_LINES, None
    for index in range(len(paragraphs) - 1, -1, -1):
        text = paragraphs[index]
        if not _is_body(text):
            continue
        count = _block(flow, text).line_count
        if count >= need:
            at = (index, count - need)
            break
        need, at = need - count, (index, 0)
    if at is None:
        return None
    index, line = at
    if line == 0 and index > 0 and SECTION_HEADING.match(paragraphs[index - 1]):
        return index - 1, 0
    return at


def _compose(data: SheetInput, to: str, paragraphs: list[str], carry: tuple[int, int] | None) -> tuple[Flow, bool]:
    """The notice laid out, and whether its signature shares the page of the last body line (and at least
    CARRY_LINES of them: "特此通知。" alone above it looks as bare)."""
    flow = Flow(GEOMETRY)
    flow.document.folio = True
    _title(flow, sheet_title(SheetKind.NOTICE, data.meeting))
    _blank(flow)
    _paragraph(flow, to, indent=0)
    body_page, body_lines, total = 0, 0, 0  # the page of the last body line, body lines on it, in all
    for index, text in enumerate(paragraphs):
        at = carry[1] if carry and carry[0] == index else None
        if not text:
            _blank(flow)
            continue
        if text.startswith("附件"):
            _blank(flow)
            _paragraph(flow, text)
            continue
        if SECTION_HEADING.match(text):
            flow.ensure(2 * PITCH)  # a heading never ends a page
            count = _paragraph(flow, text, face=Face.HEI, break_before=at)
        else:
            count = _paragraph(flow, text, break_before=at)
        if flow.page_count != body_page:
            body_page, body_lines = flow.page_count, 0
        body_lines += min(count, round((flow.y - flow.geometry.y0) / PITCH))
        total += count
    _signature(flow, data.options.issuer or PRINT_ISSUER.default, data.options.issued_on or clock.today())
    together = flow.page_count == body_page and body_lines >= min(CARRY_LINES, total)
    _reply_slip(flow, data)
    return flow, together


def layout(data: SheetInput) -> Document:
    to, paragraphs = body_paragraphs(data)
    flow, together = _compose(data, to, paragraphs, None)
    if not together:
        carry = carry_point(flow, paragraphs)
        if carry is not None:
            flow, _together = _compose(data, to, paragraphs, carry)
    return flow.document
