"""调研 and 意见建议 screens: the log and its filters, a visit with attachments, fast entry with the running
"N方面M条", lifecycle on a selection, merge, overdue view, bulletins with PDF and Word; both screens keep
themselves current (a recommendation saved elsewhere shows up) and ignore what they do not show (a check-in)."""

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QTableView
from sqlmodel import select

from models.clock import today
from models.services.invitees import check_in
from models.services.recommendation_queries import list_recommendations
from models.services.recommendation_sources import entry_sources
from models.services.recommendations import add_recommendation
from models.tables import Attendance
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.dialogs.entry_dialog import EntryDialog, PasteDialog, load_entry
from ui.dialogs.visit_dialog import VisitDialog
from ui.operations import run_command
from ui.views.recommendations_page import RecommendationsPage
from ui.views.research_page import ResearchPage

WAIT = 30000


@pytest.fixture
def research(qtbot, demo_context):
    page = ResearchPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    return page


@pytest.fixture
def recs(qtbot, demo_context):
    page = RecommendationsPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtbot.waitUntil(lambda: page.loaded_year is not None, timeout=WAIT)
    return page


def test_research_log_counts_and_filters(research):
    assert research.year.value() == 2023 and "共 13 次调研" in research.counts.text()  # the latest year with visits
    research.year.set_value(None)  # 全部年度
    assert "共 19 次调研（实地调研 16 · 视察 1 · 座谈 1 · 走访 1）" in research.counts.text()  # 2023's 13, 2022's 6
    research.kind.setCurrentIndex(research.kind.findData("视察"))
    assert research.model.rowCount() == 1 and all(v.kind == "视察" for v in research.model.rows)
    research.kind.setCurrentIndex(0)
    research.meeting.setCurrentIndex(1)
    assert research.model.rowCount() in (3, 4)
    research.meeting.setCurrentIndex(0)
    member = research.member.itemData(1)
    research.member.setCurrentIndex(1)
    assert all(member in v.participant_ids for v in research.model.rows) and research.model.rowCount() >= 1
    dates = [v.visit_date for v in research.model.rows]
    assert dates == sorted(dates, reverse=True)  # newest first, as before
    save_screenshot(research, "research_page")


def test_new_visit_with_attachment_and_missing_file(qtbot, research, demo_context, tmp_path, monkeypatch, message_log):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"fake")
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    opened = []
    monkeypatch.setattr("ui.dialogs.visit_dialog.open_path", lambda path: opened.append(path) or True)
    seen = {}

    def fill(dialog: VisitDialog) -> None:
        dialog.title.setText("赴城南街道调研养老服务")
        dialog.add_files()  # copied into the data folder now, recorded with the visit on 保存
        qtbot.waitUntil(lambda: dialog.attachment_list.count() == 1, timeout=WAIT)
        seen["saved_first"] = dialog.saved_id is not None
        seen["pending"] = dialog.attachment_list.item(0).text()
        dialog.open_attachment(dialog.attachment_list.item(0))
        click_button(dialog, "保存")

    when_modal(fill, kind=VisitDialog, timeout_ms=WAIT)
    qtbot.mouseClick(research.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "全部 20 次" in research.counts.text(), timeout=WAIT)
    assert research.year.value() == today().year  # dated today: the page went to this year to show it
    assert not seen["saved_first"] and "保存后加入" in seen["pending"] and len(opened) == 1
    qtbot.waitUntil(lambda: bool(research.selected()), timeout=WAIT)
    assert research.selected().title == "赴城南街道调研养老服务" and research.selected().attachments == 1

    def missing(dialog: VisitDialog) -> None:
        row = dialog.attachment_list.item(0).data(Qt.ItemDataRole.UserRole)
        row.path.unlink()  # someone deletes the copy by hand
        shown = dialog.attachments_loaded
        dialog.refresh_attachments()
        qtbot.waitUntil(lambda: dialog.attachments_loaded > shown, timeout=WAIT)
        seen["missing"] = dialog.attachment_list.item(0).text()
        dialog.open_attachment(dialog.attachment_list.item(0))
        click_button(dialog, "取消")

    when_modal(missing, kind=VisitDialog, timeout_ms=WAIT)
    research.edit()
    qtbot.waitUntil(lambda: "missing" in seen, timeout=WAIT)
    assert "文件缺失" in seen["missing"] and len(opened) == 1
    assert "找不到了" in message_log.texts("warn")[-1]


