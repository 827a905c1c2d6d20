"""The office's own Word templates (docxtpl): the built-in ones give what the builders gave, an office's
template with its own 红头 fills in, and every unusable template is refused with a Chinese message and
nothing written."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor

from models import clock
from models.exports.bulletin_docx import BULLETIN_KIND, export_bulletin_docx
from models.exports.notice_docx import NOTICE_KIND, export_notice_docx
from models.exports.word_templates import TemplateError, check_template, export_default_template
from models.printing.notice import body_paragraphs
from models.printing.notice_text import chinese_day, contact_text, reply_request
from models.services.recommendation_queries import get_bulletin, list_bulletins

from .page_images import libreoffice_pdf, png_pages
from .printing_fixtures import pdf_page_count, pdf_pages, sheet_input, squeeze

RED = RGBColor(0xC0, 0x00, 0x00)
LETTERHEAD = "××区政协办公室文件"


@pytest.fixture
def bulletin(demo_database):
    with demo_database.session() as session:
        first = list_bulletins(session)[0]
        return get_bulletin(session, first.id)


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def template_with(tmp_path: Path, *lines: str, name: str = "模板.docx") -> Path:
    """A bare template, as someone might type one in Word: one paragraph per line."""
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    path = tmp_path / name
    doc.save(str(path))
    return path


def office_template(tmp_path: Path, kind) -> Path:
    """The exported default with the office's red 红头 added above everything, as an office would."""
    path = export_default_template(kind, tmp_path / kind.file_name)
    doc = docx.Document(str(path))
    head = doc.paragraphs[0].insert_paragraph_before()
    run = head.add_run(LETTERHEAD)
    run.font.color.rgb, run.font.size, run.font.bold = RED, Pt(36), True
    doc.save(str(path))
    return path


# -- 会议通知 .docx -------------------------------------------------------------------------------------

def test_notice_docx_says_what_the_pdf_says(qapp, tmp_path):
    data = sheet_input(59, reply_by=None)
    path = export_notice_docx(data, tmp_path / "会议通知.docx")
    words = texts(path)
    to, paragraphs = body_paragraphs(data)
    body = [w for w in words if w]
    assert body[0].startswith("关于召开") and body[1] == to
    assert [p for p in paragraphs if p] == body[2:2 + len([p for p in paragraphs if p])]
    assert body[-2:] == [reply_request(data.meeting, data.options) + "。", contact_text(data.meeting) + "。"]
    assert "附件" in body and "会议回执" in body
    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert doc.settings.odd_and_even_pages_header_footer
    assert "— " in section.footer.paragraphs[0].text and "— " in section.even_page_footer.paragraphs[0].text
    attachment = next(p for p in doc.paragraphs if p.text == "附件")
    assert attachment.paragraph_format.page_break_before  # the 回执 on a page of its own
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["姓名", "单位及职务", "是否参加", "备注"]
    assert len(table.rows) == 9
    assert doc.styles["Normal"].font.size == Pt(16) and doc.styles["公文标题"].font.size == Pt(22)


def test_notice_docx_pages_in_libreoffice(qapp, tmp_path):
    path = export_notice_docx(sheet_input(59), tmp_path / "会议通知.docx")
    pdf = libreoffice_pdf(path, tmp_path / "lo")
    pages = [squeeze(page) for page in pdf_pages(pdf)]
    png_pages(pdf, "会议通知-docx")
    assert len(pages) == pdf_page_count(pdf) >= 2
    assert "会议回执" in pages[-1] and "姓名" in pages[-1] and "特此通知" not in pages[-1]
    signed = pages[-2]  # the signature shares the page of the last body lines, and ends it
    assert "特此通知" in signed and signed.split("—")[0].endswith("区政协办公室" + chinese_day(clock.today()))
    assert all(f"—{n}—" in page.replace(" ", "") for n, page in enumerate(pages, start=1))


# -- the built-in templates ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [NOTICE_KIND, BULLETIN_KIND], ids=["notice", "bulletin"])
def test_exported_default_template_holds_its_placeholders(tmp_path, kind):
    path = export_default_template(kind, tmp_path / kind.file_name)
    assert path.name == f"{kind.label}默认模板.docx"
    text = "\n".join(texts(path))
    assert "{{p 正文 }}" in text
    for name in kind.required:
        assert name in text
    check_template(kind, path)  # the default passes its own check


def test_exported_default_gives_the_builtin_document(qapp, bulletin, tmp_path):
    builtin = export_bulletin_docx(bulletin, tmp_path / "内置.docx")
    template = export_default_template(BULLETIN_KIND, tmp_path / "模板.docx")
    chosen = export_bulletin_docx(bulletin, tmp_path / "按模板.docx", template=template)
    assert texts(chosen) == texts(builtin)
    assert "{{" not in "".join(texts(chosen))


# -- an office's template ------------------------------------------------------------------------------

