"""议题与计划 through the widgets: the ranked pool, editing, workflow, scoring grid, plan → meetings, files,
and the screen keeping itself current (a change made elsewhere shows; a hidden page waits until shown)."""

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QTableWidget, QTableWidgetItem, QToolButton

from models.changes import Area, Changes
from models.services.meeting_queries import list_meetings
from models.services.topics import TopicData, save_topic
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.dialogs.person_picker import PersonPickerDialog
from ui.dialogs.score_grid_dialog import ScoreGridDialog
from ui.dialogs.topic_dialogs import TopicDialog, TopicHistoryDialog, TopicStatusDialog
from ui.operations import run_command
from ui.views.topics_page import TopicsPage

WAIT = 30000  # ms: loads and saves run in the background


@pytest.fixture
def page(qtbot, demo_context):
    widget = TopicsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.year_combo.count() > 0, timeout=WAIT)
    widget.year_combo.set_value(2024)
    qtbot.waitUntil(lambda: widget.pool_tab.shown_year == 2024, timeout=WAIT)
    return widget


def then(condition, action, waited: int = 0) -> None:
    """Run `action` once `condition()` holds, polling from the event loop (usable inside a modal dialog,
    whose answers arrive in the background); after WAIT ms it runs anyway and the test's checks fail."""
    if condition() or waited >= WAIT:
        action()
        return
    QTimer.singleShot(20, lambda: then(condition, action, waited + 20))


def select_rows(table, rows) -> None:
    table.clearSelection()
    flags = table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)


def pool_row(page, title: str):
    return next((r for r in page.pool_tab.model.rows if r.title == title), None)


def test_pool_is_ranked_by_weighted_score(page):
    rows = page.pool_tab.model.rows
    assert len(rows) == 12 and [r.rank for r in rows] == list(range(1, 13))
    assert [r.average for r in rows] == sorted((r.average for r in rows), reverse=True)
    assert "已评完 12 个" in page.pool_tab.count.text()
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

    when_modal(fill, kind=TopicDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.pool_tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pool_row(page, "加强社区嵌入式服务设施建设") is not None, timeout=WAIT)
    new = pool_row(page, "加强社区嵌入式服务设施建设")
    assert (new.status, new.rank, new.proposer) == ("征集", None, "12345热线意见汇总")
    select_rows(page.pool_tab.table, [page.pool_tab.model.rows.index(new)])

    def screen(dialog: TopicStatusDialog) -> None:
        assert [dialog.target.itemText(i) for i in range(dialog.target.count())] == ["初筛", "未采用", "延期"]
        dialog.note.setText("办公室初筛通过")
        click_button(dialog, "确定")

    when_modal(screen, kind=TopicStatusDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.pool_tab.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pool_row(page, new.title).status == "初筛", timeout=WAIT)
    seen = {}

    def read_history(dialog: TopicHistoryDialog) -> None:
        table = dialog.findChild(QTableWidget)
        seen["steps"] = [(table.item(r, 2).text(), table.item(r, 3).text()) for r in range(table.rowCount())]
        click_button(dialog, "关闭")

    when_modal(read_history, kind=TopicHistoryDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.pool_tab.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "steps" in seen, timeout=WAIT)
    assert seen["steps"] == [("征集", "征集"), ("初筛", "办公室初筛通过")]
    assert pool_row(page, new.title).status == "初筛"


