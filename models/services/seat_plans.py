"""座次: the office's room-layout templates, a meeting's seat plan as saved, and what has changed since.

The seats themselves are the invitees' seat_no (sign-in by seat, 桌签 and 座次表 all read it); the seat_plan
row keeps the layout (a snapshot: editing a template later does not move a past meeting), the locked seats
and who sat where when it was saved, so that a reply turned 请假, an invitation removed or a new invitee
shows up as an issue on the seat concerned instead of a silent reshuffle.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.changes import Area, writes
from models.errors import ConflictError, FieldErrors, ValidationError
from models.seat_layouts import DEFAULT_LAYOUTS, LayoutSpec, RoomLayout, build_layout
from models.seat_order import auto_seat, takes_a_seat
from models.services.app_settings import get_setting, set_setting
from models.services.common import get_row, optional_text, required_text
from models.services.lookups import list_values
from models.services.meeting_queries import InviteeRow, list_invitees
from models.settings import SEAT_LAYOUTS, SEAT_ORDER, SEAT_ORDERS, SEATING_EVEN_ONE_LEFT
from models.tables import Attendance, Meeting, SeatPlan
from models.vocab import AttendanceRole, MeetingStatus

TEMPLATE_NAME_MAX = 50  # seat_plan.template_name
CLOSED = (MeetingStatus.CANCELLED, MeetingStatus.ARCHIVED)

# SeatIssue.reason
ON_LEAVE = "请假"  # seated, now on leave
REMOVED = "已移出名单"  # the seat was taken when the plan was saved; that invitation is gone
NOW_STAFF = "改为工作人员"  # seated, now 工作人员
NOT_SEATED = "新增人员未安排座位"  # takes a seat and has none
OFF_PLAN = "座位号不在座次图内"  # a seat_no (typed in the invitee dialog) that is no seat of the layout
SHARED_SEAT = "座位号重复"  # two people with one seat number (typed by hand)


# -- preferences and templates ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeatingPreferences:
    by_sector: bool  # SEAT_ORDER is 界别
    sector_order: dict[str, int]  # 界别 name → its position in 参数设置
    even_one_left: bool  # SEATING_EVEN_ONE_LEFT


def seating_preferences(session: Session) -> SeatingPreferences:
    sectors = {value.name: index for index, value in enumerate(list_values(session, "sector"))}
    return SeatingPreferences(by_sector=get_setting(session, SEAT_ORDER) == "界别", sector_order=sectors,
                              even_one_left=bool(get_setting(session, SEATING_EVEN_ONE_LEFT)))


@writes(Area.SETTINGS)
def set_seat_order(session: Session, order: str) -> None:
    if order not in SEAT_ORDERS:
        raise ValidationError(f"同类人员的座次顺序应为{'或'.join(SEAT_ORDERS)}。", field="seat_order")
    set_setting(session, SEAT_ORDER, order)


def _stored_templates(session: Session) -> list[tuple[str, LayoutSpec]]:
    stored = get_setting(session, SEAT_LAYOUTS)
    if stored is None:
        return list(DEFAULT_LAYOUTS)
    templates = []
    for item in stored:
        try:
            name = str(item["name"])
            templates.append((name, LayoutSpec.from_dict({k: v for k, v in item.items() if k != "name"})))
        except (KeyError, TypeError, ValueError, ValidationError, AttributeError):
            continue  # a damaged entry must not stop the screen; the others still work
    return templates or list(DEFAULT_LAYOUTS)


def list_layout_templates(session: Session) -> list[tuple[str, LayoutSpec]]:
    """The office's templates, in its order. The odd/even rule is the office's (SEATING_EVEN_ONE_LEFT), not
    the template's: a template is the room; how seat 1 sits in an even row is a convention of the office."""
    rule = bool(get_setting(session, SEATING_EVEN_ONE_LEFT))
    return [(name, spec.with_rule(rule)) for name, spec in _stored_templates(session)]


