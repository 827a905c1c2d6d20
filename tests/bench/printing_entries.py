"""pdf_sign_in_400 and pdf_cards_200: the 签到表 and 桌签 PDFs beside QPdfWriter painting the same cells
(tests/bench/bare_pdf.py). Part of `python -m tests.bench limits`."""

import time
from collections.abc import Callable

from tests.bench.limits import Entry


def printing_entries() -> dict[str, Entry]:
    from PySide6.QtWidgets import QApplication

    from models.printing import SheetKind
    from models.printing.output import pdf_bytes
    from tests.bench import bare_pdf
    from tests.models.printing_fixtures import sheet_input

    QApplication.instance() or QApplication([])

    def timed(make: Callable[[], object]) -> float:
        start = time.perf_counter()
        make()
        return (time.perf_counter() - start) * 1000

    invitees, cards = sheet_input(400), sheet_input(200)
    return {
        "pdf_sign_in_400": Entry("400 人", lambda: timed(lambda: pdf_bytes(SheetKind.SIGN_IN, invitees)),
                                 lambda: timed(lambda: bare_pdf.sign_in_pdf(invitees))),
        "pdf_cards_200": Entry("200 张", lambda: timed(lambda: pdf_bytes(SheetKind.NAME_CARDS, cards)),
                               lambda: timed(lambda: bare_pdf.cards_pdf(cards))),
    }
