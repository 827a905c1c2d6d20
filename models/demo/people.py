"""Demo people: 300 district members in realistic proportions, national and municipal members, guests."""

import random
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from models.services.people import MembershipData, PersonData, create_person
from models.tables import Committee, GuestCategory, LiaisonGroup, Membership, Organization, Party, Person, Sector
from models.vocab import Level, MemberRole

DISTRICT_TERM = "第十六届"
UPPER_TERM = "第十四届"
TERM_START = date(2022, 1, 10)

# 界别 → number of district members (sums to 300).
SECTOR_SIZES = {
    "中共": 30, "民革": 8, "民盟": 10, "民建": 10, "民进": 10, "农工党": 8, "致公党": 5, "九三学社": 8,
    "无党派人士": 8, "共青团和青联": 8, "工会": 9, "妇联": 9, "工商联": 18, "科协": 6, "台联": 3, "侨联": 6,
    "文化艺术": 12, "科学技术": 10, "社会科学": 8, "经济": 30, "教育": 18, "体育": 5, "新闻出版": 5,
    "医药卫生": 20, "社会福利和社会保障": 8, "少数民族": 6, "宗教": 5, "特邀": 17,
}
DEMOCRATIC_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社")

LIAISON_GROUPS = ("东湖街道联络组", "城南街道联络组", "新华街道联络组", "滨江街道联络组", "人民路街道联络组",
                  "北苑街道联络组", "花园街道联络组", "望江街道联络组", "文昌街道联络组", "长兴镇联络组")

# Where members of a sector typically work: (unit, posts).
UNITS_BY_SECTOR = {
    "教育": (("区实验小学", "区第一中学", "区职业技术学校", "城南中学", "区教师进修学校"), ("校长", "副校长", "教师")),
    "医药卫生": (("区人民医院", "区中医医院", "区妇幼保健院", "东湖社区卫生服务中心", "区疾病预防控制中心"),
                 ("院长", "副院长", "主任医师", "主任")),
    "经济": (("滨江实业集团有限公司", "新华商贸有限公司", "文昌科技股份有限公司", "望江置业有限公司",
              "区农村商业银行"), ("董事长", "总经理", "副总经理", "财务总监")),
    "工商联": (("花园食品有限公司", "北苑物流有限公司", "东湖餐饮管理有限公司", "长兴建材有限公司"),
               ("董事长", "总经理")),
    "文化艺术": (("区文化馆", "区图书馆", "区书画院", "区越剧团"), ("馆长", "副馆长", "演员", "一级美术师")),
    "科学技术": (("区科技创新服务中心", "文昌软件园", "滨江生物医药研究院"), ("主任", "研究员", "总工程师")),
    "社会科学": (("区委党校", "区地方志办公室", "市社会科学院"), ("副校长", "副研究员", "教授")),
    "新闻出版": (("区融媒体中心", "市日报社驻区记者站"), ("副主任", "记者", "站长")),
    "体育": (("区体育运动学校", "区全民健身指导中心"), ("校长", "教练员", "主任")),
}
DEFAULT_UNITS = (("区政府办公室", "区民政局", "区司法局", "城南街道办事处", "东湖街道办事处", "区总工会", "区妇联",
                  "区残联", "区律师协会", "区侨联"), ("主任", "副主任", "副局长", "科长", "律师", "副主席"))

ETHNIC_MINORITIES = ("回族", "满族", "蒙古族", "壮族", "维吾尔族", "土家族")


@dataclass
class DemoPeople:
    district: list[int] = field(default_factory=list)
    chair: int = 0
    vice_chairs: list[int] = field(default_factory=list)
    secretary_general: int = 0
    standing: list[int] = field(default_factory=list)
    by_committee: dict[str, list[int]] = field(default_factory=dict)
    by_sector: dict[str, list[int]] = field(default_factory=dict)
    national: list[int] = field(default_factory=list)
    municipal: list[int] = field(default_factory=list)
    experts: list[int] = field(default_factory=list)
    leaders: list[tuple[int, str]] = field(default_factory=list)  # (id, title)
    department_heads: dict[str, int] = field(default_factory=dict)  # department name → person
    media: list[int] = field(default_factory=list)
    enterprise: list[int] = field(default_factory=list)
    public: list[int] = field(default_factory=list)
    staff: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)


def _ids(session: Session, table) -> dict[str, int]:
    return {row.name: row.id for row in session.exec(select(table))}


