"""A SQLite file whose text columns hold bytes that are not UTF-8 (written by another program) still reads:
the bad bytes show as U+FFFD (�), and saving the row back writes valid UTF-8."""

import sqlite3

import pytest

from models.services.people import PersonData, create_person, get_person, save_person
from models.services.people_list import load_people

pytestmark = pytest.mark.sqlite_only  # PostgreSQL refuses such bytes when they are written


def _spoil(database, person_id: int) -> None:
    """What another tool may leave behind: 0xFF is never valid in UTF-8."""
    with sqlite3.connect(database.path) as raw:
        raw.execute("UPDATE person SET name = CAST(x'e5bca0ff41' AS TEXT), employer_title = CAST(x'ff41' AS TEXT)"
                    " WHERE id = ?", (person_id,))
    raw.close()


def _raw(database, person_id: int) -> tuple:
    with sqlite3.connect(database.path) as raw:
        row = raw.execute("SELECT typeof(name), hex(name), hex(employer_title) FROM person WHERE id = ?",
                          (person_id,)).fetchone()
    raw.close()
    return row


def test_bad_bytes_read_as_replacement_characters(database):
    with database.session() as session:
        person_id = create_person(session, PersonData(name="张三", employer_title="区政协"))
    _spoil(database, person_id)
    database.dispose()  # fresh connections, as after opening the file again
    with database.session() as session:
        rows = {row.id: row for row in load_people(session)}
        person = get_person(session, person_id)
    assert rows[person_id].name == "张\ufffdA"
    assert person.name == "张\ufffdA" and person.employer_title == "\ufffdA"


def test_saving_the_row_back_writes_valid_utf8(database):
    """An edited field is written as UTF-8 (� included); a field left alone is not rewritten and still reads."""
    with database.session() as session:
        person_id = create_person(session, PersonData(name="张三", employer_title="区政协"))
    _spoil(database, person_id)
    database.dispose()
    with database.session() as session:
        person = get_person(session, person_id)
        person.employer_title += "办"
        save_person(session, person)
    assert _raw(database, person_id) == ("text", "E5BCA0FF41", "EFBFBD41" + "办".encode().hex().upper())
    with database.session() as session:
        saved = get_person(session, person_id)
    assert (saved.name, saved.employer_title) == ("张\ufffdA", "\ufffdA办")
