"""Demo 2024 topic pool: 12 candidates from every source, scored by three reviewers of the 主席会议."""

import random
from datetime import date

from sqlmodel import Session, select

from models.services.topic_scores import ScoreEntry, criteria, save_scores
from models.services.topics import TopicData, change_topic_status, save_topic
from models.tables import MeetingFormat, Organization
from models.vocab import TopicStatus

YEAR = 2024
# (source, title, description, proposer: "org:…", "person", or free text, quality 1-10 the scores centre on)
TOPICS = (
    ("领导点题", "推动城市更新和老旧小区改造提质增效", "围绕老旧小区改造中的加装电梯、管线更新和长效管理开展协商。",
     "org:区委办公室", 8.6),
    ("领导点题", "优化营商环境 激发市场主体活力", "聚焦政务服务效率、涉企政策兑现和中小企业融资难题。",
     "org:区委办公室", 8.2),
    ("委员荐题", "加强“一老一小”服务供给", "针对社区养老和普惠托育服务供给不足问题，提出补短板举措。", "person", 8.4),
    ("委员荐题", "推进智慧社区建设", "推动社区治理数字化，整合社区各类信息平台，减轻基层负担。", "person", 6.9),
    ("委员荐题", "促进夜间经济健康发展", "在已有消费新高地协商成果基础上，进一步规范和提升夜间经济。", "person", 6.2),
    ("部门商题", "深化区域教育优质均衡发展", "围绕学位供给、集团化办学和教师交流轮岗开展协商。", "org:区教育局", 7.8),
    ("部门商题", "加强城市精细化管理", "聚焦市容环境、违法建设治理和城市管理执法规范化。", "org:区城市管理委员会", 7.1),
    ("群众征题", "破解老旧小区停车难问题", "群众来信反映集中，涉及停车设施挖潜、错时共享和收费管理。",
     "区政协网站“协商议题征集”栏目群众留言", 7.6),
    ("群众征题", "完善15分钟便民生活圈", "补齐社区早餐、菜市场、维修等便民服务网点短板。",
     "“请你来协商”群众座谈会", 6.6),
    ("群众征题", "加强背街小巷环境整治", "解决背街小巷路面破损、管线杂乱和占道经营等问题。", "12345热线意见汇总", 5.9),
    ("专委会", "推动数字经济与实体经济深度融合", "由经济科技委员会提出，围绕园区数字化转型开展协商。",
     "经济科技委员会", 7.3),
    ("界别", "关爱新就业形态劳动者权益保障", "由共青团和青联、工会界别联合提出，关注外卖骑手、网约车司机等群体。",
     "共青团和青联界别、工会界别", 6.4),
)
STATUS_FOR_RANK = (TopicStatus.PARTY_CONFIRMED,) * 4 + (TopicStatus.CHAIRS_APPROVED,) * 2 + (TopicStatus.SCREENED,) * 6


def build_topics_2024(session: Session, rng: random.Random, reviewers: list[str], members: list[int]) -> list[int]:
    orgs = dict(session.exec(select(Organization.name, Organization.id)).all())
    formats = dict(session.exec(select(MeetingFormat.code, MeetingFormat.id)).all())
    marks = criteria(session)
    topic_ids = []
    for index, (source, title, description, proposer, quality) in enumerate(TOPICS):
        data = TopicData(year=YEAR, title=title, source=source, description=description,
                         background="列入2024年度协商议题征集范围，由区政协办公室汇总。",
                         format_id=formats["salon" if source in ("界别", "专委会") else "bimonthly"])
        if proposer.startswith("org:"):
            data.proposer_org_id = orgs.get(proposer[4:])
        elif proposer == "person":
            data.proposer_person_id = members[index * 7 % len(members)]
        else:
            data.proposer_text = proposer
        topic_ids.append(save_topic(session, data, on=date(2023, 10, 10 + index)))
        for reviewer in reviewers:
            bias = rng.uniform(-0.6, 0.6)
            save_scores(session, reviewer, [
                ScoreEntry(topic_ids[-1], c.id, max(1, min(10, round(quality + bias + rng.uniform(-1.0, 1.0)))))
                for c in marks])
    return topic_ids


def advance_by_rank(session: Session, ranked_ids: list[int]) -> None:
    """The best-scored topics have gone furthest: 区委审定 for the top four, 主席会议通过 for the next two."""
    steps = (TopicStatus.SCREENED, TopicStatus.CHAIRS_APPROVED, TopicStatus.PARTY_CONFIRMED)
    notes = {TopicStatus.SCREENED: "办公室初筛", TopicStatus.CHAIRS_APPROVED: "主席会议审议通过",
             TopicStatus.PARTY_CONFIRMED: "区委常委会会议审定"}
    dates = {TopicStatus.SCREENED: date(2023, 11, 20), TopicStatus.CHAIRS_APPROVED: date(2023, 12, 18),
             TopicStatus.PARTY_CONFIRMED: date(2024, 1, 9)}
    for topic_id, target in zip(ranked_ids, STATUS_FOR_RANK, strict=False):
        for step in steps[: steps.index(target) + 1]:
            change_topic_status(session, topic_id, step, on=dates[step], note=notes[step])