def test_proposer_is_chosen_from_the_register(qtbot, page, message_log):
    """提出者=人员: searched in the picker (the register is never loaded into a combo), shown by name."""
    seen = {}

    def pick(picker: PersonPickerDialog) -> None:
        picker.search.setText("田富")
        then(lambda: [h.name for h in picker.model.rows] == ["田富"] and bool(picker.chosen()),
             lambda: click_button(picker, "选择"))

    def fill(dialog: TopicDialog) -> None:
        dialog.title.setText("推进老旧小区加装电梯")
        dialog.kind_person.setChecked(True)
        when_modal(pick, kind=PersonPickerDialog, timeout_ms=WAIT)
        dialog.choose_person.click()  # modal: returns once the picker has closed
        seen["person"] = dialog.person.text()
        click_button(dialog, "保存")

    when_modal(fill, kind=TopicDialog, timeout_ms=WAIT)
    page.pool_tab.add()
    qtbot.waitUntil(lambda: pool_row(page, "推进老旧小区加装电梯") is not None, timeout=WAIT)
    assert seen["person"].startswith("田富")
    new = pool_row(page, "推进老旧小区加装电梯")
    assert new.proposer == "田富"
    select_rows(page.pool_tab.table, [page.pool_tab.model.rows.index(new)])

    def reopen(dialog: TopicDialog) -> None:
        seen["again"] = (dialog.kind_person.isChecked(), dialog.person.text(), dialog.person.isReadOnly())
        click_button(dialog, "取消")

    when_modal(reopen, kind=TopicDialog, timeout_ms=WAIT)
    page.pool_tab.edit()
    qtbot.waitUntil(lambda: "again" in seen, timeout=WAIT)
    assert seen["again"] == (True, seen["person"], True)


def test_empty_title_is_refused_beside_the_form(qtbot, page, message_log):
    seen = {}

    def report(dialog: TopicDialog) -> None:
        seen["error"], seen["open"] = dialog.error.messages().get("title", ""), dialog.isVisible()
        click_button(dialog, "取消")

    def fill(dialog: TopicDialog) -> None:
        dialog.title.setText("   ")
        click_button(dialog, "保存")
        then(lambda: bool(dialog.error.messages()) and dialog.save_button.isEnabled(), lambda: report(dialog))

    when_modal(fill, kind=TopicDialog, timeout_ms=WAIT)
    page.pool_tab.add()
    qtbot.waitUntil(lambda: "open" in seen, timeout=WAIT)
    assert "议题名称" in seen["error"] and seen["open"]


def test_score_grid_for_a_new_reviewer(qtbot, page, message_log):
    seen = {}

    def fill(dialog: ScoreGridDialog) -> None:
        dialog.grid.setItem(0, 1, QTableWidgetItem("11"))
        seen["bad"] = dialog.message.text()
        click_button(dialog, "保存评分")
        seen["still_open"] = dialog.isVisible()
        for row in range(dialog.grid.rowCount()):
            for column in range(1, dialog.grid.columnCount() - 1):
                dialog.grid.setItem(row, column, QTableWidgetItem("9" if row == 11 else "6"))
        save_screenshot(dialog, "score_grid")
        click_button(dialog, "保存评分")

    def score(dialog: ScoreGridDialog) -> None:
        dialog.reviewer.setCurrentText("新评委")
        then(lambda: dialog.loaded_for == "新评委", lambda: fill(dialog))  # what they gave before, if any

    when_modal(score, kind=ScoreGridDialog, timeout_ms=WAIT)
    qtbot.mouseClick(page.pool_tab.score_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.reviewers == 4 for r in page.pool_tab.model.rows), timeout=WAIT)
    assert "1 到 10" in seen["bad"] and seen["still_open"]
    assert "已保存“新评委”的评分。" in message_log.texts("saved")
    rows = page.pool_tab.model.rows
    assert rows[0].title == "加强背街小巷环境整治" or rows[0].average >= rows[1].average


def test_top_four_into_the_plan_then_four_meetings(qtbot, page, demo_context, monkeypatch, message_log):
    monkeypatch.setattr("ui.views.plan_tab.QInputDialog.getInt", lambda *a, **k: (4, True))
    before = len(db_call(demo_context, list_meetings))
    top_four = [r.id for r in page.pool_tab.model.rows[:4]]
    page.plan_tab.add_top()
    qtbot.waitUntil(lambda: [p.topic_id for p in page.plan_tab.model.rows] == top_four, timeout=WAIT)
    assert page.tabs.currentWidget() is page.plan_tab
    select_rows(page.plan_tab.table, range(4))
    qtbot.mouseClick(page.plan_tab.meeting_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(p.meeting_id and p.progress == "筹备中" for p in page.plan_tab.model.rows),
                    timeout=WAIT)
    assert len(db_call(demo_context, list_meetings)) == before + 4
    assert "已生成 4 个会议" in message_log.texts("inform")[-1]
    assert "有 4 个会议的计划日期已经过去（如 2024年01月15日）" in message_log.texts("confirm")[-1]  # asked first
    save_screenshot(page, "topics_plan")


