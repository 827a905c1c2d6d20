"""seat_plan_400: seating 400 invitees automatically — the room built (build_layout of 408 seats), every
protocol key computed, the seats filled (seat_order.auto_seat) — beside its limit, sorting the same 400 rows
by the same key tuple written out inline in one sorted() call. Part of `python -m tests.bench limits`.

Each round repeats the operation REPEAT times (one seating takes about a millisecond: a single call would
measure the timer). Both sides run with automatic cyclic GC off, as the app runs (ui/garbage.py collects on a
timer instead): otherwise whichever side happens to cross the allocation threshold pays for a collection of
the whole heap. The limit's order is checked against the seats every round: seat n holds the n-th person of
the sorted list, or the entry reports the difference and the run exits with status 1.
"""

import time
from dataclasses import replace

from tests.bench.limits import Entry

REPEAT = 50
PEOPLE = 400


def invitee_rows() -> list:
    """400 invitees as a 全会 has them: real stroke keys, every committee role, ranked 特邀, some on leave."""
    from models.sorting import stroke_key
    from tests.models.printing_fixtures import invitees

    rows = []
    member_roles = ("委员",) * 12 + ("常委",) * 3 + ("秘书长", "副主席", "主席")
    for index, row in enumerate(invitees(PEOPLE)):
        changes = {"sort_stroke": stroke_key(row.name)}
        if row.role == "列席" and index % 3:
            changes["role"] = "出席"
        if changes.get("role", row.role) in ("出席", "发言"):
            changes["member_role"] = member_roles[index % len(member_roles)]
        if row.role == "特邀":
            changes["protocol_rank"] = index % 5 + 1
        if index % 37 == 5:
            changes["invite_status"] = "请假"
        rows.append(replace(row, **changes))
    return rows


def seat_entries() -> dict[str, Entry]:
    from models.seat_layouts import LayoutKind, LayoutSpec, build_layout
    from models.seat_order import auto_seat
    from models.services.gc_pause import gc_paused
    from models.vocab import AttendanceRole, MemberRole

    rows = invitee_rows()
    spec = LayoutSpec(LayoutKind.PLATFORM, head=24, rows=32, per_row=12)  # 408 seats
    assert spec.capacity >= PEOPLE
    result: dict[str, object] = {}

    def project() -> float:
        with gc_paused():
            start = time.perf_counter()
            for _ in range(REPEAT):
                layout = build_layout(spec)
                seating = auto_seat(layout.numbers, rows)
            elapsed = (time.perf_counter() - start) * 1000
        result["occupant"] = seating.occupant
        return elapsed

    groups = {AttendanceRole.HOST: 0, AttendanceRole.SPECIAL: 1, AttendanceRole.SPEAKER: 2, AttendanceRole.ATTEND: 3,
              AttendanceRole.OBSERVE: 4}
    member_order = {role.value: index for index, role in enumerate(MemberRole)}
    problems: list[str] = []

    def limit() -> float:
        with gc_paused():
            start = time.perf_counter()
            for _ in range(REPEAT):
                ordered = sorted(
                    (r for r in rows if r.invite_status != "请假" and r.role != "工作人员"),
                    key=lambda r: (1 if r.protocol_rank is not None and groups.get(r.role, 5) > 1
                                   else groups.get(r.role, 5),
                                   1_000_000 if r.protocol_rank is None else r.protocol_rank,
                                   member_order.get(r.member_role, 5), 0, r.sort_stroke, r.person_id))
            elapsed = (time.perf_counter() - start) * 1000
        expected = {seat: row.attendance_id for seat, row in enumerate(ordered, start=1)}
        if result.get("occupant") is not None and result["occupant"] != expected and not problems:
            problems.append("auto_seat 的座次与按同样的键排序的结果不同")
        return elapsed

    entry = Entry(f"{PEOPLE} 人，{spec.capacity} 座（主席台+台下），每轮 {REPEAT} 次", project, limit)
    entry.problems = problems
    seated = sum(1 for r in rows if r.invite_status != "请假" and r.role != "工作人员")
    entry.notes.append(f"入座 {seated} 人（请假和工作人员不入座）")
    return {"seat_plan_400": entry}
