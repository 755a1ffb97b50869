"""The exit dialog: the block of the reason, the verdict live, refusals by the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from movdesk.models import Case, ContractType, ExitReason, InterviewKind
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.ui.dialogs import ExitDialog

from .conftest import type_into

pytestmark = pytest.mark.gui


def test_the_verdict_follows_what_is_typed_and_a_cdi_is_saved(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    contract = dialog.inputs["employment_contract"]
    assert contract.isVisible()
    assert not dialog.inputs["training_hours_total"].isVisible()
    contract.set_value(ContractType.CDD)
    type_into(qtbot, dialog.inputs["employment_start"], "02032026")
    type_into(qtbot, dialog.inputs["employment_end"], "01052026")
    dialog.inputs["employment_full_time"].set_value(True)
    assert "sortie non positive" in dialog.verdict.text()
    assert "moins de 3 mois" in dialog.verdict.text()

    contract.setFocus()
    qtbot.keyClick(contract, Qt.Key.Key_Up)  # CDD → CDI
    assert contract.value() is ContractType.CDI
    assert dialog.verdict.text().endswith("sortie positive")
    qtbot.keyClick(contract, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        case = session.get(Case, case_id)
        assert (case.exit.reason, case.exit.employment_contract) == (
            ExitReason.EMPLOYMENT,
            ContractType.CDI,
        )


def test_an_appointment_planned_after_the_exit_is_named_with_what_to_do(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    """The weekly appointment planned before the job was known blocks the exit: the form
    says which one and what to do, not the rule of the case's dates."""
    rows.schedule_interview(desk, case_id, on=date(2026, 3, 5), kind=InterviewKind.INDIVIDUAL)
    dialog = open_dialog(ExitDialog(desk, case_id))
    dialog.inputs["employment_contract"].set_value(ContractType.CDI)
    dialog.inputs["employment_full_time"].set_value(True)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.error_text("date").startswith(
        "L'entretien prévu le 05/03/2026 tombe après la sortie (02/03/2026) : déplacez-le "
        "ou supprimez-le dans l'onglet Entretiens."
    )
    with session_factory() as session:
        assert session.get(Case, case_id).exit is None


def test_a_job_without_contract_type_is_refused_next_to_it(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.error_text("employment_contract") == (
        "Le type de contrat est obligatoire pour une reprise d'emploi."
    )
    with session_factory() as session:
        assert session.get(Case, case_id).exit is None


def test_an_interruption_hides_the_blocks_and_says_the_48_hours(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    dialog.reason.set_value(ExitReason.ABANDON)
    assert not dialog.inputs["employment_contract"].isVisible()
    assert dialog.verdict.text() == "Interruption — abandon : sortie non positive"
    assert "au plus tard le 04/03/2026" in dialog.advice_text()
    type_into(qtbot, dialog.date_field, "06012026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert "entre l'entretien de contractualisation (07/01/2026)" in dialog.error_text("date")
    # An exit still to come is not recorded ahead: the case would read closed.
    type_into(qtbot, dialog.date_field, "10032026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert dialog.error_text("date").startswith("La date de sortie (10/03/2026) est à venir")
    with session_factory() as session:
        assert session.get(Case, case_id).exit is None
    type_into(qtbot, dialog.date_field, "02032026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    with session_factory() as session:
        exit = session.get(Case, case_id).exit
        assert (exit.reason, exit.date) == (ExitReason.ABANDON, date(2026, 3, 2))


def test_training_hours_decide(qtbot: QtBot, open_dialog, desk: Desk, case_id: int) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    dialog.reason.set_value(ExitReason.TRAINING)
    dialog.inputs["training_qualifying"].set_value(True)
    type_into(qtbot, dialog.inputs["training_hours_total"], "150")
    type_into(qtbot, dialog.inputs["training_hours_per_week"], "35")
    assert "sortie non positive" in dialog.verdict.text()
    type_into(qtbot, dialog.inputs["training_hours_total"], "400")
    assert dialog.verdict.text().endswith("sortie positive")


def test_the_verdict_waits_for_the_working_time_and_never_moves_the_form(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    contract = dialog.inputs["employment_contract"]
    contract.setFocus()
    qtbot.keyClick(contract, Qt.Key.Key_Down)  # — → CDI
    assert contract.value() is ContractType.CDI
    # Full time not answered yet: nothing is called part-time, the verdict asks.
    assert dialog.verdict.text() == (
        "À compléter : CDI à temps plein ou non (sinon, les heures par mois)"
    )
    assert "#8a5a00" in dialog.verdict.styleSheet()
    height = dialog.height()
    verdict_height = dialog.verdict.height()
    # A CDD of December and January reads « 2 mois », as a contract is read.
    contract.set_value(ContractType.CDD)
    type_into(qtbot, dialog.inputs["employment_start"], "01122026")
    type_into(qtbot, dialog.inputs["employment_end"], "31012027")
    dialog.inputs["employment_full_time"].set_value(True)
    assert dialog.verdict.text().startswith("CDD de 2 mois (jusqu'au 31/01/2027) : moins de 3")
    assert dialog.inputs["employment_end"].value() == date(2027, 1, 31)
    # The longer verdict wraps inside the room kept for it: nothing below moves.
    assert (dialog.height(), dialog.verdict.height()) == (height, verdict_height)
    assert dialog.verdict.heightForWidth(dialog.verdict.width()) <= verdict_height


def test_an_employer_typed_by_name_is_kept(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ExitDialog(desk, case_id))
    dialog.inputs["employment_contract"].set_value(ContractType.CDI)
    dialog.inputs["employment_full_time"].set_value(True)
    employer = dialog.inputs["employment_employer_id"]
    type_into(qtbot, employer.lineEdit(), "Transports Lefranc")
    qtbot.keyClick(employer, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        exit = session.get(Case, case_id).exit
        assert exit.employment_employer.name == "Transports Lefranc"
        employer_id = exit.employment_employer_id
    # Opened again, the exit shows its employer, now in the list.
    again = open_dialog(ExitDialog(desk, case_id))
    assert again.inputs["employment_employer_id"].currentText() == "Transports Lefranc"
    assert again.inputs["employment_employer_id"].value() == employer_id
