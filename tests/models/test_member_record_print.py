"""一人一档 and 履职积分表 as PDF: the hand-counted world and the demo's 300 members; one page per member
whatever they did (long lists shortened, never spilled or shrunk), overlong names, the score table
paginating with its header and ending with the scheme."""

import re
import subprocess
from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from models.errors import DomainError
from models.printing.member_record import (
    member_record_layout,
    render_member_record,
    render_member_record_pdf,
    render_member_records,
    render_member_records_pdf,
)
from models.printing.record_text import short_reason
from models.printing.score_table import remark, render_score_table, render_score_table_pdf, score_table_layout
from models.services.app_settings import committee_name
from models.services.performance import band_counts, format_infos, member_activities, member_records
from models.services.performance_detail import MeetingEntry, RecommendationEntry, member_detail
from models.services.performance_scheme import Scheme, get_scheme, scheme_lines

from .printing_fixtures import pdf_page_count, pdf_size, pdf_words, squeeze
from .statistics_world import build_world

PRINTED_ON = date(2024, 1, 5)
A4_PORTRAIT_PT, A4_LANDSCAPE_PT = (595.28, 841.89), (841.89, 595.28)
SCORE_HEADER = ("序号", "姓名", "界别", "身份", "出席/应邀", "请假", "缺席", "调研", "建议", "采纳", "积分", "等次",
                "备注")


