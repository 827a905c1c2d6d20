"""调研 and 意见建议 screens: the log and its filters, a visit with attachments, fast entry with the running
"N方面M条", lifecycle on a selection, merge, overdue view, bulletins with PDF and Word."""

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.services.recommendation_entry import add_source_aspect
from models.services.recommendation_queries import list_recommendations
from tests.screenshots import save_screenshot
from tests.ui.modal import click_button, when_modal
from ui.dialogs.entry_dialog import EntryDialog, PasteDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.views.recommendations_page import RecommendationsPage
from ui.views.research_page import ResearchPage


@pytest.fixture
def research(qtbot, demo_context):
    page = ResearchPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    return page


@pytest.fixture
def recs(qtbot, demo_context):
    page = RecommendationsPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    return page


def test_research_log_counts_and_filters(research):
    assert "共 13 次调研" in research.counts.text()
    research.kind.setCurrentIndex(research.kind.findData("视察"))
    assert research.model.rowCount() == 2 and all(v.kind == "视察" for v in research.model.rows)
    research.kind.setCurrentIndex(0)
    research.meeting.setCurrentIndex(1)
    assert research.model.rowCount() in (3, 4)
    research.meeting.setCurrentIndex(0)
    member = research.member.itemData(1)
    research.member.setCurrentIndex(1)
    assert all(member in v.participant_ids for v in research.model.rows) and research.model.rowCount() >= 1
    save_screenshot(research, "research_page")


def test_new_visit_with_attachment_and_missing_file(qtbot, research, demo_context, tmp_path, monkeypatch, message_log):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"fake")
    monkeypatch.setattr("ui.dialogs.visit_dialog.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    opened = []
    monkeypatch.setattr("ui.dialogs.visit_dialog.open_path", lambda path: opened.append(path) or True)

    def fill(dialog: VisitDialog) -> None:
        dialog.title.setText("赴城南街道调研养老服务")
        dialog.add_files()  # a new visit is saved first, then the file is copied in
        assert dialog.attachment_list.count() == 1
        dialog.open_attachment(dialog.attachment_list.item(0))
        row = dialog.attachment_list.item(0).data(Qt.ItemDataRole.UserRole)
        row.path.unlink()  # someone deletes the copy by hand
        dialog.refresh_attachments()
        assert "文件缺失" in dialog.attachment_list.item(0).text()
        dialog.open_attachment(dialog.attachment_list.item(0))
        click_button(dialog, "保存")

    when_modal(fill, kind=VisitDialog)
    qtbot.mouseClick(research.add_button, Qt.MouseButton.LeftButton)
    assert "共 14 次调研" in research.counts.text() and len(opened) == 1
    assert "找不到了" in message_log.texts("warn")[-1]


def test_a_visit_without_title_is_refused(qtbot, research):
    seen = {}

    def fill(dialog: VisitDialog) -> None:
        click_button(dialog, "保存")
        seen["error"], seen["open"] = dialog.error.text(), dialog.isVisible()
        click_button(dialog, "取消")

    when_modal(fill, kind=VisitDialog)
    research.add()
    assert "调研主题" in seen["error"] and seen["open"]


def test_list_counts_and_overdue_view(recs):
    assert recs.list_tab.model.rowCount() == 77
    assert "采纳率" in recs.list_tab.counts.text()
    overdue = [r for r in recs.rows if r.overdue]
    assert recs.overdue_tab.model.rowCount() == len(overdue) > 0
    assert recs.tabs.tabText(1) == f"超期未复（{len(overdue)}）"
    recs.list_tab.source.setCurrentIndex(recs.list_tab.source.findText("“优化营商环境 助力民营经济高质量发展”委员沙龙"))
    assert "9方面23条" in recs.list_tab.counts.text()
    save_screenshot(recs, "recommendations_page")


def test_fast_entry_with_paste_and_running_count(qtbot, recs, demo_context):
    source = next(s for label, s in recs.sources() if label.startswith("社情民意"))
    dialog = EntryDialog(demo_context, source, "社情民意")
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "共 0条"
    dialog._call(add_source_aspect, source, "养老")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))

    def paste(paste_dialog: PasteDialog) -> None:
        paste_dialog.text.setPlainText("1. 增设社区食堂：建议每个街道至少一处。\n2. 推广家庭养老床位。")
        assert paste_dialog.count.text().startswith("将添加 2 条")
        click_button(paste_dialog, "添加")

    when_modal(paste, kind=PasteDialog)
    dialog.paste()
    assert dialog.summary.text() == "共 1方面2条"
    save_screenshot(dialog, "recommendation_entry")
    rows = [r for r in demo_context.call(list_recommendations, year=source.year) if r.source_kind == "社情民意"]
    assert [r.title for r in rows] == ["增设社区食堂", "推广家庭养老床位"]