def _store_templates(session: Session, templates: list[tuple[str, LayoutSpec]]) -> None:
    set_setting(session, SEAT_LAYOUTS, [{"name": name, **spec.to_dict()} for name, spec in templates])


@writes(Area.SETTINGS)
def save_layout_template(session: Session, name, spec: LayoutSpec) -> None:
    """Add a template, or replace the one of that name (in its place)."""
    errors = FieldErrors()
    name = errors.check(required_text, name, "模板名称", TEMPLATE_NAME_MAX, "name")
    errors.check(spec.check)
    errors.raise_if_any()
    templates = _stored_templates(session)
    names = [n for n, _s in templates]
    if name in names:
        templates[names.index(name)] = (name, spec)
    else:
        templates.append((name, spec))
    _store_templates(session, templates)


@writes(Area.SETTINGS)
def delete_layout_template(session: Session, name: str) -> None:
    """Meetings seated with it keep their layout (each plan holds its own copy)."""
    templates = _stored_templates(session)
    kept = [(n, s) for n, s in templates if n != name]
    if len(kept) == len(templates):
        raise ValidationError(f"没有名为“{name}”的座次模板（可能已被删除）。")
    if not kept:
        raise ValidationError("至少要保留一个座次模板。")
    _store_templates(session, kept)


# -- the plan and its issues --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SeatIssue:
    seat: int | None
    attendance_id: int | None
    name: str
    reason: str

    def text(self) -> str:
        return f"{self.seat} 号 {self.name}：{self.reason}" if self.seat else f"{self.name}：{self.reason}"


@dataclass(frozen=True)
class SeatPlanView:
    meeting_id: int
    version: int | None  # None: no plan saved yet
    layout: RoomLayout | None
    template_name: str
    occupant: dict[int, int]  # seat number → attendance_id (from the invitees' seat_no)
    locked: frozenset[int]
    issues: tuple[SeatIssue, ...]
    saved: dict[int, tuple[int, str]] = field(default_factory=dict)  # seat → (attendance_id, name) as saved


def _seat_number(seat_no: str) -> int | None:
    text = (seat_no or "").strip()
    return int(text) if text.isdigit() else None


def stored_occupant(layout: RoomLayout | None, invitees: Sequence[InviteeRow]) -> dict[int, int]:
    """Seat → attendance id from the invitees' seat_no: numbers of the layout (any number without one), the
    first of two people who share a number (the other is an issue)."""
    numbers = set(layout.numbers) if layout else None
    occupant: dict[int, int] = {}
    for row in invitees:
        number = _seat_number(row.seat_no)
        if number is not None and (numbers is None or number in numbers):
            occupant.setdefault(number, row.attendance_id)
    return occupant


def plan_issues(layout: RoomLayout | None, occupant: Mapping[int, int], invitees: Sequence[InviteeRow],
                saved: Mapping[int, tuple[int, str]]) -> tuple[SeatIssue, ...]:
    """What needs the user's eye in an arrangement (saved, or as edited in memory), by seat: who is seated but
    now on leave or staff, whose seat was taken at saving and whose invitation is gone, who takes a seat and
    has none (or a seat_no the layout does not have, or one someone else has too). No layout: nothing to say."""
    if layout is None:
        return ()
    by_id = {row.attendance_id: row for row in invitees}
    issues: list[SeatIssue] = []
    for seat, (attendance_id, name) in saved.items():
        if attendance_id not in by_id and occupant.get(seat) in (None, attendance_id):
            issues.append(SeatIssue(seat, attendance_id, name, REMOVED))
    saved_names = {attendance_id: name for attendance_id, name in saved.values()}
    seated = set()
    for seat, attendance_id in occupant.items():
        row = by_id.get(attendance_id)
        if row is None:  # placed in memory, then the invitation was removed (at its saved seat: said above)
            if saved.get(seat, (None, ""))[0] != attendance_id:
                issues.append(SeatIssue(seat, attendance_id, saved_names.get(attendance_id, ""), REMOVED))
            continue
        seated.add(attendance_id)
        if row.on_leave:
            issues.append(SeatIssue(seat, attendance_id, row.name, ON_LEAVE))
        elif row.role == AttendanceRole.STAFF:
            issues.append(SeatIssue(seat, attendance_id, row.name, NOW_STAFF))
    numbers = set(layout.numbers)
    for row in invitees:
        if row.attendance_id in seated or not takes_a_seat(row):
            continue
        number = _seat_number(row.seat_no)
        holder = by_id.get(occupant.get(number))
        if holder is not None and _seat_number(holder.seat_no) == number:
            reason = SHARED_SEAT  # typed by hand: the seat is someone else's too
        elif number not in numbers and row.seat_no.strip():
            reason = OFF_PLAN
        else:
            reason = NOT_SEATED
        issues.append(SeatIssue(number if reason == SHARED_SEAT else None, row.attendance_id, row.name, reason))
    return tuple(sorted(issues, key=lambda i: (i.seat is None, i.seat or 0, i.reason, i.name)))


