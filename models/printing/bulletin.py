"""《政协建言》 (协商专报) printed: a red masthead, the title, the introduction, the recommendations
numbered under their aspects, and the 版记 ("报：…" between rules) at the foot of the last page.

GB/T 9704 page as the 会议通知 (notice.py): 156 × 225 mm body, 22 lines of 三号仿宋, "一、" headings in
黑体, "（一）" titles in 楷体 (bold 仿宋 where no 楷体 is installed, so the levels still differ). The body
is models.exports.bulletin_text.numbered_outline(), so the PDF and the Word file say the same thing.
The 版记 joins the last body page: the body is laid out leaving its height free after the last line,
so when that page is full the last lines (never fewer than two, with their heading) go over with it.
Pages are numbered "— 1 —", odd pages right and even pages left (GB/T 9704 7.5).

Typical use::

    pages = render_bulletin_pdf(get_bulletin(session, bulletin_id), path)
"""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter, QPen

from models.exports.bulletin_text import (
    DEFAULT_ISSUER,
    HEADING,
    ITEM,
    RECORD_GAP_MM,
    RED_RULE_MM,
    TITLE_LINE,
    body_start_line,
    has_record,
    issued_text,
    masthead_name,
    numbered_outline,
    printed_line,
    recipient_lines,
    recipient_parts,
)
from models.services.recommendation_queries import BulletinRow
from models.text import fit_text

from .document_output import qt_page_layout, render_document, save_document_pdf
from .fonts import Face, families, font
from .layout import EM_CENTRE, Document, Flow, Op, TextBlock, line_op
from .line_breaks import balanced
from .notice import BODY_POINTS, CHAR, GEOMETRY, PITCH, TITLE_POINTS, title_text
from .units import MM, PT

MASTHEAD_POINTS = 48.0
MASTHEAD_SPACING = 0.3  # of an em between the masthead's characters
RED = "#d40000"
RED_RULE = 0.8 * MM
RECORD_POINTS = 14.0  # 四号 for the 版记
RECORD_RULE = 0.35 * MM
THIN_RULE = 0.25 * MM
CENTRE = Qt.AlignmentFlag.AlignHCenter
WIDE = 10_000 * MM  # a width nothing wraps in, for measuring


def _masthead_font(text: str, width: float) -> QFont:
    """小标宋 (黑体 where missing); a long name shrinks to fit the body width."""
    points = MASTHEAD_POINTS
    while True:
        face = font(Face.TITLE, points)
        if _advance(face, text) <= width or points <= BODY_POINTS:
            return face
        points -= 2


def _advance(face: QFont, text: str) -> float:
    """Width of the spaced-out text (the gap only between characters)."""
    metrics = QFontMetricsF(face)
    gap = face.pixelSize() * MASTHEAD_SPACING
    return sum(metrics.horizontalAdvance(ch) for ch in text) + gap * max(len(text) - 1, 0)


def _red_text(text: str, face: QFont, x: float, y: float, width: float) -> Op:
    """One spaced-out line centred in [x, x+width], its em box centred on y. Drawn character by
    character: TextBlock paints in black only, and QFont letter spacing does not scale with the page."""
    text = fit_text(text)  # as TextBlock does: old data may hold characters no font can show

    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(QColor(RED)))
        painter.setFont(face)
        metrics = QFontMetricsF(face)
        left = x + (width - _advance(face, text)) / 2
        baseline = y + EM_CENTRE * face.pixelSize()
        for ch in text:
            painter.drawText(QPointF(left, baseline), ch)
            left += metrics.horizontalAdvance(ch) + face.pixelSize() * MASTHEAD_SPACING
    return draw


def _masthead(flow: Flow, bulletin: BulletinRow, issuer: str) -> None:
    x0, width = flow.geometry.x0, flow.geometry.content_width
    name = masthead_name(bulletin)
    face = _masthead_font(name, width)
    height = face.pixelSize() * 1.3
    flow.add(_red_text(name, face, x0, flow.y + height / 2, width))
    flow.y += height
    body = font(Face.FANGSONG, BODY_POINTS)
    flow.block(TextBlock(bulletin.issue_label, body, width, pitch=PITCH, align=CENTRE))
    # Issuer one character in from the left, date one character in from the right, on one line.
    issuer_block = TextBlock(issuer, body, WIDE, pitch=PITCH)
    flow.add(issuer_block.op(x0 + CHAR, flow.y))
    day = issued_text(bulletin)
    if day:
        day_block = TextBlock(day, body, WIDE, pitch=PITCH)
        flow.add(day_block.op(x0 + width - CHAR - day_block.natural_width(), flow.y))
    flow.y += PITCH + RED_RULE_MM * MM - RED_RULE  # as Word puts a paragraph's bottom rule: 6 pt below it
    flow.add(line_op(x0, flow.y, x0 + width, flow.y, RED_RULE, RED))
    flow.y += RED_RULE


