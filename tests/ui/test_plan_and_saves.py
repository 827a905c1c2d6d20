"""Issue 11 through the widgets: a partly scored topic shown unranked with its reviewer count beside the
score and named by 按排名生成计划; planning moves topics to 列入计划 after a warning for unconfirmed ones;
a meeting's end follows its start, a far end is refused beside the field; saves say they saved."""

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMainWindow

from models.services import lookups
from models.services.meeting_queries import get_meeting
from models.services.plans import PlanItemData, create_meeting_for_item, save_plan_item
from models.services.topic_scores import ScoreEntry, criteria, list_topics, save_scores
from models.services.topics import TopicData, save_topic
from models.vocab import TopicStatus
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button, when_modal
from ui import messages
from ui.dialogs.topic_dialogs import TopicDialog
from ui.operations import run_command
from ui.views.meeting_window import MeetingWindow
from ui.views.topics_page import TopicsPage

WAIT = 30000


@pytest.fixture
def page(qtbot, demo_context):
    """The 议题与计划 page inside a main window (where saves are announced), on 2024."""
    window = QMainWindow()
    widget = TopicsPage(demo_context)
    window.setCentralWidget(widget)
    widget.host = window  # keeps the window (and so the page) alive for the test
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    qtbot.waitUntil(lambda: widget.year_combo.count() > 0, timeout=WAIT)
    widget.year_combo.set_value(2024)
    qtbot.waitUntil(lambda: widget.pool_tab.shown_year == 2024, timeout=WAIT)
    return widget


def one_reviewer_scores(context, title: str, value: int) -> int:
    """As another screen would: a new topic scored by one of the year's three reviewers (a notice follows)."""
    topic_id = db_call(context, save_topic, TopicData(year=2024, title=title, source="委员荐题"))
    marks = db_call(context, criteria)
    entries = [ScoreEntry(topic_id, c.id, value) for c in marks]
    run_command(context, None, lambda s: save_scores(s, "卢文建", entries))
    return topic_id


def cell(tab, row: int, key: str) -> str:
    column = next(i for i, c in enumerate(tab.model.columns) if c.key == key)
    return tab.model.index(row, column).data()


def test_partly_scored_topic_is_not_ranked_and_says_so(qtbot, page, demo_context, monkeypatch, message_log):
    tab = page.pool_tab
    partly = one_reviewer_scores(demo_context, "只有一位评分人评过的议题", 10)
    qtbot.waitUntil(lambda: any(r.id == partly for r in tab.model.rows), timeout=WAIT)
    row = next(i for i, r in enumerate(tab.model.rows) if r.id == partly)
    assert row == 12  # after the twelve fully scored topics although its 10.00 is the highest
    assert (cell(tab, row, "rank"), cell(tab, row, "score"), cell(tab, row, "reviewers")) == \
        ("—", "10.00", "1/3 未评完")
    assert (cell(tab, 0, "rank"), cell(tab, 0, "reviewers")) == ("1", "3/3")
    keys = [c.key for c in tab.model.columns]
    assert keys.index("reviewers") == keys.index("score") + 1  # the count beside the score
    assert "未评完 1 个（不参与排名）" in tab.count.text()
    save_screenshot(page.window(), "topics_pool_partly_scored")

    monkeypatch.setattr("ui.views.plan_tab.QInputDialog.getInt", lambda *a, **k: (5, True))
    page.plan_tab.add_top()
    qtbot.waitUntil(lambda: len(page.plan_tab.model.rows) == 5, timeout=WAIT)
    question = message_log.texts("confirm")[-1]
    assert "另有 1 个议题尚未经全部评分人评分" in question and "“只有一位评分人评过的议题”1/3 未评完" in question
    assert partly not in [p.topic_id for p in page.plan_tab.model.rows]


def test_planning_moves_topics_and_warns_for_unconfirmed_ones(qtbot, page, demo_context, monkeypatch, message_log):
    pool = db_call(demo_context, list_topics, 2024)
    unconfirmed = [t for t in pool[:6] if t.status != TopicStatus.PARTY_CONFIRMED]
    assert [t.status for t in unconfirmed] == ["主席会议通过", "主席会议通过"]  # ranks 5 and 6 in the demo
    message_log.confirm_answer = False  # asked first: nothing is added on 取消
    monkeypatch.setattr("ui.views.plan_tab.QInputDialog.getInt", lambda *a, **k: (6, True))
    page.plan_tab.add_top()
    qtbot.waitUntil(lambda: bool(message_log.texts("confirm")), timeout=WAIT)
    question = message_log.texts("confirm")[-1]
    assert all(f"议题“{t.title}”目前是“主席会议通过”，还没有经过区委审定" in question for t in unconfirmed)
    settle(qtbot, demo_context)
    assert page.plan_tab.model.rows == []

    message_log.confirm_answer = True
    page.plan_tab.add_top()
    qtbot.waitUntil(lambda: len(page.plan_tab.model.rows) == 6, timeout=WAIT)
    assert "议题状态已改为“列入计划”" in message_log.texts("inform")[-1]
    tab = page.pool_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: sum(r.in_plan for r in tab.model.rows) == 6, timeout=WAIT)
    # 列入计划 and the status agree for every topic
    assert all((r.status == TopicStatus.PLANNED) == r.in_plan for r in tab.model.rows)


