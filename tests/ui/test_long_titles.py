"""A 60-character meeting (and topic) title in the filters that list titles: the pages and dialogs still fit
a 1366 px screen, the title is cut in the box but whole in its tooltip and in a popup wide enough to read."""

from sqlmodel import select

from models.tables import FieldVisit, Meeting, Topic
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.test_screens_1366 import SCREEN, app_look, dialogs, fits, looks, small_screen  # noqa: F401
from ui.widgets.combos import TitleCombo

LONG = ("关于推进城市更新中老旧小区加装电梯、适老化改造和社区嵌入式养老服务设施建设情况的"
        "“民生实事”专题协商会暨委员议政交流活动")


def lengthen(session) -> None:
    """The meeting (and topic) of the latest visit get a 60-character title; its recommendations show it too."""
    visit = session.exec(select(FieldVisit).where(FieldVisit.meeting_id.is_not(None), FieldVisit.topic_id.is_not(None))
                         .order_by(FieldVisit.visit_date.desc())).first()
    session.get(Meeting, visit.meeting_id).title = LONG
    session.get(Topic, visit.topic_id).title = LONG.replace("会", "题")


def long_combos(window) -> list[TitleCombo]:
    return [c for c in window.findChildren(TitleCombo) if c.isVisible() and c.findText(LONG[:40], _contains()) >= 0]


def _contains():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchContains


def test_a_60_character_title_keeps_each_page_within_1366(qtbot, app_look, small_screen, demo_launcher):  # noqa: F811
    assert len(LONG) == 60
    window = demo_launcher.window
    db_call(window.context, lengthen)
    for key in ("research", "recommendations"):
        window.show_page(key)
        settle(qtbot, window.context)
        assert fits(window) == [] and looks(window) == []
        page = window.page(key)
        assert page.minimumSizeHint().width() <= SCREEN.width() - window.navigation.width()
        combos = long_combos(window)
        assert combos, key
        for combo in combos:
            index = combo.findText(LONG[:40], _contains())
            title = combo.itemText(index)
            advance = combo.fontMetrics().horizontalAdvance(title)
            assert combo.width() < advance  # cut in the box …
            combo.setCurrentIndex(index)
            assert title in combo.toolTip()  # … whole in the tooltip
            combo.showPopup()
            view = combo.view()
            qtbot.waitUntil(lambda view=view: view.isVisible())
            assert view.width() >= advance  # and whole in the popup
            save_screenshot(window, f"1366x700-long_title-{key}")
            save_screenshot(view.window(), f"long_title-{key}-popup")
            combo.hidePopup()
            combo.setCurrentIndex(0)
            assert combo.toolTip() == ""


def test_dialogs_listing_the_title_fit_too(qtbot, app_look, dialogs, demo_launcher):  # noqa: F811
    window = demo_launcher.window
    db_call(window.context, lengthen)
    window.show_page("research")
    settle(qtbot, window.context)
    seen = {}

    def look(dialog) -> None:  # the visit's 关联会议/议题: searchable combos over every meeting and topic
        combo = dialog.meeting
        seen["visit"] = [combo.minimumSizeHint().width(), combo.findText(LONG, _contains()),
                         combo.fontMetrics().horizontalAdvance(LONG)]

    dialogs.inside["VisitDialog"] = look
    dialogs.open(window.page("research").add, "1366x700-visit_dialog")
    width, found, advance = seen["visit"]
    assert found >= 0 and width < advance
    window.show_page("recommendations")
    recs = window.page("recommendations")
    settle(qtbot, window.context)
    recs.tabs.setCurrentWidget(recs.bulletins_tab)
    settle(qtbot, window.context)
    dialogs.open(recs.bulletins_tab.add, "1366x700-bulletin_dialog")
    assert dialogs.problems == []
