"""A demo year of consultation: topics and plan, 双月协商会 with their research visits and
recommendations, a 委员沙龙, bulletins, instructions and outcomes.

2023 (YEAR_2023) is the seed year: 4 双月协商会 with 13 实地调研 and 54 recommendations, 1 委员沙龙 with
23 recommendations in 9 aspects.  2022 (models/demo/year_2022.py) is a smaller, finished year built the
same way, so every comparison on the statistics page has a real previous figure.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from models.demo import content
from models.demo.people import DemoPeople
from models.demo.seating import seat_meeting
from models.services.common import meeting_format_id
from models.services.meetings import add_agenda_item, change_meeting_status, create_meeting
from models.services.plans import PlanItemData, save_plan_item
from models.services.recommendations import (
    add_aspect,
    add_instruction,
    add_recommendation,
    change_recommendation_status,
    create_bulletin,
    set_outcome,
)
from models.services.research import create_visit
from models.services.topics import change_topic_status, create_topic
from models.tables import Attendance, Committee, Meeting, Organization, Recommendation
from models.vocab import (
    AttendanceRole,
    InviteStatus,
    MeetingStatus,
    Outcome,
    RecommendationSource,
    RecommendationStatus,
    TopicStatus,
    VisitRole,
)

YEAR = 2023
MEETING_STARTS = (datetime(2023, 3, 23, 14, 30), datetime(2023, 5, 18, 14, 0),
                  datetime(2023, 7, 20, 14, 30), datetime(2023, 9, 21, 14, 30))
SALON_START = datetime(2023, 11, 16, 14, 30)
LEAVE_REASONS = ("因公出差", "单位有重要工作安排", "身体不适", "参加市里会议", "家中有事")
# Shares of invitees who ask for leave, never reply, and confirm but do not come (缺席).
MEETING_MISSES = (0.09, 0.03, 0.03)
FIXED_ROLES = {AttendanceRole.HOST, AttendanceRole.SPEAKER, AttendanceRole.STAFF}  # they always come
OUTCOME_WEIGHTS = ((Outcome.ADOPTED, 40), (Outcome.PARTLY_ADOPTED, 25), (Outcome.PLANNED, 20),
                   (Outcome.REFERENCE, 10), (Outcome.NOT_FEASIBLE, 5))
RECIPIENTS = "区委、区政府主要领导，区委、区政府分管领导"
# Bulletins 1-3 each receive a leader's instruction (bulletin 2 two); two single recommendations one each.
BULLETIN_INSTRUCTIONS = {1: [("区委书记", 0)], 2: [("区长", 1), ("常务副区长", 2)], 3: [("区委书记", 3)]}


@dataclass(frozen=True)
class YearPlan:
    """What one demo year holds; `finished`: every meeting archived, every recommendation concluded."""

    year: int
    bimonthly: list
    starts: tuple
    salon: dict
    salon_start: datetime
    introductions: list  # one per bulletin, in issue order
    instructions: dict  # bulletin issue → [(leader title, index into instruction_texts)]
    instruction_texts: list
    chairs_note: str  # the 主席会议 that approved the year's topics
    finished: bool = False
    upper_members: bool = True  # 在区全国、市政协委员 列席 (they took office in January 2023)
    leader_names: dict = field(default_factory=dict)  # leaders of the previous year's builder, if any


YEAR_2023 = YearPlan(YEAR, content.BIMONTHLY, MEETING_STARTS, content.SALON, SALON_START,
                     content.BULLETIN_INTRODUCTIONS, BULLETIN_INSTRUCTIONS, content.INSTRUCTION_TEXTS,
                     "十六届主席会议第十次会议讨论通过")


class EventsBuilder:
    def __init__(self, session: Session, rng: random.Random, people: DemoPeople, names, progress,
                 plan: YearPlan = YEAR_2023):
        self.session, self.rng, self.people, self.names, self.progress = session, rng, people, names, progress
        self.plan, self.year = plan, plan.year
        self.orgs = {row.name: row.id for row in session.exec(select(Organization))}
        self.committees = {row.name: row.id for row in session.exec(select(Committee))}
        self.bimonthly_id = meeting_format_id(session, "bimonthly")
        self.salon_id = meeting_format_id(session, "salon")
        self.leader_names = plan.leader_names or {title: names.make(self.rng.choice("男女")) for title in
                                                  ("区委书记", "区长", "常务副区长", "分管副区长")}
        self.instruction_texts = list(plan.instruction_texts)
        self.next_issue = 1

    def name(self, person_id: int) -> str:
        return self.people.names[person_id]

    # -- topics and plan --------------------------------------------------------------------
    def topic(self, spec: dict, proposer: int) -> int:
        source = spec["topic_source"]
        kwargs = {}
        if source == "领导点题":
            kwargs["proposer_org_id"] = self.orgs["区委办公室"]
        elif source == "委员荐题":
            kwargs["proposer_person_id"] = proposer
        elif source == "部门商题":
            kwargs["proposer_org_id"] = self.orgs[spec["undertaker"]]
        else:
            kwargs["proposer_text"] = "区政协网站“协商议题征集”栏目群众留言"
        before = self.year - 1
        topic_id = create_topic(self.session, year=self.year, title=spec["topic"], source=source,
                                description=spec["topic_description"], background=spec["topic_background"],
                                format_id=self.bimonthly_id, on=date(before, 11, 15), **kwargs)
        steps = ((TopicStatus.SCREENED, date(before, 12, 5), "办公室初筛，列入备选议题"),
                 (TopicStatus.CHAIRS_APPROVED, date(before, 12, 20), self.plan.chairs_note),
                 (TopicStatus.PARTY_CONFIRMED, date(self.year, 1, 10), "区委常委会会议审定"),
                 (TopicStatus.PLANNED, date(self.year, 1, 20), f"列入{self.year}年度协商计划"))
        for status, on, note in steps:
            change_topic_status(self.session, topic_id, status, on=on, note=note)
        return topic_id

    # -- meetings ---------------------------------------------------------------------------
    def meeting(self, *, format_id, title, starts_at, venue, undertaker, topic_id, host_id) -> int:
        return create_meeting(
            self.session, format_id=format_id, title=title, starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2, minutes=30), venue=venue, host=self.name(host_id),
            undertaker=undertaker, contact_name=self.name(self.people.staff[2]),
            contact_phone="0571-86012345", topic_id=topic_id)

    def invitees(self, spec: dict, host_id: int, *, salon: bool) -> list[tuple[int, str, dict]]:
        """(person, role, extra) for one meeting, without duplicates."""
        p, rng = self.people, self.rng
        chosen: dict[int, tuple[str, dict]] = {host_id: (AttendanceRole.HOST, {})}
        committee_pool = p.by_committee.get(spec.get("lead_committee", ""), [])
        speakers_pool = [pid for pid in committee_pool + p.standing if pid not in chosen]
        speakers = rng.sample(speakers_pool, len(spec["speech_titles"]))
        for order, (pid, title) in enumerate(zip(speakers, spec["speech_titles"], strict=True), start=1):
            chosen[pid] = (AttendanceRole.SPEAKER, {"speech_order": order, "speech_title": title})
        if salon:
            attend = rng.sample([pid for pid in p.by_sector["工商联"] + p.by_sector["经济"] if pid not in chosen], 12)
        else:
            leaders = [p.chair, *p.vice_chairs, p.secretary_general]
            attend = leaders + rng.sample(p.standing, 14) + rng.sample(committee_pool, min(10, len(committee_pool)))
        for pid in attend:
            chosen.setdefault(pid, (AttendanceRole.ATTEND, {}))
        if self.plan.upper_members:
            for pid in rng.sample(p.municipal[:20], 3) + rng.sample(p.national, 1 if not salon else 0):
                chosen.setdefault(pid, (AttendanceRole.OBSERVE, {}))
        for department in spec.get("departments", []) or [spec["undertaker"]]:
            if department in p.department_heads:
                chosen.setdefault(p.department_heads[department], (AttendanceRole.OBSERVE, {}))
        for pid in rng.sample(p.experts, 2):
            chosen.setdefault(pid, (AttendanceRole.SPECIAL, {}))
        if salon:
            for pid in rng.sample(p.enterprise, 3):
                chosen.setdefault(pid, (AttendanceRole.SPECIAL, {}))
        chosen.setdefault(p.media[0], (AttendanceRole.OBSERVE, {}))
        for pid in p.staff[2:4]:
            chosen.setdefault(pid, (AttendanceRole.STAFF, {}))
        return [(pid, role, extra) for pid, (role, extra) in chosen.items()]

    def attendance(self, meeting_id: int, starts_at: datetime, people: list[tuple[int, str, dict]],
                   misses: tuple[float, float, float] = MEETING_MISSES) -> list[int]:
        """Invited, replied, signed in on the day; returns the people who attended.

        The rows are added at once (a plenary has over 300): what invite, record_reply and check_in would
        store, with the same draws from the generator as when the demo called them one by one."""
        leave, no_reply, absent = misses
        present, rows = [], []
        for pid, role, extra in people:
            row = Attendance(meeting_id=meeting_id, person_id=pid, role=role, invite_status=InviteStatus.CONFIRMED,
                             **extra)
            rows.append(row)
            roll = self.rng.random()
            roll = 1.0 if role in FIXED_ROLES else roll  # drawn all the same: the same stream as before
            if roll < leave:
                row.invite_status, row.leave_reason = InviteStatus.LEAVE, self.rng.choice(LEAVE_REASONS)
                row.leave_approved_by = self.name(self.people.secretary_general)
            elif roll < leave + no_reply:
                row.invite_status = InviteStatus.NO_REPLY
            elif roll >= leave + no_reply + absent:  # otherwise confirmed but did not come: 缺席
                row.checked_in_at = starts_at - timedelta(minutes=self.rng.randint(3, 25))
                present.append(pid)
        self.session.add_all(rows)
        self.session.flush()
        return present

    def agenda(self, meeting_id: int, spec: dict, starts_at: datetime, host_id: int, *, salon: bool) -> None:
        t = starts_at.strftime("%H:%M")
        later = [(starts_at + timedelta(minutes=m)).strftime("%H:%M") for m in (5, 25, 90, 120)]
        host = self.name(host_id)
        department = (spec.get("departments") or [spec["undertaker"]])[0]
        head = self.people.department_heads.get(department)
        head_name = self.name(head) if head else None
        if salon:
            items = ((t, "主持人介绍沙龙主题和参加人员", host), (later[0], "委员、企业家代表互动交流", None),
                     (later[2], f"{department}负责同志回应", head_name), (later[3], "区政协主席总结讲话",
                                                                           self.name(self.people.chair)))
        else:
            leader_id, leader_title = self.people.leaders[1]
            items = ((t, "主持人宣布会议开始", host), (later[0], spec["briefing"], head_name),
                     (later[1], "委员发言（预约发言、即席发言）", None),
                     (later[2], "有关部门负责同志回应", None),
                     (later[3], f"{leader_title}讲话", self.name(leader_id)))
        for time_text, title, speaker in items:
            add_agenda_item(self.session, meeting_id, title, time_text=time_text, speaker=speaker)

    def hold(self, meeting_id: int, spec: dict, host_id: int, archive: bool) -> None:
        change_meeting_status(self.session, meeting_id, MeetingStatus.NOTIFIED)
        change_meeting_status(self.session, meeting_id, MeetingStatus.HELD)
        meeting = self.session.get(Meeting, meeting_id)
        meeting.minutes = (f"会议由区政协副主席{self.name(host_id)}主持。{spec.get('briefing', '有关部门通报了情况')}，"
                           f"{len(spec['speech_titles'])}位委员作了预约发言，其他委员作了即席发言，"
                           "有关部门负责同志作了回应。会议认为，委员们的意见建议针对性强，将整理后以《政协建言》报送区委、区政府。")
        self.session.add(meeting)
        if archive:
            change_meeting_status(self.session, meeting_id, MeetingStatus.ARCHIVED)

    # -- research ----------------------------------------------------------------------------
    def visits(self, spec: dict, topic_id: int, meeting_id: int, starts_at: datetime, leader: int) -> None:
        pool = self.people.by_committee.get(spec["lead_committee"], self.people.district)
        count = len(spec["visits"])
        for index, visit in enumerate(spec["visits"]):
            days_before = 20 + (count - index) * 12
            members = self.rng.sample([pid for pid in pool if pid != leader], self.rng.randint(6, 10))
            participants = ([(leader, VisitRole.LEADER)] + [(pid, VisitRole.MEMBER) for pid in members]
                            + [(self.people.staff[4], VisitRole.STAFF)])
            create_visit(self.session, kind=visit["kind"], visit_date=(starts_at - timedelta(days=days_before)).date(),
                         title=visit["title"], place=visit["place"], topic_id=topic_id, meeting_id=meeting_id,
                         summary=visit["summary"], findings=visit["findings"], participants=participants,
                         organization_ids=[self.orgs[u] for u in visit["units"]])

    # -- recommendations -----------------------------------------------------------------------
    def recommendations(self, spec: dict, meeting_id: int, starts_at: datetime, proposers: list[int]) -> list[int]:
        rec_ids = []
        for aspect in spec["aspects"]:
            # No name: recommendations without an aspect (a plenary's speeches are not grouped).
            aspect_id = add_aspect(self.session, aspect["name"], meeting_id=meeting_id) if aspect["name"] else None
            for rec in aspect["recommendations"]:
                authors = self.rng.sample(proposers, 2 if self.rng.random() < 0.3 else 1)
                rec_ids.append(add_recommendation(
                    self.session, title=rec["title"], content=rec["content"], year=self.year,
                    source_kind=RecommendationSource.MEETING, meeting_id=meeting_id, aspect_id=aspect_id,
                    proposer_ids=authors, target_org_id=self.orgs[rec["target"]], proposed_on=starts_at.date()))
        return rec_ids

    def bulletin(self, spec: dict, meeting_id: int, starts_at: datetime, rec_ids: list[int]) -> tuple[int, date]:
        issue = self.next_issue
        self.next_issue += 1
        issued_on = (starts_at + timedelta(days=14)).date()
        topic = spec.get("topic") or spec["theme"]
        for rec_id in rec_ids:
            change_recommendation_status(self.session, rec_id, RecommendationStatus.COMPILED,
                                         on=(starts_at + timedelta(days=7)).date(), note="汇编入专报")
            change_recommendation_status(self.session, rec_id, RecommendationStatus.SUBMITTED, on=issued_on,
                                         note=f"《政协建言》{self.year}年第{issue}期报送")
        bulletin_id = create_bulletin(
            self.session, year=self.year, issue_no=issue, title=f"关于{topic}的意见建议", issued_on=issued_on,
            recipients=RECIPIENTS, introduction=self.plan.introductions[issue - 1],
            recommendation_ids=rec_ids, meeting_id=meeting_id)
        return bulletin_id, issued_on

    def follow_up(self, rec_ids: list[int], bulletin_id: int, issue: int, issued_on: date, *,
                  concluded_share: float) -> None:
        """批示, 交办, 办理 and outcomes, with every step in the status history."""
        instructed = self.plan.instructions.get(issue, []) if bulletin_id is not None else []
        for title, text_index in instructed:
            add_instruction(self.session, bulletin_id=bulletin_id, leader_name=self.leader_names[title],
                            leader_title=title, instructed_on=issued_on + timedelta(days=5),
                            content=self.instruction_texts[text_index])
        for index, rec_id in enumerate(rec_ids):
            on = issued_on
            if instructed:
                on += timedelta(days=5)
                change_recommendation_status(self.session, rec_id, RecommendationStatus.INSTRUCTED, on=on,
                                             note="领导作出批示")
            on += timedelta(days=7)
            change_recommendation_status(self.session, rec_id, RecommendationStatus.ASSIGNED, on=on,
                                         note="交有关部门办理")
            rec = self.session.get(Recommendation, rec_id)
            rec.deadline = on + timedelta(days=60)
            self.session.add(rec)
            change_recommendation_status(self.session, rec_id, RecommendationStatus.HANDLING,
                                         on=on + timedelta(days=3), note="承办部门已接收")
            if index / len(rec_ids) >= concluded_share:
                continue
            done = on + timedelta(days=self.rng.randint(30, 55))
            change_recommendation_status(self.session, rec_id, RecommendationStatus.CONCLUDED, on=done,
                                         note="承办部门书面答复")
            outcome = self.rng.choices([o for o, _ in OUTCOME_WEIGHTS], [w for _, w in OUTCOME_WEIGHTS])[0]
            set_outcome(self.session, rec_id, outcome, reply_text=self.rng.choice(content.REPLY_TEXTS[outcome]),
                        reply_date=done, feedback_text="已将办理情况书面反馈提出建议的委员，委员表示满意。",
                        feedback_date=done + timedelta(days=10))

    def single_instructions(self, rec_ids: list[int]) -> None:
        for rec_id, text_index in zip(rec_ids, (4, 5), strict=True):
            rec = self.session.get(Recommendation, rec_id)
            submitted = next(h.changed_on for h in rec.history if h.to_status == RecommendationStatus.SUBMITTED)
            add_instruction(self.session, recommendation_id=rec_id, leader_name=self.leader_names["分管副区长"],
                            leader_title="分管副区长", instructed_on=submitted + timedelta(days=9),
                            content=self.instruction_texts[text_index])

    # -- the year ---------------------------------------------------------------------------------
    def build(self) -> None:
        p, plan = self.people, self.plan
        # 2023 leaves its last meetings open (still 办理中); a finished year has everything concluded.
        open_from = len(plan.bimonthly) if plan.finished else 3
        for index, (spec, starts_at) in enumerate(zip(plan.bimonthly, plan.starts, strict=True)):
            self.progress(f"正在生成{self.year}年第 {index + 1} 场双月协商会")
            host = p.vice_chairs[index % len(p.vice_chairs)]
            topic_id = self.topic(spec, proposer=p.standing[index])
            meeting_id = self.meeting(format_id=self.bimonthly_id, title=spec["meeting_title"], starts_at=starts_at,
                                      venue=spec["venue"], undertaker=spec["undertaker"], topic_id=topic_id,
                                      host_id=host)
            save_plan_item(self.session, PlanItemData(
                year=self.year, format_id=self.bimonthly_id, topic_id=topic_id, planned_month=starts_at.month,
                lead_committee_id=self.committees[spec["lead_committee"]], undertaker=spec["undertaker"],
                meeting_id=meeting_id, position=index + 1))
            first_visit = (starts_at - timedelta(days=20 + len(spec["visits"]) * 12)).date()
            change_topic_status(self.session, topic_id, TopicStatus.RESEARCHING, on=first_visit, note="开展专题调研")
            self.visits(spec, topic_id, meeting_id, starts_at, leader=host)
            self.agenda(meeting_id, spec, starts_at, host, salon=False)
            present = self.attendance(meeting_id, starts_at, self.invitees(spec, host, salon=False))
            seat_meeting(self.session, meeting_id, p)  # before the day: an archived meeting keeps its seats
            self.hold(meeting_id, spec, host, archive=index < open_from)
            change_topic_status(self.session, topic_id, TopicStatus.CONSULTED, on=starts_at.date(),
                                note="召开双月协商会")
            members = [pid for pid in present if pid in set(p.district)]
            rec_ids = self.recommendations(spec, meeting_id, starts_at, members)
            bulletin_id, issued_on = self.bulletin(spec, meeting_id, starts_at, rec_ids)
            change_topic_status(self.session, topic_id, TopicStatus.REPORTED, on=issued_on,
                                note=f"以《政协建言》{self.year}年第{index + 1}期报送")
            self.follow_up(rec_ids, bulletin_id, index + 1, issued_on,
                           concluded_share=1.0 if index < open_from else 0.5)
            if index < 2 or plan.finished:
                change_topic_status(self.session, topic_id, TopicStatus.FEEDBACK,
                                    on=issued_on + timedelta(days=100), note="办理结果已反馈委员")
            if index == 3 and not plan.finished:
                self.single_instructions(rec_ids[:2])
        self.progress(f"正在生成{self.year}年委员沙龙")
        spec, starts_at = plan.salon, plan.salon_start
        host = p.vice_chairs[-1]
        meeting_id = self.meeting(format_id=self.salon_id, title=spec["meeting_title"], starts_at=starts_at,
                                  venue=spec["venue"], undertaker=spec["undertaker"], topic_id=None, host_id=host)
        self.agenda(meeting_id, spec, starts_at, host, salon=True)
        present = self.attendance(meeting_id, starts_at, self.invitees(spec, host, salon=True))
        self.hold(meeting_id, spec, host, archive=plan.finished)
        members = [pid for pid in present if pid in set(p.district)]
        rec_ids = self.recommendations(spec, meeting_id, starts_at, members)
        bulletin_id, issued_on = self.bulletin(spec, meeting_id, starts_at, rec_ids)
        self.follow_up(rec_ids, bulletin_id, len(plan.bimonthly) + 1, issued_on,
                       concluded_share=1.0 if plan.finished else 0.3)
