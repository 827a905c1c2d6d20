"""An OSError is told in Chinese (不是文件夹, 没有权限, 磁盘已满, 文件名过长 …), never in the system's English,
wherever a file or folder could not be used; one helper (models/os_errors.py) says it."""

import errno
import re
from pathlib import Path

import pytest

from models.errors import DomainError
from models.exports.xlsx_sheets import save_workbook
from models.exports.xlsx_stream import Book
from models.file_output import write_whole
from models.os_errors import REASONS, os_reason
from models.sample_documents import writable_folder

ROOT = Path(__file__).resolve().parents[2]
LATIN = re.compile(r"[A-Za-z]{3,}")  # "Not a directory", "Permission denied"


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_known_errno_in_chinese(code):
    reason = os_reason(OSError(code, "English text"))
    assert reason and "English" not in reason and not LATIN.search(reason)


@pytest.mark.parametrize(("code", "words"), [(errno.ENOTDIR, "不是文件夹"), (errno.EACCES, "没有权限"),
                                             (errno.ENOSPC, "磁盘已满"), (errno.ENAMETOOLONG, "文件名过长"),
                                             (errno.EROFS, "只读文件系统")])
def test_the_common_ones(code, words):
    assert words in os_reason(OSError(code, "x"))


def test_windows_codes_say_more_than_their_errno():
    in_use = OSError(errno.EACCES, "The process cannot access the file")
    in_use.winerror = 32  # what Windows reports for a file open in Excel
    assert "正在被其他程序使用" in os_reason(in_use)
    assert os_reason(OSError(12345, "Something odd")) == "系统错误代码 12345"


def test_not_a_folder_names_the_file_in_the_way(tmp_path):
    blocker = tmp_path / "occupied.txt"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError) as raised:
        (blocker / "样张" / "更深").mkdir(parents=True)
    assert os_reason(raised.value, blocker / "样张" / "更深") == f"“{blocker}”是文件，不是文件夹"
    with pytest.raises(DomainError, match="是一个文件，不是文件夹"):  # the folder itself a file: said before
        writable_folder(blocker)
    with pytest.raises(DomainError) as said:
        writable_folder(blocker / "样张")
    message = said.value.message
    assert f"“{blocker}”是文件，不是文件夹" in message
    assert not LATIN.search(message.replace(str(blocker), "").replace(str(tmp_path), ""))


def test_a_pdf_or_workbook_with_a_name_too_long(tmp_path):
    long = "很" * 300  # 900 bytes: longer than any file system allows a name
    with pytest.raises(DomainError) as said:
        write_whole(b"%PDF", tmp_path / f"{long}.pdf")
    assert "文件名过长" in said.value.message
    assert not LATIN.search(said.value.message.replace(str(tmp_path), "").replace(".pdf", ""))
    book = Book()
    book.create_sheet("表")
    with pytest.raises(DomainError) as said:
        save_workbook(book, tmp_path / f"{long}.xlsx")
    assert "文件名过长" in said.value.message


def test_no_other_place_shows_the_system_text():
    """`error.strerror` (the English text) is read in one place only."""
    users = [str(path.relative_to(ROOT)) for folder in ("models", "ui") for path in (ROOT / folder).rglob("*.py")
             if "strerror" in path.read_text(encoding="utf-8")]
    assert users == ["models/os_errors.py"]
