"""The interview dialog, driven from the keyboard: screen and database checked."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import ExitReason, Interview, InterviewKind, InterviewStatus
from movdesk.rules.validation import Problem
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.errors import NeedsConfirmation
from movdesk.ui.dialogs import InterviewDialog
from tests.services.placed import CDI

from .conftest import count, tab, type_into

pytestmark = pytest.mark.gui


def interviews(factory: sessionmaker[Session]) -> list[Interview]:
    with factory() as session:
        return list(session.scalars(select(Interview).order_by(Interview.date)))


def test_an_interview_typed_and_saved_with_enter(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "27022026")
    assert tab(qtbot, dialog) is dialog.time_field
    qtbot.keyClicks(dialog.time_field, "1030")
    assert tab(qtbot, dialog) is dialog.minutes
    dialog.minutes.selectAll()
    qtbot.keyClicks(dialog.minutes, "50")
    assert tab(qtbot, dialog) is dialog.kind
    assert tab(qtbot, dialog) is dialog.status
    assert dialog.status.value() is InterviewStatus.ATTENDED  # a past date: held
    assert tab(qtbot, dialog) is dialog.notes
    qtbot.keyClicks(dialog.notes, "Point CV et lettre")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = interviews(session_factory)
    assert (row.date, row.time, row.minutes) == (date(2026, 2, 27), time(10, 30), 50)
    assert (row.kind, row.status) == (InterviewKind.INDIVIDUAL, InterviewStatus.ATTENDED)
    assert row.notes == "Point CV et lettre"
    assert dialog.result_id == row.id


def test_defaults_and_the_status_follows_the_date(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    assert dialog.date_field.value() == date(2026, 3, 2)
    assert dialog.minutes.value() == 45
    assert dialog.status.value() is InterviewStatus.ATTENDED
    type_into(qtbot, dialog.date_field, "10032026")
    assert dialog.status.value() is InterviewStatus.PLANNED
    assert dialog.date_field.value() == date(2026, 3, 10)
    # Leaving the field writes the date in its usual form.
    tab(qtbot, dialog)
    assert dialog.date_field.text() == "10/03/2026"


def test_rule_advice_is_shown_before_saving(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.minutes, "20")
    advice = dialog.advice_text()
    assert "Moins de 30 minutes : ne compte pas pour l'entretien hebdomadaire" in advice
    # Nothing attended since the contracting interview of 7 January: limit 21/01.
    assert "Après la date limite de la règle des 14 jours (21/01/2026)" in advice
    type_into(qtbot, dialog.date_field, "01032026")
    assert "Jour non travaillé (dimanche)" in dialog.advice_text()
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # individual → group
    assert dialog.kind.value() is InterviewKind.GROUP
    assert "Un regroupement ne remplace pas" in dialog.advice_text()


def test_a_date_outside_the_case_is_refused_next_to_the_date(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "15122026")
    dialog.status.set_value(InterviewStatus.PLANNED)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "entre le début S (05/01/2026) et la fin (03/07/2026)" in dialog.error_text("date")
    assert dialog.error_text("date").startswith("Un entretien")
    assert dialog.focusWidget() is dialog.date_field
    assert dialog.date_field.value() == date(2026, 12, 15)  # what was typed stays
    assert count(session_factory, Interview) == 0


def test_zero_minutes_is_refused_by_the_form(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.minutes, "0")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert dialog.error_text("minutes") == (
        "La durée de l'entretien est obligatoire : de 1 à 600 minutes."
    )
    assert count(session_factory, Interview) == 0


def test_the_next_appointment_is_planned_in_the_same_step(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    dialog.plan_next.setFocus()
    qtbot.keyClick(dialog.plan_next, Qt.Key.Key_Space)
    assert dialog.plan_next.isChecked()
    # One week later, a working day, before the 14-day limit.
    assert dialog.next_date.value() == date(2026, 3, 9)
    assert dialog.next_hint.text() == "Au plus tard le 16/03/2026 (règle des 14 jours)"
    qtbot.keyClick(dialog.plan_next, Qt.Key.Key_Return)

    held, planned = interviews(session_factory)
    assert (held.date, held.status) == (date(2026, 3, 2), InterviewStatus.ATTENDED)
    assert (planned.date, planned.status) == (date(2026, 3, 9), InterviewStatus.PLANNED)
    assert planned.kind is InterviewKind.INDIVIDUAL
    assert dialog.next_interview_id == planned.id


def test_after_a_follow_up_the_next_one_is_proposed_in_its_window(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    """A follow-up interview plans the next follow-up in the window that comes, not a
    week later under the 14-day rule, which no longer runs after the exit."""
    job = ms.ExitInput(date=date(2026, 2, 9), reason=ExitReason.EMPLOYMENT, **CDI)
    ms.record_exit(desk, case_id, job)
    dialog = open_dialog(InterviewDialog(desk, case_id))
    dialog.kind.set_value(InterviewKind.FOLLOW_UP)
    dialog.plan_next.setChecked(True)
    # Held on 2 March, in the window of 16/02 – 09/03: the next one runs to 09/04.
    assert dialog.next_hint.text() == (
        "3e entretien de suivi : du 10/03/2026 au 09/04/2026 (suivi dans l'emploi)"
    )
    assert dialog.next_date.value() == date(2026, 3, 17)
    qtbot.keyClick(dialog.plan_next, Qt.Key.Key_Return)
    held, planned = interviews(session_factory)
    assert (held.kind, held.date) == (InterviewKind.FOLLOW_UP, date(2026, 3, 2))
    assert (planned.kind, planned.date) == (InterviewKind.FOLLOW_UP, date(2026, 3, 17))


def test_a_next_appointment_before_the_interview_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    dialog.plan_next.setChecked(True)
    type_into(qtbot, dialog.next_date, "27022026")
    qtbot.keyClick(dialog.next_date, Qt.Key.Key_Return)
    assert dialog.error_text("next_date") == "Le prochain rendez-vous suit l'entretien saisi."
    assert dialog.error_text("date") == ""
    assert count(session_factory, Interview) == 0


def test_escape_cancels_and_saves_nothing(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert count(session_factory, Interview) == 0


def test_correcting_an_interview_prefills_and_updates(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    planned = rows.schedule_interview(
        desk, case_id, on=date(2026, 2, 26), kind=InterviewKind.PHONE, at=time(14, 0)
    )
    dialog = open_dialog(InterviewDialog(desk, case_id, planned))
    assert dialog.windowTitle().startswith("Modifier l'entretien")
    assert dialog.kind.value() is InterviewKind.PHONE
    assert dialog.status.value() is InterviewStatus.PLANNED
    assert dialog.time_field.value() == time(14, 0)
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_Down)  # planned → attended
    qtbot.keyClick(dialog.status, Qt.Key.Key_Return)

    [row] = interviews(session_factory)
    assert (row.id, row.status, row.kind) == (
        planned,
        InterviewStatus.ATTENDED,
        InterviewKind.PHONE,
    )


def test_warnings_are_confirmed_before_saving(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory, monkeypatch
) -> None:
    asked: list[list[str]] = []

    def refuse(self, messages):  # noqa: ANN001 - stands in for the message box
        asked.append(list(messages))
        return False

    monkeypatch.setattr(InterviewDialog, "confirm_warnings", refuse)
    calls: list[bool] = []

    def warn(*args, accept_warnings: bool = False, **kwargs):  # noqa: ANN002, ANN003
        calls.append(accept_warnings)
        raise NeedsConfirmation([Problem("interviews[0].date", "attention.", "warning")])

    monkeypatch.setattr("movdesk.ui.dialogs.interview.schedule_interview", warn)
    dialog = open_dialog(InterviewDialog(desk, case_id))
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert asked == [["attention."]] and calls == [False]
    assert dialog.isVisible()
    assert count(session_factory, Interview) == 0
