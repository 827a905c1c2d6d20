"""履职档案 and 履职积分: counts per member by hand, scores with the default and a changed scheme."""

from dataclasses import replace
from datetime import date

import pytest

from models.clock import today
from models.errors import ValidationError
from models.services.invitees import invite
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.performance import (
    Tally,
    band_counts,
    format_infos,
    member_activities,
    member_records,
    score,
)
from models.services.performance_detail import member_detail
from models.services.performance_scheme import (
    Band,
    Scheme,
    get_scheme,
    reset_scheme,
    save_scheme,
    scheme_lines,
)
from models.vocab import InviteStatus, Level
from tests.models.statistics_world import build_world


@pytest.fixture
def world(database):
    return build_world(database)


def _records(database, year=2023, scheme=None, level=Level.DISTRICT):
    with database.session() as s:
        formats = format_infos(s)
        activities = member_activities(s, year, level)
    return {r.activity.name: r for r in member_records(activities, scheme or Scheme(), formats)}


def test_who_is_listed(database, world):
    records = _records(database)
    assert set(records) == {"甲", "乙", "丙", "己", "辛"}  # 丁 is national only, 戊 and 庚 are guests
    assert records["乙"].activity.since == date(2023, 7, 1)
    assert records["乙"].activity.service_note == "2023年7月1日起任委员"
    assert records["辛"].activity.until == date(2023, 5, 31)
    assert records["甲"].activity.sector == "经济"
    assert set(_records(database, level=Level.NATIONAL)) == {"丁"}
    assert set(_records(database, year=2024)) == {"甲", "乙", "丙", "己"}  # 辛 left in 2023


def test_counts_per_member(database, world):
    records = _records(database)
    jia = records["甲"].activity
    assert jia.meetings == {"bimonthly": Tally(1, 1, 0), "salon": Tally(1, 0, 0)}  # M3 is not held
    assert (jia.total.invited, jia.total.present, jia.total.leave, jia.total.absent) == (2, 1, 0, 1)
    assert (jia.visits, jia.recommendations, jia.adopted, jia.bulletins, jia.instructions) == (2, 2, 1, 1, 2)
    # 乙 joined on 1 July: M1 and V1 came before and are not theirs; recommendations count by year.
    yi = records["乙"].activity
    assert yi.meetings == {"salon": Tally(1, 1, 0)}
    assert (yi.visits, yi.recommendations, yi.adopted, yi.bulletins, yi.instructions) == (1, 2, 1, 1, 2)
    # 丙: r4 is a merged duplicate, never counted, nor the instruction on it.
    bing = records["丙"].activity
    assert bing.meetings == {"bimonthly": Tally(1, 0, 1), "salon": Tally(1, 1, 0)}
    assert (bing.visits, bing.recommendations, bing.adopted, bing.bulletins, bing.instructions) == (0, 1, 1, 0, 0)
    ji = records["己"].activity
    assert ji.meetings == {"bimonthly": Tally(1, 0, 0)} and not ji.has_activity
    assert records["辛"].activity.meetings == {"bimonthly": Tally(1, 1, 0)}


def test_default_scheme_scores_and_bands(database, world):
    records = _records(database)
    # 60 + 5 (双月) + 2×3 (visits) + 2×2 (recs) + 3 (adopted) − 5 (absent)
    assert records["甲"].score.total == 73 and records["甲"].score.band == "称职"
    assert records["乙"].score.total == 60 + 3 + 3 + 4 + 3
    assert records["丙"].score.total == 60 + 3 + 2 + 3 - 1  # leave costs 1
    assert records["己"].score.total == 55 and records["己"].score.band == "不称职"
    assert records["辛"].score.total == 65
    lines = {line.label: (line.count, line.each, line.points) for line in records["甲"].score.lines}
    assert lines == {"基础分": (1, 60, 60), "出席双月协商会": (1, 5, 5), "参加调研视察": (2, 3, 6),
                     "提出意见建议": (2, 2, 4), "意见建议被采纳": (1, 3, 3), "无故缺席": (1, -5, -5)}
    assert records["己"].reminders == ("积分55分，低于60分（不称职）", "全年无出席会议、调研视察和意见建议记录")
    assert records["甲"].reminders == ()
    assert band_counts(list(records.values()), Scheme()) == {"优秀": 0, "良好": 0, "称职": 4, "不称职": 1}