def _plan_row(session: Session, meeting_id: int) -> SeatPlan | None:
    return session.exec(select(SeatPlan).where(SeatPlan.meeting_id == meeting_id)).first()


def _saved(plan: SeatPlan) -> dict[int, tuple[int, str]]:
    saved = {}
    for seat, value in json.loads(plan.seated or "{}").items():
        attendance_id, name = value if isinstance(value, list) else (value, "")
        saved[int(seat)] = (int(attendance_id), str(name))
    return saved


def get_seat_plan(session: Session, meeting_id: int) -> SeatPlanView:
    get_row(session, Meeting, meeting_id, "会议")
    invitees = list_invitees(session, meeting_id)
    plan = _plan_row(session, meeting_id)
    if plan is None:
        return SeatPlanView(meeting_id, None, None, "", stored_occupant(None, invitees), frozenset(), ())
    layout = build_layout(LayoutSpec.from_dict(json.loads(plan.layout)))
    occupant, saved = stored_occupant(layout, invitees), _saved(plan)
    return SeatPlanView(meeting_id, plan.version, layout, plan.template_name or "", occupant,
                        frozenset(int(n) for n in json.loads(plan.locked or "[]")),
                        plan_issues(layout, occupant, invitees, saved), saved)


def _open_meeting(session: Session, meeting_id: int, what: str) -> Meeting:
    meeting = get_row(session, Meeting, meeting_id, "会议")
    if meeting.status in CLOSED:
        raise ValidationError(f"会议状态为“{meeting.status}”，不能{what}。")
    return meeting


def _check_version(plan: SeatPlan | None, expected_version: int | None) -> None:
    """Optimistic both ways: None means "no plan yet" and fails if someone saved one meanwhile."""
    if (plan.version if plan else None) != expected_version:
        raise ConflictError()


def _refusals(layout: RoomLayout, occupant: Mapping[int, int], invitees: Sequence[InviteeRow]) -> None:
    by_id = {row.attendance_id: row for row in invitees}
    errors, seen = FieldErrors(), {}
    for seat, attendance_id in sorted(occupant.items()):
        row = by_id.get(attendance_id)
        if not isinstance(seat, int) or not 1 <= seat <= len(layout.seats):
            errors.add(f"座位 {seat} 不在座次图内（共 {len(layout.seats)} 座）。")
        if row is None:
            errors.add(f"{seat} 号座位上的人已不在本次会议的名单中，请重新打开座次后再保存。")
            continue
        if attendance_id in seen:
            errors.add(f"{row.name}被安排了两个座位（{seen[attendance_id]} 号和 {seat} 号）。")
        seen.setdefault(attendance_id, seat)
        if row.on_leave:
            errors.add(f"{row.name}已请假，不能安排座位。")
        elif row.role == AttendanceRole.STAFF:
            errors.add(f"{row.name}是工作人员，不安排在座次中。")
    errors.raise_if_any()


