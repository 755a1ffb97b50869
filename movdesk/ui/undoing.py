"""Ctrl+Z in any window: take back the desk's last change, or say in French why not.

The main window and every case file window offer it, each with its own action (a
change is undone in the window where it was made); the action names what it would
take back.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ..errors import UserError
from ..services.context import Desk
from ..services.undo import undo_label, undo_last

#: The text of Annuler when there is nothing named to undo.
UNDO_TEXT = "&Annuler"


def show_undo_state(action: QAction, desk: Desk) -> None:
    """« Annuler : <action> », enabled, or plain « Annuler », disabled."""
    name = undo_label(desk)
    action.setEnabled(name is not None)
    action.setText(f"{UNDO_TEXT} : {name}" if name else UNDO_TEXT)


def undo_in(window: QMainWindow, desk: Desk, action: QAction) -> str | None:
    """Undo the last change from ``window``; the name undone, or None (told why)."""
    try:
        name = undo_last(desk)
    except UserError as error:
        QMessageBox.warning(window, "Annulation impossible", str(error))
        show_undo_state(action, desk)
        return None
    window.statusBar().showMessage(f"Annulé : {name}.", 10_000)
    show_undo_state(action, desk)
    return name
