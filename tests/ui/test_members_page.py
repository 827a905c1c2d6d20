"""The 委员 screen through its real widgets: search, filters, order, columns, edit, 离任, merge."""

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlmodel import select

from models.services.people import get_person, save_person
from models.tables import Person
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.dialogs.merge_people_dialog import MergePeopleDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.views.members_page import MembersPage


@pytest.fixture
def page(members_page):
    return members_page


def names(page) -> list[str]:
    return [row.name for row in page.model.visible_rows()]


def type_search(qtbot, page, text: str) -> None:
    page.search.clear()
    if text.isascii():
        qtbot.keyClicks(page.search, text)
    else:
        page.search.insert(text)  # what an input method commits (QTest cannot type Chinese keys)
    qtbot.waitUntil(lambda: not page._search_timer.isActive(), timeout=30000)


def select_names(page, *wanted: str) -> None:
    ids = [row.id for row in page.model.visible_rows() if row.name in wanted]
    page.actions.select_ids(ids)


def test_loads_in_stroke_order_with_counts(page):
    assert page.count_label.text() == "显示 379 / 共 379 人"
    shown = names(page)
    assert shown.index("田富") < shown.index("田大利")
    keys = [row.sort_stroke for row in page.model.visible_rows()]
    assert keys == sorted(keys)
    save_screenshot(page, "members_page")


def test_search_by_name_initials_unit_and_phone(qtbot, page):
    # Escape is a shortcut of the search field (WidgetShortcut): Qt looks for shortcuts only at the focus widget
    # of the active window — which the field is whenever a user types into it. QTest sends the keys straight to
    # the widget, active or not; whether this page's window happened to be active depended on what ran before
    # and when (run alone it never was, on either engine), and an Escape sent to it inactive is lost: the list
    # stayed filtered. Not the product's fault; so the test activates and focuses first, as a user does.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=30000)
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus, timeout=30000)
    type_search(qtbot, page, "田富")
    assert names(page) == ["田富"] and page.count_label.text() == "显示 1 / 共 379 人"
    type_search(qtbot, page, "tdl")
    assert "田大利" in names(page)
    type_search(qtbot, page, "区人民医院")
    assert page.model.shown > 0 and all("区人民医院" in r.employer_title for r in page.model.visible_rows())
    mobile = next(r.mobile for r in page.model.rows if r.mobile)
    type_search(qtbot, page, mobile[-6:])
    assert mobile in [r.mobile for r in page.model.visible_rows()]
    assert page.search.hasFocus()  # typing kept it there
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.model.shown == 379, timeout=30000)
    assert page.search.text() == ""


def test_filters(qtbot, page):
    bar = page.filters
    bar.level.setCurrentIndex(bar.level.findData("市"))
    assert page.model.shown == 25
    bar.level.setCurrentIndex(bar.level.findData("区"))
    bar.role.setCurrentIndex(bar.role.findData("常委"))
    assert page.model.shown == 40
    bar.reset()
    bar.sector.setCurrentIndex(bar.sector.findText("医药卫生"))
    # 20 district members, plus municipal/national members of that sector
    assert page.model.shown >= 20 and all(r.sector == "医药卫生" for r in page.model.visible_rows())
    assert "界别：医药卫生" in bar.describe()
    bar.reset()
    bar.kind.setCurrentIndex(bar.kind.findData("嘉宾"))
    assert page.model.shown == 54
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.shown == 379


def test_pinyin_order_and_header_sorting(qtbot, page):
    page.order.setCurrentIndex(page.order.findData("pinyin"))
    pinyin = [row.sort_pinyin for row in page.model.visible_rows()]
    assert pinyin == sorted(pinyin)
    page.order.setCurrentIndex(page.order.findData("stroke"))
    header = page.table.horizontalHeader()
    gender = page.model.column_index("gender")
    centre = QPoint(header.sectionViewportPosition(gender) + header.sectionSize(gender) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    genders = [r.gender for r in page.model.visible_rows()]
    assert genders == sorted(genders, key=lambda g: (g == "", g))
    women = [r for r in page.model.visible_rows() if r.gender == "女"]
    assert [r.sort_stroke for r in women] == sorted(r.sort_stroke for r in women)  # official order among equals
    mobile_column = page.model.column_index("mobile")
    page.table.sortByColumn(mobile_column, Qt.SortOrder.AscendingOrder)
    mobiles = [r.mobile for r in page.model.visible_rows() if r.mobile]
    assert mobiles == sorted(mobiles)


def test_chosen_columns_are_remembered(qtbot, page, demo_context):
    birth = page.model.column_index("birth")
    assert page.table.horizontalHeader().isSectionHidden(birth)
    menu = page.columns_menu()
    next(a for a in menu.actions() if a.text() == "出生年月").setChecked(True)
    assert not page.table.horizontalHeader().isSectionHidden(birth)
    assert "birth" in page.shown_column_keys()
    again = MembersPage(demo_context)
    qtbot.addWidget(again)
    assert not again.table.horizontalHeader().isSectionHidden(birth)
    assert "birth" in again.shown_column_keys()


def test_a_saved_column_state_cannot_hide_the_name(qtbot, page, demo_context):
    """A settings file from another version, or edited by hand, hides 姓名: it is shown all the same."""
    name = page.model.column_index("name")
    page.table.horizontalHeader().setSectionHidden(name, True)
    page.columns.save()
    again = MembersPage(demo_context)
    qtbot.addWidget(again)
    assert not again.table.horizontalHeader().isSectionHidden(name) and "name" in again.shown_column_keys()


def test_mark_former_and_restore(qtbot, page, message_log):
    select_names(page, "田富")
    assert page.former_button.text() == "标记离任"
    qtbot.mouseClick(page.former_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "田富" not in names(page), timeout=30000)
    page.filters.status.setCurrentIndex(page.filters.status.findData("离任"))
    assert names(page) == ["田富"]
    select_names(page, "田富")
    assert page.former_button.text() == "恢复在任"
    qtbot.mouseClick(page.former_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(page) == [], timeout=30000)


def test_deleting_someone_with_history_is_refused(qtbot, page, message_log):
    select_names(page, "田富")  # a demo member who attended meetings
    person = page.actions.selected_rows()[0]
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    refused = message_log.texts("warn")
    assert "不能删除" in refused[0] and "标记离任" in refused[0]
    assert person.id in [r.id for r in page.model.rows]


def fill_person(name: str, mobile: str = "", birth: str = "", save_waits=False, seen=None):
    """Fill the dialog and save; with `seen`, report what it shows once the save has been answered
    (the duplicate check and the save run in the background: wait until the dialog is idle again)."""
    def act(dialog: PersonDialog) -> None:
        dialog.name.setText(name)
        dialog.mobile.setText(mobile)
        dialog.birth.setText(birth)
        click_button(dialog, "保存")
        if seen is not None:
            report_when_settled(dialog, seen)
    return act


def report_when_settled(dialog, seen, waited=0) -> None:
    from PySide6.QtCore import QTimer

    if not dialog.save_button.isEnabled() and dialog.isVisible() and waited < 30000:
        QTimer.singleShot(20, lambda: report_when_settled(dialog, seen, waited + 20))
        return
    seen["errors"] = {f: label.text() for f, label in dialog.errors.items() if not label.isHidden()}
    seen["open"] = dialog.isVisible()
    save_screenshot(dialog, "person_dialog_errors")
    if dialog.isVisible():
        click_button(dialog, "取消")


def test_add_a_person_and_find_them_selected(qtbot, page, message_log):
    when_modal(fill_person("欧阳 晓晨", "139 0000 1234", "1979年3月"), kind=PersonDialog)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 380, timeout=30000)
    selected = page.actions.selected_rows()
    assert [r.name for r in selected] == ["欧阳晓晨"]
    assert selected[0].mobile == "13900001234" and selected[0].birth == "1979.03"