def test_bulk_status_on_a_selection_and_merge(qtbot, recs, demo_context, monkeypatch, message_log):
    tab = recs.list_tab
    tab.status.setCurrentIndex(tab.status.findData("办理中"))
    count = tab.model.rowCount()
    assert count > 2
    tab.table.selectAll()
    monkeypatch.setattr("ui.views.recommendation_list_tab.QInputDialog.getText", lambda *a, **k: ("部门书面答复", True))
    tab._fill_status_menu()
    action = next(a for a in tab.status_button.menu().actions() if a.text().startswith("改为“已办结”"))
    action.trigger()
    tab.status.setCurrentIndex(tab.status.findData("已办结"))
    assert tab.model.rowCount() >= count
    tab.status.setCurrentIndex(0)
    first, second = tab.model.rows[0], tab.model.rows[1]
    tab.table.clearSelection()
    flags = tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows
    tab.table.selectionModel().select(tab.model.index(0, 0), flags)
    tab.table.selectionModel().select(tab.model.index(1, 0), flags)
    monkeypatch.setattr("ui.views.recommendation_list_tab.QInputDialog.getItem", lambda *a, **k: (first.title, True))
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 76  # counted once
    merged = demo_context.call(list_recommendations, ids=[second.id])[0]
    assert merged.duplicate_of_id == first.id and merged.content == second.content


def test_bulletin_as_pdf_and_word(qtbot, recs, tmp_path, monkeypatch):
    import docx

    tab = recs.bulletins_tab
    recs.tabs.setCurrentWidget(tab)
    tab.table.selectRow(tab.model.rows.index(next(b for b in tab.model.rows if b.issue_no == 1)))
    for suffix, label in ((".pdf", "存为 PDF…"), (".docx", "存为 Word（可在 Word/WPS 中修改）…")):
        target = tmp_path / f"专报{suffix}"
        monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        done = {}
        when_modal(lambda box, d=done: (d.update(ok=True), click_button(box, "关闭")), kind=QMessageBox)
        next(a for a in tab.output_button.menu().actions() if a.text() == label).trigger()
        qtbot.waitUntil(lambda d=done: "ok" in d, timeout=30000)
    text = subprocess.run(["pdftotext", str(tmp_path / "专报.pdf"), "-"], capture_output=True, text=True).stdout
    assert "2023年第1期" in text.replace(" ", "")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "专报.docx")).paragraphs]
    assert any(p.startswith("一、") for p in paragraphs) and any(p.startswith("（一）") for p in paragraphs)


def test_department_replies_round_trip(qtbot, recs, tmp_path, monkeypatch, message_log):
    from ui.dialogs.import_preview import ImportPreviewDialog

    tab = recs.list_tab
    handling = next(r for r in tab.model.rows if r.status == "办理中")
    tab.table.selectRow(tab.model.rows.index(handling))
    sheet_path = tmp_path / "答复表.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(sheet_path), ""))
    when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox)
    tab.export_reply_sheet()
    qtbot.waitUntil(sheet_path.exists, timeout=15000)
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value == handling.id)
    sheet.cell(row, 7).value = "采纳"
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["heading"] = dialog.counts.text()
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog)
    tab.import_replies()
    qtbot.waitUntil(lambda: "heading" in seen, timeout=15000)
    assert "共 1 行：更新 1" in seen["heading"]
    assert message_log.texts("inform") == ["已登记 1 条意见建议的办理结果。"]
    qtbot.waitUntil(lambda: next(r for r in tab.model.rows if r.id == handling.id).outcome == "采纳", timeout=15000)
