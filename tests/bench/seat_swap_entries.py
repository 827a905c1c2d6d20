"""seat_swap_400: dragging one name onto another seat in the 座次 tab with 420 seats on screen — the tab's drop
(the undo step, the two seats' new cells) and the repaint that follows — beside its limit, a bare
QGraphicsView of the same 420 seats (a box and a number each) where two seats' texts are exchanged and the
view repaints. Part of `python -m tests.bench limits`; the figure is per swap (one frame is 16.7 ms).

Each round makes SWAPS swaps on each side, the whole room in view (the most the map ever paints).
"""

import time
from dataclasses import fields

from tests.bench.limits import Entry

SWAPS = 40
PEOPLE = 400


def seat_swap_entries() -> dict[str, Entry]:
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QMainWindow

    app = QApplication.instance() or QApplication([])
    from models.seat_layouts import LayoutKind, LayoutSpec, build_layout
    from models.seat_order import auto_seat
    from models.services.meeting_queries import InviteeRow
    from models.services.seat_plans import SeatingPreferences, SeatPlanView
    from ui.views.seat_plan_tab import SeatPlanTab
    from ui.widgets.seat_map import UNIT, seat_payload

    blank = {f.name: "" for f in fields(InviteeRow)}
    blank.update(version=1, checked_in_at=None, speech_order=None, walk_in=False, initials=(), protocol_rank=None,
                 role="出席", invite_status="已确认", member_role="委员")
    rows = [InviteeRow(**{**blank, "attendance_id": i, "person_id": i, "name": f"张{chr(0x4e00 + i)}明",
                          "sort_stroke": f"{i:05d}"}) for i in range(1, PEOPLE + 1)]

    from PySide6.QtCore import QObject, Signal

    class Context(QObject):  # what the tab asks of the app: no database (the tab is given its plan)
        database_switched = Signal()
        read_only = False

    class Owner:  # what the tab reads of its meeting window
        invitees, meeting_id, context, meeting = rows, 1, Context(), None

    spec = LayoutSpec(LayoutKind.PLATFORM, head=20, rows=20, per_row=20)
    layout = build_layout(spec)
    window = QMainWindow()
    tab = SeatPlanTab(Owner())
    window.setCentralWidget(tab)
    window.resize(1366, 768)
    window.show()
    tab._loaded((SeatPlanView(1, 1, layout, "大会堂", auto_seat(layout.numbers, rows).occupant, frozenset(), ()),
                 [("大会堂", spec)], SeatingPreferences(False, {}, True)))
    tab.map.fit(whole=True)

    bare = QGraphicsView()
    scene = QGraphicsScene(bare)
    bare.setScene(scene)
    texts = []
    for seat in layout.seats:
        scene.addRect(seat.x * UNIT - 37, seat.y * UNIT - 31, 74, 62)
        text = QGraphicsSimpleTextItem(rows[seat.number - 1].name if seat.number <= PEOPLE else "")
        text.setPos(seat.x * UNIT - 30, seat.y * UNIT - 10)
        scene.addItem(text)
        texts.append(text)
    bare.resize(tab.map.size())
    bare.show()
    bare.fitInView(scene.sceneRect())
    app.processEvents()
    pairs = [(30 + k, 250 + k) for k in range(SWAPS)]

    def project() -> float:
        start = time.perf_counter()
        for a, b in pairs:
            tab.drop(seat_payload(a), b)
            app.processEvents()  # the repaint of what changed
        return (time.perf_counter() - start) * 1000 / SWAPS

    def limit() -> float:
        start = time.perf_counter()
        for a, b in pairs:
            first, second = texts[a - 1], texts[b - 1]
            name = first.text()
            first.setText(second.text())
            second.setText(name)
            app.processEvents()
        return (time.perf_counter() - start) * 1000 / SWAPS

    entry = Entry(f"{len(layout.seats)} 座、{PEOPLE} 人（主席台+台下 20 排），每次对调", project, limit)
    entry.notes.append("每次的毫秒数；一帧为 16.7 毫秒")
    entry.keep = (window, bare)  # alive for the rounds
    return {"seat_swap_400": entry}
