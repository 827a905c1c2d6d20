"""统计 screen: dashboard, paragraph, meeting lines, member records, scheme changes and bad input."""

import subprocess
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from models.changes import Area, Changes
from models.services.performance_scheme import Scheme, get_scheme, save_scheme
from tests.models.statistics_world import stored_visit_kinds
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call
from tests.ui.modal import click_button, when_modal
from ui.operations import run_command

# Every figure on this page comes through models/services/performance.py or its member list.

WAIT = 30000


def quiet(qtbot, context) -> None:
    """Wait until the work asked for so far (and what its results started) is done and shown."""
    def idle() -> bool:
        QApplication.processEvents()  # a reload a notice scheduled starts now
        return context.jobs.idle and context.db.pending == 0 and context.files.pending == 0

    qtbot.waitUntil(idle, timeout=WAIT)


def notice(*areas: Area) -> Changes:
    return Changes(frozenset(areas), {})


@pytest.fixture
def page(qtbot, demo_context):
    from ui.views.statistics_page import StatisticsPage

    widget = StatisticsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitUntil(lambda: widget.loads == 1, timeout=WAIT)
    quiet(qtbot, demo_context)
    return widget


def test_dashboard_on_the_demo(page, demo_context):
    assert page.year == 2023
    tab = page.overview_tab
    visits = db_call(demo_context, lambda s: stored_visit_kinds(s, 2023))  # each kind named as stored
    assert visits.startswith("实地调研")
    assert tab.paragraph.toPlainText().startswith(
        "全年共组织双月协商会4场、委员沙龙1场、专题议政性常委会2场、全体会议1场，"
        f"委员开展{visits}，提出意见建议86条，其中双月协商会54条、委员沙龙9方面23条、专题议政性常委会6条、全体会议3条；")
    assert tab.cards["meetings"].value.text() == "8场"
    assert tab.cards["visits"].value.text() == "13次"
    assert tab.cards["recommendations"].value.text() == "86条"
    assert tab.cards["recommendations"].label.text() == "意见建议（25个方面）"
    # the demo's 2022 gives every card a real previous figure
    assert [tab.cards[key].change.text() for key in ("meetings", "visits", "recommendations", "bulletins")] == [
        "2022年：5场（+3）", "2022年：6次（+7）", "2022年：28条（+58）", "2022年：3期（+2）"]
    assert tab.format_chart.categories == ["双月协商会", "委员沙龙", "专题议政性常委会", "全体会议"]
    months = {c: sum(s.values[i] for s in tab.month_chart.series) for i, c in enumerate(tab.month_chart.categories)}
    assert months["1月"] == 1 and months["3月"] == 1 and months["11月"] == 1 and months["12月"] == 0
    assert tab.outcome_chart.categories[0] == "采纳"
    tab.repaint()
    assert any(tip.startswith("双月协商会") for tip in tab.format_chart.bar_tips())
    comparison = tab.comparison_table.model()
    assert comparison.index(0, 0).data() == "协商活动（合计）"
    assert comparison.index(0, 2).data() == "8"
    assert tab.aspect_table.model().rowCount() == 25
    save_screenshot(page, "statistics_1_overview")
    page.resize(1366, 700)
    save_screenshot(page, "statistics_1_overview_1366x700")
    page.tabs.setCurrentIndex(1)
    assert page.meetings_tab.model.rowCount() == 8
    assert page.meetings_tab.model.row_at(0).title == "政协江滨区第十六届委员会第二次会议"
    assert "共 8 场（" in page.meetings_tab.totals.text()
    save_screenshot(page, "statistics_2_meetings")


