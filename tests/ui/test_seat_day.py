"""Issue 14's day, on paper: a 双月协商会 of 59 on the demo, seated automatically at the office's 回字形 template
(two members swapped), then printed from the 打印 dialog — the 座次表 with every name inside its seat's box, the
桌签 one card per seat in seat order, the 参会证 with the seat — and checked in at the door by a card's QR code
decoded from the PDF, by seat number and by name. The person on leave has no seat and no card."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models.clock import now
from models.printing import SheetKind
from models.printing.output import build
from models.seat_layouts import LayoutKind
from models.seat_order import auto_seat
from models.services.common import meeting_format_id
from models.services.invitees import invite_people, record_reply, update_invitee
from models.services.meeting_queries import get_meeting, list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import load_people
from models.services.seat_plans import get_seat_plan, list_layout_templates, save_seat_plan
from tests.models.page_images import png_pages, qr_codes
from tests.models.printing_fixtures import pdf_pages, pdf_words, squeeze
from tests.models.test_seat_plan_sheet import words_in
from tests.ui.conftest import db_call
from tests.ui.test_entry_card_scan import open_sign_in, scan
from tests.ui.test_meeting_day import save_pdf
from ui.dialogs.print_dialog import SEAT, PrintDialog, print_settings
from ui.views.meetings_page import MeetingsPage

LEADER_TITLES = ("主席", "副主席", "秘书长")


def build_meeting(session) -> tuple[int, int]:
    """The meeting of 59: (meeting id, the attendance id of the member on leave)."""
    people = load_people(session)
    by_role = lambda role: [p.id for p in people if p.role == role]  # noqa: E731
    guests = lambda category: [p.id for p in people if p.guest_category == category]  # noqa: E731
    chair, vices, secretary = by_role("主席")[0], by_role("副主席"), by_role("秘书长")[0]
    standing, members = by_role("常委"), by_role("委员")
    starts = (now() + timedelta(days=14)).replace(hour=14, minute=30, second=0, microsecond=0)
    title = "“推进老旧小区改造”专题双月协商会"
    meeting = save_meeting(session, MeetingData(meeting_format_id(session, "bimonthly"), title, starts,
                                                venue="区政协机关三楼会议室"))
    invite_people(session, meeting, vices[:1], "主持")
    invite_people(session, meeting, [chair, *vices[1:], secretary], "出席")
    invite_people(session, meeting, guests("领导")[:3], "特邀")
    invite_people(session, meeting, standing[:5], "发言")
    invite_people(session, meeting, standing[5:40] + members[:3], "出席")
    invite_people(session, meeting, guests("部门负责人")[:4], "列席")
    invite_people(session, meeting, guests("工作人员")[:2], "工作人员")
    rows = list_invitees(session, meeting)
    assert len(rows) == 59
    ranks = {pid: rank for rank, pid in enumerate([chair, *vices[1:], secretary], start=1)}
    for row in rows:
        if row.person_id in ranks:  # 排序 of the committee's leaders, as typed in the invitee dialog
            update_invitee(session, row.attendance_id, role=row.role, protocol_rank=ranks[row.person_id])
        record_reply(session, row.attendance_id, "已确认")
    on_leave = next(r for r in rows if r.person_id == standing[20])
    record_reply(session, on_leave.attendance_id, "请假", leave_reason="因公出差")
    return meeting, on_leave.attendance_id


def seat_it(session, meeting_id: int) -> dict[int, int]:
    """自动排座 at the 回字形 template, two 出席 members swapped (as dragged), 保存座次: seat → attendance id."""
    name, spec = next((n, s) for n, s in list_layout_templates(session) if s.kind == LayoutKind.HOLLOW)
    view = get_seat_plan(session, meeting_id)
    rows = list_invitees(session, meeting_id)
    occupant = dict(auto_seat(range(1, spec.capacity + 1), rows).occupant)
    occupant[20], occupant[21] = occupant[21], occupant[20]
    save_seat_plan(session, meeting_id, spec=spec, template_name=name, occupant=occupant, locked=(),
                   expected_version=view.version)
    return occupant


@pytest.fixture
def seated(demo_context):
    def make(session):
        meeting, on_leave = build_meeting(session)
        return meeting, on_leave, seat_it(session, meeting)

    return demo_context.db.call_blocking(lambda ctx: make(ctx.session), database=demo_context.database)


def meeting_window(qtbot, context, meeting_id):
    page = MeetingsPage(context)
    qtbot.addWidget(page)
    window = page.open_meeting(meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(window.invitees) == 59, timeout=60000)
    return window


def print_sheet(qtbot, window, kind, target, monkeypatch) -> PrintDialog:
    settings = db_call(window.context, print_settings, kind, window.meeting_id)  # what open_print_dialog reads
    dialog = PrintDialog(window, kind, settings)
    qtbot.addWidget(dialog)
    save_pdf(qtbot, dialog, target, monkeypatch)
    return dialog


def test_seated_printed_and_checked_in(qtbot, demo_context, seated, tmp_path, monkeypatch, message_log):
    meeting_id, on_leave, occupant = seated
    rows = {r.attendance_id: r for r in db_call(demo_context, list_invitees, meeting_id)}
    seat_of = {a: n for n, a in occupant.items()}
    # stored on the invitees; the leaders at the head: 主持, then the ranked leaders, then 特邀
    assert {a: r.seat_no for a, r in rows.items() if r.seat_no} == {a: str(n) for a, n in seat_of.items()}
    assert rows[on_leave].seat_no == "" and on_leave not in seat_of
    assert not any(r.seat_no for r in rows.values() if r.role == "工作人员")
    assert len(occupant) == 59 - 1 - 2
    head = [rows[occupant[n]] for n in range(1, 11)]
    assert [r.role for r in head] == ["主持"] + ["出席"] * 6 + ["特邀"] * 3
    assert [r.member_role for r in head[1:7]] == ["主席", "副主席", "副主席", "副主席", "副主席", "秘书长"]
    plan = db_call(demo_context, get_seat_plan, meeting_id)
    assert all(plan.layout.seat(n).head for n in range(1, 11)) and plan.issues == ()

    window = meeting_window(qtbot, demo_context, meeting_id)
    # 座次表: each name inside its own seat's box (read back from the PDF), then the list in seat order
    chart = tmp_path / "座次表.pdf"
    dialog = print_sheet(qtbot, window, SheetKind.SEATING, chart, monkeypatch)
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("按本会议的座次图打印（回字形" in text for text in notes)  # the main-table options do not apply
    boxes = build(SheetKind.SEATING, dialog.sheet_input()).seats
    words = pdf_words(chart)[0]
    for number, attendance_id in occupant.items():
        assert words_in(boxes[number], words) == f"{number}{rows[attendance_id].name}", number
    pages = pdf_pages(chart)
    assert rows[on_leave].name not in squeeze("".join(pages))
    assert "回字形" in squeeze(pages[0]) and "座位安排（按座位号，共56人）" in squeeze(pages[1])
    png_pages(chart, "seat_day-座次表")

    # 桌签: one card per seat, in seat order (the dialog's default once seats are stored)
    cards = tmp_path / "桌签.pdf"
    dialog = PrintDialog(window, SheetKind.NAME_CARDS, db_call(demo_context, print_settings, SheetKind.NAME_CARDS,
                                                              meeting_id))
    qtbot.addWidget(dialog)
    assert dialog.order.value() == SEAT
    save_pdf(qtbot, dialog, cards, monkeypatch)
    printed = [squeeze(page) for page in pdf_pages(cards)]
    expected = [squeeze(rows[occupant[n]].name) for n in sorted(occupant)]
    assert [page[:len(name)] for page, name in zip(printed, expected, strict=True)] == expected

    # 参会证 with the seat; the QR decoded from the printed PDF checks that person in
    entry = tmp_path / "参会证.pdf"
    print_sheet(qtbot, window, SheetKind.ENTRY_CARDS, entry, monkeypatch)
    first = squeeze(pdf_pages(entry)[0])
    carded = sorted((r for r in rows.values() if r.seat_no), key=lambda r: (r.sort_stroke, r.person_id))
    assert f"座位：{carded[0].seat_no}号" in first
    codes = [code for page in qr_codes(entry, "entry") for code in page]
    assert len(codes) == 56

    starts = db_call(demo_context, get_meeting, meeting_id).starts_at
    monkeypatch.setattr("models.clock.today", lambda: starts.date())
    sign_in = open_sign_in(qtbot, demo_context, meeting_id)
    scan(qtbot, sign_in, codes[0])
    qtbot.waitUntil(lambda: "签到成功" in sign_in.result.text(), timeout=60000)
    assert carded[0].name in sign_in.result.text() and f"座位 {carded[0].seat_no} 号" in sign_in.result.text()
    by_seat = rows[occupant[21]]  # one of the swapped two, by the number on the 座次表
    scan(qtbot, sign_in, "21")
    qtbot.waitUntil(lambda: by_seat.name in sign_in.result.text(), timeout=60000)
    by_name = rows[occupant[5]]
    sign_in.input.insert(by_name.name)  # what the input method commits
    qtbot.keyClick(sign_in.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: by_name.name in sign_in.result.text() and "签到成功" in sign_in.result.text(),
                    timeout=60000)
    qtbot.waitUntil(lambda: len(sign_in.signed_in()) == 3, timeout=60000)
    checked = {r.attendance_id for r in db_call(demo_context, list_invitees, meeting_id) if r.checked_in_at}
    assert checked == {carded[0].attendance_id, by_seat.attendance_id, by_name.attendance_id}
