"""The statistics bench's database: ten years of national-scale data, built with bulk inserts and cached.

See tests/bench/statistics.py for what is generated and how it is timed; `cached_database(params, rebuild)`
returns the cached file, its row counts and the per-year counts the generator inserted (to check the
statistics against).
"""

import hashlib
import json
import os
import random
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

GENERATOR_VERSION = 2
STAMP = datetime(2025, 1, 2, 9, 0)
TERM_YEARS = 5
RETENTION = 0.7  # share of a term's members re-appointed for the next term
TERM_NAMES = ("第十一届", "第十二届", "第十三届", "第十四届", "第十五届", "第十六届", "第十七届", "第十八届",
              "第十九届", "第二十届")


def term_name(index: int) -> str:
    return TERM_NAMES[index] if index < len(TERM_NAMES) else f"第{index + 11}届"

# format code → (meetings per year, relative list size, recommendation weight per meeting)
FORMAT_PLAN = {
    "bimonthly": (6, 200, 30.0),
    "standing": (4, 150, 20.0),
    "counterpart": (25, 40, 8.0),
    "salon": (20, 30, 6.0),
    "chairs": (25, 15, 1.0),
    "other": (20, 40, 3.0),
}
TOPIC_FORMATS = ("bimonthly", "standing", "counterpart")
VISIT_KINDS = (("实地调研", 50), ("视察", 20), ("座谈", 20), ("走访", 10))
OUTCOMES = (("采纳", 40), ("部分采纳", 25), ("列入计划逐步解决", 20), ("留作参考", 10), ("因条件限制暂不能采纳", 5))
ADOPTED = {"采纳", "部分采纳"}
LEADERS = ("区委书记", "区长", "常务副区长", "分管副区长", "区政协主席")
LEAVE_REASONS = ("因公出差", "单位有重要工作安排", "身体不适", "参加市里会议", "家中有事")
SUBJECTS = ("老旧小区改造", "养老服务", "义务教育均衡", "营商环境", "垃圾分类", "社区卫生服务", "停车难", "河道治理",
            "夜间经济", "非遗保护", "数字政务", "托育服务", "就业创业", "食品安全", "文旅融合", "低碳园区")
UNITS = ("区人民医院", "区实验小学", "滨江实业集团", "区财政局", "区科技局", "东湖街道办事处", "区律师协会",
         "区工商联", "区第一中学", "区文化馆", "城南社区卫生服务中心", "青禾能源科技有限公司")
POSTS = ("主任", "副主任", "院长", "校长", "董事长", "总经理", "教授", "副局长", "主任医师", "律师")
LIAISON_GROUPS = ("东湖街道联络组", "城南街道联络组", "新华街道联络组", "滨江街道联络组", "人民路街道联络组",
                  "北苑街道联络组", "花园街道联络组", "望江街道联络组", "文昌街道联络组", "长兴镇联络组")
ORGANIZATIONS = tuple((f"区{name}", "政府部门") for name in (
    "发展和改革委员会", "商务委员会", "卫生健康委员会", "文化和旅游局", "生态环境局", "住房和城乡建设委员会",
    "市场监督管理局", "财政局", "民政局", "教育局", "规划和自然资源局", "城市管理委员会", "医疗保障局",
    "人力资源和社会保障局", "科学技术和信息化局", "政务服务和数据管理局")) + tuple(
    (f"{street}街道办事处", "政府部门") for street in ("东湖", "城南", "北苑", "新华", "滨江", "望江")) + tuple(
    (name, "其他") for name in ("区中心医院", "区文化馆", "区图书馆", "锦绣社区居民委员会", "城东低碳产业园",
                                      "滨河数字文创产业园", "东湖路商业街区", "区职业技术学校"))


