"""The office server away for a moment, as the user sees it: a save after a restart just works; a save while
the server is stopped gets the Chinese message (no error dialog, nothing saved); once it is back the next
save works."""

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from models.server import open_server
from models.services.people import PersonData, create_person
from tests.postgres import fresh_database
from tests.server_roles import accept_connections, drop_connections
from tests.ui.conftest import _make_context, db_call, settle
from tests.ui.guards import SQL_GUARD
from tests.ui.test_server_connect import as_administrator
from ui.operations import run_command

pytestmark = pytest.mark.postgres_only
WAIT = 30000


@pytest.fixture
def office(paths):
    """(context, url): the app on an office database, as an editor."""
    with as_administrator(fresh_database()) as url:
        with SQL_GUARD.outside_app():
            database = open_server(url).database
        try:
            yield from ((context, url) for context in _make_context(paths, database))
        finally:
            with SQL_GUARD.outside_app():
                accept_connections(url, True)


def test_a_save_while_the_server_is_away_is_said_in_chinese_and_the_next_one_works(qtbot, office, message_log):
    context, url = office
    window = QWidget()
    qtbot.addWidget(window)
    saved = []

    def save(name: str) -> None:
        run_command(context, window, lambda s: create_person(s, PersonData(name=name)),
                    on_done=lambda _id: saved.append(name))
        settle(qtbot, context)

    save("王建国")
    with SQL_GUARD.outside_app():
        drop_connections(url)  # the server restarted
    save("李秀英")
    assert saved == ["王建国", "李秀英"] and not message_log.texts()
    with SQL_GUARD.outside_app():
        accept_connections(url, False)  # the server is stopped
    save("张伟")
    assert saved == ["王建国", "李秀英"]
    assert [text for text in message_log.texts("warn") if "连接中断" in text and "没有保存任何修改" in text]
    with SQL_GUARD.outside_app():
        accept_connections(url, True)  # and back
    save("赵敏")
    assert saved[-1] == "赵敏"
    people = db_call(context, lambda s: s.execute(text("SELECT name FROM person ORDER BY id")).scalars().all())
    assert people == ["王建国", "李秀英", "赵敏"]
