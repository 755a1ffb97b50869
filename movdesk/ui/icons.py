"""Icons drawn for movdesk (``resources/icons/*.svg``), with a Qt standard icon as fallback.

The SVG files ship inside the package (``movdesk/resources``) and sit at the top of a
source checkout; should one be missing, the current style's icon stands in rather
than an empty square.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from ..config import resources_dir

ICON_DIR = resources_dir() / "icons"

APP_ICON = "movdesk"


def icon_path(name: str) -> Path:
    """Where the SVG of icon ``name`` is expected."""
    return ICON_DIR / f"{name}.svg"


def load_icon(
    name: str,
    fallback: QStyle.StandardPixmap = QStyle.StandardPixmap.SP_FileIcon,
) -> QIcon:
    """The drawn icon ``name``, or the style's ``fallback`` when the file is missing."""
    path = icon_path(name)
    if path.is_file():
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    return QApplication.style().standardIcon(fallback)
