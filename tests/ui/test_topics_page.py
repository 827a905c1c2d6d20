"""议题与计划 through the widgets: the ranked pool, editing, workflow, scoring grid, plan → meetings, files."""

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget, QTableWidgetItem, QToolButton

from models.services.meeting_queries import list_meetings
from tests.screenshots import save_screenshot
from tests.ui.modal import click_button, when_modal
from ui.dialogs.score_grid_dialog import ScoreGridDialog
from ui.dialogs.topic_dialogs import TopicDialog, TopicHistoryDialog, TopicStatusDialog
from ui.views.topics_page import TopicsPage


@pytest.fixture
def page(qtbot, demo_context):
    widget = TopicsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    widget.year_combo.set_value(2024)
    return widget


def select_rows(table, rows: list[int]) -> None:
    table.clearSelection()
    flags = table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)


def test_pool_is_ranked_by_weighted_score(page):
    rows = page.pool_tab.model.rows
    assert len(rows) == 12 and [r.rank for r in rows] == list(range(1, 13))
    assert [r.average for r in rows] == sorted((r.average for r in rows), reverse=True)
    assert "已评分 12 个" in page.pool_tab.count.text()
    page.pool_tab.source.setCurrentIndex(page.pool_tab.source.findData("群众征题"))
    assert {r.source for r in page.pool_tab.model.rows} == {"群众征题"}
    save_screenshot(page, "topics_pool")


def test_add_a_topic_and_move_it_along(qtbot, page, message_log):
    def fill(dialog: TopicDialog) -> None:
        dialog.title.setText("加强社区嵌入式服务设施建设")
        dialog.source.set_value("群众征题")
        dialog.kind_text.setChecked(True)
        dialog.proposer_text.setText("12345热线意见汇总")
        click_button(dialog, "保存")

    when_modal(fill, kind=TopicDialog)
    qtbot.mouseClick(page.pool_tab.add_button, Qt.MouseButton.LeftButton)
    rows = page.pool_tab.model.rows
    new = next(r for r in rows if r.title == "加强社区嵌入式服务设施建设")
    assert (new.status, new.rank, new.proposer) == ("征集", None, "12345热线意见汇总")
    select_rows(page.pool_tab.table, [rows.index(new)])

    def screen(dialog: TopicStatusDialog) -> None:
        assert [dialog.target.itemText(i) for i in range(dialog.target.count())] == ["初筛", "未采用", "延期"]
        dialog.note.setText("办公室初筛通过")
        click_button(dialog, "确定")

    when_modal(screen, kind=TopicStatusDialog)
    qtbot.mouseClick(page.pool_tab.status_button, Qt.MouseButton.LeftButton)
    seen = {}

    def read_history(dialog: TopicHistoryDialog) -> None:
        table = dialog.findChild(QTableWidget)
        seen["steps"] = [(table.item(r, 2).text(), table.item(r, 3).text()) for r in range(table.rowCount())]
        click_button(dialog, "关闭")

    when_modal(read_history, kind=TopicHistoryDialog)
    qtbot.mouseClick(page.pool_tab.history_button, Qt.MouseButton.LeftButton)
    assert seen["steps"] == [("征集", "征集"), ("初筛", "办公室初筛通过")]
    assert next(r for r in page.pool_tab.model.rows if r.id == new.id).status == "初筛"


def test_empty_title_is_refused_beside_the_form(qtbot, page):
    seen = {}

    def fill(dialog: TopicDialog) -> None:
        dialog.title.setText("   ")
        click_button(dialog, "保存")
        seen["error"], seen["open"] = dialog.error.text(), dialog.isVisible()
        click_button(dialog, "取消")

    when_modal(fill, kind=TopicDialog)
    page.pool_tab.add()
    assert "议题名称" in seen["error"] and seen["open"]


def test_score_grid_for_a_new_reviewer(qtbot, page, message_log):
    seen = {}

    def score(dialog: ScoreGridDialog) -> None:
        dialog.reviewer.setCurrentText("新评委")
        dialog.grid.setItem(0, 1, QTableWidgetItem("11"))
        seen["bad"] = dialog.message.text()
        click_button(dialog, "保存评分")
        seen["still_open"] = dialog.isVisible()
        for row in range(dialog.grid.rowCount()):
            for column in range(1, dialog.grid.columnCount() - 1):
                dialog.grid.setItem(row, column, QTableWidgetItem("9" if row == 11 else "6"))
        save_screenshot(dialog, "score_grid")
        click_button(dialog, "保存评分")

    when_modal(score, kind=ScoreGridDialog)
    qtbot.mouseClick(page.pool_tab.score_button, Qt.MouseButton.LeftButton)
    assert "1 到 10" in seen["bad"] and seen["still_open"]
    rows = page.pool_tab.model.rows
    assert all(r.reviewers == 4 for r in rows)
    assert rows[0].title == "加强背街小巷环境整治" or rows[0].average >= rows[1].average


