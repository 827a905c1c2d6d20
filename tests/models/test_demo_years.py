"""The demo's 2022 and its 全体会议/常委会议: real figures to compare with, real participation to judge."""

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import select

from models.services.performance import format_infos, member_activities, member_records
from models.services.performance_scheme import get_scheme
from models.services.statistics import comparison, overview, report_paragraph, year_scope
from models.tables import Attendance, FieldVisit, Meeting, MeetingFormat, Membership, Recommendation
from models.vocab import Level, MemberRole

# 谈话提醒 among the 300 district members: a small minority (the demo lists 19 in 2023, 18 in 2022).
REMINDERS = range(15, 46)  # 5 % to 15 %


def test_every_comparison_has_a_2022_figure(demo_database):
    with demo_database.session() as s:
        ov = overview(s, year_scope(2023))
    assert ov.previous.label == "2022年"
    lines = comparison(ov)
    formats = {line.label.strip() for line in lines if line.label.startswith("　")}
    assert formats == {"双月协商会", "委员沙龙", "专题议政性常委会", "全体会议"}
    zero = [line.label for line in lines if not line.current or not line.previous]
    assert zero == []  # every line, cards included, has a figure on both sides
    # A smaller year: fewer meetings, visits and recommendations than 2023.
    assert ov.previous.figures.meetings < ov.current.figures.meetings
    assert ov.previous.figures.visits < ov.current.figures.visits
    assert ov.previous.figures.recommendations < ov.current.figures.recommendations


def test_2022_is_a_finished_year_of_its_own(demo_database):
    with demo_database.session() as s:
        paragraph = report_paragraph(overview(s, year_scope(2022)))
        recs = s.exec(select(Recommendation).where(Recommendation.year == 2022)).all()
        visits = s.exec(select(FieldVisit).where(FieldVisit.visit_date < date(2023, 1, 1))).all()
        meetings = {m.id: m for m in s.exec(select(Meeting).where(Meeting.starts_at < datetime(2023, 1, 1)))}
    assert paragraph.startswith("全年共组织双月协商会2场、委员沙龙1场、专题议政性常委会1场、全体会议1场")
    assert recs and all(r.status == "已办结" and r.outcome for r in recs)
    assert {m.status for m in meetings.values()} == {"已归档"}
    assert {v.kind for v in visits} == {"实地调研", "视察", "座谈", "走访"}
    assert all(v.meeting_id in meetings and v.visit_date < meetings[v.meeting_id].starts_at.date() for v in visits)


def _expected(s, year: int, format_name: str) -> list[tuple[int, int]]:
    """(invited, of whom district members) for each meeting of the format in the year."""
    district = set(s.exec(select(Membership.person_id).where(Membership.level == Level.DISTRICT)))
    rows = []
    for meeting in s.exec(select(Meeting).join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
                          .where(MeetingFormat.name == format_name).order_by(Meeting.starts_at)):
        if meeting.starts_at.year == year:
            people = set(s.exec(select(Attendance.person_id).where(Attendance.meeting_id == meeting.id)))
            rows.append(people & district)
    return rows


def test_every_member_at_the_plenary_every_standing_member_at_the_sessions(demo_database):
    with demo_database.session() as s:
        district = set(s.exec(select(Membership.person_id).where(Membership.level == Level.DISTRICT)))
        standing = set(s.exec(select(Membership.person_id).where(
            Membership.level == Level.DISTRICT, Membership.role != MemberRole.MEMBER)))
        for year in (2022, 2023):
            assert _expected(s, year, "全体会议") == [district]
            assert all(invited == standing for invited in _expected(s, year, "专题议政性常委会"))
        results = dict(s.exec(select(Attendance.result, func.count())
                              .join(Meeting, Meeting.id == Attendance.meeting_id)
                              .join(MeetingFormat, MeetingFormat.id == Meeting.format_id)
                              .where(MeetingFormat.name == "全体会议").group_by(Attendance.result)).all())
    assert len(standing) == 47
    assert results["出席"] > 8 * (results["请假"] + results["缺席"]) > 0  # few miss the plenary, but some do


def test_talk_reminders_are_a_small_minority(demo_database):
    with demo_database.session() as s:
        scheme, formats = get_scheme(s), format_infos(s)
        counts = {}
        for year in (2022, 2023):
            records = member_records(member_activities(s, year), scheme, formats)
            assert len(records) == 300
            counts[year] = sum(bool(r.reminders) for r in records)
            # 履职档案: everyone was expected at the plenary
            plenary = next(f.key for f in formats if f.name == "全体会议")
            assert all(r.activity.meetings[plenary].invited == 1 for r in records)
    assert counts[2023] in REMINDERS and counts[2022] in REMINDERS, counts
