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
from movdesk.services.schedule import open_deadlines
from movdesk.ui.deadlines.actions import primary
from movdesk.ui.dialogs import ActionDialog, BarrierDialog, JobTargetDialog

from .conftest import TODAY, count, type_into

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


def test_a_partner_to_follow_up_opens_its_request_from_the_scheduler(
    qtbot: QtBot, desk: Desk, case_id: int, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler's line « Relancer … » has its button: the barrier's form, where the
    partner's answer closes the request (and the deadline)."""
    with session_factory() as session:
        caf, ccas = Partner(name="CAF du Nord"), Partner(name="CCAS de Lille")
        session.add_all([caf, ccas])
        session.commit()
        caf_id, ccas_id = caf.id, ccas.id
    # Two requests of the case: the line of the 16th is the CAF's.
    other, wanted = (
        rows.add_barrier(
            desk,
            case_id,
            category=category,
            partner_id=partner,
            status=BarrierStatus.IN_PROGRESS,
            referral=rows.Referral(date(2026, 2, 2), follow_up),
        )
        for category, partner, follow_up in (
            (BarrierCategory.HOUSING, ccas_id, date(2026, 2, 23)),
            (BarrierCategory.FAMILY, caf_id, date(2026, 2, 16)),
        )
    )
    assert other != wanted
    (item,) = [
        d
        for d in open_deadlines(session_factory, TODAY)
        if d.kind == "partner_follow_up" and d.due == date(2026, 2, 16)
    ]
    action = primary(item.kind, item.status)
    assert action is not None and action.run is not None
    assert action.text == "Saisir la réponse…"
    seen: list[int | None] = []

    def answer(dialog: BarrierDialog) -> int:
        seen.append(dialog.barrier_id)
        dialog.referral_closed_on.set_value(TODAY)
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(BarrierDialog, "exec", answer)
    assert action.run(None, desk, item)
    assert seen == [wanted]
    left = [d.due for d in open_deadlines(session_factory, TODAY) if d.kind == "partner_follow_up"]
    assert left == [date(2026, 2, 23)]
