"""新建专报 proposes the next 期号; if a colleague saves that number while the dialog is open, the save takes
the next free one and says which (a number typed by hand is refused instead, under the field)."""

from models.services.bulletins import BulletinData, next_issue_no, save_bulletin
from models.services.recommendation_queries import list_bulletins
from tests.ui.conftest import db_call, settle
from ui.dialogs.bulletin_dialog import BulletinDialog

YEAR = 2027


def open_dialog(qtbot, context) -> BulletinDialog:
    proposed = db_call(context, next_issue_no, YEAR)
    dialog = BulletinDialog(context, YEAR, [], issue_no=proposed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("关于完善社区卫生服务体系的意见建议")
    return dialog


def colleague_saves(context, title: str) -> None:
    db_call(context, save_bulletin, BulletinData(year=YEAR, issue_no=None, title=title))


def test_the_proposed_number_taken_meanwhile_becomes_the_next_free_one(qtbot, context, message_log):
    dialog = open_dialog(qtbot, context)
    assert dialog.issue.value() == 1
    colleague_saves(context, "另一位同事的专报")  # takes 第1期 while the dialog is open
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_id is not None, timeout=30000)
    settle(qtbot, context)
    numbers = {b.title: b.issue_no for b in db_call(context, list_bulletins, YEAR)}
    assert numbers == {"另一位同事的专报": 1, "关于完善社区卫生服务体系的意见建议": 2}
    assert any("2027年第2期" in text for text in message_log.texts("saved"))


def test_a_typed_number_taken_meanwhile_is_refused_under_the_field(qtbot, context, message_log):
    dialog = open_dialog(qtbot, context)
    dialog.issue.setValue(3)
    colleague_saves(context, "第一期")
    colleague_saves(context, "第二期")
    colleague_saves(context, "第三期")
    dialog.save()
    qtbot.waitUntil(lambda: "已被《第三期》使用" in dialog.error.messages().get("issue_no", ""), timeout=30000)
    assert "下一个可用期号：4" in dialog.error.messages().get("issue_no", "") and dialog.saved_id is None
