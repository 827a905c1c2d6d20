"""The demo's 双月协商会 are seated, as an office would before the day: at the office's 回字形 template, the
committee's leaders given their 排序 (主席, then the 副主席, then the 秘书长) so they sit at the head, everyone
else by protocol (services/seat_plans.seat_automatically), the sides as long as the meeting needs.
Deterministic: no random numbers are drawn."""

from dataclasses import replace
from math import ceil

from sqlmodel import Session, select

from models.demo.people import DemoPeople
from models.seat_layouts import LayoutKind, LayoutSpec
from models.seat_order import takes_a_seat
from models.services.meeting_queries import list_invitees
from models.services.seat_plans import list_layout_templates, seat_automatically
from models.tables import Attendance


def leader_ranks(people: DemoPeople) -> dict[int, int]:
    """person id → 排序 of the committee's leaders, 1 the most senior."""
    leaders = [people.chair, *people.vice_chairs, people.secretary_general]
    return {person_id: rank for rank, person_id in enumerate(leaders, start=1)}


def seat_meeting(session: Session, meeting_id: int, people: DemoPeople) -> int:
    """Rank the leaders invited to the meeting and seat it at the first 回字形 template; returns the plan's
    version."""
    ranks = leader_ranks(people)
    rows = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                 Attendance.person_id.in_(list(ranks)))).all()
    for row in rows:
        row.protocol_rank = ranks[row.person_id]
        session.add(row)
    session.flush()
    name, spec = next((n, s) for n, s in list_layout_templates(session) if s.kind == LayoutKind.HOLLOW)
    takers = sum(takes_a_seat(r) for r in list_invitees(session, meeting_id))
    fitted = fit_sides(spec, takers)
    return seat_automatically(session, meeting_id, fitted, name if fitted == spec else "")


def fit_sides(spec: LayoutSpec, takers: int) -> LayoutSpec:
    """The template with as many seats along the sides as the meeting needs (an office sets out no more
    chairs than people), never more than the template has."""
    needed = max(1, ceil((takers - spec.head - spec.foot) / 2))
    return replace(spec, sides=min(spec.sides, needed))
