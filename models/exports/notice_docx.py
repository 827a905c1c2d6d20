"""会议通知 and its 回执 as an editable Word file: the same words as the PDF (notice_text / notice.py's
body_paragraphs), on the same GB/T 9704 page (A4, margins 37/35/28/26 mm, 三号仿宋 body with 28.95 pt
lines, 二号小标宋 title, 黑体 "一、", "— 1 —" footers odd right / even left), the 回执 as 附件 on its own
page. Styles are bulletin_docx's (正文 = Normal, 标题 1); the file comes from a template like the bulletin's
(word_templates.py): {{p 正文 }} holds everything from the title down, so an office's template adds its
红头 above it.

Word lays out the lines itself, so "署名 never alone" is asked of it: the last body paragraphs, the 附件
line and the signature are kept together (keep with next), and Word takes them over as one.

Typical use::

    export_notice_docx(SheetInput(meeting, invitees, agenda, options), path, template=None)
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from models import clock
from models.printing.notice import ATTACHMENT_TITLE, REPLY_COLUMNS, REPLY_ROWS, body_paragraphs
from models.printing.notice_text import SECTION_HEADING, chinese_day, contact_text, reply_request
from models.printing.sheet_input import SheetInput, SheetKind, meeting_name, sheet_title
from models.settings import NOTICE_TEMPLATE, PRINT_ISSUER
from models.text import fit_text

from .bulletin_docx import (
    BODY_PT,
    FANGSONG,
    LINE_PT,
    RECIPIENTS_PT,
    TITLE_PT,
    XIAOBIAOSONG,
    base_styles,
    page_setup,
    style,
)
from .docx_xml import TBLPR_ORDER, edges, insert_ordered
from .word_templates import BODY, TemplateKind, render, save_rendered

LINE_CHARS = 28
TITLE_CHARS = 20  # characters of 二号 on one line of the 156 mm body


def _styles(doc) -> None:
    base_styles(doc)
    title = style(doc, "公文标题", font=XIAOBIAOSONG, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0)
    title.paragraph_format.line_spacing = Pt(LINE_PT * 1.15)
    title.paragraph_format.keep_with_next = True
    style(doc, "公文署名", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    table = style(doc, "回执表格", font=FANGSONG, size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0)
    table.paragraph_format.line_spacing = Pt(RECIPIENTS_PT * 1.3)


def default_template():
    """The built-in 会议通知 template: the page, the styles and {{p 正文 }}."""
    doc = Document()
    _styles(doc)
    page_setup(doc)
    doc.add_paragraph("{{p 正文 }}", style="Normal")
    return doc


NOTICE_KIND = TemplateKind("会议通知", NOTICE_TEMPLATE, required=(BODY,),
                           optional=("标题", "会议名称", "发文机关", "成文日期"), build_default=default_template)


def _width(text: str) -> float:
    """Width in characters of 三号: digits and Latin letters are about half a character."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _add(doc, text: str = "", style_name: str = "Normal", *, indent: int | None = None, keep: bool = False):
    paragraph = doc.add_paragraph(text, style=style_name)
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = Pt(indent * BODY_PT)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def title_lines(text: str) -> list[str]:
    """As the PDF: a title too long for one line breaks after its closing quote when that part fits."""
    if _width(text) <= TITLE_CHARS:
        return [text]
    for at in range(len(text) - 1, 0, -1):
        if text[at - 1] == "”" and _width(text[:at]) <= TITLE_CHARS:
            return [text[:at], text[at:]]
    return [text]


def _title(doc, text: str) -> None:
    paragraph = _add(doc, style_name="公文标题")
    for index, line in enumerate(title_lines(text)):
        if index:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _signature(doc, issuer: str, day: str) -> None:
    """Issuer two characters from the right, the date under it two characters further right (as the PDF)."""
    right = LINE_CHARS
    issuer_x = right - 2 - _width(issuer)
    date_x = issuer_x + 2
    if date_x + _width(day) > right - 2:
        date_x = right - 2 - _width(day)
        issuer_x = date_x - 2
    for text, x, keep in ((issuer, issuer_x, True), (day, date_x, False)):
        paragraph = _add(doc, text, "公文署名", keep=keep)
        paragraph.paragraph_format.right_indent = Pt(max(right - x - _width(text), 0) * BODY_PT)


def _reply_table(doc) -> None:
    table = doc.add_table(rows=REPLY_ROWS + 1, cols=len(REPLY_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rules = {side: 6 for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
    insert_ordered(table._tbl.tblPr, edges("tblBorders", rules), TBLPR_ORDER)
    for index, row in enumerate(table.rows):
        row.height = Mm(12.0 if index == 0 else 14.0)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for column, cell in zip(REPLY_COLUMNS, row.cells, strict=True):
            cell.width = Mm(column.width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].style = doc.styles["回执表格"]
            if index == 0:
                cell.paragraphs[0].add_run(column.title)


def _body(doc, data: SheetInput) -> None:
    to, paragraphs = body_paragraphs(data)
    issuer = fit_text(data.options.issuer) or PRINT_ISSUER.default
    _title(doc, sheet_title(SheetKind.NOTICE, data.meeting))
    _add(doc)
    _add(doc, fit_text(to), indent=0)
    texts = [i for i, text in enumerate(paragraphs) if text and not text.startswith("附件")]
    tail = set(texts[-2:])  # the last two body paragraphs go over with the signature, never it alone
    last = texts[-1] if texts else -1
    for index, text in enumerate(map(fit_text, paragraphs)):
        keep = index in tail or index > last
        if not text:
            _add(doc, keep=keep)
        elif text.startswith("附件"):
            _add(doc, keep=True)
            _add(doc, text, keep=True)
        elif SECTION_HEADING.match(text):
            _add(doc, text, "Heading 1", keep=True)
        else:
            _add(doc, text, keep=keep)
    _add(doc, keep=True)
    _signature(doc, issuer, chinese_day(data.options.issued_on or clock.today()))

    attachment = _add(doc, "附件", "Heading 1", indent=0)
    attachment.paragraph_format.page_break_before = True
    _add(doc)
    _title(doc, ATTACHMENT_TITLE)
    _add(doc)
    _add(doc, "会议名称：" + fit_text(meeting_name(data.meeting)), indent=0)
    _reply_table(doc)
    _add(doc)
    _add(doc, reply_request(data.meeting, data.options) + "。")
    _add(doc, contact_text(data.meeting) + "。")


def build_notice_docx(data: SheetInput, *, template=None):
    """The notice as a python-docx Document, from the office's template (a path) or the built-in one."""
    issuer = fit_text(data.options.issuer) or PRINT_ISSUER.default
    title = sheet_title(SheetKind.NOTICE, data.meeting)
    fields = {"标题": fit_text(title), "会议名称": fit_text(meeting_name(data.meeting)), "发文机关": issuer,
              "成文日期": chinese_day(data.options.issued_on or clock.today())}
    doc = render(NOTICE_KIND, template, fields, lambda body: _body(body, data))
    doc.core_properties.title = fit_text(title)
    doc.core_properties.author = issuer
    return doc


def export_notice_docx(data: SheetInput, path, *, template=None) -> Path:
    """Save the notice and its 回执 as a .docx (whole or not at all); nothing is written when the template
    is unusable (TemplateError)."""
    return save_rendered(build_notice_docx(data, template=template), path)


__all__ = ["NOTICE_KIND", "build_notice_docx", "default_template", "export_notice_docx"]
