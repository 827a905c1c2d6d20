"""A small year counted by hand, shared by the statistics and performance-record tests.

People (terms from 2021-01-01 unless told): 甲 区; 乙 区 from 2023-07-01; 丙 区 and 市; 丁 全国 only;
戊 a guest; 己 区, never active; 辛 区, left 2023-05-31 (membership inactive with an end date);
庚 a staff member (guest).

Meetings: M1 双月 2023-03-10 held — 甲 乙 丁 戊 辛 checked in, 丙 on leave, 己 absent, 庚 工作人员 checked in;
M2 沙龙 2023-09-20 held — 乙 丙 checked in, 戊 on leave, 甲 absent; M3 双月 2023-11-01 筹备中 — 甲 invited;
M4 双月 2022-06-01 held — 甲 checked in.

Visits: V1 2023-04-01 甲 带队, 乙 参加 (before joining), 庚 工作人员; V2 2023-08-01 (M2) 甲 乙;
V3 2022-10-01 甲.

Recommendations: r1 M1 aspect A by 甲 乙, 采纳; r2 M1 aspect A by 甲, 留作参考; r3 M2 aspect B by 乙;
r4 M2 a merged duplicate of r3 by 丙; r5 V2 (visit only) by 丙, 部分采纳; r6 2022 M4 by 甲.
Bulletin B1 2023第1期 (M1) carries r1 and r3; instructions I1 on B1 (2023-06-01), I2 on r1 (2023-06-02),
I3 on the duplicate r4 (never counted).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from models.services.common import meeting_format_id
from models.services.invitees import check_in, finalize_attendance, invite, record_reply
from models.services.meetings import change_meeting_status, create_meeting
from models.services.people import MembershipData, PersonData, save_person
from models.services.recommendations import (
    add_aspect,
    add_instruction,
    add_recommendation,
    change_recommendation_status,
    create_bulletin,
    set_outcome,
)
from models.services.research import create_visit
from models.tables import FieldVisit, GuestCategory, Recommendation, Sector
from models.vocab import AttendanceRole, InviteStatus, Level, MeetingStatus, Outcome, RecommendationSource, VisitKind
from models.vocab import RecommendationStatus as St

PATH = (St.COMPILED, St.SUBMITTED, St.ASSIGNED, St.HANDLING, St.CONCLUDED)


@dataclass
class StatsWorld:
    people: dict  # name → id
    meetings: dict  # "M1" → id


def _conclude(session, rec_id: int, outcome: str) -> None:
    for status in PATH:
        change_recommendation_status(session, rec_id, status, on=date(2023, 10, 1))
    set_outcome(session, rec_id, outcome)


def build_world(database) -> StatsWorld:
    with database.session() as s:
        economy = s.exec(select(Sector.id).where(Sector.name == "经济")).one()
        guest = s.exec(select(GuestCategory.id).where(GuestCategory.name == "专家学者")).one()
        staff = s.exec(select(GuestCategory.id).where(GuestCategory.name == "工作人员")).one()
        # Terms began before the year: a membership without a start date counts from the day it is entered.
        term = date(2021, 1, 1)
        district = MembershipData(level=Level.DISTRICT, sector_id=economy, start_date=term)

        def person(name, *memberships, category=None):
            return save_person(s, PersonData(name=name, memberships=list(memberships), guest_category_id=category))

        people = {
            "甲": person("甲", district),
            "乙": person("乙", MembershipData(level=Level.DISTRICT, start_date=date(2023, 7, 1))),
            "丙": person("丙", MembershipData(level=Level.DISTRICT, start_date=term),
                         MembershipData(level=Level.MUNICIPAL, start_date=term)),
            "丁": person("丁", MembershipData(level=Level.NATIONAL, start_date=term)),
            "戊": person("戊", category=guest),
            "己": person("己", MembershipData(level=Level.DISTRICT, start_date=term)),
            "辛": person("辛", MembershipData(level=Level.DISTRICT, start_date=term, end_date=date(2023, 5, 31),
                                             active=False)),
            "庚": person("庚", category=staff),
        }
        bimonthly, salon = meeting_format_id(s, "bimonthly"), meeting_format_id(s, "salon")

        def meeting(title, fmt, when, present=(), leave=(), absent=(), staff_present=(), held=True):
            mid = create_meeting(s, format_id=fmt, title=title, starts_at=when)
            for name in (*present, *leave, *absent):
                aid = invite(s, mid, people[name], invite_status=InviteStatus.NOTIFIED)
                if name in leave:
                    record_reply(s, aid, InviteStatus.LEAVE, leave_reason="出差")
                if name in present:
                    check_in(s, aid, when)
            for name in staff_present:
                check_in(s, invite(s, mid, people[name], AttendanceRole.STAFF), when)
            if held:
                change_meeting_status(s, mid, MeetingStatus.HELD)
                finalize_attendance(s, mid)
            return mid

        meetings = {
            "M1": meeting("一", bimonthly, datetime(2023, 3, 10, 14), present=("甲", "乙", "丁", "戊", "辛"),
                          leave=("丙",), absent=("己",), staff_present=("庚",)),
            "M2": meeting("二", salon, datetime(2023, 9, 20, 14), present=("乙", "丙"), leave=("戊",), absent=("甲",)),
            "M3": meeting("三", bimonthly, datetime(2023, 11, 1, 14), absent=("甲",), held=False),
            "M4": meeting("四", bimonthly, datetime(2022, 6, 1, 14), present=("甲",)),
        }
        p = people
        create_visit(s, kind=VisitKind.FIELD_RESEARCH, visit_date=date(2023, 4, 1), title="V1",
                     participants=[(p["甲"], "带队"), (p["乙"], "参加"), (p["庚"], "工作人员")])
        v2 = create_visit(s, kind=VisitKind.SYMPOSIUM, visit_date=date(2023, 8, 1), title="V2",
                          meeting_id=meetings["M2"], participants=[(p["甲"], "参加"), (p["乙"], "参加")])
        create_visit(s, kind=VisitKind.CALL, visit_date=date(2022, 10, 1), title="V3", participants=[(p["甲"], "参加")])

        def rec(title, year, proposers, meeting=None, visit=None, aspect=None, source=RecommendationSource.MEETING):
            return add_recommendation(s, title=title, content=title, year=year, source_kind=source,
                                      meeting_id=meeting, field_visit_id=visit, aspect_id=aspect,
                                      proposer_ids=[p[name] for name in proposers])

        a = add_aspect(s, "甲方面", meeting_id=meetings["M1"])
        b = add_aspect(s, "乙方面", meeting_id=meetings["M2"])
        r1 = rec("r1", 2023, ("甲", "乙"), meeting=meetings["M1"], aspect=a)
        r2 = rec("r2", 2023, ("甲",), meeting=meetings["M1"], aspect=a)
        r3 = rec("r3", 2023, ("乙",), meeting=meetings["M2"], aspect=b)
        r4 = rec("r4", 2023, ("丙",), meeting=meetings["M2"], aspect=b)
        s.get(Recommendation, r4).duplicate_of_id = r3
        r5 = rec("r5", 2023, ("丙",), visit=v2, source=RecommendationSource.VISIT)
        rec("r6", 2022, ("甲",), meeting=meetings["M4"])
        _conclude(s, r1, Outcome.ADOPTED)
        _conclude(s, r2, Outcome.REFERENCE)
        _conclude(s, r5, Outcome.PARTLY_ADOPTED)
        b1 = create_bulletin(s, year=2023, issue_no=1, title="B1", issued_on=date(2023, 5, 1),
                             meeting_id=meetings["M1"], recommendation_ids=[r1, r3])
        add_instruction(s, leader_name="区长", instructed_on=date(2023, 6, 1), bulletin_id=b1)
        add_instruction(s, leader_name="区委书记", instructed_on=date(2023, 6, 2), recommendation_id=r1)
        add_instruction(s, leader_name="副区长", instructed_on=date(2023, 6, 3), recommendation_id=r4)
    return StatsWorld(people, meetings)


def stored_visit_kinds(session, year: int) -> str:
    """The year's visits by kind as the table holds them, in the vocabulary's order: "实地调研13次…"
    (read straight from the rows, not through the counting services the report uses)."""
    visits = session.exec(select(FieldVisit)).all()
    kinds = Counter(v.kind for v in visits if v.visit_date and v.visit_date.year == year)
    return "、".join(f"{kind}{kinds[kind]}次" for kind in VisitKind if kinds[kind])