def test_a_visit_without_title_is_refused(qtbot, research):
    seen = {}

    def fill(dialog: VisitDialog) -> None:
        click_button(dialog, "保存")
        qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=WAIT)  # the save was answered
        seen["error"], seen["open"] = dialog.error.messages().get("title", ""), dialog.isVisible()
        click_button(dialog, "取消")

    when_modal(fill, kind=VisitDialog, timeout_ms=WAIT)
    research.add()
    qtbot.waitUntil(lambda: "open" in seen, timeout=WAIT)
    assert "调研主题" in seen["error"] and seen["open"]
    assert "全部 19 次" in research.counts.text()


def test_list_counts_and_overdue_view(recs):
    assert recs.list_tab.model.rowCount() == 86
    assert "采纳率" in recs.list_tab.counts.text()
    overdue = [r for r in recs.rows if r.overdue]
    assert recs.overdue_tab.model.rowCount() == len(overdue) > 0
    assert recs.tabs.tabText(1) == f"超期未复（{len(overdue)}）"
    recs.list_tab.source.setCurrentIndex(recs.list_tab.source.findText("“优化营商环境 助力民营经济高质量发展”委员沙龙"))
    assert "9方面23条" in recs.list_tab.counts.text()
    overdue_column = recs.list_tab.model.column_index("deadline")
    model = recs.overdue_tab.model
    brush = model.data(model.index(0, overdue_column), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name().upper() == "#B3261E"  # overdue in red
    save_screenshot(recs, "recommendations_page")


def test_fast_entry_with_paste_and_running_count(qtbot, recs, demo_context, monkeypatch):
    source = next(c.source for c in db_call(demo_context, entry_sources, recs.year) if c.label.startswith("社情民意"))
    dialog = EntryDialog(demo_context, source, "社情民意", db_call(demo_context, load_entry, source))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == "共 0条"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("养老", True))
    dialog.add_aspect()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.tree.currentItem() is dialog.tree.topLevelItem(0), timeout=WAIT)  # the new one

    def paste(paste_dialog: PasteDialog) -> None:
        paste_dialog.text.setPlainText("1. 增设社区食堂：建议每个街道至少一处。\n2. 推广家庭养老床位。")
        assert paste_dialog.count.text().startswith("将添加 2 条")
        click_button(paste_dialog, "添加")

    when_modal(paste, kind=PasteDialog, timeout_ms=WAIT)
    dialog.paste()
    qtbot.waitUntil(lambda: dialog.summary.text() == "共 1方面2条", timeout=WAIT)
    save_screenshot(dialog, "recommendation_entry")
    rows = [r for r in db_call(demo_context, list_recommendations, year=source.year) if r.source_kind == "社情民意"]
    assert [r.title for r in rows] == ["增设社区食堂", "推广家庭养老床位"]
    qtbot.waitUntil(lambda: recs.list_tab.model.rowCount() == 88, timeout=WAIT)  # the page followed by itself


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
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=WAIT)  # none left 办理中
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
    qtbot.waitUntil(lambda: tab.model.rowCount() == 85, timeout=WAIT)  # counted once
    merged = db_call(demo_context, list_recommendations, ids=[second.id])[0]
    assert merged.duplicate_of_id == first.id and merged.content == second.content
    assert not message_log.texts("warn")


