"""The order dialog (new case): typed as a user does, every check next to its field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Beneficiary, Case, Civility, ContractingResult
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.ui.dialogs import OrderDialog

from .conftest import count, tab, type_into

pytestmark = pytest.mark.gui


def fill_order(qtbot: QtBot, dialog: OrderDialog, *, number: str = "LC-2026-000500") -> None:
    """Type a complete, valid order from the first field down, with Tab."""
    type_into(qtbot, dialog.order_number, number)
    assert tab(qtbot, dialog) is dialog.start
    qtbot.keyClicks(dialog.start, "02032026")
    assert tab(qtbot, dialog) is dialog.end
    assert tab(qtbot, dialog) is dialog.agency
    qtbot.keyClicks(dialog.agency, "Agence Lille Centre")
    assert tab(qtbot, dialog) is dialog.counsellor
    assert tab(qtbot, dialog) is dialog.referent
    qtbot.keyClick(dialog.referent, Qt.Key.Key_Down)  # "— choisir —" → Claire Martin
    assert tab(qtbot, dialog) is dialog.pe_id
    qtbot.keyClicks(dialog.pe_id, "7654321b")
    assert tab(qtbot, dialog) is dialog.civility
    qtbot.keyClick(dialog.civility, Qt.Key.Key_Down)
    assert tab(qtbot, dialog) is dialog.last_name
    qtbot.keyClicks(dialog.last_name, "Lefebvre")
    assert tab(qtbot, dialog) is dialog.first_name
    qtbot.keyClicks(dialog.first_name, "Marc")


def first_case(factory: sessionmaker[Session]) -> int:
    return cases(factory)[0].id


def cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).order_by(Case.id)))


def test_an_order_typed_from_the_keyboard_opens_a_case(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    # E follows S: S + 179, and the length reads 180 days.
    assert dialog.end.value() == date(2026, 8, 28)
    assert dialog.length.text() == "180 jours"
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [case] = cases(session_factory)
    assert dialog.created_case_id == case.id
    assert (case.order_number, case.start_date, case.end_date) == (
        "LC-2026-000500",
        date(2026, 3, 2),
        date(2026, 8, 28),
    )
    assert (case.agency, case.referent_id) == ("Agence Lille Centre", referent_id)
    with session_factory() as session:
        person = session.scalars(select(Beneficiary)).one()
        assert (person.pe_id, person.last_name, person.civility) == (
            "7654321B",
            "Lefebvre",
            Civility.MME,
        )


def test_an_order_over_180_days_is_refused_next_to_e(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    type_into(qtbot, dialog.end, "29082026")
    assert dialog.length.text() == "181 jours : 180 jours au plus"
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.error_text("end").startswith("La prestation dure au plus 180 jours")
    assert dialog.error_text("start") == ""
    assert dialog.focusWidget() is dialog.end
    assert dialog.order_number.text() == "LC-2026-000500"  # what was typed stays
    assert cases(session_factory) == []


def test_an_end_before_the_start_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    type_into(qtbot, dialog.end, "01032026")
    assert dialog.length.text() == "la fin E précède le début S"
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    assert "précède la date de début S" in dialog.error_text("end")
    assert cases(session_factory) == []


def test_a_malformed_identifier_and_missing_names_are_shown_together(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    type_into(qtbot, dialog.pe_id, "12345")
    dialog.last_name.clear()
    qtbot.keyClick(dialog.pe_id, Qt.Key.Key_Return)
    assert "doit compter 7 chiffres" in dialog.error_text("pe_id")
    assert dialog.error_text("last_name") == "Le nom est obligatoire."
    assert dialog.focusWidget() is dialog.pe_id
    assert count(session_factory, Beneficiary) == 0


def test_a_registered_order_number_is_refused(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    register_order(
        desk,
        order_number="LC-2026-000500",
        referent_id=referent_id,
        start_date=date(2026, 2, 2),
        beneficiary=BeneficiaryInput(last_name="Durand", first_name="Sophie", pe_id="1234567A"),
    )
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
    assert "LC-2026-000500 est déjà enregistrée" in dialog.error_text("order_number")
    assert len(cases(session_factory)) == 1


def test_no_referent_chosen_is_said_next_to_the_referent(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    dialog.referent.set_value(None)
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
    assert dialog.error_text("referent") == (
        "Le référent est obligatoire : choisissez-le dans la liste."
    )
    assert cases(session_factory) == []


def test_every_problem_shows_at_the_first_save_and_goes_once_corrected(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    dialog = open_dialog(OrderDialog(desk))
    # Nothing typed but a malformed identifier and an impossible birth date.
    type_into(qtbot, dialog.pe_id, "12345")
    type_into(qtbot, dialog.birth_date, "31/04/1985")
    qtbot.keyClick(dialog.birth_date, Qt.Key.Key_Return)

    assert dialog.isVisible()
    # The field's own problem (a date that does not exist), the form's and the rules'.
    assert dialog.error_text("birth_date") == (
        "« 31/04/1985 » n'est pas une date : avril 1985 compte 30 jours."
    )
    assert dialog.error_text("order_number") == "Le n° de lettre de commande est obligatoire."
    assert dialog.error_text("referent") == (
        "Le référent est obligatoire : choisissez-le dans la liste."
    )
    assert "doit compter 7 chiffres" in dialog.error_text("pe_id")
    assert dialog.error_text("last_name") == "Le nom est obligatoire."
    assert dialog.error_text("first_name") == "Le prénom est obligatoire."
    assert dialog.focusWidget() is dialog.order_number  # the highest field in error
    # A message goes as soon as its field is corrected; the others stay.
    qtbot.keyClicks(dialog.order_number, "LC-2026-000777")
    assert dialog.error_text("order_number") == ""
    assert dialog.error_text("last_name") == "Le nom est obligatoire."
    assert cases(session_factory) == []
    assert count(session_factory, Beneficiary) == 0


def test_a_known_beneficiary_is_reused_and_locked(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    register_order(
        desk,
        order_number="LC-2025-000001",
        referent_id=referent_id,
        start_date=date(2025, 6, 2),
        beneficiary=BeneficiaryInput(
            last_name="Durand",
            first_name="Sophie",
            pe_id="1234567A",
            civility=Civility.MME,
            phone="0320000000",
        ),
    )
    ms.record_contracting(
        desk, first_case(session_factory), on=date(2025, 6, 2), result=ContractingResult.REFUSED
    )
    dialog = open_dialog(OrderDialog(desk))
    type_into(qtbot, dialog.pe_id, "1234567a")
    assert dialog.known.text() == (
        "Bénéficiaire déjà connu : DURAND Sophie (dossier LC-2025-000001) — "
        "ses coordonnées seront reprises"
    )
    assert dialog.last_name.text() == "Durand" and not dialog.last_name.isEnabled()
    assert dialog.phone.text() == "0320000000"
    # Another identifier: the identity is free again and emptied.
    type_into(qtbot, dialog.pe_id, "7654321B")
    assert dialog.last_name.isEnabled() and dialog.last_name.text() == ""
    assert dialog.known.isHidden()
    type_into(qtbot, dialog.pe_id, "1234567A")
    type_into(qtbot, dialog.order_number, "LC-2026-000900")
    dialog.referent.set_value(referent_id)
    qtbot.keyClick(dialog.order_number, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(session_factory, Beneficiary) == 1
    assert len(cases(session_factory)) == 2


def test_hostile_text_is_refused_next_to_its_field(
    qtbot: QtBot, open_dialog, desk: Desk, referent_id: int, session_factory
) -> None:
    """Pasted text with an invisible direction mark, or absurdly long: refused in French
    under the field, nothing saved."""
    dialog = open_dialog(OrderDialog(desk))
    fill_order(qtbot, dialog)
    dialog.last_name.setText("Lefebvre\u202eeuqraM")
    dialog.agency.setText("A" * 300)
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_text("last_name").startswith(
        "Caractère interdit dans le nom, en position 9 : une marque invisible de sens "
        "d'écriture (U+202E)"
    )
    assert dialog.error_text("agency") == "Trop de caractères dans l'agence : 300 pour 200 au plus."
    assert cases(session_factory) == []
