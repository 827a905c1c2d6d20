"""Two staff editing one record from two PCs (two Database objects, real connections, on one SQLite file and
on one PostgreSQL database): the second save is refused with 保存冲突 and what to do, and the first one's
change is what stays — never a lost update, also when both write at the same moment."""

import threading
from datetime import datetime

import pytest

from models.errors import ConflictError
from models.services.common import meeting_format_id
from models.services.invitees import invite, record_reply, update_invitee
from models.services.meeting_queries import get_meeting
from models.services.meetings import MeetingData, save_meeting
from models.services.people import PersonData, get_person, save_person
from models.tables import Attendance
from models.vocab import InviteStatus
from tests.two_clients import backend_waiting_on_lock, pg_template_fixture, two_clients_fixture  # noqa: F401 - fixtures

WHAT_TO_DO = "本次保存未执行"


def new_person(database, name="周敏") -> int:
    with database.session() as session:
        return save_person(session, PersonData(name=name, employer_title="区教育局副局长"))


def new_meeting(database) -> int:
    with database.session() as session:
        return save_meeting(session, MeetingData(meeting_format_id(session, "bimonthly"), "完善社区卫生服务体系",
                                                 datetime(2027, 3, 18, 14, 30), venue="区政协三楼会议室"))


def read(database, service, *args):
    with database.session() as session:
        return service(session, *args)


def test_person_edited_on_two_pcs(two_clients):
    a, b = two_clients
    person_id = new_person(a)
    on_a, on_b = read(a, get_person, person_id), read(b, get_person, person_id)
    on_a.employer_title, on_b.employer_title = "区卫健委主任", "区文旅局局长"
    with a.session() as session:
        save_person(session, on_a)
    with pytest.raises(ConflictError) as refused, b.session() as session:
        save_person(session, on_b)
    assert "周敏" in refused.value.message and WHAT_TO_DO in refused.value.message
    assert read(b, get_person, person_id).employer_title == "区卫健委主任"


def test_meeting_edited_on_two_pcs(two_clients):
    a, b = two_clients
    meeting_id = new_meeting(a)
    seen_a, seen_b = read(a, get_meeting, meeting_id), read(b, get_meeting, meeting_id)

    def edit(seen, venue):
        return MeetingData(seen.format_id, seen.title, seen.starts_at, venue=venue, id=meeting_id,
                           version=seen.version)

    with a.session() as session:
        save_meeting(session, edit(seen_a, "区委党校报告厅"))
    with pytest.raises(ConflictError) as refused, b.session() as session:
        save_meeting(session, edit(seen_b, "区政协二楼会议室"))
    assert WHAT_TO_DO in refused.value.message and "重新打开" in refused.value.message
    assert read(a, get_meeting, meeting_id).venue == "区委党校报告厅"


def test_invitee_reply_recorded_on_two_pcs(two_clients):
    a, b = two_clients
    meeting_id, person_id = new_meeting(a), new_person(a)
    with a.session() as session:
        attendance_id = invite(session, meeting_id, person_id, invite_status=InviteStatus.NOTIFIED)
    version = read(b, lambda s: s.get(Attendance, attendance_id).version)
    with a.session() as session:  # 回执 came back on A's PC: 请假
        record_reply(session, attendance_id, InviteStatus.LEAVE, leave_reason="出差", leave_approved_by="王主席",
                     expected_version=version)
    with pytest.raises(ConflictError), b.session() as session:  # B still shows 已通知 and marks 已确认
        record_reply(session, attendance_id, InviteStatus.CONFIRMED, expected_version=version)
    row = read(b, lambda s: s.get(Attendance, attendance_id))
    assert (row.invite_status, row.leave_reason) == (InviteStatus.LEAVE, "出差")


def test_two_saves_at_the_same_moment_on_postgresql(two_clients):
    """B's UPDATE waits for A's uncommitted one, then finds another version: refused, A's value stays."""
    a, b = two_clients
    if a.engine.dialect.name != "postgresql":
        pytest.skip("只有 PostgreSQL 允许两个写事务同时进行（SQLite 文件一次只允许一个写入者）")
    meeting_id, person_id = new_meeting(a), new_person(a)
    with a.session() as session:
        attendance_id = invite(session, meeting_id, person_id)
    version = read(b, lambda s: s.get(Attendance, attendance_id).version)
    outcome = {}

    def b_saves():
        try:
            with b.session() as session:
                update_invitee(session, attendance_id, role="发言", expected_version=version)
            outcome["b"] = "saved"
        except ConflictError as exc:
            outcome["b"] = exc

    with a.session() as session:
        update_invitee(session, attendance_id, role="列席", expected_version=version)  # row locked until commit
        writer = threading.Thread(target=b_saves)
        writer.start()
        deadline = threading.Event()
        for _ in range(200):  # until B's UPDATE waits for A's row lock (or B finished: it must not have)
            if backend_waiting_on_lock(a.url) or not writer.is_alive():
                break
            deadline.wait(0.05)
        assert writer.is_alive(), outcome
    writer.join(30)
    assert isinstance(outcome["b"], ConflictError)
    assert read(a, lambda s: s.get(Attendance, attendance_id).role) == "列席"
