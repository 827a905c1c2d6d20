"""The demo's 双月协商会 come seated at the 回字形 template (leaders at the head, nobody on leave or staff in a
seat), and the 样张 draw the 座次表 from that plan and print the 桌签 in seat order."""

import pytest
from sqlmodel import select

from models.demo.seating import fit_sides
from models.sample_documents import meeting_samples, sample_meeting
from models.seat_layouts import DEFAULT_LAYOUTS, LayoutKind
from models.seat_order import takes_a_seat
from models.services.meeting_queries import list_invitees
from models.services.seat_plans import get_seat_plan
from models.tables import Meeting

from .printing_fixtures import pdf_pages, pdf_size, squeeze

HOLLOW = next(spec for _name, spec in DEFAULT_LAYOUTS if spec.kind == LayoutKind.HOLLOW)


def test_every_bimonthly_meeting_is_seated_leaders_first(demo_database):
    with demo_database.session() as session:
        meetings = session.exec(select(Meeting).where(Meeting.title.like("%专题双月协商会"))).all()
        assert len(meetings) == 6  # four in 2023, two in 2022
        for meeting in meetings:
            plan = get_seat_plan(session, meeting.id)
            rows = {r.attendance_id: r for r in list_invitees(session, meeting.id)}
            takers = [r for r in rows.values() if takes_a_seat(r)]
            assert plan.layout.spec.kind == LayoutKind.HOLLOW and plan.issues == ()
            assert len(plan.occupant) == len(takers) <= plan.layout.spec.capacity
            assert sorted(plan.occupant) == list(range(1, len(takers) + 1))  # from seat 1 on, no gaps
            assert not any(r.seat_no for r in rows.values() if not takes_a_seat(r))  # 请假, 工作人员
            head = [rows[plan.occupant[n]] for n in range(1, 8)]
            assert head[0].role == "主持"
            ranked = [r for r in head[1:] if r.protocol_rank is not None]
            assert [r.protocol_rank for r in ranked] == sorted(r.protocol_rank for r in ranked)
            assert all(r.member_role in ("主席", "副主席", "秘书长") for r in ranked)
            assert all(plan.layout.seat(n).head for n in range(1, 8))


@pytest.mark.parametrize(("takers", "sides"), [(43, 12), (44, 12), (45, 13), (60, 20), (80, 20), (3, 1)])
def test_the_demo_sets_out_as_many_chairs_as_people(takers, sides):
    assert fit_sides(HOLLOW, takers).sides == sides


def test_sample_seat_chart_and_name_cards_follow_the_plan(qapp, demo_database, tmp_path):
    with demo_database.session() as session:
        meeting = sample_meeting(session)
        plan = get_seat_plan(session, meeting.id)
        names = {r.attendance_id: r.name for r in list_invitees(session, meeting.id)}
        samples = {s.file_name: s for s in meeting_samples(session, meeting)}
        for name in ("座次表.pdf", "桌签.pdf"):
            samples[name].write(tmp_path / name)
    chart = pdf_pages(tmp_path / "座次表.pdf")
    assert "回字形" in squeeze(chart[0]) and "会议桌" in squeeze(chart[0])
    assert pdf_size(tmp_path / "座次表.pdf") == pytest.approx((595.28, 841.89), abs=0.05)  # taller than wide
    assert f"座位安排（按座位号，共{len(plan.occupant)}人）" in squeeze(chart[1])
    cards = [squeeze(page) for page in pdf_pages(tmp_path / "桌签.pdf")]
    in_seat_order = [squeeze(names[plan.occupant[n]]) for n in sorted(plan.occupant)]
    assert [card[:len(name)] for card, name in zip(cards, in_seat_order, strict=True)] == in_seat_order
