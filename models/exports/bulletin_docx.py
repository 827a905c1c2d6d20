"""《政协建言》 as an editable Word file, with the same content and order as the printed PDF
(models/printing/bulletin.py); bulletin_text.py says what both of them print.

Offices edit a bulletin in Word before it goes out, so the file uses real styles (正文 = 仿宋 三号 with
exact 28 pt lines and a two-character indent, 标题 1 = 黑体 for "一、", 标题 2 = 楷体 for "（一）") rather
than direct formatting. The body has no tables; the 版记 is one, floating at the foot of the last page's
text area and kept with the last body paragraph, so Word and LibreOffice both put it there and take the
last body lines over with it when that page is full, instead of letting it start an empty page. (A
frame, w:framePr, would do the same, but LibreOffice leaves a framed paragraph with rules inline.)
Word takes a Chinese font only from w:rFonts/@w:eastAsia, which python-docx's `font.name` does not set,
hence set_fonts().

The file comes from a template (word_templates.py): the built-in one, default_template(), holds the
page, the styles and the 版头 (masthead, issue line, issuer and date, red rule) with placeholders; an
office's own template may replace any of that. The body (title, outline, 版记) is built here either way.

Typical use::

    export_bulletin_docx(get_bulletin(session, bulletin_id), path, template=office_template_or_None)
"""

import math
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from models.services.recommendation_queries import BulletinRow
from models.settings import BULLETIN_TEMPLATE
from models.text import fit_fields, fit_text

from .bulletin_text import (
    DEFAULT_ISSUER,
    HEADING,
    INTRO,
    ITEM,
    LINE_MM,
    MASTHEAD_MM,
    RECORD_GAP_MM,
    RED_RULE_MM,
    TEXT,
    TITLE_LINE,
    body_start_line,
    chinese_number,
    has_record,
    issue_line,
    issued_text,
    masthead_name,
    numbered_outline,
    printed_line,
    recipient_lines,
    recipient_parts,
    title_sentence,
)
from .docx_xml import (
    RPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    border,
    edges,
    element,
    field,
    insert_ordered,
    insert_ppr,
    set_fonts,
)
from .word_templates import BODY, TemplateKind, render, save_rendered

# GB/T 9704: A4, margins 37/35/28/26 mm, 三号 (16 pt) body, 二号 (22 pt) title.
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
BODY_PT = 16
TITLE_PT = 22
MASTHEAD_PT = 48
RECIPIENTS_PT = 14  # 四号 for the 版记 and the page numbers
RECORD_LINE_PT = 23  # the PDF's 版记 pitch (0.8 of a body line)
# Exact line spacing, 22 lines a page as in the PDF: 28.99 pt rounded down to Word's twips (28.95 pt), as 29 pt
# lines would leave room for only 21.
LINE_PT = math.floor(LINE_MM * 72 / 25.4 * 20) / 20
RED = RGBColor(0xD4, 0x00, 0x00)
FANGSONG, HEI, KAI, SONG = "仿宋", "黑体", "楷体", "宋体"
XIAOBIAOSONG = "方正小标宋简体"  # what offices install; Word and LibreOffice substitute where it is missing
THICK, THIN = 8, 6  # 版记 rules in eighths of a point: 0.35 mm first and last, 0.25 mm between
STYLE_IDS = {"专报报头": "BulletinMasthead", "专报期号": "BulletinIssue", "专报发文": "BulletinIssuer",
             "专报标题": "BulletinTitle", "专报版记": "BulletinRecord", "专报印发": "BulletinPrinted",
             "公文标题": "DocumentTitle", "公文署名": "DocumentSignature", "回执表格": "ReplySlipTable"}
TITLE_CHARS = 20  # characters of 二号 on one line of the 156 mm body
BODY_WIDTH = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"])


# -- Word styles -------------------------------------------------------------------------------------

