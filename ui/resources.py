"""Icons, the style sheet, Qt's own Chinese translations and the UI font."""

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# Fonts people have on Windows office PCs first, then what Linux desktops carry.
UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
            "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei")


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / name))


def stylesheet() -> str:
    return (RESOURCES / "style.qss").read_text(encoding="utf-8")


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's standard dialogs and buttons (file dialogs, 确定/取消) in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def choose_ui_font(app: QApplication) -> QFont:
    families = set(QFontDatabase.families())
    font = QFont(app.font())
    for family in UI_FONTS:
        if family in families:
            font.setFamily(family)
            break
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)
    return font
