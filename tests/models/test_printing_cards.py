"""桌签 as PDF: card size, one card per page or two per A4, the name on both faces, 2-character names spread."""

import math

import pytest

from models.errors import DomainError
from models.printing import SheetKind, page_layout, render_pdf
from models.printing.sheet_input import SheetInput

from .printing_fixtures import invitees, pdf_page_count, pdf_size, pdf_words, person, sheet_input, squeeze

MM = 72 / 25.4  # points


def faces(words, top: float, height: float) -> tuple[str, str]:
    """(far face, near face) of the card whose top is at `top` pt: the far one reads right to left on paper."""
    upper = [w for w in words if top <= w[2] and w[4] <= top + height / 2]
    lower = [w for w in words if top + height / 2 <= w[2] and w[4] <= top + height]
    far = "".join(w[0] for w in sorted(upper, key=lambda w: -w[1]))
    near = "".join(w[0] for w in sorted(lower, key=lambda w: w[1]))
    return squeeze(far), squeeze(near)


@pytest.mark.parametrize("count", [1, 40, 400])
def test_card_stock_one_card_per_page(qapp, tmp_path, count):
    people = invitees(count)
    path = tmp_path / "cards.pdf"
    assert render_pdf(SheetKind.NAME_CARDS, sheet_input(people=people), path) == count
    assert pdf_page_count(path) == count
    width, height = pdf_size(path)
    assert (round(width, 2), round(height, 2)) == (595.28, 396.85)  # 210 × 140 mm
    for person_, words in zip(people, pdf_words(path), strict=True):
        assert faces(words, 0, height) == (person_.name, person_.name)  # both faces: each name twice


@pytest.mark.parametrize("count", [1, 40, 400])
def test_two_cards_per_a4(qapp, tmp_path, count):
    people = invitees(count)
    path = tmp_path / "cards.pdf"
    assert render_pdf(SheetKind.NAME_CARDS, sheet_input(people=people, card_stock=False), path) == math.ceil(count / 2)
    width, height = pdf_size(path)
    assert (round(width, 1), round(height, 1)) == (595.3, 841.9)  # A4
    top = (297 - 280) / 2 * MM
    pages = pdf_words(path)
    for index, person_ in enumerate(people):
        words = pages[index // 2]
        assert faces(words, top + (index % 2) * 140 * MM, 140 * MM) == (person_.name, person_.name)


def test_two_character_names_take_the_width_of_three(qapp, tmp_path):
    people = [person(1, "张伟"), person(2, "张大伟")]
    path = tmp_path / "cards.pdf"
    render_pdf(SheetKind.NAME_CARDS, sheet_input(people=people), path)
    two, three = pdf_words(path)
    near_two = sorted((w for w in two if w[2] > 70 * MM), key=lambda w: w[1])
    near_three = [w for w in three if w[2] > 70 * MM]
    assert [w[0] for w in near_two] == ["张", "伟"]  # spread apart: two words
    glyph = near_two[0][3] - near_two[0][1]
    assert 30 * MM <= glyph <= 40 * MM  # very large type
    gap = near_two[1][1] - near_two[0][3]
    assert gap == pytest.approx(glyph, rel=0.1)  # an empty character's width between them
    assert near_two[0][1] == pytest.approx(min(w[1] for w in near_three), abs=1)
    assert near_two[-1][3] == pytest.approx(max(w[3] for w in near_three), abs=1)


def test_long_names_shrink_to_fit_the_card(qapp, tmp_path):
    people = [person(1, "阿依古丽·买买提"), person(2, "=SUM(A1)"), person(3, "刘䶮")]
    path = tmp_path / "cards.pdf"
    render_pdf(SheetKind.NAME_CARDS, sheet_input(people=people), path)
    width, height = pdf_size(path)
    pages = pdf_words(path)
    for person_, words in zip(people, pages, strict=True):
        assert faces(words, 0, height) == (squeeze(person_.name), squeeze(person_.name))
        assert all(w[1] >= 5 * MM and w[3] <= width - 5 * MM for w in words)  # nothing runs off the card


def test_page_layouts(qapp):
    data = sheet_input(3)
    card = page_layout(SheetKind.NAME_CARDS, data).fullRect(page_layout(SheetKind.NAME_CARDS, data).Unit.Millimeter)
    assert (round(card.width()), round(card.height())) == (210, 140)
    a4 = sheet_input(3, card_stock=False)
    for kind in SheetKind:
        if kind != SheetKind.NAME_CARDS:
            rect = page_layout(kind, data).fullRect(page_layout(kind, data).Unit.Millimeter)
            assert (round(rect.width()), round(rect.height())) == (210, 297)
    rect = page_layout(SheetKind.NAME_CARDS, a4).fullRect(page_layout(SheetKind.NAME_CARDS, a4).Unit.Millimeter)
    assert (round(rect.width()), round(rect.height())) == (210, 297)


def test_no_cards_without_people(qapp, tmp_path):
    data = sheet_input(people=[])
    with pytest.raises(DomainError, match="桌签"):
        render_pdf(SheetKind.NAME_CARDS, SheetInput(data.meeting, [], [], data.options), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
