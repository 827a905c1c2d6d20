"""Meetings and invitee lists for the printing tests, built directly as rows (no database).

Synthetic people (names from the demo's seeded generator); roles are interleaved the way a list in
stroke order mixes them, so a sheet that re-sorted or regrouped wrongly would show it.
"""

import os
import random
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from models.demo.names import NameMaker
from models.printing import SheetInput, SheetOptions
from models.services.meeting_queries import AgendaRow, InviteeRow, MeetingRow
from tests.screenshots import ENV as SCREENSHOTS

MEETING_START = datetime(2023, 5, 18, 14, 0)
SECTORS = ("中共", "民革", "民盟", "民建", "九三学社", "无党派人士", "共青团和青联", "工商联", "经济", "教育",
           "医药卫生", "文化艺术", "科学技术", "社会福利和社会保障")
MEMBER_UNITS = ("区人民医院副院长", "区第一中学校长", "城南街道社区卫生服务中心主任", "滨江实业集团有限公司董事长",
                "区中医医院主任医师", "区实验小学副校长", "东湖社区卫生服务中心主任", "区律师协会副会长",
                "文昌科技股份有限公司总经理", "区疾病预防控制中心副主任", "区妇幼保健院院长",
                "市第二人民医院心血管内科主任医师、区医学会副会长")
DEPARTMENT_UNITS = ("区卫生健康委员会副主任", "区医疗保障局局长", "区民政局副局长",
                    "区人力资源和社会保障局党组书记、局长", "区财政局副局长", "区市场监督管理局副局长",
                    "区发展和改革委员会主任")
EXPERT_UNITS = ("区城市发展研究中心研究员", "市社会科学院公共政策研究所副所长")
STAFF_UNITS = ("区政协办公室主任", "区政协委员联络室副主任", "区政协研究室科员")
AGENDA = (("14:00", "主持人宣布会议开始", "张鹏帆"),
          ("14:05", "区卫生健康委员会通报全区社区卫生服务体系建设情况", "区卫生健康委员会负责同志"),
          ("14:25", "委员发言（预约发言、即席发言）", ""),
          ("15:30", "有关部门负责同志回应", ""),
          ("16:00", "区委副书记讲话", ""))


def meeting(**changes) -> MeetingRow:
    values = dict(
        id=2, version=1, format_id=1, format_name="专题双月协商会", format_code="bimonthly",
        title="“完善社区卫生服务体系”专题双月协商会", topic_id=3, topic_title="完善社区卫生服务体系",
        starts_at=MEETING_START, ends_at=datetime(2023, 5, 18, 16, 30), venue="区政协机关三楼会议室",
        host="", undertaker="区卫生健康委员会", contact_name="陈晓燕", contact_phone="0571-86012345",
        status="筹备中", notes="", minutes="", notice_text="")
    values.update(changes)
    return MeetingRow(**values)


def person(index: int, name: str, role: str = "出席", **changes) -> InviteeRow:
    values = dict(
        attendance_id=1000 + index, version=1, person_id=index, name=name, gender="男", employer_title="",
        party="", sector="", levels="", member_role="", guest_category="", mobile="", office_phone="", role=role,
        invite_status="已确认", leave_reason="", leave_approved_by="", checked_in_at=None, result="",
        seat_no="", speech_order=None, speech_title="", walk_in=False, notes="", sort_stroke=f"{index:05d}",
        sort_pinyin="", initials=())
    values.update(changes)
    return InviteeRow(**values)


