"""The whole job for one meeting, as an office would do it (issue “Done when”): create a 双月协商会,
invite all 常委, the 医药卫生 sector and three guests, record replies, print every sheet, check
everyone in from the keyboard and export the roster."""

import subprocess
from datetime import timedelta

import openpyxl
import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from models.changes import Area, Changes
from models.clock import now
from models.printing import SheetKind
from models.services import lookups
from models.services.invitees import invite_people, people_by_rule, record_reply
from models.services.meeting_queries import list_invitees
from models.services.people_list import PeopleFilter, load_people
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button, when_modal
from ui import documents
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.print_dialog import PrintDialog, sheet_printable
from ui.views.meetings_page import MeetingsPage
from ui.views.sign_in_window import SignInWindow


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def meeting_window(qtbot, demo_context, message_log):
    page = MeetingsPage(demo_context)
    qtbot.addWidget(page)

    def fill(dialog: MeetingDialog) -> None:
        dialog.form.title.setText("“推进老旧小区改造”专题双月协商会")
        dialog.form.starts_at.setDateTime(QDateTime((now() + timedelta(days=21)).replace(hour=14, minute=30)))
        dialog.form.venue.setText("区政协机关三楼会议室")
        click_button(dialog, "保存")

    when_modal(fill, kind=MeetingDialog)
    page.new_meeting()
    qtbot.waitUntil(lambda: len(page.windows) == 1, timeout=30000)
    (window,) = page.windows.values()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(window)
    context = demo_context
    meeting = window.meeting_id
    health = next(v.id for v in db_call(context, lookups.list_values, "sector") if v.name == "医药卫生")
    db_call(context, invite_people, meeting, db_call(context, people_by_rule, PeopleFilter(role="常委")))
    district_health = PeopleFilter(level="区", sector_id=health)
    db_call(context, invite_people, meeting, db_call(context, people_by_rule, district_health))
    experts = [r.id for r in db_call(context, load_people) if r.guest_category == "专家学者"][:3]
    db_call(context, invite_people, meeting, experts, "特邀")
    for index, row in enumerate(db_call(context, list_invitees, meeting)):
        if index % 10 == 3:
            db_call(context, record_reply, row.attendance_id, "请假", leave_reason="因公出差",
                    leave_approved_by="秘书长")
        else:
            db_call(context, record_reply, row.attendance_id, "已确认")
    context.notices.publish(Changes(frozenset({Area.ATTENDANCE}), {}))
    qtbot.waitUntil(lambda: len(window.invitees) >= 55, timeout=30000)
    settle(qtbot, context)
    return window


def print_dialog(qtbot, window, kind) -> PrintDialog:
    dialog = PrintDialog(window, kind, {"issuer": "区政协办公室", "even_left": True})
    qtbot.addWidget(dialog)
    return dialog


def save_pdf(qtbot, dialog: PrintDialog, target, monkeypatch) -> None:
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox)
    dialog.save_pdf()
    qtbot.waitUntil(lambda: "text" in done, timeout=30000)
    assert str(target) in done["text"]


def test_print_every_sheet_to_pdf(qtbot, meeting_window, tmp_path, monkeypatch):
    window = meeting_window
    names = [r.name for r in window.invitees]
    assert len(names) >= 55
    for kind in SheetKind:
        dialog = print_dialog(qtbot, window, kind)
        target = tmp_path / f"{kind.value}.pdf"
        save_pdf(qtbot, dialog, target, monkeypatch)
        assert pdf_pages(target) >= 1
        text = pdf_text(target)
        if kind in (SheetKind.SIGN_IN, SheetKind.ROSTER):
            listed = [n for n in names if n.replace("·", "") in text.replace(" ", "").replace("·", "")]
            assert len(listed) >= len(names) - 2  # everyone is on the sheet (names may be spaced)
    cards = tmp_path / "桌签.pdf"
    on_leave = sum(1 for r in window.invitees if r.on_leave)
    assert pdf_pages(cards) == len(names) - on_leave  # one 210×140 card each, leave excluded by default
    notice = pdf_text(tmp_path / "会议通知.pdf")
    assert "区政协机关三楼会议室" in notice and "执" in notice
    qtbot.waitUntil(lambda: bool(window.meeting.notice_text), timeout=30000)  # kept with the meeting


def test_the_issuer_typed_for_the_notice_is_kept_for_the_office(qtbot, meeting_window, demo_context, tmp_path,
                                                               monkeypatch):
    from models.services.app_settings import print_issuer

    dialog = print_dialog(qtbot, meeting_window, SheetKind.NOTICE)
    dialog.issuer.setText("东湖区政协办公室")
    save_pdf(qtbot, dialog, tmp_path / "会议通知.pdf", monkeypatch)
    settle(qtbot, demo_context)
    assert db_call(demo_context, print_issuer) == "东湖区政协办公室"
    assert "东湖区政协办公室" in pdf_text(tmp_path / "会议通知.pdf")


def test_sign_in_order_follows_the_stroke_rule(qtbot, meeting_window, tmp_path, monkeypatch):
    dialog = print_dialog(qtbot, meeting_window, SheetKind.SIGN_IN)
    target = tmp_path / "签到表.pdf"
    save_pdf(qtbot, dialog, target, monkeypatch)
    text = pdf_text(target).replace(" ", "")
    positions = [text.find(r.name) for r in meeting_window.invitees if r.name in text]
    assert positions == sorted(positions)


