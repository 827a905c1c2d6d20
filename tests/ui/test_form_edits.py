"""Forms as an office expects them: closing with changes asks first, 取消 leaves nothing behind, every
error is shown at once under its field without moving the buttons, and a delete that cannot happen is
said before anyone is asked "确定删除…？"."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlmodel import func, select

import ui.dialogs
import ui.views
from models.services.people import people_named
from models.services.recommendation_entry import Source
from models.services.research import create_visit
from models.tables import Attachment, FieldVisit, Organization
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from tests.ui.modal import click_button
from ui import messages
from ui.dialogs import EditDialog
from ui.dialogs.bulletin_dialog import BulletinDialog
from ui.dialogs.entry_dialog import PasteDialog
from ui.dialogs.instruction_dialog import InstructionDialog
from ui.dialogs.invite_dialogs import LeaveDialog
from ui.dialogs.lookup_settings import LookupSettingsDialog, load_settings
from ui.dialogs.lookup_value_dialog import LookupValueDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.person_picker import PersonPickerDialog
from ui.dialogs.plan_item_dialog import PlanItemDialog, PlanItemForm
from ui.dialogs.topic_dialogs import TopicDialog, TopicForm
from ui.dialogs.visit_dialog import VisitDialog
from ui.widgets.meeting_form import FormChoices

WAIT = 30000

# Dialogs that edit nothing a user could lose: they choose, show, preview or import (with its own preview
# and confirmation), or save each change as it is made (参数设置's lists, 按来源录入).
NOT_EDITING = {"AboutDialog", "ErrorDialog", "EntryDialog", "ImportPeopleDialog", "ImportPreviewDialog",
               "InviteRuleDialog", "LookupSettingsDialog", "MemberRecordDialog", "MemberVisitsDialog",
               "MergePeopleDialog", "PersonPickerDialog", "SourcePickerDialog", "TopicHistoryDialog",
               "ServerDialog", "PasswordDialog",  # a connection's address and password: nothing to lose
               "OperatorDialog",  # one name, asked once: its 取消 means "keep the system user", not "discard?"
               "RecordHistoryDialog"}  # 修改记录: shows the 操作日志 only


def all_dialog_classes() -> dict[str, type]:
    found = {}
    for package in (ui.dialogs, ui.views):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, QDialog) and value.__module__ == module.__name__:
                    found[name] = value
    found["ErrorDialog"] = importlib.import_module("ui.errors").ErrorDialog
    return found


def test_every_editing_dialog_asks_before_discarding():
    """A new dialog must either guard its fields (EditDialog) or be listed above with a reason."""
    classes = all_dialog_classes()
    unguarded = {name for name, cls in classes.items() if not issubclass(cls, EditDialog)}
    assert unguarded == NOT_EDITING


def make_dialogs(context):
    return {
        "person": lambda: PersonDialog(context, None, {}),
        "topic": lambda: TopicDialog(context, TopicForm(None, [], [], ""), 2024),
        "meeting": lambda: MeetingDialog(context, FormChoices([], [])),
        "plan": lambda: PlanItemDialog(context, 2024, PlanItemForm([], [], [])),
        "instruction": lambda: InstructionDialog(context, "意见建议“某条”", recommendation_id=1),
        "bulletin": lambda: BulletinDialog(context, 2024, []),
        "leave": lambda: LeaveDialog("张三"),
        "lookup value": lambda: LookupValueDialog(context, "新增界别", lambda *_a: None),
        "paste": lambda: PasteDialog("养老", "0条"),
    }


def first_field(dialog) -> QLineEdit:
    return next(e for e in dialog.findChildren(QLineEdit)
                if e.isVisible() and e.isEnabled() and not e.isReadOnly() and e.window() is dialog)


@pytest.mark.parametrize("which", list(make_dialogs(None)))
def test_closing_with_changes_asks_and_keep_editing_keeps_them(qtbot, context, message_log, which):
    dialog = make_dialogs(context)[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    if which == "paste":
        dialog.text.setPlainText("一条建议")
    else:
        first_field(dialog).setText("改动")
    message_log.discard_answer = messages.KEEP_EDITING
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc, 取消 and × all come here
    assert message_log.texts("ask_discard") and dialog.isVisible()
    dialog.close()  # the window's ×
    assert len(message_log.texts("ask_discard")) == 2 and dialog.isVisible()
    message_log.discard_answer = messages.DISCARD
    click_button(dialog, "取消")
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("which", list(make_dialogs(None)))
def test_closing_without_changes_asks_nothing(qtbot, context, message_log, which):
    dialog = make_dialogs(context)[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not message_log.texts("ask_discard")


def test_save_in_the_question_saves(qtbot, context, message_log):
    dialog = PersonDialog(context, None, {})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("王晓东")
    message_log.discard_answer = messages.SAVE
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.saved_id is not None, timeout=WAIT)
    assert not dialog.isVisible() and len(db_call(context, people_named, "王晓东")) == 1


# -- 参数设置: "所有修改立即保存" ----------------------------------------------------------------------------

def test_settings_keep_a_name_typed_before_closing(qtbot, demo_context, message_log):
    from models.services.app_settings import committee_name

    dialog = LookupSettingsDialog(demo_context, db_call(demo_context, load_settings))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.organization_tab)
    field = dialog.organization_tab.committee
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "abc")  # typed (an input method commits Chinese the same way as text)
    click_button(dialog, "关闭")
    settle(qtbot, demo_context)
    assert db_call(demo_context, committee_name) == "abc" and not message_log.texts("ask_discard")


def test_settings_ask_before_dropping_a_change_that_cannot_be_saved(qtbot, demo_context, message_log):
    dialog = LookupSettingsDialog(demo_context, db_call(demo_context, load_settings))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organization_tab.issuer.clear()  # cannot be saved empty
    dialog.tabs.setCurrentIndex(0)
    message_log.discard_answer = messages.KEEP_EDITING
    dialog.reject()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.organization_tab
    asked = message_log.texts("ask_discard")
    assert len(asked) == 1 and "（可保存）" not in asked[0] and "不能为空" in asked[0]  # no 保存: it cannot be
    message_log.discard_answer = messages.DISCARD
    dialog.reject()
    assert not dialog.isVisible()


def test_the_meeting_window_asks_before_losing_minutes(qtbot, demo_context, message_log):
    from models.services.meeting_queries import list_meetings
    from ui.views.meeting_window import MeetingWindow

    meeting_id = db_call(demo_context, list_meetings)[0].id
    window = MeetingWindow(demo_context, meeting_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, demo_context)
    window.close()  # nothing typed: closes without a question
    assert not window.isVisible() and not message_log.texts("ask_discard")
    window.show()
    window.minutes_tab.text.setPlainText(window.minutes_tab.text.toPlainText() + "会议认为……")
    message_log.discard_answer = messages.KEEP_EDITING
    window.close()
    assert window.isVisible() and "会议纪要" in message_log.texts("ask_discard")[0]
    message_log.discard_answer = messages.DISCARD
    window.close()
    assert not window.isVisible()


def test_a_saved_instruction_is_not_an_unsaved_change(qtbot, demo_context, message_log):
    from models.services.recommendation_queries import list_recommendations
    from ui.dialogs.recommendation_dialog import RecommendationDialog, load_recommendation_form

    row = db_call(demo_context, list_recommendations, year=2023)[0]
    source = Source(row.year, row.source_kind, row.meeting_id, row.field_visit_id)
    dialog = RecommendationDialog(demo_context, source, db_call(demo_context, load_recommendation_form, source,
                                                                row.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.instruction_list.addItem("2023-12-01 区长（对本条）：请抓紧办理")  # as the list is read again
    dialog.reject()
    assert not dialog.isVisible() and not message_log.texts("ask_discard")


# -- 调研: 取消 removes what the dialog did -------------------------------------------------------------------

def visit_count(session, title: str) -> int:
    return session.exec(select(func.count(FieldVisit.id)).where(FieldVisit.title == title)).one()


def test_cancelling_a_new_visit_leaves_no_visit_unit_or_file(qtbot, demo_context, tmp_path, message_log):
    from ui.dialogs.visit_dialog import load_visit_form

    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"photo")
    folder = demo_context.paths.attachments_dir
    before = set(folder.iterdir()) if folder.exists() else set()
    form = db_call(demo_context, load_visit_form, None, folder)
    dialog = VisitDialog(demo_context, form)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("赴东湖街道调研（取消）")
    dialog.unit_input.setCurrentText("从未有过的调研单位")
    dialog.add_unit()
    dialog.copy_files([photo])
    qtbot.waitUntil(lambda: dialog.attachment_list.count() == 1, timeout=WAIT)
    assert set(folder.iterdir()) - before  # copied in, not recorded
    dialog.tabs.setCurrentIndex(2)
    save_screenshot(dialog, "visit_dialog_pending_attachment")
    click_button(dialog, "取消")  # answered 放弃
    settle(qtbot, demo_context)
    assert message_log.texts("ask_discard") and not dialog.isVisible()
    assert db_call(demo_context, visit_count, "赴东湖街道调研（取消）") == 0
    assert db_call(demo_context, lambda s: s.exec(select(Organization).where(
        Organization.name == "从未有过的调研单位")).first()) is None
    assert set(folder.iterdir()) == before  # the copy is gone too


def test_cancelling_an_edited_visit_records_no_attachment(qtbot, demo_context, tmp_path, message_log):
    from ui.dialogs.visit_dialog import load_visit_form

    photo = tmp_path / "报告.pdf"
    photo.write_bytes(b"%PDF")
    folder = demo_context.paths.attachments_dir
    visit_id = db_call(demo_context, create_visit, kind="实地调研", visit_date=date(2024, 4, 1), title="已有调研")
    dialog = VisitDialog(demo_context, db_call(demo_context, load_visit_form, visit_id, folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.copy_files([photo])
    qtbot.waitUntil(lambda: dialog.attachment_list.count() == 1, timeout=WAIT)
    dialog.reject()
    settle(qtbot, demo_context)
    assert db_call(demo_context, lambda s: s.exec(select(func.count(Attachment.id)).where(
        Attachment.field_visit_id == visit_id)).one()) == 0
    assert not any(p.suffix == ".pdf" for p in folder.iterdir())


def test_a_file_still_copying_when_the_dialog_is_cancelled_is_removed(qtbot, demo_context, tmp_path, message_log):
    from ui.dialogs.visit_dialog import load_visit_form

    big = tmp_path / "录像.mp4"
    big.write_bytes(b"0" * 2_000_000)
    folder = demo_context.paths.attachments_dir
    before = set(folder.iterdir()) if folder.exists() else set()
    dialog = VisitDialog(demo_context, db_call(demo_context, load_visit_form, None, folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.copy_files([big])
    dialog.done(QDialog.DialogCode.Rejected)  # gone before (or after) the copy finishes: either way
    settle(qtbot, demo_context)
    assert set(folder.iterdir()) == before


def test_saving_a_visit_records_its_files_and_new_units(qtbot, demo_context, tmp_path, message_log):
    from ui.dialogs.visit_dialog import load_visit_form

    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"photo")
    folder = demo_context.paths.attachments_dir
    dialog = VisitDialog(demo_context, db_call(demo_context, load_visit_form, None, folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("赴西湖街道调研")
    dialog.unit_input.setCurrentText("西湖街道社区卫生服务中心（新）")
    dialog.add_unit()
    dialog.copy_files([photo])
    qtbot.waitUntil(lambda: dialog.attachment_list.count() == 1, timeout=WAIT)
    click_button(dialog, "保存")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    visit = db_call(demo_context, lambda s: s.exec(select(FieldVisit.id).where(
        FieldVisit.title == "赴西湖街道调研")).one())
    assert db_call(demo_context, lambda s: [a.file_name for a in s.exec(select(Attachment).where(
        Attachment.field_visit_id == visit))]) == ["合影.jpg"]
    assert not message_log.texts("ask_discard")
    assert message_log.texts("saved") == ["已保存调研记录“赴西湖街道调研”。"]  # every save says it saved


def test_saving_a_person_or_a_recommendation_says_so(qtbot, context, message_log):
    from models.services.recommendation_entry import Source
    from ui.dialogs.recommendation_dialog import RecommendationDialog, load_recommendation_form

    person = PersonDialog(context, None, {})
    qtbot.addWidget(person)
    person.show()
    person.name.setText("欧阳文")
    click_button(person, "保存")
    qtbot.waitUntil(lambda: not person.isVisible(), timeout=WAIT)
    source = Source(2024, "社情民意")
    recommendation = RecommendationDialog(context, source, db_call(context, load_recommendation_form, source, None))
    qtbot.addWidget(recommendation)
    recommendation.show()
    recommendation.title.setText("增设社区“暖心驿站”")
    recommendation.content.setPlainText("在各社区服务中心增设户外劳动者休息点。")
    click_button(recommendation, "保存")
    qtbot.waitUntil(lambda: not recommendation.isVisible(), timeout=WAIT)
    assert message_log.texts("saved") == ["已保存“欧阳文”的信息。", "已保存意见建议“增设社区‘暖心驿站’”。"]


# -- every error at once, under its field, buttons still --------------------------------------------------

def test_person_dialog_shows_every_error_under_its_field(qtbot, context, message_log):
    dialog = PersonDialog(context, None, {})
    qtbot.addWidget(dialog)
    dialog.resize(860, 640)
    dialog.show()
    button_at = dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft())
    name_at = dialog.name.geometry()
    dialog.mobile.setText("12345")
    dialog.email.setText("不是邮箱")
    dialog.birth.setText("五月")
    click_button(dialog, "保存")
    shown = dialog.error.messages()
    assert {"name", "mobile", "email", "birth"} <= set(shown)
    assert "姓名" in shown["name"] and "11 位" in shown["mobile"] and "无法识别" in shown["birth"]
    assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()) == button_at  # nothing moved
    assert dialog.name.geometry() == name_at
    for field in ("name", "mobile", "email", "birth"):  # each line tall enough for its text: not clipped
        label = dialog.errors[field]
        assert label.height() >= label.fontMetrics().lineSpacing()
    save_screenshot(dialog, "person_dialog_all_errors")
    dialog.mobile.setText("13900001111")
    dialog.mobile.textEdited.emit("13900001111")  # typing again clears that field's message only
    assert "mobile" not in dialog.error.messages() and "name" in dialog.error.messages()


def test_a_new_recommendation_names_both_empty_fields(qtbot, context, message_log):
    from models.services.recommendation_entry import Source
    from ui.dialogs.recommendation_dialog import RecommendationDialog, load_recommendation_form

    source = Source(2024, "社情民意")
    dialog = RecommendationDialog(context, source, db_call(context, load_recommendation_form, source, None))
    qtbot.addWidget(dialog)
    dialog.show()
    click_button(dialog, "保存")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled() and bool(dialog.error.messages()), timeout=WAIT)
    shown = dialog.error.messages()
    assert "建议标题" in shown["title"] and "建议内容" in shown["content"] and dialog.isVisible()


def first_invitee_dialog(qtbot, context):
    """The invitee dialog of the first person on the first meeting's list, shown: (meeting id, row, dialog)."""
    from models.services.meeting_queries import list_invitees, list_meetings
    from ui.dialogs.invitee_dialog import InviteeDialog

    meeting_id = db_call(context, list_meetings)[0].id
    row = db_call(context, list_invitees, meeting_id)[0]
    dialog = InviteeDialog(context, row)
    qtbot.addWidget(dialog)
    dialog.show()
    return meeting_id, row, dialog


