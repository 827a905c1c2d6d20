"""参数设置 → 座次 through its widgets: the order within one kind of invitee and the even-row rule, saved as
chosen and read back by the seating services."""

from models.services.app_settings import get_setting
from models.services.seat_plans import list_layout_templates, seating_preferences
from models.settings import SEATING_EVEN_ONE_LEFT
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui.dialogs.lookup_settings import LookupSettingsDialog, load_settings


def choose(combo, value) -> None:
    """As a user picks an entry: the index changes and `activated` is emitted."""
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_seating_order_and_even_rule_are_saved_as_chosen(qtbot, context, message_log):
    dialog = LookupSettingsDialog(context, db_call(context, load_settings))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.tabs.setCurrentWidget(dialog.seating_tab)
    dialog.show()
    tab = dialog.seating_tab
    assert (tab.order.value(), tab.even_left.value()) == ("笔画", True)
    choose(tab.order, "界别")
    settle(qtbot, context)
    assert db_call(context, seating_preferences).by_sector is True and tab.saved.text() == "已保存。"
    choose(tab.even_left, False)
    settle(qtbot, context)
    assert db_call(context, get_setting, SEATING_EVEN_ONE_LEFT) is False
    assert all(not spec.even_one_left for _name, spec in db_call(context, list_layout_templates))
    save_screenshot(dialog, "1366x700-settings_seating")
    again = LookupSettingsDialog(context, db_call(context, load_settings))  # read back when opened again
    qtbot.addWidget(again)
    assert (again.seating_tab.order.value(), again.seating_tab.even_left.value()) == ("界别", False)
    assert not message_log.texts("warn")
