"""议题与计划: workflow, carry-over, weighted ranking with known numbers, plan → meeting, bad input."""

from datetime import date

import pytest
from sqlmodel import select

from models.errors import InUseError, ValidationError
from models.services.common import meeting_format_id
from models.services.meeting_queries import list_meetings
from models.services.plans import (
    PlanItemData,
    create_meeting_for_item,
    delete_plan_item,
    list_plan,
    plan_warnings,
    save_plan_item,
)
from models.services.topic_scores import ScoreEntry, check_score, criteria, list_topics, reviewers, save_scores
from models.services.topics import (
    TopicData,
    carry_over,
    change_topic_status,
    delete_topic,
    save_topic,
    topic_history,
)
from models.tables import Topic, TopicScore
from models.vocab import TopicSource, TopicStatus


def topic(session, title, year=2024, source=TopicSource.MEMBER) -> int:
    return save_topic(session, TopicData(year=year, title=title, source=source), on=date(2023, 10, 1))


def test_weighted_ranking_with_known_numbers(database):
    with database.session() as session:
        c = {x.name: x.id for x in criteria(session)}  # weights 30, 20, 20, 20, 10
        a, b = topic(session, "甲议题"), topic(session, "乙议题")
        topic(session, "丙议题")  # nobody scores it

        def give(reviewer, topic_id, scores):
            save_scores(session, reviewer, [ScoreEntry(topic_id, c[name], value) for name, value in scores.items()])

        give("张评委", a, {"重要性": 10, "紧迫性": 8, "可行性": 6, "与中心工作关联度": 8, "群众关注度": 10})  # 8.4
        give("李评委", a, {"重要性": 6, "紧迫性": 6, "可行性": 6, "与中心工作关联度": 6, "群众关注度": 6})  # 6.0
        give("张评委", b, {"重要性": 9, "紧迫性": 9, "可行性": 9, "与中心工作关联度": 9, "群众关注度": 9})  # 9.0
        give("李评委", b, {"重要性": 5, "可行性": 5})  # only two criteria: (5·30 + 5·20) / 50 = 5.0
        rows = {r.title: r for r in list_topics(session, 2024)}
    assert rows["甲议题"].average == pytest.approx(7.2) and rows["乙议题"].average == pytest.approx(7.0)
    assert rows["甲议题"].spread == pytest.approx(2.4) and rows["乙议题"].spread == pytest.approx(4.0)
    assert (rows["甲议题"].rank, rows["乙议题"].rank, rows["丙议题"].rank) == (1, 2, None)
    assert rows["甲议题"].reviewers == 2 and rows["丙议题"].score_text == ""


def test_scoring_twice_updates_and_bad_scores_are_refused(database):
    with database.session() as session:
        importance = criteria(session)[0].id
        t = topic(session, "议题")
        save_scores(session, "王评委", [ScoreEntry(t, importance, 7, "很重要")])
        save_scores(session, " 王评委 ", [ScoreEntry(t, importance, 9)])
        rows = session.exec(select(TopicScore)).all()
        assert [(r.reviewer, r.score) for r in rows] == [("王评委", 9)]
        assert reviewers(session, 2024) == ["王评委"]
        save_scores(session, "王评委", [ScoreEntry(t, importance, None)])  # clearing a cell removes the score
        assert session.exec(select(TopicScore)).all() == []
        for bad in (0, 11, "8.5", "高"):
            with pytest.raises(ValidationError, match="1 到 10"):
                save_scores(session, "王评委", [ScoreEntry(t, importance, bad)])
        with pytest.raises(ValidationError, match="评分人"):
            save_scores(session, "  ", [ScoreEntry(t, importance, 5)])
    assert check_score("") is None and check_score(" 7 ") == 7 and check_score(8.0) == 8


def test_workflow_history_and_carry_over(database):
    with database.session() as session:
        t = topic(session, "加强背街小巷整治", year=2024)
        with pytest.raises(ValidationError, match="下一步可选"):
            change_topic_status(session, t, TopicStatus.PLANNED)
        change_topic_status(session, t, TopicStatus.SCREENED, on=date(2023, 11, 1), note="初筛")
        with pytest.raises(ValidationError, match="只有“延期”"):
            carry_over(session, t)
        change_topic_status(session, t, TopicStatus.POSTPONED, on=date(2023, 12, 1), note="条件不成熟，延期")
        copy = carry_over(session, t, on=date(2024, 10, 1))
        assert session.get(Topic, copy).year == 2025 and session.get(Topic, copy).carried_from_id == t
        assert session.get(Topic, copy).status == TopicStatus.COLLECTED
        with pytest.raises(ValidationError, match="不能重复转入"):
            carry_over(session, t)
        steps = topic_history(session, t)
    assert [(s.from_status, s.to_status, s.note) for s in steps] == [
        ("", "征集", "征集"), ("征集", "初筛", "初筛"), ("初筛", "延期", "条件不成熟，延期")]