def test_the_invitee_dialog_names_the_leave_reason_and_the_other_errors_together(qtbot, demo_context, message_log):
    from models.services.meeting_queries import list_invitees

    meeting_id, row, dialog = first_invitee_dialog(qtbot, demo_context)
    dialog.status.set_value("请假")  # without a reason
    dialog.leave_reason.setText("")
    dialog.seat_no.setText("座" * 30)  # longer than a seat number may be
    click_button(dialog, "保存")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled() and bool(dialog.error.messages()), timeout=WAIT)
    shown = dialog.error.messages()
    assert "请假事由" in shown["leave_reason"] and "座位号" in shown[None]
    after = next(r for r in db_call(demo_context, list_invitees, meeting_id) if r.attendance_id == row.attendance_id)
    assert (after.invite_status, after.seat_no) == (row.invite_status, row.seat_no)  # nothing written


def test_the_invitee_dialog_saves_the_protocol_rank(qtbot, demo_context, message_log):
    from models.services.meeting_queries import list_invitees

    meeting_id, row, dialog = first_invitee_dialog(qtbot, demo_context)
    assert dialog.protocol_rank.text() == "按身份和笔画" and "数字小者在前" in dialog.protocol_rank.toolTip()
    dialog.protocol_rank.setValue(3)
    save_screenshot(dialog, "invitee_dialog_rank")
    click_button(dialog, "保存")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    after = next(r for r in db_call(demo_context, list_invitees, meeting_id) if r.attendance_id == row.attendance_id)
    assert after.protocol_rank == 3


