"""What a 《政协建言》 says, the same for the PDF (models/printing/bulletin.py) and the Word file
(bulletin_docx.py): the 版头's lines, the numbered body, the 版记's lines and the page-number form.

Typical use::

    for level, number, text in numbered_outline(bulletin): ...
"""

import math
import re

from models.services.recommendation_queries import BulletinRow, RecommendationRow
from models.settings import PRINT_ISSUER

INTRO, HEADING, ITEM, TEXT = "intro", "heading", "item", "text"  # outline levels
DEFAULT_ISSUER = PRINT_ISSUER.default
# GB/T 9704's grid: 22 lines in the 225 mm text height (28.95 pt a line), the 版头 and title measured in mm.
LINES_PER_PAGE = 22
LINE_MM = 225.0 / LINES_PER_PAGE
MASTHEAD_MM = 48 * 1.3 * 25.4 / 72  # the 48 pt masthead's line
RED_RULE_MM = 2.9  # the rule under 编发单位 and date, with the room around it
TITLE_LINE = 1.15  # of a body line, for each line of the 二号 title
# Room between the last body line and the 版记's first rule, in both files: none, as a line's own leading
# keeps its characters about 2 mm off the rule, and any more sends the last lines of a full page over.
RECORD_GAP_MM = 0.0
DIGITS = "一二三四五六七八九"
_SENTENCE_END = "。！？!?"
_TRAILING = "；;，,、：: \u3000"
_CUT = "…"  # split_line() shortens a long first sentence to 40 characters and this
_KIND = re.compile(r"^(?:报|送|抄送|报送|发)：")
_THIRD = re.compile(r"^(\d{1,2})[、．.](?!\d)\s*")
_FOURTH = re.compile(r"^[（(](\d{1,2})[)）]\s*")
_NEXT_KIND = re.compile(r"[\s\u3000；;]+(?=(?:报|送|抄送|报送|发)：)")


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


def _title_repeated(title: str, first: str) -> bool:
    """A line pasted without "标题：内容" keeps its first sentence as the title and the whole line as the
    content (recommendation_entry.split_line): printed as both, the sentence would be read twice."""
    title = title.strip().rstrip(_CUT).rstrip(_TRAILING + "。")
    return bool(title) and first.startswith(title)


def _point(text: str) -> str:
    """GB/T 9704 7.3.3 numbers the third and fourth levels "1." and "（1）": "1、", "1．", "(1)" as typed
    are written that way."""
    text = _THIRD.sub(lambda m: m.group(1) + ".", text, count=1)
    return _FOURTH.sub(lambda m: f"（{m.group(1)}）", text, count=1)


def _recommendation(number: str, rec: RecommendationRow) -> list[tuple[str, str, str]]:
    texts = [_point(text) for text in paragraphs(rec.content)]
    if texts and _title_repeated(rec.title, texts[0]):
        return [(TEXT, number, texts[0])] + [(TEXT, "", text) for text in texts[1:]]  # once, as body
    return [(ITEM, number, title_sentence(rec.title))] + [(TEXT, "", text) for text in texts]


def numbered_outline(bulletin: BulletinRow) -> list[tuple[str, str, str]]:
    """The body under the title as (level, number, text) rows: introduction paragraphs, then each aspect
    ("一、" heading) with its recommendations ("（一）" title sentence, restarting per aspect, then the
    content paragraphs, whose own points read "1." and "（1）"; a title that only repeats the content's
    start is not printed apart). Aspects come
    in the order they first appear in the bulletin; recommendations without an aspect follow at the end
    under no heading. Merged duplicates are left out, and leaders' instructions are not part of the
    bulletin (they come after it is sent)."""
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
            rows += _recommendation(f"（{chinese_number(index)}）", rec)
    return rows


def body_start_line(title_lines: int) -> int:
    """The grid line (0-based) the body starts on, in the PDF and the Word file alike: under the 版头
    (masthead, 期号, 编发单位 and date, red rule), a blank line, the title, and at least 0.6 of a line."""
    used = (MASTHEAD_MM + 2 * LINE_MM + RED_RULE_MM + LINE_MM + title_lines * TITLE_LINE * LINE_MM
            + 0.6 * LINE_MM)
    return math.ceil(used / LINE_MM - 0.01)


def issue_line(bulletin: BulletinRow) -> str:
    return bulletin.issue_label


def issued_text(bulletin: BulletinRow) -> str:
    day = bulletin.issued_on
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def recipient_lines(recipients: str) -> list[str]:
    """"报：区委、区政府主要领导，…" — a line the user wrote starting 报/送/抄送/发 is kept as written; the
    one-line field may hold several ("报：…　送：…" or "报：…；送：…"), each printed on a line of its own."""
    lines = [part for line in paragraphs(recipients) for part in _NEXT_KIND.split(line) if part.strip()]
    return [line.strip() if _KIND.match(line) else "报：" + line.strip() for line in lines]


def recipient_parts(line: str) -> tuple[str, str]:
    """"报：区委…" → ("报：", "区委…"): a wrapped line continues under the first character after the colon."""
    found = _KIND.match(line)
    return (found.group(0), line[found.end():]) if found else ("", line)


def printed_line(bulletin: BulletinRow, issuer: str) -> tuple[str, str]:
    """The 版记's last line (GB/T 9704 7.4.3): 印发机关 left, "2023年4月6日印发" right."""
    day = issued_text(bulletin)
    return issuer, day + "印发" if day else ""


def has_record(bulletin: BulletinRow) -> bool:
    """A 版记 is printed when there is something to say in it beyond the issuer."""
    return bool(recipient_lines(bulletin.recipients) or bulletin.issued_on)


def masthead_name(bulletin: BulletinRow) -> str:
    return (bulletin.kind or "").strip() or "政协建言"