def test_adding_a_planned_topic_again_asks_first(qtbot, page, message_log):
    pool = page.pool_tab.model.rows
    page.plan_tab.add_topics(pool[:1])
    qtbot.waitUntil(lambda: len(page.plan_tab.model.rows) == 1, timeout=WAIT)
    message_log.confirm_answer = False
    page.plan_tab.add_topics(pool[:1])
    qtbot.waitUntil(lambda: bool(message_log.texts("confirm")), timeout=WAIT)
    assert "已在2024年度计划中安排过" in message_log.texts("confirm")[-1]
    assert len(page.plan_tab.model.rows) == 1


def test_a_change_made_elsewhere_shows_and_a_hidden_page_waits(qtbot, page, demo_context):
    tab = page.pool_tab
    before = tab.watch.reloads
    data = TopicData(year=2024, title="别处新增的议题", source="群众征题")
    run_command(demo_context, None, lambda s: save_topic(s, data))  # another screen's save: no refresh asked
    qtbot.waitUntil(lambda: pool_row(page, "别处新增的议题") is not None, timeout=WAIT)
    assert tab.watch.reloads == before + 1
    assert page.plan_tab.watch.reloads == 0 and page.plan_tab.watch.stale  # hidden tab: only marked

    page.hide()
    reloads = tab.watch.reloads
    db_call(demo_context, save_topic, TopicData(year=2024, title="隐藏时新增的议题", source="群众征题"))
    demo_context.notices.publish(Changes(frozenset({Area.TOPICS}), {}))  # as another PC's change arrives
    QApplication.processEvents()
    assert tab.watch.stale and tab.watch.reloads == reloads
    assert pool_row(page, "隐藏时新增的议题") is None
    page.show()
    qtbot.waitUntil(lambda: pool_row(page, "隐藏时新增的议题") is not None, timeout=WAIT)
    assert tab.watch.reloads == reloads + 1 and not tab.watch.stale


def save_file(qtbot, monkeypatch, target, action) -> None:
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(ok=True), click_button(box, "关闭")), kind=QMessageBox, timeout_ms=60000)
    action()
    qtbot.waitUntil(lambda: "ok" in done, timeout=60000)


def test_selection_sheet_and_plan_as_pdf_and_excel(qtbot, page, tmp_path, monkeypatch):
    from ui.topic_excel import export_plan

    tab = page.pool_tab
    pdf = tmp_path / "遴选表.pdf"
    save_file(qtbot, monkeypatch, pdf, lambda: next(a for a in tab.more_button.menu().actions()
                                                     if a.text() == "议题遴选表存为 PDF…").trigger())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "2024年度协商议题遴选表" in text.replace(" ", "")
    page.year_combo.set_value(2023)
    page.show_plan()
    qtbot.waitUntil(lambda: page.plan_tab.shown_year == 2023 and bool(page.plan_tab.model.rows), timeout=WAIT)
    plan_xlsx = tmp_path / "计划.xlsx"
    save_file(qtbot, monkeypatch, plan_xlsx, lambda: export_plan(page.plan_tab))
    sheet = openpyxl.load_workbook(plan_xlsx).active
    assert "2023年度协商计划" in sheet["A1"].value
    plan_pdf = tmp_path / "计划.pdf"
    save_file(qtbot, monkeypatch, plan_pdf, lambda: next(a for a in page.plan_tab.findChild(QToolButton).menu()
                                                          .actions() if a.text() == "年度协商计划存为 PDF…").trigger())
    text = subprocess.run(["pdftotext", "-layout", str(plan_pdf), "-"], capture_output=True, text=True).stdout
    assert "打造中心城区消费新高地" in text.replace(" ", "")