# -- delete: can it be deleted? first -----------------------------------------------------------------------

def test_a_person_with_history_is_refused_before_any_question(qtbot, members_page, demo_context, message_log):
    from models.services.people_records import references

    rows = members_page.model.rows
    used = next(r for r in rows if db_call(demo_context, references, r.id))
    members_page.actions.select_ids([used.id])
    qtbot.mouseClick(members_page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=WAIT)
    assert "不能删除" in message_log.texts("warn")[0] and not message_log.texts("confirm")

    free = db_call(demo_context, lambda s: next(r for r in rows if not references(s, r.id)))
    members_page.actions.select_ids([free.id])
    qtbot.mouseClick(members_page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_log.texts("confirm")), timeout=WAIT)
    assert message_log.texts("confirm")[0].startswith(f"确定删除“{free.name}”吗？")
    qtbot.waitUntil(lambda: members_page.model.total == len(rows) - 1, timeout=WAIT)  # then deleted


def test_a_visit_with_recommendations_is_refused_before_any_question(qtbot, demo_context, message_log):
    from models.services.recommendations import add_recommendation
    from models.services.research import list_visits
    from ui.views.research_page import ResearchPage

    visit = db_call(demo_context, list_visits)[0]
    db_call(demo_context, add_recommendation, title="一条建议", content="内容", year=visit.visit_date.year,
            source_kind="调研", field_visit_id=visit.id)
    page = ResearchPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    used = next(v for v in page.rows if v.id == visit.id)
    from ui.widgets.tables import select_keys

    select_keys(page.table, [used.id])
    page.delete()
    qtbot.waitUntil(lambda: bool(message_log.texts("warn")), timeout=WAIT)
    assert "不能删除" in message_log.texts("warn")[0] and not message_log.texts("confirm")


