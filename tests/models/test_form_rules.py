"""What forms rely on, without widgets: every field error at once, deletability asked before deleting,
one way of quoting a title, and a visit saved with its new units and files in one command."""

from datetime import date, datetime

import pytest
from sqlmodel import func, select

from models.errors import FieldErrors, InUseError, ValidationError
from models.services import lookups
from models.services.bulletins import BulletinData, InstructionData, save_bulletin, save_instruction
from models.services.common import meeting_format_id
from models.services.invitees import check_in, invite, invitees_remove_refusal, remove_invitees
from models.services.meetings import MeetingData, add_agenda_item, create_meeting, meeting_delete_refusal, save_meeting
from models.services.people import PersonData, clean_person, organization_id, save_person
from models.services.people_records import delete_person, person_delete_refusal
from models.services.plans import PlanItemData, save_plan_item
from models.services.recommendation_entry import (
    RecommendationData,
    Source,
    recommendation_delete_refusal,
    save_recommendation,
)
from models.services.research import VisitData, copy_attachment, create_visit, save_visit, visit_delete_refusal
from models.services.topics import TopicData, save_topic, topic_delete_refusal
from models.services.visit_form import save_visit_form
from models.tables import Attachment, FieldVisit, Organization
from models.text import quoted


def fields(exc: pytest.ExceptionInfo) -> set:
    return {field for field, _message in exc.value.problems}


def test_field_errors_collects_every_problem():
    errors = FieldErrors()
    assert errors.check(lambda: 1) == 1
    errors.check(lambda: (_ for _ in ()).throw(ValidationError("甲错了", "a")))
    errors.add("乙错了", "b")
    with pytest.raises(ValidationError) as exc:
        errors.raise_if_any()
    assert exc.value.problems == [("a", "甲错了"), ("b", "乙错了")] and exc.value.field == "a"
    assert "甲错了" in exc.value.message and "乙错了" in exc.value.message
    FieldErrors().raise_if_any()  # nothing noted: nothing raised
    assert ValidationError("单个", "x").problems == [("x", "单个")]  # one error is a list of one


def test_person_reports_every_wrong_field_at_once():
    with pytest.raises(ValidationError) as exc:
        clean_person(PersonData(name="", mobile="12345", email="not-mail", birth_month=5))
    assert fields(exc) == {"name", "mobile", "email", "birth"}


def test_each_save_reports_all_its_field_errors(database):
    with database.session() as session:
        with pytest.raises(ValidationError) as exc:  # both required fields of a new recommendation
            save_recommendation(session, RecommendationData(source=Source(2024, "社情民意"), title="", content=""))
        assert fields(exc) == {"title", "content"}
        with pytest.raises(ValidationError) as exc:
            save_meeting(session, MeetingData(format_id=None, title="", starts_at=None))
        assert fields(exc) == {"format_id", "title", "starts_at"}
        with pytest.raises(ValidationError) as exc:
            save_topic(session, TopicData(year=1900, title="", source="领导点题"))
        assert fields(exc) == {"year", "title"}
        with pytest.raises(ValidationError) as exc:
            save_visit(session, VisitData(kind="旅游", visit_date=None, title=""))
        assert fields(exc) == {"kind", "visit_date", "title"}
        with pytest.raises(ValidationError) as exc:
            save_bulletin(session, BulletinData(year=2024, issue_no=0, title="", kind=""))
        assert fields(exc) == {"issue_no", "title", "kind"}
        with pytest.raises(ValidationError) as exc:
            save_plan_item(session, PlanItemData(year=2024, format_id=None, planned_month=13))
        assert fields(exc) == {"format_id", "planned_month"}
        meeting = create_meeting(session, format_id=meeting_format_id(session, "bimonthly"), title="会",
                                 starts_at=datetime(2024, 3, 1, 9))
        with pytest.raises(ValidationError) as exc:
            add_agenda_item(session, meeting, "", time_text="1" * 30, speaker="人" * 200)
        assert fields(exc) == {"title", "time_text", "speaker"}
        rec = save_recommendation(session, RecommendationData(source=Source(2024, "社情民意"), title="标题",
                                                              content="内容"))
        with pytest.raises(ValidationError) as exc:
            save_instruction(session, InstructionData(leader_name="", leader_title="长" * 200,
                                                      recommendation_id=rec, instructed_on=date(2024, 1, 1)))
        assert {"leader_name", "leader_title"} <= fields(exc)


