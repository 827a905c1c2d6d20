"""People: save with memberships, conflicts, delete vs 离任, duplicates, merge keeping references."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from models.errors import ConflictError, InUseError, ValidationError
from models.services import lookups
from models.services.common import meeting_format_id
from models.services.invitees import check_in, invite, record_reply
from models.services.meetings import create_meeting
from models.services.people import MembershipData, PersonData, get_person, save_person
from models.services.people_list import PeopleFilter, filter_rows, load_people
from models.services.people_records import delete_person, find_duplicates, merge_people, references, set_former
from models.services.recommendations import add_recommendation
from models.services.research import create_visit
from models.tables import Attendance, Membership, Person, RecommendationProposer
from models.vocab import InviteStatus


def lookup_id(session, key, name):
    return next(v.id for v in lookups.list_values(session, key) if v.name == name)


def test_save_new_person_with_two_levels_and_sort_keys(database):
    with database.session() as session:
        economy = lookup_id(session, "sector", "经济")
        person_id = save_person(session, PersonData(
            name="曾  伟", gender="男", birth_year=1968, birth_month=5, mobile="139 0000 0001",
            memberships=[MembershipData(level="区", term="第十六届", sector_id=economy, role="常委"),
                         MembershipData(level="市", term="第十四届", sector_id=economy)]))
        person = session.get(Person, person_id)
        assert person.name == "曾伟" and person.mobile == "13900000001"
        assert person.sort_pinyin == "zeng wei" and person.name_initials.split()[0] == "zw"
        assert person.sort_stroke.isdigit()
        data = get_person(session, person_id)
    assert [m.level for m in data.memberships] == ["区", "市"] and data.memberships[0].role == "常委"


def test_update_replaces_memberships_and_checks_version(database):
    with database.session() as session:
        person_id = save_person(session, PersonData(name="李娜", memberships=[MembershipData(level="区")]))
    with database.session() as session:
        data = get_person(session, person_id)
    data.memberships = [MembershipData(level="市", term="第十四届")]
    data.employer_title = "区实验小学校长"
    with database.session() as session:
        save_person(session, data)
    with database.session() as session:
        levels = session.exec(select(Membership.level).where(Membership.person_id == person_id)).all()
        assert levels == ["市"]
    with pytest.raises(ConflictError) as caught, database.session() as session:
        save_person(session, data)  # still carries the version read before the first save
    assert "李娜" in caught.value.message and "已被他人修改" in caught.value.message


def test_validation_names_the_field(database):
    with pytest.raises(ValidationError) as caught, database.session() as session:
        save_person(session, PersonData(name="王芳", mobile="12345"))
    assert caught.value.field == "mobile"
    with pytest.raises(ValidationError, match="只能有一条"), database.session() as session:
        save_person(session, PersonData(name="王芳", memberships=[MembershipData(level="区"),
                                                                 MembershipData(level="区")]))


@pytest.fixture
def busy_person(database):
    """Someone who was invited to a meeting, joined a visit and proposed a recommendation."""
    with database.session() as session:
        person_id = save_person(session, PersonData(name="周婷", mobile="13900000009"))
        meeting = create_meeting(session, format_id=meeting_format_id(session, "bimonthly"), title="双月协商会",
                                 starts_at=datetime(2024, 4, 18, 14, 30))
        invite(session, meeting, person_id)
        create_visit(session, kind="实地调研", visit_date=date(2024, 3, 1), title="调研",
                     participants=[(person_id, "参加")])
        add_recommendation(session, title="建议", content="内容", year=2024, source_kind="会议", meeting_id=meeting,
                           proposer_ids=[person_id])
    return person_id


def test_a_referenced_person_cannot_be_deleted_only_marked_former(database, busy_person):
    with database.session() as session:
        assert references(session, busy_person) == [("次会议活动", 1), ("次调研", 1), ("条意见建议", 1)]
    with pytest.raises(InUseError) as caught, database.session() as session:
        delete_person(session, busy_person)
    assert "1 次会议活动" in caught.value.message and "标记离任" in caught.value.message
    with database.session() as session:
        set_former(session, busy_person, True)
        rows = load_people(session)
        assert [r.status for r in rows if r.id == busy_person] == ["离任"]
        assert not [i for i in filter_rows(rows, PeopleFilter()) if rows[i].id == busy_person]


def test_an_unreferenced_person_can_be_deleted(database):
    with database.session() as session:
        person_id = save_person(session, PersonData(name="临时人员"))
        delete_person(session, person_id)
        assert session.get(Person, person_id) is None


def test_duplicates_by_name_and_birth_or_mobile(database):
    with database.session() as session:
        first = save_person(session, PersonData(name="张伟", birth_year=1970, birth_month=3, mobile="13900000001"))
        save_person(session, PersonData(name="张伟", birth_year=1985, birth_month=1))
        by_birth = find_duplicates(session, "张伟", 1970, 3, None)
        by_mobile = find_duplicates(session, "李明", None, None, "13900000001")
        assert [(h.id, h.reason) for h in by_birth] == [(first, "姓名和出生年月（1970.03）相同")]
        assert [(h.id, h.reason) for h in by_mobile] == [(first, "手机号码相同")]
        assert find_duplicates(session, "张伟", 1970, 3, None, exclude_id=first) == []


def test_merge_keeps_every_reference(database, busy_person):
    with database.session() as session:
        twin = save_person(session, PersonData(name="周婷", employer_title="区妇联副主席",
                                               memberships=[MembershipData(level="区", term="第十六届")]))
        meeting = session.exec(select(Attendance.meeting_id)).first()
        both = invite(session, meeting, twin)  # the duplicate was invited to the same meeting …
        record_reply(session, both, InviteStatus.CONFIRMED)
        check_in(session, both, datetime(2024, 4, 18, 14, 5))  # … and is the one who signed in
        merge_people(session, busy_person, twin)
    with database.session() as session:
        assert session.get(Person, twin) is None
        kept = session.get(Person, busy_person)
        assert kept.employer_title == "区妇联副主席"  # filled from the merged record
        assert [m.term for m in kept.memberships] == ["第十六届"]
        attendance = session.exec(select(Attendance)).all()
        assert len(attendance) == 1 and attendance[0].person_id == busy_person
        assert attendance[0].checked_in_at is not None and attendance[0].invite_status == "已确认"
        assert session.exec(select(RecommendationProposer.person_id)).all() == [busy_person]
        assert references(session, busy_person) == [("次会议活动", 1), ("次调研", 1), ("条意见建议", 1)]


def test_list_rows_filters_and_search(demo_database):
    with demo_database.session() as session:
        rows = load_people(session)
        economy = lookup_id(session, "sector", "经济")
    assert len(rows) == 379
    keys = [r.sort_stroke for r in rows]
    assert keys == sorted(keys)  # CPPCC stroke order straight from the query
    assert [r.name for r in rows].index("田富") < [r.name for r in rows].index("田大利")
    district = filter_rows(rows, PeopleFilter(level="区"))
    assert len(district) == 300
    both = [rows[i] for i in filter_rows(rows, PeopleFilter(level="市")) if "区" in rows[i].level_set]
    assert len(both) == 5 and all(r.levels == "区、市" for r in both)
    economy_rows = [rows[i] for i in filter_rows(rows, PeopleFilter(sector_id=economy))]
    assert economy_rows and all(economy in r.sector_ids for r in economy_rows)
    standing = filter_rows(rows, PeopleFilter(role="常委"))
    assert len(standing) == 40
    guests = filter_rows(rows, PeopleFilter(kind="嘉宾"))
    assert len(guests) == 54
    tian = [rows[i].name for i in filter_rows(rows, PeopleFilter(text="田富"))]
    assert tian == ["田富"]
    initials = [rows[i].name for i in filter_rows(rows, PeopleFilter(text="tdl"))]
    assert "田大利" in initials
    by_unit = filter_rows(rows, PeopleFilter(text="区人民医院"))
    assert by_unit and all("区人民医院" in rows[i].employer_title for i in by_unit)


def test_a_membership_change_alone_makes_other_copies_stale(database):
    with database.session() as session:
        person_id = save_person(session, PersonData(name="孙丽", memberships=[MembershipData(level="区")]))
    with database.session() as session:
        mine, theirs = get_person(session, person_id), get_person(session, person_id)
    theirs.memberships[0].role = "常委"
    with database.session() as session:
        save_person(session, theirs)
    mine.mobile = "13900000003"
    with pytest.raises(ConflictError), database.session() as session:
        save_person(session, mine)