# -- small things -----------------------------------------------------------------------------------------

def test_a_picker_without_roles_shows_no_role_label(qtbot, context):
    from PySide6.QtWidgets import QLabel

    for with_role in (False, True):
        picker = PersonPickerDialog(context, set(), title="添加参加调研的人员", with_role=with_role)
        qtbot.addWidget(picker)
        picker.show()
        labels = [label for label in picker.findChildren(QLabel) if label.text() == "参会角色："]
        assert [label.isVisible() for label in labels] == [with_role]
        settle(qtbot, context)
        picker.close()


def test_a_visit_title_is_quoted_once_when_deleting(qtbot, demo_context, message_log):
    visit_id = db_call(demo_context, lambda s: create_visit(s, kind="实地调研", visit_date=date(2024, 4, 2),
                                                            title="“一刻钟便民生活圈”调研"))
    from ui.views.research_page import ResearchPage
    from ui.widgets.tables import select_keys

    message_log.confirm_answer = False
    page = ResearchPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and any(v.id == visit_id for v in page.rows), timeout=WAIT)
    select_keys(page.table, [visit_id])
    page.delete()
    qtbot.waitUntil(lambda: bool(message_log.texts("confirm")), timeout=WAIT)
    assert message_log.texts("confirm")[0].startswith("删除调研记录“‘一刻钟便民生活圈’调研”吗？")
