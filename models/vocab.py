"""Values fixed by the domain, with the allowed status transitions in one place.

Code names are English; the stored value is the Chinese label users see, so exports
and the database read naturally.  Values users may extend (界别, 党派 ...) are lookup
tables instead (see tables/lookups.py).
"""

from enum import StrEnum


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class Level(StrEnum):
    """委员 level: 全国政协, 市政协, 区政协."""

    NATIONAL = "全国"
    MUNICIPAL = "市"
    DISTRICT = "区"


class MemberRole(StrEnum):
    CHAIR = "主席"
    VICE_CHAIR = "副主席"
    SECRETARY_GENERAL = "秘书长"
    STANDING = "常委"
    MEMBER = "委员"


# A rule for inviting, not a 身份: the 常委会 sits with its chair, vice-chairs and secretary-general.
STANDING_COMMITTEE = "常委会组成人员"
STANDING_COMMITTEE_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY_GENERAL,
                            MemberRole.STANDING)


class OrgKind(StrEnum):
    PARTY_DEPT = "党委部门"
    GOVERNMENT = "政府部门"
    PEOPLES_ORG = "人民团体"
    ENTERPRISE = "企业"
    RESEARCH = "科研机构"
    MEDIA = "媒体"
    OTHER = "其他"


class TopicSource(StrEnum):
    LEADER = "领导点题"
    MEMBER = "委员荐题"
    DEPARTMENT = "部门商题"
    PUBLIC = "群众征题"
    COMMITTEE = "专委会"
    SECTOR = "界别"


class TopicStatus(StrEnum):
    COLLECTED = "征集"
    SCREENED = "初筛"
    CHAIRS_APPROVED = "主席会议通过"
    PARTY_CONFIRMED = "区委审定"
    PLANNED = "列入计划"
    RESEARCHING = "调研中"
    CONSULTED = "已协商"
    REPORTED = "成果报送"
    FEEDBACK = "已反馈"
    ARCHIVED = "归档"
    REJECTED = "未采用"
    POSTPONED = "延期"


class MeetingStatus(StrEnum):
    PREPARING = "筹备中"
    NOTIFIED = "已发通知"
    HELD = "已召开"
    ARCHIVED = "已归档"
    CANCELLED = "已取消"


class AttendanceRole(StrEnum):
    HOST = "主持"
    ATTEND = "出席"
    OBSERVE = "列席"
    SPECIAL = "特邀"
    SPEAKER = "发言"
    STAFF = "工作人员"


class InviteStatus(StrEnum):
    PENDING = "待通知"
    NOTIFIED = "已通知"
    CONFIRMED = "已确认"
    LEAVE = "请假"
    NO_REPLY = "未回复"


class AttendanceResult(StrEnum):
    """Final attendance once a meeting is over."""

    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"


class VisitKind(StrEnum):
    FIELD_RESEARCH = "实地调研"
    INSPECTION = "视察"
    SYMPOSIUM = "座谈"
    CALL = "走访"


class VisitRole(StrEnum):
    LEADER = "带队"
    MEMBER = "参加"
    STAFF = "工作人员"


class RecommendationSource(StrEnum):
    MEETING = "会议"
    VISIT = "调研"
    PROPOSAL = "提案"
    SOCIAL_CONDITIONS = "社情民意"


class RecommendationStatus(StrEnum):
    PROPOSED = "提出"
    COMPILED = "已汇编"
    SUBMITTED = "已报送"
    INSTRUCTED = "已批示"
    ASSIGNED = "已交办"
    HANDLING = "办理中"
    CONCLUDED = "已办结"


class Outcome(StrEnum):
    ADOPTED = "采纳"
    PARTLY_ADOPTED = "部分采纳"
    PLANNED = "列入计划逐步解决"
    REFERENCE = "留作参考"
    NOT_FEASIBLE = "因条件限制暂不能采纳"


ADOPTED_OUTCOMES = frozenset({Outcome.ADOPTED, Outcome.PARTLY_ADOPTED})

GUEST_CATEGORIES = ("领导", "专家学者", "部门负责人", "媒体", "企业代表", "群众代表", "工作人员", "其他")


def _chain(statuses, *, exits=()) -> dict:
    """Each status may move to the next one, and to any exit while not finished."""
    order = list(statuses)
    allowed = {}
    for i, status in enumerate(order):
        nxt = order[i + 1:i + 2]
        allowed[status] = tuple(nxt) + (tuple(exits) if nxt else ())
    return allowed


TOPIC_TRANSITIONS: dict[TopicStatus, tuple[TopicStatus, ...]] = _chain(
    [TopicStatus.COLLECTED, TopicStatus.SCREENED, TopicStatus.CHAIRS_APPROVED,
     TopicStatus.PARTY_CONFIRMED, TopicStatus.PLANNED, TopicStatus.RESEARCHING,
     TopicStatus.CONSULTED, TopicStatus.REPORTED, TopicStatus.FEEDBACK, TopicStatus.ARCHIVED],
    exits=(TopicStatus.REJECTED, TopicStatus.POSTPONED),
)
# A postponed topic may be taken up again; a rejected one can only be archived.
TOPIC_TRANSITIONS[TopicStatus.POSTPONED] = (TopicStatus.COLLECTED, TopicStatus.ARCHIVED)
TOPIC_TRANSITIONS[TopicStatus.REJECTED] = (TopicStatus.ARCHIVED,)

MEETING_TRANSITIONS: dict[MeetingStatus, tuple[MeetingStatus, ...]] = {
    MeetingStatus.PREPARING: (MeetingStatus.NOTIFIED, MeetingStatus.HELD, MeetingStatus.CANCELLED),
    MeetingStatus.NOTIFIED: (MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.PREPARING),
    MeetingStatus.HELD: (MeetingStatus.ARCHIVED,),
    MeetingStatus.ARCHIVED: (MeetingStatus.HELD,),
    MeetingStatus.CANCELLED: (MeetingStatus.PREPARING,),
}

RECOMMENDATION_TRANSITIONS: dict[RecommendationStatus, tuple[RecommendationStatus, ...]] = {
    RecommendationStatus.PROPOSED: (RecommendationStatus.COMPILED,),
    RecommendationStatus.COMPILED: (RecommendationStatus.SUBMITTED,),
    # Not every bulletin earns a leader's instruction: 已报送 may go straight to 已交办.
    RecommendationStatus.SUBMITTED: (RecommendationStatus.INSTRUCTED, RecommendationStatus.ASSIGNED),
    RecommendationStatus.INSTRUCTED: (RecommendationStatus.ASSIGNED,),
    RecommendationStatus.ASSIGNED: (RecommendationStatus.HANDLING,),
    RecommendationStatus.HANDLING: (RecommendationStatus.CONCLUDED,),
    RecommendationStatus.CONCLUDED: (),
}


def allowed_next(transitions: dict, status) -> tuple:
    return transitions.get(status, ())


def can_move(transitions: dict, current, target) -> bool:
    return target in allowed_next(transitions, current)
