"""参数设置 through the real buttons: add, rename, reorder, retire, and the refusals."""

import pytest
from PySide6.QtCore import Qt

from models.services import lookups
from tests.screenshots import save_screenshot
from tests.ui.modal import click_button, when_modal
from ui.dialogs.lookup_settings import LookupSettingsDialog
from ui.dialogs.lookup_value_dialog import LookupValueDialog


@pytest.fixture
def dialog(qtbot, demo_context):
    widget = LookupSettingsDialog(demo_context)
    qtbot.addWidget(widget)
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
        [k.label for k in lookups.LOOKUP_KINDS] + ["单位信息", "履职积分"]
    save_screenshot(dialog, "settings_dialog")


def test_add_rename_and_retire_a_value(qtbot, dialog, demo_context):
    tab = dialog.pages["sector"]
    dialog.tabs.setCurrentWidget(tab)
    changed = []
    demo_context.data_changed.connect(lambda: changed.append(True))

    when_modal(fill_and_confirm("港澳台侨"), kind=LookupValueDialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert names(tab)[-1] == "港澳台侨"
    assert tab.selected().name == "港澳台侨"

    when_modal(fill_and_confirm("港澳台侨界"), kind=LookupValueDialog)
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    assert names(tab)[-1] == "港澳台侨界"

    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert names(tab)[-2] == "港澳台侨界"

    assert tab.retire_button.text() == "停用"
    qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    retired = tab.selected()
    assert retired.name == "港澳台侨界" and not retired.active
    assert tab.model.data(tab.model.index(tab.model.row_of(retired.id), 1)) == "已停用"
    assert tab.retire_button.text() == "启用"
    assert "港澳台侨界" not in [v.name for v in demo_context.call(lookups.list_values, "sector",
                                                                   include_retired=False)]
    assert changed  # other screens are told to refresh


def test_duplicate_name_is_shown_next_to_the_field(qtbot, dialog):
    tab = dialog.pages["sector"]
    seen = {}

    def act(value_dialog: LookupValueDialog) -> None:
        value_dialog.name_edit.setText("经济")
        click_button(value_dialog, "确定")
        seen["error"] = value_dialog.name_error.text()
        seen["still_open"] = value_dialog.isVisible()
        save_screenshot(value_dialog, "settings_duplicate_name")
        click_button(value_dialog, "取消")

    count = len(tab.model.rows)
    when_modal(act, kind=LookupValueDialog)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert seen == {"error": "“界别”中已有“经济”，不能重复。", "still_open": True}
    assert len(tab.model.rows) == count


def test_a_value_in_use_cannot_be_deleted(qtbot, dialog, message_log):
    tab = dialog.pages["sector"]
    select(tab, "经济")
    assert tab.selected().usage > 0
    assert not tab.delete_button.isEnabled()
    tab.delete()  # the Delete key reaches this even though the button is greyed out
    assert "不能删除，只能停用" in message_log.texts("warn")[0]
    assert "经济" in names(tab)


def test_an_unused_value_is_deleted_after_confirmation(qtbot, dialog, message_log):
    tab = dialog.pages["guest_category"]
    select(tab, "其他")
    assert tab.selected().usage == 0 and tab.delete_button.isEnabled()
    message_log.confirm_answer = False
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "其他" in names(tab)
    message_log.confirm_answer = True
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "其他" not in names(tab)


def test_criterion_weights_and_total(qtbot, dialog):
    tab = dialog.pages["topic_criterion"]
    dialog.tabs.setCurrentWidget(tab)
    assert tab.total_label.text() == "在用评分项权重合计：100%"
    select(tab, "重要性")
    when_modal(fill_and_confirm("重要性", weight=25), kind=LookupValueDialog)
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    assert tab.selected().weight == 25
    assert "95%" in tab.total_label.text() and "应为 100%" in tab.total_label.text()
    save_screenshot(dialog, "settings_criteria")


def test_dialog_remembers_tab_and_column_widths(qtbot, demo_context):
    first = LookupSettingsDialog(demo_context)
    qtbot.addWidget(first)
    first.show()
    first.tabs.setCurrentIndex(2)
    first.pages["party"].table.horizontalHeader().resizeSection(2, 137)
    first.reject()
    again = LookupSettingsDialog(demo_context)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2
    assert again.pages["party"].table.horizontalHeader().sectionSize(2) == 137


def test_organization_names_are_saved(qtbot, dialog, demo_context, message_log):
    from models.services.app_settings import committee_name

    tab = dialog.organization_tab
    tab.committee.setText("")
    tab.save()
    assert "不能为空" in message_log.texts("warn")[0]
    tab.committee.setText("东湖区政协")
    tab.issuer.setText("东湖区政协办公室")
    tab.save()
    assert demo_context.call(committee_name) == "东湖区政协"


def test_scoring_scheme_tab(qtbot, context, message_log):
    from models.services.performance_scheme import get_scheme

    dialog = LookupSettingsDialog(context)
    qtbot.addWidget(dialog)
    tab = dialog.scheme_tab
    changed = []
    context.data_changed.connect(lambda: changed.append(True))
    tab.editor.visit.setValue(4)
    tab.editor.lowest.setText("不合格")
    tab.save()
    assert tab.status.text() == "已保存。" and changed
    scheme = context.call(get_scheme)
    assert scheme.visit == 4 and scheme.lowest_band == "不合格"
    tab.editor.bands.item(0, 1).setText("九十")
    tab.save()
    assert message_log.texts("warn") == ["第1个等次的分数线“九十”不是数字。"]
    assert context.call(get_scheme).bands[0].minimum == 90
