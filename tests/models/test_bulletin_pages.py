"""《政协建言》 looked at as pages: a 12-recommendation bulletin printed to PDF and its .docx printed by
LibreOffice, both turned into PNG pages and measured — the page count, the 版记 between its rules at the
foot of the last page, body text on that page too, page numbers "— N —", nothing printed twice (a line
pasted without "标题：内容" included). And the 版记 never alone, wherever the body happens to end."""

import re
from datetime import date

import pytest

from models.exports.bulletin_docx import export_bulletin_docx
from models.printing import render_bulletin_pdf
from models.printing.notice import GEOMETRY
from models.services.recommendation_entry import Source, paste_recommendations
from models.services.recommendation_queries import get_bulletin
from models.services.recommendations import add_aspect, create_bulletin
from models.vocab import RecommendationSource

from .page_images import libreoffice_pdf, measure, png_pages
from .printing_fixtures import pdf_page_count, pdf_pages, pdf_words, squeeze
from .test_bulletin_documents import add_aspects, bulletin_of, rec

RECIPIENTS = "报：区委、区政府主要领导，区委、区政府分管领导\n送：区人大常委会、区法院、区检察院"
ASPECTS = ("健全养老服务网络", "扩大普惠托育供给", "加强为老为小人才支撑")
# Pasted without "标题：内容": the first sentence becomes the title and the whole line the content.
PASTED = ("建议推动养老托育服务数字化。依托区城市大脑建设养老托育服务平台，实现床位、托位、服务项目一网查询、"
          "一键预约，定期发布服务质量评价结果。",
          "建议建立养老托育服务质量监测制度。由区民政局、区卫生健康委联合制定监测指标，每半年开展一次服务质量"
          "第三方评估，评估结果与运营补贴挂钩。",
          "资金保障：统筹福利彩票公益金和一般公共预算，设立养老托育服务发展专项资金，重点支持社区嵌入式服务设施"
          "建设和运营。")
LAST_BODY = "重点支持社区嵌入式服务设施"  # in the last content paragraph
PAGES = 3  # 12 recommendations of three lines or so, 4 headings, the 版头 and introduction
MM = 72 / 25.4
TEXT_TOP, TEXT_BOTTOM = GEOMETRY.top, GEOMETRY.height - GEOMETRY.bottom  # 37 and 262 mm
TEXT_LEFT, TEXT_RIGHT = GEOMETRY.left, GEOMETRY.width - GEOMETRY.right


def make_bulletin(database, *, extra_intro: int = 0):
    """12 recommendations under 4 aspects; the last aspect's 3 pasted as the secretariat pastes them."""
    with database.session() as session:
        ids = add_aspects(session, ASPECTS, tail="，切实回应群众关切")
        pasted_aspect = add_aspect(session, "完善政策保障机制", source_kind=RecommendationSource.PROPOSAL, year=2024)
        ids += paste_recommendations(session, Source(year=2024, kind=RecommendationSource.PROPOSAL), pasted_aspect,
                                     "\n".join(PASTED))
        intro = ["5月8日，区政协召开专题协商会。", "现将委员们提出的意见建议整理如下。"]
        intro[1:1] = [f"第{n}段补充说明。" for n in range(1, extra_intro + 1)]
        bulletin_id = create_bulletin(
            session, year=2024, issue_no=3, title="关于加强“一老一小”服务保障的意见建议",
            issued_on=date(2024, 5, 20), recipients=RECIPIENTS, introduction="\n".join(intro),
            recommendation_ids=ids)
    with database.session() as session:
        return get_bulletin(session, bulletin_id)


@pytest.fixture
def twelve(database):
    return make_bulletin(database)


def check_text(pages: list[str]) -> None:
    """版记 on the last page after body text, page numbers, and no sentence printed twice."""
    every = squeeze("".join(pages))
    last = squeeze(pages[-1])
    assert "报：区委" in last and "送：区人大" in last and "区政协办公室2024年5月20日印发" in last
    assert LAST_BODY in last.split("报：")[0]  # body text on the 版记's page, before it
    assert not any("报：" in squeeze(page) for page in pages[:-1])
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in squeeze(page)
    for line in PASTED:
        first = re.split("[。：]", line)[0]
        assert every.count(squeeze(first)) == 1, first  # the pasted title is not printed apart
    assert "（三）资金保障。统筹" in every  # a "标题：内容" line keeps its title
    for a in range(1, 4):
        for r in range(1, 4):
            assert every.count(f"建议内容{a}-{r}：") == 1 and every.count(f"第{a}方面第{r}条建议。") == 1