def role_plan(count: int) -> list[str]:
    """One host, a few staff, 特邀 and 发言, up to 30 出席; the rest 列席 (e.g. 40 → 24 出席, 7 列席)."""
    if count <= 1:
        return ["主持"][:count]
    staff = min(5, max(1, round(count * 0.05)))
    special = min(8, max(1, round(count * 0.05)))
    speakers = min(6, max(1, count // 10))
    attend = min(30, round(count * 0.6))
    observe = max(0, count - 1 - staff - special - speakers - attend)
    plan = ["主持"] + ["出席"] * attend + ["列席"] * observe + ["特邀"] * special + ["发言"] * speakers
    plan += ["工作人员"] * staff
    return plan[:count]


def _details(role: str, rng: random.Random) -> dict:
    if role == "主持":
        return dict(employer_title="区政协副主席", member_role="副主席", levels="区", sector="中共")
    if role in ("出席", "发言"):
        return dict(employer_title=rng.choice(MEMBER_UNITS), sector=rng.choice(SECTORS), levels="区",
                    member_role=rng.choice(("委员", "委员", "委员", "常委")))
    if role == "列席":
        return dict(employer_title=rng.choice(DEPARTMENT_UNITS), guest_category="部门负责人")
    if role == "特邀":
        return dict(employer_title=rng.choice(EXPERT_UNITS), guest_category="专家学者")
    return dict(employer_title=rng.choice(STAFF_UNITS), guest_category="工作人员")


def invitees(count: int, seed: int = 7) -> list[InviteeRow]:
    rng = random.Random(seed)
    names = NameMaker(rng)
    plan = role_plan(count)
    first, rest = plan[:1], plan[1:]
    rng.shuffle(rest)  # roles interleave in a list kept in stroke order
    people = []
    for index, role in enumerate(first + rest, start=1):
        gender = "女" if rng.random() < 0.32 else "男"
        people.append(person(index, names.make(gender), role, gender=gender, **_details(role, rng)))
    return people


def agenda() -> list[AgendaRow]:
    return [AgendaRow(i, 1, i, t, title, speaker, "") for i, (t, title, speaker) in enumerate(AGENDA, start=1)]


def sheet_input(count: int = 40, *, people: list[InviteeRow] | None = None, **options) -> SheetInput:
    people = invitees(count) if people is None else people
    options.setdefault("entry_secret", "test secret")  # 参会证: as the print dialog reads it from the database
    return SheetInput(meeting=meeting(), invitees=people, agenda=agenda(), options=SheetOptions(**options))


# -- reading PDFs back ------------------------------------------------------------------------------

def pdf_pages(path: Path, *, layout: bool = True) -> list[str]:
    """pdftotext's text of each page (the page list has no trailing empty entry)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8").stdout
    return [normal(page) for page in text.split("\f")[:-1]]


def pdf_size(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return float(found.group(1)), float(found.group(2))


def pdf_page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def normal(text: str) -> str:
    return text


def squeeze(text: str) -> str:
    """Text without any spacing (a spread name 张　伟 reads 张伟)."""
    return re.sub(r"\s+", "", text)


def render_pages(kind, data: SheetInput, folder: Path, name: str = "sheet.pdf") -> tuple[int, list[str]]:
    """Render to a PDF in folder; (page count reported, text of each page)."""
    from models.printing import render_pdf

    path = folder / name
    pages = render_pdf(kind, data, path)
    assert pdf_page_count(path) == pages
    return pages, pdf_pages(path)


def in_order(names: list[str], pages: list[str]) -> list[int]:
    """The page (0-based) of each name, found one after another through the text; fails if one is missing."""
    found, page, at = [], 0, 0
    texts = [squeeze(text) for text in pages]
    for name in names:
        target = squeeze(name)
        while page < len(texts) and texts[page].find(target, at) < 0:
            page, at = page + 1, 0
        assert page < len(texts), f"{name} missing or out of order"
        at = texts[page].find(target, at) + len(target)
        found.append(page)
    return found


def row_numbers(page: str) -> list[int]:
    """序号 at the start of table lines (pdftotext -layout), in order."""
    return [int(m.group(1)) for m in re.finditer(r"^\s*(\d{1,3})\s{2,}\S", page, re.M)]


def pdf_words(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, each word pdftotext finds: (text, x_min, y_min, x_max, y_max) in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True,
                         encoding="utf-8").stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
                      for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                           r'yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


# -- looking at the pages ---------------------------------------------------------------------------

def png_pages(pdf: Path, name: str, dpi: int = 60) -> list[Path]:
    """The PDF's pages as PNG files (pdftoppm), in page order; copied as NAME-1.png … where
    CONSULTDESK_SCREENSHOTS points, for people to look at."""
    prefix = pdf.with_name(pdf.stem + "-page")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, capture_output=True)
    pages = sorted(pdf.parent.glob(prefix.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    folder = os.environ.get(SCREENSHOTS)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(pages, start=1):
            shutil.copyfile(page, Path(folder) / f"{name}-{number}.png")
    return pages


def inked_rows(png: Path, *, above: float = 1.0) -> tuple[float, float]:
    """(first, last) pixel row with ink, as fractions of the page height, looking only above `above`
    (a fraction: 0.93 leaves out the page number at the foot)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())
    rows = [y for y in range(int(height * above)) if min(data[y * stride:y * stride + width]) < 128]
    return (rows[0] / height, rows[-1] / height) if rows else (0.0, 0.0)
