"""年度统计: the overview, the comparison and the report paragraph against hand counts and the demo."""

from datetime import date

import pytest

from models.errors import ValidationError
from models.services.app_settings import set_setting
from models.services.counts import Scope
from models.services.statistics import (
    ComparisonLine,
    comparison,
    leader_word,
    overview,
    percent_text,
    period_label,
    previous_scope,
    range_scope,
    report_paragraph,
    visit_ids,
    year_scope,
)
from models.settings import COMMITTEE_NAME
from tests.models.statistics_world import build_world, stored_visit_kinds


@pytest.fixture
def world(database):
    return build_world(database)


def test_meeting_lines_count_attendance_without_staff(database, world):
    with database.session() as s:
        lines = overview(s, year_scope(2023)).meetings
    assert [line.title for line in lines] == ["一", "二"]  # M3 is not held, M4 is 2022
    m1, m2 = lines
    assert (m1.expected, m1.present, m1.leave, m1.absent) == (7, 5, 1, 1)  # 庚 is staff
    assert (m2.expected, m2.present, m2.leave, m2.absent) == (4, 2, 1, 1)
    assert (m1.recommendations, m1.summary) == (2, "1方面2条")
    assert (m2.recommendations, m2.summary) == (1, "1方面1条")  # r4 is a duplicate
    assert m1.format_name == "双月协商会" and m2.format_name == "委员沙龙"


def test_formats_participation_and_figures(database, world):
    with database.session() as s:
        ov = overview(s, year_scope(2023))
    cur = ov.current
    assert [(f.name, f.meetings, f.recommendations, f.summary) for f in cur.formats] == [
        ("双月协商会", 1, 2, "1方面2条"), ("委员沙龙", 1, 1, "1方面1条")]
    assert cur.other_recommendations == 1  # r5, from a visit only
    assert [(line.label, line.invited, line.present, line.people) for line in cur.participation] == [
        ("全国政协委员", 1, 1, 1), ("市政协委员", 2, 1, 1), ("区政协委员", 6, 4, 3), ("非委员（嘉宾等）", 2, 1, 1)]
    assert cur.member_participations == 6
    fig = cur.figures
    assert (fig.visits, fig.recommendations, fig.bulletins, fig.instructions) == (2, 4, 1, 2)
    assert fig.adoption_rate == pytest.approx(2 / 3)
    assert fig.by_outcome["采纳"] == 1 and fig.by_outcome["部分采纳"] == 1 and fig.by_outcome["留作参考"] == 1
    months = {column.label: column.counts for column in ov.months}
    assert len(ov.months) == 12 and months["3月"] == {"双月协商会": 1} and months["9月"] == {"委员沙龙": 1}
    assert months["11月"] == {}  # M3 is only being prepared


def test_previous_year_and_change(database, world):
    with database.session() as s:
        ov = overview(s, year_scope(2023))
    assert ov.previous.label == "2022年"
    assert [(f.name, f.meetings, f.recommendations) for f in ov.previous.formats] == [("双月协商会", 1, 1)]
    rows = comparison(ov)
    assert [(line.label, line.unit, line.current, line.previous, line.change) for line in rows[:3]] == [
        ("协商活动（合计）", "场", 2, 1, "+1"), ("　双月协商会", "场", 1, 1, "持平"), ("　委员沙龙", "场", 1, 0, "+1")]
    lines = {line.label.strip("　") + line.unit: line for line in rows}
    assert (lines["双月协商会条"].current, lines["双月协商会条"].previous) == (2, 1)
    assert (lines["调研视察次"].current, lines["调研视察次"].previous, lines["调研视察次"].change) == (2, 1, "+1")
    assert lines["委员参加活动人次"].previous == 1
    assert lines["其他来源条"].current == 1
    assert lines["采纳率%"].change == "—"  # no outcome recorded in 2022
    assert lines["领导批示件"].change == "+2"


def test_report_paragraph_from_the_same_figures(database, world):
    with database.session() as s:
        text = report_paragraph(overview(s, year_scope(2023)))
    # V1 is 实地调研, V2 a 座谈: each named as stored, never "实地调研2次"
    assert text == ("全年共组织双月协商会1场、委员沙龙1场，委员开展实地调研1次、座谈1次，提出意见建议4条，"
                    "其中双月协商会1方面2条、委员沙龙1方面1条、调研及其他渠道1条；"
                    "编发《政协建言》1期，获区领导批示2件，采纳率66.7%。")


