"""操作日志: inserts, updates and deletes are written with who, what and which fields."""

import json

from sqlmodel import select

from models.services.people import PersonData, create_person
from models.tables import AuditEntry, Person


def test_changes_are_logged_with_fields(database):
    database.operator.pc_name = "联络室小王"  # used on a file; a server records the login (test_audit_operator.py)
    with database.session() as session:
        person_id = create_person(session, PersonData(name="王芳", mobile="13900000001"))
    with database.session() as session:
        person = session.get(Person, person_id)
        person.mobile = "13900000002"
    with database.session() as session:
        session.delete(session.get(Person, person_id))
    with database.session() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "person",
                                                        AuditEntry.entity_id == person_id)
                               .order_by(AuditEntry.id)).all()
        login = session.connection().exec_driver_sql("SELECT session_user").scalar() if database.path is None else None
    assert [e.action for e in entries] == ["新增", "修改", "删除"]
    assert all(e.operator == (login or "联络室小王") for e in entries)
    assert json.loads(entries[0].changes)["name"] == "王芳"
    assert json.loads(entries[1].changes) == {"mobile": ["13900000001", "13900000002"]}
    assert json.loads(entries[2].changes) == {"name": "王芳"}
