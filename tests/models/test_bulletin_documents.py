"""《政协建言》 as PDF and as Word: the demo's 2023年第1期, a 12-recommendation bulletin built through the
services (the .docx reopened with python-docx, the same content in the PDF), an empty bulletin, the
numbering rules, and file errors in Chinese."""

import dataclasses
from datetime import date
from itertools import pairwise

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from models.errors import DomainError
from models.exports.bulletin_docx import (
    HEADING,
    INTRO,
    ITEM,
    TEXT,
    chinese_number,
    export_bulletin_docx,
    numbered_outline,
    recipient_lines,
)
from models.exports.bulletin_text import recipient_parts
from models.printing import bulletin_layout, render_bulletin, render_bulletin_pdf
from models.printing.bulletin import title_lines
from models.printing.notice import GEOMETRY
from models.services.recommendation_queries import BulletinRow, RecommendationRow, get_bulletin, list_bulletins
from models.services.recommendations import (
    add_aspect,
    add_instruction,
    add_recommendation,
    create_bulletin,
    merge_duplicate,
)
from models.vocab import RecommendationSource

from .printing_fixtures import in_order, pdf_page_count, pdf_pages, pdf_size, pdf_words, squeeze

A4_PORTRAIT_PT = (595.28, 841.89)
RECIPIENTS = "区委、区政府主要领导，区委、区政府分管领导"
ASPECTS = ("健全养老服务网络", "扩大普惠托育供给", "加强为老为小人才支撑", "完善政策保障机制")
INSTRUCTION = "请区民政局牵头认真研究吸纳"


def demo_issue(demo_database, issue_no: int) -> BulletinRow:
    with demo_database.session() as session:
        return next(b for b in list_bulletins(session, year=2023) if b.issue_no == issue_no)


def expected_lines(bulletin: BulletinRow) -> list[str]:
    """What the body must say, worked out from the rows themselves (not from numbered_outline)."""
    lines, aspects = [], {}
    for rec in bulletin.items:
        aspects.setdefault(rec.aspect_name, []).append(rec)
    for number, (aspect, recs) in enumerate(aspects.items(), start=1):
        lines.append(f"{chinese_number(number)}、{aspect}")
        lines += [f"（{chinese_number(i)}）{rec.title}。" for i, rec in enumerate(recs, start=1)]
    return lines


def test_demo_bulletin_as_pdf(qapp, demo_database, tmp_path):
    bulletin = demo_issue(demo_database, 1)
    assert bulletin.instructions  # issue 1 has a leader's instruction, which is not printed
    path = tmp_path / "政协建言2023年第1期.pdf"
    pages = render_bulletin_pdf(bulletin, path)
    assert pages == pdf_page_count(path) >= 1
    assert pdf_size(path) == pytest.approx(A4_PORTRAIT_PT, abs=0.05)
    text = pdf_pages(path)
    lines = expected_lines(bulletin)
    assert lines[:2] == ["一、优化商业空间布局", "（一）加快老旧商业街区更新改造。"]
    assert sum(line.startswith("（一）") for line in lines) == 4  # restarts under each of the 4 aspects
    in_order(["政协建言", "2023年第1期", "区政协办公室", "2023年4月6日", "关于打造中心城区消费新高地的意见建议",
              bulletin.introduction[:20], *lines, "报：" + RECIPIENTS], text)
    assert squeeze(text[0]).startswith("政协建言2023年第1期区政协办公室2023年4月6日")
    everything = squeeze("".join(text))
    for instruction in bulletin.instructions:
        assert squeeze(instruction.content)[:12] not in everything
        assert instruction.leader_name not in everything
    for number, page in enumerate(text, start=1):  # GB/T 9704 page numbers, not "第 X 页 共 Y 页"
        assert squeeze(page).endswith(f"—{number}—") and "页共" not in squeeze(page)


def add_aspects(session, aspects, *, tail: str = "") -> list[int]:
    """Three recommendations "第a方面第r条建议" under each aspect (2024, from proposals); their ids."""
    ids = []
    for a, aspect in enumerate(aspects, start=1):
        aspect_id = add_aspect(session, aspect, source_kind=RecommendationSource.PROPOSAL, year=2024)
        for r in range(1, 4):
            ids.append(add_recommendation(
                session, title=f"第{a}方面第{r}条建议", year=2024, aspect_id=aspect_id,
                source_kind=RecommendationSource.PROPOSAL,
                content=f"建议内容{a}-{r}：有关部门要加强统筹协调，细化工作措施，明确责任分工和完成时限，"
                        f"定期通报进展情况，确保各项举措落地见效{tail}。"))
    return ids


