"""Who the 操作日志 names: on PostgreSQL the database login (session_user, also under SET ROLE to a group),
per database and asked once per connection; on SQLite this PC's name, else the system user. Every writer
records it: the flush hook, the bulk import, the status histories."""

import getpass
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import event
from sqlmodel import select

from models.audit import OPERATOR_MAX, check_operator_name, system_user
from models.db import Database
from models.errors import ValidationError
from models.services.people import MembershipData, PersonData, create_person
from models.services.people_bulk import save_people
from models.services.topics import create_topic
from models.tables import AuditEntry, Person, TopicStatusChange
from tests.server_roles import admin_sql, database_name, login_role, revoke_all, url_for


def _entries(database, entity: str, entity_id: int) -> list[AuditEntry]:
    with database.session() as session:
        return session.exec(select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                            .order_by(AuditEntry.id)).all()


def _login(database) -> str:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT session_user").scalar()


def _edit_and_delete(database, name: str) -> int:
    with database.session() as session:
        person_id = create_person(session, PersonData(name=name, mobile="13900000001"))
    with database.session() as session:
        session.get(Person, person_id).mobile = "13900000002"
    with database.session() as session:
        session.delete(session.get(Person, person_id))
    return person_id


@pytest.mark.sqlite_only
def test_on_a_file_the_pc_name_is_recorded_and_without_one_the_system_user(database):
    _edit_and_delete(database, "王芳")
    database.operator.pc_name = "联络室小王"
    _edit_and_delete(database, "李强")  # (SQLite gives it the deleted one's id again)
    with database.session() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "person").order_by(AuditEntry.id)).all()
    assert [e.operator for e in entries] == [getpass.getuser()[:OPERATOR_MAX]] * 3 + ["联络室小王"] * 3


@pytest.mark.sqlite_only
def test_two_files_open_at_once_each_record_their_own_name(database_factory):
    one, other = database_factory("one"), database_factory("other")
    one.operator.pc_name, other.operator.pc_name = "甲", "乙"
    with one.session() as a, other.session() as b:  # both writing at once, in one process
        a_id = create_person(a, PersonData(name="王芳"))
        b_id = create_person(b, PersonData(name="李强"))
    assert [e.operator for e in _entries(one, "person", a_id)] == ["甲"]
    assert [e.operator for e in _entries(other, "person", b_id)] == ["乙"]


@pytest.mark.postgres_only
def test_on_a_server_the_login_is_recorded_and_a_pc_name_does_not_override_it(database):
    database.operator.pc_name = "随便写的名字"
    person_id = _edit_and_delete(database, "王芳")
    assert [e.operator for e in _entries(database, "person", person_id)] == [_login(database)] * 3


@pytest.mark.postgres_only
def test_the_login_is_asked_once_per_connection_not_once_per_flush(database):
    asked = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: asked.append(statement) if "session_user" in statement else None)
    database.engine.dispose()  # a new connection: it asks once, whatever the flushes that follow
    for number in range(3):
        with database.session() as session:
            person_id = create_person(session, PersonData(name=f"王芳{number}"))
            session.flush()
            session.get(Person, person_id).mobile = "13900000002"
            session.flush()
    assert len(asked) == 1