def test_bulletin_from_an_office_template_keeps_its_letterhead(qapp, bulletin, tmp_path):
    template = office_template(tmp_path, BULLETIN_KIND)
    path = export_bulletin_docx(bulletin, tmp_path / "政协建言.docx", issuer="区政协研究室", template=template)
    doc = docx.Document(str(path))
    head = doc.paragraphs[0]
    assert head.text == LETTERHEAD and head.runs[0].font.color.rgb == RED
    words = texts(path)
    assert bulletin.title.split()[0] in "".join(words)
    assert any(w.startswith("区政协研究室") for w in words)
    assert "{{" not in "".join(words)
    pdf = libreoffice_pdf(path, tmp_path / "lo")
    pages = pdf_pages(pdf)
    png_pages(pdf, "政协建言-本单位模板")
    assert LETTERHEAD in squeeze(pages[0]) and "报：" in squeeze(pages[-1])


def test_notice_from_an_office_template(qapp, tmp_path):
    template = office_template(tmp_path, NOTICE_KIND)
    path = export_notice_docx(sheet_input(20), tmp_path / "会议通知.docx", template=template)
    words = texts(path)
    assert words[0] == LETTERHEAD and words[1].startswith("关于召开")


def test_a_bare_template_gets_the_missing_styles(qapp, bulletin, tmp_path):
    """A template typed from scratch has none of the app's styles: the body still gets them."""
    template = template_with(tmp_path, "本单位专报", "{{ 期号 }}", "{{ 发文机关 }} {{ 成文日期 }}", "{{p 正文 }}")
    path = export_bulletin_docx(bulletin, tmp_path / "专报.docx", issuer="A&B <办公室>", template=template)
    doc = docx.Document(str(path))
    assert doc.paragraphs[2].text.startswith("A&B <办公室>")  # text fields are escaped, not broken XML
    assert any(p.style.name == "专报标题" for p in doc.paragraphs)
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)


# -- unusable templates --------------------------------------------------------------------------------

def refused(tmp_path, template, *, kind="bulletin", bulletin=None) -> str:
    out = tmp_path / "输出.docx"
    with pytest.raises(TemplateError) as caught:
        if kind == "bulletin":
            export_bulletin_docx(bulletin, out, template=template)
        else:
            export_notice_docx(sheet_input(10), out, template=template)
    assert not out.exists()  # nothing written
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("输出")]
    return caught.value.message


def test_missing_body_placeholder(qapp, tmp_path):
    template = template_with(tmp_path, "本单位红头", "{{ 成文日期 }}")
    assert "模板缺少占位符 {{p 正文 }}" in refused(tmp_path, template, kind="notice")


def test_missing_issue_number(qapp, bulletin, tmp_path):
    template = template_with(tmp_path, "{{ 成文日期 }}", "{{p 正文 }}")
    message = refused(tmp_path, template, bulletin=bulletin)
    assert "模板缺少占位符 {{ 期号 }}" in message and "必须有" in message


def test_body_without_p(qapp, tmp_path):
    template = template_with(tmp_path, "{{ 正文 }}")
    assert "{{p 正文 }}" in refused(tmp_path, template, kind="notice")


def test_unknown_placeholder_is_named(qapp, tmp_path):
    template = template_with(tmp_path, "{{ 发文单位 }}", "{{p 正文 }}")
    message = refused(tmp_path, template, kind="notice")
    assert "不认识的占位符 {{ 发文单位 }}" in message and "{{ 发文机关 }}" in message


def test_jinja_syntax_error(qapp, tmp_path):
    template = template_with(tmp_path, "{% if 成文日期 %}{{ 成文日期 }}", "{{p 正文 }}")  # no {% endif %}
    assert "占位符写法有误" in refused(tmp_path, template, kind="notice")


def test_not_a_docx(qapp, tmp_path):
    doc_file = tmp_path / "旧模板.doc"
    doc_file.write_bytes(b"\xd0\xcf\x11\xe0old word")
    assert "必须是 Word 文档（.docx）" in refused(tmp_path, doc_file, kind="notice")
    text = tmp_path / "说明.docx"
    text.write_text("不是 Word", encoding="utf-8")
    assert "不是有效的 Word 文档" in refused(tmp_path, text, kind="notice")


def test_damaged_docx(qapp, tmp_path):
    good = export_default_template(NOTICE_KIND, tmp_path / "好.docx").read_bytes()
    damaged = tmp_path / "坏.docx"
    damaged.write_bytes(good[: len(good) // 2])
    assert "已损坏" in refused(tmp_path, damaged, kind="notice")
    parts = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(parts, "w") as copy:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                copy.writestr(item, source.read(item))
    damaged.write_bytes(parts.getvalue())
    assert "已损坏" in refused(tmp_path, damaged, kind="notice")


def test_missing_file(qapp, tmp_path):
    assert "找不到模板文件" in refused(tmp_path, tmp_path / "已删除.docx", kind="notice")
