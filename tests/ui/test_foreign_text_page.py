"""A register file with a name that another program stored as bytes that are not UTF-8: the 委员 page still
opens, shows the bad bytes as �, and says nothing about it."""

import sqlite3

import pytest

from models.services.people import PersonData, create_person
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui.views.members_page import MembersPage

pytestmark = pytest.mark.sqlite_only  # PostgreSQL refuses such bytes when they are written


def test_members_page_opens_with_bad_bytes(qtbot, context, message_log):
    person_id = db_call(context, create_person, PersonData(name="张三", employer_title="区政协"))
    with sqlite3.connect(context.database.path) as raw:
        raw.execute("UPDATE person SET name = CAST(x'e5bca0ff41' AS TEXT), employer_title = CAST(x'ff41' AS TEXT)"
                    " WHERE id = ?", (person_id,))
    raw.close()
    page = MembersPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=30000)
    settle(qtbot, context)
    row = page.model.visible_rows()[0]
    assert (row.name, row.employer_title) == ("张\ufffdA", "\ufffdA")
    assert message_log.shown == []
    save_screenshot(page, "members_page_bad_bytes")