def raw_pages(path) -> list[str]:
    """Each page's text in drawing order, without any spacing."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    return [squeeze(page) for page in text.split("\f")[:-1]]


def lines_of(scheme: Scheme, session) -> list[str]:
    return scheme_lines(scheme, {f.code: f.name for f in format_infos(session) if f.code})


def most_active(activities):
    return max(activities, key=lambda a: (a.total.invited + a.visits + a.recommendations + a.bulletins
                                          + a.instructions, -a.person_id))


@pytest.fixture
def world_data(database):
    world = build_world(database)
    with database.session() as s:
        formats = format_infos(s)
        details = {name: member_detail(s, world.people[name], 2023, Scheme(), formats)
                   for name in ("甲", "乙", "丙", "己", "辛")}
        records = member_records(member_activities(s, 2023), Scheme(), formats)
        return details, records, committee_name(s), lines_of(Scheme(), s)


@pytest.fixture
def demo_data(demo_database):
    with demo_database.session() as s:
        scheme, formats = get_scheme(s), format_infos(s)
        activities = member_activities(s, 2023)
        top = most_active(activities)
        detail = member_detail(s, top.person_id, 2023, scheme, formats, activity=top)
        records = member_records(activities, scheme, formats)
        return detail, records, band_counts(records, scheme), committee_name(s), lines_of(scheme, s)


def test_world_member_record(qapp, tmp_path, world_data):
    details, _records, committee, lines = world_data
    path = tmp_path / "甲.pdf"
    assert render_member_record_pdf(details["甲"], committee, lines, path, printed_on=PRINTED_ON) == 1
    assert pdf_page_count(path) == 1
    assert pdf_size(path) == pytest.approx(A4_PORTRAIT_PT, abs=0.05)
    (text,) = raw_pages(path)
    assert text.startswith("××区政协委员履职档案（2023年度）姓名甲性别")
    assert "界别经济" in text and "任职情况全年在任" in text
    # counts by format and in all: 一 (双月) attended, 二 (沙龙) absent
    assert "双月协商会1100委员沙龙1001合计2101" in text
    assert "参加调研视察2次提出意见建议2条其中被采纳1条编入专报1期获领导批示2次" in text
    # the score line by line, adding up to 73: 60 + 5 + 6 + 4 + 3 - 5
    assert ("基础分——60出席双月协商会155参加调研视察236提出意见建议224意见建议被采纳133无故缺席1-5-5"
            "总分73等次称职") in text
    assert "3月10日一双月协商会出席出席9月20日二委员沙龙出席缺席" in text
    assert "4月1日V1实地调研带队8月1日V2座谈参加" in text
    assert "r1一采纳r2一留作参考" in text
    assert "2023年第1期《B1》。" in text and "6月2日区委书记批示《r1》" in text
    assert "另有" not in text
    scheme = "".join(lines)
    assert squeeze(scheme) in re.sub("[①②③④⑤⑥⑦⑧⑨⑩]", "", text)
    assert text.index("积分办法") > text.index("获领导批示")
    assert text.endswith("制表单位：××区政协办公室制表日期：2024年1月5日")


def test_world_joined_during_the_year_and_inactive(qapp, tmp_path, world_data):
    details, _records, committee, lines = world_data
    path = tmp_path / "乙.pdf"
    render_member_record_pdf(details["乙"], committee, lines, path, printed_on=PRINTED_ON)
    (text,) = raw_pages(path)
    assert "任职情况2023年7月1日起任委员" in text
    path = tmp_path / "己.pdf"
    render_member_record_pdf(details["己"], committee, lines, path, printed_on=PRINTED_ON)
    (text,) = raw_pages(path)
    assert "总分55等次不称职" in text
    assert "谈话提醒：积分低于60分、全年无履职记录" in text  # the talk is held over this sheet
    assert "谈话提醒：" not in raw_pages(tmp_path / "乙.pdf")[0]
    assert "参加调研视察（共0次）形式身份无" in text and "编入专报无获领导批示无" in text


def test_demo_most_active_member_whole_on_one_page(qapp, tmp_path, demo_data):
    detail, *_rest, committee, lines = demo_data
    path = tmp_path / "一人一档.pdf"
    assert render_member_record_pdf(detail, committee, lines, path, printed_on=PRINTED_ON) == 1
    assert pdf_page_count(path) == 1
    (text,) = raw_pages(path)
    assert squeeze(f"{committee}委员履职档案（2023年度）姓名{detail.activity.name}") in text
    assert f"总分{detail.score.text}等次{detail.score.band}" in text
    # The busiest member (全体会议, 常委会议, 双月协商会, visits …) has more rows than the page holds: the
    # lists are shortened, each list's first item stays and the last row says how many are left out.
    lists = (detail.meetings, detail.visits, detail.recommendations)
    left_out = sum(int(n) for n in re.findall(r"另有(\d+)项未列出", text))
    assert 0 < left_out < sum(len(items) for items in lists) and "详见系统内履职档案" in text
    assert all(squeeze(items[0].title) in text for items in lists if items)
    assert "积分办法①基础分" in text and "制表日期：2024年1月5日" in text


def _busy(detail, meetings: int = 40, recommendations: int = 60):
    entries = tuple(MeetingEntry(datetime(2023, 1 + i % 12, 1 + i % 28, 14), ("双月协商会", "委员沙龙")[i % 2],
                                 f"“推进城市更新和老旧小区改造提质增效第{i + 1}号议题”专题协商会", "出席",
                                 ("出席", "请假", "缺席")[i % 3]) for i in range(meetings))
    recs = tuple(RecommendationEntry(f"关于完善社区居家养老服务体系的第{i + 1}号建议", "“完善社区卫生服务体系”专题"
                                     "双月协商会", "已办结", ("采纳", "因条件限制暂不能采纳")[i % 2], i % 2 == 0)
                 for i in range(recommendations))
    return replace(detail, meetings=entries, recommendations=recs, bulletins=detail.bulletins * 8)


def test_long_lists_are_shortened_to_one_page(qapp, tmp_path, demo_data):
    detail, *_rest, committee, lines = demo_data
    busy = _busy(detail)
    path = tmp_path / "很多.pdf"
    assert render_member_record_pdf(busy, committee, lines, path, printed_on=PRINTED_ON) == 1
    assert pdf_page_count(path) == 1
    (text,) = raw_pages(path)
    assert "应邀参加会议活动（共40次）" in text and "提出意见建议（共60条）" in text
    shown_meetings = len(re.findall(r"第\d+号议题", text))
    shown_recs = len(re.findall(r"第\d+号建议", text))
    assert 0 < shown_meetings < 40 and 0 < shown_recs < 60
    meetings_end = text.index("参加调研视察（共")
    assert text.index(f"另有{40 - shown_meetings}项未列出，详见系统内履职档案") < meetings_end
    assert f"第{shown_recs}号建议" in text and f"另有{60 - shown_recs}项未列出" in text
    papers = text[text.index("编入专报（"):text.index("获领导批示（")]
    assert papers.startswith(f"编入专报（{len(busy.bulletins)}期）") and "项未列出" in papers
    assert re.findall(r"第(\d+)号议题", text) == [str(i) for i in range(1, shown_meetings + 1)]  # the first N
    assert f"总分{detail.score.text}等次{detail.score.band}" in text and "积分办法①基础分" in text
    assert text.endswith("制表日期：2024年1月5日")
    # nothing is set smaller than the scheme's 9 pt (word boxes are the font size times a fixed ratio)
    (words,) = pdf_words(path)
    heights = [y2 - y1 for _t, _x1, y1, _x2, y2 in words]
    scheme_words = [y2 - y1 for t, _x1, y1, _x2, y2 in words if t.startswith("①基础分")]
    assert scheme_words and min(heights) >= scheme_words[0] - 0.2


def test_overlong_name_and_employer_stay_on_one_page(qapp, tmp_path, demo_data):
    detail, records, counts, committee, lines = demo_data
    activity = replace(detail.activity, name="阿" * 300, employer_title="区人民医院心血管内科主任医师" * 20,
                       committee="委" * 200, liaison_group="组" * 200, sector="界" * 100, role="常" * 50,
                       gender="男" * 30)
    strange = replace(_busy(detail, 12, 12), activity=activity)
    path = tmp_path / "长.pdf"
    assert render_member_record_pdf(strange, "区" * 200 + "政协", lines, path, printed_on=PRINTED_ON) == 1
    assert pdf_page_count(path) == 1
    (text,) = raw_pages(path)
    assert "阿阿阿阿" in text and "…" in text and "积分办法①基础分" in text
    assert text.endswith("办公室制表日期：2024年1月5日")
    record = replace(records[0], activity=activity)
    path = tmp_path / "长表.pdf"
    pages = render_score_table_pdf([record, *records[1:5]], 2023, committee, lines, counts, path,
                                   printed_on=PRINTED_ON)
    assert pages == pdf_page_count(path) == 1
    (text,) = raw_pages(path)
    assert text.index("阿阿") < text.index(squeeze(records[1].activity.name))


def test_batch_one_page_per_member(qapp, tmp_path, world_data):
    details, _records, committee, lines = world_data
    order = ["甲", "乙", "丙", "己", "辛"]
    path = tmp_path / "一人一档.pdf"
    pages = render_member_records_pdf([details[n] for n in order], committee, lines, path, printed_on=PRINTED_ON)
    assert pages == pdf_page_count(path) == 5
    assert pdf_size(path) == pytest.approx(A4_PORTRAIT_PT, abs=0.05)
    texts = raw_pages(path)
    for name, text in zip(order, texts, strict=True):
        assert text.startswith(f"××区政协委员履职档案（2023年度）姓名{name}性别")
        assert f"总分{details[name].score.text}" in text and "积分办法" in text
        assert "第1页" not in text  # each sheet stands alone: no page numbers
    with pytest.raises(DomainError):
        render_member_records_pdf([], committee, lines, tmp_path / "空.pdf")


def test_demo_score_table_paginates(qapp, tmp_path, demo_data):
    _detail, records, counts, committee, lines = demo_data
    path = tmp_path / "积分表.pdf"
    pages = render_score_table_pdf(records, 2023, committee, lines, counts, path, printed_on=PRINTED_ON)
    assert pages == pdf_page_count(path) > 5
    assert pdf_size(path) == pytest.approx(A4_LANDSCAPE_PT, abs=0.05)
    texts = raw_pages(path)
    first = texts[0]
    assert first.startswith(squeeze(f"{committee}委员履职积分表（2023年度）共300人，其中优秀{counts['优秀']}人、"
                                     f"良好{counts['良好']}人、称职{counts['称职']}人、不称职{counts['不称职']}人。"))
    assert sum(text.count("委员履职积分表") for text in texts) == 1
    header = "".join(SCORE_HEADER)
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{pages}页" in text
    on_page = []
    for index, record in enumerate(records, start=1):  # each row whole on one page, in order
        a, t = record.activity, record.activity.total
        row = squeeze(f"{index}{a.name}{a.sector}{a.role}{t.present}/{t.invited}{t.leave}{t.absent}{a.visits}"
                      f"{a.recommendations}{a.adopted}{record.score.text}{record.score.band}")
        where = [p for p, text in enumerate(texts) if row in text]
        assert len(where) == 1, row
        on_page.append(where[0])
    assert on_page == sorted(on_page) and set(on_page) >= set(range(pages - 1))  # rows on every page but the last
    for page in set(on_page):
        assert texts[page].count(header) == 1, f"header missing on page {page + 1}"
    last = texts[-1]
    assert "积分办法" in last and all(squeeze(line) in last for line in lines)  # the whole scheme, at the end
    assert sum(text.count("积分办法") for text in texts) == 1
    if on_page[-1] == pages - 1:
        assert last.index("积分办法") > last.index(squeeze(records[-1].activity.name))
    assert "谈话提醒：" in "".join(texts) and last.endswith("制表日期：2024年1月5日" + f"第{pages}页共{pages}页")


def test_world_score_table_row_and_remarks(qapp, tmp_path, world_data):
    _details, records, committee, lines = world_data
    counts = band_counts(records, Scheme())
    path = tmp_path / "积分表.pdf"
    assert render_score_table_pdf(records, 2023, committee, lines, counts, path, printed_on=PRINTED_ON) == 1
    (text,) = raw_pages(path)
    names = [r.activity.name for r in records]
    jia = next(r for r in records if r.activity.name == "甲")
    assert f"{names.index('甲') + 1}甲经济委员1/201221{jia.score.text}称职" in text
    ji = next(r for r in records if r.activity.name == "己")
    assert remark(ji) == "谈话提醒：积分低于60分、全年无履职记录"
    assert "谈话提醒：积分低于60分、全年无履职记录" in text and "2023年7月1日起任委员" in text
    assert "积分办法1．基础分60分。2．加分：" in text


def test_reasons_shortened():
    assert short_reason("积分55分，低于60分（不称职）") == "积分低于60分"
    assert short_reason("全年无出席会议、调研视察和意见建议记录") == "全年无履职记录"
    assert short_reason("别的原因") == "别的原因"


def test_layouts_and_painting_on_a_device(qapp, world_data):
    details, records, committee, lines = world_data
    portrait, landscape = member_record_layout(), score_table_layout(records, 2023)
    assert portrait.pageSize().id() == landscape.pageSize().id() == QPageSize.PageSizeId.A4
    assert portrait.orientation() == QPageLayout.Orientation.Portrait
    assert landscape.orientation() == QPageLayout.Orientation.Landscape
    for paint, expected in ((lambda w: render_member_record(details["甲"], committee, lines, w), 1),
                            (lambda w: render_member_records(list(details.values()), committee, lines, w), 5),
                            (lambda w: render_score_table(records, 2023, committee, lines, {}, w), 1)):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        assert paint(writer) == expected
        del writer
        assert bytes(buffer.data()).startswith(b"%PDF")


def test_assumed_start_date_is_printed(qapp, tmp_path, database):
    """A membership without a start date counts from the year it was entered: the sheet says so in full."""
    from sqlmodel import select

    from models.services.people import MembershipData, PersonData, save_person
    from models.tables import Membership
    from models.vocab import Level

    build_world(database)
    with database.session() as s:
        person_id = save_person(s, PersonData(name="癸", memberships=[MembershipData(level=Level.DISTRICT)]))
        s.exec(select(Membership).where(Membership.person_id == person_id)).one().created_at = datetime(2023, 9, 1)
    with database.session() as s:
        formats = format_infos(s)
        detail = member_detail(s, person_id, 2023, Scheme(), formats)
        record = next(r for r in member_records(member_activities(s, 2023), Scheme(), formats)
                      if r.activity.person_id == person_id)
        committee, lines = committee_name(s), lines_of(Scheme(), s)
    path = tmp_path / "癸.pdf"
    render_member_record_pdf(detail, committee, lines, path, printed_on=PRINTED_ON)
    (text,) = raw_pages(path)
    assert "任职情况未填任职起始日期，按录入当年（2023年）全年在任计" in text
    assert "未填任职起始日期，按录入当年（2023年）全年在任计" in remark(record)
