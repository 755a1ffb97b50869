"""Correcting the beneficiary and the order letter from the keyboard, and a known person
met again in a new order."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Beneficiary, Case, CaseStatus, ContractingResult
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.ui.dialogs import BeneficiaryDialog, ContractingDialog, OrderDialog, OrderEditDialog

from .conftest import answer_next_box, tab, type_into

pytestmark = pytest.mark.gui


def read_case(factory: sessionmaker[Session], case_id: int) -> Case:
    with factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.beneficiary  # noqa: B018 - loaded before the session closes
        return case


def test_a_typo_in_the_first_name_and_a_new_phone(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(BeneficiaryDialog(desk, case_id))
    assert dialog.pe_id.text() == "1234567A"
    assert dialog.person.first_name.text() == "Sophie"
    dialog.pe_id.setFocus()
    assert tab(qtbot, dialog) is dialog.person.civility
    assert tab(qtbot, dialog, 2) is dialog.person.first_name
    qtbot.keyClicks(dialog.person.first_name, "Sofie")
    assert tab(qtbot, dialog, 3) is dialog.person.phone
    qtbot.keyClicks(dialog.person.phone, "06 12 34 56 78")
    qtbot.keyClick(dialog.person.phone, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    person = read_case(session_factory, case_id).beneficiary
    assert (person.first_name, person.phone, person.last_name) == (
        "Sofie",
        "06 12 34 56 78",
        "Durand",
    )


def test_a_name_left_empty_is_obligatoire(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(BeneficiaryDialog(desk, case_id))
    type_into(qtbot, dialog.person.last_name, "")
    qtbot.keyClick(dialog.person.last_name, Qt.Key.Key_Delete)
    type_into(qtbot, dialog.pe_id, "12345")
    qtbot.keyClick(dialog.pe_id, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_text("last_name") == "Le nom est obligatoire."
    assert "doit compter 7 chiffres" in dialog.error_text("pe_id")
    assert read_case(session_factory, case_id).beneficiary.last_name == "Durand"


def test_the_order_letter_is_corrected(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderEditDialog(desk, case_id))
    assert dialog.length.text() == "180 jours"
    type_into(qtbot, dialog.end, "30062026")
    assert dialog.length.text() == "177 jours"
    type_into(qtbot, dialog.agency, "Agence Roubaix")
    type_into(qtbot, dialog.order_number, "LC-2026-000124")
    qtbot.keyClick(dialog.order_number, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    case = read_case(session_factory, case_id)
    assert (case.order_number, case.end_date, case.agency) == (
        "LC-2026-000124",
        date(2026, 6, 30),
        "Agence Roubaix",
    )


def test_an_order_made_too_long_is_refused_next_to_e(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderEditDialog(desk, case_id))
    type_into(qtbot, dialog.end, "04/07/26")
    assert dialog.length.text() == "181 jours : 180 jours au plus"
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.error_text("end").startswith("La prestation dure au plus 180 jours")
    assert read_case(session_factory, case_id).end_date == date(2026, 7, 3)


def test_a_known_person_s_details_are_updated_from_a_new_order(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    # Her first case is over: the order is not unusual, her address changed.
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.REFUSED)
    dialog = open_dialog(OrderDialog(desk))
    type_into(qtbot, dialog.order_number, "LC-2026-000300")
    dialog.referent.setCurrentIndex(1)
    type_into(qtbot, dialog.pe_id, "1234567A")
    assert dialog.known.text().endswith("ses coordonnées seront reprises")
    assert not dialog.address.isEnabled()
    assert tab(qtbot, dialog) is dialog.update_known
    qtbot.keyClick(dialog.update_known, Qt.Key.Key_Space)
    assert dialog.address.isEnabled()
    type_into(qtbot, dialog.address, "12 rue Neuve, Douai")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        person = session.scalars(select(Beneficiary)).one()
        assert (person.address, len(person.cases)) == ("12 rue Neuve, Douai", 2)


def test_a_person_with_a_case_in_progress_is_named_and_asked_about(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    dialog = open_dialog(OrderDialog(desk))
    type_into(qtbot, dialog.order_number, "LC-2026-000300")
    dialog.referent.setCurrentIndex(1)
    type_into(qtbot, dialog.pe_id, "1234567A")
    assert dialog.known.text().endswith("encore en cours : LC-2026-000123 (En cours)")
    seen: list[str] = []
    answer_next_box("Revenir au formulaire", seen)
    qtbot.keyClick(dialog.pe_id, Qt.Key.Key_Return)
    assert seen == ["Enregistrer quand même ?"]
    assert dialog.isVisible()
    answer_next_box("Enregistrer quand même", seen)
    qtbot.keyClick(dialog.pe_id, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        assert len(session.scalars(select(Case)).all()) == 2


def test_a_wrong_contracting_result_is_taken_back(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ContractingDialog(desk, case_id))
    assert dialog.windowTitle().startswith("Corriger l'entretien de contractualisation")
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Home)  # « — »: take it back
    assert not dialog.date_field.isEnabled()
    assert "sera effacé" in dialog.advice_text()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    case = read_case(session_factory, case_id)
    assert (case.contracting_result, case.status) == (None, CaseStatus.ORDERED)
