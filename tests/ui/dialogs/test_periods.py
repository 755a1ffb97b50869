"""Suspensions and company periods: length and rules shown live, refusals by the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from movdesk.models import CompanyPeriod, Employer, Suspension, SuspensionKind
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.ui.dialogs import CompanyPeriodDialog, SuspensionDialog

from .conftest import count, tab, type_into

pytestmark = pytest.mark.gui


def test_a_sickness_suspension_typed_and_saved(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    type_into(qtbot, dialog.start, "02032026")
    assert tab(qtbot, dialog) is dialog.end
    qtbot.keyClicks(dialog.end, "06032026")
    assert "Durée : 5 jours" in dialog.advice_text()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        row = session.scalars(select(Suspension)).one()
        assert (row.kind, row.start_date, row.end_date) == (
            SuspensionKind.SICKNESS,
            date(2026, 3, 2),
            date(2026, 3, 6),
        )


def test_sickness_over_14_days_is_refused_under_the_end(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    type_into(qtbot, dialog.start, "02032026")
    type_into(qtbot, dialog.end, "16032026")
    assert "Maladie : 14 jours consécutifs au plus par suspension" in dialog.advice_text()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.error_text("end").startswith("Une suspension pour maladie dure au plus 14")
    assert dialog.isVisible() and count(session_factory, Suspension) == 0


def test_leave_shows_the_days_used_out_of_35(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    rows.add_suspension(
        desk, case_id, kind=SuspensionKind.LEAVE, start=date(2026, 2, 2), end=date(2026, 2, 8)
    )
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    dialog.kind.set_value(SuspensionKind.LEAVE)
    assert "Congés sur la prestation : 14 / 35 jours" in dialog.advice_text()


def test_a_company_period_with_a_new_employer(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id))
    type_into(qtbot, dialog.employer.lineEdit(), "Boulangerie Paul")
    type_into(qtbot, dialog.start, "09032026")
    type_into(qtbot, dialog.end, "20032026")
    assert dialog.advice_text().endswith(
        "Entre 7 et 42 jours : satisfait l'obligation de période en entreprise"
    )
    type_into(qtbot, dialog.rome, "d1102")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        period = session.scalars(select(CompanyPeriod)).one()
        assert (period.rome, period.employer.name) == ("D1102", "Boulangerie Paul")


def test_a_company_period_refused_then_confirmed(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory, monkeypatch
) -> None:
    asked: list[list[str]] = []
    monkeypatch.setattr(
        CompanyPeriodDialog, "confirm_warnings", lambda self, m: asked.append(list(m)) or True
    )
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id))
    type_into(qtbot, dialog.start, "09032026")
    type_into(qtbot, dialog.end, "20042026")
    assert "Plus de 42 jours : refusée (6 semaines au plus)" in dialog.advice_text()
    type_into(qtbot, dialog.rome, "D11")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    # Both refusals at the first save: the code's shape and the length.
    assert dialog.error_text("rome") == (
        "Le code ROME « D11 » s'écrit d'une lettre majuscule et de 4 chiffres (ex. D1106)."
    )
    assert dialog.error_text("end").startswith("Une période en entreprise dure au plus 42 jours")
    type_into(qtbot, dialog.rome, "D1106")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    assert dialog.error_text("rome") == ""
    assert dialog.error_text("end").startswith("Une période en entreprise dure au plus 42 jours")
    assert count(session_factory, CompanyPeriod) == 0 and count(session_factory, Employer) == 0

    # Under 7 days: accepted once the user confirms the warning.
    type_into(qtbot, dialog.end, "13032026")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert len(asked) == 1 and "moins de 7 jours" in asked[0][0]
    assert count(session_factory, CompanyPeriod) == 1