def test_end_follows_the_start_and_a_far_end_is_refused(qtbot, demo_context):
    fmt = next(v.id for v in db_call(demo_context, lookups.list_values, "meeting_format") if v.code == "bimonthly")
    item = db_call(demo_context, save_plan_item, PlanItemData(year=2024, format_id=fmt, planned_month=3))
    meeting_id = db_call(demo_context, create_meeting_for_item, item)
    window = MeetingWindow(demo_context, meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    settle(qtbot, demo_context)
    form = window.info_tab.form
    assert form.has_end.isChecked()
    assert form.ends_at.dateTime().toPython() == datetime(2024, 3, 15, 16, 30)  # same afternoon

    form.starts_at.setDateTime(QDateTime(datetime(2024, 4, 18, 9, 0)))  # the date is confirmed: the end moves
    assert form.ends_at.dateTime().toPython() == datetime(2024, 4, 18, 11, 0)
    form.ends_at.setDateTime(QDateTime(datetime(2024, 4, 18, 12, 0)))  # a longer meeting keeps its length
    form.starts_at.setDateTime(QDateTime(datetime(2024, 4, 19, 9, 0)))
    assert form.ends_at.dateTime().toPython() == datetime(2024, 4, 19, 12, 0)

    form.ends_at.setDateTime(QDateTime(datetime(2026, 12, 15, 16, 30)))  # a slip of the year
    qtbot.mouseClick(window.info_tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.errors["ends_at"].text() != "", timeout=WAIT)
    assert "晚了一天以上" in form.errors["ends_at"].text()
    assert db_call(demo_context, get_meeting, meeting_id).ends_at == datetime(2024, 3, 15, 16, 30)

    form.ends_at.setDateTime(QDateTime(datetime(2024, 4, 19, 11, 30)))
    qtbot.mouseClick(window.info_tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=WAIT)
    assert window.statusBar().currentMessage().startswith("已保存会议“")
    assert db_call(demo_context, get_meeting, meeting_id).ends_at == datetime(2024, 4, 19, 11, 30)
    save_screenshot(window, "meeting_info_saved")


def test_a_topic_dialog_save_is_announced_in_the_status_bar(qtbot, page):
    def fill(dialog: TopicDialog) -> None:
        dialog.title.setText("推动夜间经济规范发展")
        click_button(dialog, "保存")

    when_modal(fill, kind=TopicDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.pool_tab.add_button, Qt.MouseButton.LeftButton)
    status = page.window().statusBar()
    qtbot.waitUntil(lambda: status.currentMessage() != "", timeout=WAIT)
    assert status.currentMessage() == "已保存议题“推动夜间经济规范发展”。"


def test_saved_without_a_main_window_shows_nothing_modal(qtbot):
    from PySide6.QtWidgets import QWidget

    lonely = QWidget()
    qtbot.addWidget(lonely)
    messages.saved(lonely, "已保存。")  # no window with a status bar: nothing to click away, no error


def test_plan_item_dialog_shows_standing_asks_and_saves(qtbot, page, demo_context, message_log):
    from ui.dialogs.plan_item_dialog import PlanItemDialog

    partly = one_reviewer_scores(demo_context, "只有一位评分人评过的议题", 9)
    qtbot.waitUntil(lambda: any(r.id == partly for r in page.pool_tab.model.rows), timeout=WAIT)
    seen = {}

    def fill(dialog: PlanItemDialog) -> None:
        combo = dialog.topic
        seen["labels"] = [combo.itemText(i) for i in range(combo.count())]
        combo.set_value(partly)
        dialog.undertaker.setText("区政务服务和数据管理局")
        save_screenshot(dialog, "plan_item_dialog")
        click_button(dialog, "保存")

    page.show_plan()
    when_modal(fill, kind=PlanItemDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.plan_tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.plan_tab.model.rows) == 1, timeout=WAIT)
    assert seen["labels"][1] == "1. 优化营商环境 激发市场主体活力（8.03，区委审定）"
    assert "—. 只有一位评分人评过的议题（9.00，1/3 未评完，征集）" in seen["labels"]
    assert "目前是“征集”" in message_log.texts("confirm")[-1]
    assert message_log.texts("saved")[-1] == "已保存计划条目“只有一位评分人评过的议题”。"
    topic = next(r for r in db_call(demo_context, list_topics, 2024) if r.id == partly)
    assert (topic.status, topic.in_plan) == (TopicStatus.PLANNED, True)


def test_planned_by_hand_without_a_plan_item_is_asked_about(qtbot, page, demo_context, message_log):
    from ui.dialogs.topic_dialogs import TopicStatusDialog

    tab = page.pool_tab
    first = tab.model.rows[0]
    assert (first.status, first.in_plan) == (TopicStatus.PARTY_CONFIRMED, False)
    tab.table.selectRow(0)
    seen = {}

    def choose(dialog: TopicStatusDialog) -> None:
        dialog.target.set_value(TopicStatus.PLANNED)
        message_log.confirm_answer = False
        click_button(dialog, "确定")
        seen["open_after_no"] = dialog.isVisible()
        message_log.confirm_answer = True
        click_button(dialog, "确定")

    when_modal(choose, kind=TopicStatusDialog, timeout_ms=WAIT)
    qtbot.mouseClick(tab.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].status == TopicStatus.PLANNED, timeout=WAIT)
    assert seen["open_after_no"]
    assert message_log.texts("confirm")[0].startswith("该议题还没有列入年度协商计划。")
    assert message_log.texts("saved")[-1] == "议题状态已改为“列入计划”。"