def title_lines(text: str, width: float) -> str:
    """The title broken where a typist would: at a space between phrases, after a closing quote,
    else into lines of even length (never one character left alone on the last line)."""
    face = font(Face.TITLE, TITLE_POINTS)
    text = " ".join(text.split())
    if TextBlock(text, face, width).line_count == 1:
        return text
    parts = text.split(" ")
    for at in sorted(range(1, len(parts)), key=lambda at: abs(2 * at - len(parts))):
        lines = ["".join(parts[:at]), "".join(parts[at:])]
        if all(TextBlock(line, face, width).line_count == 1 for line in lines):
            return "\n".join(lines)
    text = text.replace(" ", "")
    quoted = title_text(text, width)
    return quoted if quoted != text else balanced(text, Face.TITLE, TITLE_POINTS, width / MM)


def _title(flow: Flow, text: str) -> None:
    width = flow.geometry.content_width
    flow.skip(PITCH)
    block = TextBlock(title_lines(text, width), font(Face.TITLE, TITLE_POINTS), width, pitch=PITCH * TITLE_LINE,
                      align=CENTRE)
    flow.block(block)
    # The body starts on a line of the 22-line grid (so it lines up page after page), the same as in Word.
    flow.y = max(flow.y, flow.geometry.y0 + body_start_line(block.line_count) * PITCH)


def _item_font() -> QFont:
    face = font(Face.KAI, BODY_POINTS)
    if families(Face.KAI)[:1] == families(Face.FANGSONG)[:1]:  # same fallback font: bold sets the level apart
        face.setBold(True)
    return face


def _first_part(block: TextBlock) -> float:
    """What of a paragraph must share a page with what precedes it: all of it up to three lines (a split
    would leave one line alone), else its first two lines."""
    return block.pitch * (block.line_count if block.line_count <= 3 else 2)


