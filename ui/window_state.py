"""Window size, splitters and table columns remembered between runs (QSettings, INI file)."""

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter


def open_settings(path: Path) -> QSettings:
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_window(settings: QSettings, key: str, window: QMainWindow) -> None:
    settings.setValue(f"{key}/geometry", window.saveGeometry())
    settings.setValue(f"{key}/state", window.saveState())


def restore_window(settings: QSettings, key: str, window: QMainWindow) -> bool:
    geometry = _bytes(settings, f"{key}/geometry")
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = _bytes(settings, f"{key}/state")
    if state is not None:
        window.restoreState(state)
    return True


def save_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    settings.setValue(f"{key}/splitter", splitter.saveState())


def restore_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    state = _bytes(settings, f"{key}/splitter")
    if state is not None:
        splitter.restoreState(state)


def save_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    """Column order, widths, hidden columns and sort indicator of a table."""
    settings.setValue(f"{key}/header", header.saveState())


def restore_header(settings: QSettings, key: str, header: QHeaderView) -> bool:
    state = _bytes(settings, f"{key}/header")
    return state is not None and header.restoreState(state)
