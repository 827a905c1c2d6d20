"""Word output through a template .docx (docxtpl): the app's built-in one, or one the office keeps with
its own 红头 and fonts (chosen in 参数设置, PC settings NOTICE_TEMPLATE / BULLETIN_TEMPLATE).

A template holds Jinja placeholders: short fields ({{ 期号 }}, {{ 成文日期 }} …) anywhere, headers and
footers included, and {{p 正文 }} alone in a paragraph, which becomes the document's body. The body is
built by the same python-docx code as before, against the template's own styles (正文 = Normal,
标题 1, 专报标题 …), so an office restyles the body by editing those styles in Word/WPS. Styles the
template lacks are copied in from the built-in one, so a pared-down template still works.

Every way a template can be unusable (not a .docx, damaged, Jinja syntax error, a required placeholder
missing, an unknown one) raises TemplateError with a Chinese message, before anything is written.
"""

import copy
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError

from models.errors import DomainError
from models.file_output import write_whole
from models.settings import BULLETIN_TEMPLATE, NOTICE_TEMPLATE, Setting

BODY = "正文"
BACK_TO_BUILTIN = "可在“参数设置 → 公文模板”中改好模板后重新选择，或点“恢复默认”改用程序内置的模板。"


class TemplateError(DomainError):
    """A template that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class TemplateKind:
    label: str  # 会议通知 / 政协建言
    setting: Setting
    required: tuple[str, ...]
    optional: tuple[str, ...]
    build_default: Callable[[], object]  # a python-docx Document holding the placeholders

    @property
    def placeholders(self) -> tuple[str, ...]:
        return self.required + self.optional

    @property
    def file_name(self) -> str:
        return f"{self.label}默认模板.docx"


def _tag(name: str) -> str:
    return "{{p 正文 }}" if name == BODY else "{{ " + name + " }}"


def placeholder_help(kind: TemplateKind) -> str:
    """"必须有：{{ 期号 }}、…；可选：…" for messages and the settings page."""
    text = "必须有：" + "、".join(_tag(name) for name in kind.required)
    if kind.optional:
        text += "；可选：" + "、".join(_tag(name) for name in kind.optional)
    return text


# -- the built-in templates ---------------------------------------------------------------------------

def default_template_bytes(kind: TemplateKind) -> bytes:
    buffer = io.BytesIO()
    kind.build_default().save(buffer)
    return buffer.getvalue()


def export_default_template(kind: TemplateKind, path) -> Path:
    """The built-in template as a file an office can edit (whole or not at all)."""
    return write_whole(default_template_bytes(kind), path, opened_in="Word")


# -- checking an office's template ----------------------------------------------------------------------

def _open(source) -> DocxTemplate:
    """The template, opened and parsed; TemplateError when it is not a usable .docx."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise TemplateError(f"找不到模板文件：{path}")
        if path.suffix.lower() != ".docx":
            raise TemplateError(f"模板必须是 Word 文档（.docx）：{path.name}\n"
                                "旧的 .doc 或 WPS 格式请在 Word/WPS 中“另存为”.docx 后再选择。")
        source = path.read_bytes()
    data = io.BytesIO(source)
    try:
        template = DocxTemplate(data)
        template.init_docx()
    except Exception as error:  # a damaged package fails in many ways (zip, XML, missing parts)
        raise TemplateError("模板文件不是有效的 Word 文档（.docx），或已损坏，无法打开。\n"
                            f"（{type(error).__name__}）") from error
    return template


def _variables(template: DocxTemplate) -> set[str]:
    try:
        return set(template.get_undeclared_template_variables())
    except TemplateSyntaxError as error:
        raise TemplateError(f"模板中的占位符写法有误（第 {error.lineno} 处附近）：{error.message}\n"
                            "占位符应写成 {{ 名称 }}，两边各两个半角花括号。") from error
    except JinjaError as error:
        raise TemplateError(f"模板中的占位符写法有误：{error}") from error


_BODY_TAG = re.compile(r"\{\{\s*(p\s+)?正文\s*\}\}")


