"""Other clients' saves, told to this one (models/live.py): PostgreSQL NOTIFY in the committing transaction
and a listener that skips its own and reconnects; SQLite's data_version for another connection's commit."""

import queue
import sqlite3

import pytest
from sqlalchemy import create_engine

from models.changes import ALL_AREAS, Area, Changes
from models.errors import ValidationError
from models.live import PAYLOAD_LIMIT, Listener, changed_elsewhere, parse, payload
from models.services.people import PersonData, get_person, save_person
from tests.two_clients import pg_template_fixture, two_clients_fixture  # noqa: F401 - fixtures

WAIT_S = 10  # generous: the machine is shared; a notification normally arrives in milliseconds


def test_payload_round_trip_and_a_large_import_without_ids():
    changes = Changes(frozenset({Area.PEOPLE, Area.MEMBERSHIPS, Area.ATTENDANCE}),
                      {Area.PEOPLE: frozenset({3, 1}), Area.ATTENDANCE: frozenset({7})})
    client, back = parse(payload("pc-1", changes))
    assert client == "pc-1" and back == changes  # MEMBERSHIPS without ids stays "which ones: not known"
    many = Changes(frozenset({Area.PEOPLE}), {Area.PEOPLE: frozenset(range(1, 5000))})
    text = payload("pc-1", many)
    assert len(text.encode()) <= PAYLOAD_LIMIT
    assert parse(text)[1] == Changes(frozenset({Area.PEOPLE}), {})


def test_unreadable_or_newer_payloads_are_ignored():
    assert parse("not json") is None and parse('{"areas": {}}') is None
    _client, changes = parse('{"client": "x", "areas": {"people": [1], "a-newer-area": null}}')
    assert changes == Changes(frozenset({Area.PEOPLE}), {Area.PEOPLE: frozenset({1})})


def test_elsewhere_is_every_area_but_not_another_database():
    changes = Changes.elsewhere()
    assert changes.areas == ALL_AREAS and not changes.ids and not changes.everything
    assert changes.touches_record(Area.MEETINGS, 5)


def add_person(database, name: str) -> int:
    with database.session() as session:
        return save_person(session, PersonData(name=name))


@pytest.mark.parametrize("two_clients", ["sqlite"], indirect=True)
def test_sqlite_tells_another_connections_commit_not_its_own(two_clients):
    a, b = two_clients
    assert changed_elsewhere(b.engine) is False  # the first call takes note
    add_person(b, "钱程")
    assert changed_elsewhere(b.engine) is False  # B's own commit
    add_person(a, "孙立")
    assert changed_elsewhere(b.engine) is True
    assert changed_elsewhere(b.engine) is False  # told once
    with pytest.raises(ValidationError), a.session() as session:  # rolled back: nothing committed
        save_person(session, PersonData(name="李梅"))
        save_person(session, PersonData(name=""))
    assert changed_elsewhere(b.engine) is False
    other_program = sqlite3.connect(str(b.path))  # not this app at all: a bare connection to the file
    try:
        with other_program:
            other_program.execute("UPDATE person SET notes = '改过' WHERE name = '钱程'")
    finally:
        other_program.close()
    assert changed_elsewhere(b.engine) is True


def listen(database) -> tuple[Listener, queue.Queue]:
    heard: queue.Queue = queue.Queue()
    listener = Listener(database.engine, database.client_id, heard.put).start()
    assert listener.connected.wait(WAIT_S)
    return listener, heard


@pytest.mark.parametrize("two_clients", ["postgresql"], indirect=True)
def test_postgresql_notifies_the_others_of_each_commit(two_clients):
    a, b = two_clients
    (on_a, heard_a), (on_b, heard_b) = listen(a), listen(b)
    try:
        person_id = add_person(a, "赵磊")
        changes = heard_b.get(timeout=WAIT_S)
        assert Area.PEOPLE in changes.areas and changes.ids_of(Area.PEOPLE) == {person_id}
        assert changes.initiator is None and not changes.everything
        with pytest.raises(ValidationError), a.session() as session:  # rolled back: nobody is told
            save_person(session, PersonData(name="吴静"))
            save_person(session, PersonData(name=""))
        other_id = add_person(b, "郑华")  # B's own: A hears it, B does not
        assert heard_a.get(timeout=WAIT_S).ids_of(Area.PEOPLE) == {other_id}
        with b.session() as session:  # a read changes nothing: no notification
            get_person(session, other_id)
        add_person(a, "冯雪")
        assert heard_b.get(timeout=WAIT_S).areas >= {Area.PEOPLE}
        assert heard_b.empty() and heard_a.empty()  # nothing of the rolled-back save, nothing of B's own
    finally:
        on_a.stop(), on_b.stop()
    assert on_a.join(WAIT_S) and on_b.join(WAIT_S)


@pytest.mark.parametrize("two_clients", ["postgresql"], indirect=True)
def test_listener_reconnects_after_losing_its_connection(two_clients):
    a, b = two_clients
    on_b, heard = listen(b)
    admin = create_engine(b.url)
    try:
        with admin.connect() as connection:  # what a server restart does to the listener's connection
            connection.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%%' AND pid <> pg_backend_pid()")
        assert heard.get(timeout=WAIT_S) == Changes.elsewhere()  # back: whatever was missed, reloaded
        assert on_b.reconnects == 1 and on_b.connected.wait(WAIT_S)
        person_id = add_person(a, "陈晨")
        assert heard.get(timeout=WAIT_S).ids_of(Area.PEOPLE) == {person_id}
    finally:
        admin.dispose()
        on_b.stop()
    assert on_b.join(WAIT_S)
