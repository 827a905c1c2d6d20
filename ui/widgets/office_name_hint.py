"""The status bar's reminder on a new database: until the office enters its own name, sheets are headed
with the placeholder "××区政协" — say so, and open 参数设置 → 单位信息 with one click."""

from PySide6.QtWidgets import QMainWindow, QPushButton

from models.changes import Area
from models.settings import COMMITTEE_NAME, SETTINGS_TAB
from ui.operations import run_query
from ui.watch import AreaWatch
from ui.window_state import write


def _committee_name_missing(session) -> bool:
    # Imported on the database thread: the GUI thread importing sqlmodel while that thread does can hand
    # one of them a half-initialised module (tests/test_startup.py watches for it).
    from models.services.app_settings import committee_name_missing

    return committee_name_missing(session)


class OfficeNameHint(QPushButton):
    def __init__(self, context, window: QMainWindow):
        super().__init__(f"尚未填写本单位名称，文件标题暂印为“{COMMITTEE_NAME.default}”：点此填写…")
        self.context, self.window = context, window
        self.setObjectName("officeNameHint")  # styled in resources/style.qss
        self.setFlat(True)
        self.setToolTip("设置 → 参数设置 → 单位信息：填写区政协名称和发文单位")
        self.setVisible(False)
        self.clicked.connect(self.open_settings)
        # Watched through the window: a hidden hint must still learn that the name is now missing.
        self.watch = AreaWatch(window, context, {Area.SETTINGS}, lambda _changes: self.check())
        self.watch.request()  # a database already open (else the notice of its opening asks)

    def check(self) -> None:
        if self.context.is_open:
            run_query(self.context, self.window, _committee_name_missing, on_done=self._show,
                      key=(id(self), "office-name"))

    def _show(self, missing: bool) -> None:
        # a view-only account could not save the name: no invitation to try
        self.setVisible(missing and not self.context.demo and not self.context.read_only)

    def open_settings(self) -> None:
        from models.services.lookups import LOOKUP_KINDS
        from ui.dialogs.lookup_settings import open_lookup_settings

        # 单位信息 follows the lookup tabs in 参数设置 (ui/dialogs/lookup_settings.py).
        write(self.context.settings, SETTINGS_TAB, len(LOOKUP_KINDS))
        open_lookup_settings(self.context, self.window)