@pytest.fixture
def twelve(database):
    """12 recommendations under 4 aspects, plus a merged duplicate and a leader's instruction."""
    with database.session() as session:
        ids = add_aspects(session, ASPECTS)
        duplicate = add_recommendation(session, title="重复的建议", content="与第一条相同的内容。", year=2024,
                                       source_kind=RecommendationSource.PROPOSAL)
        merge_duplicate(session, ids[0], duplicate)
        bulletin_id = create_bulletin(
            session, year=2024, issue_no=3, title="关于加强“一老一小”服务保障的意见建议",
            issued_on=date(2024, 5, 20), recipients=RECIPIENTS,
            introduction="5月8日，区政协召开专题协商会。\n现将委员们提出的意见建议整理如下。",
            recommendation_ids=[*ids, duplicate])
        add_instruction(session, bulletin_id=bulletin_id, leader_name="王建国", instructed_on=date(2024, 5, 25),
                        content=INSTRUCTION)
    with database.session() as session:
        return get_bulletin(session, bulletin_id)


def body_texts(bulletin: BulletinRow) -> list[str]:
    intro = ["5月8日，区政协召开专题协商会。", "现将委员们提出的意见建议整理如下。"]
    lines = []
    for a, aspect in enumerate(ASPECTS, start=1):
        lines.append(f"{chinese_number(a)}、{aspect}")
        for r in range(1, 4):
            lines.append(f"（{chinese_number(r)}）第{a}方面第{r}条建议。")
            lines.append(next(rec.content for rec in bulletin.items if rec.title == f"第{a}方面第{r}条建议"))
    return intro + lines


def test_twelve_recommendations_as_docx(twelve, tmp_path):
    path = tmp_path / "专报.docx"
    assert export_bulletin_docx(twelve, path) == path
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    body = body_texts(twelve)
    assert texts[:4] == ["政协建言", "2024年第3期", "区政协办公室\t2024年5月20日",
                         "关于加强“一老一小”服务保障的意见建议"]
    assert texts[4:4 + len(body)] == body
    assert [t for t in texts[4 + len(body):] if t] == []  # the 版记 is the one table, then its anchor
    assert not any("重复" in t or INSTRUCTION in t for t in texts)
    (record,) = document.tables
    assert [cell.text for row in record.rows for cell in row.cells] == ["报：" + RECIPIENTS,
                                                                        "区政协办公室\t2024年5月20日印发"]
    position = record._tbl.tblPr.find(docx.oxml.ns.qn("w:tblpPr"))
    assert position.get(docx.oxml.ns.qn("w:tblpYSpec")) == "bottom"  # at the foot of the page
    assert document.paragraphs[3 + len(body)].paragraph_format.keep_with_next  # with the last body lines

    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["一、健全养老服务网络"] == "Heading 1"
    assert styles["（三）第4方面第3条建议。"] == "Heading 2"
    assert styles[body[-1]] == "Normal"
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert east_asian(normal) in ("仿宋", "FangSong")
    assert east_asian(document.styles["Heading 1"]) in ("黑体", "SimHei")
    assert east_asian(document.styles["Heading 2"]) in ("楷体", "KaiTi")
    assert east_asian(document.styles["专报报头"]) == east_asian(document.styles["专报标题"]) == "方正小标宋简体"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)  # 22 lines in 225 mm, as the PDF
    assert normal.paragraph_format.first_line_indent == Pt(32)  # two characters
    masthead = document.paragraphs[0]
    assert str(masthead.style.font.color.rgb) == "D40000"
    spacing = masthead.style.element.rPr.find(docx.oxml.ns.qn("w:spacing"))
    assert spacing.get(docx.oxml.ns.qn("w:val")) == "288"  # 0.3 em of 48 pt between characters, as in the PDF
    assert document.paragraphs[2]._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None  # the red rule

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37.0, 35.0, 28.0, 26.0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "—  —"  # the PAGE field (not in .text) between the 一字线
    assert "PAGE" in odd._p.xml and "NUMPAGES" not in odd._p.xml
    assert (odd.paragraph_format.alignment, even.paragraph_format.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT,
                                                                                 WD_ALIGN_PARAGRAPH.LEFT)


def east_asian(style) -> str:
    return style.element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia"))


