"""At 1366×700 (a laptop's screen less its taskbar) every page, top-level window and dialog fits the screen,
on the demo district; with CONSULTDESK_SCREENSHOTS set each is saved as "1366x700-…" for people to look at.

The offscreen screen of the tests is 1600×1000 and cannot be changed while Qt runs, so the free area the
windows are cut to (ui/window_fit.available_area) is the laptop's here. Dialogs are opened the way the
buttons open them; their exec() is replaced by "show, check, save a picture, close"."""

import re

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from models.printing import SheetKind
from models.services.recommendation_sources import entry_sources
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui import window_fit

SCREEN = QRect(0, 0, 1366, 700)
WAIT = 30000
# Qt's own combos (QInputDialog's) leave the longest choice up to 4 px short of its advance; the last
# glyph's side bearing absorbs that. A cut character is a whole glyph (about 14 px).
CUT_TOLERANCE = 4


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(window_fit, "available_area", lambda _widget: QRect(SCREEN))
    return SCREEN


def fits(window: QWidget) -> list[str]:
    """What is wrong with `window` on the small screen: larger than its free area, or unable to shrink to it."""
    room = QSize(SCREEN.width() - window_fit.FRAME_ALLOWANCE.width(),
                 SCREEN.height() - window_fit.FRAME_ALLOWANCE.height())
    problems = []
    if not window.isFullScreen() and (window.width() > room.width() or window.height() > room.height()):
        problems.append(f"{window.width()}×{window.height()}")
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    if needed.width() > room.width() or needed.height() > room.height():
        problems.append(f"needs at least {needed.width()}×{needed.height()}")
    return [f"{window.windowTitle() or type(window).__name__}: {p}" for p in problems]


def looks(window: QWidget) -> list[str]:
    """Labels cut off on `window` as shown: a combo narrower than its longest choice, a button whose menu
    arrow has no room beside its text."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QStyle, QStyleOptionComboBox, QToolButton

    # A combo that has just got its choices has asked for a new layout; on a loaded machine that request
    # may still be queued (a 300 px 会议 filter for a 325 px title, once): lay out first, then look.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    problems = []
    from ui.widgets.combos import TitleCombo

    for combo in window.findChildren(QComboBox):
        if not combo.isVisible() or combo.isEditable() or combo.count() == 0:
            continue
        if isinstance(combo, TitleCombo):  # cut on purpose past its width: the whole title is in the tips
            untipped = [combo.itemText(i) for i in range(combo.count())
                        if combo.itemData(i, Qt.ItemDataRole.ToolTipRole) != combo.itemText(i)]
            if untipped or (combo.currentIndex() > 0 and combo.currentText() not in combo.toolTip()):
                problems.append(f"TitleCombo without the whole title in its tips: {untipped or combo.currentText()}")
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo).width()
        longest = max(range(combo.count()), key=lambda i: combo.fontMetrics().horizontalAdvance(combo.itemText(i)))
        if combo.fontMetrics().horizontalAdvance(combo.itemText(longest)) > field + CUT_TOLERANCE:
            width = combo.fontMetrics().horizontalAdvance(combo.itemText(longest))
            problems.append(f"{type(combo).__name__} cuts “{combo.itemText(longest)}” ({field}px for {width}px)")
    for button in [*window.findChildren(QToolButton), *window.findChildren(QPushButton)]:
        if not button.isVisible() or button.menu() is None:
            continue
        style = button.style()
        needed = (button.fontMetrics().horizontalAdvance(button.text())
                  + style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
                  + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button))
        if min(button.width(), button.sizeHint().width()) < needed:
            problems.append(f"menu button “{button.text()}” {button.width()}px, text and arrow need {needed}px")
    problems += _untipped(window)
    return [f"{window.windowTitle() or type(window).__name__}: {p}" for p in problems]


def _untipped(window: QWidget) -> list[str]:
    """Tables, trees and lists whose cells, when too narrow, would not show their whole text."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView

    from ui.widgets.cut_tips import CutTextTips

    problems = []
    for view in window.findChildren(QAbstractItemView):
        if (not view.isVisible() or view.model() is None or isinstance(view, QHeaderView)
                or isinstance(view.itemDelegate(), CutTextTips)):
            continue
        model, top = view.model(), QModelIndex()
        columns = 1 if isinstance(view, QListView) else model.columnCount(top)
        cells = (model.index(r, c) for r in range(min(model.rowCount(top), 20)) for c in range(columns))
        untipped = next((i for i in cells if isinstance(i.data(), str) and i.data()
                         and not i.data(Qt.ItemDataRole.ToolTipRole)), None)
        if untipped is not None:
            problems.append(f"{type(view).__name__} cell “{untipped.data()}” without a tooltip")
    return problems


