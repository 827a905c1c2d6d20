"""Reference values seeded into the lookup tables on first run; users edit them in 参数设置."""

from sqlalchemy import func
from sqlmodel import Session, select

from models.changes import Area, writes
from models.services.app_settings import get_setting, set_setting
from models.settings import REFERENCE_DATA_SEEDED
from models.tables import Committee, GuestCategory, MeetingFormat, Party, Sector, TopicCriterion
from models.vocab import GUEST_CATEGORIES

SECTORS = (
    "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "无党派人士", "共青团和青联",
    "工会", "妇联", "工商联", "科协", "台联", "侨联", "文化艺术", "科学技术", "社会科学", "经济", "教育",
    "体育", "新闻出版", "医药卫生", "社会福利和社会保障", "少数民族", "宗教", "特邀",
)

PARTIES = (
    "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士", "群众",
)

COMMITTEES = (
    "提案委员会", "经济科技委员会", "城建和生态环境委员会", "教科卫体委员会", "社会和法制委员会",
    "文化文史和学习委员会", "民族宗教和港澳台侨委员会",
)

# (code, name): the code lets statistics find 双月协商会 and 委员沙龙 even after a rename.
MEETING_FORMATS = (
    ("bimonthly", "双月协商会"),
    ("salon", "委员沙龙"),
    ("counterpart", "对口协商"),
    ("standing", "专题议政性常委会"),
    ("chairs", "主席会议"),
    ("other", "其他"),
)

# (name, weight in percent)
TOPIC_CRITERIA = (
    ("重要性", 30.0),
    ("紧迫性", 20.0),
    ("可行性", 20.0),
    ("与中心工作关联度", 20.0),
    ("群众关注度", 10.0),
)


@writes(Area.LOOKUPS, Area.SETTINGS)
def seed_reference_data(session: Session) -> bool:
    """Fill the lookup tables once per database. Returns True if it seeded now.

    A flag decides, so a user who deleted unused values never sees them return; a table that
    already holds values (a database from before the flag existed) is left as it is.
    """
    if get_setting(session, REFERENCE_DATA_SEEDED):
        return False
    for table, names in ((Sector, SECTORS), (Party, PARTIES), (Committee, COMMITTEES),
                         (GuestCategory, GUEST_CATEGORIES)):
        if _is_empty(session, table):
            for order, name in enumerate(names, start=1):
                session.add(table(name=name, sort_order=order))
    if _is_empty(session, MeetingFormat):
        for order, (code, name) in enumerate(MEETING_FORMATS, start=1):
            session.add(MeetingFormat(name=name, code=code, sort_order=order))
    if _is_empty(session, TopicCriterion):
        for order, (name, weight) in enumerate(TOPIC_CRITERIA, start=1):
            session.add(TopicCriterion(name=name, weight=weight, sort_order=order))
    set_setting(session, REFERENCE_DATA_SEEDED, True)
    return True


def _is_empty(session: Session, table) -> bool:
    return session.exec(select(func.count()).select_from(table)).one() == 0
