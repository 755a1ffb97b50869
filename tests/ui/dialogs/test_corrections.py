"""Correcting a suspension, a company period and an action-plan step from their forms."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import sessionmaker

from movdesk.models import (
    Action,
    ActionStatus,
    ActionStep,
    CompanyPeriod,
    Employer,
    Partner,
    Suspension,
    SuspensionKind,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.ui.dialogs import ActionDialog, CompanyPeriodDialog, SuspensionDialog

from .conftest import count, type_into

pytestmark = pytest.mark.gui


def _get(session_factory: sessionmaker, entity: type, row_id: int):
    with session_factory() as session:
        row = session.get(entity, row_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_suspension_corrected(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    rows.add_suspension(
        desk, case_id, kind=SuspensionKind.LEAVE, start=date(2026, 2, 2), end=date(2026, 2, 8)
    )
    suspension_id = rows.add_suspension(
        desk,
        case_id,
        kind=SuspensionKind.LEAVE,
        start=date(2026, 3, 2),
        end=date(2026, 3, 6),
        notes="Vacances",
    )
    dialog = open_dialog(SuspensionDialog(desk, case_id, suspension_id))
    assert dialog.windowTitle().startswith("Modifier la suspension")
    assert dialog.kind.value() is SuspensionKind.LEAVE
    assert (dialog.start.value(), dialog.end.value()) == (date(2026, 3, 2), date(2026, 3, 6))
    assert dialog.notes.toPlainText() == "Vacances"
    # The suspension being corrected is not counted twice in the leave already taken.
    assert "Congés sur la prestation : 12 / 35 jours" in dialog.advice_text()
    type_into(qtbot, dialog.end, "13032026")
    assert "Congés sur la prestation : 19 / 35 jours" in dialog.advice_text()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_id == suspension_id
    row = _get(session_factory, Suspension, suspension_id)
    assert (row.end_date, row.notes) == (date(2026, 3, 13), "Vacances")
    assert count(session_factory, Suspension) == 2


def test_a_refused_suspension_correction_saves_nothing(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    suspension_id = rows.add_suspension(
        desk, case_id, kind=SuspensionKind.SICKNESS, start=date(2026, 3, 2), end=date(2026, 3, 6)
    )
    dialog = open_dialog(SuspensionDialog(desk, case_id, suspension_id))
    type_into(qtbot, dialog.end, "16032026")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.error_text("end").startswith("Une suspension pour maladie dure au plus 14")
    assert dialog.isVisible()
    assert _get(session_factory, Suspension, suspension_id).end_date == date(2026, 3, 6)


@pytest.fixture
def period_id(desk: Desk, case_id: int) -> int:
    ms.start_phase2(desk, case_id, on=date(2026, 2, 16))
    return rows.add_company_period(
        desk,
        case_id,
        start=date(2026, 4, 6),
        end=date(2026, 4, 17),
        employer_name="Boulangerie Petit",
        job_title="Vendeur",
        rome="D1106",
    )


def test_a_company_period_corrected(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, period_id: int, session_factory
) -> None:
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id, period_id))
    assert dialog.employer.currentText() == "Boulangerie Petit"
    assert (dialog.start.value(), dialog.end.value()) == (date(2026, 4, 6), date(2026, 4, 17))
    assert (dialog.job_title.text(), dialog.rome.text()) == ("Vendeur", "D1106")
    type_into(qtbot, dialog.rome, "d1102")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = _get(session_factory, CompanyPeriod, period_id)
    assert (row.rome, row.job_title, row.end_date) == ("D1102", "Vendeur", date(2026, 4, 17))
    assert count(session_factory, Employer) == 1 and count(session_factory, CompanyPeriod) == 1


def test_a_company_period_of_43_days_is_refused_under_the_end(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, period_id: int, session_factory
) -> None:
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id, period_id))
    type_into(qtbot, dialog.end, "18052026")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.error_text("end").startswith("Une période en entreprise dure au plus 42 jours")
    assert dialog.isVisible()
    assert _get(session_factory, CompanyPeriod, period_id).end_date == date(2026, 4, 17)


def test_an_action_followed_up_and_corrected(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    with session_factory() as session:
        session.add(Partner(name="CCAS de Lille"))
        session.commit()
    action_id = rows.add_action(
        desk,
        case_id,
        step=ActionStep.SOCIAL,
        description="Dossier FSL",
        due_date=date(2026, 3, 20),
        partner_id=1,
    )
    new = open_dialog(ActionDialog(desk, case_id))
    assert not new.status.isVisibleTo(new)

    dialog = open_dialog(ActionDialog(desk, case_id, action_id))
    assert not dialog.step.isEnabled() and dialog.status.isVisibleTo(dialog)
    assert dialog.description.text() == "Dossier FSL"
    assert (dialog.due.value(), dialog.partner.value()) == (date(2026, 3, 20), 1)
    assert dialog.status.value() is ActionStatus.PLANNED
    type_into(qtbot, dialog.description, "Dossier FSL remis")
    dialog.status.set_value(ActionStatus.IN_PROGRESS)
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = _get(session_factory, Action, action_id)
    assert (row.description, row.status, row.due_date, row.partner_id) == (
        "Dossier FSL remis",
        ActionStatus.IN_PROGRESS,
        date(2026, 3, 20),
        1,
    )


def test_an_action_without_description_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    action_id = rows.add_action(desk, case_id, step=ActionStep.SOCIAL, description="Dossier FSL")
    dialog = open_dialog(ActionDialog(desk, case_id, action_id))
    dialog.description.clear()
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    assert dialog.error_text("description") == "La description de l'action est obligatoire."
    assert dialog.isVisible()
    assert _get(session_factory, Action, action_id).description == "Dossier FSL"
