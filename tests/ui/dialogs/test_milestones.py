"""Contracting, online obligations, renewal, retention and change of referent."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Case, CaseStatus, ContractingResult, ContractType, ExitReason
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.ui.dialogs import (
    ContractingDialog,
    OnlineObligationsDialog,
    ReferentDialog,
    RenewalDialog,
    RetentionDialog,
)

from .conftest import type_into

pytestmark = pytest.mark.gui


def read_case(factory: sessionmaker[Session], case_id: int) -> Case:
    with factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case


@pytest.fixture
def new_case(desk: Desk, referent_id: int) -> int:
    """An order received today, no contracting interview yet."""
    return register_order(
        desk,
        order_number="LC-2026-000777",
        referent_id=referent_id,
        start_date=date(2026, 3, 2),
        beneficiary=BeneficiaryInput(last_name="Roux", first_name="Paul", pe_id="7777777P"),
    )


def test_contracting_signed(
    qtbot: QtBot, open_dialog, desk: Desk, new_case: int, session_factory
) -> None:
    dialog = open_dialog(ContractingDialog(desk, new_case))
    assert "Au plus tard le 09/03/2026 (S + 7 jours)" in dialog.advice_text()
    type_into(qtbot, dialog.date_field, "03032026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    case = read_case(session_factory, new_case)
    assert (case.contracting_date, case.contracting_result) == (
        date(2026, 3, 3),
        ContractingResult.SIGNED,
    )
    assert case.status is CaseStatus.ACTIVE


def test_contracting_before_the_start_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, new_case: int, session_factory
) -> None:
    dialog = open_dialog(ContractingDialog(desk, new_case))
    type_into(qtbot, dialog.date_field, "27022026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert dialog.error_text("date").startswith("L'entretien de contractualisation a lieu entre")
    assert read_case(session_factory, new_case).contracting_date is None


def test_online_obligations(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(OnlineObligationsDialog(desk, case_id))
    assert dialog.offers.text() == "" and dialog.offers.value() is None
    type_into(qtbot, dialog.offers, "01012026")
    qtbot.keyClick(dialog.offers, Qt.Key.Key_Return)
    assert dialog.error_text("offers") == "La date précède le début S (05/01/2026)."
    assert read_case(session_factory, case_id).offers_subscription_date is None

    type_into(qtbot, dialog.offers, "16022026")
    qtbot.keyClick(dialog.offers, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    case = read_case(session_factory, case_id)
    assert (case.offers_subscription_date, case.online_profile_date) == (date(2026, 2, 16), None)


def test_renewal_granted_shows_and_saves_the_new_end(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(RenewalDialog(desk, case_id))
    assert dialog.new_end.text() == "03/07/2026 (inchangée)"
    assert not dialog.decision_date.isEnabled()
    dialog.choice.setFocus()
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Down)
    assert dialog.new_end.text() == "03/01/2027 (E + 6 mois)"
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Return)
    assert read_case(session_factory, case_id).renewal_new_end_date == date(2027, 1, 3)


def test_a_second_renewal_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    ms.record_renewal_decision(desk, case_id, decided_on=date(2026, 2, 2), granted=False)
    dialog = open_dialog(RenewalDialog(desk, case_id))
    dialog.choice.setCurrentIndex(1)
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Return)
    assert "ne peut être renouvelée qu'une seule fois" in dialog.error_text("decision_date")
    assert read_case(session_factory, case_id).renewal_new_end_date is None


def test_retention_needs_a_job_exit(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(RetentionDialog(desk, case_id))
    qtbot.keyClick(dialog.retained, Qt.Key.Key_Return)
    assert dialog.error_text("retained").startswith("Le maintien à 3 mois ne se constate")

    ms.record_exit(
        desk,
        case_id,
        ms.ExitInput(
            date=date(2026, 1, 12),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDI,
            employment_full_time=True,
        ),
    )
    dialog = open_dialog(RetentionDialog(desk, case_id))
    assert "le 12/04/2026" in dialog.advice_text()
    type_into(qtbot, dialog.date_field, "13042026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert "après aujourd'hui" in dialog.error_text("date")
    type_into(qtbot, dialog.date_field, "02032026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert "à partir du 12/04/2026" in dialog.error_text("retained")
    with session_factory() as session:
        assert session.get(Case, case_id).exit.retained_at_3_months is None

    desk.clock = lambda: date(2026, 4, 13)
    dialog = open_dialog(RetentionDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "13042026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    with session_factory() as session:
        case = session.get(Case, case_id)
        assert case.exit.retained_at_3_months is True
        assert case.exit.retention_recorded_on == date(2026, 4, 13)


def test_change_of_referent(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    other = add_referent(desk, "Karim Benali")
    dialog = open_dialog(ReferentDialog(desk, case_id))
    assert dialog.current.text() == "Claire Martin"
    qtbot.keyClick(dialog.referent, Qt.Key.Key_Return)
    assert dialog.error_text("new_referent") == (
        "Le nouveau référent est obligatoire : choisissez-le dans la liste."
    )

    dialog.referent.setFocus()
    qtbot.keyClick(dialog.referent, Qt.Key.Key_Down)
    type_into(qtbot, dialog.date_field, "01012026")
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert dialog.error_text("date") == (
        "Le changement de référent ne peut précéder le début S (05/01/2026)."
    )
    assert read_case(session_factory, case_id).referent_id != other

    type_into(qtbot, dialog.date_field, "02032026")
    qtbot.keyClicks(dialog.reason, "Conge maternite")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_case(session_factory, case_id).referent_id == other
