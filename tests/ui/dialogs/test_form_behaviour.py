"""What every form does: a refused date leaves the rest alone, nothing typed is lost
without a question, a refusal looks unlike advice."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Interview, InterviewStatus, Suspension
from movdesk.services.context import Desk
from movdesk.ui.dialogs import InterviewDialog, SuspensionDialog
from movdesk.ui.widgets.form import DISCARD_NO, DISCARD_TITLE, DISCARD_YES

from .conftest import answer_next_box, count, tab, type_into

pytestmark = pytest.mark.gui


class UserClose(QCloseEvent):
    """The close button of the window's title bar (the window system's own event)."""

    def spontaneous(self) -> bool:
        return True


def interviews(factory: sessionmaker[Session]) -> list[Interview]:
    with factory() as session:
        return list(session.scalars(select(Interview)))


def test_a_refused_date_changes_nothing_else(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "15122026")  # after the end of the case
    assert tab(qtbot, dialog) is dialog.time_field
    qtbot.keyClicks(dialog.time_field, "10h")
    dialog.status.set_value(InterviewStatus.PLANNED)
    qtbot.keyClick(dialog.time_field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "ici 15/12/2026" in dialog.error_text("date")
    assert dialog.time_field.text() == "10:00" and dialog.time_field.value() == time(10, 0)
    assert interviews(session_factory) == []

    type_into(qtbot, dialog.date_field, "10/03/26")
    assert dialog.error_text("date") == ""  # gone as soon as the date changed
    qtbot.keyClick(dialog.date_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = interviews(session_factory)
    assert (row.date, row.time) == (date(2026, 3, 10), time(10, 0))


def test_a_wrong_time_is_refused_next_to_the_time(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.time_field, "25h30")
    tab(qtbot, dialog)
    # Said as soon as the field is left, and again at the save.
    assert "les heures vont de 0 à 23" in dialog.error_text("time")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert "les heures vont de 0 à 23" in dialog.error_text("time")
    assert interviews(session_factory) == []


def test_esc_with_typed_text_asks_before_discarding(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    type_into(qtbot, dialog.notes, "Arret maladie transmis par mail")
    seen: list[str] = []
    answer_next_box(DISCARD_NO, seen)
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert seen == [DISCARD_TITLE]
    assert dialog.isVisible()
    assert dialog.notes.toPlainText() == "Arret maladie transmis par mail"

    answer_next_box(DISCARD_YES, seen)
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert seen == [DISCARD_TITLE, DISCARD_TITLE]
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert count(session_factory, Suspension) == 0


def test_the_close_button_asks_too(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    type_into(qtbot, dialog.end, "10032026")
    seen: list[str] = []
    answer_next_box(DISCARD_NO, seen)
    event = UserClose()
    dialog.closeEvent(event)
    assert seen == [DISCARD_TITLE]
    assert dialog.isVisible() and not event.isAccepted()


def test_esc_on_an_untouched_form_closes_at_once(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    # A choice made and taken back is no typing either.
    dialog.kind.setCurrentIndex(1)
    dialog.kind.setCurrentIndex(0)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_refusal_does_not_look_like_advice(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int
) -> None:
    dialog = open_dialog(InterviewDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "15122026")
    type_into(qtbot, dialog.minutes, "20")
    dialog.status.set_value(InterviewStatus.PLANNED)
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    error = dialog.form._errors["date"]  # noqa: SLF001 - the label's look is the point
    assert error.text().startswith("✖ ")
    assert "color: #b3261e" in error.styleSheet()
    assert dialog.advice.isVisible() and "#fff3c4" in dialog.advice.styleSheet()
    assert "✖" not in dialog.advice.text()
    # The message is shown whole: the label is as tall as its wrapped lines.
    assert error.height() >= error.heightForWidth(error.width())


@pytest.mark.parametrize("typed", ["30042026", "28022026"])
def test_the_last_day_of_a_short_month_is_saved_as_typed(
    qtbot: QtBot,
    open_dialog,
    desk: Desk,
    case_id: int,
    session_factory,
    typed: str,
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    expected = date(int(typed[4:]), int(typed[2:4]), int(typed[:2]))
    type_into(qtbot, dialog.start, typed)
    type_into(qtbot, dialog.end, typed)
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        row = session.scalars(select(Suspension)).one()
        assert (row.start_date, row.end_date) == (expected, expected)


def test_typed_days_that_do_not_exist_are_refused_not_moved(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(SuspensionDialog(desk, case_id))
    type_into(qtbot, dialog.start, "31042026")
    type_into(qtbot, dialog.end, "29022026")
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_text("start") == (
        "« 31042026 » n'est pas une date : avril 2026 compte 30 jours."
    )
    assert dialog.error_text("end") == (
        "« 29022026 » n'est pas une date : février 2026 compte 28 jours."
    )
    assert count(session_factory, Suspension) == 0

