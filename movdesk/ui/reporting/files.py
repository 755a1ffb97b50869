"""Choosing where a file goes, starting in the folder used last time.

The reporting pages remember one folder in the window settings (``reporting/folder``):
the month's files of an office usually go to the same place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

#: Where the last folder chosen is kept in the window settings.
FOLDER_KEY = "reporting/folder"


def _settings() -> QSettings:
    # Read where the main window keeps its settings; imported late, the window imports us.
    from ..main_window import window_settings

    return window_settings()


def remembered_folder() -> str:
    """The folder of the last file saved from a reporting page (or "")."""
    value = _settings().value(FOLDER_KEY, "")
    folder = str(value) if value else ""
    return folder if folder and Path(folder).is_dir() else ""


def remember_folder(path: str) -> None:
    settings = _settings()
    settings.setValue(FOLDER_KEY, str(Path(path).parent))
    settings.sync()


def ask_save_path(parent: QWidget, title: str, name: str, file_filter: str) -> str | None:
    """Ask where to save ``name`` (in the remembered folder); None when cancelled."""
    start = str(Path(remembered_folder()) / name) if remembered_folder() else name
    path, _chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if not path:
        return None
    remember_folder(path)
    return path