def test_changed_scheme_recomputes(database, world):
    scheme = Scheme(base=70, meeting_points={"bimonthly": 10, "salon": 3, "other": 2}, absence=10,
                    bands=(Band("优秀", 80), Band("合格", 60)), lowest_band="不合格")
    records = _records(database, scheme=scheme)
    assert records["甲"].score.total == 70 + 10 + 6 + 4 + 3 - 10 and records["甲"].score.band == "优秀"
    assert records["己"].score.total == 60 and records["己"].score.band == "合格"
    assert records["己"].reminders == ("全年无出席会议、调研视察和意见建议记录",)
    assert records["辛"].score.total == 80 and records["辛"].score.band == "优秀"  # the threshold is ≥
    assert band_counts(list(records.values()), scheme) == {"优秀": 3, "合格": 2, "不合格": 0}


def test_cap_and_floor(database, world):
    with database.session() as s:
        formats = format_infos(s)
        activities = {a.name: a for a in member_activities(s, 2023)}
    high = score(activities["甲"], Scheme(base=95), formats)
    assert (high.raw, high.total, high.band) == (108, 100, "优秀")
    low = score(activities["己"], Scheme(base=0, absence=50), formats)
    assert (low.raw, low.total) == (-50, 0)
    uncapped = score(activities["甲"], Scheme(base=95, maximum=None), formats)
    assert uncapped.total == 108


def test_unknown_format_scores_as_other(database, world):
    with database.session() as s:
        formats = format_infos(s)
        activity = member_activities(s, 2023)[0]
    scheme = Scheme(meeting_points={"other": 7})
    assert scheme.points_for("bimonthly") == 7 and scheme.points_for(None) == 7
    assert score(activity, scheme, formats).total >= 0


def test_no_meetings_in_the_year(database, world):
    records = _records(database, year=2021)
    assert set(records) == {"甲", "丙", "己", "辛"}  # 乙 only joined in 2023
    for record in records.values():
        assert record.activity.total == Tally() and record.score.total == 60
        assert record.reminders == ("全年无出席会议、调研视察和意见建议记录",)


def test_scheme_is_stored_and_validated(database):
    with database.session() as s:
        assert get_scheme(s) == Scheme()
        changed = replace(Scheme(), visit=4.5, meeting_points={**Scheme().meeting_points, "salon": 6})
        save_scheme(s, changed)
    with database.session() as s:
        stored = get_scheme(s)
        assert stored.visit == 4.5 and stored.meeting_points["salon"] == 6
        assert reset_scheme(s) == Scheme()
    bad = [
        (replace(Scheme(), visit=-1), "调研分值应在0至1000之间"),
        (replace(Scheme(), absence="五"), "缺席扣分应为数字"),
        (replace(Scheme(), bands=(Band("优秀", 80), Band("良好", 90))), "从高到低"),
        (replace(Scheme(), bands=(Band("优秀", 90), Band("优秀", 80))), "不能重复"),
        (replace(Scheme(), lowest_band=" "), "不能为空"),
        (replace(Scheme(), base=120), "基础分不能高于最高分"),
        (replace(Scheme(), bands=()), "至少需要一个"),
    ]
    for scheme, message in bad:
        with database.session() as s, pytest.raises(ValidationError, match=message):
            save_scheme(s, scheme)
    with database.session() as s:
        assert get_scheme(s) == Scheme()


def test_damaged_setting_falls_back_to_default(database):
    from models.services.app_settings import set_setting
    from models.settings import PERFORMANCE_SCHEME
    with database.session() as s:
        set_setting(s, PERFORMANCE_SCHEME, {"bands": [["优秀", "很多"]]})
        assert get_scheme(s) == Scheme()


def test_scheme_explained_in_words():
    names = {"bimonthly": "双月协商会", "salon": "委员沙龙", "counterpart": "对口协商", "standing": "专题议政性常委会",
             "chairs": "主席会议"}
    lines = scheme_lines(Scheme(), names)
    assert lines[0] == "基础分60分。"
    assert "出席双月协商会每次5分" in lines[1] and "意见建议被采纳（含部分采纳）每条另加3分" in lines[1]
    assert lines[2] == "扣分：无故缺席每次扣5分；请假每次扣1分。"
    assert lines[4] == ("等次：90分及以上为优秀；80分及以上、不足90分为良好；60分及以上、不足80分为称职；"
                        "不足60分为不称职。")


def test_demo_records(demo_database):
    with demo_database.session() as s:
        formats = format_infos(s)
        records = member_records(member_activities(s, 2023), Scheme(), formats)
        # The same number read the slow way: every held meeting's list, district members checked in.
        by_hand = sum(1 for meeting in list_meetings(s, 2023) if meeting.status in ("已召开", "已归档")
                      for row in list_invitees(s, meeting.id)
                      if "区" in row.levels and row.checked_in and row.role != "工作人员")
    assert len(records) == 300  # every district member of the demo
    assert sum(r.activity.total.present for r in records) == by_hand
    assert any(r.reminders for r in records) and any(r.score.band == "优秀" for r in records)


