"""A new database says, in the status bar, that the office's own name is not entered yet (sheets print
"××区政协" meanwhile) and opens 单位信息 with one click; the demo, which has its district's name, does not."""

from models.services.app_settings import set_setting
from models.settings import COMMITTEE_NAME
from tests.screenshots import save_screenshot
from tests.ui.conftest import settle
from tests.ui.modal import when_modal
from ui.dialogs.lookup_settings import LookupSettingsDialog
from ui.main_window import MainWindow
from ui.operations import run_command

WAIT = 30000


def _window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    settle(qtbot, context)
    return window


def test_a_new_database_asks_for_the_offices_name_until_it_is_entered(qtbot, context):
    window = _window(qtbot, context)
    hint = window.office_name_hint
    qtbot.waitUntil(hint.isVisible, timeout=WAIT)
    assert "尚未填写本单位名称" in hint.text() and "××区政协" in hint.text()
    save_screenshot(window, "main_window_office_name_hint")
    seen = {}

    def look(dialog: LookupSettingsDialog) -> None:
        seen["tab"] = dialog.tabs.currentWidget() is dialog.organization_tab
        seen["field"] = (dialog.organization_tab.committee.text(), dialog.organization_tab.committee.placeholderText())
        dialog.reject()

    when_modal(look, kind=LookupSettingsDialog, timeout_ms=WAIT)
    hint.click()
    qtbot.waitUntil(lambda: "tab" in seen, timeout=WAIT)
    assert seen["tab"]  # opened on 单位信息
    assert seen["field"][0] == "" and "尚未填写" in seen["field"][1]  # empty and asking, not "××区政协"
    assert hint.isVisible()  # closing without a name saved nothing
    run_command(context, None, lambda s: set_setting(s, COMMITTEE_NAME, "江滨区政协"))
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=WAIT)


def test_the_demo_does_not_ask(qtbot, demo_context):
    window = _window(qtbot, demo_context)
    settle(qtbot, demo_context)
    assert not window.office_name_hint.isVisible()
