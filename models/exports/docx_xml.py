"""OOXML that python-docx has no API for: East Asian fonts, paragraph rules, fields, floating tables.

Word calls a file damaged when a property element is out of schema order, so every insertion goes
through insert_ordered() with the schema's sequence.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark")


def element(tag: str, **attrs: str):
    """<w:tag w:key="value" …/>."""
    made = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        made.set(qn(f"w:{key}"), str(value))
    return made


def insert_ordered(parent, child, order: tuple[str, ...]) -> None:
    """Put child where the schema wants it among parent's children, replacing one of the same tag."""
    tag = child.tag.split("}")[1]
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    successors = order[order.index(tag) + 1:]
    parent.insert_element_before(child, *(f"w:{name}" for name in successors))


def insert_ppr(ppr, child) -> None:
    insert_ordered(ppr, child, PPR_ORDER)


def set_fonts(rpr_owner, name: str) -> None:
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


def edges(tag: str, sides: dict[str, int], *, color: str = "000000", space: int = 0):
    """<w:pBdr>/<w:tblBorders>/<w:tcBorders> with a single rule of the given eighths of a point per side."""
    borders = element(tag)
    for side, eighths in sides.items():
        borders.append(element(side, val="single", sz=eighths, space=space, color=color))
    return borders


def border(paragraph, sides: tuple[str, ...], *, color: str = "000000", eighths: int = 8, space: int = 1) -> None:
    """A rule along the paragraph (w:pBdr): the red line under the masthead."""
    insert_ppr(paragraph._p.get_or_add_pPr(), edges("pBdr", dict.fromkeys(sides, eighths), color=color,
                                                    space=space))


def field(paragraph, code: str) -> None:
    """A PAGE / NUMPAGES field Word keeps up to date."""
    run = paragraph.add_run()
    simple = element("fldSimple", instr=f" {code} ")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    simple.append(inner)
    run._r.addnext(simple)