def test_bad_input_is_shown_next_to_the_field(qtbot, page, message_log):
    for name, mobile, birth, field, words in (("", "12345", "五月", "birth", "无法识别"),
                                               ("张三", "12345", "", "mobile", "11 位数字"),
                                               ("名" * 300, "", "", "name", "最多 100 个字")):
        seen = {}
        when_modal(fill_person(name, mobile, birth, seen=seen), kind=PersonDialog)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda seen=seen: "open" in seen, timeout=30000)
        assert seen["open"] is True
        assert words in seen["errors"][field]
    assert page.model.total == 379


def test_possible_duplicate_is_flagged_on_save(qtbot, page, message_log):
    existing = next(r for r in page.model.rows if r.mobile)
    message_log.confirm_answer = False
    seen = {}
    when_modal(fill_person("另一个人", existing.mobile, save_waits=True, seen=seen), kind=PersonDialog)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "open" in seen, timeout=30000)
    assert "可能与已有人员重复" in message_log.texts("confirm")[0] and "手机号码相同" in message_log.texts("confirm")[0]
    assert seen["open"] is True and page.model.total == 379


def test_stale_edit_reports_a_conflict(qtbot, page, demo_context, message_log):
    select_names(page, "田大利")
    person_id = page.actions.selected_ids()[0]

    seen = {}

    def act(dialog: PersonDialog) -> None:
        data = db_call(demo_context, get_person, person_id)  # a colleague saves first …
        data.employer_title = "同事改过的单位"
        db_call(demo_context, save_person, data)
        dialog.employer_title.setText("我改的单位")  # … then this window saves
        click_button(dialog, "保存")
        report_when_settled(dialog, seen)

    when_modal(act, kind=PersonDialog)
    page.actions.edit()
    qtbot.waitUntil(lambda: "open" in seen, timeout=30000)
    assert any("已被他人修改" in text for text in message_log.texts("warn"))
    assert db_call(demo_context, get_person, person_id).employer_title == "同事改过的单位"


def test_merge_two_records(qtbot, page, demo_context, message_log):
    select_names(page, "田富", "田大利")
    assert page.merge_button.isEnabled()
    when_modal(lambda dialog: click_button(dialog, "合并"), kind=MergePeopleDialog)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 378, timeout=30000)
    remaining = db_call(demo_context, lambda s: [p.name for p in s.exec(select(Person).where(
        Person.name.in_(["田富", "田大利"])))])
    assert len(remaining) == 1


def test_a_rare_character_is_reported_while_typing(qtbot, demo_context, message_log):
    dialog = PersonDialog(demo_context, None, {})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("王𪚥")
    assert not dialog.stroke_hint.isHidden() and "𪚥" in dialog.stroke_hint.text()
    dialog.name.setText("王伟")
    assert dialog.stroke_hint.isHidden()


def test_ctrl_s_twice_saves_the_person_once(qtbot, demo_context, message_log):
    from PySide6.QtGui import QKeySequence, QShortcut

    from models.services.people import people_named

    dialog = PersonDialog(demo_context, None, {})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("欧阳明远")
    save = next(s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence(QKeySequence.StandardKey.Save))
    save.activated.emit()
    save.activated.emit()  # pressed again before the first save came back
    qtbot.waitUntil(lambda: dialog.saved_id is not None, timeout=30000)
    demo_context.wait_idle()
    assert len(db_call(demo_context, people_named, "欧阳明远")) == 1