def test_date_range(database, world):
    with database.session() as s:
        scope = range_scope(date(2023, 3, 1), date(2023, 6, 30))
        ov = overview(s, scope)
        assert [line.title for line in ov.meetings] == ["一"]
        assert [column.label for column in ov.months] == ["3月", "4月", "5月", "6月"]
        assert ov.previous.label == "2022年3月1日至2022年6月30日"
        assert visit_ids(s, scope) and len(visit_ids(s, scope)) == 1
        text = report_paragraph(ov)
    assert text.startswith("2023年3月1日至2023年6月30日，共组织双月协商会1场，委员开展实地调研1次，")
    # Undated recommendations are judged by their year (counts.py), so all four 2023 ones are in; the
    # salon is not in the range, so its recommendation reads "1条", not "1方面1条".
    assert "提出意见建议4条，其中双月协商会1方面2条、委员沙龙1条、调研及其他渠道1条；" in text


def test_no_meetings_in_the_year(database, world):
    with database.session() as s:
        ov = overview(s, year_scope(2021))
    assert ov.meetings == () and ov.current.formats == ()
    assert ov.current.figures.recommendations == 0 and ov.current.figures.adoption_rate is None
    assert all(line.invited == 0 for line in ov.current.participation)
    assert report_paragraph(ov) == "2021年暂无协商活动、调研和意见建议记录。"
    assert all(line.change in ("持平", "—") for line in comparison(ov))


def test_empty_database(database):
    with database.session() as s:
        ov = overview(s, year_scope(2024))
    assert report_paragraph(ov) == "2024年暂无协商活动、调研和意见建议记录。"


def test_period_helpers():
    assert period_label(Scope(year=2023)) == "2023年"
    assert period_label(Scope(start=date(2023, 3, 1))) == "2023年3月1日以来"
    assert period_label(Scope(end=date(2023, 6, 30))) == "截至2023年6月30日"
    assert previous_scope(Scope(start=date(2024, 2, 29), end=date(2024, 3, 31))) == Scope(
        start=date(2023, 2, 28), end=date(2023, 3, 31))
    assert ComparisonLine("采纳率", "%", 0.6, 0.5, is_rate=True).change == "+10个百分点"
    assert ComparisonLine("采纳率", "%", 0.5, 0.525, is_rate=True).change == "-2.5个百分点"
    assert percent_text(0.5) == "50%" and percent_text(0.52727) == "52.7%" and percent_text(None) == "—"
    assert leader_word("××区政协") == "区" and leader_word("某某县政协") == "县" and leader_word("政协") == ""
    with pytest.raises(ValidationError, match="开始日期"):
        range_scope(date(2023, 6, 1), date(2023, 3, 1))
    with pytest.raises(ValidationError, match="至少填写"):
        range_scope(None, None)
    with pytest.raises(ValidationError, match="年份"):
        year_scope(20234)


def test_county_committee_says_county_leaders(database, world):
    with database.session() as s:
        set_setting(s, COMMITTEE_NAME, "某某县政协")
        assert "获县领导批示2件" in report_paragraph(overview(s, year_scope(2023)))


def test_demo_2023_paragraph_states_the_districts_figures(demo_database):
    with demo_database.session() as s:
        text = report_paragraph(overview(s, year_scope(2023)))
        visits = stored_visit_kinds(s, 2023)
    assert visits == "实地调研13次"  # the seed: the 13 visits before the four bimonthly meetings
    assert text.startswith("全年共组织双月协商会4场、委员沙龙1场、专题议政性常委会2场、全体会议1场，"
                           f"委员开展{visits}，提出意见建议86条，其中双月协商会54条、委员沙龙9方面23条、"
                           "专题议政性常委会6条、全体会议3条；编发《政协建言》5期，获区领导批示6件，采纳率")
    assert text.endswith("%。")


def test_default_year_is_the_latest_with_held_meetings(database, world):
    from datetime import datetime

    from models.services.common import meeting_format_id
    from models.services.meetings import create_meeting
    from models.services.statistics import default_statistics_year

    with database.session() as s:
        assert default_statistics_year(s) == 2023  # M3 (2023-11, 筹备中) and M4 (2022) aside
        create_meeting(s, format_id=meeting_format_id(s, "bimonthly"), title="明年", starts_at=datetime(2024, 3, 1))
        assert default_statistics_year(s) == 2023  # a meeting being prepared has nothing to count yet


def test_default_year_without_held_meetings(database):
    from models.clock import today
    from models.services.research import create_visit
    from models.services.statistics import default_statistics_year
    from models.vocab import VisitKind

    with database.session() as s:
        assert default_statistics_year(s) == today().year  # nothing at all: this year
        create_visit(s, kind=VisitKind.FIELD_RESEARCH, visit_date=date(2022, 5, 1), title="只有调研")
        create_visit(s, kind=VisitKind.FIELD_RESEARCH, visit_date=date(today().year + 1, 5, 1), title="将来")
        assert default_statistics_year(s) == 2022  # no held meeting: the latest past year with records