def _indent_chars(paragraph_format, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), so it follows a changed font size."""
    paragraph_format.first_line_indent = Pt(BODY_PT * chars)
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def style(doc, name: str, *, font: str, size: float, base: str = "Normal", bold: bool = False,
           align=None, indent: int | None = None, outline: int | None = None, color: RGBColor | None = None):
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]  # ASCII ids, as Word writes them; the name is what users see
    if name != base:
        style.base_style = styles[base]
    set_fonts(style.element, font)
    rpr = style.element.get_or_add_rPr()
    for leftover in ("w:bCs", "w:szCs"):  # the template's complex-script sizes, not ours
        for child in rpr.findall(qn(leftover)):
            rpr.remove(child)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = color or RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        _indent_chars(fmt, indent)
    if outline is not None:
        fmt.keep_with_next = True
        fmt.keep_together = True
    return style


def _record_styles(doc) -> None:
    """四号仿宋, one character in on both sides (GB/T 9704 7.4.2); a wrapped 报/送 line continues under
    the first character after "报："."""
    record = style(doc, "专报版记", font=FANGSONG, size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    fmt = record.paragraph_format
    fmt.line_spacing = Pt(RECORD_LINE_PT)
    fmt.left_indent, fmt.right_indent = Pt(3 * RECIPIENTS_PT), Pt(RECIPIENTS_PT)
    fmt.first_line_indent = Pt(-2 * RECIPIENTS_PT)
    fmt.widow_control = False
    printed = style(doc, "专报印发", font=FANGSONG, size=RECIPIENTS_PT, base="专报版记")
    printed.paragraph_format.left_indent, printed.paragraph_format.first_line_indent = Pt(RECIPIENTS_PT), Pt(0)
    printed.paragraph_format.tab_stops.add_tab_stop(BODY_WIDTH - Pt(RECIPIENTS_PT), WD_TAB_ALIGNMENT.RIGHT)


def base_styles(doc) -> None:
    """The styles every GB/T 9704 document here shares (正文, 标题 1/2, 页脚); the notice uses them too."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        set_fonts(defaults.find(qn("w:rPrDefault")), FANGSONG)
        lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:  # Chinese line-breaking rules (no "，" at a line's start) follow the language
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = style(doc, "Normal", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=2)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.widow_control = True
    # No extra space between Chinese and digits ("2023年第1期", not "2023 年第 1 期"), as official templates do.
    for name in ("autoSpaceDE", "autoSpaceDN"):
        insert_ppr(normal.element.get_or_add_pPr(), element(name, val="0"))
    style(doc, "Heading 1", font=HEI, size=BODY_PT, indent=2, outline=0)
    style(doc, "Heading 2", font=KAI, size=BODY_PT, indent=2, outline=1)
    style(doc, "Footer", font=SONG, size=RECIPIENTS_PT, indent=0)


def _styles(doc) -> None:
    base_styles(doc)
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": 0}
    masthead = style(doc, "专报报头", font=XIAOBIAOSONG, size=MASTHEAD_PT, color=RED, **centred)
    masthead.paragraph_format.line_spacing = Mm(MASTHEAD_MM)
    # Spaced out as the PDF's masthead (0.3 em between characters); w:spacing is in twentieths of a point.
    insert_ordered(masthead.element.get_or_add_rPr(), element("spacing", val=round(MASTHEAD_PT * 0.3 * 20)),
                   RPR_ORDER)
    style(doc, "专报期号", font=FANGSONG, size=BODY_PT, **centred)
    # One character in by a first-line indent: a left indent would shorten the red rule under it.
    style(doc, "专报发文", font=FANGSONG, size=BODY_PT, indent=1)
    title = style(doc, "专报标题", font=XIAOBIAOSONG, size=TITLE_PT, **centred)
    title.paragraph_format.line_spacing = Pt(TITLE_LINE * LINE_PT)
    _record_styles(doc)


# -- the page ----------------------------------------------------------------------------------------

def _page_number(footer, doc, align) -> None:
    """"— 1 —" in 四号宋体, one character in from the outer edge (GB/T 9704 7.5)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.paragraph_format.alignment = align
    side = "right_indent" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left_indent"
    setattr(paragraph.paragraph_format, side, Pt(RECIPIENTS_PT))
    paragraph.add_run("— ")
    field(paragraph, "PAGE")
    paragraph.add_run(" —")


def page_setup(doc) -> None:
    """A4, GB/T 9704 margins, "— 1 —" footers odd right / even left."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(value))
    section.footer_distance = Mm(20)
    doc.settings.odd_and_even_pages_header_footer = True  # odd pages numbered right, even pages left
    _page_number(section.footer, doc, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, doc, WD_ALIGN_PARAGRAPH.LEFT)


