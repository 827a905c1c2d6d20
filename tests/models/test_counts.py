"""The report figures: a small world counted by hand, then the demo's published numbers."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import event
from sqlmodel import select

from models.errors import ValidationError
from models.services.common import meeting_format_id
from models.services.counts import (
    Scope,
    adoption_rate,
    aspect_summary,
    count_bulletins,
    count_instructions,
    count_meetings,
    count_overdue,
    count_recommendations,
    count_visits,
    count_visits_by_kind,
    figures,
    meetings_by_format,
    recommendations_by_aspect,
    recommendations_by_outcome,
    recommendations_by_status,
)
from models.services.meetings import change_meeting_status, create_meeting
from models.services.recommendation_queries import is_overdue
from models.services.recommendations import (
    add_aspect,
    add_instruction,
    add_recommendation,
    change_recommendation_status,
    create_bulletin,
    set_outcome,
)
from models.services.research import create_visit
from models.services.topics import create_topic
from models.tables import Meeting, Recommendation
from models.vocab import ADOPTED_OUTCOMES, MeetingStatus, Outcome, RecommendationSource, TopicSource, VisitKind
from models.vocab import RecommendationStatus as St

PATH = (St.COMPILED, St.SUBMITTED, St.ASSIGNED, St.HANDLING, St.CONCLUDED)
B, S = "双月协商会", "委员沙龙"


@dataclass
class World:
    topic: int
    m1: int
    m2: int
    m3: int
    m4: int


def _advance(session, rec_id: int, target: str) -> None:
    for status in PATH[:PATH.index(target) + 1]:
        change_recommendation_status(session, rec_id, status, on=date(2023, 5, 1))


def _rec(session, title, *, year, meeting=None, visit=None, aspect=None, proposed_on=None, deadline=None,
         source=RecommendationSource.MEETING) -> int:
    return add_recommendation(session, title=title, content=title + "的内容", year=year, source_kind=source,
                              meeting_id=meeting, field_visit_id=visit, aspect_id=aspect, proposed_on=proposed_on,
                              deadline=deadline)


@pytest.fixture
def world(database) -> World:
    """Meetings M1 (双月, 2023-04-20, topic T, 已召开), M2 (沙龙, 2023-09-15, 已归档),
    M3 (双月, 2024-03-10, 已召开), M4 (双月, 2023-11-01, 筹备中).

    Visits: V1 2023-03-01 实地调研 (T, M1); V2 2023-03-15 座谈 (T, M1); V3 2023-06-01 视察 (unlinked);
    V4 2024-02-01 实地调研 (M3); V5 2022-12-20 走访 (M1, no topic → T through its meeting).

    Recommendations (status, outcome, deadline):
      M1, aspect A1 产业发展: r1 已办结 采纳 (due 07-01, replied), r2 已办结 部分采纳 (due 07-01, no reply),
                              r3 已办结 留作参考
      M1, aspect A2 营商环境: r4 办理中 (due 2023-07-01), r5 已交办 (due 2023-09-01),
                              r6 merged duplicate of r4 (due 2023-07-01)
      M2, aspect A3 人才: r7 已办结 因条件限制暂不能采纳, r8 已报送 (due 2023-07-15, replied 07-10);
          aspect A4 (no recommendation); r9 提出, no aspect
      V1, aspect A5 调研发现: r10 提出, year 2023 with no date, due 2023-05-01
      M3, aspect A6 生态: r11 已办结 采纳, r12 提出 (due 2024-04-01)
      r13 社情民意, year 2022, no date, no aspect, 提出
    Bulletins: B1 2023#1 (2023-05-10, M1: r1-r5); B2 2023#2 (2023-10-01, M2: r7 r8); B3 2024#1 (2024-03-20,
    no meeting: r11).
    Instructions: I1 on B1 (2023-05-15); I2 on r1 (2023-05-20); I3 on B3 (2024-03-25); I4 on r13 (2023-01-10);
    I5 on r6, the duplicate (2023-05-25, never counted); I6 on B2, undated (falls back to 2023).
    """
    with database.session() as s:
        bimonthly, salon = meeting_format_id(s, "bimonthly"), meeting_format_id(s, "salon")
        topic = create_topic(s, year=2023, title="营商环境", source=TopicSource.LEADER)
        m1 = create_meeting(s, format_id=bimonthly, title="一", starts_at=datetime(2023, 4, 20, 14), topic_id=topic)
        m2 = create_meeting(s, format_id=salon, title="二", starts_at=datetime(2023, 9, 15, 9))
        m3 = create_meeting(s, format_id=bimonthly, title="三", starts_at=datetime(2024, 3, 10, 14))
        m4 = create_meeting(s, format_id=bimonthly, title="四", starts_at=datetime(2023, 11, 1, 14))
        for meeting in (m1, m2, m3):
            change_meeting_status(s, meeting, MeetingStatus.HELD)
        change_meeting_status(s, m2, MeetingStatus.ARCHIVED)
        v1 = create_visit(s, kind=VisitKind.FIELD_RESEARCH, visit_date=date(2023, 3, 1), title="V1", topic_id=topic,
                          meeting_id=m1)
        create_visit(s, kind=VisitKind.SYMPOSIUM, visit_date=date(2023, 3, 15), title="V2", topic_id=topic,
                     meeting_id=m1)
        create_visit(s, kind=VisitKind.INSPECTION, visit_date=date(2023, 6, 1), title="V3")
        create_visit(s, kind=VisitKind.FIELD_RESEARCH, visit_date=date(2024, 2, 1), title="V4", meeting_id=m3)
        create_visit(s, kind=VisitKind.CALL, visit_date=date(2022, 12, 20), title="V5", meeting_id=m1)

        a1, a2 = add_aspect(s, "产业发展", meeting_id=m1), add_aspect(s, "营商环境", meeting_id=m1)
        d1, july, sept = date(2023, 4, 20), date(2023, 7, 1), date(2023, 9, 1)
        r1 = _rec(s, "r1", year=2023, meeting=m1, aspect=a1, proposed_on=d1, deadline=july)
        r2 = _rec(s, "r2", year=2023, meeting=m1, aspect=a1, proposed_on=d1, deadline=july)
        r3 = _rec(s, "r3", year=2023, meeting=m1, aspect=a1, proposed_on=d1)
        r4 = _rec(s, "r4", year=2023, meeting=m1, aspect=a2, proposed_on=d1, deadline=july)
        r5 = _rec(s, "r5", year=2023, meeting=m1, aspect=a2, proposed_on=d1, deadline=sept)
        r6 = _rec(s, "r6", year=2023, meeting=m1, aspect=a2, proposed_on=d1, deadline=july)
        s.get(Recommendation, r6).duplicate_of_id = r4
        a3 = add_aspect(s, "人才", meeting_id=m2)
        add_aspect(s, "空方面", meeting_id=m2)
        d2 = date(2023, 9, 15)
        r7 = _rec(s, "r7", year=2023, meeting=m2, aspect=a3, proposed_on=d2)
        r8 = _rec(s, "r8", year=2023, meeting=m2, aspect=a3, proposed_on=d2, deadline=date(2023, 7, 15))
        _rec(s, "r9", year=2023, meeting=m2, proposed_on=d2)
        a5 = add_aspect(s, "调研发现", field_visit_id=v1)
        _rec(s, "r10", year=2023, visit=v1, aspect=a5, deadline=date(2023, 5, 1), source=RecommendationSource.VISIT)
        a6 = add_aspect(s, "生态", meeting_id=m3)
        r11 = _rec(s, "r11", year=2024, meeting=m3, aspect=a6, proposed_on=date(2024, 3, 10))
        _rec(s, "r12", year=2024, meeting=m3, aspect=a6, proposed_on=date(2024, 3, 10), deadline=date(2024, 4, 1))
        r13 = _rec(s, "r13", year=2022, source=RecommendationSource.SOCIAL_CONDITIONS)

        for rec_id, status, outcome, reply in ((r1, St.CONCLUDED, Outcome.ADOPTED, date(2023, 6, 20)),
                                               (r2, St.CONCLUDED, Outcome.PARTLY_ADOPTED, None),
                                               (r3, St.CONCLUDED, Outcome.REFERENCE, date(2023, 6, 1)),
                                               (r4, St.HANDLING, None, None), (r5, St.ASSIGNED, None, None),
                                               (r7, St.CONCLUDED, Outcome.NOT_FEASIBLE, date(2023, 11, 1)),
                                               (r8, St.SUBMITTED, None, None),
                                               (r11, St.CONCLUDED, Outcome.ADOPTED, date(2024, 5, 1))):
            _advance(s, rec_id, status)
            if outcome:
                set_outcome(s, rec_id, outcome, reply_date=reply)
        s.get(Recommendation, r8).reply_date = date(2023, 7, 10)

        b1 = create_bulletin(s, year=2023, issue_no=1, title="B1", issued_on=date(2023, 5, 10), meeting_id=m1,
                             recommendation_ids=[r1, r2, r3, r4, r5])
        b2 = create_bulletin(s, year=2023, issue_no=2, title="B2", issued_on=date(2023, 10, 1), meeting_id=m2,
                             recommendation_ids=[r7, r8])
        b3 = create_bulletin(s, year=2024, issue_no=1, title="B3", issued_on=date(2024, 3, 20),
                             recommendation_ids=[r11])
        add_instruction(s, leader_name="甲", instructed_on=date(2023, 5, 15), bulletin_id=b1)
        add_instruction(s, leader_name="乙", instructed_on=date(2023, 5, 20), recommendation_id=r1)
        add_instruction(s, leader_name="甲", instructed_on=date(2024, 3, 25), bulletin_id=b3)
        add_instruction(s, leader_name="丙", instructed_on=date(2023, 1, 10), recommendation_id=r13)
        add_instruction(s, leader_name="丙", instructed_on=date(2023, 5, 25), recommendation_id=r6)
        add_instruction(s, leader_name="丁", instructed_on=None, bulletin_id=b2)
    return World(topic, m1, m2, m3, m4)


def _status(**given) -> dict:
    return {str(status): given.get(status.name, 0) for status in St}


def _outcome(adopted=0, partly=0, planned=0, reference=0, not_feasible=0) -> dict:
    return dict(zip(map(str, Outcome), (adopted, partly, planned, reference, not_feasible), strict=True))


def test_everything(database, world):
    with database.session() as s:
        every = Scope()
        assert count_visits(s, every) == 5
        assert count_recommendations(s, every) == 12  # r1-r13 less the duplicate r6
        assert recommendations_by_status(s, every) == _status(PROPOSED=4, SUBMITTED=1, ASSIGNED=1, HANDLING=1,
                                                              CONCLUDED=5)  # 提出 r9 r10 r12 r13
        assert recommendations_by_outcome(s, every) == _outcome(adopted=2, partly=1, reference=1, not_feasible=1)
        assert adoption_rate(s, every) == pytest.approx(3 / 5)
        assert aspect_summary(s, every) == "5方面12条"  # A1 A2 A3 A5 A6; A4 is empty
        assert count_bulletins(s, every) == 3
        assert count_instructions(s, every) == 5  # I1-I4, I6; never I5 on the duplicate
        assert count_meetings(s, every) == 3
        assert count_meetings(s, every, held_only=False) == 4
        # Overdue: r4 and r10 by 2023-08-01 (r1 replied, r2 已办结, r6 a duplicate, r8 replied);
        # r5 too by 2023-10-01; r12 too by 2024-05-01.
        dates = (date(2023, 8, 1), date(2023, 10, 1), date(2024, 5, 1))
        assert [count_overdue(s, every, on) for on in dates] == [2, 3, 4]
        recs = s.exec(select(Recommendation)).all()
        for on in (date(2023, 8, 1), date(2024, 5, 1)):
            by_rule = sum(is_overdue(r.deadline, r.reply_date, r.status, r.duplicate_of_id, on) for r in recs)
            assert count_overdue(s, every, on) == by_rule


def test_a_year(database, world):
    with database.session() as s:
        y2023 = Scope(year=2023)
        assert count_visits(s, y2023) == 3  # V1 V2 V3
        assert count_visits_by_kind(s, y2023) == {"实地调研": 1, "视察": 1, "座谈": 1, "走访": 0}
        assert count_recommendations(s, y2023) == 9  # r1-r5, r7-r10
        # Reading order: by source (the visit's aspect has no meeting), then position.
        assert recommendations_by_aspect(s, y2023) == [("调研发现", 1), ("产业发展", 3), ("营商环境", 2), ("人才", 2)]
        assert aspect_summary(s, y2023) == "4方面9条"
        assert recommendations_by_status(s, y2023) == _status(PROPOSED=2, SUBMITTED=1, ASSIGNED=1, HANDLING=1,
                                                              CONCLUDED=4)
        assert adoption_rate(s, y2023) == pytest.approx(2 / 4)  # r1 r2 of r1 r2 r3 r7
        assert count_bulletins(s, y2023) == 2
        assert count_instructions(s, y2023) == 4  # I1 I2 I4 (a 2022 recommendation, instructed 2023), I6 undated
        assert meetings_by_format(s, y2023) == {B: 1, S: 1}
        assert meetings_by_format(s, y2023, held_only=False) == {B: 2, S: 1}
        assert count_overdue(s, y2023, date(2023, 8, 1)) == 2

        y2022 = Scope(year=2022)  # only V5 and r13, which has no aspect
        assert (count_visits(s, y2022), aspect_summary(s, y2022), adoption_rate(s, y2022)) == (1, "1条", None)
        assert (count_instructions(s, y2022), count_bulletins(s, y2022), meetings_by_format(s, y2022)) == (0, 0, {})

        y2024 = Scope(year=2024)
        assert (count_visits(s, y2024), aspect_summary(s, y2024), adoption_rate(s, y2024)) == (1, "1方面2条", 1.0)
        assert (count_bulletins(s, y2024), count_instructions(s, y2024), count_meetings(s, y2024)) == (1, 1, 1)


def test_a_format_in_a_year(database, world):
    with database.session() as s:
        bimonthly = Scope(year=2023, format_code="bimonthly")
        assert count_visits(s, bimonthly) == 2  # V1 V2; V3 is unlinked, V5 is 2022
        assert aspect_summary(s, bimonthly) == "2方面5条"  # r10 came from a visit, not the meeting
        assert count_bulletins(s, bimonthly) == 1
        assert count_instructions(s, bimonthly) == 2  # I1 on B1 and I2 on r1 of B1: two instructions
        assert count_meetings(s, bimonthly) == 1
        assert count_meetings(s, bimonthly, held_only=False) == 2

        salon = Scope(year=2023, format_code="salon")
        assert count_visits(s, salon) == 0
        assert recommendations_by_aspect(s, salon) == [("人才", 2)]
        assert aspect_summary(s, salon) == "1方面3条"  # r9 has no aspect but is counted
        assert recommendations_by_outcome(s, salon) == _outcome(not_feasible=1)
        assert adoption_rate(s, salon) == 0.0
        assert count_overdue(s, salon, date(2023, 8, 1)) == 0  # r8 was replied to
        assert (count_bulletins(s, salon), count_instructions(s, salon)) == (1, 1)  # B2, I6
        assert meetings_by_format(s, salon) == {S: 1}


def test_a_meeting_and_a_topic(database, world):
    with database.session() as s:
        m1 = Scope(meeting_id=world.m1)
        assert count_visits(s, m1) == 3  # V1 V2 V5
        assert aspect_summary(s, m1) == "2方面5条"
        assert recommendations_by_status(s, m1) == _status(ASSIGNED=1, HANDLING=1, CONCLUDED=3)
        assert recommendations_by_outcome(s, m1) == _outcome(adopted=1, partly=1, reference=1)
        assert adoption_rate(s, m1) == pytest.approx(2 / 3)
        assert [count_overdue(s, m1, on) for on in (date(2023, 8, 1), date(2023, 10, 1))] == [1, 2]  # r4; r5
        # B1 both names M1 and carries its recommendations: one bulletin; I1 and I2 once each.
        assert (count_bulletins(s, m1), count_instructions(s, m1), count_meetings(s, m1)) == (1, 2, 1)

        topic = Scope(topic_id=world.topic)
        assert count_visits(s, topic) == 3  # V1 V2 of the topic, V5 through its meeting
        assert count_visits(s, Scope(topic_id=world.topic, year=2023)) == 2
        assert aspect_summary(s, topic) == "3方面6条"  # M1's five and r10 of V1
        assert count_overdue(s, topic, date(2023, 8, 1)) == 2  # r4 r10
        assert (count_bulletins(s, topic), count_instructions(s, topic), count_meetings(s, topic)) == (1, 2, 1)

        m3 = Scope(meeting_id=world.m3)  # B3 has no meeting but carries r11 of M3
        assert (count_visits(s, m3), count_recommendations(s, m3)) == (1, 2)
        assert (count_bulletins(s, m3), count_instructions(s, m3)) == (1, 1)

        m4 = Scope(meeting_id=world.m4)  # in preparation
        assert (count_meetings(s, m4), count_meetings(s, m4, held_only=False)) == (0, 1)
        assert count_recommendations(s, m4) == 0


def test_a_date_range(database, world):
    with database.session() as s:
        spring = Scope(start=date(2023, 4, 1), end=date(2023, 6, 30))
        assert count_visits(s, spring) == 1  # V3
        assert count_recommendations(s, spring) == 6  # r1-r5 proposed 04-20; r10 undated, of 2023
        assert count_meetings(s, spring) == 1  # M1
        assert count_bulletins(s, spring) == 1  # B1
        assert count_instructions(s, spring) == 3  # I1 I2, and I6 (undated, its bulletin of 2023)
        one_day = Scope(start=date(2023, 4, 20), end=date(2023, 4, 20))  # a meeting at 14:00 is on its day
        assert (count_meetings(s, one_day), count_recommendations(s, one_day)) == (1, 6)
        late = Scope(start=date(2023, 10, 1))
        assert (count_meetings(s, late), count_meetings(s, late, held_only=False)) == (1, 2)  # M3; M4
        assert count_bulletins(s, late) == 2  # B2 B3
    with pytest.raises(ValidationError):
        Scope(start=date(2023, 2, 1), end=date(2023, 1, 1))


def test_figures_gather_everything_with_aggregate_queries(database, world):
    statements = []

    def remember(_conn, _cursor, statement, *_args):
        statements.append(statement.lower())

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        with database.session() as s:
            result = figures(s, Scope(year=2023), on=date(2023, 8, 1))
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert (result.visits, result.recommendations, result.aspects, result.aspect_summary) == (3, 9, 4, "4方面9条")
    assert (result.bulletins, result.instructions, result.meetings, result.overdue) == (2, 4, 2, 2)
    assert result.adoption_rate == pytest.approx(0.5)
    assert result.meetings_by_format == {B: 1, S: 1}
    assert result.by_outcome == _outcome(adopted=1, partly=1, reference=1, not_feasible=1)
    selects = [st for st in statements if st.lstrip().startswith("select")]
    assert selects and all("count(" in st for st in selects)


# -- the demo: the figures its reports quote ----------------------------------------------------------

def test_demo_figures(demo_database):
    with demo_database.session() as s:
        bimonthly = Scope(year=2023, format_code="bimonthly")
        visits, recs = count_visits(s, bimonthly), count_recommendations(s, bimonthly)
        assert f"委员开展实地调研{visits}次，提出意见建议{recs}条" == "委员开展实地调研13次，提出意见建议54条"
        assert f"共提出{aspect_summary(s, Scope(year=2023, format_code='salon'))}意见建议" == "共提出9方面23条意见建议"
        year = Scope(year=2023)
        assert count_recommendations(s, year) == 77 + 3 + 6  # and the 全体会议's and the 常委会议' recommendations
        assert meetings_by_format(s, year) == {"双月协商会": 4, "委员沙龙": 1, "专题议政性常委会": 2, "全体会议": 1}
        assert (count_bulletins(s, year), count_instructions(s, year)) == (5, 6)

        meetings = s.exec(select(Meeting).where(Meeting.format_id == meeting_format_id(s, "bimonthly"),
                                                Meeting.starts_at >= datetime(2023, 1, 1))
                          .order_by(Meeting.starts_at)).all()
        assert [count_visits(s, Scope(meeting_id=m.id)) for m in meetings] == [4, 3, 3, 3]
        assert [count_recommendations(s, Scope(meeting_id=m.id)) for m in meetings] == [14, 13, 14, 13]
        assert [count_visits(s, Scope(topic_id=m.topic_id)) for m in meetings] == [4, 3, 3, 3]
        assert [count_recommendations(s, Scope(topic_id=m.topic_id)) for m in meetings] == [14, 13, 14, 13]

        rows = s.exec(select(Recommendation).where(Recommendation.year == 2023,
                                                   Recommendation.duplicate_of_id.is_(None))).all()
        decided = [r for r in rows if r.outcome]
        assert decided
        expected = sum(r.outcome in ADOPTED_OUTCOMES for r in decided) / len(decided)
        assert adoption_rate(s, year) == pytest.approx(expected)