def picture_name(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    return "1366x700-" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class Dialogs:
    """Stands in for QDialog.exec: shows the dialog, checks that it fits, saves its picture, runs what the
    test wants done inside it (open a dialog from it), and answers 取消."""

    def __init__(self, qtbot, context):
        self.qtbot, self.context = qtbot, context
        self.seen: dict[str, QDialog] = {}
        self.problems: list[str] = []
        self.inside: dict[str, object] = {}
        self.picture: str | None = None  # the name of the next picture, if not the dialog's own

    def exec(self, dialog: QDialog) -> int:
        dialog.show()
        self.qtbot.waitExposed(dialog)
        settle(self.qtbot, self.context)
        name = picture_name(dialog)
        self.seen[name] = dialog
        self.problems += fits(dialog) + looks(dialog)
        save_screenshot(dialog, self.picture or name)
        self.picture = None
        then = self.inside.pop(type(dialog).__name__, None)
        if then is not None:
            then(dialog)
        dialog.hide()
        return QDialog.DialogCode.Rejected

    def open(self, start, name: str, picture: str | None = None) -> None:
        self.seen.pop(name, None)
        self.picture = picture
        start()
        self.qtbot.waitUntil(lambda: name in self.seen, timeout=WAIT)
        settle(self.qtbot, self.context)


@pytest.fixture
def dialogs(qtbot, monkeypatch, demo_launcher, small_screen):
    recorder = Dialogs(qtbot, demo_launcher.context)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: recorder.exec(dialog))
    return recorder


@pytest.fixture
def app_look(qapp):
    """The style sheet, font and translations the app starts with (ui/app.py)."""
    from ui.app import create_application

    create_application()
    return qapp


def every_tab(qtbot, dialog, name: str) -> None:
    """A picture of each tab of `dialog` ("name-1", "name-2"…)."""
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        save_screenshot(dialog, f"{name}-{index + 1}")


