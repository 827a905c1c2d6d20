"""会议通知 as GB/T 9704 lays it out, checked on the printed pages: rendered to images (pdftoppm), read back
as text (pdftotext). The PNGs are saved where CONSULTDESK_SCREENSHOTS points, for people to look at."""

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from models.printing import SheetInput, SheetKind, render_pdf
from models.printing.notice import CHAR, LINE_CHARS

from .printing_fixtures import meeting, pdf_pages, pdf_words, sheet_input, squeeze

PT_PER_MM = 72 / 25.4
DPI = 60
ISSUED = date(2026, 12, 1)


def gray_pages(pdf: Path) -> list[tuple[int, int, list[bytes]]]:
    """Each page as (width, height, rows of gray bytes), from pdftoppm's PGM output."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True)
    pages = []
    for path in sorted(pdf.parent.glob(prefix.name + "-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        data = path.read_bytes()
        magic, width, height, _max, rest = data.split(maxsplit=4)
        assert magic == b"P5"
        width, height = int(width), int(height)
        pages.append((width, height, [rest[y * width:(y + 1) * width] for y in range(height)]))
    return pages


def ink(page, x0_mm: float, y0_mm: float, x1_mm: float, y1_mm: float) -> bool:
    """Whether anything is printed inside the rectangle (millimetres on the A4 page)."""
    _width, _height, rows = page
    scale = DPI / 25.4
    for y in range(int(y0_mm * scale), int(y1_mm * scale)):
        if any(value < 128 for value in rows[y][int(x0_mm * scale):int(x1_mm * scale)]):
            return True
    return False


def save_pngs(pdf: Path, name: str) -> None:
    folder = os.environ.get("CONSULTDESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(Path(folder) / name)], check=True)


def filler(count: int) -> str:
    """An edited notice of `count` one-line paragraphs, then 特此通知 and the 附件 line."""
    lines = ["各位委员："] + [f"第{n}项：请各位委员按时参会，做好发言准备。" for n in range(1, count + 1)]
    return "\n".join([*lines, "特此通知。", "附件：会议回执"])


def printed(tmp_path, data: SheetInput, name: str) -> tuple[Path, list[str]]:
    pdf = tmp_path / f"{name}.pdf"
    render_pdf(SheetKind.NOTICE, data, pdf)
    return pdf, [squeeze(page) for page in pdf_pages(pdf)]


def signature_page(texts: list[str]) -> int:
    (found,) = [i for i, text in enumerate(texts) if "区政协办公室2026年12月1日" in text]
    return found


@pytest.mark.parametrize("count", range(12, 26))
def test_the_signature_stays_with_the_last_body_lines(qapp, tmp_path, count):
    """Whatever the body's length, the 署名 and 成文日期 share the page of the last body line — never a page
    of their own — and the 回执 has a page of its own."""
    pdf, texts = printed(tmp_path, sheet_input(40, notice_text=filler(count), issued_on=ISSUED), "notice")
    at = signature_page(texts)
    assert at == len(texts) - 2  # the 回执 is the last page, the signature on the one before
    assert "特此通知。" in texts[at] and f"第{count}项" in texts[at]
    assert texts[-1].startswith("附件会议回执") and "区政协办公室2026年12月1日" not in texts[-1]
    pages = gray_pages(pdf)
    assert len(pages) == len(texts)
    # Body text above the signature on its page (not a page of signature alone): ink in the top third.
    assert ink(pages[at], 28, 37, 184, 110)


def test_pages_numbered_as_an_official_document(qapp, tmp_path):
    pdf, texts = printed(tmp_path, sheet_input(40, issued_on=ISSUED), "numbers")
    save_pngs(pdf, "会议通知")
    assert len(texts) == 3
    assert [text.endswith(f"—{n}—") for n, text in enumerate(texts, start=1)] == [True] * 3
    words = pdf_words(pdf)
    pages = gray_pages(pdf)
    for number, (page, page_words) in enumerate(zip(pages, words, strict=True), start=1):
        folio = [w for w in page_words if w[2] > 262 * PT_PER_MM]  # below the body area
        left, right = min(w[1] for w in folio), max(w[3] for w in folio)
        # Odd pages end one character (4号, 14 pt) in from the body's right edge; even pages start one in.
        if number % 2:
            assert right == pytest.approx((210 - 26) * PT_PER_MM - 14, abs=2)
            assert not ink(page, 28, 265, 100, 280)
        else:
            assert left == pytest.approx(28 * PT_PER_MM + 14, abs=2)
            assert not ink(page, 110, 265, 184, 280)
        middle = (min(w[2] for w in folio) + max(w[4] for w in folio)) / 2  # where the dashes are
        assert middle == pytest.approx((262 + 7) * PT_PER_MM, abs=3)  # 7 mm under the body area


def test_28_characters_a_line(qapp, tmp_path):
    body = "各位委员：\n" + "协" * 60
    pdf, _texts = printed(tmp_path, sheet_input(5, notice_text=body, issued_on=ISSUED), "grid")
    lines = [line.strip() for line in pdf_pages(pdf)[0].splitlines() if "协协" in line]
    assert [len(line) for line in lines] == [LINE_CHARS - 2, LINE_CHARS, 60 - (LINE_CHARS - 2) - LINE_CHARS]
    assert pytest.approx(15600) == CHAR * LINE_CHARS  # 156 mm, in the sheets' 0.01 mm units


def test_without_contact_the_reply_slip_keeps_its_blanks_on_one_line(qapp, tmp_path):
    data = sheet_input(40, issued_on=ISSUED)
    data = SheetInput(meeting(contact_name="", contact_phone=""), data.invitees, data.agenda, data.options)
    printed(tmp_path, data, "blank")
    page = pdf_pages(tmp_path / "blank.pdf")[-1]
    (line,) = [line for line in page.splitlines() if "联系人" in line]
    assert "联系电话" in line  # not wrapped to start the next line with "，联系电话："


def test_font_fallbacks_in_the_order_the_standard_expects():
    """Title: 方正小标宋, then 华文中宋, then 黑体, then Noto CJK; body: 仿宋 (方正/华文 too), then Noto CJK."""
    from models.printing.fonts import CANDIDATES, Face

    title = CANDIDATES[Face.TITLE]
    order = [title.index(name) for name in ("方正小标宋简体", "华文中宋", "SimHei", "Noto Sans CJK SC")]
    assert order == sorted(order)
    body = CANDIDATES[Face.FANGSONG]
    order = [body.index(name) for name in ("FangSong", "方正仿宋_GBK", "华文仿宋", "Noto Serif CJK SC")]
    assert order == sorted(order)
