"""Every setting the program keeps, declared once: key, type, default, and where it lives.

- OFFICE settings live in the database (table app_setting), shared by everyone who opens it: read and
  written through models/services/app_settings.py (`get_setting(session, COMMITTEE_NAME)`).
- PC settings live in this computer's settings file (QSettings, INI): read and written through
  ui/window_state.py. Window sizes, splitters and table columns are families: one setting per window or
  list, named with `.of("main_window")`.

Picard's options.py keeps its options the same way.
"""

from dataclasses import dataclass, replace
from typing import Any

OFFICE, PC = "office", "pc"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    scope: str
    label: str = ""

    def of(self, name: str) -> "Setting":
        """One member of a family: WINDOW_GEOMETRY.of("main_window") → key "main_window/geometry"."""
        return replace(self, key=self.key.format(name=name))

    def coerce(self, value):
        """A stored value as this setting's type; the default when it is missing or unusable."""
        if value is None:
            return self.default
        if self.type is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes")
            return bool(value)
        if self.type is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return self.default
        if self.type is str:
            return str(value)
        return value if isinstance(value, self.type) else self.default


# -- the office (stored in the database) ------------------------------------------------------------------
COMMITTEE_NAME = Setting("committee_name", str, "××区政协", OFFICE, "区政协名称")
PRINT_ISSUER = Setting("print_issuer", str, "区政协办公室", OFFICE, "发文单位")
SEATING_EVEN_ONE_LEFT = Setting("seating_even_one_left", bool, True, OFFICE, "主桌座位为双数时 1 号在左")
PERFORMANCE_SCHEME = Setting("performance_scheme", dict, None, OFFICE, "履职积分办法")
# Working days (models/working_days.py): the office's 休/班 dates for years chinesecalendar does not cover.
HOLIDAY_TABLE = Setting("holiday_table", list, (), OFFICE, "节假日表")
NOTICE_LEAD_DAYS = Setting("notice_lead_working_days", int, 15, OFFICE, "会议通知最迟于会前几个工作日发出")
REPLY_LEAD_DAYS = Setting("reply_lead_working_days", int, 3, OFFICE, "回执截止于会前几个工作日")
# 座次 (models/services/seat_plans.py). The room-layout templates the office keeps: [{"name": …,
# **LayoutSpec.to_dict()}]; None: the built-in ones, models/seat_layouts.DEFAULT_LAYOUTS (not imported here:
# this module loads before the first paint). SEAT_ORDER: how people of one group (e.g. 出席) are ordered —
# "笔画" (stroke order) or "界别" (the 界别 in the order of 参数设置, then strokes).
SEAT_LAYOUTS = Setting("seat_layouts", list, None, OFFICE, "座次模板")
SEAT_ORDER = Setting("seat_order", str, "笔画", OFFICE, "同类人员的座次顺序（笔画或界别）")
SEAT_ORDERS = ("笔画", "界别")
# 入场码 (models/services/entry_codes.py): the key its codes are signed with, made when first needed. Kept per
# database, so a code printed from one database proves nothing to another.
ENTRY_CODE_SECRET = Setting("entry_code_secret", str, "", OFFICE, "入场码密钥")
# Bookkeeping of the database itself.
# (Named too, since the 操作日志 shows their rows like any other.)
REFERENCE_DATA_SEEDED = Setting("reference_data_seeded", bool, False, OFFICE, "基础数据已建立（程序内部记录）")
SORT_KEYS_VERSION = Setting("sort_keys_version", int, None, OFFICE, "姓名排序键的版本（程序内部记录）")
DEMO_VERSION = Setting("demo_version", int, None, OFFICE, "演示数据的版本（程序内部记录）")

# -- this PC (QSettings) ----------------------------------------------------------------------------------
LAST_DATABASE_FILE = Setting("database/last_file", str, "", PC, "上次打开的数据库")
# The office database on a server (models/server.py), as 文件 → 连接办公室数据库… last connected from this PC;
# never the password. LAST_DATABASE_SERVER: the next start connects to it instead of opening the last file.
SERVER_HOST = Setting("server/host", str, "", PC, "服务器地址")
SERVER_PORT = Setting("server/port", int, 5432, PC, "端口")
SERVER_DATABASE = Setting("server/database", str, "consultdesk", PC, "数据库名")
SERVER_USER = Setting("server/user", str, "", PC, "用户名")
SERVER_SSLMODE = Setting("server/sslmode", str, "prefer", PC, "加密连接")
LAST_DATABASE_SERVER = Setting("database/last_is_server", bool, False, PC, "上次打开的是办公室数据库")
# Who this PC's changes to a database file are recorded as (models/audit.py; a server records its login).
# None: never asked yet (asked once, ui/dialogs/operator_dialog.py); "": the system user.
OPERATOR_NAME = Setting("audit/operator_name", str, None, PC, "操作人姓名（记入操作日志）")
MAIN_PAGE = Setting("main_window/page", str, "members", PC, "上次打开的页面")
NAME_ORDER = Setting("members/name_order", str, "stroke", PC, "委员名单的姓名顺序")
SETTINGS_TAB = Setting("lookup_settings/tab", int, 0, PC, "参数设置上次的标签")
# The office's own Word templates (models/exports/word_templates.py); empty: the built-in one. A path on
# this PC, hence a PC setting.
NOTICE_TEMPLATE = Setting("templates/notice", str, "", PC, "会议通知模板")
BULLETIN_TEMPLATE = Setting("templates/bulletin", str, "", PC, "政协建言模板")
# Families: one per window, splitter or list.
WINDOW_GEOMETRY = Setting("{name}/geometry", bytes, None, PC)
WINDOW_STATE = Setting("{name}/state", bytes, None, PC)
DIALOG_SIZE = Setting("{name}/size", str, "", PC)  # "宽x高": a dialog opens centred on its window, at this size
SPLITTER_STATE = Setting("{name}/splitter", bytes, None, PC)
HEADER_STATE = Setting("{name}/header", bytes, None, PC)
# The folder a file dialog opens in, one per kind of file (see ui/files.py); empty: 文档.
LAST_FOLDER = Setting("files/{name}/last_folder", str, "", PC, "上次保存或打开这类文件的文件夹")
FOLDER_KINDS = ("excel", "pdf", "word", "import", "attachment", "backup", "database")

# The registry: every setting above, by where it lives (tests check nothing is left out or misfiled).
OFFICE_SETTINGS = (COMMITTEE_NAME, PRINT_ISSUER, SEATING_EVEN_ONE_LEFT, SEAT_LAYOUTS, SEAT_ORDER, PERFORMANCE_SCHEME,
                   HOLIDAY_TABLE, NOTICE_LEAD_DAYS, REPLY_LEAD_DAYS, ENTRY_CODE_SECRET, REFERENCE_DATA_SEEDED,
                   SORT_KEYS_VERSION, DEMO_VERSION)
PC_SETTINGS = (LAST_DATABASE_FILE, SERVER_HOST, SERVER_PORT, SERVER_DATABASE, SERVER_USER, SERVER_SSLMODE,
               LAST_DATABASE_SERVER, MAIN_PAGE, NAME_ORDER, SETTINGS_TAB, NOTICE_TEMPLATE, BULLETIN_TEMPLATE,
               OPERATOR_NAME)
PC_FAMILIES = (WINDOW_GEOMETRY, WINDOW_STATE, DIALOG_SIZE, SPLITTER_STATE, HEADER_STATE, LAST_FOLDER)

__all__ = [name for name in dir() if name.isupper()] + ["Setting"]