def _paragraph(flow: Flow, block: TextBlock, reserve: float = 0.0) -> None:
    """Line by line over pages, never one line of a paragraph alone at the foot or the head of a page;
    `reserve` is kept free below the last line, on the same page."""
    first, x = 0, flow.geometry.x0
    while first < block.line_count:
        left = block.line_count - first
        fit = int((flow.room + 0.5) // block.pitch)
        fit_last = int((flow.room - reserve + 0.5) // block.pitch)
        take = left if fit_last >= left else min(fit, left - 2)
        if take < min(left, 2):
            if not flow.fresh:
                flow.new_page()
                continue
            take = max(min(fit, left), 1)  # a page too short for the rule: fill it
        flow.add(block.op(x, flow.y, first, take))
        flow.y += take * block.pitch
        first += take


def _body(flow: Flow, bulletin: BulletinRow, reserve: float) -> None:
    """The numbered body; `reserve` (the 版记 and its gap) stays free on the page of the last line."""
    width = flow.geometry.content_width
    faces = {HEADING: font(Face.HEI, BODY_POINTS), ITEM: _item_font()}
    plain = font(Face.FANGSONG, BODY_POINTS)
    rows = [(level, TextBlock(number + text, faces.get(level, plain), width, pitch=PITCH, indent=2 * CHAR))
            for level, number, text in numbered_outline(bulletin)]
    # Kept with what follows: a heading with its first title, a title with the start of its content, and
    # the last paragraph (whole up to three lines, else its last two) with the 版记.
    keep = [0.0] * (len(rows) + 1)
    for index in range(len(rows) - 1, -1, -1):
        level, block = rows[index]
        last = index == len(rows) - 1
        if level in (HEADING, ITEM):
            keep[index] = block.height + (reserve if last else keep[index + 1])
        else:
            keep[index] = _first_part(block) + (reserve if last and block.line_count <= 3 else 0.0)
    for index, (level, block) in enumerate(rows):
        if level in (HEADING, ITEM):
            flow.ensure(keep[index])
            flow.block(block)
        else:
            _paragraph(flow, block, reserve if index == len(rows) - 1 else 0.0)


class _Record:
    """版记 (GB/T 9704 7.4): "报：…"/"送：…" lines (wrapped lines aligned after "报："), then 印发机关 and
    "…印发", between rules: 0.35 mm first and last, 0.25 mm between."""

    def __init__(self, bulletin: BulletinRow, issuer: str, width: float):
        face = font(Face.FANGSONG, RECORD_POINTS)
        self.char = RECORD_POINTS * PT
        self.width = width
        pitch = PITCH * 0.8
        self.lines = []
        for line in recipient_lines(bulletin.recipients):
            head, tail = recipient_parts(line)
            indent = (1 + len(head)) * self.char
            self.lines.append((indent, TextBlock(head, face, WIDE, pitch=pitch),
                               TextBlock(tail, face, width - indent - self.char, pitch=pitch)))
        left, right = printed_line(bulletin, issuer)
        self.issuer = TextBlock(left, face, WIDE, pitch=pitch)
        self.date = TextBlock(right, face, WIDE, pitch=pitch)
        self.pad = 1 * MM
        self.height = (sum(tail.height for *_, tail in self.lines) + self.issuer.height
                       + (2 if self.lines else 1) * 2 * self.pad)

    def place(self, flow: Flow) -> None:
        """At the foot of the current page."""
        x0, x1 = flow.geometry.x0, flow.geometry.x0 + self.width
        y = flow.geometry.y1 - self.height
        flow.add(line_op(x0, y, x1, y, RECORD_RULE))
        if self.lines:
            y += self.pad
            for indent, head, tail in self.lines:
                flow.add(head.op(x0 + self.char, y))
                flow.add(tail.op(x0 + indent, y))
                y += tail.height
            y += self.pad
            flow.add(line_op(x0, y, x1, y, THIN_RULE))
        y += self.pad
        flow.add(self.issuer.op(x0 + self.char, y))
        flow.add(self.date.op(x1 - self.char - self.date.natural_width(), y))
        y += self.issuer.height + self.pad
        flow.add(line_op(x0, y, x1, y, RECORD_RULE))
        flow.y = flow.geometry.y1


def bulletin_document(bulletin: BulletinRow, *, issuer: str = DEFAULT_ISSUER) -> Document:
    flow = Flow(GEOMETRY)
    issuer = issuer or DEFAULT_ISSUER
    _masthead(flow, bulletin, issuer)
    _title(flow, bulletin.title)
    record = _Record(bulletin, issuer, flow.geometry.content_width) if has_record(bulletin) else None
    gap = RECORD_GAP_MM * MM
    _body(flow, bulletin, record.height + gap if record else 0.0)
    if record:
        if flow.y + gap + record.height > flow.geometry.y1 + 0.5:  # only a 版记 taller than a page gets here
            flow.new_page()
        record.place(flow)
    flow.document.folio = True  # "— 1 —", odd pages right, even left (folio.py, as the notice)
    return flow.document


def bulletin_file_title(bulletin: BulletinRow) -> str:
    return f"《{masthead_name(bulletin)}》{bulletin.issue_label}　{bulletin.title}"


def bulletin_layout(bulletin: BulletinRow | None = None, **_options) -> QPageLayout:
    """A4 portrait, to set on the QPrinter before the preview (the page does not depend on the data)."""
    return qt_page_layout(GEOMETRY)


def render_bulletin(bulletin: BulletinRow, device: QPagedPaintDevice, *, issuer: str = DEFAULT_ISSUER) -> int:
    """Paint on a printer (or any paged device); returns the number of pages."""
    return render_document(bulletin_document(bulletin, issuer=issuer), device)


def render_bulletin_pdf(bulletin: BulletinRow, path, *, issuer: str = DEFAULT_ISSUER) -> int:
    """Save as a PDF file, whole or not at all; returns the number of pages."""
    return save_document_pdf(bulletin_document(bulletin, issuer=issuer), bulletin_file_title(bulletin), path)


__all__ = ["bulletin_document", "bulletin_file_title", "bulletin_layout", "render_bulletin", "render_bulletin_pdf",
           "title_lines"]
