"""Units of work on a real PostgreSQL server when something goes wrong underneath: the server restarts between
two saves (the second still works), the connection drops in the middle of one or the server stops accepting
connections (a Chinese message, nothing saved, the next save after it is back works), and an editing account
the administrator left one GRANT out for is told so — not "只有查看权限"."""

from datetime import datetime

import pytest
from sqlalchemy import event, text

from models.errors import ConnectionLostError, ReadOnlyError
from models.server import GrantMissingError, open_server
from models.services.meetings import create_meeting
from models.services.people import PersonData, create_person
from tests.models.test_server_connect import head_database  # noqa: F401 - a fixture
from tests.server_roles import accept_connections, admin_sql, database_name, drop_connections, login_role, url_for

pytestmark = pytest.mark.postgres_only


def names(database) -> list[str]:
    with database.session() as session:
        return session.execute(text("SELECT name FROM person ORDER BY id")).scalars().all()


@pytest.fixture
def office(head_database):  # noqa: F811 - the fixture imported above
    database = open_server(head_database).database
    try:
        yield head_database, database
    finally:
        accept_connections(head_database, True)
        database.dispose()


def test_the_first_save_after_a_server_restart_works(office):
    url, database = office
    with database.session() as session:
        create_person(session, PersonData(name="王建国"))
    drop_connections(url)  # the pooled connection is dead now; without a check the next save would fail once
    with database.session() as session:
        create_person(session, PersonData(name="李秀英"))
    assert names(database) == ["王建国", "李秀英"]


def test_a_connection_lost_in_the_middle_of_a_save_says_so_in_chinese_and_saves_nothing(office):
    url, database = office
    with pytest.raises(ConnectionLostError) as raised, database.session() as session:
        create_person(session, PersonData(name="张伟"))
        session.flush()  # written, not committed
        drop_connections(url)
        session.execute(text("SELECT 1"))
    assert "连接中断" in raised.value.message and "没有保存任何修改" in raised.value.message
    assert names(database) == []  # the server rolled it back; the next unit of work reconnects


def test_a_connection_lost_as_the_save_commits_does_not_claim_either_way(office):
    """Lost during the commit: whether the server committed cannot be known, so the message says so (and the
    save is not tried again: it might then be saved twice)."""
    url, database = office
    with pytest.raises(ConnectionLostError) as raised, database.session() as session:
        create_person(session, PersonData(name="张伟"))
        event.listen(session, "before_commit", lambda _session: drop_connections(url))
    assert "无法确认本次修改是否已经保存" in raised.value.message and "没有保存任何修改" not in raised.value.message
    assert names(database) == []  # here it was not: the connection went before COMMIT reached the server


def test_a_stopped_server_refuses_a_save_in_chinese_and_the_next_save_after_it_is_back_works(office):
    url, database = office
    with database.session() as session:
        create_person(session, PersonData(name="王建国"))
    accept_connections(url, False)
    with pytest.raises(ConnectionLostError) as raised, database.session() as session:
        create_person(session, PersonData(name="李秀英"))
    assert "连接中断" in raised.value.message and "请稍候再试一次" in raised.value.message
    assert "无法确认" not in raised.value.message
    accept_connections(url, True)
    with database.session() as session:
        create_person(session, PersonData(name="张伟"))
    assert names(database) == ["王建国", "张伟"]  # 李秀英 was never saved


@pytest.mark.parametrize("missing, named", [
    ("REVOKE INSERT ON meeting FROM {role}", "数据表“meeting”"),
    ("REVOKE ALL ON SEQUENCE meeting_id_seq FROM {role}", "编号序列“meeting_id_seq”"),
])
def test_an_editor_missing_one_grant_is_told_what_is_missing_not_view_only(office, missing, named):
    url, _database = office
    with login_role(editor_of=database_name(url)) as role:
        admin_sql([missing.format(role=role)], database_name(url))
        editor = open_server(url_for(url, role)).database
        try:
            assert not editor.read_only  # person is writable: detected as an editor
            with editor.session() as session:
                create_person(session, PersonData(name="王建国"))  # what it was granted works
            with pytest.raises(GrantMissingError) as raised, editor.session() as session:
                create_meeting(session, format_id=1, title="专题协商会", starts_at=datetime(2026, 12, 18, 14, 30))
            message = raised.value.message
            assert not isinstance(raised.value, ReadOnlyError) and "只有查看权限" not in message
            assert named in message and role in message and "授权" in message and "未保存" in message
        finally:
            editor.dispose()