def test_bulletin_as_pdf_and_word(qtbot, recs, tmp_path, monkeypatch):
    import docx

    tab = recs.bulletins_tab
    recs.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: any(b.issue_no == 1 for b in tab.model.rows), timeout=WAIT)
    tab.table.selectRow(tab.model.rows.index(next(b for b in tab.model.rows if b.issue_no == 1)))
    for suffix, label in ((".pdf", "存为 PDF…"), (".docx", "存为 Word（可在 Word/WPS 中修改）…")):
        target = tmp_path / f"专报{suffix}"
        monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        done = {}
        when_modal(lambda box, d=done: (d.update(ok=True), click_button(box, "关闭")), kind=QMessageBox,
                   timeout_ms=WAIT)
        next(a for a in tab.output_button.menu().actions() if a.text() == label).trigger()
        qtbot.waitUntil(lambda d=done: "ok" in d, timeout=WAIT)
    assert [a.text() for a in tab.output_button.menu().actions() if a.text()][1:] == ["预览…", "打印…", "存为 PDF…"]
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
    exported = when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox, timeout_ms=WAIT)
    tab.export_reply_sheet()
    qtbot.waitUntil(lambda: exported["handled"], timeout=WAIT)  # the file is written before "已导出" is shown
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value == handling.id)
    sheet.cell(row, 7).value = "采纳"
    book.save(sheet_path)
    monkeypatch.setattr("ui.files.QFileDialog.getOpenFileName", lambda *a, **k: (str(sheet_path), ""))
    seen = {}

    def confirm(dialog: ImportPreviewDialog) -> None:
        seen["heading"] = dialog.counts.text()
        model = dialog.findChild(QTableView).model()
        seen["headings"] = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
        click_button(dialog, "确认导入")

    when_modal(confirm, kind=ImportPreviewDialog, timeout_ms=WAIT)
    tab.import_replies()
    qtbot.waitUntil(lambda: "heading" in seen, timeout=WAIT)
    assert seen["headings"] == ["行号", "结果", "意见建议", "说明"]
    assert "共 1 行：更新 1" in seen["heading"]
    qtbot.waitUntil(lambda: bool(message_log.texts("inform")), timeout=WAIT)
    assert message_log.texts("inform") == ["导入完成：更新 1 条意见建议的办理结果。"]  # nothing left out
    qtbot.waitUntil(lambda: next(r for r in tab.model.rows if r.id == handling.id).outcome == "采纳", timeout=WAIT)


def test_a_recommendation_saved_elsewhere_shows_without_refresh(qtbot, recs, demo_context):
    before = recs.list_tab.model.rowCount()
    year = recs.year
    run_command(demo_context, None, lambda s: add_recommendation(
        s, title="别处录入的建议", content="在另一个窗口录入。", year=year, source_kind="社情民意"))
    qtbot.waitUntil(lambda: recs.list_tab.model.rowCount() == before + 1, timeout=WAIT)
    assert "别处录入的建议" in [r.title for r in recs.list_tab.model.rows]


def test_a_check_in_reloads_neither_page(qtbot, research, recs, demo_context):
    watches = (research.watch, recs.watch, recs.bulletins_tab.watch)
    before = [watch.reloads for watch in watches]
    waiting = [len(watch._pending) for watch in watches]
    attendance_id = db_call(demo_context, lambda s: s.exec(
        select(Attendance.id).where(Attendance.checked_in_at.is_(None)).order_by(Attendance.id)).first())
    done = []
    run_command(demo_context, None, lambda s: check_in(s, attendance_id), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)  # the notice went out before on_done
    qtbot.wait(100)  # a reload would have been asked for at once (a 0 ms timer)
    assert [watch.reloads for watch in watches] == before
    assert [len(watch._pending) for watch in watches] == waiting


