"""Every preview the app offers opens (a real QPrintPreviewDialog, offscreen), shows its pages, and prints from
its own toolbar to a PDF that is whole. (预览 used to crash the program for four of these documents.)"""

import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox

from models.printing import SheetKind
from tests.ui.conftest import settle
from tests.ui.modal import click_button, when_modal


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def window(demo_launcher):
    return demo_launcher.window


def later(condition, action, waited=0) -> None:
    if condition() or waited > 30000:
        action()
    else:
        QTimer.singleShot(25, lambda: later(condition, action, waited + 25))


def print_from_preview(qtbot, context, open_preview, target) -> dict:
    """Open a preview, wait for its pages, press its print button (→ Qt's print dialog, printing to a PDF file),
    close the "已保存" message. Returns what was seen."""
    seen = {}

    def chosen(dialog: QPrintDialog) -> None:
        dialog.accept()  # 打印, with 打印到文件 (the only printer here) and the file name set below

    def previewing(dialog: QPrintPreviewDialog) -> None:
        widget = dialog.findChild(QPrintPreviewWidget)

        def shown() -> None:
            seen["pages"] = widget.pageCount()
            seen["title"] = dialog.windowTitle()
            # No printer here: print to a PDF file, as 打印 → 打印到文件 would.
            dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog.printer().setOutputFileName(str(target))
            when_modal(chosen, kind=QPrintDialog)
            action = next(a for a in dialog.findChildren(QAction) if a.text().replace("&", "") in ("Print", "打印"))
            action.trigger()

        later(lambda: widget.pageCount() > 0, shown)

    when_modal(previewing, kind=QPrintPreviewDialog)
    when_modal(lambda box: (seen.update(saved=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    open_preview()
    qtbot.waitUntil(lambda: "saved" in seen, timeout=60000)
    settle(qtbot, context)
    return seen


def menu_action(menu, starts: str) -> QAction:
    menu.aboutToShow.emit()  # menus filled when they open
    return next(a for a in menu.actions() if a.text().startswith(starts))


def test_every_preview_opens_and_prints_from_its_toolbar(qtbot, window, tmp_path):
    context = window.context
    printed = {}

    def check(name: str, open_preview) -> None:
        target = tmp_path / f"{name}.pdf"
        seen = print_from_preview(qtbot, context, open_preview, target)
        assert seen["pages"] >= 1 and "打印预览" in seen["title"], (name, seen)
        assert str(target) in seen["saved"], (name, seen)
        printed[name] = pdf_pages(target)
        assert printed[name] == seen["pages"], (name, printed[name], seen)

    # the meeting sheets of a held meeting
    meetings = window.page("meetings")
    window.show_page("meetings")
    settle(qtbot, context)
    meeting_window = meetings.open_meeting(meetings.model.rows[0].id)
    settle(qtbot, context)
    from ui.dialogs.print_dialog import PrintDialog

    for kind in SheetKind:
        dialog = PrintDialog(meeting_window, kind, {"issuer": "区政协办公室", "even_left": True})
        qtbot.addWidget(dialog)
        check(kind.value, dialog.preview)

    # 议题遴选表 and 年度协商计划
    window.show_page("topics")
    settle(qtbot, context)
    topics = window.page("topics")
    check("议题遴选表", menu_action(topics.pool_tab.more_button.menu(), "预览").trigger)
    topics.show_plan()
    settle(qtbot, context)
    plan_menu = next(b.menu() for b in topics.plan_tab.findChildren(type(topics.pool_tab.more_button))
                     if b.menu() is not None and b.text() == "导出与打印")
    check("年度协商计划", menu_action(plan_menu, "预览").trigger)

    # 《政协建言》
    window.show_page("recommendations")
    settle(qtbot, context)
    recommendations = window.page("recommendations")
    recommendations.tabs.setCurrentWidget(recommendations.bulletins_tab)
    settle(qtbot, context)
    recommendations.bulletins_tab.table.selectRow(0)
    check("政协建言", menu_action(recommendations.bulletins_tab.output_button.menu(), "预览").trigger)

    # 一人一档 and 履职积分表
    window.show_page("statistics")
    settle(qtbot, context)
    statistics = window.page("statistics")
    statistics.tabs.setCurrentWidget(statistics.records_tab)
    settle(qtbot, context)
    statistics.records_tab.table.selectRow(0)
    menu = statistics.records_tab.print_menu
    check("一人一档", menu_action(menu, "预览").trigger)
    check("履职积分表", next(a for a in (menu.aboutToShow.emit(), menu.actions())[1]
                         if a.text().startswith("预览") and "履职积分表" in a.text()).trigger)
    assert len(printed) == len(SheetKind) + 5
