"""Corrections from the case file: the forms open from the « Commande et bénéficiaire »
section, the window shows the result, and Ctrl+Z in the window takes it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from movdesk.ui.casefile import CaseFileWindow
from movdesk.ui.dialogs import BeneficiaryDialog, OrderEditDialog
from tests.ui.modal import when_modal

pytestmark = pytest.mark.gui


def text(win: CaseFileWindow, name: str) -> str:
    label = win.findChild(QLabel, name)
    assert label is not None
    return label.text()


def test_a_name_corrected_from_the_case_file_then_undone_there(
    qtbot: QtBot, window: CaseFileWindow
) -> None:
    def correct(dialog: QWidget) -> None:
        field = dialog.person.first_name  # type: ignore[attr-defined]
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "Sofia")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    seen: list[str] = []
    window.show_section("Commande et bénéficiaire")
    button = window.findChild(QPushButton, "beneficiaryButton")
    assert button is not None and button.isEnabled()
    when_modal(BeneficiaryDialog, correct, seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == ["Modifier le bénéficiaire — DURAND Sophie (LC-2026-000123)"]
    assert text(window, "order-name") == "Madame DURAND Sofia"
    assert window.undo_action.text() == "&Annuler : Modifier le bénéficiaire"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.reloaded):
        target = window.focusWidget() or window
        qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert text(window, "order-name") == "Madame DURAND Sophie"
    assert window.statusBar().currentMessage() == "Annulé : Modifier le bénéficiaire."
    assert not window.undo_action.isEnabled()


def test_the_order_is_corrected_from_the_case_file(
    qtbot: QtBot, window: CaseFileWindow
) -> None:
    def correct(dialog: QWidget) -> None:
        field = dialog.counsellor  # type: ignore[attr-defined]
        field.setFocus()
        qtbot.keyClicks(field, "Mme Roux")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    seen: list[str] = []
    button = window.findChild(QPushButton, "orderButton")
    assert button is not None
    when_modal(OrderEditDialog, correct, seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].startswith("Modifier la commande")
    assert text(window, "order-counsellor") == "Mme Roux"
