"""The 回执登记表, 评分表 and 部门答复表 imports write with the same progress bar as the people import: every row
reported while the window keeps processing events, 取消 leaves the data as it was (one transaction, rolled back),
and completion reports the counts."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from models.exports.invitees_xlsx import ATTENDANCE_ID_HEADER
from models.exports.recommendations_xlsx import export_reply_sheet
from models.exports.topics_xlsx import export_scoring_sheet
from models.imports.dept_replies_import import analyse_dept_replies, apply_dept_replies
from models.imports.replies_import import analyse_reply_import, apply_reply_import
from models.imports.scores_import import analyse_scores_import, apply_scores_import
from models.services.meeting_queries import list_invitees, list_meetings
from models.services.recommendation_queries import list_recommendations
from models.services.topic_scores import criteria, list_topics, reviewer_scores
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.progress_watch import Watch
from ui.dialogs.import_preview import CANCELLED, NOTE, ImportPreviewDialog

WAIT = 60000
REVIEWER = "进度测试评分人"


@dataclass
class Case:
    preview: Any
    apply: Any
    snapshot: Any  # session → what the import would change
    unit: str  # as the completion message names a written row


def _replies(session, tmp_path) -> Case:
    """Every invitee of the first demo meeting answers the other way (已确认 ↔ 请假)."""
    meeting = list_meetings(session)[0]
    invitees = list_invitees(session, meeting.id)
    book = openpyxl.Workbook()
    book.active.append([ATTENDANCE_ID_HEADER, "姓名", "回复状态", "请假事由"])
    for row in invitees:
        leave = row.invite_status == "已确认"
        book.active.append([row.attendance_id, row.name, "请假" if leave else "确认", "外出学习" if leave else None])
    book.save(tmp_path / "回执.xlsx")
    return Case(analyse_reply_import(session, meeting.id, tmp_path / "回执.xlsx"), apply_reply_import,
                lambda s: [(r.attendance_id, r.invite_status, r.leave_reason, r.version)
                           for r in list_invitees(s, meeting.id)], "人的回复状态")


def _scores(session, tmp_path) -> Case:
    """A new reviewer scores every 2024 topic on every criterion."""
    marks, topics = criteria(session), list_topics(session, 2024)
    path = export_scoring_sheet(topics, marks, 2024, tmp_path / "评分表.xlsx", reviewer=REVIEWER)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row in range(5, 5 + len(topics)):
        for column in range(6, 6 + len(marks)):
            sheet.cell(row=row, column=column).value = 7
    book.save(path)
    return Case(analyse_scores_import(session, 2024, path), apply_scores_import,
                lambda s: reviewer_scores(s, 2024, REVIEWER), "个议题的评分")


def _dept_replies(session, tmp_path) -> Case:
    """A department answers every 2023 recommendation still being handled: 采纳."""
    rows = list_recommendations(session, year=2023)
    path = export_reply_sheet(rows, tmp_path / "答复表.xlsx", title="部门答复表")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    handling = {r.id for r in rows if r.status == "办理中"}
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row=row, column=2).value in handling:
            sheet.cell(row=row, column=7).value = "采纳"
    book.save(path)
    return Case(analyse_dept_replies(session, path, on=date(2024, 6, 1)), apply_dept_replies,
                lambda s: [(r.id, r.status, r.outcome, r.version, len(r.history)) for r in list_recommendations(s)],
                "条意见建议的办理结果")


CASES = {"回执登记表": _replies, "评分表": _scores, "部门答复表": _dept_replies}


@pytest.fixture(params=list(CASES))
def case(request, demo_context, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.tasks.SHOW_AFTER_MS", 0)  # the bar at once: no waiting for a slow machine
    made = db_call(demo_context, CASES[request.param], tmp_path)
    made.name = request.param
    assert made.preview.counts()["更新"] >= 3, made.preview.counts()  # enough rows to see the bar move
    return made


def _dialog(qtbot, context, case: Case, watch_apply) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(None, context, case.preview, title=f"导入{case.name}", heading=case.name, note=NOTE,
                                 apply=watch_apply)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    return dialog


def test_the_write_shows_its_progress_and_reports_the_counts(qtbot, demo_context, case, message_log):
    before = db_call(demo_context, case.snapshot)
    writes = case.preview.counts()["更新"]
    watch = None

    def seen(box):
        save_screenshot(box, f"import_progress_{case.name}")

    dialog = _dialog(qtbot, demo_context, case, lambda *a, **k: watch.wrap(case.apply)(*a, **k))
    watch = Watch(dialog, on_shown=seen)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=WAIT)
    watch.stop()
    assert watch.reports == list(range(writes + 1))  # each row reported, each shown while the write went on
    assert any(label == f"正在写入：已写入 1 / {writes} 行…" for _v, _m, label in watch.shown)
    assert dialog.summary.updated == writes
    assert message_log.texts("inform")[-1].startswith("导入完成")
    assert f"更新 {writes} {case.unit}。" in message_log.texts("inform")[-1]
    assert db_call(demo_context, case.snapshot) != before


def test_cancelling_during_the_write_changes_nothing(qtbot, demo_context, case, message_log):
    before = db_call(demo_context, case.snapshot)
    watch = None
    # 取消 once the first row is written (in the transaction): it is rolled back with the rest
    dialog = _dialog(qtbot, demo_context, case, lambda *a, **k: watch.wrap(case.apply)(*a, **k))
    watch = Watch(dialog, on_shown=lambda box: box.findChild(QPushButton).click())
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: CANCELLED in message_log.texts("inform"), timeout=WAIT)
    watch.stop()
    assert watch.reports[:2] == [0, 1] and len(watch.reports) < case.preview.counts()["更新"] + 1
    assert dialog.summary is None and db_call(demo_context, case.snapshot) == before
    assert dialog.confirm_button.isEnabled()  # the same preview can be imported again
