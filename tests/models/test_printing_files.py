"""Saving and painting: file errors in Chinese without leftovers, worker threads, any paged device."""

import os
import sys
import threading

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageLayout, QPdfWriter

from models.errors import DomainError
from models.printing import SheetKind, render, render_pdf

from .printing_fixtures import pdf_pages, pdf_size, sheet_input, squeeze


def test_missing_folder(qapp, tmp_path):
    target = tmp_path / "不存在的文件夹" / "签到表.pdf"
    with pytest.raises(DomainError) as error:
        render_pdf(SheetKind.SIGN_IN, sheet_input(5), target)
    assert "签到表.pdf" in error.value.message and "不存在" in error.value.message
    assert not target.parent.exists()


@pytest.mark.skipif(sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="needs POSIX permissions that apply to this user")
def test_read_only_folder(qapp, tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DomainError) as error:
            render_pdf(SheetKind.ROSTER, sheet_input(5), folder / "名单.pdf")
        assert "名单.pdf" in error.value.message and "权限" in error.value.message
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_target_is_a_folder(qapp, tmp_path):
    (tmp_path / "议程.pdf").mkdir()
    with pytest.raises(DomainError, match=r"议程\.pdf"):
        render_pdf(SheetKind.AGENDA, sheet_input(5), tmp_path / "议程.pdf")


def test_failed_rename_leaves_no_partial_file(qapp, tmp_path, monkeypatch):
    def refuse(*_args):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "座次表.pdf"
    with pytest.raises(DomainError, match="其他程序"):
        render_pdf(SheetKind.SEATING, sheet_input(5), target)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_replaced_whole(qapp, tmp_path):
    target = tmp_path / "签到表.pdf"
    target.write_bytes(b"old")
    assert render_pdf(SheetKind.SIGN_IN, sheet_input(5), target) == 1
    assert target.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == ["签到表.pdf"]


def test_every_sheet_renders_on_a_worker_thread(qapp, tmp_path):
    results, errors = {}, []

    def work():
        try:
            for kind in SheetKind:
                results[kind] = render_pdf(kind, sheet_input(40), tmp_path / f"{kind.name}.pdf")
        except Exception as error:  # reported below, on the test's thread
            errors.append(error)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    assert not errors and set(results) == set(SheetKind)
    assert all(pages >= 1 for pages in results.values())
    assert "签到表" in squeeze(pdf_pages(tmp_path / "SIGN_IN.pdf")[0])


def test_render_sets_the_device_page_layout(qapp, tmp_path):
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)  # A4 by default; the card stock must replace it
    pages = render(SheetKind.NAME_CARDS, sheet_input(3), writer)
    assert pages == 3
    size = writer.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (210, 140)
    del writer
    path = tmp_path / "cards.pdf"
    path.write_bytes(bytes(buffer.data()))
    assert pdf_size(path)[1] == pytest.approx(397, abs=0.5)


def test_pdf_text_is_real_chinese(qapp, tmp_path):
    """Characters whose glyph a font shares with a radical (长, 生, 月 …) are extracted as themselves."""
    path = tmp_path / "签到表.pdf"
    render_pdf(SheetKind.SIGN_IN, sheet_input(40), path)
    text = "".join(pdf_pages(path))
    assert "社区卫生服务体系" in text and "5月18日" in text and "副院长" in text
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]
    assert "14:00" in text  # digits survive as text too


def test_unwritable_folder_message(qapp, tmp_path, monkeypatch):
    """Whatever refuses the file (permissions, a read-only share), the user reads why, in Chinese."""
    from models import file_output

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(file_output, "open", refuse, raising=False)
    with pytest.raises(DomainError) as error:
        render_pdf(SheetKind.NOTICE, sheet_input(5), tmp_path / "通知.pdf")
    assert "通知.pdf" in error.value.message and "权限" in error.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_layout_from_another_thread_is_refused_not_painted(qapp, tmp_path):
    """Text laid out on a thread that has ended holds freed font engines: painting it crashed the program
    in QPainter.end() (a 0-byte PDF left behind). paint() refuses it instead."""
    from models.printing.output import WrongThreadError, build, paint

    made = {}

    def lay_out() -> None:
        made["document"] = build(SheetKind.SIGN_IN, sheet_input(30))

    worker = threading.Thread(target=lay_out)
    worker.start()
    worker.join()
    target = tmp_path / "签到表.pdf"
    writer = QPdfWriter(str(target))
    with pytest.raises(WrongThreadError):
        paint(made["document"], writer)
    del writer
    assert not target.exists() or target.stat().st_size == 0
    assert paint(build(SheetKind.SIGN_IN, sheet_input(30)), QPdfWriter(str(tmp_path / "此线程.pdf"))) >= 1
