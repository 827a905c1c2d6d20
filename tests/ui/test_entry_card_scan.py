"""参会证 at the door, for real: printed from the 打印 dialog to PDF, rendered at 150 dpi, every QR decoded by
zbar, and the decoded text typed into 签到模式 as a USB scanner does (characters, then Enter)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from models.clock import now
from models.printing import SheetKind
from models.services.common import meeting_format_id
from models.services.invitees import invite_people, people_by_rule, record_reply
from models.services.meeting_queries import get_meeting, list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter
from tests.models.page_images import qr_codes
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.test_meeting_day import save_pdf
from ui.dialogs.print_dialog import PrintDialog
from ui.views.meetings_page import MeetingsPage
from ui.views.sign_in_window import SignInWindow


@pytest.fixture
def meetings(demo_context):
    """Two 双月协商会 a day apart with the same 12 常委 invited; one of them on leave in the first."""
    def make(session):
        fmt, people = meeting_format_id(session, "bimonthly"), people_by_rule(session, PeopleFilter(role="常委"))
        ids = []
        for days, title in ((14, "“推进老旧小区改造”专题双月协商会"), (15, "“优化营商环境”专题双月协商会")):
            starts = (now() + timedelta(days=days)).replace(hour=14, minute=30)
            ids.append(save_meeting(session, MeetingData(fmt, title, starts, venue="区政协机关三楼会议室")))
            invite_people(session, ids[-1], people[:12])
        record_reply(session, list_invitees(session, ids[0])[3].attendance_id, "请假", leave_reason="因公出差")
        return ids

    return demo_context.db.call_blocking(lambda ctx: make(ctx.session), database=demo_context.database)


def print_cards(qtbot, context, meeting_id, target, monkeypatch):
    page = MeetingsPage(context)
    qtbot.addWidget(page)
    window = page.open_meeting(meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes and deletes it
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(window.invitees) == 12, timeout=30000)
    menu = window.print_button.menu()
    assert "参会证…" in [a.text() for a in menu.actions()]  # offered in the meeting window's 打印 menu
    dialog = PrintDialog(window, SheetKind.ENTRY_CARDS, {"issuer": "区政协办公室", "even_left": True})
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    save_screenshot(dialog, "1366x700-print_dialog-entry_cards")
    save_pdf(qtbot, dialog, target, monkeypatch)  # the key read first, then the file written on the worker
    return window


def open_sign_in(qtbot, context, meeting_id) -> SignInWindow:
    window = SignInWindow(context, db_call(context, get_meeting, meeting_id),
                          db_call(context, list_invitees, meeting_id))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def scan(qtbot, sign_in: SignInWindow, code: str) -> None:
    qtbot.keyClicks(sign_in.input, code)  # a USB scanner is a keyboard: the characters, then Enter
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)


def test_cards_printed_and_scanned_check_people_in(qtbot, demo_context, meetings, tmp_path, monkeypatch,
                                                     message_log):
    first, second = meetings
    target = tmp_path / "参会证.pdf"
    print_cards(qtbot, demo_context, first, target, monkeypatch)
    rows = db_call(demo_context, list_invitees, first)
    carded = [r for r in rows if not r.on_leave]  # the dialog's default: those on leave get no card
    pages = qr_codes(target, "cards")
    codes = [code for page in pages for code in page]
    assert [len(p) for p in pages] == [8, 3] and len(set(codes)) == 11
    for code in codes:  # opaque: no name, phone or pinyin of anyone on the list
        assert code.isascii() and not any(r.mobile and r.mobile in code for r in rows)

    monkeypatch.setattr("models.clock.today", lambda: db_call(demo_context, get_meeting, first).starts_at.date())
    sign_in = open_sign_in(qtbot, demo_context, first)
    scan(qtbot, sign_in, codes[0])
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=30000)
    stored = {r.attendance_id: r for r in db_call(demo_context, list_invitees, first)}
    checked = [a for a, r in stored.items() if r.checked_in_at is not None]
    assert checked == [carded[0].attendance_id]  # the first card printed is the first name in stroke order
    assert carded[0].name in sign_in.result.text()
    save_screenshot(sign_in, "1366x700-sign_in_window-scanned")
    scan(qtbot, sign_in, codes[0])  # the same card again
    qtbot.waitUntil(lambda: "已于" in sign_in.result.text(), timeout=30000)
    for code in codes[1:]:
        scan(qtbot, sign_in, code)
    qtbot.waitUntil(lambda: len(sign_in.signed_in()) == 11, timeout=60000)
    settle(qtbot, demo_context)
    stored = db_call(demo_context, list_invitees, first)
    assert {r.attendance_id for r in stored if r.checked_in_at} == {r.attendance_id for r in carded}

    # a card of this meeting at the other meeting's door: refused in Chinese, nobody signed in there
    monkeypatch.setattr("models.clock.today", lambda: db_call(demo_context, get_meeting, second).starts_at.date())
    other = open_sign_in(qtbot, demo_context, second)
    scan(qtbot, other, codes[1])
    qtbot.waitUntil(lambda: "不能用于本会议签到" in other.result.text(), timeout=30000)
    assert other.result.text().startswith("这是“推进老旧小区改造”专题双月协商会的参会证") and other.input.text() == ""
    save_screenshot(other, "1366x700-sign_in_window-other_meeting_card")
    scan(qtbot, other, codes[1][:-2] + ("AA" if not codes[1].endswith("AA") else "BB"))  # misread or forged
    qtbot.waitUntil(lambda: "无效的入场码" in other.result.text(), timeout=30000)
    settle(qtbot, demo_context)
    assert not any(r.checked_in_at for r in db_call(demo_context, list_invitees, second))