@contextmanager
def editor_client(database, *, via_group: str | None = None) -> Database:
    """A login role that may edit `database` — by its own GRANTs, or as README's editors do (a member of a
    group role that holds them, with `SET role` to the group on login) — opened as a second client."""
    name = database_name(database.url)
    with login_role(groups=(via_group,) if via_group else ()) as role:
        holder = via_group or role
        admin_sql([f'GRANT CONNECT ON DATABASE "{name}" TO {holder}'])
        admin_sql([f"GRANT USAGE ON SCHEMA public TO {holder}",
                   f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {holder}",
                   f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {holder}"], name)
        if via_group:
            admin_sql([f"ALTER ROLE {role} SET role = '{via_group}'"])
        client = Database(url_for(database.url, role))
        try:
            yield role, client
        finally:
            client.dispose()
            revoke_all(holder, name)


@pytest.mark.postgres_only
def test_two_logins_at_once_each_record_their_own_even_under_set_role(database):
    with ExitStack() as stack:
        zhang, a = stack.enter_context(editor_client(database))
        li, b = stack.enter_context(editor_client(database, via_group="cd_test_editors"))
        with b.engine.connect() as connection:  # li works as the group, as README sets editors up
            assert connection.exec_driver_sql("SELECT current_user").scalar() == "cd_test_editors"
        a.operator.pc_name = b.operator.pc_name = "本机姓名"  # not used on a server
        with a.session() as sa, b.session() as sb:
            a_id = create_person(sa, PersonData(name="王芳"))
            b_id = create_person(sb, PersonData(name="李强"))
        with b.session() as session:  # li edits zhang's record
            session.get(Person, a_id).mobile = "13900000009"
        with a.session() as session:
            topic_id = create_topic(session, year=2023, title="社区卫生服务", source="委员荐题")
        with b.session() as session:
            ids = save_people(session, [(PersonData(name="赵敏", memberships=[MembershipData(level="区")]), None)])
        assert [(e.action, e.operator) for e in _entries(database, "person", a_id)] == [("新增", zhang), ("修改", li)]
        assert [e.operator for e in _entries(database, "person", b_id)] == [li]
        with database.session() as session:
            assert session.exec(select(TopicStatusChange.operator).where(
                TopicStatusChange.topic_id == topic_id)).all() == [zhang]
            bulk = session.exec(select(AuditEntry.entity, AuditEntry.operator).where(AuditEntry.operator == li,
                                AuditEntry.entity == "membership")).all()
        assert [e.operator for e in _entries(database, "person", ids[0])] == [li]
        assert bulk == [("membership", li)]


def test_the_bulk_import_records_the_same_operator_as_a_save_one_by_one(database):
    database.operator.pc_name = "联络室小王"
    expected = "联络室小王" if database.path is not None else _login(database)
    with database.session() as session:
        original_id = create_person(session, PersonData(name="张伟", mobile="13900000001"))
    with database.session() as session:
        original = session.get(Person, original_id)
        changed = PersonData(id=original_id, version=original.version, name="张伟", mobile="13900000002")
        new_ids = save_people(session, [(changed, PersonData(id=original_id, name="张伟", mobile="13900000001")),
                                        (PersonData(name="孙红"), None)])
    assert [(e.action, e.operator) for e in _entries(database, "person", original_id)] == \
        [("新增", expected), ("修改", expected)]
    assert [e.operator for e in _entries(database, "person", new_ids[1])] == [expected]


@pytest.mark.parametrize("typed, kept", [("  张三 ", "张三"), ("", ""), ("   ", ""), (None, ""),
                                         ("Zhang San", "Zhang San"), ("甲" * OPERATOR_MAX, "甲" * 50),
                                         ("a=b", "a=b")])
def test_a_pc_name_is_trimmed_and_empty_means_the_system_user(typed, kept):
    assert check_operator_name(typed) == kept


@pytest.mark.parametrize("typed, said", [("甲" * (OPERATOR_MAX + 1), "最多 50 个字，现在有 51 个字"),
                                         ("张\x07三", "无法保存的字符"), ("张三\ufffe", "无法保存的字符"),
                                         ("张\n三", "无法保存的字符"), ("=张三", "不能以“=”开头")])
def test_a_pc_name_no_log_could_hold_is_refused_in_chinese(typed, said):
    with pytest.raises(ValidationError) as raised:
        check_operator_name(typed)
    assert said in raised.value.message
    assert raised.value.field == "name"


def test_the_system_user_is_never_empty(monkeypatch):
    def no_user():
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert system_user() == "未知"


def test_the_demo_is_logged_as_the_demo_and_what_follows_as_the_person(demo_database):
    """Thousands of demo rows are not the work of whoever first opened the demo: 演示数据 in the log and the
    status histories; a save after it names this PC's name (or the login) as always."""
    from models.audit import DEMO_OPERATOR

    with demo_database.session() as session:
        logged = set(session.exec(select(AuditEntry.operator).where(AuditEntry.entity == "person")).all())
        histories = set(session.exec(select(TopicStatusChange.operator)).all())
    assert logged == {DEMO_OPERATOR} and histories == {DEMO_OPERATOR}
    demo_database.operator.pc_name = "联络室小王"
    login = _login(demo_database) if demo_database.engine.dialect.name == "postgresql" else None
    person_id = _edit_and_delete(demo_database, "王芳")
    assert {e.operator for e in _entries(demo_database, "person", person_id)} == {login or "联络室小王"}
