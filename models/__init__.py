"""ConsultDesk domain layer: tables, rules, queries and exports, free of QtWidgets."""

APP_NAME = "ConsultDesk"
APP_TITLE = "协商会务台"
__version__ = "0.1.0"