def _title_text(title: str) -> list[str]:
    """A title too long for one line breaks at a space between its phrases (as a typist would)."""
    title = " ".join(title.split())
    if len(title) <= TITLE_CHARS or " " not in title:
        return [title]
    parts = title.split(" ")
    best = min(range(1, len(parts)), key=lambda at: abs(len(" ".join(parts[:at])) - len(" ".join(parts[at:]))))
    return ["".join(parts[:best]), "".join(parts[best:])]


# -- the parts ---------------------------------------------------------------------------------------

def _masthead(doc) -> None:
    """版头 of the built-in template: red name, 期号, 编发单位 left and date right, red rule; the values
    are placeholders (word_templates.py), so an office's template can replace all of it with its own."""
    doc.add_paragraph("{{ 刊名 }}", style="专报报头")
    doc.add_paragraph("{{ 期号 }}", style="专报期号")
    sender = doc.add_paragraph(style="专报发文")
    sender.paragraph_format.tab_stops.add_tab_stop(BODY_WIDTH - Pt(BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
    sender.add_run("{{ 发文机关 }}{% if 成文日期 %}\t{{ 成文日期 }}{% endif %}")  # no stray tab without a date
    sender.paragraph_format.space_after = Pt(LINE_PT)
    border(sender, ("bottom",), color=str(RED), eighths=18, space=6)  # 6 pt + 2.25 pt: RED_RULE_MM


def default_template():
    """The built-in 政协建言 template: GB/T 9704 page, styles, 版头 and the {{p 正文 }} paragraph."""
    doc = Document()
    _styles(doc)
    page_setup(doc)
    _masthead(doc)
    doc.add_paragraph("{{p 正文 }}", style="Normal")
    return doc


BULLETIN_KIND = TemplateKind("政协建言", BULLETIN_TEMPLATE, required=("期号", "成文日期", BODY),
                             optional=("刊名", "发文机关"), build_default=default_template)


def _record_table(doc, rows: int):
    """A one-column table as wide as the text, floating at the bottom of the text area of the page its
    anchor (the paragraph after it) falls on. Anchored horizontally to the page: LibreOffice keeps a
    full-width floating table inline unless it is positioned against the page."""
    table = doc.add_table(rows=rows, cols=1)
    tbl_pr = table._tbl.tblPr
    insert_ordered(tbl_pr, element("tblpPr", leftFromText=0, rightFromText=0, topFromText=int(Mm(RECORD_GAP_MM).twips),
                                   bottomFromText=0, vertAnchor="margin", horzAnchor="page",
                                   tblpX=int(Mm(MARGINS_MM["left"]).twips), tblpYSpec="bottom"), TBLPR_ORDER)
    insert_ordered(tbl_pr, element("tblW", w=int(BODY_WIDTH.twips), type="dxa"), TBLPR_ORDER)
    insert_ordered(tbl_pr, edges("tblBorders", {"top": THICK, "bottom": THICK}), TBLPR_ORDER)
    insert_ordered(tbl_pr, element("tblLayout", type="fixed"), TBLPR_ORDER)
    margins = element("tblCellMar")
    for side in ("left", "right"):
        margins.append(element(side, w=0, type="dxa"))
    insert_ordered(tbl_pr, margins, TBLPR_ORDER)
    table.columns[0].width = BODY_WIDTH
    for row in table.rows:
        row.cells[0].width = BODY_WIDTH
    return table


def _record(doc, bulletin: BulletinRow, issuer: str) -> None:
    """版记 (GB/T 9704 7.4): 报/送 lines and the 印发 line between rules (0.35 mm first and last, 0.25 mm
    between), at the foot of the last page."""
    lines = recipient_lines(bulletin.recipients)
    table = _record_table(doc, len(lines) + 1)
    cells = [row.cells[0] for row in table.rows]
    for cell, line in zip(cells, lines, strict=False):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles["专报版记"]
        head = recipient_parts(line)[0]
        if len(head) != 2:  # the style hangs "报：" and "送："; "抄送：" needs one character more
            paragraph.paragraph_format.left_indent = Pt((1 + len(head)) * RECIPIENTS_PT)
            paragraph.paragraph_format.first_line_indent = Pt(-len(head) * RECIPIENTS_PT)
        paragraph.add_run(line)
    left, right = printed_line(bulletin, issuer)
    printed = cells[-1].paragraphs[0]
    printed.style = doc.styles["专报印发"]
    printed.add_run(left + ("\t" + right if right else ""))
    if lines:
        insert_ordered(cells[-1]._tc.get_or_add_tcPr(), edges("tcBorders", {"top": THIN}), TCPR_ORDER)
    # The table's anchor: Word ends a document with a paragraph anyway; a 1 pt one cannot start a page.
    anchor = doc.add_paragraph(style="Normal")
    anchor.paragraph_format.line_spacing = Pt(1)
    anchor.paragraph_format.first_line_indent = Pt(0)
    anchor.add_run().font.size = Pt(1)


def _body(doc, bulletin: BulletinRow, issuer: str) -> None:
    """Title, numbered outline and 版记: what {{p 正文 }} becomes."""
    level_style = {HEADING: "Heading 1", ITEM: "Heading 2", TEXT: "Normal", INTRO: "Normal"}
    title = doc.add_paragraph(style="专报标题")
    lines = _title_text(bulletin.title)
    for index, line in enumerate(lines):
        if index:
            title.add_run().add_break()
        title.add_run(line)
    # Down to the grid line the PDF starts its body on (the 版头 above is the PDF's, line for line), less
    # a little: Word and LibreOffice round each spacing to whole twips, and a body that started a hair
    # lower would lose the page's last line.
    count = sum(math.ceil(len(line) / TITLE_CHARS) for line in lines) or 1
    above = MASTHEAD_MM + 2 * LINE_MM + RED_RULE_MM + LINE_MM + count * TITLE_LINE * LINE_MM
    title.paragraph_format.space_after = Mm(max(body_start_line(count) * LINE_MM - above - 2, 0))

    paragraph = title
    for level, number, text in numbered_outline(bulletin):
        paragraph = doc.add_paragraph(number + text, style=level_style[level])
    if has_record(bulletin):
        paragraph.paragraph_format.keep_with_next = True  # the 版记 never starts a page of its own
        _record(doc, bulletin, issuer)


def build_docx(bulletin: BulletinRow, *, issuer: str = DEFAULT_ISSUER, template=None):
    """The bulletin as a python-docx Document, from the office's template (a path) or the built-in one;
    TemplateError when the template cannot be used."""
    # Text stored before the cleaning rule may hold characters Word's XML refuses (python-docx raises).
    bulletin = fit_fields(bulletin)
    issuer = fit_text(issuer) or DEFAULT_ISSUER
    fields = {"刊名": masthead_name(bulletin), "期号": issue_line(bulletin), "发文机关": issuer,
              "成文日期": issued_text(bulletin) if bulletin.issued_on else ""}
    doc = render(BULLETIN_KIND, template, fields, lambda body: _body(body, bulletin, issuer))
    doc.core_properties.title = f"《{masthead_name(bulletin)}》{bulletin.issue_label}"
    doc.core_properties.author = issuer
    return doc


def export_bulletin_docx(bulletin: BulletinRow, path, *, issuer: str = DEFAULT_ISSUER, template=None) -> Path:
    """Save the bulletin as a .docx (whole or not at all); returns the path written. Nothing is written
    when the template is unusable (TemplateError)."""
    return save_rendered(build_docx(bulletin, issuer=issuer, template=template), path)


__all__ = ["BULLETIN_KIND", "HEADING", "INTRO", "ITEM", "TEXT", "base_styles", "build_docx", "chinese_number",
           "default_template", "export_bulletin_docx", "numbered_outline", "page_setup", "recipient_lines", "style",
           "title_sentence"]
