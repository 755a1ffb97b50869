"""The planning help's dialog and the interview form's clash note."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from movdesk.models import Interview, InterviewStatus
from movdesk.services.agenda import agenda_referents
from movdesk.services.context import Desk
from movdesk.ui.agenda.proposals import ProposalsDialog
from movdesk.ui.dialogs import InterviewDialog
from tests.agenda_office import TODAY, Office, desk, office, signed_case

__all__ = ["desk", "office"]

pytestmark = pytest.mark.gui


def _planned(desk: Desk) -> int:
    query = select(func.count()).where(Interview.status == InterviewStatus.PLANNED)
    return desk.read(lambda s: s.scalar(query)) or 0


def test_proposals_accept_some_or_all_then_plan_them(
    qtbot: QtBot, desk: Desk, office: Office
) -> None:
    referents = agenda_referents(desk.session_factory)
    dialog = ProposalsDialog(desk, referents, office.claire)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "PETIT Lucas"
    assert table.item(0, 2).text() == "ven. 15/05"
    assert dialog.skipped.text() == "<b>Sans proposition (1) :</b>"
    assert dialog.skipped_lines() == ["DURAND Sophie : Déjà planifié le 12/05/2026 à 09:30"]
    assert dialog.plan_button.text() == "&Planifier 1 rendez-vous"
    qtbot.mouseClick(dialog.uncheck_all, Qt.MouseButton.LeftButton)
    assert not dialog.plan_button.isEnabled() and dialog.chosen() == []
    qtbot.mouseClick(dialog.check_all, Qt.MouseButton.LeftButton)
    before = _planned(desk)
    dialog.accept()
    assert len(dialog.created) == 1 and _planned(desk) == before + 1
    # Karim's LEROY is planned today: nothing to propose for him.
    dialog.referent.setCurrentIndex(dialog.referent.findData(office.karim))
    assert table.rowCount() == 0
    assert "Aucun rendez-vous à proposer." in dialog.skipped.text()


def test_many_cases_left_alone_scroll_and_the_buttons_stay_in_reach(
    qtbot: QtBot, desk: Desk, office: Office
) -> None:
    # Sixty more cases of Claire's, each past its 14-day limit: sixty lines « sans proposition ».
    for number in range(60):
        signed_case(
            desk,
            f"LC-2026-{900 + number:06d}",
            office.claire,
            f"Nom{number:02d}",
            "Test",
            f"{2000000 + number}A",
            date(2026, 2, 2),
        )
    dialog = ProposalsDialog(desk, agenda_referents(desk.session_factory), office.claire)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    lines = dialog.skipped_lines()
    assert len(lines) == 61
    assert "NOM59 Test : Règle des 14 jours dépassée (limite le 18/02/2026)" in lines
    assert dialog.skipped.text() == "<b>Sans proposition (61) :</b>"
    # The dialog keeps a reasonable height: the list scrolls instead of growing.
    assert dialog.sizeHint().height() < 600 and dialog.height() < 600
    assert dialog.skipped_list.verticalScrollBar().maximum() > 0
    assert dialog.plan_button.isVisible()


def test_interview_form_says_when_the_slot_clashes(
    qtbot: QtBot, desk: Desk, office: Office
) -> None:
    dialog = InterviewDialog(desk, office.petit)
    qtbot.addWidget(dialog)
    dialog.date_field.set_value(TODAY)
    dialog.time_field.set_value(time(9, 45))
    assert (
        "Chevauche le rendez-vous de DURAND Sophie (09:30–10:15) du même référent"
        in dialog.advice_text()
    )
    dialog.time_field.set_value(time(10, 15))
    assert "Chevauche" not in dialog.advice_text()