def test_paragraph_can_be_edited_copied_and_regenerated(qtbot, page):
    tab = page.overview_tab
    tab.paragraph.setPlainText("我改过的文字")
    buttons = {b.text(): b for b in tab.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["复制"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "我改过的文字" and tab.copied.text() == "已复制"
    page.context.notices.publish(notice(Area.MEETINGS))  # a save elsewhere that leaves the figures as they were
    qtbot.waitUntil(lambda: page.loads == 2, timeout=WAIT)
    assert tab.paragraph.toPlainText() == "我改过的文字"  # keeps the user's wording
    qtbot.mouseClick(buttons["重新生成"], Qt.MouseButton.LeftButton)
    assert tab.paragraph.toPlainText().startswith("全年共组织")


def test_member_records_filter_and_sort(page):
    tab = page.records_tab
    page.tabs.setCurrentIndex(2)
    assert tab.model.rowCount() == 300
    header = tab.table.horizontalHeader()  # as first shown: in the order its sort indicator says
    key = tab.model.columns[header.sortIndicatorSection()].sort_key
    shown = [key(r) for r in tab.model.rows]
    assert shown == sorted(shown, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
    assert "共 300 名委员" in tab.counts.text() and "优秀" in tab.counts.text()
    headers = [c.header for c in tab.model.columns]
    assert headers[:7] == ["姓名", "界别", "专委会", "街镇联络组", "身份", "积分", "等次"]
    assert "双月协商会\n出席/应邀" in headers and headers[-1] == "备注"
    sector = tab.sector.itemData(1)
    tab.sector.set_value(sector)
    assert tab.model.rowCount() > 0 and all(r.activity.sector == sector for r in tab.model.rows)
    tab.sector.set_value(None)
    score_column = headers.index("积分")
    tab.table.sortByColumn(score_column, Qt.SortOrder.DescendingOrder)
    scores = [r.score.total for r in tab.model.rows]
    assert scores == sorted(scores, reverse=True)
    tab.sector.set_value(sector)  # filtering keeps the order chosen
    scores = [r.score.total for r in tab.model.rows]
    assert len(scores) < 300 and scores == sorted(scores, reverse=True)
    tab.sector.set_value(None)
    first = tab.model.rows[0]
    tab.search.setText(first.activity.name)
    assert first in tab.model.rows and tab.model.rowCount() < 300
    save_screenshot(page, "statistics_3_records")
    page.tabs.setCurrentIndex(3)
    reminders = page.reminders_tab
    assert reminders.model.rowCount() == sum(1 for r in page.records if r.reminders) > 0
    assert page.tabs.tabText(3) == f"谈话提醒（{reminders.model.rowCount()}）"
    assert all(r.reminders for r in reminders.model.rows)
    save_screenshot(page, "statistics_4_reminders")


def test_changing_the_scheme_rescores_at_once(qtbot, page, demo_context):
    from ui.dialogs.scheme_dialog import SchemeDialog

    loads = page.loads
    before = {r.activity.person_id: r.score.total for r in page.records}
    attended = next(r for r in page.records if r.activity.meetings.get("bimonthly")
                    and r.activity.meetings["bimonthly"].present and r.score.total < 90)

    def change(dialog):
        dialog.editor.meeting_spins["bimonthly"].setValue(8)
        assert "出席双月协商会每次8分" in dialog.words.text()
        assert dialog.preview.text().startswith("按此办法，本年度 优秀")
        save_screenshot(dialog, "statistics_5_scheme")
        click_button(dialog, "保存")

    when_modal(change, kind=SchemeDialog)
    page.edit_scheme()
    after = {r.activity.person_id: r.score.total for r in page.records}
    gained = attended.activity.meetings["bimonthly"].present * 3
    assert after[attended.activity.person_id] == min(before[attended.activity.person_id] + gained, 100)
    assert db_call(demo_context, get_scheme).meeting_points["bimonthly"] == 8
    assert "出席双月协商会每次8分" in page.records_tab.note.text()
    note = page.records_tab.note  # one line under the list (a small screen needs the rows), all of it on hover
    assert note.sizeHint().height() < 2 * note.fontMetrics().lineSpacing() and note.toolTip() == note.text()
    quiet(qtbot, demo_context)
    assert page.loads == loads  # re-scored in memory: its own save does not read everything again


def test_bad_scheme_is_refused_with_a_message(qtbot, page, demo_context, message_log):
    from ui.dialogs.scheme_dialog import SchemeDialog

    def spoil(dialog):
        dialog.editor.bands.item(1, 1).setText("95")  # 良好 above 优秀
        assert "从高到低" in dialog.words.text()
        click_button(dialog, "保存")
        assert dialog.isVisible()
        click_button(dialog, "取消")

    when_modal(spoil, kind=SchemeDialog)
    page.edit_scheme()
    assert message_log.texts("warn") == ["等次分数线应从高到低依次递减。"]
    assert db_call(demo_context, get_scheme).bands[1].minimum == 80


def test_date_range(qtbot, page, message_log):
    page.use_range.setChecked(True)
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "时段概览", timeout=WAIT)
    page.start.setDate(QDate(2023, 5, 1))
    page.end.setDate(QDate(2023, 9, 30))
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.meetings_tab.model.rowCount() == 4, timeout=WAIT)  # 3 双月协商会, 1 常委会
    assert page.tabs.tabText(0) == "时段概览"
    assert page.overview_tab.paragraph.toPlainText().startswith("2023年5月1日至2023年9月30日，共组织双月协商会3场")
    assert page.records_tab.model.rowCount() == 300  # the records stay yearly
    page.start.setDate(QDate(2023, 10, 1))
    page.apply_button.click()
    assert message_log.texts("warn") == ["开始日期不能晚于结束日期。"]
    quiet(qtbot, page.context)
    assert page.meetings_tab.model.rowCount() == 4  # what was shown stays
    page.use_range.setChecked(False)
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "年度概览" and page.meetings_tab.model.rowCount() == 8,
                    timeout=WAIT)