def _detail_agrees(detail) -> None:
    activity = detail.activity
    assert len(detail.meetings) == activity.total.invited
    assert sum(m.result == "出席" for m in detail.meetings) == activity.total.present
    assert sum(m.result == "请假" for m in detail.meetings) == activity.total.leave
    assert sum(m.result == "缺席" for m in detail.meetings) == activity.total.absent
    assert len(detail.visits) == activity.visits
    assert len(detail.recommendations) == activity.recommendations
    assert sum(r.adopted for r in detail.recommendations) == activity.adopted
    assert len(detail.bulletins) == activity.bulletins
    assert len(detail.instructions) == activity.instructions


def test_one_member_page_lists_what_was_counted(database, world):
    with database.session() as s:
        formats = format_infos(s)
        detail = member_detail(s, world.people["甲"], 2023, Scheme(), formats)
        assert member_detail(s, world.people["丁"], 2023, Scheme(), formats) is None  # not a district member
        others = [member_detail(s, world.people[name], 2023, Scheme(), formats) for name in ("乙", "丙", "己", "辛")]
    assert [(m.title, m.result) for m in detail.meetings] == [("一", "出席"), ("二", "缺席")]
    assert [(v.title, v.role) for v in detail.visits] == [("V1", "带队"), ("V2", "参加")]
    assert [(r.title, r.source, r.outcome) for r in detail.recommendations] == [("r1", "一", "采纳"),
                                                                                ("r2", "一", "留作参考")]
    assert detail.bulletins == ("2023年第1期《B1》",)
    assert [(i.leader, i.on) for i in detail.instructions] == [("区长", "2023年第1期《B1》"), ("区委书记", "《r1》")]
    assert detail.score.total == 73
    for other in [detail, *others]:
        _detail_agrees(other)


def test_demo_pages_agree_with_the_list(demo_database):
    with demo_database.session() as s:
        formats = format_infos(s)
        activities = [a for a in member_activities(s, 2023) if a.has_activity][:40]
        for activity in activities:
            _detail_agrees(member_detail(s, activity.person_id, 2023, Scheme(), formats, activity=activity))


def test_part_year_member_without_activity_is_not_listed_for_it(database, world):
    from models.services.people import MembershipData, PersonData, save_person

    with database.session() as s:
        save_person(s, PersonData(name="壬", memberships=[MembershipData(level=Level.DISTRICT,
                                                                         start_date=date(2023, 11, 1))]))
        save_person(s, PersonData(name="癸", memberships=[MembershipData(level=Level.DISTRICT,
                                                                         start_date=date(2023, 3, 1))]))
    records = _records(database)
    assert records["壬"].activity.served_days == 61 and records["壬"].reminders == ()
    assert records["癸"].activity.served_days == 306
    assert records["癸"].reminders == ("全年无出席会议、调研视察和意见建议记录",)
    assert records["辛"].activity.served_days == 151  # left on 31 May


def test_membership_without_start_date_counts_from_the_year_it_was_entered(database, world):
    """Someone entered today is not accountable for past years; one entered in September 2023 counts for all
    of 2023 (the year's earlier meetings may be entered after the roster), and the record says so."""
    from datetime import datetime

    from sqlmodel import select

    from models.services.people import MembershipData, PersonData, save_person
    from models.tables import Membership

    with database.session() as s:
        today_id = save_person(s, PersonData(name="壬", memberships=[MembershipData(level=Level.DISTRICT)]))
        september_id = save_person(s, PersonData(name="癸", memberships=[MembershipData(level=Level.DISTRICT)]))
        membership = s.exec(select(Membership).where(Membership.person_id == september_id)).one()
        membership.created_at = datetime(2023, 9, 1, 10, 30)
        for mid in (world.meetings["M1"], world.meetings["M2"]):  # March and September
            invite(s, mid, september_id, invite_status=InviteStatus.NOTIFIED)
    records = _records(database)
    assert "壬" not in records  # entered this year (no start date): not a 2023 member
    now = _records(database, year=today().year)["壬"].activity
    assert now.service_note == f"未填任职起始日期，按录入当年（{today().year}年）全年在任计"
    gui = records["癸"].activity
    assert gui.since is None and gui.start_assumed == 2023 and gui.served_days is None
    assert gui.service_note == "未填任职起始日期，按录入当年（2023年）全年在任计"
    assert gui.total.invited == 2  # March too: the whole year
    assert "癸" not in _records(database, year=2022)  # not before the year it was entered
    assert _records(database, year=2024)["癸"].activity.service_note == ""  # later years: a member all year
    with database.session() as s:
        assert member_detail(s, today_id, 2023, Scheme(), format_infos(s)) is None
        detail = member_detail(s, september_id, 2023, Scheme(), format_infos(s))
    assert [m.title for m in detail.meetings] == ["一", "二"]