def _check_body_paragraph(template: DocxTemplate) -> None:
    """{{p 正文 }} must be written with the "p" (it replaces its whole paragraph), in the page's text."""
    marks = [_BODY_TAG.search(p.text) for p in template.docx.paragraphs]
    if not any(mark and mark.group(1) for mark in marks):
        raise TemplateError("模板中的 {{ 正文 }} 要写成 {{p 正文 }}（p 表示整段换成正文），单独占一段，"
                            "放在页面正文里（不在页眉、文本框或表格中）。")


def check_template(kind: TemplateKind, source) -> DocxTemplate:
    """Open and check a template (a path or bytes); returns it ready to render, or raises TemplateError."""
    template = _open(source)
    found = _variables(template)
    missing = [name for name in kind.required if name not in found]
    if missing:
        raise TemplateError("模板缺少占位符 " + "、".join(_tag(name) for name in missing) + "。\n"
                            f"{kind.label}模板{placeholder_help(kind)}。")
    unknown = sorted(found - set(kind.placeholders))
    if unknown:
        raise TemplateError("模板中有本程序不认识的占位符 " + "、".join("{{ " + n + " }}" for n in unknown)
                            + f"（可能是错字）。\n{kind.label}模板{placeholder_help(kind)}。")
    _check_body_paragraph(template)
    return template


# -- rendering ------------------------------------------------------------------------------------------

class _BodyXml:
    """The body's paragraphs and tables as WordprocessingML, put where {{p 正文 }} stands. __html__ marks
    it as markup, so autoescaping (which the text fields need: "&", "<") leaves it alone."""

    def __init__(self, xml: str):
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    __str__ = __html__


def _add_missing_styles(document, builtin) -> None:
    """Styles the body uses that the office's template lacks, from the built-in template."""
    have = {style.get(qn("w:styleId")) for style in document.styles.element.findall(qn("w:style"))}
    for style in builtin.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in have:
            document.styles.element.append(copy.deepcopy(style))


def render(kind: TemplateKind, template_path, fields: dict[str, str], body: Callable[[object], None]):
    """The filled-in document (python-docx): template_path None means the built-in template. body(doc)
    adds the body paragraphs to doc, whose styles are the template's."""
    builtin = kind.build_default()
    if template_path:
        try:
            template = check_template(kind, template_path)
        except TemplateError as error:
            raise TemplateError(f"{kind.label}模板不能使用，文件没有生成。\n{error.message}\n\n"
                                f"{BACK_TO_BUILTIN}") from error
        _add_missing_styles(template.docx, builtin)
    else:
        buffer = io.BytesIO()
        builtin.save(buffer)
        template = check_template(kind, buffer.getvalue())
    scratch = Document()
    scratch._part = template.docx.part  # style names resolve against the template, as docxtpl's subdocs do
    scratch.element.body.clear_content()
    body(scratch)
    xml = "".join(template.xml_to_string(child) for child in scratch.element.body
                  if child.tag != qn("w:sectPr"))
    context = {name: fields.get(name, "") for name in kind.placeholders if name != BODY}
    context[BODY] = _BodyXml(xml)
    try:
        template.render(context, autoescape=True)
    except JinjaError as error:
        raise TemplateError(f"按模板生成{kind.label}时出错：{error}") from error
    return template.docx


def save_rendered(document, path) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    return write_whole(buffer.getvalue(), path, opened_in="Word")


def kinds() -> tuple[TemplateKind, TemplateKind]:
    """(会议通知, 政协建言), imported late: each builder module imports this one."""
    from .bulletin_docx import BULLETIN_KIND
    from .notice_docx import NOTICE_KIND

    return NOTICE_KIND, BULLETIN_KIND


__all__ = ["BODY", "BULLETIN_TEMPLATE", "NOTICE_TEMPLATE", "TemplateError", "TemplateKind", "check_template",
           "default_template_bytes", "export_default_template", "kinds", "placeholder_help", "render",
           "save_rendered"]
