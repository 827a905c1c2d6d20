"""The 会议通知's section headings ("一、会议时间"): one public rule that the PDF and the Word file share."""

import ast
from pathlib import Path

import pytest

from models.exports import notice_docx
from models.printing import notice
from models.printing.notice_text import SECTION_HEADING

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "heading"), [
    ("一、会议时间", True), ("十二、其他事项", True), ("三、参会人员", True),
    ("一、会议时间：2023年5月18日。", False), ("请各位委员准时参加。", False), ("1、会议时间", False),
])
def test_what_counts_as_a_heading(text, heading):
    assert bool(SECTION_HEADING.match(text)) is heading


def test_the_pdf_and_the_word_file_read_headings_by_the_same_rule():
    assert notice.SECTION_HEADING is SECTION_HEADING and notice_docx.SECTION_HEADING is SECTION_HEADING


@pytest.mark.parametrize("folder", ["models/printing", "models/exports"])
def test_sheets_and_exports_import_no_private_names(folder):
    """A name starting with _ is its module's own business: what two modules share is public."""
    found = []
    for path in sorted((ROOT / folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("models")):
                found += [f"{path.name}: {alias.name}" for alias in node.names
                          if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert found == []
