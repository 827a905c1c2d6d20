"""操作日志 and 修改记录 on screen: the window from the 工具 menu filters by operator and shows an entry's fields,
follows change notices and exports its list; an edit dialog's 修改记录… shows old → new; a view-only account
opens both without writing anything."""

import openpyxl
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton

from models.services.people import PersonData, create_person, get_person, save_person
from tests.audit_operators import last_entry_id, relabel_since
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import when_modal
from tests.ui.test_read_only_account import viewer  # noqa: F401 - the fixture
from ui import window_fit
from ui.dialogs.membership_dialog import MembershipDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.record_history_dialog import RecordHistoryDialog
from ui.main_window import MainWindow
from ui.operations import run_command
from ui.views.audit_log_window import AuditLogWindow

WAIT = 30000


def _as(operator, context, work, *args):
    before = db_call(context, last_entry_id)
    result = db_call(context, work, *args)
    db_call(context, relabel_since, before, operator)
    return result


def _person_edited(context) -> int:
    """王芳 entered by 联络室小王, her mobile changed by 研究室老李."""
    person_id = _as("联络室小王", context, create_person, PersonData(name="王芳", mobile="13900000001"))

    def edit(session):
        data = get_person(session, person_id)
        data.mobile = "13900000002"
        save_person(session, data)

    _as("研究室老李", context, edit)
    return person_id


def _open_log(qtbot, context) -> AuditLogWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, context)
    assert window.audit_log_action.isEnabled() and window.audit_log_action.shortcut().toString() == "Ctrl+L"
    window.audit_log_action.trigger()
    log = window.findChild(AuditLogWindow)
    assert log is not None and log.isVisible()
    settle(qtbot, context)
    return log


