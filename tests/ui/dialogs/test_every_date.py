"""Every date and time field of every form, typed from the keyboard: the last day of a
30-day month and of February come out exactly, a day that does not exist is refused
with the reason, never moved; times read 9h30, 09:30 and 0930."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Case, ContractType, ExitReason
from movdesk.services.context import Desk
from movdesk.ui import dialogs
from movdesk.ui.main_window import shown_title
from movdesk.ui.widgets import DateField, TimeField
from movdesk.ui.widgets.fields import TypedField

from .conftest import type_into

pytestmark = pytest.mark.gui

#: Every form of a case, and how to show its hidden fields.
CASE_FORMS = [
    "InterviewDialog",
    "ExitDialog",
    "ContractingDialog",
    "OnlineObligationsDialog",
    "RenewalDialog",
    "RetentionDialog",
    "ReferentDialog",
    "SuspensionDialog",
    "CompanyPeriodDialog",
    "ActionDialog",
    "BeneficiaryDialog",
    "OrderEditDialog",
]


def show_every_field(dialog: QDialog) -> list[list[TypedField]]:
    """The date and time fields in use, for each state of the form that shows others."""
    states: list[list[TypedField]] = []

    def in_use() -> list[TypedField]:
        found = [*dialog.findChildren(DateField), *dialog.findChildren(TimeField)]
        return [f for f in found if f.isVisibleTo(dialog) and f.isEnabled()]

    if isinstance(dialog, dialogs.ExitDialog):
        for reason in (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS):
            dialog.reason.set_value(reason)
            states.append(in_use())
        return states
    if isinstance(dialog, dialogs.InterviewDialog):
        dialog.plan_next.setChecked(True)
    if isinstance(dialog, dialogs.RenewalDialog):
        dialog.choice.setCurrentIndex(1)  # a decision: its date is asked
    states.append(in_use())
    return states


@pytest.mark.parametrize("form", CASE_FORMS)
def test_every_date_and_time_field_reads_as_typed(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, form: str
) -> None:
    dialog = open_dialog(getattr(dialogs, form)(desk, case_id))
    # The title bar says movdesk once: Qt adds it to a title that does not end with it.
    assert shown_title(dialog.windowTitle()).count("movdesk") == 1
    typed = 0
    for fields in show_every_field(dialog):
        for field in fields:
            typed += 1
            if isinstance(field, TimeField):
                for text in ("9h30", "09:30", "0930"):
                    type_into(qtbot, field, text)
                    assert field.value() == time(9, 30), (form, field.objectName(), text)
                type_into(qtbot, field, "24h")
                assert field.value() is None and "de 0 à 23" in (field.problem() or "")
                continue
            for text, expected in (
                ("30042026", date(2026, 4, 30)),
                ("30/04/26", date(2026, 4, 30)),
                ("28022026", date(2026, 2, 28)),
                ("31/12/2026", date(2026, 12, 31)),
                ("311226", date(2026, 12, 31)),
            ):
                type_into(qtbot, field, text)
                assert field.value() == expected, (form, field.objectName(), text)
                assert field.problem() is None
            for text, reason in (
                ("31042026", "avril 2026 compte 30 jours"),
                ("29022026", "février 2026 compte 28 jours"),
            ):
                type_into(qtbot, field, text)
                assert field.value() is None, (form, field.objectName(), text)
                assert reason in (field.problem() or "")
                assert field.text() == text  # left as typed
    assert typed, f"{form} has no date field in use"


def test_the_new_order_form_reads_its_dates_as_typed(qtbot: QtBot, open_dialog, desk) -> None:
    dialog = open_dialog(dialogs.OrderDialog(desk))
    for field in (dialog.start, dialog.end, dialog.birth_date):
        type_into(qtbot, field, "30042026")
        assert field.value() == date(2026, 4, 30)
        type_into(qtbot, field, "29022026")
        assert field.value() is None
        assert "février 2026 compte 28 jours" in (field.problem() or "")


def test_a_cdd_ending_on_31_january_is_saved_on_31_january(
    qtbot: QtBot,
    open_dialog,
    desk: Desk,
    case_id: int,
    session_factory: sessionmaker[Session],
) -> None:
    """The day the issue started from: 31012027 once became 30/01/2027 and changed the
    verdict. Exit on 28 February (a February's last day), contract to 31 January."""
    dialog = open_dialog(dialogs.ExitDialog(desk, case_id))
    type_into(qtbot, dialog.date_field, "28022026")
    dialog.inputs["employment_contract"].set_value(ContractType.CDD)
    type_into(qtbot, dialog.inputs["employment_start"], "28022026")
    type_into(qtbot, dialog.inputs["employment_end"], "31012027")
    dialog.inputs["employment_full_time"].set_value(True)
    assert dialog.verdict.text() == "CDD de 11 mois et 4 jours à temps plein : sortie positive"
    qtbot.keyClick(dialog.inputs["employment_end"], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with session_factory() as session:
        exit = session.get(Case, case_id).exit
        assert (exit.date, exit.employment_start, exit.employment_end) == (
            date(2026, 2, 28),
            date(2026, 2, 28),
            date(2027, 1, 31),
        )
