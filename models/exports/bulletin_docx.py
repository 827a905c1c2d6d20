"""《政协建言》 as an editable Word file, with the same content and order as the printed PDF
(models/printing/bulletin.py); numbered_outline() is the body both of them print.

Offices edit a bulletin in Word before it goes out, so the file uses real styles (正文 = 仿宋 三号 with
exact 28 pt lines and a two-character indent, 标题 1 = 黑体 for "一、", 标题 2 = 楷体 for "（一）") rather
than direct formatting, and no tables. Word takes a Chinese font only from w:rFonts/@w:eastAsia, which
python-docx's `font.name` does not set, hence _set_fonts().

Typical use::

    export_bulletin_docx(get_bulletin(session, bulletin_id), path)
"""

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from models.file_output import write_whole
from models.services.recommendation_queries import BulletinRow
from models.settings import PRINT_ISSUER
from models.text import fit_fields, fit_text

INTRO, HEADING, ITEM, TEXT = "intro", "heading", "item", "text"  # outline levels
DEFAULT_ISSUER = PRINT_ISSUER.default
DIGITS = "一二三四五六七八九"
_SENTENCE_END = "。！？!?"
_TRAILING = "；;，,、：: \u3000"

# GB/T 9704: A4, margins 37/35/28/26 mm, 三号 (16 pt) body, 二号 (22 pt) title.
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
BODY_PT = 16
TITLE_PT = 22
MASTHEAD_PT = 48
RECIPIENTS_PT = 14  # 四号 for the 版记
LINE_PT = 28  # exact line spacing
RED = RGBColor(0xD4, 0x00, 0x00)
FANGSONG, HEI, KAI, SONG = "仿宋", "黑体", "楷体", "宋体"
STYLE_IDS = {"专报报头": "BulletinMasthead", "专报期号": "BulletinIssue", "专报发文": "BulletinIssuer",
             "专报标题": "BulletinTitle", "专报版记": "BulletinRecord"}
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TITLE_CHARS = 20  # characters of 二号 on one line of the 156 mm body


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (aspects and recommendations run to a few dozen)."""
    if n < 10:
        return DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (DIGITS[tens - 1] if tens > 1 else "") + "十" + (DIGITS[ones - 1] if ones else "")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def title_sentence(title: str) -> str:
    """"加快老旧商业街区更新改造" → "加快老旧商业街区更新改造。" (the numbered line is a sentence)."""
    text = title.strip().rstrip(_TRAILING)
    return text if not text or text[-1] in _SENTENCE_END else text + "。"


def numbered_outline(bulletin: BulletinRow) -> list[tuple[str, str, str]]:
    """The body under the title as (level, number, text) rows: introduction paragraphs, then each aspect
    ("一、" heading) with its recommendations ("（一）" title sentence, restarting per aspect, then the
    content paragraphs). Aspects come in the order they first appear in the bulletin; recommendations
    without an aspect follow at the end under no heading. Merged duplicates are left out, and leaders'
    instructions are not part of the bulletin (they come after it is sent)."""
    rows = [(INTRO, "", text) for text in paragraphs(bulletin.introduction)]
    groups: dict[int, tuple[str, list]] = {}
    loose = []
    for rec in bulletin.items:
        if rec.duplicate_of_id is not None:
            continue
        if rec.aspect_id is None:
            loose.append(rec)
        else:
            groups.setdefault(rec.aspect_id, (rec.aspect_name.strip(), []))[1].append(rec)
    sections = [(f"{chinese_number(i)}、", name, recs) for i, (name, recs) in enumerate(groups.values(), start=1)]
    if loose:
        sections.append(("", "", loose))
    for number, name, recs in sections:
        if number:
            rows.append((HEADING, number, name))
        for index, rec in enumerate(recs, start=1):
            rows.append((ITEM, f"（{chinese_number(index)}）", title_sentence(rec.title)))
            rows += [(TEXT, "", text) for text in paragraphs(rec.content)]
    return rows


def issue_line(bulletin: BulletinRow) -> str:
    return bulletin.issue_label


def issued_text(bulletin: BulletinRow) -> str:
    day = bulletin.issued_on
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def recipient_lines(recipients: str) -> list[str]:
    """"报：区委、区政府主要领导，…" — a line the user wrote starting 报/送/发 is kept as written."""
    lines = paragraphs(recipients)
    return [line if line[:1] in "报送发抄" and "：" in line[:4] else "报：" + line for line in lines]


def masthead_name(bulletin: BulletinRow) -> str:
    return (bulletin.kind or "").strip() or "政协建言"


# -- Word styles -------------------------------------------------------------------------------------

def _set_fonts(rpr_owner, name: str) -> None:
    """All four font slots (Word draws Chinese text with w:eastAsia); theme fonts removed, as they win."""
    if hasattr(rpr_owner, "get_or_add_rPr"):
        fonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    else:  # w:rPrDefault is a plain lxml element: its w:rPr/w:rFonts, when the template has them
        fonts = rpr_owner.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is None:
            return
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _indent_chars(paragraph_format, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), so it follows a changed font size."""
    paragraph_format.first_line_indent = Pt(BODY_PT * chars)
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _style(doc, name: str, *, font: str, size: float, base: str = "Normal", bold: bool = False,
           align=None, indent: int | None = None, outline: int | None = None, color: RGBColor | None = None):
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]  # ASCII ids, as Word writes them; the name is what users see
    if name != base:
        style.base_style = styles[base]
    _set_fonts(style.element, font)
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


