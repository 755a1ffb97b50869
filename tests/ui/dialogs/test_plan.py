"""Barriers, action-plan steps and professional leads."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from movdesk.models import (
    Action,
    ActionStep,
    Barrier,
    BarrierCategory,
    BarrierStatus,
    JobTarget,
    Partner,
)
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.ui.dialogs import ActionDialog, BarrierDialog, JobTargetDialog

from .conftest import count, type_into

pytestmark = pytest.mark.gui


def test_a_barrier_added_then_lifted(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    with session_factory() as session:
        session.add(Partner(name="CCAS de Lille"))
        session.commit()
    dialog = open_dialog(BarrierDialog(desk, case_id))
    dialog.category.setFocus()
    qtbot.keyClick(dialog.category, Qt.Key.Key_End)  # « Autre »
    type_into(qtbot, dialog.description, "Pas de permis")
    dialog.partner.set_value(1)
    qtbot.keyClick(dialog.category, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    barrier_id = dialog.result_id

    dialog = open_dialog(BarrierDialog(desk, case_id, barrier_id))
    assert dialog.description.toPlainText() == "Pas de permis"
    assert not dialog.category.isEnabled()
    dialog.status.set_value(BarrierStatus.LIFTED)
    qtbot.keyClick(dialog.status, Qt.Key.Key_Return)
    with session_factory() as session:
        row = session.scalars(select(Barrier)).one()
        assert (row.category, row.status, row.partner_id) == (
            BarrierCategory.OTHER,
            BarrierStatus.LIFTED,
            1,
        )
        assert row.lifted_on == date(2026, 3, 2)


def test_a_barrier_removed_meanwhile_is_said_at_the_top(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    barrier_id = rows.add_barrier(desk, case_id, category=BarrierCategory.HEALTH)
    dialog = open_dialog(BarrierDialog(desk, case_id, barrier_id))
    with session_factory() as session:
        session.delete(session.get(Barrier, barrier_id))
        session.commit()
    qtbot.keyClick(dialog.status, Qt.Key.Key_Return)
    assert dialog.banner_text().startswith("Frein introuvable")
    assert dialog.isVisible()


def test_an_action_needs_a_description(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(ActionDialog(desk, case_id))
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    assert dialog.error_text("description") == "La description de l'action est obligatoire."
    assert count(session_factory, Action) == 0

    dialog.step.set_value(ActionStep.JOB_SEARCH)
    qtbot.keyClicks(dialog.description, "Atelier CV")
    type_into(qtbot, dialog.due, "20032026")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)
    with session_factory() as session:
        row = session.scalars(select(Action)).one()
        assert (row.step, row.description, row.due_date) == (
            ActionStep.JOB_SEARCH,
            "Atelier CV",
            date(2026, 3, 20),
        )


def test_a_job_target_with_its_rome_code(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(JobTargetDialog(desk, case_id))
    qtbot.keyClicks(dialog.title_field, "Agent de proprete")
    type_into(qtbot, dialog.rome, "K22")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    assert "Le code ROME s'écrit" in dialog.error_text("rome")
    assert count(session_factory, JobTarget) == 0
    type_into(qtbot, dialog.rome, "k2204")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    with session_factory() as session:
        assert session.scalars(select(JobTarget.rome)).one() == "K2204"
