"""样张: `main.py --demo --sample-documents DIR` writes every sheet, Word document and workbook of one demo
双月协商会 and one bulletin into DIR under its Chinese name, each of which opens; failures exit non-zero
with a Chinese message."""

import os
import shutil
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import docx
import openpyxl
import pytest

from models.errors import DomainError
from models.sample_documents import sample_bulletin, sample_meeting, write_sample_documents
from models.vocab import MeetingStatus

ROOT = Path(__file__).resolve().parents[2]
PDFS = ("签到表", "桌签", "座次表", "会议通知", "参会名单", "议程", "参会证", "政协建言", "议题遴选表",
        "年度协商计划", "一人一档")
WORD = ("会议通知", "政协建言")
WORKBOOKS = ("参会名单", "回执登记表", "议题评分表", "年度协商计划", "年度统计", "履职档案", "人员名单", "委员花名册",
             "意见建议", "意见建议部门答复表")
EXPECTED = {f"{n}.pdf" for n in PDFS} | {f"{n}.docx" for n in WORD} | {f"{n}.xlsx" for n in WORKBOOKS}


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, env=env)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_cli_writes_every_sample_and_each_opens(demo_file, tmp_path):
    out = tmp_path / "样张"  # made by the command
    result = run_main("--demo", "--data-dir", str(demo_file.parent), "--sample-documents", str(out))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == EXPECTED  # nothing missing, no stray temporary files
    assert f"已生成 {len(EXPECTED)} 个样张文件" in result.stdout
    for path in out.glob("*.pdf"):
        assert pdf_pages(path) >= 1, path.name
    for path in out.glob("*.xlsx"):
        workbook = openpyxl.load_workbook(path)
        assert any(ws.max_row > 1 for ws in workbook.worksheets), path.name
    document = docx.Document(str(out / "政协建言.docx"))
    assert any("政协建言" in p.text.replace(" ", "").replace("\u3000", "") for p in document.paragraphs)
    # one page per 桌签 card and per member's 一人一档: the sheets hold the meeting's people, not a stub
    assert pdf_pages(out / "桌签.pdf") > 20
    assert pdf_pages(out / "一人一档.pdf") > 20


def test_the_fullest_held_bimonthly_meeting_and_its_bulletin(demo_database):
    from models.services.meeting_queries import list_meetings

    with demo_database.session() as session:
        meeting = sample_meeting(session)
        bulletin = sample_bulletin(session, meeting.id)
        others = [m for m in list_meetings(session) if m.format_code == "bimonthly"
                  and m.status in (MeetingStatus.HELD, MeetingStatus.ARCHIVED)]
    assert meeting.format_name == "双月协商会"
    assert meeting.invited == max(m.invited for m in others)
    assert len(bulletin.items) >= 5
    assert any(r.meeting_id == meeting.id for r in bulletin.items)


def test_a_database_without_a_held_bimonthly_meeting_says_so(qapp, database, tmp_path):
    with pytest.raises(DomainError, match="没有已召开且有参会人员的双月协商会"):
        write_sample_documents(database, tmp_path / "out")


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_unwritable_folder_exits_1_with_a_chinese_message(qapp, tmp_path, capsys, where):
    from ui.app import write_samples

    blocker = tmp_path / "occupied.txt"
    blocker.write_text("x")
    target = blocker if where == "a file" else blocker / "样张"
    args = Namespace(demo=True, data_dir=str(tmp_path / "data"), database_url=None, sample_documents=str(target))
    assert write_samples(args) == 1
    err = capsys.readouterr().err
    assert "样张未能全部生成" in err and str(target) in err
    assert not (tmp_path / "data" / "consultdesk-demo.sqlite").exists()  # failed before building the demo


def test_cli_unwritable_folder(tmp_path):
    blocker = tmp_path / "occupied.txt"
    blocker.write_text("x")
    result = run_main("--demo", "--data-dir", str(tmp_path / "data"), "--sample-documents", str(blocker / "样张"))
    assert result.returncode == 1
    assert "无法生成样张：无法创建文件夹" in result.stderr
    assert f"（“{blocker}”是文件，不是文件夹）" in result.stderr  # not "(Not a directory)"
    assert "Not a directory" not in result.stderr and "Traceback" not in result.stderr


def _args(demo_file, out) -> Namespace:
    return Namespace(demo=True, data_dir=str(demo_file.parent), database_url=None, sample_documents=str(out))


def test_a_file_that_cannot_be_written_exits_1_and_names_it(qapp, demo_file, tmp_path, capsys):
    from ui.app import write_samples

    out = tmp_path / "样张"
    (out / "会议通知.pdf").mkdir(parents=True)  # a folder where the notice goes: write_whole refuses it
    assert write_samples(_args(demo_file, out)) == 1
    err = capsys.readouterr().err
    assert "样张未能全部生成" in err and "会议通知.pdf" in err and "已有同名文件夹" in err
    assert not (out / "政协建言.pdf").exists()  # stopped there: the run does not claim success


def test_an_unexpected_error_exits_1_without_a_traceback(qapp, demo_file, tmp_path, capsys, monkeypatch):
    import models.exports.bulletin_docx as bulletin_docx
    from ui.app import write_samples

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(bulletin_docx, "export_bulletin_docx", broken)
    assert write_samples(_args(demo_file, tmp_path / "样张")) == 1
    err = capsys.readouterr().err
    assert "样张未能全部生成：程序出错" in err and "boom" in err and "Traceback" not in err
    assert (demo_file.parent / "logs" / "consultdesk.log").read_text(encoding="utf-8").count("生成样张失败") == 1