def test_a_year_without_data(qtbot, page):
    page.year_combo.set_value(date.today().year if date.today().year != 2023 else 2024)
    qtbot.waitUntil(lambda: page.loads == 2, timeout=WAIT)
    assert page.overview_tab.paragraph.toPlainText().endswith("暂无协商活动、调研和意见建议记录。")
    assert page.meetings_tab.model.rowCount() == 0
    assert not page.overview_tab.format_chart.has_data()
    page.overview_tab.repaint()


def test_one_member_page(qtbot, page):
    from ui.dialogs.member_record_dialog import MemberRecordDialog

    record = max(page.records, key=lambda r: r.score.total)
    seen = {}

    def look(dialog):
        seen["html"] = dialog.view.toPlainText()
        save_screenshot(dialog, "statistics_6_member")
        dialog.reject()

    when_modal(look, kind=MemberRecordDialog, timeout_ms=WAIT)
    page.open_detail(record)  # the member's year is read first, then the dialog opens
    qtbot.waitUntil(lambda: "html" in seen, timeout=WAIT)
    assert record.activity.name in seen["html"] and f"总分：{record.score.text} 分" in seen["html"]
    assert "积分办法" in seen["html"] and "基础分60分。" in seen["html"]


def _save_through_dialog(qtbot, monkeypatch, target, trigger) -> None:
    monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    done = {}
    when_modal(lambda box: (done.update(text=box.text()), click_button(box, "关闭")), kind=QMessageBox,
               timeout_ms=WAIT)
    trigger()
    qtbot.waitUntil(lambda: "text" in done, timeout=30000)
    assert str(target) in done["text"]


