"""入场码 without widgets: opaque, bound to one meeting and one database, refused elsewhere in Chinese."""

from dataclasses import replace
from datetime import datetime

import pytest

from models.errors import DomainError, ValidationError
from models.migrate import open_database
from models.printing import SheetInput, SheetKind, SheetOptions, render_pdf
from models.services.app_settings import get_setting, set_setting
from models.services.common import meeting_format_id
from models.services.entry_codes import (
    NO_SECRET_FOR_VIEWER,
    code_for,
    entry_codes,
    entry_secret,
    find_by_code,
    looks_like_code,
    stored_entry_secret,
)
from models.services.invitees import invite_people, people_by_rule
from models.services.meeting_queries import get_meeting, list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter
from models.settings import ENTRY_CODE_SECRET
from tests.models.page_images import qr_codes
from tests.models.printing_fixtures import pdf_pages, sheet_input


def two_meetings(session) -> tuple[int, int]:
    fmt = meeting_format_id(session, "bimonthly")
    a = save_meeting(session, MeetingData(fmt, "甲会议", datetime(2026, 12, 15, 14, 30)))
    b = save_meeting(session, MeetingData(fmt, "乙会议", datetime(2026, 12, 16, 9, 0)))
    people = people_by_rule(session, PeopleFilter(role="常委"))[:4]
    invite_people(session, a, people)
    invite_people(session, b, people)
    return a, b


def test_a_code_finds_its_invitee_and_is_refused_at_another_meeting(demo_database):
    with demo_database.session() as session:
        a, b = two_meetings(session)
        codes_a, codes_b = entry_codes(session, a), entry_codes(session, b)
        rows = list_invitees(session, a)
        for row in rows:
            code = codes_a[row.attendance_id]
            assert find_by_code(session, a, code) == row.attendance_id
            assert find_by_code(session, a, " " + code.lower() + "\n") == row.attendance_id  # Caps Lock, Enter
            with pytest.raises(ValidationError, match="这是“甲会议”的参会证，不能用于本会议签到"):
                find_by_code(session, b, code)
        assert set(codes_a.values()).isdisjoint(codes_b.values())  # the same people, other codes
        forged = codes_a[rows[0].attendance_id][:-1] + ("A" if codes_a[rows[0].attendance_id][-1] != "A" else "B")
        with pytest.raises(ValidationError, match="无效的入场码"):
            find_by_code(session, a, forged)
        with pytest.raises(ValidationError, match="无法识别的入场码"):
            find_by_code(session, a, "CD1-abc")
        # another database's secret makes other codes: a card printed elsewhere is not accepted here
        other = code_for("another database", a, rows[0].attendance_id)
        with pytest.raises(ValidationError, match="无效的入场码"):
            find_by_code(session, a, other)


def test_a_code_carries_no_personal_data(demo_database):
    with demo_database.session() as session:
        a, _b = two_meetings(session)
        codes = entry_codes(session, a)
        rows = list_invitees(session, a)
    for row in rows:
        code = codes[row.attendance_id]
        assert looks_like_code(code) and code.isascii()
        for secret in (row.name, row.mobile, row.office_phone, row.sort_pinyin, *row.initials):
            for part in filter(None, (secret or "").replace(" ", "").split(",")):
                if len(part) >= 3:
                    assert part.lower() not in code.lower()
        assert str(row.attendance_id) not in code.split("-")[2]
    assert len(set(codes.values())) == len(codes)


def test_a_code_in_a_database_without_a_key_is_refused(demo_database):
    """Every editor's opening makes the key (below); a database without one (made before, never opened by an
    editor since) refuses a code in Chinese."""
    with demo_database.session() as session:
        set_setting(session, ENTRY_CODE_SECRET, "")
        a, _b = two_meetings(session)
        row = list_invitees(session, a)[0]
        with pytest.raises(ValidationError, match="还没有打印过参会证"):
            find_by_code(session, a, code_for("x", a, row.attendance_id))