def check_pictures(pdf, name: str) -> None:
    """Looked at: the last page ends with the 版记's three rules at the foot of the text, body above."""
    pictures = png_pages(pdf, name)
    assert len(pictures) == pdf_page_count(pdf)
    page = measure(pictures[-1], left_mm=TEXT_LEFT + 2, right_mm=TEXT_RIGHT - 2)
    rules = [y for y in page.rules if y > TEXT_TOP]
    assert len(rules) == 3, rules  # 0.35 mm, 0.25 mm between 报/送 and 印发, 0.35 mm
    assert rules[-1] == pytest.approx(TEXT_BOTTOM, abs=4)  # at the foot of the text area
    assert rules[-1] - rules[0] < 40  # three lines of 版记, not spread over the page
    assert page.ink_between(TEXT_TOP, rules[0] - 3) > 20  # body text above it on the same page
    first = measure(pictures[0], left_mm=TEXT_LEFT + 2, right_mm=TEXT_RIGHT - 2)
    assert any(TEXT_TOP + 20 < y < TEXT_TOP + 60 for y in first.rules)  # the 版头's red rule


def test_pdf_pages(qapp, twelve, tmp_path):
    pdf = tmp_path / "政协建言.pdf"
    assert render_bulletin_pdf(twelve, pdf) == pdf_page_count(pdf) == PAGES
    check_text(pdf_pages(pdf))
    check_pictures(pdf, "政协建言-pdf")
    words = pdf_words(pdf)[-1]
    printed = max(w[4] for w in words if "印发" in w[0])
    assert printed == pytest.approx(TEXT_BOTTOM * MM, abs=12)  # the 印发 line is the last text line
    numbers = [w for page in pdf_words(pdf) for w in page if w[0] in "123"]
    odd, even = numbers[0], numbers[1]  # "— 1 —" right on odd pages, "— 2 —" left on even ones
    assert odd[1] > 150 * MM and even[3] < 60 * MM


def first_lines(pages: list[str]) -> list[str]:
    return [squeeze(next(line for line in page.splitlines() if line.strip())) for page in pages]


def test_docx_printed_by_libreoffice(qapp, twelve, tmp_path):
    docx = export_bulletin_docx(twelve, tmp_path / "政协建言.docx")
    pdf = libreoffice_pdf(docx, tmp_path / "libreoffice")
    assert pdf_page_count(pdf) == PAGES
    pages = pdf_pages(pdf)
    check_text(pages)
    check_pictures(pdf, "政协建言-docx")
    ours = tmp_path / "政协建言.pdf"
    render_bulletin_pdf(twelve, ours)
    assert first_lines(pages) == first_lines(pdf_pages(ours))  # the pages break where the PDF's do


@pytest.mark.parametrize("extra", range(4))
def test_record_never_alone(qapp, database, tmp_path, extra):
    """One more line of introduction at a time moves the end of the body across the 版记's height: on
    one of these the old layout left "报：…" alone on a page of its own."""
    bulletin = make_bulletin(database, extra_intro=extra)
    pdf = tmp_path / "政协建言.pdf"
    render_bulletin_pdf(bulletin, pdf)
    pages = pdf_pages(pdf)
    assert LAST_BODY in squeeze(pages[-1]).split("报：")[0]
    assert not any("报：" in squeeze(page) for page in pages[:-1])
    words = pdf_words(pdf)[-1]
    assert max(w[4] for w in words if "印发" in w[0]) == pytest.approx(TEXT_BOTTOM * MM, abs=12)


def test_record_takes_the_last_lines_of_a_full_page(qapp, tmp_path):
    """Three recommendations whose last line ends one 版记 above the foot: the 版记 goes right under it, on
    the one page (a gap kept above the 版记 would send the last recommendation to a page of its own)."""
    content = "有关部门要加强统筹协调，细化工作措施。" * 3  # three lines each
    items = [rec(i, f"建议{i}", 7, "第一方面", content=content) for i in range(1, 4)]
    pdf = tmp_path / "政协建言.pdf"
    assert render_bulletin_pdf(bulletin_of(items), pdf) == 1
    (page,) = pdf_pages(pdf)
    assert squeeze(page).index("（三）建议3。") < squeeze(page).index("区政协办公室2024年1月5日印发")