def test_the_log_from_the_menu_filters_by_operator_and_shows_an_entrys_fields(qtbot, context, monkeypatch,
                                                                               tmp_path):
    monkeypatch.setattr(window_fit, "available_area", lambda _widget: QRect(0, 0, 1366, 700))
    _person_edited(context)
    log = _open_log(qtbot, context)
    assert {"联络室小王", "研究室老李"} <= {log.operator.itemText(i) for i in range(log.operator.count())}
    log.operator.setCurrentIndex(log.operator.findData("研究室老李"))  # the user's pick: currentIndexChanged
    settle(qtbot, context)
    rows = log.browser.rows()
    assert rows and {r.operator for r in rows} == {"研究室老李"}
    log.browser.table.selectRow(0)
    detail = log.browser.detail.toPlainText()
    assert "研究室老李 修改了人员“王芳”" in detail and "手机：13900000001 → 13900000002" in detail
    assert log.width() <= 1366 and log.height() <= 700
    save_screenshot(log, "1366x700-操作日志")

    # a change saved meanwhile shows without any refresh by hand (its change notice)
    log.operator.setCurrentIndex(0)
    settle(qtbot, context)
    run_command(context, None, lambda s: create_person(s, PersonData(name="赵新")))
    qtbot.waitUntil(lambda: any(r.title == "赵新" for r in log.browser.rows()), timeout=WAIT)

    # the filtered list to Excel
    log.kind.setCurrentIndex(log.kind.findData("person"))
    settle(qtbot, context)
    target = tmp_path / "操作日志.xlsx"
    monkeypatch.setattr("ui.views.audit_log_window.ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr("ui.views.audit_log_window.show_saved", lambda *_a: None)
    log.export_button.click()
    settle(qtbot, context)
    sheet = openpyxl.load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert values[0] == ["时间", "操作人", "操作", "类别", "记录", "改动"]
    assert all(row[3] == "人员" for row in values[1:]) and len(values) - 1 == len(log.browser.rows())
    assert any("手机：13900000001 → 13900000002" in (row[5] or "") for row in values[1:])


def _twelve_people_five_a_page(qtbot, context, monkeypatch) -> AuditLogWindow:
    """The log of twelve new people, filtered to 人员, read five entries a page."""
    from models.services import audit_log

    monkeypatch.setattr(audit_log, "PAGE_SIZE", 5)
    for number in range(12):
        db_call(context, create_person, PersonData(name=f"委员{number:02d}"))
    log = _open_log(qtbot, context)
    log.kind.setCurrentIndex(log.kind.findData("person"))
    settle(qtbot, context)
    return log


def test_a_long_log_arrives_a_page_at_a_time_as_the_list_is_scrolled(qtbot, context, monkeypatch):
    log = _twelve_people_five_a_page(qtbot, context, monkeypatch)
    log.browser.table.resize(600, 120)
    for _page in range(4):
        log.browser.table.scrollToBottom()
        if log.browser.model.canFetchMore():
            log.browser.model.fetchMore()
        settle(qtbot, context)
    titles = [r.title for r in log.browser.rows()]
    assert len(titles) == 12 == len(set(titles)) and not log.browser.model.more
    assert log.browser.count_label.text() == "共 12 条"


def test_a_notice_keeps_the_entries_already_scrolled_to(qtbot, context, monkeypatch):
    """Someone reading the third page when another PC saves: the new entry comes in on top and the older ones
    stay (it used to drop back to the first page, under the reader's eyes)."""
    log = _twelve_people_five_a_page(qtbot, context, monkeypatch)
    while log.browser.model.canFetchMore():
        log.browser.model.fetchMore()
        settle(qtbot, context)
    assert len(log.browser.rows()) == 12
    log.browser.table.selectRow(11)
    oldest = log.browser.selected().title
    run_command(context, None, lambda s: create_person(s, PersonData(name="赵新")))
    qtbot.waitUntil(lambda: log.browser.rows()[0].title == "赵新", timeout=WAIT)
    settle(qtbot, context)
    assert [r.title for r in log.browser.rows()] == ["赵新"] + [f"委员{n:02d}" for n in range(11, -1, -1)]
    assert log.browser.selected().title == oldest and log.browser.count_label.text() == "共 13 条"


def test_history_from_the_person_dialog_shows_old_and_new(qtbot, context):
    person_id = _person_edited(context)
    new = PersonDialog(context, None, {})
    qtbot.addWidget(new)
    assert new.findChild(QPushButton, "historyButton") is None  # a record not saved yet has no history
    dialog = PersonDialog(context, db_call(context, get_person, person_id), {})
    qtbot.addWidget(dialog)
    dialog.show()
    seen = {}

    def look(history: RecordHistoryDialog) -> None:
        qtbot.waitUntil(lambda: len(history.browser.rows()) >= 2, timeout=WAIT)
        settle(qtbot, context)
        history.browser.table.selectRow(0)
        seen["detail"] = history.browser.detail.toPlainText()
        seen["title"] = history.windowTitle()
        seen["actions"] = [r.action for r in history.browser.rows()]
        history.reject()

    answered = when_modal(look, kind=RecordHistoryDialog)
    dialog.findChild(QPushButton, "historyButton").click()
    qtbot.waitUntil(lambda: answered["handled"], timeout=WAIT)
    assert seen["title"] == "修改记录 — 王芳" and seen["actions"] == ["修改", "新增"]
    assert "手机：13900000001 → 13900000002" in seen["detail"]
    assert dialog.isVisible() and not dialog.has_unsaved_edits()  # the button is not an edit of the form


def test_a_membership_dialog_finds_the_context_of_the_person_dialog_it_was_opened_from(qtbot, context):
    from models.services.people import MembershipData

    person_id = db_call(context, create_person, PersonData(name="钱进", memberships=[MembershipData()]))
    data = db_call(context, get_person, person_id)
    person = PersonDialog(context, data, {})
    qtbot.addWidget(person)
    membership = MembershipDialog(data.memberships[0], {"sector": [], "committee": [], "liaison_group": []},
                                  [], person)
    seen = {}

    def look(history: RecordHistoryDialog) -> None:
        qtbot.waitUntil(lambda: len(history.browser.rows()) >= 1, timeout=WAIT)
        seen["kinds"] = {r.kind for r in history.browser.rows()}
        history.reject()

    answered = when_modal(look, kind=RecordHistoryDialog)
    membership.findChild(QPushButton, "historyButton").click()
    qtbot.waitUntil(lambda: answered["handled"], timeout=WAIT)
    assert seen["kinds"] == {"职务（委员身份）"}


def test_a_view_only_account_opens_the_log_and_a_records_history(qtbot, viewer):  # noqa: F811 - the fixture
    """A SELECT-only role on a real server (tests/ui/test_read_only_account.py): reading the log needs no write,
    so the menu item and the 修改记录… button stay on."""
    context, _meeting, _url = viewer
    log = _open_log(qtbot, context)
    people = {r.title: r.entity_id for r in log.browser.rows() if r.entity == "person"}
    assert {"王建国", "李秀英", "张伟"} <= set(people)
    dialog = PersonDialog(context, db_call(context, get_person, people["张伟"]), {})
    qtbot.addWidget(dialog)
    button = dialog.findChild(QPushButton, "historyButton")
    assert button.isEnabled()
    seen = {}

    def look(history: RecordHistoryDialog) -> None:
        qtbot.waitUntil(lambda: len(history.browser.rows()) >= 1, timeout=WAIT)
        seen["actions"] = [r.action for r in history.browser.rows()]
        history.reject()

    answered = when_modal(look, kind=RecordHistoryDialog)
    button.click()
    qtbot.waitUntil(lambda: answered["handled"], timeout=WAIT)
    assert seen["actions"] == ["新增"]


def test_a_further_page_asked_for_during_a_reload_never_mixes_into_the_new_list(qtbot, context, monkeypatch):
    from models.services import audit_log

    monkeypatch.setattr(audit_log, "PAGE_SIZE", 3)
    from models.services.people import create_organization

    for number in range(8):
        db_call(context, create_person, PersonData(name=f"委员{number:02d}"))
    for number in range(3):  # the newest: the unfiltered first page is these three
        db_call(context, create_organization, f"单位{number}")
    log = _open_log(qtbot, context)
    model = log.browser.model
    assert model.canFetchMore()
    log.kind.setCurrentIndex(log.kind.findData("person"))  # a filter: its first page is being read …
    model.fetchMore()  # … when the view, scrolled to the end, asks for more of the list still shown
    assert not model.canFetchMore()  # nothing more is asked for until the new first page is shown
    settle(qtbot, context)
    # the view asks for further pages of the new list itself until it is full: each person once, in order
    assert [r.title for r in log.browser.rows()] == [f"委员{n:02d}" for n in range(7, -1, -1)]


def _history_opened_by(qtbot, button) -> list:
    """Click `button`; the (table, id) of the 修改记录 it opened (closed again at once)."""
    opened = []
    when_modal(lambda history: (opened.append((history.entity, history.record_id)), history.reject()),
               kind=RecordHistoryDialog)
    button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    return opened


def _first_id(session, table):
    from sqlmodel import select

    return session.exec(select(table.id).order_by(table.id)).first()


def test_every_edit_dialog_of_an_existing_record_offers_its_history(qtbot, demo_context):
    """The dialogs the issue names: each says its record (table and id); the history opened is that record's."""
    from models.services.people_list import load_people
    from models.services.plans import list_plan
    from models.services.recommendation_entry import Source
    from models.services.recommendation_queries import list_bulletins, list_recommendations
    from models.tables import FieldVisit, Topic
    from ui.dialogs.bulletin_dialog import BulletinDialog
    from ui.dialogs.plan_item_dialog import PlanItemDialog, plan_item_dialog_data
    from ui.dialogs.recommendation_dialog import RecommendationDialog, load_recommendation_form
    from ui.dialogs.topic_dialogs import TopicDialog, topic_dialog_data
    from ui.dialogs.visit_dialog import VisitDialog, load_visit_form

    context = demo_context
    person = db_call(context, get_person, db_call(context, load_people)[0].id)
    rec = db_call(context, list_recommendations, year=2023)[0]
    source = Source(rec.year, rec.source_kind, rec.meeting_id, rec.field_visit_id)
    topic_id, visit_id = db_call(context, _first_id, Topic), db_call(context, _first_id, FieldVisit)
    bulletin = db_call(context, list_bulletins, 2023)[0]
    plan = db_call(context, list_plan, 2023)[0]
    made = {
        ("person", person.id): lambda: PersonDialog(context, person, {}),
        ("membership", person.memberships[0].id): lambda: MembershipDialog(
            person.memberships[0], {"sector": [], "committee": [], "liaison_group": []}, [],
            PersonDialog(context, person, {})),
        ("recommendation", rec.id): lambda: RecommendationDialog(
            context, source, db_call(context, load_recommendation_form, source, rec.id)),
        ("topic", topic_id): lambda: TopicDialog(context, db_call(context, topic_dialog_data, topic_id), 2023),
        ("field_visit", visit_id): lambda: VisitDialog(
            context, db_call(context, load_visit_form, visit_id, context.paths.attachments_dir)),
        ("bulletin", bulletin.id): lambda: BulletinDialog(context, 2023, [], bulletin),
        ("plan_item", plan.id): lambda: PlanItemDialog(context, 2023, db_call(context, plan_item_dialog_data, 2023),
                                                        plan),
    }
    for (entity, record_id), make in made.items():
        dialog = make()
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "historyButton")
        assert button is not None, entity
        opened = _history_opened_by(qtbot, button)
        assert opened == [(entity, record_id)]
        settle(qtbot, context)
