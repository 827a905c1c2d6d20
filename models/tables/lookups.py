"""Lookup tables users maintain in 参数设置: add, rename, reorder, retire."""

from sqlmodel import Field

from models.tables.base import Entity


class LookupBase(Entity):
    name: str = Field(max_length=50, unique=True, nullable=False)
    sort_order: int = Field(default=0, nullable=False, index=True)
    active: bool = Field(default=True, nullable=False)
    # Built-in values keep a stable code so renaming them never breaks the program's logic.
    code: str | None = Field(default=None, max_length=30, unique=True, nullable=True)


class Sector(LookupBase, table=True):
    """界别."""

    __tablename__ = "sector"


class Party(LookupBase, table=True):
    """党派/政治面貌."""

    __tablename__ = "party"


class Committee(LookupBase, table=True):
    """专委会."""

    __tablename__ = "committee"


class LiaisonGroup(LookupBase, table=True):
    """街镇联络组."""

    __tablename__ = "liaison_group"


class MeetingFormat(LookupBase, table=True):
    """会议形式: 双月协商会, 委员沙龙 ... (code: bimonthly, salon, ...)."""

    __tablename__ = "meeting_format"


class GuestCategory(LookupBase, table=True):
    """嘉宾类别 for people who are not members: 领导, 专家学者 ..."""

    __tablename__ = "guest_category"


class TopicCriterion(LookupBase, table=True):
    """议题评分标准, with its weight in percent."""

    __tablename__ = "topic_criterion"
    weight: float = Field(default=0.0, nullable=False)