def _styles(doc) -> dict[str, str]:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        _set_fonts(defaults.find(qn("w:rPrDefault")), FANGSONG)
        lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:  # Chinese line-breaking rules (no "，" at a line's start) follow the language
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = _style(doc, "Normal", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=2)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.widow_control = True
    # No extra space between Chinese and digits ("2023年第1期", not "2023 年第 1 期"), as official templates do.
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        switch = OxmlElement(name)
        switch.set(qn("w:val"), "0")
        _insert_ppr(normal.element.get_or_add_pPr(), switch)
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": 0}
    _style(doc, "Heading 1", font=HEI, size=BODY_PT, indent=2, outline=0)
    _style(doc, "Heading 2", font=KAI, size=BODY_PT, indent=2, outline=1)
    masthead = _style(doc, "专报报头", font=HEI, size=MASTHEAD_PT, color=RED, **centred)
    masthead.paragraph_format.line_spacing = Pt(MASTHEAD_PT * 1.3)
    _style(doc, "专报期号", font=FANGSONG, size=BODY_PT, **centred)
    # One character in by a first-line indent: a left indent would shorten the red rule under it.
    _style(doc, "专报发文", font=FANGSONG, size=BODY_PT, indent=1)
    title = _style(doc, "专报标题", font=HEI, size=TITLE_PT, **centred)
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    # One character in by a first-line indent only: Word draws a paragraph's rules between its left and
    # right indents, and they must run the full width.
    record = _style(doc, "专报版记", font=FANGSONG, size=RECIPIENTS_PT, indent=1)
    record.paragraph_format.first_line_indent = Pt(RECIPIENTS_PT)
    _style(doc, "Footer", font=SONG, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0)
    return {HEADING: "Heading 1", ITEM: "Heading 2", TEXT: "Normal", INTRO: "Normal"}


def _border(paragraph, sides: tuple[str, ...], *, color: str = "000000", eighths: int = 8, space: int = 1) -> None:
    """A rule along the paragraph (w:pBdr): the red line under the masthead, the lines of the 版记."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(eighths))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), color)
        borders.append(edge)
    _insert_ppr(ppr, borders)


def _insert_ppr(ppr, element) -> None:
    """Put a w:pPr child where the schema wants it (Word calls a file with misordered ones damaged)."""
    successors = PPR_ORDER[PPR_ORDER.index(element.tag.split("}")[1]) + 1:]
    ppr.insert_element_before(element, *(f"w:{tag}" for tag in successors))


def _field(paragraph, code: str) -> None:
    """A PAGE / NUMPAGES field Word keeps up to date."""
    run = paragraph.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {code} ")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    simple.append(inner)
    run._r.addnext(simple)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(value))
    section.footer_distance = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")


def _title_text(title: str) -> list[str]:
    """A title too long for one line breaks at a space between its phrases (as a typist would)."""
    title = " ".join(title.split())
    if len(title) <= TITLE_CHARS or " " not in title:
        return [title]
    parts = title.split(" ")
    best = min(range(1, len(parts)), key=lambda at: abs(len(" ".join(parts[:at])) - len(" ".join(parts[at:]))))
    return ["".join(parts[:best]), "".join(parts[best:])]


def build_docx(bulletin: BulletinRow, *, issuer: str = DEFAULT_ISSUER):
    # Text stored before the cleaning rule may hold characters Word's XML refuses (python-docx raises).
    bulletin = fit_fields(bulletin)
    issuer = fit_text(issuer) or DEFAULT_ISSUER
    doc = Document()
    level_style = _styles(doc)
    _page(doc)
    doc.core_properties.title = f"《{masthead_name(bulletin)}》{bulletin.issue_label}"
    doc.core_properties.author = issuer
    body_width = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"])

    doc.add_paragraph(masthead_name(bulletin), style="专报报头")
    doc.add_paragraph(issue_line(bulletin), style="专报期号")
    sender = doc.add_paragraph(style="专报发文")
    sender.paragraph_format.tab_stops.add_tab_stop(body_width - Pt(BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
    sender.add_run(issuer + ("\t" + issued_text(bulletin) if bulletin.issued_on else ""))
    sender.paragraph_format.space_after = Pt(LINE_PT)
    _border(sender, ("bottom",), color=str(RED), eighths=18, space=6)

    title = doc.add_paragraph(style="专报标题")
    for index, line in enumerate(_title_text(bulletin.title)):
        if index:
            title.add_run().add_break()
        title.add_run(line)
    title.paragraph_format.space_after = Pt(LINE_PT)

    for level, number, text in numbered_outline(bulletin):
        doc.add_paragraph(number + text, style=level_style[level])

    lines = recipient_lines(bulletin.recipients)
    if lines:
        doc.add_paragraph(style="Normal")  # keeps the 版记 apart from the last paragraph
        for line in lines:
            paragraph = doc.add_paragraph(line, style="专报版记")
            paragraph.paragraph_format.keep_with_next = True
            _border(paragraph, ("top", "bottom"), eighths=8, space=4)
        paragraph.paragraph_format.keep_with_next = False
    return doc


def export_bulletin_docx(bulletin: BulletinRow, path, *, issuer: str = DEFAULT_ISSUER) -> Path:
    """Save the bulletin as a .docx (whole or not at all); returns the path written."""
    buffer = io.BytesIO()
    build_docx(bulletin, issuer=issuer).save(buffer)
    return write_whole(buffer.getvalue(), path, opened_in="Word")


__all__ = ["HEADING", "INTRO", "ITEM", "TEXT", "build_docx", "chinese_number", "export_bulletin_docx",
           "numbered_outline", "recipient_lines", "title_sentence"]
