"""入场码 without widgets: opaque, bound to one meeting and one database, refused elsewhere in Chinese."""

from datetime import datetime

import pytest

from models.errors import ValidationError
from models.services.common import meeting_format_id
from models.services.entry_codes import code_for, entry_codes, find_by_code, looks_like_code
from models.services.invitees import invite_people, people_by_rule
from models.services.meeting_queries import list_invitees
from models.services.meetings import MeetingData, save_meeting
from models.services.people_list import PeopleFilter


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


def test_a_code_before_any_card_was_printed_is_refused(demo_database):
    with demo_database.session() as session:
        a, _b = two_meetings(session)
        row = list_invitees(session, a)[0]
        with pytest.raises(ValidationError, match="还没有打印过参会证"):
            find_by_code(session, a, code_for("x", a, row.attendance_id))