@writes(Area.ATTENDANCE)
def save_seat_plan(session: Session, meeting_id: int, *, spec: LayoutSpec, template_name, occupant: Mapping[int, int],
                   locked=(), expected_version: int | None) -> int:
    """Save the layout and the arrangement in one transaction: every invitee's seat_no becomes their seat
    number, or empty if not seated. Locked seats outside the layout are dropped. Returns the plan's version."""
    _open_meeting(session, meeting_id, "保存座次")
    plan = _plan_row(session, meeting_id)
    _check_version(plan, expected_version)
    layout = build_layout(spec)
    invitees = list_invitees(session, meeting_id)
    _refusals(layout, occupant, invitees)
    name = optional_text(template_name, "模板名称", TEMPLATE_NAME_MAX, "template_name")
    by_id = {row.attendance_id: row for row in invitees}
    if plan is None:
        plan = SeatPlan(meeting_id=meeting_id, layout="")
    plan.layout = json.dumps(spec.to_dict(), ensure_ascii=False)
    plan.template_name = name
    plan.locked = json.dumps(sorted({n for n in locked if n in set(layout.numbers)}))
    plan.seated = json.dumps({str(seat): [aid, by_id[aid].name] for seat, aid in sorted(occupant.items())},
                             ensure_ascii=False)
    session.add(plan)
    _write_seats(session, meeting_id, {aid: str(seat) for seat, aid in occupant.items()})
    session.flush()
    return plan.version


def _write_seats(session: Session, meeting_id: int, seat_of: Mapping[int, str]) -> None:
    for attendance in session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        seat = seat_of.get(attendance.id)
        if attendance.seat_no != seat:
            attendance.seat_no = seat
            session.add(attendance)


def copy_seat_plan(session: Session, from_meeting: int, to_meeting: int) -> None:
    """复制为新会议: the copy's invitees have the same seat numbers; give it the same layout and locks, and
    the saved arrangement in terms of its own invitations (by person)."""
    plan = _plan_row(session, from_meeting)
    if plan is None:
        return
    person_of = dict(session.exec(select(Attendance.id, Attendance.person_id)
                                  .where(Attendance.meeting_id == from_meeting)).all())
    new_id = {person: aid for aid, person in session.exec(select(Attendance.id, Attendance.person_id)
                                                          .where(Attendance.meeting_id == to_meeting)).all()}
    seated = {str(seat): [new_id[person_of[aid]], name] for seat, (aid, name) in _saved(plan).items()
              if person_of.get(aid) in new_id}
    session.add(SeatPlan(meeting_id=to_meeting, layout=plan.layout, template_name=plan.template_name,
                         locked=plan.locked, seated=json.dumps(seated, ensure_ascii=False)))
    session.flush()


@writes(Area.ATTENDANCE)
def clear_seat_plan(session: Session, meeting_id: int, expected_version: int | None) -> None:
    """Remove the plan and every seat number of the meeting's invitees."""
    _open_meeting(session, meeting_id, "清除座次")
    plan = _plan_row(session, meeting_id)
    _check_version(plan, expected_version)
    if plan is not None:
        session.delete(plan)
    _write_seats(session, meeting_id, {})
    session.flush()


@writes(Area.ATTENDANCE)
def seat_automatically(session: Session, meeting_id: int, spec: LayoutSpec, template_name: str = "") -> int:
    """Seat the whole list by protocol at `spec` and save it (the demo, and whoever wants it in one step):
    locked seats of an existing plan are kept. Returns the plan's version."""
    view = get_seat_plan(session, meeting_id)
    prefs = seating_preferences(session)
    layout = build_layout(spec)
    locked = {n: view.occupant[n] for n in view.locked if n in view.occupant}
    seating = auto_seat(list(layout.numbers), list_invitees(session, meeting_id), locked=locked,
                        by_sector=prefs.by_sector, sector_order=prefs.sector_order)
    return save_seat_plan(session, meeting_id, spec=spec, template_name=template_name, occupant=seating.occupant,
                          locked=view.locked, expected_version=view.version)
