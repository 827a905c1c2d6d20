"""--self-test DIR: one printed sheet, one workbook and one Word document of the (demo) database, read back.

A package's smoke test (CI, and an office that wants to know an installation works): the three files come
from the same builders as the 样张 (models/sample_documents.py), so printing, openpyxl and python-docx are
proved to work inside the bundle — its fonts, data files and templates included — not merely imported.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from models.errors import DomainError

# One of each kind the office opens: a PDF from QPdfWriter, a workbook, a Word document.
FILES = ("会议通知.pdf", "参会名单.xlsx", "会议通知.docx")


@dataclass(frozen=True)
class Checked:
    path: Path
    summary: str  # "2 页", "工作表 1 个，共 31 行", "段落 40 个": what reading it back found


def pdf_pages(path: Path) -> int:
    """The page count of a PDF as QPdfWriter writes it (uncompressed object dictionaries); DomainError when
    the file is not a complete PDF."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise DomainError(f"自检失败：“{path.name}”不是完整的 PDF 文件。")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    if pages == 0:
        raise DomainError(f"自检失败：“{path.name}”中没有页面。")
    return pages


def check_workbook(path: Path) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        # counted, not max_row: a streamed workbook may carry no <dimension> for read-only mode to trust
        rows = sum(1 for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) if any(row))
        if rows == 0:
            raise DomainError(f"自检失败：“{path.name}”是空表格。")
        return f"工作表 {len(workbook.worksheets)} 个，共 {rows} 行"
    finally:
        workbook.close()


def check_document(path: Path) -> str:
    import docx

    paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    if not paragraphs:
        raise DomainError(f"自检失败：“{path.name}”中没有文字。")
    return f"有文字的段落 {len(paragraphs)} 个"


def check_file(path: Path) -> Checked:
    if not path.is_file() or path.stat().st_size == 0:
        raise DomainError(f"自检失败：没有生成“{path.name}”。")
    if path.suffix == ".pdf":
        return Checked(path, f"{pdf_pages(path)} 页")
    if path.suffix == ".xlsx":
        return Checked(path, check_workbook(path))
    return Checked(path, check_document(path))


def run_self_test(database, folder) -> list[Checked]:
    """Write FILES of the sample meeting into `folder` and read each back; DomainError (Chinese) on any
    failure, including a database without a held meeting (use --demo)."""
    from models.sample_documents import meeting_samples, sample_meeting, writable_folder

    target = writable_folder(folder)
    with database.session() as session:
        samples = {s.file_name: s for s in meeting_samples(session, sample_meeting(session))}
        for name in FILES:
            samples[name].write(target / name)
    return [check_file(target / name) for name in FILES]


__all__ = ["FILES", "Checked", "check_file", "pdf_pages", "run_self_test"]