def test_editing_a_visit_shows_its_participants_by_name(qtbot, research):
    visit = next(v for v in research.model.rows if v.participant_ids)
    research.table.selectRow(research.model.rows.index(visit))
    seen = {}

    def look(dialog: VisitDialog) -> None:
        table = dialog.participant_table
        seen["names"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["units"] = [dialog.units.item(i).text() for i in range(dialog.units.count())]
        click_button(dialog, "取消")

    when_modal(look, kind=VisitDialog, timeout_ms=WAIT)
    research.edit()
    qtbot.waitUntil(lambda: "names" in seen, timeout=WAIT)
    shown = [part.split("（")[0] for part in visit.participants.split("、")]
    assert sorted(seen["names"]) == sorted(shown)
    assert "、".join(seen["units"]) == visit.organizations


def test_edit_a_recommendation_with_a_proposer_found_in_the_register(qtbot, recs, demo_context):
    from ui.dialogs.person_picker import PersonPickerDialog
    from ui.dialogs.recommendation_dialog import RecommendationDialog

    tab = recs.list_tab
    rec = next(r for r in tab.model.rows if r.proposer_ids and "田富" not in r.proposers and not r.is_duplicate)
    tab.table.selectRow(tab.model.rows.index(rec))
    seen = {}

    def pick(picker: PersonPickerDialog) -> None:
        picker.search.setText("田富")
        qtbot.waitUntil(lambda: [h.name for h in picker.model.rows] == ["田富"] and bool(picker.chosen()),
                        timeout=WAIT)
        click_button(picker, "添加选中的人员")

    def fill(dialog: RecommendationDialog) -> None:
        seen["proposers"] = [dialog.proposers.item(i).text() for i in range(dialog.proposers.count())]
        when_modal(pick, kind=PersonPickerDialog, timeout_ms=WAIT)
        dialog.add_proposers()  # modal: returns once the picker has closed
        seen["added"] = dialog.proposers.item(dialog.proposers.count() - 1).text()
        dialog.target.setCurrentText("区新设的测试办公室")  # a new unit is created on saving
        click_button(dialog, "保存")

    when_modal(fill, kind=RecommendationDialog, timeout_ms=WAIT)
    tab.edit()

    def current():
        return next(r for r in tab.model.rows if r.id == rec.id)

    qtbot.waitUntil(lambda: current().target_org == "区新设的测试办公室", timeout=WAIT)
    assert seen["proposers"] == rec.proposers.split("、") and seen["added"] == "田富"
    assert current().proposers == rec.proposers + "、田富"


def test_new_bulletin_and_an_instruction(qtbot, recs):
    from ui.dialogs.bulletin_dialog import BulletinDialog
    from ui.dialogs.instruction_dialog import InstructionDialog

    tab = recs.bulletins_tab
    recs.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: bool(tab.model.rows), timeout=WAIT)
    before = len(tab.model.rows)
    last = max(b.issue_no for b in tab.model.rows if b.year == recs.year)
    seen = {}

    def fill(dialog: BulletinDialog) -> None:
        seen["issue"] = dialog.issue.value()
        dialog.title.setText("关于测试专报的意见建议")
        dialog.available.item(0).setSelected(True)
        dialog.add()
        click_button(dialog, "保存")

    when_modal(fill, kind=BulletinDialog, timeout_ms=WAIT)
    tab.add()
    qtbot.waitUntil(lambda: len(tab.model.rows) == before + 1, timeout=WAIT)
    assert seen["issue"] == last + 1
    new = next(b for b in tab.model.rows if b.title == "关于测试专报的意见建议")
    assert len(new.items) == 1
    tab.table.selectRow(tab.model.rows.index(new))

    def instruct(dialog: InstructionDialog) -> None:
        dialog.leader.setText("王明")
        dialog.title.setText("区长")
        dialog.content.setPlainText("请有关部门认真研究。")
        click_button(dialog, "保存")

    when_modal(instruct, kind=InstructionDialog, timeout_ms=WAIT)
    tab.add_instruction()
    qtbot.waitUntil(lambda: tab.instructions.count() == 1, timeout=WAIT)
    assert "区长王明：请有关部门认真研究。" in tab.instructions.item(0).text()