def exported_scoring_sheet(qtbot, page, demo_context, tmp_path, monkeypatch):
    """The first reviewer's 评分表 exported from the pool, opened: reviewer, path, book, sheet, header row and
    the column of the first score."""
    from models.services.topic_scores import reviewers
    from ui.topic_excel import export_scoring_sheet

    reviewer = db_call(demo_context, reviewers, 2024)[0]
    monkeypatch.setattr("ui.topic_excel.QInputDialog.getItem", lambda *a, **k: (reviewer, True))
    sheet_path = tmp_path / "评分表.xlsx"
    save_file(qtbot, monkeypatch, sheet_path, lambda: export_scoring_sheet(page.pool_tab))
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    header = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "序号")
    first_score = next(c for c in range(1, sheet.max_column + 1) if "重要性" in str(sheet.cell(header, c).value))
    return reviewer, sheet_path, book, sheet, header, first_score


def test_scoring_sheet_round_trip(qtbot, page, demo_context, tmp_path, monkeypatch, message_log):
    from ui.dialogs.import_preview import ImportPreviewDialog
    from ui.topic_excel import import_scores

    _reviewer, sheet_path, book, sheet, header, first_score = exported_scoring_sheet(
        qtbot, page, demo_context, tmp_path, monkeypatch)
    assert sheet.cell(header + 1, first_score).value is not None  # the reviewer's scores are filled in
    sheet.cell(header + 1, first_score).value = 1
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["counts"] = dialog.preview.counts()
        view = dialog.findChild(QTableView)
        seen["headings"] = [view.model().headerData(i, Qt.Orientation.Horizontal)
                            for i in range(view.model().columnCount())]
        seen["subject"] = view.model().index(0, 2).data()
        save_screenshot(dialog, "score_import_preview")
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog, timeout_ms=WAIT)
    import_scores(page.pool_tab)
    qtbot.waitUntil(lambda: "counts" in seen, timeout=WAIT)
    assert seen["counts"]["更新"] == 1 and seen["counts"].get("错误", 0) == 0
    assert seen["headings"] == ["行号", "结果", "议题名称", "说明"]  # the rows are topics, not people
    assert seen["subject"] in {r.title for r in page.pool_tab.model.rows}
    qtbot.waitUntil(lambda: any("的评分" in t for t in message_log.texts("inform")), timeout=WAIT)


def test_score_import_says_which_rows_it_left_out(qtbot, page, demo_context, tmp_path, monkeypatch, message_log):
    """Rows with errors are not imported silently: 确认导入 asks first, and the result names each one."""
    from models.services.topic_scores import reviewer_scores
    from ui.dialogs.import_preview import ImportPreviewDialog
    from ui.topic_excel import import_scores

    reviewer, sheet_path, book, sheet, header, first_score = exported_scoring_sheet(
        qtbot, page, demo_context, tmp_path, monkeypatch)
    sheet.cell(header + 1, first_score).value = 1  # a good change
    sheet.cell(header + 2, first_score).value = 11  # out of range
    sheet.cell(header + 3, first_score).value = "五"  # not a number
    book.save(sheet_path)
    before = db_call(demo_context, reviewer_scores, 2024, reviewer)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        save_screenshot(dialog, "topics_score_import_with_errors")
        message_log.confirm_answer = False  # first: stop, to correct the sheet
        click_button(dialog, "确认导入")
        seen["asked"] = message_log.texts("confirm")[-1]
        seen["still open"] = dialog.isVisible() and dialog.confirm_button.isEnabled()
        message_log.confirm_answer = True
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog, timeout_ms=WAIT)
    import_scores(page.pool_tab)
    qtbot.waitUntil(lambda: bool(message_log.texts("inform")), timeout=WAIT)
    assert seen["asked"].startswith("有 2 行有错误，这些行不会导入。继续导入其余 1 行吗？") and seen["still open"]
    text = message_log.texts("inform")[-1]
    assert text.startswith(f"导入完成（评分人：{reviewer}）：更新 1 个议题的评分。")
    assert f"有错误 2 行（第 {header + 2} 行 " in text and f"第 {header + 3} 行 " in text
    assert "可在 Excel 中改正后重新导入" in text
    after = db_call(demo_context, reviewer_scores, 2024, reviewer)
    assert sum(after[key] != before.get(key) for key in after) == 1  # only the good row was written
