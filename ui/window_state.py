"""This PC's settings (QSettings, INI file): the values declared in models/settings.py, read and written
only here — window sizes, splitters and table columns among them, so they are remembered between runs.
A window's size, default or remembered, is cut to the screen it opens on (ui/window_fit.py)."""

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from models.settings import DIALOG_SIZE, HEADER_STATE, PC, SPLITTER_STATE, WINDOW_GEOMETRY, WINDOW_STATE, Setting
from ui.window_fit import fit_to_screen


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


def restore_window(settings: QSettings, key: str, window: QWidget, default: QSize) -> bool:
    """The remembered geometry (else `default`), cut to the screen; True if one was remembered."""
    geometry = read(settings, WINDOW_GEOMETRY.of(key))
    restored = geometry is not None and window.restoreGeometry(geometry)
    if restored:
        state = read(settings, WINDOW_STATE.of(key))
        if state is not None and isinstance(window, QMainWindow):
            window.restoreState(state)
    else:
        window.resize(default)
    fit_to_screen(window)
    return restored


def save_size(settings: QSettings, key: str, window: QWidget) -> None:
    """A dialog's size only: it opens centred on the window it belongs to."""
    write(settings, DIALOG_SIZE.of(key), f"{window.width()}x{window.height()}")


def restore_size(settings: QSettings, key: str, window: QWidget) -> bool:
    """The remembered size of a dialog (not below what its contents need), cut to the screen."""
    width, _, height = read(settings, DIALOG_SIZE.of(key)).partition("x")
    # ASCII digits only: "²".isdigit() is True but int("²") fails, and a hand-edited INI file may hold it
    restored = all(part.isascii() and part.isdigit() and len(part) <= 5 for part in (width, height))
    if restored:
        window.resize(QSize(int(width), int(height)).expandedTo(window.minimumSizeHint()))
    fit_to_screen(window)
    return restored


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
