"""参数设置 for a SELECT-only account on a real PostgreSQL server: it opens to be read, titled 只能查看, with every
editing control off and the reason in its tooltip; keys, double-clicks and table cells change nothing; only
公文模板 (this PC's own choice, not the database's) stays as it is; nothing is written."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from tests.models.test_server_connect import _write_counters as table_digest
from tests.screenshots import save_screenshot
from tests.ui.conftest import settle
from tests.ui.guards import SQL_GUARD
from tests.ui.modal import when_modal
from tests.ui.test_read_only_account import viewer  # noqa: F401 - a fixture
from ui.dialogs.lookup_settings import LookupSettingsDialog, open_lookup_settings
from ui.dialogs.lookup_value_dialog import LookupValueDialog
from ui.read_only import READ_ONLY_TIP, is_locked

WAIT = 30000
INPUTS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)


def _parents(widget, root):
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


def test_a_viewer_reads_the_settings_and_can_change_none(qtbot, viewer, message_log):  # noqa: F811
    context, _meeting_id, url = viewer
    with SQL_GUARD.outside_app():
        before = table_digest(url)
    seen: dict = {}
    opened: list = []
    when_modal(lambda d: (opened.append(d), d.reject()), kind=LookupValueDialog)  # must not happen

    def look(dialog: LookupSettingsDialog) -> None:
        dialog.resize(1366, 700)
        seen["title"] = dialog.windowTitle()
        seen["note"] = any(label.text() == READ_ONLY_TIP for label in dialog.findChildren(QLabel))
        sector = dialog.pages["sector"]
        seen["rows"] = sector.model.rowCount()
        sector.table.selectRow(0)
        seen["rename_after_selection"] = sector.rename_button.isEnabled()
        open_tab = {}
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            page = dialog.tabs.widget(index)
            open_tab[dialog.tabs.tabText(index)] = [
                (w, is_locked(w), w.toolTip()) for w in page.findChildren(QWidget) if isinstance(w, INPUTS)
                and not any(isinstance(p, (QTabBar, *INPUTS)) for p in _parents(w, page))]
        seen["controls"] = open_tab
        seen["editable_views"] = [v for v in dialog.findChildren(QAbstractItemView)
                                  if v.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
                                  and not isinstance(v.parentWidget(), QComboBox)]
        seen["templates_on"] = [b.isEnabled() for row in dialog.template_tab.rows.values()
                                for b in (row.choose_button, row.export_button)]
        dialog.tabs.setCurrentIndex(0)
        sector.table.setFocus()
        qtbot.keyClick(sector.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增
        qtbot.keyClick(sector.table, Qt.Key.Key_F2)  # 重命名
        qtbot.keyClick(sector.table, Qt.Key.Key_Delete)
        index = sector.model.index(0, 0)
        sector.table.doubleClicked.emit(index)
        seen["picture"] = save_screenshot(dialog, "1366x700-read_only_settings")
        qtbot.wait(200)  # a dialog a key had opened would be modal by now (recorded above)
        dialog.reject()
        seen["done"] = True

    when_modal(look, kind=LookupSettingsDialog, timeout_ms=WAIT)
    open_lookup_settings(context, None)
    qtbot.waitUntil(lambda: "done" in seen, timeout=WAIT)
    settle(qtbot, context)
    assert seen["title"] == "参数设置（只能查看）" and seen["note"] and seen["rows"] > 10
    assert not seen["rename_after_selection"]
    controls = seen["controls"]
    assert set(controls) >= {"界别", "单位信息", "履职积分", "节假日", "公文模板", "座次"}
    for tab, found in controls.items():
        assert found, tab
        for widget, locked, tip in found:
            if tab == "公文模板":
                assert not locked and READ_ONLY_TIP not in tip
            else:
                assert locked and READ_ONLY_TIP in tip, (tab, type(widget).__name__, getattr(widget, "text", str)())
    assert seen["templates_on"] and all(seen["templates_on"]) and not seen["editable_views"]
    assert not opened and not message_log.texts()  # no key or double-click opened anything or was refused
    with SQL_GUARD.outside_app():
        assert table_digest(url) == before
