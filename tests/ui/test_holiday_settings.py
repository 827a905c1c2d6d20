"""参数设置 → 节假日 through its widgets: add 休/班 dates, refusals said in Chinese, remove, the leads kept."""

from datetime import date

from models.services.holidays import working_day_settings
from tests.screenshots import save_screenshot
from tests.ui.conftest import db_call, settle
from ui.dialogs.lookup_settings import LookupSettingsDialog, load_settings


def holiday_tab(qtbot, context):
    dialog = LookupSettingsDialog(context, db_call(context, load_settings))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.holiday_tab)
    dialog.show()
    return dialog, dialog.holiday_tab


def add(qtbot, context, tab, day: date, kind: str, note: str = "") -> None:
    tab.day.set_value(day)
    tab.kind.set_value(kind)
    tab.note.setText(note)
    tab.add_button.click()
    settle(qtbot, context)


def listed(tab) -> list[str]:
    return [tab.list.item(i).text() for i in range(tab.list.count())]


def test_add_refuse_and_remove_dates(qtbot, context, message_log):
    dialog, tab = holiday_tab(qtbot, context)
    assert listed(tab) == ["（尚无记录）"] and not tab.remove_button.isEnabled()
    add(qtbot, context, tab, date(2027, 1, 1), "休", "元旦")
    add(qtbot, context, tab, date(2027, 2, 20), "班", "春节调休")
    assert listed(tab) == ["2027年1月1日（星期五）　休（放假）　元旦",
                           "2027年2月20日（星期六）　班（调休上班）　春节调休"]
    assert [e.day for e in db_call(context, working_day_settings).table] == [date(2027, 1, 1), date(2027, 2, 20)]
    save_screenshot(dialog, "settings_holidays")
    for day, kind, reason in ((date(2027, 1, 1), "休", "已在节假日表中"), (date(2026, 10, 8), "休", "chinesecalendar"),
                              (date(2027, 1, 4), "班", "本来就是工作日")):
        add(qtbot, context, tab, day, kind)
        assert reason in tab.problem.text() and tab.problem.isVisible()
    assert len(db_call(context, working_day_settings).table) == 2  # nothing refused was saved
    tab.list.item(0).setSelected(True)
    tab.remove_button.click()
    settle(qtbot, context)
    assert "确定从节假日表中删除2027年1月1日" in message_log.texts("confirm")[-1]
    assert [e.day for e in db_call(context, working_day_settings).table] == [date(2027, 2, 20)]
    assert len(listed(tab)) == 1


def test_leads_are_checked_and_kept(qtbot, context, message_log):
    _dialog, tab = holiday_tab(qtbot, context)
    assert (tab.notice_lead.value(), tab.reply_lead.value()) == (15, 3)
    tab.reply_lead.setValue(20)
    tab.save_leads()
    assert "不能多于" in tab.problem.text()
    assert db_call(context, working_day_settings).reply_lead == 3
    tab.reply_lead.setValue(5)
    tab.notice_lead.setValue(10)
    tab.save_leads()
    settle(qtbot, context)
    kept = db_call(context, working_day_settings)
    assert (kept.notice_lead, kept.reply_lead) == (10, 5)