@dataclass(frozen=True)
class Params:
    members: int
    meetings: int
    attendance: int
    recommendations: int
    years: int
    last_year: int
    seed: int = 7

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1

    def key(self) -> str:
        from models.migrate import head_revision

        # Meetings after today are not held yet: data reaching this year depend on the day they were built.
        built_on = date.today().isoformat() if self.last_year >= date.today().year else ""
        text = json.dumps([GENERATOR_VERSION, head_revision(), self.members, self.meetings, self.attendance,
                           self.recommendations, self.years, self.last_year, self.seed, built_on])
        return hashlib.sha1(text.encode()).hexdigest()[:12]


# -- building the database ---------------------------------------------------------------------------------

class Builder:
    """Rows as lists of dicts with explicit ids, plus the per-year tallies the checks compare with."""

    def __init__(self, params: Params, ids: dict):
        self.p, self.ids = params, ids  # ids: seeded lookups (sector, party, committee, format, guest category)
        self.rng = random.Random(params.seed)
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.expected: dict[int, Counter] = defaultdict(Counter)
        self.today = date.today()

    def add(self, table: str, **values) -> int:
        rows = self.rows[table]
        values.setdefault("id", len(rows) + 1)
        values.update(created_at=STAMP, updated_at=STAMP, version=1)
        rows.append(values)
        return values["id"]

    # people -----------------------------------------------------------------------------------------------

    def people(self) -> None:
        from models.demo.names import NameMaker
        from models.services.sort_keys import apply_sort_keys

        rng, p = self.rng, self.p
        names = NameMaker(rng)
        self.liaison = [self.add("liaison_group", name=name, sort_order=i, active=True)
                        for i, name in enumerate(LIAISON_GROUPS, start=1)]
        for name, kind in ORGANIZATIONS:
            self.add("organization", name=name, kind=kind, active=True)
        self.departments = [r["id"] for r in self.rows["organization"] if r["kind"] == "政府部门"]

        def person(guest_category: int | None = None) -> int:
            gender = rng.choice("男女")
            keys = SimpleNamespace(name=names.make(gender))
            apply_sort_keys(keys)
            return self.add("person", name=keys.name, gender=gender, birth_year=rng.randint(1955, 1992),
                            birth_month=rng.randint(1, 12), party_id=rng.choice(self.ids["party"]),
                            employer_title=rng.choice(UNITS) + rng.choice(POSTS),
                            mobile=f"139{rng.randrange(10 ** 8):08d}", guest_category_id=guest_category,
                            active=True, sort_stroke=keys.sort_stroke, sort_pinyin=keys.sort_pinyin,
                            name_initials=keys.name_initials)

        # Terms of five years, the last one still running; the first starts up to four years before the range.
        first_start = p.first_year - 2
        terms = []
        start = first_start
        while start <= p.last_year:
            terms.append((start, start + TERM_YEARS))
            start += TERM_YEARS
        seats = round(p.members / (1 + (len(terms) - 1) * (1 - RETENTION)))
        self.district: list[tuple[int, date, date | None]] = []  # (person, start, end) of 区 memberships
        current: list[int] = []
        left: set[int] = set()
        made = 0
        for index, (begin, next_begin) in enumerate(terms):
            last_term = index == len(terms) - 1
            kept = [pid for pid in current if pid not in left and rng.random() < RETENTION]
            new = min(seats - len(kept), p.members - made) if not last_term else p.members - made
            fresh = {person() for _ in range(max(new, 0))}
            made += len(fresh)
            current = kept + sorted(fresh)
            term_start, term_end = date(begin, 1, 10), date(next_begin, 1, 9)
            for pid in current:
                start, end = term_start, None if last_term else term_end
                if pid in fresh and rng.random() < 0.06:  # joined mid-term (补选), never after the data ends
                    start = min(term_start + timedelta(days=rng.randint(200, 365 * TERM_YEARS - 200)),
                                date(p.last_year, 11, 30))
                if rng.random() < 0.02:  # left mid-term, and is not re-appointed
                    end = min(start + timedelta(days=rng.randint(100, 900)), term_end)
                    left.add(pid)
                active = end is None
                self.add("membership", person_id=pid, level="区", term=term_name(index + 3),
                         sector_id=rng.choice(self.ids["sector"]), committee_id=rng.choice(self.ids["committee"]),
                         liaison_group_id=rng.choice(self.liaison), start_date=start, end_date=end, active=active,
                         role=rng.choices(("常委", "委员", "副主席"), (12, 87, 1))[0])
                self.district.append((pid, start, end))
                extra = rng.random()
                if extra < 0.08:  # also a member of the city or national committee
                    level = "全国" if extra < 0.015 else "市"
                    self.add("membership", person_id=pid, level=level, term=term_name(index + 2),
                             sector_id=rng.choice(self.ids["sector"]), start_date=term_start, end_date=end,
                             active=active, role="委员")
        # A few people only on the city committee (invited as guests of the district).
        self.upper_only = [person() for _ in range(max(5, p.members // 100))]
        for pid in self.upper_only:
            self.add("membership", person_id=pid, level="市", term="第十四届", role="委员",
                     sector_id=rng.choice(self.ids["sector"]), start_date=date(p.first_year, 1, 10), active=True)
        guest_category = dict(self.ids["guest_category"])
        self.guests = [person(rng.choice([v for k, v in guest_category.items() if k != "工作人员"]))
                       for _ in range(max(20, p.members // 10))] + self.upper_only
        self.staff = [person(guest_category["工作人员"]) for _ in range(25)]
        for year in range(p.first_year, p.last_year + 1):
            first, last = date(year, 1, 1), date(year, 12, 31)
            self.expected[year]["members"] = len({pid for pid, s, e in self.district
                                                  if s <= last and (e is None or e >= first)})

    def members_on(self, day: date) -> list[int]:
        return [pid for pid, s, e in self.district if s <= day and (e is None or e >= day)]

    # meetings and attendance --------------------------------------------------------------------------------

    def meetings(self) -> None:
        rng, p = self.rng, self.p
        per_year = p.meetings / p.years
        weight = sum(n for n, _, _ in FORMAT_PLAN.values())
        counts = {code: n * per_year / weight for code, (n, _, _) in FORMAT_PLAN.items()}
        plan = []  # (year, code)
        carry = Counter()
        for year in range(p.first_year, p.last_year + 1):
            for code, n in counts.items():
                carry[code] += n
                whole = int(carry[code])
                carry[code] -= whole
                plan += [(year, code)] * whole
        while len(plan) < p.meetings:
            plan.append((p.last_year, "other"))
        plan = plan[:p.meetings]
        size_total = sum(FORMAT_PLAN[code][1] for _, code in plan)
        scale = p.attendance / size_total
        self.held: dict[int, list[dict]] = defaultdict(list)
        self.present_at: dict[int, list[int]] = {}
        formats = dict(self.ids["format"])
        for year, code in plan:
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364 if year % 4 else 365))
            starts = datetime.combine(day, datetime.min.time()).replace(hour=rng.choice((9, 14)), minute=30)
            roll = rng.random()
            if day >= self.today:
                status = rng.choice(("筹备中", "已发通知"))
            elif roll < 0.03:
                status = "已取消"
            elif roll < 0.045:
                status = "已发通知"  # held but never closed in the program: not counted
            else:
                status = "已召开" if year == p.last_year or rng.random() < 0.3 else "已归档"
            topic_id = None
            if code in TOPIC_FORMATS:
                subject = rng.choice(SUBJECTS)
                topic_id = self.add("topic", year=year, title=f"关于{subject}的协商议题", format_id=formats[code],
                                    source=rng.choice(("领导点题", "委员荐题", "部门商题", "专委会")),
                                    status="已协商" if status in ("已召开", "已归档") else "列入计划")
            title = f"{year}年{code}协商活动{len(self.rows['meeting']) + 1}"
            mid = self.add("meeting", format_id=formats[code], title=title, topic_id=topic_id, starts_at=starts,
                           ends_at=starts + timedelta(hours=2), venue="区政协三楼会议室", status=status)
            meeting = {"id": mid, "year": year, "code": code, "day": day, "status": status, "topic_id": topic_id}
            held = status in ("已召开", "已归档")
            if held:
                self.held[year].append(meeting)
                self.expected[year]["meetings"] += 1
                self.expected[year][f"meetings:{code}"] += 1
            size = max(5, round(FORMAT_PLAN[code][1] * scale * rng.uniform(0.8, 1.2)))
            self.invite(meeting, starts, size, held)

    def invite(self, meeting: dict, starts: datetime, size: int, held: bool) -> None:
        rng, year = self.rng, meeting["year"]
        pool = self.members_on(meeting["day"])
        staff = rng.sample(self.staff, rng.randint(1, 3))
        guests = rng.sample(self.guests, min(len(self.guests), max(0, round(size * 0.05))))
        members = rng.sample(pool, min(len(pool), max(1, size - len(staff) - len(guests))))
        present_members = []
        rows = [(pid, "工作人员") for pid in staff] + [(pid, rng.choice(("特邀", "列席"))) for pid in guests]
        rows += [(pid, "主持" if i == 0 else ("发言" if rng.random() < 0.05 else "出席"))
                 for i, pid in enumerate(members)]
        for pid, role in rows:
            row = {"meeting_id": meeting["id"], "person_id": pid, "role": role, "invite_status": "已通知",
                   "leave_reason": None, "checked_in_at": None, "result": None, "walk_in": False}
            if held:
                roll = 0.0 if role in ("工作人员", "主持") else rng.random()
                if roll < 0.82:
                    row.update(invite_status="已确认", result="出席")
                    if rng.random() < 0.9:  # the rest were ticked 出席 afterwards
                        row["checked_in_at"] = starts - timedelta(minutes=rng.randint(1, 40))
                elif roll < 0.93:
                    row.update(invite_status="请假", result="请假", leave_reason=rng.choice(LEAVE_REASONS))
                else:
                    row.update(invite_status=rng.choice(("已确认", "未回复")), result="缺席")
            else:
                row["invite_status"] = rng.choice(("已通知", "已确认", "请假", "待通知"))
            self.add("attendance", **row)
            if held and role != "工作人员":
                present = row["checked_in_at"] is not None or row["result"] == "出席"
                leave = not present and (row["result"] == "请假" or row["invite_status"] == "请假")
                counts = self.expected[year]
                counts["invited"] += 1
                counts["present"] += present
                counts["leave"] += leave
                if pid in self.member_set:
                    counts["member_invited"] += 1
                if present and role not in ("特邀", "列席"):
                    present_members.append(pid)
        self.present_at[meeting["id"]] = present_members

    # visits ---------------------------------------------------------------------------------------------------

    def visits(self) -> None:
        rng, p = self.rng, self.p
        per_year = max(1, round(p.meetings / p.years * 0.6))
        kinds, weights = zip(*VISIT_KINDS, strict=True)
        self.visits_of: dict[int, list[dict]] = defaultdict(list)
        self.visitors: dict[int, list[int]] = {}
        for year in range(p.first_year, p.last_year + 1):
            linked = [m for m in self.held[year] if m["code"] in TOPIC_FORMATS]
            for _ in range(per_year):
                meeting = rng.choice(linked) if linked and rng.random() < 0.4 else None
                if meeting:
                    day = max(date(year, 1, 1), meeting["day"] - timedelta(days=rng.randint(5, 40)))
                else:
                    day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if day >= self.today:
                    continue
                vid = self.add("field_visit", kind=rng.choices(kinds, weights)[0], visit_date=day,
                               title=f"{rng.choice(SUBJECTS)}专题调研", place="区内",
                               meeting_id=meeting["id"] if meeting else None,
                               topic_id=meeting["topic_id"] if meeting else None)
                self.visits_of[year].append({"id": vid, "day": day})
                self.expected[year]["visits"] += 1
                pool = self.members_on(day)
                people = rng.sample(pool, min(len(pool), rng.randint(6, 16)))
                for i, pid in enumerate(people):
                    self.add("field_visit_participant", visit_id=vid, person_id=pid, role="带队" if i == 0 else "参加")
                for pid in rng.sample(self.staff, rng.randint(1, 2)):
                    self.add("field_visit_participant", visit_id=vid, person_id=pid, role="工作人员")
                self.visitors[vid] = people
                for position, org in enumerate(rng.sample(self.departments, rng.randint(1, 3))):
                    self.add("field_visit_organization", visit_id=vid, organization_id=org, position=position)

    # recommendations, bulletins, instructions ---------------------------------------------------------------

    def recommendations(self) -> None:
        rng, p = self.rng, self.p
        per_year = p.recommendations / p.years
        carry = 0.0
        self.recs_of: dict[int, list[dict]] = defaultdict(list)
        outcomes, outcome_weights = zip(*OUTCOMES, strict=True)
        for year in range(p.first_year, p.last_year + 1):
            carry += per_year
            total, carry = int(carry), carry - int(carry)
            meetings = self.held[year]
            meeting_weights = [FORMAT_PLAN[m["code"]][2] for m in meetings]
            aspects: dict[tuple, list[int]] = {}
            pool = self.members_on(date(year, 6, 30))
            for _ in range(total):
                source = rng.choices(("会议", "调研", "提案", "社情民意"), (60, 15, 15, 10))[0]
                meeting = visit = None
                if source == "会议" and meetings:
                    meeting = rng.choices(meetings, meeting_weights)[0]
                    day, key, proposers = meeting["day"], ("m", meeting["id"]), self.present_at[meeting["id"]]
                elif source == "调研" and self.visits_of[year]:
                    visit = rng.choice(self.visits_of[year])
                    day, key, proposers = visit["day"], ("v", visit["id"]), self.visitors[visit["id"]]
                else:
                    source = rng.choice(("提案", "社情民意"))
                    day, key, proposers = date(year, 1, 1) + timedelta(days=rng.randint(0, 364)), (source, year), pool
                if key not in aspects:  # each source has its own headings
                    count = 0 if meeting and meeting["code"] == "chairs" else rng.randint(2, 8)
                    aspects[key] = [self.add("aspect", name=f"{rng.choice(SUBJECTS)}方面", position=i,
                                             meeting_id=meeting["id"] if meeting else None,
                                             field_visit_id=visit["id"] if visit else None,
                                             source_kind=None if meeting or visit else source,
                                             year=None if meeting or visit else year)
                                    for i in range(count)]
                earlier = [r for r in self.recs_of[year] if r["key"] == key and r["duplicate_of_id"] is None]
                duplicate = rng.choice(earlier)["id"] if earlier and rng.random() < 0.03 else None
                rec = {"year": year, "source_kind": source, "meeting_id": meeting["id"] if meeting else None,
                       "field_visit_id": visit["id"] if visit else None,
                       "aspect_id": rng.choice(aspects[key]) if aspects[key] and rng.random() < 0.9 else None,
                       "position": len(self.recs_of[year]), "title": f"关于加强{rng.choice(SUBJECTS)}工作的建议",
                       "content": "建议有关部门统筹资源、完善机制、加强督查。",
                       "proposed_on": day if rng.random() < 0.97 else None,
                       "target_org_id": rng.choice(self.departments), "status": "提出", "outcome": None,
                       "deadline": None, "reply_date": None, "duplicate_of_id": duplicate}
                rec["id"] = self.add("recommendation", **rec)
                rec["key"], rec["day"] = key, day
                self.recs_of[year].append(rec)
                people = proposers if len(proposers) >= 1 else pool
                chosen = rng.sample(people, min(len(people), rng.choices((1, 2, 3, 4, 5), (60, 25, 8, 4, 3))[0]))
                rec["proposers"] = chosen
                for position, pid in enumerate(chosen):
                    self.add("recommendation_proposer", recommendation_id=rec["id"], person_id=pid, position=position)
            self.statuses(year, outcomes, outcome_weights)

    def statuses(self, year: int, outcomes, outcome_weights) -> None:
        rng, last = self.rng, self.p.last_year
        for rec in self.recs_of[year]:
            row = self.rows["recommendation"][rec["id"] - 1]
            if rec["duplicate_of_id"] is not None:
                continue  # merged: stays 提出, never counted
            day = rec["day"]
            if year < last:
                status = "已办结" if rng.random() < 0.9 else rng.choice(("办理中", "已交办"))
            else:
                status = rng.choice(("提出", "已汇编", "已报送", "已交办", "办理中", "已办结", "已办结"))
            row["status"] = status
            if status in ("已交办", "办理中", "已办结"):
                row["deadline"] = day + timedelta(days=90)
            if status == "已办结" or (status == "办理中" and rng.random() < 0.3):
                row["outcome"] = rng.choices(outcomes, outcome_weights)[0]
            if status == "已办结":
                row["reply_date"] = day + timedelta(days=rng.randint(30, 120))
            counts = self.expected[year]
            counts["recommendations"] += 1
            counts["decided"] += row["outcome"] is not None
            counts["adopted"] += row["outcome"] in ADOPTED
        self.expected[year]["duplicates"] = sum(r["duplicate_of_id"] is not None for r in self.recs_of[year])

    def bulletins(self) -> None:
        rng, p = self.rng, self.p
        leaders = [(title, f"{rng.choice('王李张刘陈杨')}{rng.choice('建国志强伟明华东')}") for title in LEADERS]
        for year in range(p.first_year, p.last_year + 1):
            counted = [r for r in self.recs_of[year] if r["duplicate_of_id"] is None]
            free = counted[:]
            rng.shuffle(free)
            per_year = max(1, round(len(counted) * 0.015))
            by_meeting = defaultdict(list)
            for r in counted:
                if r["meeting_id"]:
                    by_meeting[r["meeting_id"]].append(r)
            sources = [m for m in self.held[year] if m["code"] == "bimonthly" and by_meeting[m["id"]]]
            used: set[int] = set()
            for issue in range(1, per_year + 1):
                meeting = sources[issue - 1] if issue <= len(sources) else None
                if meeting:
                    items = by_meeting[meeting["id"]][:10]
                    issued = min(meeting["day"] + timedelta(days=rng.randint(15, 40)), date(year, 12, 31))
                else:
                    items = []
                    while free and len(items) < rng.randint(3, 10):
                        candidate = free.pop()
                        if candidate["id"] not in used:
                            items.append(candidate)
                    issued = date(year, 1, 1) + timedelta(days=rng.randint(20, 364))
                items = [r for r in items if r["id"] not in used]
                if not items or issued >= self.today:
                    continue
                bid = self.add("bulletin", year=year, issue_no=issue, kind="协商专报" if meeting else "政协建言",
                               title=f"关于{rng.choice(SUBJECTS)}的建议", issued_on=issued,
                               recipients="区委、区政府主要领导", meeting_id=meeting["id"] if meeting else None)
                self.expected[year]["bulletins"] += 1
                for position, rec in enumerate(items):
                    used.add(rec["id"])
                    self.add("bulletin_item", bulletin_id=bid, recommendation_id=rec["id"], position=position)
                    row = self.rows["recommendation"][rec["id"] - 1]
                    if row["status"] in ("提出", "已汇编"):
                        row["status"] = "已报送"
                if rng.random() < 0.5:
                    for title, name in rng.sample(leaders, rng.choices((1, 2), (70, 30))[0]):
                        on = issued + timedelta(days=rng.randint(3, 25)) if rng.random() < 0.95 else None
                        self.instruction(title, name, on, year, bulletin_id=bid)
            for rec in counted:
                if rng.random() < 0.01 and rec["day"]:
                    title, name = rng.choice(leaders)
                    on = rec["day"] + timedelta(days=rng.randint(10, 60)) if rng.random() < 0.9 else None
                    self.instruction(title, name, on, year, recommendation_id=rec["id"])

    def instruction(self, title: str, name: str, on: date | None, year: int, **target) -> None:
        if on is not None and on >= self.today:
            return
        self.add("instruction", leader_name=name, leader_title=title, instructed_on=on, content="请有关部门认真研究。",
                 **{"bulletin_id": None, "recommendation_id": None, **target})
        self.expected[on.year if on else year]["instructions"] += 1

    def build(self) -> None:
        self.people()
        self.member_set = {pid for pid, _, _ in self.district}
        self.meetings()
        self.visits()
        self.recommendations()
        self.bulletins()


INSERT_ORDER = ("liaison_group", "organization", "person", "membership", "topic", "meeting", "attendance",
                "field_visit", "field_visit_participant", "field_visit_organization", "aspect", "recommendation",
                "recommendation_proposer", "bulletin", "bulletin_item", "instruction")


def build(path: Path, params: Params) -> dict:
    """Create the database at `path` (schema and seeds by open_database, the rest by bulk inserts)."""
    from sqlalchemy import insert, text
    from sqlmodel import select

    from models.migrate import open_database
    from models.paths import sqlite_url
    from models.tables import Committee, GuestCategory, MeetingFormat, Party, Sector, metadata

    db = open_database(sqlite_url(path)).database
    with db.session() as session:
        ids = {"sector": list(session.exec(select(Sector.id))), "party": list(session.exec(select(Party.id))),
               "committee": list(session.exec(select(Committee.id))),
               "format": list(session.exec(select(MeetingFormat.code, MeetingFormat.id))),
               "guest_category": list(session.exec(select(GuestCategory.name, GuestCategory.id)))}
    builder = Builder(params, ids)
    builder.build()
    counts = {}
    with db.engine.begin() as connection:
        for table in INSERT_ORDER:
            rows = builder.rows[table]
            columns = list(dict.fromkeys(key for row in rows for key in row))
            if rows:  # executemany needs the same keys in every row
                connection.execute(insert(metadata.tables[table]), [{c: row.get(c) for c in columns} for row in rows])
            counts[table] = len(rows)
    with db.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        connection.execute(text("PRAGMA journal_mode=DELETE"))  # one self-contained file for the cache
    db.dispose()
    return {"rows": counts, "expected": {year: dict(c) for year, c in builder.expected.items()}}


def cached_database(params: Params, rebuild: bool) -> tuple[Path, dict, float | None]:
    """(cached file, its build info, seconds spent building or None when it came from the cache)."""
    folder = Path(tempfile.gettempdir()) / "consultdesk-bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"statistics-{params.key()}.sqlite"
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists() and not rebuild:
        return path, json.loads(info_path.read_text(encoding="utf-8")), None
    scratch = folder / f"building-{os.getpid()}-{params.key()}.sqlite"
    scratch_files = (scratch, scratch.with_name(scratch.name + "-wal"), scratch.with_name(scratch.name + "-shm"))
    start = time.perf_counter()
    try:
        info = build(scratch, params)
        os.replace(scratch, path)  # atomic: a concurrent run sees the old file or the new one
    finally:
        for leftover in scratch_files:
            leftover.unlink(missing_ok=True)
    seconds = time.perf_counter() - start
    info_path.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, json.loads(info_path.read_text(encoding="utf-8")), seconds