def test_twelve_recommendations_as_pdf_say_the_same(qapp, twelve, tmp_path):
    path = tmp_path / "专报.pdf"
    pages = render_bulletin_pdf(twelve, path)
    assert pages == pdf_page_count(path) >= 2
    text = pdf_pages(path)
    # Content paragraphs wrap and may run onto the next page: their start is enough to place them.
    body = [line if line[:1] in "一二三四（" else line[:10] for line in body_texts(twelve)]
    in_order(["政协建言", "2024年第3期", "区政协办公室", "2024年5月20日", "关于加强“一老一小”服务保障的意见建议",
              *body, "报：" + RECIPIENTS, "区政协办公室", "2024年5月20日印发"], text)
    everything = squeeze("".join(text))
    assert "重复的建议" not in everything and INSTRUCTION not in everything
    docx_path = tmp_path / "专报.docx"
    export_bulletin_docx(twelve, docx_path)
    outline = [number + words for _, number, words in numbered_outline(twelve)]
    assert [p.text for p in docx.Document(str(docx_path)).paragraphs][4:4 + len(outline)] == outline


def test_empty_bulletin_prints_its_introduction(qapp, database, tmp_path):
    with database.session() as session:
        bulletin_id = create_bulletin(session, year=2024, issue_no=9, title="关于近期委员履职情况的报告",
                                      issued_on=None, introduction="本期刊登委员履职情况，暂无意见建议。")
    with database.session() as session:
        bulletin = get_bulletin(session, bulletin_id)
    path = tmp_path / "空.pdf"
    assert render_bulletin_pdf(bulletin, path) == pdf_page_count(path) == 1
    (text,) = pdf_pages(path)
    in_order(["政协建言", "2024年第9期", "区政协办公室", "关于近期委员履职情况的报告", "本期刊登委员履职情况"], [text])
    assert "一、" not in text and "报：" not in text and "年月日" not in squeeze(text)
    export_bulletin_docx(bulletin, tmp_path / "空.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "空.docx")).paragraphs]
    assert texts == ["政协建言", "2024年第9期", "区政协办公室", "关于近期委员履职情况的报告",
                     "本期刊登委员履职情况，暂无意见建议。"]


def rec(rec_id: int, title: str, aspect_id: int | None = None, aspect: str = "", **changes) -> RecommendationRow:
    values = {f.name: None for f in dataclasses.fields(RecommendationRow)}
    values.update(id=rec_id, version=1, year=2024, source_kind="会议", source_label="", aspect_id=aspect_id,
                  aspect_name=aspect, aspect_position=0, position=rec_id, title=title, content=f"内容{rec_id}",
                  proposers="", proposer_ids=(), target_org="", status="提出", outcome="", reply_text="",
                  feedback_text="", lookback_note="", history=())
    values.update(changes)
    return RecommendationRow(**values)


def bulletin_of(items, **changes) -> BulletinRow:
    values = dict(id=1, version=1, year=2024, issue_no=1, kind="政协建言", title="关于测试的意见建议",
                  issued_on=date(2024, 1, 5), recipients="", introduction="", meeting_id=None, items=tuple(items),
                  instructions=())
    values.update(changes)
    return BulletinRow(**values)


def test_outline_groups_numbers_and_leaves_out():
    items = [rec(1, "甲建议", 7, "第一方面"), rec(2, "无方面建议"), rec(3, "乙建议；", 8, "第二方面"),
             rec(4, "丙建议？", 7, "第一方面"), rec(5, "合并掉的建议", 8, "第二方面", duplicate_of_id=3)]
    outline = numbered_outline(bulletin_of(items, introduction="第一段。\n\n第二段。"))
    assert outline == [
        (INTRO, "", "第一段。"), (INTRO, "", "第二段。"),
        (HEADING, "一、", "第一方面"), (ITEM, "（一）", "甲建议。"), (TEXT, "", "内容1"),
        (ITEM, "（二）", "丙建议？"), (TEXT, "", "内容4"),
        (HEADING, "二、", "第二方面"), (ITEM, "（一）", "乙建议。"), (TEXT, "", "内容3"),
        (ITEM, "（一）", "无方面建议。"), (TEXT, "", "内容2"),  # no aspect: at the end, under no heading
    ]
    many = [rec(i, f"建议{i}", 100 + i, f"方面{i}") for i in range(1, 13)]
    numbers = [number for level, number, _ in numbered_outline(bulletin_of(many)) if level == HEADING]
    assert numbers[9:] == ["十、", "十一、", "十二、"]
    assert [chinese_number(n) for n in (1, 10, 19, 20, 21, 35)] == ["一", "十", "十九", "二十", "二十一", "三十五"]


def test_long_title_breaks_between_phrases(qapp):
    width = GEOMETRY.content_width
    assert title_lines("关于打造中心城区消费新高地的意见建议", width) == "关于打造中心城区消费新高地的意见建议"
    assert title_lines("关于优化营商环境 助力民营经济高质量发展的意见建议", width) == \
        "关于优化营商环境\n助力民营经济高质量发展的意见建议"


def test_layout_and_printer_device(qapp, demo_database):
    layout = bulletin_layout(demo_issue(demo_database, 1))
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    assert render_bulletin(demo_issue(demo_database, 2), writer, issuer="区政协研究室") >= 2
    assert writer.pageLayout().orientation() == QPageLayout.Orientation.Portrait


def test_file_errors_in_chinese_and_no_partial_file(qapp, demo_database, tmp_path):
    bulletin = demo_issue(demo_database, 1)
    for write, name in ((render_bulletin_pdf, "专报.pdf"), (export_bulletin_docx, "专报.docx")):
        target = tmp_path / "没有的文件夹" / name
        with pytest.raises(DomainError, match=r"文件夹.*不存在"):
            write(bulletin, target)
        assert not target.parent.exists()
        (tmp_path / name).mkdir()
        with pytest.raises(DomainError, match="同名文件夹"):
            write(bulletin, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["专报.docx", "专报.pdf"]  # no temp files


def test_official_margins_and_line_grid(qapp, demo_database, tmp_path):
    path = tmp_path / "专报.pdf"
    render_bulletin_pdf(demo_issue(demo_database, 1), path)
    mm = 72 / 25.4
    bottom = (297 - 35) * mm
    for page in pdf_words(path)[:2]:
        # The masthead's 48 pt glyph boxes reach above its ink, which starts at the 37 mm margin.
        body = [w for w in page if w[2] < bottom and squeeze(w[0]) not in "政协建言"]
        assert min(w[1] for w in body) == pytest.approx(28 * mm, abs=2)  # left margin 28 mm
        assert max(w[3] for w in body) <= (210 - 26) * mm + 1  # right margin 26 mm
        assert min(w[2] for w in body) >= 35 * mm and max(w[4] for w in body) <= bottom + 1
        lines = sorted({round(w[2], 1) for w in body if w[2] > 100 * mm})
        pitch = (297 - 37 - 35) / 22 * mm  # 22 lines a page
        assert all(abs((b - a) / pitch - round((b - a) / pitch)) < 0.05 for a, b in pairwise(lines))


def test_title_only_repeating_the_content_prints_once_as_body():
    pasted = "建议推动养老托育服务数字化。依托区城市大脑建设服务平台。"  # split_line(): first sentence + whole line
    cut = "建议" + "甲" * 40 + "。其余内容。"
    items = [rec(1, "建议推动养老托育服务数字化", 7, "第一方面", content=pasted),
             rec(2, "建议" + "甲" * 38 + "…", 7, "第一方面", content=cut),  # a long first sentence, shortened
             rec(3, "短标题", 7, "第一方面", content="短标题"),  # a line with no sentence end at all
             rec(4, "资金保障", 7, "第一方面", content="统筹专项资金。\n1、支持社区设施；\n(2)补贴运营。")]
    assert numbered_outline(bulletin_of(items)) == [
        (HEADING, "一、", "第一方面"),
        (TEXT, "（一）", pasted), (TEXT, "（二）", cut), (TEXT, "（三）", "短标题"),
        (ITEM, "（四）", "资金保障。"), (TEXT, "", "统筹专项资金。"), (TEXT, "", "1.支持社区设施；"),
        (TEXT, "", "（2）补贴运营。"),  # GB/T 9704's third and fourth levels
    ]


def test_recipient_lines_one_per_kind():
    assert recipient_lines("区委、区政府主要领导") == ["报：区委、区政府主要领导"]
    assert recipient_lines("报：区委主要领导　送：区人大常委会；抄送：区法院") == [
        "报：区委主要领导", "送：区人大常委会", "抄送：区法院"]
    assert recipient_lines("报：甲\n送：乙") == ["报：甲", "送：乙"]
    assert [recipient_parts(line)[0] for line in ("报：甲", "抄送：乙", "区委")] == ["报：", "抄送：", ""]
