"""The demo district matches DESIGN section 5 exactly, is deterministic, and is reused."""

import sqlite3

from sqlalchemy import func
from sqlmodel import select

from models.demo import ensure_demo_database
from models.migrate import open_database
from models.paths import sqlite_url
from models.services.app_settings import set_setting
from models.services.overview import database_summary
from models.settings import DEMO_VERSION
from models.tables import (
    Aspect,
    Attendance,
    Bulletin,
    FieldVisit,
    Instruction,
    Meeting,
    MeetingFormat,
    PlanItem,
    Recommendation,
    Topic,
)
from models.vocab import Outcome

TOPICS = ["打造中心城区消费新高地", "完善社区卫生服务体系", "推进公共文化高质量发展", "提升城区绿色发展水平"]


def meetings_of(session, code, year=2023):
    return [m for m in session.exec(select(Meeting).join(MeetingFormat, Meeting.format_id == MeetingFormat.id)
                                    .where(MeetingFormat.code == code).order_by(Meeting.starts_at))
            if m.starts_at.year == year]


def test_people(demo_database):
    with demo_database.session() as session:
        summary = database_summary(session)
    assert summary.district_members == 300
    assert summary.national_members == 5 and summary.municipal_members == 25
    assert summary.guests >= 40
    assert summary.people == 300 + 5 + 20 + summary.guests  # 5 municipal members also sit on the district committee


def test_four_bimonthly_meetings_on_the_four_topics(demo_database):
    with demo_database.session() as session:
        meetings = meetings_of(session, "bimonthly")
        assert len(meetings) == 4
        assert all(m.starts_at.year == 2023 and m.status in ("已召开", "已归档") for m in meetings)
        assert [session.get(Topic, m.topic_id).title for m in meetings] == TOPICS
        plan = session.exec(select(PlanItem).where(PlanItem.year == 2023).order_by(PlanItem.position)).all()
        assert [p.meeting_id for p in plan] == [m.id for m in meetings]


def test_thirteen_research_visits_before_their_meetings(demo_database):
    with demo_database.session() as session:
        meetings = {m.id: m for m in meetings_of(session, "bimonthly")}
        visits = [v for v in session.exec(select(FieldVisit)) if v.visit_date.year == 2023]
        assert len(visits) == 13
        assert {v.kind for v in visits} == {"实地调研"}  # as the seed report says: 实地调研13次
        assert all(v.meeting_id in meetings and v.topic_id == meetings[v.meeting_id].topic_id for v in visits)
        assert all(v.visit_date < meetings[v.meeting_id].starts_at.date() for v in visits)
        assert all(v.participants and v.organizations for v in visits)


def test_fifty_four_recommendations_from_the_bimonthly_meetings(demo_database):
    with demo_database.session() as session:
        ids = [m.id for m in meetings_of(session, "bimonthly")]
        count = session.exec(select(func.count(Recommendation.id)).where(Recommendation.meeting_id.in_(ids))).one()
        assert count == 54
        # with the salon's 23, 3 from the 全体会议 and 6 from the two 专题议政性常委会
        assert session.exec(select(func.count(Recommendation.id)).where(Recommendation.year == 2023)).one() == 86


def test_one_salon_with_nine_aspects_and_twenty_three_recommendations(demo_database):
    with demo_database.session() as session:
        salons = meetings_of(session, "salon")
        assert len(salons) == 1 and salons[0].status == "已召开"
        recs = session.exec(select(Recommendation).where(Recommendation.meeting_id == salons[0].id)).all()
        assert len(recs) == 23
        assert len({r.aspect_id for r in recs}) == 9
        assert session.exec(select(func.count(Aspect.id)).where(Aspect.meeting_id == salons[0].id)).one() == 9


def test_bulletins_instructions_and_outcomes(demo_database):
    with demo_database.session() as session:
        bulletins = session.exec(select(Bulletin).order_by(Bulletin.issue_no)).all()
        bulletins = sorted(bulletins, key=lambda b: (b.year, b.issue_no))
        assert [(b.year, b.issue_no) for b in bulletins] == [(2022, n) for n in range(1, 4)] + [
            (2023, n) for n in range(1, 6)]
        assert all(b.items for b in bulletins)
        assert session.exec(select(func.count(Instruction.id))).one() == 6 + 2  # 2023's and 2022's
        outcomes = set(session.exec(select(Recommendation.outcome).distinct()
                                    .where(Recommendation.outcome.is_not(None))))
        assert outcomes and outcomes <= set(Outcome)
        assert session.exec(select(func.count(Recommendation.id)).where(Recommendation.status == "办理中")).one() > 0


def test_attendance_is_final_for_held_meetings(demo_database):
    with demo_database.session() as session:
        results = set(session.exec(select(Attendance.result).distinct()))
    assert results == {"出席", "请假", "缺席"}


FINGERPRINT = (
    "SELECT name, employer_title, mobile FROM person ORDER BY id",
    "SELECT title, starts_at, status FROM meeting ORDER BY id",
    "SELECT meeting_id, person_id, role, invite_status, leave_reason, checked_in_at, result FROM attendance"
    " ORDER BY id",
    "SELECT kind, visit_date, title FROM field_visit ORDER BY id",
    "SELECT title, year, proposed_on, status, outcome, reply_date FROM recommendation ORDER BY id",
)


def names_and_titles(path):
    """People, meetings, attendance, visits and recommendations as stored (ids included)."""
    with sqlite3.connect(path) as connection:
        return [connection.execute(query).fetchall() for query in FINGERPRINT]


def test_generator_is_deterministic(demo_template, tmp_path):
    again = ensure_demo_database(tmp_path / "again.sqlite")
    assert names_and_titles(again) == names_and_titles(demo_template)


def test_demo_is_built_once_and_rebuilt_when_outdated(demo_file):
    built = demo_file.stat().st_mtime_ns
    assert ensure_demo_database(demo_file) == demo_file
    assert demo_file.stat().st_mtime_ns == built  # reused as it is

    db = open_database(sqlite_url(demo_file)).database
    with db.session() as session:
        set_setting(session, DEMO_VERSION, -1)
    db.dispose()
    ensure_demo_database(demo_file)
    set_aside = list(demo_file.parent.glob("consultdesk-demo.old-demo-*.sqlite"))
    assert len(set_aside) == 1
    db = open_database(sqlite_url(demo_file)).database
    with db.session() as session:
        assert database_summary(session).recommendations == 86 + 28  # 2023 and 2022
    db.dispose()


def test_the_demo_district_has_a_name_and_a_new_office_database_has_none(demo_database, database):
    from models.services.app_settings import committee_name, committee_name_missing, print_issuer

    with demo_database.session() as session:  # made up: sheets read like a real office's, not "××区政协"
        assert committee_name(session) == "江滨区政协" and print_issuer(session) == "江滨区政协办公室"
        assert not committee_name_missing(session)
    with database.session() as session:  # an office's new database waits for the office's own name
        assert committee_name_missing(session) and committee_name(session) == "××区政协"
