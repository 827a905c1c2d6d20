"""会议通知 as PDF: official-document layout, the body (default or edited), the 回执 on its own page."""

from datetime import date
from itertools import pairwise

import pytest

from models.printing import SheetKind, default_notice_text, render_pdf

from .printing_fixtures import in_order, invitees, pdf_words, render_pages, sheet_input, squeeze

MM = 72 / 25.4
REPLY_HEADERS = ("姓名", "单位及职务", "是否参加", "备注")


@pytest.mark.parametrize("count", [1, 40, 400])
def test_notice_and_reply_slip(qapp, tmp_path, count):
    data = sheet_input(count, issued_on=date(2023, 4, 25))
    pages, text = render_pages(SheetKind.NOTICE, data, tmp_path)
    # The default body runs to about 25 lines of 三号仿宋 (22 a page), so two pages; the 回执 is a third.
    assert pages == 3
    first = squeeze(text[0])
    assert first.startswith("关于召开“完善社区卫生服务体系”专题双月协商会的通知")
    body = default_notice_text(data.meeting, data.invitees, data.agenda, data.options).split("\n")
    in_order([line[:12] for line in body] + ["区政协办公室", "2023年4月25日"], text[:-1])
    last = squeeze(text[-1])
    in_order(["附件", "会议回执", "会议名称：“完善社区卫生服务体系”专题双月协商会", *REPLY_HEADERS,
              "请于5月15日前将回执报送区政协办公室", "联系人：陈晓燕，联系电话：0571-86012345"], text[-1:])
    assert last.endswith(f"—{pages}—")


def test_addressee_follows_who_is_invited(qapp, tmp_path):
    members = [p for p in invitees(40) if p.member_role]
    _pages, text = render_pages(SheetKind.NOTICE, sheet_input(people=members), tmp_path, "a.pdf")
    assert "各位委员：经研究" in squeeze(text[0])
    _pages, text = render_pages(SheetKind.NOTICE, sheet_input(40), tmp_path, "b.pdf")
    assert "各位委员，各有关单位：经研究" in squeeze(text[0])


def test_edited_text_is_printed_as_given(qapp, tmp_path):
    edited = "各位常委：\n兹定于5月18日下午召开常委会议，请准时出席。\n\n特此通知。"
    data = sheet_input(40, notice_text=edited, issuer="区政协办公室（代章）", issued_on=date(2023, 5, 8))
    pages, text = render_pages(SheetKind.NOTICE, data, tmp_path)
    assert pages == 2
    first = squeeze(text[0])
    assert "各位常委：兹定于5月18日下午召开常委会议，请准时出席。特此通知。" in first
    assert "各位委员" not in first and "一、会议时间" not in first
    assert "区政协办公室（代章）2023年5月8日" in first


def test_document_margins(qapp, tmp_path):
    path = tmp_path / "notice.pdf"
    render_pdf(SheetKind.NOTICE, sheet_input(40, issued_on=date(2023, 4, 25)), path)
    words = pdf_words(path)[0]
    bottom = (297 - 35) * MM
    body = [w for w in words if w[2] < bottom]
    footer = [w for w in words if w[2] >= bottom]
    assert squeeze("".join(w[0] for w in footer)) == "—1—"
    assert min(w[1] for w in body) == pytest.approx(28 * MM, abs=2)  # left margin 28 mm
    assert max(w[3] for w in body) <= (210 - 26) * MM + 1  # right margin 26 mm
    assert min(w[2] for w in body) >= 35 * MM  # title at the top of the 37 mm margin's body area
    assert max(w[4] for w in body) <= bottom + 1  # bottom margin 35 mm
    lines = sorted({round(w[2], 1) for w in body if w[2] > 80 * MM})
    pitch = (297 - 37 - 35) / 22 * MM  # 22 lines a page
    assert all(abs((b - a) / pitch - round((b - a) / pitch)) < 0.05 for a, b in pairwise(lines))