def test_plan_item_creates_its_meeting_linked_both_ways(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        t = topic(session, "推进智慧社区建设", source=TopicSource.LEADER)
        for status in (TopicStatus.SCREENED, TopicStatus.CHAIRS_APPROVED, TopicStatus.PARTY_CONFIRMED):
            change_topic_status(session, t, status)
        item = save_plan_item(session, PlanItemData(year=2024, format_id=fmt, topic_id=t, planned_month=6,
                                                    undertaker="区政务服务和数据管理局"))
        again = PlanItemData(year=2024, format_id=fmt, topic_id=t)
        assert "已在2024年度计划中安排过" in plan_warnings(session, again)[0]
        assert plan_warnings(session, PlanItemData(year=2024, format_id=fmt, topic_id=t, id=item)) == []
        meeting = create_meeting_for_item(session, item)
        m = list_meetings(session, meeting_ids=[meeting])[0]
        assert (m.status, m.topic_id, m.starts_at.month) == ("筹备中", t, 6)
        assert m.title == "“推进智慧社区建设”专题双月协商会"
        assert m.undertaker == "区政务服务和数据管理局"
        row = list_plan(session, 2024)[0]
        assert (row.meeting_id, row.progress, row.held, row.recommendations) == (meeting, "筹备中", False, 0)
        assert session.get(Topic, t).status == TopicStatus.PLANNED
        with pytest.raises(ValidationError, match="已经生成了会议"):
            create_meeting_for_item(session, item)
        with pytest.raises(InUseError, match="不能删除"):
            delete_plan_item(session, item)
        with pytest.raises(InUseError, match="未采用"):
            delete_topic(session, t)
        with pytest.raises(ValidationError, match="1 到 12"):
            save_plan_item(session, PlanItemData(year=2024, format_id=fmt, planned_month=13))


def test_a_topic_without_links_can_be_deleted(database):
    with database.session() as session:
        t = topic(session, "临时议题")
        delete_topic(session, t)
        assert session.get(Topic, t) is None


def test_demo_2023_plan_and_2024_pool(demo_database):
    with demo_database.session() as session:
        plan = list_plan(session, 2023)
        assert [p.topic_title for p in plan] == ["打造中心城区消费新高地", "完善社区卫生服务体系",
                                                "推进公共文化高质量发展", "提升城区绿色发展水平"]
        assert all(p.held and p.format_name == "双月协商会" for p in plan)
        assert [p.recommendations for p in plan] == [14, 13, 14, 13]
        pool = list_topics(session, 2024)
        assert len(pool) >= 10 and {"领导点题", "委员荐题", "部门商题", "群众征题"} <= {t.source for t in pool}
        assert all(t.reviewers == 3 for t in pool) and len(reviewers(session, 2024)) == 3
        weights = {c.id: c.weight for c in criteria(session)}
        by_topic = {}
        for s in session.exec(select(TopicScore)):
            by_topic.setdefault(s.topic_id, {}).setdefault(s.reviewer, {})[s.criterion_id] = s.score
        expected = {tid: sum(sum(weights[c] * v for c, v in scores.items()) / sum(weights[c] for c in scores)
                             for scores in per.values()) / len(per) for tid, per in by_topic.items()}
        assert [t.id for t in pool] == sorted(expected, key=lambda tid: (-expected[tid], tid))

        fmt = meeting_format_id(session, "bimonthly")
        before = len(list_meetings(session))
        for month, top in zip((3, 5, 7, 9), pool[:4], strict=True):
            item = save_plan_item(session, PlanItemData(year=2024, format_id=fmt, topic_id=top.id, planned_month=month))
            create_meeting_for_item(session, item)
        plan_2024 = list_plan(session, 2024)
        assert len(plan_2024) == 4 and all(p.meeting_id for p in plan_2024)
        assert len(list_meetings(session)) == before + 4
        assert {m.topic_id for m in list_meetings(session, year=2024)} == {t.id for t in pool[:4]}