def test_top_four_into_the_plan_then_four_meetings(qtbot, page, demo_context, monkeypatch, message_log):
    monkeypatch.setattr("ui.views.plan_tab.QInputDialog.getInt", lambda *a, **k: (4, True))
    before = len(demo_context.call(list_meetings))
    top_four = [r.id for r in page.pool_tab.model.rows[:4]]
    page.plan_tab.add_top()
    plan = page.plan_tab.model.rows
    assert [p.topic_id for p in plan] == top_four and page.tabs.currentWidget() is page.plan_tab
    select_rows(page.plan_tab.table, range(4))
    qtbot.mouseClick(page.plan_tab.meeting_button, Qt.MouseButton.LeftButton)
    assert all(p.meeting_id and p.progress == "筹备中" for p in page.plan_tab.model.rows)
    assert len(demo_context.call(list_meetings)) == before + 4
    assert "已生成 4 个会议" in message_log.texts("inform")[-1]
    save_screenshot(page, "topics_plan")


def test_adding_a_planned_topic_again_asks_first(page, message_log):
    pool = page.pool_tab.model.rows
    page.plan_tab.add_topics(pool[:1])
    message_log.confirm_answer = False
    page.plan_tab.add_topics(pool[:1])
    assert "已在2024年度计划中安排过" in message_log.texts("confirm")[-1]
    assert len(page.plan_tab.model.rows) == 1


def save_file(qtbot, monkeypatch, target, action) -> None:
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(ok=True), click_button(box, "关闭")), kind=QMessageBox)
    action()
    qtbot.waitUntil(lambda: "ok" in done, timeout=30000)


def test_selection_sheet_and_plan_as_pdf_and_excel(qtbot, page, tmp_path, monkeypatch):
    from ui.topic_excel import export_plan

    tab = page.pool_tab
    pdf = tmp_path / "遴选表.pdf"
    save_file(qtbot, monkeypatch, pdf, lambda: next(a for a in tab.more_button.menu().actions()
                                                     if a.text() == "议题遴选表存为 PDF…").trigger())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "2024年度协商议题遴选表" in text.replace(" ", "")
    page.year_combo.set_value(2023)
    plan_xlsx = tmp_path / "计划.xlsx"
    save_file(qtbot, monkeypatch, plan_xlsx, lambda: export_plan(page.plan_tab))
    sheet = openpyxl.load_workbook(plan_xlsx).active
    assert "2023年度协商计划" in sheet["A1"].value
    plan_pdf = tmp_path / "计划.pdf"
    save_file(qtbot, monkeypatch, plan_pdf, lambda: next(a for a in page.plan_tab.findChild(QToolButton).menu()
                                                          .actions() if a.text() == "年度协商计划存为 PDF…").trigger())
    text = subprocess.run(["pdftotext", "-layout", str(plan_pdf), "-"], capture_output=True, text=True).stdout
    assert "打造中心城区消费新高地" in text.replace(" ", "")


def test_scoring_sheet_round_trip(qtbot, page, demo_context, tmp_path, monkeypatch, message_log):
    from models.services.topic_scores import reviewers
    from ui.dialogs.import_preview import ImportPreviewDialog
    from ui.topic_excel import export_scoring_sheet, import_scores

    reviewer = demo_context.call(reviewers, 2024)[0]
    monkeypatch.setattr("ui.topic_excel.QInputDialog.getItem", lambda *a, **k: (reviewer, True))
    sheet_path = tmp_path / "评分表.xlsx"
    save_file(qtbot, monkeypatch, sheet_path, lambda: export_scoring_sheet(page.pool_tab))
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    header = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "序号")
    first_score = next(c for c in range(1, sheet.max_column + 1) if "重要性" in str(sheet.cell(header, c).value))
    sheet.cell(header + 1, first_score).value = 1
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["counts"] = dialog.preview.counts()
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog)
    import_scores(page.pool_tab)
    qtbot.waitUntil(lambda: "counts" in seen, timeout=15000)
    assert seen["counts"]["更新"] == 1 and seen["counts"].get("错误", 0) == 0
