"""The rules found in the walk-throughs (issue 11): partly scored topics are not ranked above fully scored
ones; a topic put into the plan moves to 列入计划 (its history says so) and back when taken out; a meeting's
end follows its start and an end more than a day later is refused on every path."""

from datetime import date, datetime, timedelta

import pytest

from models.errors import ValidationError
from models.printing.topic_documents import selection_rows
from models.services.common import meeting_format_id
from models.services.meeting_queries import list_meetings
from models.services.meetings import MeetingData, clone_meeting, save_meeting
from models.services.plans import (
    PlanItemData,
    create_meeting_for_item,
    delete_plan_item,
    plan_refusals,
    plan_warnings,
    save_plan_item,
)
from models.services.topic_scores import ScoreEntry, criteria, list_topics, save_scores
from models.services.topics import TopicData, change_topic_status, save_topic, topic_history
from models.tables import Topic
from models.vocab import TopicSource, TopicStatus


def topic(session, title, year=2024) -> int:
    return save_topic(session, TopicData(year=year, title=title, source=TopicSource.MEMBER), on=date(2023, 10, 1))


def score(session, reviewer, topic_id, value) -> None:
    save_scores(session, reviewer, [ScoreEntry(topic_id, c.id, value) for c in criteria(session)])


def test_one_reviewers_high_score_does_not_rank_first(database):
    with database.session() as session:
        full_a, full_b, partly, unscored = (topic(session, t) for t in ("甲", "乙", "丙", "丁"))
        for reviewer, a, b in (("张评委", 8, 7), ("李评委", 7, 6), ("王评委", 9, 8)):
            score(session, reviewer, full_a, a)
            score(session, reviewer, full_b, b)
        score(session, "张评委", partly, 10)  # 1 of 3 reviewers, 10.00: above everyone else's mean
        rows = list_topics(session, 2024)
    assert [r.id for r in rows] == [full_a, full_b, partly, unscored]
    assert [r.rank for r in rows] == [1, 2, None, None]
    assert [r.reviewers_text for r in rows] == ["3/3", "3/3", "1/3 未评完", "0/3"]
    assert [r.partly_scored for r in rows] == [False, False, True, False]
    assert rows[2].score_text == "10.00" and rows[3].score_text == ""
    printed = [r.cells for r in selection_rows(rows, [], {})]  # the 遴选表 (no criteria columns here)
    assert [c[0] for c in printed] == ["1", "2", "—", "—"]
    assert printed[2][4:7] == ("10.00", "1/3", "—")  # score, reviewers of the year, no spread for one


def test_planning_moves_the_topic_and_its_history_says_what_was_skipped(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        confirmed, fresh = topic(session, "已审定的议题"), topic(session, "刚征集的议题")
        for status in (TopicStatus.SCREENED, TopicStatus.CHAIRS_APPROVED, TopicStatus.PARTY_CONFIRMED):
            change_topic_status(session, confirmed, status, on=date(2024, 1, 9))
        assert plan_warnings(session, PlanItemData(year=2024, format_id=fmt, topic_id=confirmed)) == []
        (warning,) = plan_warnings(session, PlanItemData(year=2024, format_id=fmt, topic_id=fresh))
        assert "目前是“征集”" in warning and "初筛、主席会议通过、区委审定" in warning

        save_plan_item(session, PlanItemData(year=2024, format_id=fmt, topic_id=confirmed), on=date(2024, 1, 20))
        item = save_plan_item(session, PlanItemData(year=2024, format_id=fmt, topic_id=fresh), on=date(2024, 1, 20))
        assert {session.get(Topic, t).status for t in (confirmed, fresh)} == {TopicStatus.PLANNED}
        last = topic_history(session, fresh)[-1]
        assert (last.from_status, last.to_status, last.changed_on) == ("征集", "列入计划", date(2024, 1, 20))
        assert last.note == "列入2024年度协商计划（未经初筛、主席会议通过、区委审定）"
        assert topic_history(session, confirmed)[-1].note == "列入2024年度协商计划"
        pool = {r.id: r for r in list_topics(session, 2024)}
        assert all(r.in_plan == (r.status == TopicStatus.PLANNED) for r in pool.values())

        # editing the item's month does not ask again; taking the topic out puts it back where it was
        edit = PlanItemData(year=2024, format_id=fmt, topic_id=fresh, planned_month=5, id=item,
                            version=None)
        assert plan_warnings(session, edit) == [] and plan_refusals(session, edit) == []
        delete_plan_item(session, item)
        assert session.get(Topic, fresh).status == TopicStatus.COLLECTED
        assert topic_history(session, fresh)[-1].note == "从2024年度协商计划中移除"


def test_dropped_or_postponed_topics_are_refused(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        dropped, later = topic(session, "未采用的议题"), topic(session, "延期的议题")
        change_topic_status(session, dropped, TopicStatus.REJECTED)
        change_topic_status(session, later, TopicStatus.POSTPONED)
        for topic_id, words in ((dropped, "未采用"), (later, "转入下一年度")):
            assert words in plan_refusals(session, PlanItemData(year=2024, format_id=fmt, topic_id=topic_id))[0]
            with pytest.raises(ValidationError, match=words):
                save_plan_item(session, PlanItemData(year=2024, format_id=fmt, topic_id=topic_id))


def test_meeting_from_the_plan_ends_the_same_afternoon(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        item = save_plan_item(session, PlanItemData(year=2024, format_id=fmt, planned_month=3))
        meeting = list_meetings(session, meeting_ids=[create_meeting_for_item(session, item)])[0]
    assert (meeting.starts_at, meeting.ends_at) == (datetime(2024, 3, 15, 14, 30), datetime(2024, 3, 15, 16, 30))


def test_an_end_more_than_a_day_after_the_start_is_refused(database):
    start = datetime(2024, 3, 15, 14, 30)
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        with pytest.raises(ValidationError, match="晚了一天以上") as caught:
            save_meeting(session, MeetingData(fmt, "协商会", start, ends_at=datetime(2026, 12, 15, 16, 30)))
        assert caught.value.field == "ends_at"
        with pytest.raises(ValidationError, match="不能早于"):
            save_meeting(session, MeetingData(fmt, "协商会", start, ends_at=start - timedelta(minutes=1)))
        meeting_id = save_meeting(session, MeetingData(fmt, "两天的培训", start, ends_at=start + timedelta(days=1)))
        # a copy at another time keeps the original's length
        copy = clone_meeting(session, meeting_id, starts_at=datetime(2025, 5, 8, 9, 0))
        copied = list_meetings(session, meeting_ids=[copy])[0]
    assert copied.ends_at == datetime(2025, 5, 9, 9, 0)
