"""Long sheets lay each distinct text out once (per column width), never once per cell, and the sheet is the same.

A 400-person 签到表 laid out every cell (and measured every name a second time to shrink it) and took 2.6× as
long as painting the same cells directly; 桌签 laid each name out twice, once per face.
"""

from collections import Counter

import pytest

from models.printing import SheetKind, layout, render_pdf, sign_in
from models.printing.output import build
from models.printing.table import Column, Table

from .printing_fixtures import person, render_pages, sheet_input, squeeze


@pytest.fixture
def made(monkeypatch) -> Counter:
    """How many text layouts each text got."""
    counts: Counter = Counter()
    original = layout.TextBlock.__init__

    def counting(self, text, *args, **kwargs):
        counts[text] += 1
        original(self, text, *args, **kwargs)

    monkeypatch.setattr(layout.TextBlock, "__init__", counting)
    return counts


def test_a_long_sign_in_sheet_lays_out_each_distinct_cell_once(qapp, made):
    data = sheet_input(400)
    cells = [row.cells for row in sign_in.rows(sign_in.listed(data.invitees), None)]
    distinct = sum(len({row[i] for row in cells}) for i in range(len(sign_in.COLUMNS)))
    document = build(SheetKind.SIGN_IN, data)
    assert len(cells) == 395
    # a cell set on two lines between words (单位及职务, 界别) is laid out once more, as set
    wrapped = len({text for row in document.tables[0].rows for text in row.texts if "\n" in text})
    assert 5 <= wrapped <= 20
    # every distinct cell once (a 界别 too wide for its column three times: too wide, measured, shrunk),
    # plus the column titles, the title block and the 应到 line; it was about 2,800
    assert sum(made.values()) <= distinct + wrapped + 20
    assert max(made.values()) <= 3
    assert made["区政协副主席"] == 1 and made[""] == 2  # a repeated 单位及职务; empty 签名 and 备注 cells


def test_a_repeated_long_name_is_measured_once_and_shrunk_alike(qapp, made, tmp_path):
    long = "阿依古丽·买买提"
    people = [person(i, long if i % 2 else f"张{i:03d}") for i in range(1, 41)]
    _pages, texts = render_pages(SheetKind.SIGN_IN, sheet_input(people=people), tmp_path)
    assert made[long] <= 3  # laid out at 14 pt to find it too wide, measured, then at its fitted size
    text = squeeze("".join(texts))
    assert text.count("阿依古丽·") == text.count("买买提") == 20  # each broken after its "·", as before


def test_fitted_sizes_match_an_uncached_table(qapp):
    """The cache returns what fitting afresh gives: the same size or the same break after "·"."""
    column = Column("姓名", 25, shrink_to=10.5, points=14)
    names = ["王五", "欧阳明月", "阿依古丽·买买提", "穆罕默德·阿卜杜拉·艾合买提"]
    cached = Table([column])
    for name in names * 2:
        assert cached._fit(name, column) == Table([column])._fit(name, column)
    tiny = Column("姓名", 12, shrink_to=10.5, points=14)
    assert Table([tiny])._fit(names[2], tiny) == ("阿依古丽·\n买买提", 10.5)


def test_each_document_makes_its_own_layouts(qapp, made):
    """Layouts hold their thread's font engines: one document's are never reused by the next."""
    data = sheet_input(60)
    build(SheetKind.SIGN_IN, data)
    first = sum(made.values())
    build(SheetKind.SIGN_IN, data)
    assert sum(made.values()) == 2 * first


def test_name_cards_lay_each_name_out_once_for_both_faces(qapp, made, tmp_path):
    data = sheet_input(200)
    build(SheetKind.NAME_CARDS, data)
    names = Counter(p.name for p in data.invitees)
    assert sum(made.values()) == len(names)
    path = tmp_path / "cards.pdf"
    assert render_pdf(SheetKind.NAME_CARDS, data, path) == 200

