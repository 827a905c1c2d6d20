"""List pages read again only the rows a notice names, and never lose one when notices come quickly; what
they show beside the rows (the year choices, counts of other records) follows too."""

import threading
from datetime import datetime

from models.changes import Area, Changes
from models.services.meetings import clone_meeting
from models.services.recommendations import add_recommendation
from models.tables import Meeting
from models.vocab import RecommendationSource
from tests.ui.conftest import db_call, settle
from ui.operations import run_command
from ui.row_refresh import RowRefresh, changed_ids, merged
from ui.watch import AreaWatch


def shown_page(qtbot, context, page_class):
    page = page_class(context)
    qtbot.addWidget(page)
    page.show()
    settle(qtbot, context)
    return page


def rename(session, meeting_id: int, title: str) -> None:
    meeting = session.get(Meeting, meeting_id)
    meeting.title = title
    session.add(meeting)


def meetings_notice(*ids: int) -> Changes:
    return Changes(frozenset({Area.MEETINGS}), {Area.MEETINGS: frozenset(ids)})


def test_two_quick_notices_both_reach_the_meetings_list(qtbot, demo_context):
    from ui.views.meetings_page import MeetingsPage

    page = shown_page(qtbot, demo_context, MeetingsPage)
    first, second = page.all_rows[0].id, page.all_rows[1].id
    db_call(demo_context, rename, first, "改名一")
    db_call(demo_context, rename, second, "改名二")
    gate = threading.Event()
    demo_context.db.submit(lambda _ctx: gate.wait(30), deliver=lambda _outcome: None)  # the worker is busy
    demo_context.notices.publish(meetings_notice(first))
    qtbot.waitUntil(lambda: demo_context.db.pending >= 2, timeout=30000)  # the first reload waits
    demo_context.notices.publish(meetings_notice(second))  # … and is replaced by this one
    qtbot.waitUntil(lambda: not AreaWatch.any_scheduled(), timeout=30000)
    assert demo_context.db.pending == 3  # the busy job and both reloads: the first one will be skipped
    gate.set()
    settle(qtbot, demo_context)
    titles = {m.id: m.title for m in page.all_rows}
    assert (titles[first], titles[second]) == ("改名一", "改名二")


def test_a_meeting_cloned_into_a_new_year_adds_the_year_to_the_filter(qtbot, demo_context):
    from ui.views.meetings_page import MeetingsPage

    page = shown_page(qtbot, demo_context, MeetingsPage)
    meeting_id = page.all_rows[0].id
    run_command(demo_context, page, lambda s: clone_meeting(s, meeting_id, starts_at=datetime(2031, 5, 1, 9)))
    settle(qtbot, demo_context)
    assert 2031 in [page.year.itemData(i) for i in range(page.year.count())]


def test_the_research_log_counts_a_new_recommendation_of_a_visit(qtbot, demo_context):
    from ui.views.research_page import ResearchPage

    page = shown_page(qtbot, demo_context, ResearchPage)
    visit = page.rows[0]
    run_command(demo_context, None, lambda s: add_recommendation(
        s, title="完善调研成果转化机制", content="建议……", year=visit.visit_date.year,
        source_kind=RecommendationSource.VISIT.value, field_visit_id=visit.id))
    settle(qtbot, demo_context)
    assert next(r for r in page.rows if r.id == visit.id).recommendations == visit.recommendations + 1


def test_row_refresh_forgets_a_wish_only_with_the_newest_answer():
    refresh = RowRefresh()
    assert refresh.want({1})[0] is None  # nothing loaded yet: the whole list
    _, whole = refresh.want({2})
    refresh.answered(whole, whole=True)
    wanted, older = refresh.want({3})
    assert wanted == {3}
    wanted, _newer = refresh.want({4})
    assert wanted == {3, 4}  # the older query may have been replaced: ask for both
    refresh.answered(older, whole=False)
    assert refresh.want(set())[0] == {3, 4}  # the newest answer has not come
    _, newest = refresh.want(set())
    refresh.answered(newest, whole=False)
    assert refresh.want({5})[0] == {5}
    assert refresh.want(None)[0] is None


def test_changed_ids_and_merged():
    notice = Changes(frozenset({Area.PEOPLE, Area.MEMBERSHIPS}),
                     {Area.PEOPLE: frozenset({1}), Area.MEMBERSHIPS: frozenset({2})})
    assert changed_ids(notice, (Area.PEOPLE, Area.MEMBERSHIPS)) == {1, 2}
    assert changed_ids(notice, (Area.PEOPLE,), limit=0) is None
    assert changed_ids(notice, (Area.PEOPLE,), full=(Area.MEMBERSHIPS,)) is None
    assert changed_ids(Changes(frozenset({Area.PEOPLE}), {}), (Area.PEOPLE,)) is None  # ids unknown
    assert changed_ids(Changes.all(), (Area.PEOPLE,)) is None

    class Row:
        def __init__(self, id, name):
            self.id, self.name = id, name

    rows = [Row(1, "甲"), Row(2, "乙"), Row(3, "丙")]
    after = merged(rows, [2, 3, 4], [Row(2, "乙改"), Row(4, "丁")])
    assert [(r.id, r.name) for r in after] == [(1, "甲"), (2, "乙改"), (4, "丁")]  # 3 was deleted