def test_printing_to_a_file_and_a_failing_printer(qtbot, meeting_window, demo_context, tmp_path, message_log):
    """"Print to file" goes through the whole-or-nothing PDF writer; a printer that cannot start says so."""
    dialog = print_dialog(qtbot, meeting_window, SheetKind.AGENDA)
    data, sheet = dialog.sheet_input(), sheet_printable(SheetKind.AGENDA)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    saved = when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox)  # "已保存到 …"
    documents._paint(dialog, demo_context, sheet, data, printer)
    qtbot.waitUntil(lambda: saved["handled"], timeout=30000)
    assert (tmp_path / "printed.pdf").exists()
    settle(qtbot, demo_context)
    assert pdf_pages(tmp_path / "printed.pdf") == 1 and message_log.texts("warn") == []
    broken = QPrinter(QPrinter.PrinterMode.HighResolution)
    broken.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    broken.setOutputFileName(str(tmp_path / "没有这个文件夹" / "x.pdf"))
    documents._paint(dialog, demo_context, sheet, data, broken)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    assert "无法保存文件" in message_log.texts("warn")[0] and not (tmp_path / "没有这个文件夹").exists()
    nowhere = QPrinter(QPrinter.PrinterMode.HighResolution)
    nowhere.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer with nowhere to print to
    documents._paint(dialog, demo_context, sheet, data, nowhere)
    assert any("无法开始打印" in text for text in message_log.texts("warn"))


def test_a_pdf_path_that_cannot_be_written(qtbot, meeting_window, tmp_path, monkeypatch, message_log):
    dialog = print_dialog(qtbot, meeting_window, SheetKind.ROSTER)
    target = tmp_path / "不存在的文件夹" / "名单.pdf"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_pdf()
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=30000)
    assert "名单.pdf" in message_log.texts("warn")[0] and not target.exists()


def test_check_everyone_in_and_export_the_roster(qtbot, meeting_window, demo_context, tmp_path, monkeypatch):
    window = meeting_window
    monkeypatch.setattr("models.clock.today", lambda: window.meeting.starts_at.date())  # the meeting's day
    sign_in = SignInWindow(demo_context, window.meeting, window.invitees)
    sign_in.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(sign_in)
    sign_in.show()
    expected = [r for r in window.invitees if not r.on_leave]
    for count, row in enumerate(expected, start=1):
        sign_in.input.insert(row.initials[0] if len([r for r in window.invitees
                                                     if row.initials[0] in r.initials]) == 1 else row.name)
        if sign_in.choices.count() > 1:  # same name or initials: pick the right one
            for index in range(sign_in.choices.count()):
                if sign_in.choices.item(index).data(Qt.ItemDataRole.UserRole).attendance_id == row.attendance_id:
                    sign_in.choices.setCurrentRow(index)
        qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda count=count: len(sign_in.signed_in()) == count, timeout=30000)
    settle(qtbot, demo_context)  # the meeting window, behind, follows without being asked
    assert all(r.checked_in for r in window.invitees if not r.on_leave)
    counts = window.counts()
    assert counts.present == len(expected) and f"实到 {len(expected)} 人" in sign_in.counts.text()

    target = tmp_path / "参会名单.xlsx"
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(ok=True), click_button(box, "关闭")), kind=QMessageBox)
    window.invitees_tab.export_roster()
    qtbot.waitUntil(lambda: "ok" in done, timeout=30000)
    sheet = openpyxl.load_workbook(target).active
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "序号")
    exported = [sheet.cell(r, 2).value for r in range(header_row + 1, sheet.max_row + 1)]
    assert exported == [r.name for r in window.invitees_tab.model.rows]


def test_printing_to_file_from_the_preview_writes_the_pdf_whole(qtbot, meeting_window, monkeypatch):
    """The preview lays the sheet out and paints it on the GUI thread; its "print to file" goes through the
    PDF writer, in the background (a half-written PDF never appears)."""
    painted = {}

    class FakePreview(QDialog):  # a dialog, opened as the app opens dialogs (fitted to the screen)
        def __init__(self, printer, parent):
            super().__init__(parent)
            self.printer = printer
            self.paintRequested = self

        def connect(self, slot):
            self.slot = slot

        def disconnect(self):
            pass

        def setWindowTitle(self, title):  # noqa: N802 - mimics Qt
            painted["title"] = title

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(painted["path"]))
            self.slot(self.printer)

    monkeypatch.setattr(documents, "QPrintPreviewDialog", FakePreview)
    dialog = print_dialog(qtbot, meeting_window, SheetKind.NAME_CARDS)
    painted["path"] = meeting_window.context.paths.data_dir / "preview.pdf"
    saved = when_modal(lambda box: click_button(box, "关闭"), kind=QMessageBox)
    dialog.preview()
    qtbot.waitUntil(lambda: saved["handled"], timeout=30000)
    assert painted["path"].exists()
    settle(qtbot, meeting_window.context)
    assert painted["title"] == "打印预览 — 桌签" and pdf_pages(painted["path"]) >= 50
