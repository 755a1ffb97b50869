"""Édition › Annuler and the other commands of the main window, driven from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import ContractingResult, Interview, InterviewKind
from movdesk.services import milestones, rows
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.ui.main_window import NO_CASE_SELECTED, MainWindow
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


def _signed_case(window: MainWindow) -> int:
    desk = window.desk
    referent = add_referent(desk, "Claire Martin")
    start = date.today() - timedelta(days=14)
    case_id = register_order(
        desk,
        order_number="LC-2026-000777",
        referent_id=referent,
        start_date=start,
        beneficiary=BeneficiaryInput(last_name="Durand", first_name="Sophie", pe_id="1234567A"),
    )
    milestones.record_contracting(
        desk, case_id, on=start + timedelta(days=2), result=ContractingResult.SIGNED
    )
    return case_id


def _focused(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def test_ctrl_z_takes_back_the_interview(
    qtbot: QtBot, make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    window = make_window()
    assert not window.undo_action.isEnabled()
    case_id = _signed_case(window)
    interview_id = rows.schedule_interview(
        window.desk, case_id, on=date.today() - timedelta(days=3), kind=InterviewKind.INDIVIDUAL
    )
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Annuler : Enregistrer un entretien"

    _focused(qtbot, window)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    with session_factory() as session:
        assert session.get(Interview, interview_id) is None
        assert session.scalars(select(Interview)).all() == []
    assert window.statusBar().currentMessage() == "Annulé : Enregistrer un entretien."
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Annuler"


def test_undo_refused_is_said_in_french(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    window = make_window()
    window.undo()
    assert told and told[0].startswith("Rien à annuler")


def test_ctrl_e_without_a_selected_case_explains(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = make_window()
    window.show_page(2)
    _focused(qtbot, window)
    qtbot.keyClick(window.navigation, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert told == [NO_CASE_SELECTED]


def test_ctrl_n_registers_an_order_and_opens_its_file(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = pytest.importorskip("movdesk.ui.dialogs")
    window = make_window()
    referent = add_referent(window.desk, "Claire Martin")

    def accept(dialog: QDialog) -> int:
        # What the order form saves when the referent fills it in and clicks Enregistrer.
        dialog.created_case_id = register_order(  # type: ignore[attr-defined]
            window.desk,
            order_number="LC-2026-000888",
            referent_id=referent,
            start_date=date.today(),
            beneficiary=BeneficiaryInput(last_name="Petit", first_name="Marc", pe_id="7654321B"),
        )
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.OrderDialog, "exec", accept)
    opened: list[int] = []
    monkeypatch.setattr(
        "movdesk.ui.casefile.open_case_file", lambda _desk, cid, _parent: opened.append(cid)
    )
    _focused(qtbot, window)
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert window.undo_action.text() == "&Annuler : Enregistrer une lettre de commande"


def test_ctrl_f_shows_the_case_list_search(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    index = window.page_index("focus_search")
    if index is None:
        pytest.skip("la liste des bénéficiaires n'est pas encore là")
    _focused(qtbot, window)
    with qtbot.waitSignal(window.page_changed) as changed:
        qtbot.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [index]
    assert window.current_index() == index


def test_first_run_assistant_is_offered_until_the_office_is_set(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = pytest.importorskip("movdesk.ui.dialogs")
    if not hasattr(dialogs, "FirstRunWizard"):
        pytest.skip("l'assistant de premier démarrage n'est pas encore là")
    shown: list[bool] = []
    monkeypatch.setattr(dialogs.FirstRunWizard, "exec", lambda self: shown.append(True) or 0)
    window = make_window()
    assert window.offer_first_run() is True
    assert shown == [True]