def test_excel_workbooks(qtbot, monkeypatch, tmp_path, page):
    overview_file = tmp_path / "统计.xlsx"
    _save_through_dialog(qtbot, monkeypatch, overview_file, page.export_button.click)
    book = openpyxl.load_workbook(overview_file)
    assert "概况" in book.sheetnames and "委员履职" in book.sheetnames
    tab = page.records_tab
    tab.sector.set_value(tab.sector.itemData(1))
    shown = tab.shown()
    records_file = tmp_path / "履职档案.xlsx"
    _save_through_dialog(qtbot, monkeypatch, records_file, tab.excel_button.click)
    sheet = openpyxl.load_workbook(records_file)["履职档案"]
    names = [row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert names == [r.activity.name for r in shown]  # what was on screen, in its order


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_printing_from_the_records_tab(qtbot, monkeypatch, tmp_path, page):
    tab = page.records_tab
    page.tabs.setCurrentIndex(2)
    tab.table.selectRow(0)
    record = tab.selected()
    tab._fill_print_menu()
    actions = {a.text(): a for a in tab.print_menu.actions()}
    one = tmp_path / "一人一档.pdf"
    _save_through_dialog(qtbot, monkeypatch, one, actions[f"{record.activity.name}履职档案存为 PDF…"].trigger)
    assert _pages(one) == 1 and record.activity.name in _pdf_text(one).replace(" ", "")
    table = tmp_path / "积分表.pdf"
    _save_through_dialog(qtbot, monkeypatch, table, actions["2023年度履职积分表存为 PDF…"].trigger)
    text = _pdf_text(table).replace(" ", "")
    assert "履职积分表（2023年度）" in text and "积分办法" in text
    tab.sector.set_value(tab.sector.itemData(1))
    shown = tab.shown()
    tab._fill_print_menu()
    batch_action = next(a for a in tab.print_menu.actions() if a.text().startswith("当前名单的一人一档"))
    assert f"（{len(shown)}人，每人一页）" in batch_action.text()
    batch = tmp_path / "全部.pdf"
    _save_through_dialog(qtbot, monkeypatch, batch, batch_action.trigger)
    assert _pages(batch) == len(shown)


def test_printing_from_the_member_dialog(qtbot, monkeypatch, tmp_path, page):
    from ui.dialogs.member_record_dialog import MemberRecordDialog

    record = page.records[0]
    target = tmp_path / "档案.pdf"
    seen = {}

    def save(dialog):
        monkeypatch.setattr("ui.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
        when_modal(lambda box: (seen.update(saved=box.text()), click_button(box, "关闭")), kind=QMessageBox,
                   timeout_ms=WAIT)
        click_button(dialog, "存为 PDF…")
        qtbot.waitUntil(lambda: "saved" in seen, timeout=WAIT)
        dialog.reject()
        seen["closed"] = True

    when_modal(save, kind=MemberRecordDialog, timeout_ms=WAIT)
    page.open_detail(record)
    qtbot.waitUntil(lambda: "closed" in seen, timeout=WAIT)
    assert str(target) in seen["saved"] and _pages(target) == 1


def test_figures_follow_saves_made_elsewhere(qtbot, page, demo_context):
    from models.services.app_settings import set_setting
    from models.settings import COMMITTEE_NAME

    page.hide()
    run_command(demo_context, None, lambda s: set_setting(s, COMMITTEE_NAME, "某某县政协"))
    quiet(qtbot, demo_context)
    assert "获区领导批示" in page.overview_tab.paragraph.toPlainText()  # not read while hidden
    assert page.loads == 1
    page.show()
    qtbot.waitUntil(lambda: page.loads == 2, timeout=WAIT)
    assert "获县领导批示6件" in page.overview_tab.paragraph.toPlainText()


def test_a_check_in_while_hidden_is_read_once_when_shown(qtbot, page, demo_context):
    reloads = page.watch.reloads
    page.hide()
    check_in = Changes(frozenset({Area.ATTENDANCE}), {Area.ATTENDANCE: frozenset({1})})
    demo_context.notices.publish(check_in)
    demo_context.notices.publish(check_in)  # two check-ins in a row
    QApplication.processEvents()
    assert demo_context.jobs.idle and page.loads == 1 and page.watch.stale  # nothing read while hidden
    page.show()
    qtbot.waitUntil(lambda: page.loads == 2, timeout=WAIT)
    quiet(qtbot, demo_context)
    assert page.loads == 2 and page.watch.reloads == reloads + 1  # once, not once per notice
    demo_context.notices.publish(check_in)  # visible: one notice, one reload
    qtbot.waitUntil(lambda: page.loads == 3, timeout=WAIT)
    quiet(qtbot, demo_context)
    assert page.loads == 3 and page.watch.reloads == reloads + 2


def test_nothing_is_read_at_construction_while_hidden(qtbot, demo_context):
    from ui.views.statistics_page import StatisticsPage

    widget = StatisticsPage(demo_context)
    qtbot.addWidget(widget)
    QApplication.processEvents()
    assert widget.loads == 0 and widget.watch.reloads == 0 and demo_context.jobs.idle
    widget.show()
    qtbot.waitUntil(lambda: widget.loads == 1, timeout=WAIT)
    quiet(qtbot, demo_context)
    assert widget.loads == 1 and widget.watch.reloads == 1 and widget.year == 2023


def test_opens_on_the_latest_year_with_held_meetings(qtbot, demo_context):
    """A meeting being prepared for next year does not make the page open on that (empty) year."""
    from datetime import datetime

    from models.services.common import meeting_format_id
    from models.services.meetings import create_meeting
    from ui.views.statistics_page import StatisticsPage

    def plan(session):
        create_meeting(session, format_id=meeting_format_id(session, "bimonthly"), title="2024年第一次双月协商会",
                       starts_at=datetime(2024, 3, 15, 14, 30))  # 筹备中

    db_call(demo_context, plan)
    widget = StatisticsPage(demo_context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.loads == 1, timeout=WAIT)
    quiet(qtbot, demo_context)
    assert widget.year == 2023 and 2024 in [widget.year_combo.itemData(i) for i in range(widget.year_combo.count())]
    assert widget.reminders_tab.model.rowCount() < len(widget.records) == 300  # not everyone, as in an empty year


def test_records_are_coloured_by_meaning_with_a_legend(qtbot, page, demo_context):
    """A 称职 member on the 谈话提醒 list is not shown in red: the band has its colour, the reminder its mark."""
    from ui import status_colours

    # Without a deduction for leave, a member whose only record is leave from the 全体会议 scores 60 (称职) and
    # is listed for having no activity.
    loads = page.loads
    db_call(demo_context, save_scheme, replace(Scheme(), leave=0.0))
    page.context.notices.publish(notice(Area.SETTINGS))  # as a save made elsewhere would announce it
    qtbot.waitUntil(lambda: page.loads > loads, timeout=WAIT)
    quiet(qtbot, demo_context)
    tab = page.records_tab
    model = tab.model
    band, mark, name = (model.column_index(key) for key in ("band", "reminder", "name"))

    def colour(record, column: int) -> str | None:
        brush = model.data(model.index(model.rows.index(record), column), Qt.ItemDataRole.ForegroundRole)
        return brush.color().name().upper() if brush is not None else None

    best, lowest = tab.bands[0], tab.bands[-1]
    middling = next(r for r in model.rows if r.reminders and r.score.band not in (best, lowest))  # 60 分 称职
    assert colour(middling, band) is None and colour(middling, name) is None
    assert model.index(model.rows.index(middling), mark).data() == "需谈话"
    assert colour(middling, mark) == status_colours.BAD
    top = next(r for r in model.rows if r.score.band == best)
    assert colour(top, band) == status_colours.GOOD and model.index(model.rows.index(top), mark).data() == ""
    if any(r.score.band == lowest for r in model.rows):
        assert colour(next(r for r in model.rows if r.score.band == lowest), band) == status_colours.BAD
    text = tab.legend.text()
    assert best in text and lowest in text and "需谈话" in text and status_colours.GOOD in text
