"""Who sits where at the main table (主席台) when a meeting has no seat plan. Pure functions, no Qt.

Seats are numbered by precedence, 1 the most senior. Seen from the audience the sequence runs
…5 3 1 2 4…: seat 1 in the centre, 2 to the audience's right of 1, 3 to its left, and so on
(the person in seat 2 sits at the left hand of seat 1: "左为上" for those on the platform).
With an even count the centre is a pair of seats, 1 and 2:
  even_one_left=True  → seat 1 is the audience's left of the pair, then the odd rule continues:
                         odd numbers on the left half, even ones on the right: 6 → [5, 3, 1, 2, 4, 6]
  even_one_left=False → seat 1 is the audience's right of the pair: 6 → [6, 4, 2, 1, 3, 5]
"""

from dataclasses import dataclass

from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole

MAIN_ROLES = (AttendanceRole.HOST, AttendanceRole.ATTEND)
# Listed under the main-table drawing, in this order (staff are never listed).
BELOW_ROLES = (AttendanceRole.HOST, AttendanceRole.ATTEND, AttendanceRole.SPECIAL, AttendanceRole.OBSERVE,
               AttendanceRole.SPEAKER)


def centre_rule(count: int, even_one_left: bool = True) -> str:
    """Where seats 1, 2, 3 … of a row of `count` are, in words (the sheets' viewpoint note)."""
    if count % 2:
        return "1号居中，2号在1号右侧，3号在1号左侧，依次类推"
    if even_one_left:
        return "1号、2号居中，1号在左、2号在右，单号向左、双号向右依次类推"
    return "1号、2号居中，1号在右、2号在左，单号向右、双号向左依次类推"


def seat_number(text: str) -> int | None:
    """A seat_no the user typed ("3", "３", " 12 ") as a positive number, else None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None


def has_seats(invitees: list[InviteeRow]) -> bool:
    return any(seat_number(p.seat_no) for p in invitees)


def in_seat_order(invitees: list[InviteeRow]) -> list[InviteeRow]:
    """桌签 in the order they go on the tables: those with a stored seat number by number, then the others
    in the given order (the caller's stroke or pinyin order)."""
    numbered = sorted((p for p in invitees if seat_number(p.seat_no)), key=lambda p: seat_number(p.seat_no))
    return numbered + [p for p in invitees if not seat_number(p.seat_no)]


@dataclass(frozen=True)
class Seating:
    seats: list[InviteeRow | None]  # index 0 = seat 1; None = an empty seat
    below: list[tuple[str, list[InviteeRow]]]  # (role, people) listed under the drawing


def main_table(invitees: list[InviteeRow], main_seats: int | None = None) -> Seating:
    """Seat people at the main table.

    If anyone has a numeric seat_no, those numbers are used (first one wins a seat claimed twice) and
    the table has main_seats or as many seats as the highest number. Otherwise the host(s) take
    seat 1…, then 出席 in the given order, for main_seats or all of them.
    Everyone else (not staff) is listed below, by role, in the given order.
    """
    people = [p for p in invitees if p.role != AttendanceRole.STAFF]
    numbered = [(seat_number(p.seat_no), p) for p in people if seat_number(p.seat_no)]
    seated_ids: set[int] = set()
    if numbered:
        count = main_seats if main_seats is not None else max(n for n, _ in numbered)
        seats: list[InviteeRow | None] = [None] * max(count, 0)
        for number, person in numbered:
            if number <= len(seats) and seats[number - 1] is None:
                seats[number - 1] = person
                seated_ids.add(person.attendance_id)
    else:
        hosts = [p for p in people if p.role == AttendanceRole.HOST]
        attending = [p for p in people if p.role == AttendanceRole.ATTEND]
        candidates = hosts + attending
        count = main_seats if main_seats is not None else len(candidates)
        seats = list(candidates[:max(count, 0)])
        seats += [None] * (max(count, 0) - len(seats))
        seated_ids = {p.attendance_id for p in seats if p is not None}
    below = []
    for role in BELOW_ROLES:
        rest = [p for p in people if p.role == role and p.attendance_id not in seated_ids]
        if rest:
            below.append((role.value, rest))
    others = [p for p in people if p.role not in BELOW_ROLES and p.attendance_id not in seated_ids]
    if others:
        below.append(("其他", others))
    return Seating(seats=seats, below=below)
