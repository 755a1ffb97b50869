"""Paramètres › Référents from the keyboard, and Ctrl+N before any referent exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Referent
from movdesk.services.lookups import referent_choices
from movdesk.services.referents import add_referent
from movdesk.ui.dialogs import OrderDialog
from movdesk.ui.dialogs.referents import ReferentNameDialog
from movdesk.ui.pages import SettingsPage
from movdesk.ui.pages.referents import NO_REFERENT_TITLE, ReferentsGroup
from tests.ui.conftest import WindowFactory
from tests.ui.modal import when_modal

pytestmark = pytest.mark.gui


def type_name(qtbot: QtBot, first: str, last: str) -> Callable[[ReferentNameDialog], None]:
    def act(dialog: ReferentNameDialog) -> None:
        for field, text in ((dialog.first_name, first), (dialog.last_name, last)):
            field.setFocus()
            qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(field, text)
        qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
        if dialog.isVisible():  # refused: say so, and close without saving
            seen_errors.append(dialog.error_text("last_name") or dialog.error_text("first_name"))
            dialog.done(0)

    return act


seen_errors: list[str] = []


def names(factory: sessionmaker[Session]) -> list[tuple[str, bool]]:
    with factory() as session:
        rows = session.execute(select(Referent.full_name, Referent.active).order_by(Referent.id))
        return [(name, active) for name, active in rows]


def group_of(window: Any) -> ReferentsGroup:
    page = next(p for p in window.pages if isinstance(p, SettingsPage))
    window.show_page(window.pages.index(page))
    return page.referents


def test_add_rename_and_deactivate_a_referent(
    qtbot: QtBot, make_window: WindowFactory, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    group = group_of(window)
    seen: list[str] = []
    seen_errors.clear()
    when_modal(ReferentNameDialog, type_name(qtbot, "Claire", "Martin"), seen)
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    assert seen == ["Nouveau référent"]
    assert names(session_factory) == [("Claire Martin", True)]
    assert group.list.currentItem().text() == "Claire Martin — aucun dossier"

    # F2 on the selected line renames her; a name already used is refused.
    add_referent(window.desk, "Karim Benali")
    group.refresh()
    group.list.setCurrentRow([r.full_name for r in group.rows].index("Claire Martin"))
    group.list.setFocus()
    when_modal(ReferentNameDialog, type_name(qtbot, "Karim", "Benali"), seen)
    qtbot.keyClick(group.list, Qt.Key.Key_F2)
    assert seen_errors == ["Un référent « Karim Benali » existe déjà."]
    when_modal(ReferentNameDialog, type_name(qtbot, "Claire", "Martin-Roux"), seen)
    qtbot.keyClick(group.list, Qt.Key.Key_Return)
    assert ("Claire Martin-Roux", True) in names(session_factory)

    # Deactivated: greyed, marked, kept; no longer offered to a new order.
    group.list.setCurrentRow([r.full_name for r in group.rows].index("Claire Martin-Roux"))
    assert group.active_button.text() == "&Désactiver"
    qtbot.mouseClick(group.active_button, Qt.MouseButton.LeftButton)
    assert ("Claire Martin-Roux", False) in names(session_factory)
    assert group.list.currentItem().text() == "Claire Martin-Roux (inactif) — aucun dossier"
    assert group.active_button.text() == "&Réactiver"
    assert [c.label for c in referent_choices(window.desk)] == ["Karim Benali"]
    order = OrderDialog(window.desk)
    qtbot.addWidget(order)
    offered = [order.referent.itemText(i) for i in range(order.referent.count())]
    assert offered == ["— choisir —", "Karim Benali"]


def test_a_name_without_first_name_is_refused(qtbot: QtBot, desk_window: Any) -> None:
    dialog = ReferentNameDialog(desk_window.desk)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.last_name.setFocus()
    qtbot.keyClicks(dialog.last_name, "Martin")
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
    assert dialog.error_text("first_name") == "Le prénom est obligatoire."
    assert dialog.isVisible()


@pytest.fixture
def desk_window(make_window: WindowFactory) -> Any:
    return make_window()


def test_ctrl_n_without_referent_says_what_to_do_and_offers_to_add_one(
    qtbot: QtBot, make_window: WindowFactory, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    opened: list[QWidget] = []
    monkeypatch.setattr(OrderDialog, "exec", lambda self: opened.append(self) or 0)
    seen: list[str] = []

    def add_one(box: QMessageBox) -> None:
        assert "Aucun référent n'est enregistré" in box.text()
        when_modal(ReferentNameDialog, type_name(qtbot, "Claire", "Martin"), seen)
        next(b for b in box.buttons() if b.text() == "&Ajouter un référent…").click()

    when_modal(QMessageBox, add_one, seen)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == [NO_REFERENT_TITLE, "Nouveau référent"]
    assert opened == []  # no order form with an empty referent list
    assert isinstance(window.current_page(), SettingsPage)
    assert names(session_factory) == [("Claire Martin", True)]
    # Now Ctrl+N opens the order form, which offers her.
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and opened[0].referent.count() == 2
