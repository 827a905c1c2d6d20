"""The main window on demo data: every navigation entry shows its page, menus are there, state is kept."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.screenshots import save_screenshot
from tests.ui.conftest import settle
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.views.pages import PAGES


@pytest.fixture
def launched(demo_launcher):
    return demo_launcher


def test_opens_on_demo_data_with_title_and_status(launched):
    window = launched.window
    assert window.isVisible()
    assert "【演示数据】" in window.windowTitle() and "consultdesk-demo.sqlite" in window.windowTitle()
    assert "协商会务台" in window.windowTitle()
    assert "区政协委员 300 人" in window.summary_label.text()
    assert "意见建议 114 条" in window.summary_label.text()  # 2023 and 2022
    assert str(window.context.database.path) in window.database_label.text()


def test_every_navigation_entry_shows_its_page(qtbot, launched):
    window = launched.window
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == \
        ["委员", "会议活动", "议题与计划", "调研", "意见建议", "统计"]
    for row, spec in enumerate(PAGES):
        item = window.navigation.item(row)
        rect = window.navigation.visualItemRect(item)
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        page = window.page(spec.key)
        assert window.stack.currentWidget() is page
        settle(qtbot, window.context)  # every page loads its data in the background
        if spec.key == "members":
            assert page.count_label.text() == "显示 379 / 共 379 人"
        elif spec.key == "meetings":
            assert page.count_label.text() == "显示 13 / 共 13 场"  # 2023 and 2022
        elif spec.key == "topics":
            assert page.year == 2024 and len(page.pool_tab.rows) == 12
        elif spec.key == "research":
            assert "共 13 次调研" in page.counts.text() and "全部 19 次" in page.counts.text()  # 2023 of 2023+2022
        elif spec.key == "recommendations":
            assert page.year == 2023 and page.list_tab.model.rowCount() == 86
        elif spec.key == "statistics":
            assert page.year == 2023 and page.overview_tab.paragraph.toPlainText().startswith("全年共组织双月协商会4场")
            assert page.records_tab.model.rowCount() == 300
        save_screenshot(window, f"main_window_{row + 1}_{spec.key}")


def test_keyboard_shortcuts_switch_pages(qtbot, launched):
    window = launched.window
    for number, spec in enumerate(PAGES, start=1):
        # a shortcut reaches only the active window, and activation is a queued event: on a loaded machine
        # it may not have arrived yet (the test failed now and then), so wait for it before each key
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=30000)
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_key() == spec.key


def test_menus(launched):
    window = launched.window
    menus = {action.text(): [a.text() for a in action.menu().actions() if a.text()]
             for action in window.menuBar().actions()}
    assert menus == {
        "文件(&F)": ["新建数据库(&N)…", "打开数据库(&O)…", "连接办公室数据库(&C)…", "把本机数据导入办公室数据库(&I)…",
                     "立即备份(&B)", "从备份恢复(&R)…", "退出(&X)"],
        "设置(&S)": ["参数设置(&P)…", "本机操作人(&O)…"],
        "工具(&T)": ["操作日志(&L)…"],
        "帮助(&H)": ["关于(&A)"],
    }


def test_window_size_splitter_and_page_are_remembered(qtbot, launched):
    window = launched.window
    window.resize(1310, 790)
    window.splitter.setSizes([220, 1090])
    window.show_page("research")
    window.close()
    again = MainWindow(window.context)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    settle(qtbot, window.context)
    assert again.current_page_key() == "research"
    assert (again.width(), again.height()) == (1310, 790)
    assert abs(again.splitter.sizes()[0] - 220) <= 2


def test_about_dialog_names_the_data_file(qtbot, launched, monkeypatch):
    from ui.dialogs import about

    opened = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = about.AboutDialog(launched.window.context, launched.window)
    qtbot.addWidget(dialog)
    assert str(launched.window.context.database.path) in dialog.database_label.text()
    assert "演示数据" in dialog.database_label.text()
    assert "0.1.0" in dialog.findChildren(type(dialog.database_label))[1].text()
    dialog.open_button.click()
    assert opened == [str(launched.window.context.database_folder)]
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == str(launched.window.context.database.path)
    dialog.show()
    save_screenshot(dialog, "about_dialog")


def test_damaged_pc_settings_read_as_their_defaults(qtbot, paths):
    """A settings file edited by hand or cut short: every value falls back, nothing fails."""
    from models.settings import MAIN_PAGE, NAME_ORDER, SETTINGS_TAB, WINDOW_GEOMETRY
    from ui.window_state import open_settings, read

    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("[main_window]\npage=不存在的页面\ngeometry=@ByteArray(乱码)\n"
                                   "[lookup_settings]\ntab=abc\n", encoding="utf-8")
    settings = open_settings(paths.settings_file)
    assert read(settings, SETTINGS_TAB) == 0 and read(settings, NAME_ORDER) == "stroke"
    assert read(settings, MAIN_PAGE) == "不存在的页面"  # text is text; the window checks it is a page
    window = MainWindow(AppContext(paths, None, settings))
    qtbot.addWidget(window)
    assert window.current_page_key() == PAGES[0].key
    with pytest.raises(TypeError):  # an office setting is not read from this PC's file
        from models.settings import COMMITTEE_NAME

        read(settings, COMMITTEE_NAME)
    assert read(settings, WINDOW_GEOMETRY.of("nothing_saved")) is None


def test_page_names_are_never_cut_however_wide_a_page_is(qtbot, launched):
    """At its smallest (a 1366-wide laptop, the 统计 page asking for its width) the navigation still shows
    every page name whole, in the bold of the chosen entry."""
    from PySide6.QtGui import QFont, QFontMetrics

    window = launched.window
    window.show_page("statistics")
    settle(qtbot, window.context)
    window.resize(window.minimumSizeHint().width(), 660)
    window.splitter.setSizes([0, 10_000])  # the divider dragged as far left as it goes
    QApplication.processEvents()
    navigation = window.navigation
    bold = QFont(navigation.font())
    bold.setBold(True)
    for row in range(navigation.count()):
        item = navigation.item(row)
        # padding 10 + margin 6 on each side and the icon with its gap (resources/style.qss)
        room = navigation.viewport().width() - 2 * (10 + 6) - navigation.iconSize().width() - 4
        assert QFontMetrics(bold).horizontalAdvance(item.text()) <= room, item.text()