def test_printed_cards_decode_to_codes_the_door_accepts(qapp, demo_database, tmp_path):
    """参会证 as printed: the PDF at 150 dpi, read by zbar, each QR names its own invitee, eight per page."""
    with demo_database.session() as session:
        a, b = two_meetings(session)
        meeting, rows = get_meeting(session, a), list_invitees(session, a)
        secret = entry_secret(session)
    data = SheetInput(meeting, rows, [], SheetOptions(entry_secret=secret))
    target = tmp_path / "参会证.pdf"
    assert render_pdf(SheetKind.ENTRY_CARDS, data, target) == 1
    decoded = qr_codes(target, "cards")
    assert len(decoded) == 1 and len(decoded[0]) == len(rows)
    text = "".join(pdf_pages(target)).replace(" ", "")
    with demo_database.session() as session:
        found = [find_by_code(session, a, code) for code in decoded[0]]
        with pytest.raises(ValidationError, match="甲会议"):
            find_by_code(session, b, decoded[0][0])
    assert found == [r.attendance_id for r in rows]  # in print order, one card each
    assert all(r.name.replace(" ", "") in text for r in rows) and "参会证" in text


def test_cards_fill_pages_of_eight_and_refuse_without_a_key(qapp, tmp_path):
    people = sheet_input(17).invitees
    people[0] = replace(people[0], seat_no="12")
    assert render_pdf(SheetKind.ENTRY_CARDS, sheet_input(people=people), tmp_path / "a.pdf") == 3
    first = pdf_pages(tmp_path / "a.pdf")[0].replace(" ", "")
    assert first.count("座位：") == 1 and "座位：12号" in first  # the seat when one is stored
    with pytest.raises(DomainError, match="无法生成入场码"):
        render_pdf(SheetKind.ENTRY_CARDS, sheet_input(3, entry_secret=""), tmp_path / "b.pdf")
    with pytest.raises(DomainError, match="没有要打印参会证的人员"):
        render_pdf(SheetKind.ENTRY_CARDS, sheet_input(people=[]), tmp_path / "c.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_every_editing_open_makes_the_key_so_a_viewer_finds_it_in_new_and_existing_databases(database_url):
    """A view-only account may not write, so it cannot make the key when it prints 参会证: opening by an editor
    makes it — a new database at once, an existing one without a key (from before) at its next opening — and
    keeps it (printed cards stay valid)."""
    database = open_database(database_url).database
    try:
        with database.session() as session:
            made = stored_entry_secret(session)
            assert len(made) == 64 and entry_secret(session) == made
            set_setting(session, ENTRY_CODE_SECRET, "")  # as a database from before this version
        with database.session() as session, pytest.raises(DomainError) as raised:
            stored_entry_secret(session)
        assert raised.value.message == NO_SECRET_FOR_VIEWER and "编辑人员" in raised.value.message
    finally:
        database.dispose()
    database = open_database(database_url).database  # the next editor's opening
    try:
        with database.session() as session:
            again = get_setting(session, ENTRY_CODE_SECRET)
        assert again and again != made
    finally:
        database.dispose()
    database = open_database(database_url).database
    try:
        with database.session() as session:
            assert get_setting(session, ENTRY_CODE_SECRET) == again  # kept, not made anew
    finally:
        database.dispose()


def test_the_key_is_logged_as_set_but_never_written_into_the_audit_log(database):
    """操作日志 is readable by every account: it says the key was made, not what it is."""
    from sqlmodel import select

    from models.audit import SECRET_SHOWN
    from models.tables import AuditEntry

    with database.session() as session:
        secret = stored_entry_secret(session)
        set_setting(session, ENTRY_CODE_SECRET, "")
        entry_secret(session)  # made again
        again = stored_entry_secret(session)
        logged = [a.changes or "" for a in session.exec(select(AuditEntry).where(AuditEntry.entity == "app_setting"))]
    assert any("entry_code_secret" in text and SECRET_SHOWN in text for text in logged)
    assert not any(secret in text or again in text for text in logged)
