"""Who sits where by protocol: the order of precedence (排序) of a meeting's invitees and the automatic
seating that follows it. Pure, no Qt, no database.

Precedence: first the role in the meeting — 主持, then 领导 and 特邀 (anyone given a 排序 number counts as
a leader, and so do the committee's 主席, 副主席 and 秘书长 whatever their role), 发言, 出席, 列席 —
then the 排序 number, then the committee role (主席 … 委员), then, if the office chose it, the 界别 in
the office's order, and last the official stroke order of the name. People on leave and 工作人员 take
no seat at the table.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from models.services.meeting_queries import InviteeRow
from models.vocab import AttendanceRole, InviteStatus, MemberRole

NO_RANK = 1_000_000
ROLE_GROUPS = {AttendanceRole.HOST: 0, AttendanceRole.SPECIAL: 1, AttendanceRole.SPEAKER: 2,
               AttendanceRole.ATTEND: 3, AttendanceRole.OBSERVE: 4}
LEADER_GROUP = 1
OTHER_GROUP = 5
MEMBER_ROLE_ORDER = {role.value: index for index, role in enumerate(MemberRole)}
OTHER_MEMBER_ROLE = len(MEMBER_ROLE_ORDER)
# the committee's leadership sits with the leaders even when invited as 出席 or 发言
LEADERSHIP = frozenset({MemberRole.CHAIR.value, MemberRole.VICE_CHAIR.value, MemberRole.SECRETARY_GENERAL.value})


_LEAVE, _STAFF = InviteStatus.LEAVE.value, AttendanceRole.STAFF.value  # plain str: compared 400 times a seating


def takes_a_seat(row: InviteeRow) -> bool:
    return row.invite_status != _LEAVE and row.role != _STAFF  # not on leave, not 工作人员


def protocol_key(row: InviteeRow, *, by_sector: bool = False, sector_order: Mapping[str, int] | None = None) -> tuple:
    rank = row.protocol_rank
    group = ROLE_GROUPS.get(row.role, OTHER_GROUP)
    if group > LEADER_GROUP and (rank is not None or row.member_role in LEADERSHIP):
        group = LEADER_GROUP
    sector = 0
    if by_sector:
        order = sector_order or {}
        sector = order.get(row.sector, len(order)) if row.sector else len(order) + 1  # no 界别: last
    return (group, NO_RANK if rank is None else rank, MEMBER_ROLE_ORDER.get(row.member_role, OTHER_MEMBER_ROLE),
            sector, row.sort_stroke, row.person_id)


def protocol_order(rows: Iterable[InviteeRow], *, by_sector: bool = False,
                   sector_order: Mapping[str, int] | None = None) -> list[InviteeRow]:
    if not by_sector:
        return sorted(rows, key=protocol_key)  # the key itself, no wrapper: seat_plan_400 counts each call
    return sorted(rows, key=lambda r: protocol_key(r, by_sector=True, sector_order=sector_order))


@dataclass(frozen=True)
class AutoSeating:
    occupant: dict[int, int]  # seat number → attendance_id
    unseated: tuple[int, ...]  # attendance ids that found no free seat, in protocol order


def auto_seat(seat_numbers: Sequence[int], invitees: Iterable[InviteeRow], *, locked: Mapping[int, int] | None = None,
              by_sector: bool = False, sector_order: Mapping[str, int] | None = None) -> AutoSeating:
    """Seat everyone who takes a seat: locked seats keep their person (while that person still takes a seat
    and the seat exists), the others go in protocol order to the free seats, lowest number first."""
    # takes_a_seat, written out: a call per person is a fifth of a 400-person seating (seat_plan_400)
    takers = {r.attendance_id: r for r in invitees if r.invite_status != _LEAVE and r.role != _STAFF}
    plain = isinstance(seat_numbers, range) and seat_numbers.step == 1  # RoomLayout.numbers: sorted, no repeats
    numbers = seat_numbers if plain else sorted(set(seat_numbers))
    occupant: dict[int, int] = {}
    kept: set[int] = set()
    if locked:
        valid = set(numbers)
        for seat, attendance_id in sorted(locked.items()):
            if seat in valid and attendance_id in takers and attendance_id not in kept:
                occupant[seat] = attendance_id
                kept.add(attendance_id)
    free = [n for n in numbers if n not in occupant] if occupant else numbers
    waiting = protocol_order([r for a, r in takers.items() if a not in kept] if kept else takers.values(),
                             by_sector=by_sector, sector_order=sector_order)
    occupant.update(zip(free, [r.attendance_id for r in waiting], strict=False))  # stops at the last free seat
    return AutoSeating(occupant=occupant, unseated=tuple(r.attendance_id for r in waiting[len(free):]))
