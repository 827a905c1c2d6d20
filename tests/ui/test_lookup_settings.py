"""参数设置 through the real buttons: add, rename, reorder, retire, and the refusals."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.changes import Area
from models.services import lookups
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.dialogs.lookup_settings import LookupSettingsDialog, load_settings, open_lookup_settings
from ui.dialogs.lookup_value_dialog import LookupValueDialog

WAIT = 30000


def settings_dialog(qtbot, context) -> LookupSettingsDialog:
    widget = LookupSettingsDialog(context, db_call(context, load_settings))
    qtbot.addWidget(widget)
    return widget


def quiet(qtbot, context) -> None:
    def idle() -> bool:
        QApplication.processEvents()  # a reload a notice scheduled starts now
        return context.jobs.idle and context.db.pending == 0

    qtbot.waitUntil(idle, timeout=WAIT)


@pytest.fixture
def dialog(qtbot, demo_context):
    widget = settings_dialog(qtbot, demo_context)
    widget.show()
    return widget


def select(tab, name: str) -> None:
    row = next(i for i, v in enumerate(tab.model.rows) if v.name == name)
    tab.table.selectRow(row)


def fill_and_confirm(name: str, weight: float | None = None):
    def act(value_dialog: LookupValueDialog) -> None:
        value_dialog.name_edit.setText(name)
        if weight is not None:
            value_dialog.weight_spin.setValue(weight)
        click_button(value_dialog, "确定")
    return act


def names(tab) -> list[str]:
    return [v.name for v in tab.model.rows]


def test_tabs_cover_every_lookup_table(dialog):
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == \
        [k.label for k in lookups.LOOKUP_KINDS] + ["单位信息", "履职积分", "节假日", "公文模板", "座次"]
    save_screenshot(dialog, "settings_dialog")


def test_the_menu_reads_first_then_opens(qtbot, demo_context):
    seen = {}

    def look(opened: LookupSettingsDialog) -> None:
        seen["sectors"] = len(opened.pages["sector"].model.rows)
        seen["committee"] = opened.organization_tab.committee.text()
        opened.reject()

    when_modal(look, kind=LookupSettingsDialog, timeout_ms=WAIT)
    open_lookup_settings(demo_context, None)
    qtbot.waitUntil(lambda: "sectors" in seen, timeout=WAIT)
    assert seen["sectors"] > 10 and seen["committee"]


def test_add_rename_and_retire_a_value(qtbot, dialog, demo_context):
    tab = dialog.pages["sector"]
    dialog.tabs.setCurrentWidget(tab)
    changed = []
    demo_context.notices.published.connect(lambda changes: changed.append(changes))

    when_modal(fill_and_confirm("港澳台侨"), kind=LookupValueDialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(tab)[-1] == "港澳台侨", timeout=WAIT)
    assert tab.selected().name == "港澳台侨"

    when_modal(fill_and_confirm("港澳台侨界"), kind=LookupValueDialog)
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(tab)[-1] == "港澳台侨界", timeout=WAIT)

    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(tab)[-2] == "港澳台侨界", timeout=WAIT)
    assert tab.selected().name == "港澳台侨界"  # the moved value stays selected

    assert tab.retire_button.text() == "停用"
    qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.selected().active, timeout=WAIT)
    retired = tab.selected()
    assert retired.name == "港澳台侨界"
    assert tab.model.data(tab.model.index(tab.model.index_of_key(retired.id), 1)) == "已停用"
    assert tab.retire_button.text() == "启用"
    assert "港澳台侨界" not in [v.name for v in db_call(demo_context, lookups.list_values, "sector",
                                                       include_retired=False)]
    assert changed and all(Area.LOOKUPS in c.areas for c in changed)  # other screens are told to refresh


def test_duplicate_name_is_shown_next_to_the_field(qtbot, dialog, message_log):
    tab = dialog.pages["sector"]
    seen = {}

    def act(value_dialog: LookupValueDialog) -> None:
        value_dialog.name_edit.setText("经济")
        click_button(value_dialog, "确定")
        qtbot.waitUntil(lambda: bool(value_dialog.name_error.text()), timeout=WAIT)
        seen["error"] = value_dialog.name_error.text()
        seen["still_open"] = value_dialog.isVisible()
        save_screenshot(value_dialog, "settings_duplicate_name")
        click_button(value_dialog, "取消")

    count = len(tab.model.rows)
    when_modal(act, kind=LookupValueDialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert seen == {"error": "“界别”中已有“经济”，不能重复。", "still_open": True}
    quiet(qtbot, tab.context)
    assert len(tab.model.rows) == count


def test_a_value_in_use_cannot_be_deleted(qtbot, dialog, message_log):
    tab = dialog.pages["sector"]
    select(tab, "经济")
    assert tab.selected().usage > 0
    assert not tab.delete_button.isEnabled()
    tab.delete()  # the Delete key reaches this even though the button is greyed out
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=WAIT)
    assert "不能删除，只能停用" in message_log.texts("warn")[0]
    quiet(qtbot, tab.context)
    assert "经济" in names(tab)


def test_an_unused_value_is_deleted_after_confirmation(qtbot, dialog, message_log):
    tab = dialog.pages["guest_category"]
    dialog.tabs.setCurrentWidget(tab)
    select(tab, "其他")
    assert tab.selected().usage == 0 and tab.delete_button.isEnabled()
    message_log.confirm_answer = False
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    quiet(qtbot, tab.context)
    assert "其他" in names(tab)
    message_log.confirm_answer = True
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "其他" not in names(tab), timeout=WAIT)


def test_a_hidden_tab_reads_again_when_shown(qtbot, dialog, demo_context):
    tab = dialog.pages["party"]
    assert not tab.isVisible()
    db_call(demo_context, lookups.add_value, "party", "无党派爱国人士联谊")  # as if saved elsewhere
    when_modal(fill_and_confirm("港澳台侨"), kind=LookupValueDialog)
    qtbot.mouseClick(dialog.pages["sector"].add_button, Qt.MouseButton.LeftButton)
    quiet(qtbot, demo_context)
    assert "无党派爱国人士联谊" not in names(tab) and tab.watch.stale  # not read while hidden
    dialog.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "无党派爱国人士联谊" in names(tab), timeout=WAIT)


def test_criterion_weights_and_total(qtbot, dialog):
    tab = dialog.pages["topic_criterion"]
    dialog.tabs.setCurrentWidget(tab)
    assert tab.total_label.text() == "在用评分项权重合计：100%"
    select(tab, "重要性")
    when_modal(fill_and_confirm("重要性", weight=25), kind=LookupValueDialog)
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().weight == 25, timeout=WAIT)
    assert "95%" in tab.total_label.text() and "应为 100%" in tab.total_label.text()
    save_screenshot(dialog, "settings_criteria")


def test_dialog_remembers_tab_and_column_widths(qtbot, demo_context):
    first = settings_dialog(qtbot, demo_context)
    first.show()
    first.tabs.setCurrentIndex(2)
    first.pages["party"].table.horizontalHeader().resizeSection(2, 137)
    first.reject()
    again = settings_dialog(qtbot, demo_context)
    assert again.tabs.currentIndex() == 2
    assert again.pages["party"].table.horizontalHeader().sectionSize(2) == 137


def test_organization_names_are_saved(qtbot, dialog, demo_context, message_log):
    from models.services.app_settings import committee_name, print_issuer

    tab = dialog.organization_tab
    tab.committee.setText("")
    tab.save()
    assert "不能为空" in message_log.texts("warn")[0]
    tab.committee.setText("东湖区政协")
    tab.issuer.setText("东湖区政协办公室")
    tab.save()
    qtbot.waitUntil(lambda: tab.saved.text() == "已保存。", timeout=WAIT)
    assert db_call(demo_context, committee_name) == "东湖区政协"
    assert db_call(demo_context, print_issuer) == "东湖区政协办公室"


def test_names_are_saved_without_the_button(qtbot, dialog, demo_context):
    """"所有修改立即保存": a name typed and left (or the dialog closed) is saved."""
    from models.services.app_settings import committee_name, print_issuer

    tab = dialog.organization_tab
    tab.committee.setText("西湖区政协")
    tab.committee.editingFinished.emit()  # the cursor leaves the field
    qtbot.waitUntil(lambda: tab.saved.text() == "已保存。", timeout=WAIT)
    assert db_call(demo_context, committee_name) == "西湖区政协"
    tab.issuer.setText("西湖区政协办公室")
    dialog.reject()  # closed (Esc) while still in the field
    quiet(qtbot, demo_context)
    assert db_call(demo_context, print_issuer) == "西湖区政协办公室"


def test_scoring_scheme_tab(qtbot, context, message_log):
    from models.services.performance_scheme import get_scheme

    dialog = settings_dialog(qtbot, context)
    tab = dialog.scheme_tab
    changed = []
    context.notices.published.connect(lambda changes: changed.append(changes))
    tab.editor.visit.setValue(4)
    tab.editor.lowest.setText("不合格")
    tab.save()
    qtbot.waitUntil(lambda: tab.status.text() == "已保存。", timeout=WAIT)
    assert changed and Area.SETTINGS in changed[0].areas
    scheme = db_call(context, get_scheme)
    assert scheme.visit == 4 and scheme.lowest_band == "不合格"
    tab.editor.bands.item(0, 1).setText("九十")
    tab.save()
    assert message_log.texts("warn") == ["第1个等次的分数线“九十”不是数字。"]
    quiet(qtbot, context)
    assert db_call(context, get_scheme).bands[0].minimum == 90