def test_a_double_click_on_new_opens_one_dialog(qtbot, demo_context, monkeypatch):
    """Both clicks' answers arrive; the second comes while the first dialog is open and is not shown."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    import ui.dialogs.recommendation_dialog as recommendation_dialog
    from models.services.recommendation_entry import Source

    real, started, release = recommendation_dialog.load_recommendation_form, threading.Event(), threading.Event()

    def held(session, source, rec_id):
        started.set()
        release.wait(30)
        return real(session, source, rec_id)

    monkeypatch.setattr(recommendation_dialog, "load_recommendation_form", held)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    shown = []

    def watch() -> None:  # every recommendation dialog that becomes modal, closed after a while
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, recommendation_dialog.RecommendationDialog) and dialog not in shown:
            shown.append(dialog)
            close_when_answered(dialog)
        if not finished:
            QTimer.singleShot(20, watch)

    def close_when_answered(dialog) -> None:
        # Closed only once the second answer is on its way to this thread (a fixed delay lost the race on a
        # loaded machine); its event was posted before `pending` fell, so it is handled before this close.
        if demo_context.db.pending == 0:
            QTimer.singleShot(0, dialog.reject)
        else:
            QTimer.singleShot(20, lambda: close_when_answered(dialog))

    finished = []
    watch()
    recommendation_dialog.open_recommendation_dialog(demo_context, parent, Source(year=2024))
    assert started.wait(30)  # the first click's read is under way …
    recommendation_dialog.open_recommendation_dialog(demo_context, parent, Source(year=2024))  # … the second
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)  # the first answer's dialog (both reads may be done already)
    qtbot.waitUntil(lambda: demo_context.db.pending == 0 and QApplication.activeModalWidget() is None, timeout=30000)
    finished.append(True)
    assert len(shown) == 1


def test_entry_offers_sources_of_every_year_newest_first_with_search(qtbot, recs, demo_context):
    """A meeting of another year than the page's is offered (and searchable) without switching the year."""
    from datetime import datetime

    from models.services.common import meeting_format_id
    from models.services.meetings import create_meeting
    from ui.dialogs.entry_dialog import EntryDialog
    from ui.dialogs.source_picker import SourcePickerDialog

    def new_meeting(session):
        return create_meeting(session, format_id=meeting_format_id(session, "salon"), title="数字经济委员沙龙",
                              starts_at=datetime(2026, 11, 20, 14, 30))

    meeting_id = db_call(demo_context, new_meeting)
    assert recs.year == 2023
    seen = {}

    def pick(dialog: SourcePickerDialog) -> None:
        seen["first"] = dialog.list.item(0).text()
        seen["all"] = dialog.list.count()
        qtbot.keyClicks(dialog.search, "2026-11")  # by date (typed; Chinese goes through the input method)
        seen["shown"] = [dialog.list.item(r).text() for r in range(dialog.list.count())
                         if not dialog.list.item(r).isHidden()]
        save_screenshot(dialog, "recommendations_source_picker")
        click_button(dialog, "录入")

    def look(dialog: EntryDialog) -> None:
        seen["entry"] = (dialog.windowTitle(), dialog.source)
        click_button(dialog, "完成")

    when_modal(pick, kind=SourcePickerDialog, timeout_ms=WAIT)
    when_modal(look, kind=EntryDialog, timeout_ms=WAIT)
    recs.open_entry()
    qtbot.waitUntil(lambda: "entry" in seen, timeout=WAIT)
    assert seen["first"] == "委员沙龙：数字经济委员沙龙（2026-11-20）"  # the newest first
    assert seen["all"] > 17  # the demo's meetings and visits, and the free-standing kinds
    assert seen["shown"] == ["委员沙龙：数字经济委员沙龙（2026-11-20）"]
    title, source = seen["entry"]
    assert title == "录入意见建议 — 委员沙龙：数字经济委员沙龙（2026-11-20）"
    assert source.meeting_id == meeting_id and source.year == 2026  # its recommendations are of its year


def test_the_research_filters_list_the_most_recently_visited_first():
    from dataclasses import replace
    from datetime import date

    from models.services.research import VisitRow
    from ui.views.research_page import recent_first

    base = VisitRow(1, 1, "实地调研", date(2023, 1, 1), "", "", None, "", None, "", "", "", "", (), "", 0, 0)
    rows = [replace(base, id=1, visit_date=date(2023, 3, 1), meeting_id=7, meeting_title="甲：三月的会"),
            replace(base, id=2, visit_date=date(2024, 5, 1), meeting_id=9, meeting_title="乙：次年的会"),
            replace(base, id=3, visit_date=date(2023, 2, 1), meeting_id=7, meeting_title="甲：三月的会"),
            replace(base, id=4, visit_date=date(2024, 6, 1))]  # no meeting: not offered
    assert recent_first(rows, lambda v: (v.meeting_title, v.meeting_id)) == [("乙：次年的会", 9), ("甲：三月的会", 7)]