def pick_row(table, row: int = 0, *, also: int | None = None) -> None:
    table.clearSelection()
    table.selectRow(row)
    if also is not None:
        from PySide6.QtCore import QItemSelectionModel

        model = table.model()
        table.selectionModel().select(model.index(also, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)


def test_main_window_and_every_page_fit(qtbot, app_look, small_screen, demo_launcher):
    window = demo_launcher.window
    problems = fits(window)
    for spec_row in range(window.navigation.count()):
        window.navigation.setCurrentRow(spec_row)
        settle(qtbot, window.context)
        page = window.stack.currentWidget()
        problems += fits(window)
        key = window.current_page_key()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
                settle(qtbot, window.context)
                problems += fits(window)
            problems += looks(window)
            save_screenshot(window, f"1366x700-main_window-{key}" + (f"-{index + 1}" if tabs is not None else ""))
    assert problems == [], "\n".join(problems)


def test_audit_log_window_fits(qtbot, app_look, small_screen, demo_launcher):
    from ui.views.audit_log_window import AuditLogWindow

    window = demo_launcher.window
    window.audit_log_action.trigger()
    log = window.findChild(AuditLogWindow)
    qtbot.waitExposed(log)
    settle(qtbot, window.context)
    log.browser.table.selectRow(0)
    problems = fits(log) + looks(log)
    save_screenshot(log, "1366x700-audit_log_window")
    log.close()
    assert problems == [], "\n".join(problems)


def test_meeting_window_sign_in_window_and_print_preview_fit(qtbot, app_look, dialogs, demo_launcher, monkeypatch):
    window = demo_launcher.window
    window.show_page("meetings")
    page = window.page("meetings")
    settle(qtbot, window.context)
    meeting = page.open_meeting(page.all_rows[0].id)
    qtbot.addWidget(meeting)
    qtbot.waitExposed(meeting)
    settle(qtbot, window.context)
    problems = fits(meeting)
    for index in range(meeting.tabs.count()):
        meeting.tabs.setCurrentIndex(index)
        settle(qtbot, window.context)
        problems += fits(meeting) + looks(meeting)
        save_screenshot(meeting, f"1366x700-meeting_window-{index + 1}")

    # every sheet's 打印 dialog, and the preview of the tallest
    for kind in SheetKind:
        dialogs.open(lambda kind=kind: meeting.print_sheet(kind.value), f"1366x700-print_dialog-{kind.name.lower()}")
    dialogs.inside["PrintDialog"] = lambda dialog: dialog.preview()
    dialogs.open(lambda: meeting.print_sheet(SheetKind.SIGN_IN.value), "1366x700-q_print_preview_dialog")

    # the dialogs of the meeting's tabs
    dialogs.open(meeting.agenda_tab.add, "1366x700-agenda_item_dialog")
    invitees = meeting.invitees_tab
    dialogs.open(invitees.add_people, "1366x700-person_picker_dialog")
    dialogs.open(invitees.add_by_rule, "1366x700-invite_rule_dialog")
    pick_row(invitees.table)
    dialogs.open(invitees.edit, "1366x700-invitee_dialog")
    from models.vocab import InviteStatus

    dialogs.open(lambda: invitees.bulk_status(InviteStatus.LEAVE), "1366x700-leave_dialog")
    from models.exports.invitees_xlsx import export_reply_sheet
    from ui import meeting_excel

    sheet = export_reply_sheet(meeting.meeting, meeting.invitees, window.context.paths.data_dir / "回执.xlsx")
    monkeypatch.setattr(meeting_excel, "ask_open_path", lambda *_a, **_k: sheet)
    dialogs.open(invitees.import_replies, "1366x700-import_preview_dialog")

    pick_row(meeting.speeches_tab.table)
    dialogs.open(meeting.speeches_tab.edit_title, "1366x700-q_dialog", "1366x700-speech_title_dialog")

    dialogs.open(meeting.record_from_paper, "1366x700-paper_attendance_dialog")
    dialogs.open(meeting.info_tab.show_history, "1366x700-record_history_dialog")
    dialogs.open(meeting.seat_tab.adjust_layout, "1366x700-seat_layout_dialog")
    monkeypatch.setattr("models.clock.today", lambda: meeting.meeting.starts_at.date())  # the meeting's day
    meeting.open_sign_in()
    sign_in = meeting.sign_in
    qtbot.waitExposed(sign_in)
    settle(qtbot, window.context)
    problems += fits(sign_in) + looks(sign_in)  # full screen: whatever the screen, as long as it can be that small
    sign_in.showNormal()
    sign_in.resize(SCREEN.size())
    settle(qtbot, window.context)
    save_screenshot(sign_in, "1366x700-sign_in_window")
    dialogs.open(sign_in.walk_in, "1366x700-walk_in_dialog")
    sign_in.close()
    assert problems + dialogs.problems == [], "\n".join(problems + dialogs.problems)


def test_every_dialog_fits(qtbot, app_look, dialogs, demo_launcher):
    from ui.dialogs.entry_dialog import open_entry_dialog
    from ui.dialogs.lookup_settings import open_lookup_settings

    window = demo_launcher.window
    context = window.context

    window.show_page("members")
    members = window.page("members")
    settle(qtbot, context)
    dialogs.open(members.actions.add, "1366x700-person_dialog")
    pick_row(members.table)
    dialogs.inside["PersonDialog"] = lambda dialog: dialog.add_membership()
    dialogs.open(members.actions.edit, "1366x700-membership_dialog")
    dialogs.open(members.actions.show_visits, "1366x700-member_visits_dialog")
    pick_row(members.table, 0, also=1)
    dialogs.open(members.actions.merge, "1366x700-merge_people_dialog")
    from ui.dialogs import exec_dialog
    from ui.dialogs.import_people_dialog import ImportPeopleDialog

    dialogs.open(lambda: exec_dialog(ImportPeopleDialog(context, members)), "1366x700-import_people_dialog")

    def every_tab_then_add(dialog) -> None:
        every_tab(qtbot, dialog, "1366x700-lookup_settings_dialog")
        dialog.tabs.setCurrentIndex(0)
        dialog.tabs.widget(0).add()

    dialogs.inside["LookupSettingsDialog"] = every_tab_then_add
    dialogs.open(lambda: open_lookup_settings(context, window), "1366x700-lookup_value_dialog")
    dialogs.open(lambda: window.about_action.trigger(), "1366x700-about_dialog")
    dialogs.open(lambda: window.operator_action.trigger(), "1366x700-operator_dialog")
    dialogs.open(lambda: window.connect_action.trigger(), "1366x700-server_dialog")
    from ui.dialogs.password_dialog import PasswordDialog

    dialogs.open(lambda: exec_dialog(PasswordDialog("办公室数据库 consultdesk@192.168.1.10", "zhangsan", "", window)),
                 "1366x700-password_dialog")

    window.show_page("meetings")
    settle(qtbot, context)
    dialogs.open(window.page("meetings").new_meeting, "1366x700-meeting_dialog")

    window.show_page("topics")
    topics = window.page("topics")
    settle(qtbot, context)
    pool = topics.pool_tab
    dialogs.open(pool.add, "1366x700-topic_dialog")
    pick_row(pool.table)
    dialogs.open(pool.change_status, "1366x700-topic_status_dialog")
    dialogs.open(pool.history, "1366x700-topic_history_dialog")
    dialogs.open(pool.score, "1366x700-score_grid_dialog")
    topics.show_plan()
    settle(qtbot, context)
    dialogs.open(topics.plan_tab.add, "1366x700-plan_item_dialog")

    window.show_page("research")
    research = window.page("research")
    settle(qtbot, context)
    dialogs.open(research.add, "1366x700-visit_dialog")
    pick_row(research.table)
    dialogs.inside["VisitDialog"] = lambda dialog: every_tab(qtbot, dialog, "1366x700-visit_dialog") or \
        dialog.add_participants()
    dialogs.open(research.edit, "1366x700-person_picker_dialog", "1366x700-visit_participants_dialog")

    window.show_page("recommendations")
    recs = window.page("recommendations")
    settle(qtbot, context)
    sources = db_call(context, entry_sources, recs.year)
    source = next(c.source for c in sources if c.label.startswith("社情民意"))
    dialogs.open(recs.open_entry, "1366x700-source_picker_dialog")
    dialogs.inside["EntryDialog"] = lambda dialog: dialog.paste()
    dialogs.open(lambda: open_entry_dialog(context, recs, source, "社情民意"), "1366x700-paste_dialog")
    pick_row(recs.list_tab.table)
    dialogs.open(recs.list_tab.edit, "1366x700-recommendation_dialog")
    recs.tabs.setCurrentWidget(recs.bulletins_tab)
    settle(qtbot, context)
    dialogs.open(recs.bulletins_tab.add, "1366x700-bulletin_dialog")
    pick_row(recs.bulletins_tab.table)
    dialogs.open(recs.bulletins_tab.add_instruction, "1366x700-instruction_dialog")

    window.show_page("statistics")
    statistics = window.page("statistics")
    settle(qtbot, context)
    dialogs.open(statistics.edit_scheme, "1366x700-scheme_dialog")
    statistics.tabs.setCurrentWidget(statistics.records_tab)
    settle(qtbot, context)
    pick_row(statistics.records_tab.table)
    dialogs.open(statistics.records_tab.open_detail, "1366x700-member_record_dialog")

    # Qt's own pop-ups, as 合并重复建议 and 确定删除… show them
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    ask = QInputDialog(recs)
    ask.setWindowTitle("合并重复建议")
    ask.setLabelText("把选中的建议合并到：")
    ask.setComboBoxItems([c.label for c in sources])
    box = QMessageBox(QMessageBox.Icon.Question, "协商会务台", "确定删除“丁志”吗？删除后无法恢复。", parent=window)
    box.addButton("删除", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    for popup, name in ((ask, "1366x700-input_dialog"), (box, "1366x700-message_box")):
        qtbot.addWidget(popup)
        dialogs.picture = name
        dialogs.exec(popup)

    from ui.errors import ErrorDialog

    error = ErrorDialog("保存时出现意外错误。", "Traceback …\n" * 40, "consultdesk.log", window)
    error._toggle_details()
    qtbot.addWidget(error)
    dialogs.exec(error)
    QApplication.processEvents()
    assert dialogs.problems == [], "\n".join(dialogs.problems)


# The app's own dialog classes the walk above opens (ErrorDialog directly): a new dialog is added to the walk.
WALKED = {
    "AboutDialog", "AgendaItemDialog", "BulletinDialog", "EntryDialog", "ErrorDialog", "ImportPeopleDialog",
    "ImportPreviewDialog", "InstructionDialog", "InviteRuleDialog", "InviteeDialog", "LeaveDialog",
    "LookupSettingsDialog", "LookupValueDialog", "MeetingDialog", "MemberRecordDialog", "MemberVisitsDialog",
    "MembershipDialog", "MergePeopleDialog", "PasteDialog", "PersonDialog", "PersonPickerDialog", "PlanItemDialog",
    "PrintDialog", "RecommendationDialog", "SchemeDialog", "ScoreGridDialog", "TopicDialog", "TopicHistoryDialog",
    "SourcePickerDialog", "TopicStatusDialog", "VisitDialog", "WalkInDialog",
    "PaperAttendanceDialog", "ServerDialog", "PasswordDialog", "SeatLayoutDialog",
    "OperatorDialog",
    "RecordHistoryDialog",
}


def test_every_dialog_of_the_app_is_in_the_walk():
    import importlib
    import pkgutil

    import ui

    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {c.__name__ for c in subclasses(QDialog) if c.__module__.startswith("ui.")} - {"EditDialog"}  # a base
    assert ours == WALKED
