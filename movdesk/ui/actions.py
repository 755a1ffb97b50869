"""The one way actions are built: text, shortcut, icon, tooltip and slot in one call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence


def create_action(
    parent: QObject,
    text: str,
    *,
    shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
    icon: QIcon | None = None,
    tip: str | None = None,
    triggered: Callable[..., Any] | None = None,
    checkable: bool = False,
) -> QAction:
    """A ``QAction`` owned by ``parent``; the tooltip also shows the shortcut."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(icon)
    if tip is not None:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    if triggered is not None:
        action.triggered.connect(triggered)
    return action
