"""This PC's settings (QSettings, INI file): the values declared in models/settings.py, read and written
only here — window sizes, splitters and table columns among them, so they are remembered between runs."""

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from models.settings import HEADER_STATE, PC, SPLITTER_STATE, WINDOW_GEOMETRY, WINDOW_STATE, Setting


def open_settings(path: Path) -> QSettings:
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _pc(setting: Setting) -> Setting:
    if not isinstance(setting, Setting) or setting.scope != PC:
        raise TypeError(f"{setting!r} is not a PC setting of models/settings.py")
    return setting


def read(settings: QSettings, setting: Setting):
    """The stored value as the setting's type (INI files give back text), or its default."""
    value = settings.value(_pc(setting).key)
    if setting.type is bytes:
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
    return setting.coerce(value)


def write(settings: QSettings, setting: Setting, value) -> None:
    settings.setValue(_pc(setting).key, value)


def save_window(settings: QSettings, key: str, window: QWidget) -> None:
    write(settings, WINDOW_GEOMETRY.of(key), window.saveGeometry())
    if isinstance(window, QMainWindow):
        write(settings, WINDOW_STATE.of(key), window.saveState())


def restore_window(settings: QSettings, key: str, window: QWidget) -> bool:
    geometry = read(settings, WINDOW_GEOMETRY.of(key))
    if geometry is None or not window.restoreGeometry(geometry):
        return False
    state = read(settings, WINDOW_STATE.of(key))
    if state is not None and isinstance(window, QMainWindow):
        window.restoreState(state)
    return True


def save_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    write(settings, SPLITTER_STATE.of(key), splitter.saveState())


def restore_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    state = read(settings, SPLITTER_STATE.of(key))
    if state is not None:
        splitter.restoreState(state)


def save_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    """Column order, widths, hidden columns and sort indicator of a table."""
    write(settings, HEADER_STATE.of(key), header.saveState())


def restore_header(settings: QSettings, key: str, header: QHeaderView) -> bool:
    state = read(settings, HEADER_STATE.of(key))
    return state is not None and header.restoreState(state)
