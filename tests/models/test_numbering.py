"""Numbers people see are allocated without races (models/numbering.py): two PCs saving a new 《政协建言》 at the
same moment get 第1期 and 第2期, two imports get ids of their own, two agenda items two positions — on one
SQLite file and on one PostgreSQL database, with real connections and threads."""

import threading
from datetime import datetime

import pytest
from sqlalchemy import event, func, select

from models.numbering import allocate_ids, hold_numbering, lock_key
from models.services.bulletins import BulletinData, next_issue_no, save_bulletin
from models.services.common import meeting_format_id
from models.services.meetings import MeetingData, add_agenda_item, save_meeting
from models.services.people import PersonData, save_person
from models.services.people_bulk import save_people
from models.tables import AgendaItem, Bulletin, Person
from tests.two_clients import backend_waiting_on_lock, pg_template_fixture, two_clients_fixture  # noqa: F401

WAIT_S = 30


def at_the_same_moment(a, b, work_a, work_b) -> dict:
    """A does `work_a` and keeps its transaction open while B starts `work_b` on its own connection; A commits
    only once B is under way (PostgreSQL: B waits for a lock), so B's read cannot come after A's commit by luck.
    Returns {"a": result, "b": result or the exception B met}."""
    outcome, b_started = {}, threading.Event()

    def sent(*_args):
        b_started.set()

    def run_b():
        try:
            with b.session() as session:
                outcome["b"] = work_b(session)
        except Exception as exc:  # the test looks at what B met
            outcome["b"] = exc

    event.listen(b.engine, "before_cursor_execute", sent)
    try:
        with a.session() as session:
            outcome["a"] = work_a(session)
            thread = threading.Thread(target=run_b)
            thread.start()
            assert b_started.wait(WAIT_S)
            if a.engine.dialect.name == "postgresql":
                for _ in range(600):  # until B waits for A's lock (or has finished: then it did not wait)
                    if backend_waiting_on_lock(a.url) or not thread.is_alive():
                        break
                    b_started.wait(0.05)
            else:
                threading.Event().wait(0.3)  # B's statement reaches SQLite's lock (its busy wait is 5 s)
    finally:
        event.remove(b.engine, "before_cursor_execute", sent)
    thread.join(WAIT_S)
    return outcome


def test_lock_keys_are_stable_and_distinct():
    assert lock_key("bulletin:2027") == lock_key("bulletin:2027") != lock_key("bulletin:2028")
    assert -2**63 <= lock_key("x") < 2**63


def bulletin(title: str) -> BulletinData:
    return BulletinData(year=2027, issue_no=None, title=title)


def test_two_pcs_saving_a_new_bulletin_at_once_get_two_numbers(two_clients):
    a, b = two_clients
    outcome = at_the_same_moment(a, b, lambda s: save_bulletin(s, bulletin("关于消费新高地的建议")),
                                 lambda s: save_bulletin(s, bulletin("关于社区卫生服务的建议")))
    assert isinstance(outcome["b"], int), outcome["b"]
    with a.session() as session:
        numbers = dict(session.execute(select(Bulletin.title, Bulletin.issue_no)).all())
        assert next_issue_no(session, 2027) == 3
    assert numbers == {"关于消费新高地的建议": 1, "关于社区卫生服务的建议": 2}


def test_a_number_typed_and_taken_meanwhile_is_refused_with_the_next_free_one(two_clients):
    a, b = two_clients
    typed = BulletinData(year=2027, issue_no=1, title="关于公共文化的建议")
    outcome = at_the_same_moment(a, b, lambda s: save_bulletin(s, bulletin("关于绿色发展的建议")),
                                 lambda s: save_bulletin(s, typed))
    assert "已被《关于绿色发展的建议》使用" in outcome["b"].message and "下一个可用期号：2" in outcome["b"].message


def test_two_imports_at_once_get_ids_of_their_own(two_clients):
    a, b = two_clients
    outcome = at_the_same_moment(a, b, lambda s: save_people(s, [(PersonData(name="甲一"), None),
                                                                  (PersonData(name="甲二"), None)]),
                                 lambda s: save_people(s, [(PersonData(name="乙一"), None)]))
    assert isinstance(outcome["b"], list), outcome["b"]
    assert len(set(outcome["a"]) | set(outcome["b"])) == 3
    with a.session() as session:  # a person saved one by one afterwards gets a free id too (the sequence)
        later = save_person(session, PersonData(name="丙一"))
        assert session.scalar(select(func.count(Person.id))) == 4
    assert later not in outcome["a"] + outcome["b"]


def test_two_agenda_items_added_at_once_get_two_positions(two_clients):
    a, b = two_clients
    with a.session() as session:
        meeting = save_meeting(session, MeetingData(meeting_format_id(session, "salon"), "委员沙龙",
                                                    datetime(2027, 6, 8, 9, 0)))
    at_the_same_moment(a, b, lambda s: add_agenda_item(s, meeting, "主持人介绍"),
                       lambda s: add_agenda_item(s, meeting, "委员发言"))
    with a.session() as session:
        positions = session.scalars(select(AgendaItem.position).where(AgendaItem.meeting_id == meeting)).all()
    assert sorted(positions) == [1, 2]


def test_allocate_ids_on_an_empty_request_takes_nothing(two_clients):
    a, _b = two_clients
    with a.session() as session:
        assert allocate_ids(session, Person.__table__, 0) == []
        hold_numbering(session, "anything")  # and a hold alone writes nothing
        assert session.scalar(select(func.count(Person.id))) == 0


@pytest.mark.parametrize("two_clients", ["postgresql"], indirect=True)
def test_other_names_do_not_wait(two_clients):
    """On PostgreSQL a hold on 2027's numbers does not keep another PC from numbering 2028's."""
    a, b = two_clients
    with a.session() as session:
        hold_numbering(session, "bulletin:2027")
        with b.session() as other:
            other.connection().exec_driver_sql("SET LOCAL lock_timeout = '5s'")  # fail, not hang, if it waited
            save_bulletin(other, BulletinData(year=2028, issue_no=None, title="下一年的专报"))