def test_deletability_is_asked_before_deleting(database):
    with database.session() as session:
        fmt = meeting_format_id(session, "bimonthly")
        used = save_person(session, PersonData(name="参会人"))
        free = save_person(session, PersonData(name="新人"))
        meeting = create_meeting(session, format_id=fmt, title="“优化营商环境”座谈会",
                                 starts_at=datetime(2024, 3, 1, 9))
        empty_meeting = create_meeting(session, format_id=fmt, title="空会议",
                                       starts_at=datetime(2024, 3, 2, 9))
        attendance = invite(session, meeting, used)
        visit = create_visit(session, kind="实地调研", visit_date=date(2024, 3, 1), title="调研",
                             participants=[(used, "参加")])
        topic = save_topic(session, TopicData(year=2024, title="议题", source="领导点题"))
        rec = save_recommendation(session, RecommendationData(source=Source(2024, "社情民意"), title="建议",
                                                              content="内容"))

        refusal = person_delete_refusal(session, used)
        assert "不能删除" in refusal and "标记离任" in refusal
        assert person_delete_refusal(session, free) is None
        assert meeting_delete_refusal(session, meeting).startswith("“‘优化营商环境’座谈会”已有 1 人")
        assert meeting_delete_refusal(session, empty_meeting) is None
        assert visit_delete_refusal(session, visit) is None
        assert topic_delete_refusal(session, topic) is None
        assert recommendation_delete_refusal(session, rec) is None
        assert invitees_remove_refusal(session, [attendance]) is None
        check_in(session, attendance)
        assert "已签到" in invitees_remove_refusal(session, [attendance])
        with pytest.raises(InUseError) as exc:  # the delete itself still refuses, with the same words
            remove_invitees(session, [attendance])
        assert exc.value.message == invitees_remove_refusal(session, [attendance])
        with pytest.raises(InUseError) as exc:
            delete_person(session, used)
        assert exc.value.message == refusal
        value = lookups.add_value(session, "sector", "新界别")
        assert lookups.value_delete_refusal(session, "sector", value.id) is None


@pytest.mark.parametrize(("name", "shown"), [
    ("张伟", "“张伟”"),
    ("“完善社区卫生服务体系”", "“完善社区卫生服务体系”"),
    ("“优化营商环境 助力民营经济高质量发展”委员沙龙", "“‘优化营商环境 助力民营经济高质量发展’委员沙龙”"),
    ("「旧式引号」", "“旧式引号”"),
    ('"ascii"', "“ascii”"),
    ("“甲”与“乙”", "“‘甲’与‘乙’”"),
    ("  空格  ", "“空格”"),
])
def test_a_title_is_quoted_once(name, shown):
    assert quoted(name) == shown


def test_visit_form_saves_new_units_and_files_in_one_command(database, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"photo")
    folder = tmp_path / "attachments"
    copy = copy_attachment(photo, folder)
    with database.session() as session:
        known = organization_id(session, "已有单位")
        visit = save_visit_form(session, VisitData(kind="实地调研", visit_date=date(2024, 5, 1), title="调研"),
                                [known, "新成立的社区中心"], [copy])
        saved = session.get(FieldVisit, visit)
        names = [session.get(Organization, o.organization_id).name for o in
                 sorted(saved.organizations, key=lambda o: o.position)]
        assert names[1] == "新成立的社区中心" and len(names) == 2
        assert session.exec(select(func.count(Attachment.id)).where(Attachment.field_visit_id == visit)).one() == 1