class PeopleBuilder:
    def __init__(self, session: Session, rng: random.Random, names):
        self.session, self.rng, self.names = session, rng, names
        self.sectors = _ids(session, Sector)
        self.parties = _ids(session, Party)
        self.committees = _ids(session, Committee)
        self.guest_categories = _ids(session, GuestCategory)
        self.liaison = {}
        for order, name in enumerate(LIAISON_GROUPS, start=1):
            group = LiaisonGroup(name=name, sort_order=order)
            session.add(group)
            session.flush()
            self.liaison[name] = group.id
        self.out = DemoPeople()

    # -- small random facts -------------------------------------------------------------
    def _mobile(self) -> str | None:
        if self.rng.random() < 0.06:
            return None
        return self.rng.choice(("139", "138", "137", "135", "158", "159", "186", "188", "177")) + \
            f"{self.rng.randrange(10**8):08d}"

    def _person(self, name: str, gender: str, employer_title: str, *, party: str, ethnicity="汉族",
                memberships=(), guest_category=None, birth_range=(1958, 1992)) -> int:
        person_id = create_person(self.session, PersonData(
            name=name, gender=gender, ethnicity=ethnicity, birth_year=self.rng.randint(*birth_range),
            birth_month=self.rng.randint(1, 12), party_id=self.parties[party],
            education=self.rng.choice(("本科", "本科", "硕士研究生", "博士研究生", "大专")),
            employer_title=employer_title, mobile=self._mobile(),
            office_phone=f"0571-8{self.rng.randrange(10**6):06d}" if self.rng.random() < 0.5 else None,
            guest_category_id=self.guest_categories[guest_category] if guest_category else None,
            memberships=list(memberships)))
        self.out.names[person_id] = name
        return person_id

    def _gender(self, female_share=0.32) -> str:
        return "女" if self.rng.random() < female_share else "男"

    def _employer(self, sector: str) -> str:
        units, posts = UNITS_BY_SECTOR.get(sector, DEFAULT_UNITS)
        return self.rng.choice(units) + self.rng.choice(posts)

    def _party_for(self, sector: str) -> str:
        if sector in DEMOCRATIC_PARTIES or sector in ("中共", "无党派人士"):
            return sector
        roll = self.rng.random()
        if roll < 0.45:
            return "中共"
        if roll < 0.80:
            return "群众"
        if roll < 0.95:
            return self.rng.choice(DEMOCRATIC_PARTIES)
        return "无党派人士"

    # -- the register ---------------------------------------------------------------------
    def district_members(self) -> None:
        plan = [sector for sector, size in SECTOR_SIZES.items() for _ in range(size)]
        assert len(plan) == 300
        special_names = {7: ("田富", "男"), 8: ("田大利", "男"), 40: ("欧阳明", "男")}
        committee_names = list(self.committees)
        committee_weights = [4 if name == "提案委员会" else 7 for name in committee_names]
        for index, sector in enumerate(plan):
            if index in special_names:
                name, gender = special_names[index]
                self.names.reserve(name)
            elif sector == "少数民族" and index - plan.index(sector) < 2:
                name = self.names.reserve(("阿依古丽·买买提", "巴特尔·孟和")[index - plan.index(sector)])
                gender = "女" if name.startswith("阿依") else "男"
            else:
                gender = self._gender()
                name = self.names.make(gender)
            ethnicity = self.rng.choice(ETHNIC_MINORITIES) if sector == "少数民族" else "汉族"
            if "·" in name:
                ethnicity = "维吾尔族" if name.startswith("阿依") else "蒙古族"
            committee = self.rng.choices(committee_names, committee_weights)[0]
            membership = MembershipData(level=Level.DISTRICT, term=DISTRICT_TERM, sector_id=self.sectors[sector],
                                        committee_id=self.committees[committee],
                                        liaison_group_id=self.rng.choice(list(self.liaison.values())),
                                        start_date=TERM_START)
            person_id = self._person(name, gender, self._employer(sector), party=self._party_for(sector),
                                     ethnicity=ethnicity, memberships=[membership])
            self.out.district.append(person_id)
            self.out.by_committee.setdefault(committee, []).append(person_id)
            self.out.by_sector.setdefault(sector, []).append(person_id)
        self._assign_roles()

    def _assign_roles(self) -> None:
        """Leadership and 常委 are chosen among district members and recorded on their membership."""
        pool = list(self.out.district)
        self.rng.shuffle(pool)
        chair, vices, secretary = pool[0], pool[1:6], pool[6]
        standing = pool[7:47]
        roles = {chair: MemberRole.CHAIR, secretary: MemberRole.SECRETARY_GENERAL}
        roles.update({pid: MemberRole.VICE_CHAIR for pid in vices})
        roles.update({pid: MemberRole.STANDING for pid in standing})
        titles = {chair: "区政协主席", secretary: "区政协秘书长"}
        titles.update({pid: "区政协副主席" for pid in vices})
        for person_id, role in roles.items():
            membership = self.session.exec(select(Membership).where(Membership.person_id == person_id)).one()
            membership.role = role
            self.session.add(membership)
            if person_id in titles:
                person = self.session.get(Person, person_id)
                person.employer_title = titles[person_id]
                self.session.add(person)
        self.session.flush()
        self.out.chair, self.out.vice_chairs, self.out.secretary_general = chair, vices, secretary
        self.out.standing = standing

    def upper_members(self) -> None:
        """5 national and 25 municipal members living or working in the district; 5 of the
        municipal members also sit on the district committee (one person, two levels)."""
        sectors = list(SECTOR_SIZES)
        for _ in range(5):
            gender, sector = self._gender(0.3), self.rng.choice(sectors)
            membership = MembershipData(level=Level.NATIONAL, term=UPPER_TERM, sector_id=self.sectors[sector],
                                        start_date=date(2023, 1, 15))
            self.out.national.append(self._person(
                self.names.make(gender), gender, self._employer(sector), party=self._party_for(sector),
                memberships=[membership]))
        for _ in range(20):
            gender, sector = self._gender(), self.rng.choice(sectors)
            membership = MembershipData(level=Level.MUNICIPAL, term=UPPER_TERM, sector_id=self.sectors[sector],
                                        start_date=date(2023, 1, 10))
            self.out.municipal.append(self._person(
                self.names.make(gender), gender, self._employer(sector), party=self._party_for(sector),
                memberships=[membership]))
        for person_id in self.rng.sample(self.out.district[60:], 5):
            district = self.session.exec(select(Membership).where(Membership.person_id == person_id)).one()
            self.session.add(Membership(person_id=person_id, level=Level.MUNICIPAL, term=UPPER_TERM,
                                        sector_id=district.sector_id, start_date=date(2023, 1, 10)))
            self.out.municipal.append(person_id)
        self.session.flush()

    def guests(self) -> None:
        leader_titles = ("区委副书记", "副区长", "副区长", "区委常委、统战部部长", "区人大常委会副主任")
        for title in leader_titles:
            gender = self._gender(0.25)
            person_id = self._person(self.names.make(gender), gender, title, party="中共", guest_category="领导")
            self.out.leaders.append((person_id, title))
        expert_units = ("市社会科学院研究员", "师范大学公共管理学院教授", "财经大学经济学院教授",
                        "医科大学公共卫生学院副教授", "理工大学环境学院教授", "艺术学院副教授",
                        "市城市规划设计研究院高级工程师", "市卫生发展研究中心研究员")
        for title in expert_units:
            gender = self._gender(0.4)
            self.out.experts.append(self._person(self.names.make(gender), gender, title,
                                                 party=self.rng.choice(("中共", "群众", "九三学社", "民盟")),
                                                 guest_category="专家学者"))
        departments = self.session.exec(select(Organization).where(Organization.kind == "政府部门")).all()
        for org in departments:
            gender = self._gender(0.3)
            post = "局长" if org.name.endswith("局") else "主任"
            self.out.department_heads[org.name] = self._person(
                self.names.make(gender), gender, org.name + post, party="中共", guest_category="部门负责人")
        for title in ("区融媒体中心记者", "区融媒体中心记者", "市日报社驻区记者站记者"):
            gender = self._gender(0.5)
            self.out.media.append(self._person(self.names.make(gender), gender, title, party="群众",
                                               guest_category="媒体", birth_range=(1985, 1998)))
        for title in ("东湖路商户代表", "滨江实业集团有限公司副总经理", "文昌科技股份有限公司总经理",
                      "花园食品有限公司董事长", "北苑物流有限公司总经理"):
            gender = self._gender()
            self.out.enterprise.append(self._person(self.names.make(gender), gender, title, party="群众",
                                                    guest_category="企业代表"))
        for title in ("城南街道居民代表", "东湖社区居民代表", "新华社区楼组长", "滨江社区志愿者"):
            gender = self._gender(0.5)
            self.out.public.append(self._person(self.names.make(gender), gender, title, party="群众",
                                                guest_category="群众代表"))
        self.names.reserve("热依拉·艾买提")
        self.out.public.append(self._person("热依拉·艾买提", "女", "望江社区居民代表", party="群众",
                                            ethnicity="维吾尔族", guest_category="群众代表"))
        for title in ("区政协办公室主任", "区政协办公室副主任", "区政协委员联络室主任", "区政协研究室主任",
                      "区政协研究室科员", "区政协提案委办公室科员", "区政协办公室科员", "区政协委员联络室科员"):
            gender = self._gender(0.5)
            self.out.staff.append(self._person(self.names.make(gender), gender, title, party="中共",
                                               guest_category="工作人员", birth_range=(1975, 1998)))


def build_people(session: Session, rng: random.Random, names) -> DemoPeople:
    builder = PeopleBuilder(session, rng, names)
    builder.district_members()
    builder.upper_members()
    builder.guests()
    return builder.out
