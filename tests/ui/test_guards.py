"""The checks every UI test runs under do catch what they are for."""

import pytest
from sqlmodel import select

from models.tables import Sector
from tests.ui.guards import SQL_GUARD, GuiThreadSql
from ui.errors import reporter


def test_sql_on_the_gui_thread_is_caught(context):
    with pytest.raises(GuiThreadSql), context.database.session() as session:
        session.exec(select(Sector)).first()
    assert len(SQL_GUARD.take()) == 1  # taken here, so this test itself passes


def test_sql_on_the_database_executor_is_fine(context):
    names = context.db.call_blocking(lambda ctx: ctx.session.exec(select(Sector.name)).first(),
                                     database=context.database)
    assert names == "中共"
    assert SQL_GUARD.take() == []


def test_an_unexpected_error_is_handed_to_the_test_not_to_a_dialog(qtbot, ui_checks):
    ui_checks.expected = True
    reporter().report(RuntimeError("意外"))
    (details,) = ui_checks.take()
    assert "意外" in details
