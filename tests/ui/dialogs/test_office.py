"""The first-run assistant and the office settings dialog: typed, checked, saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from movdesk.models import Case, Referent
from movdesk.services.context import Desk
from movdesk.services.office import needs_first_run, read_office, save_office
from movdesk.ui.dialogs import FirstRunWizard, OfficeSettingsDialog

from .conftest import count, type_into

pytestmark = pytest.mark.gui


@pytest.fixture
def open_wizard(qtbot: QtBot):  # noqa: ANN201
    def show(wizard: FirstRunWizard) -> FirstRunWizard:
        qtbot.addWidget(wizard)
        with qtbot.waitExposed(wizard):
            wizard.show()
        return wizard

    return show


def fill_office_page(qtbot: QtBot, wizard: FirstRunWizard, siret: str) -> None:
    form = wizard.office_page.form
    type_into(qtbot, form.name, "Association Tremplin")
    type_into(qtbot, form.siret, siret)
    type_into(qtbot, form.market_number, "MOV-HDF-2025-LOT 3")
    type_into(qtbot, form.price, "1850,50")


def referent_names(session_factory) -> list[str]:  # noqa: ANN001
    with session_factory() as session:
        return list(session.scalars(select(Referent.full_name).order_by(Referent.full_name)))


def test_the_assistant_saves_the_office_and_its_referents(
    qtbot: QtBot, open_wizard, desk: Desk, session_factory
) -> None:
    wizard = open_wizard(FirstRunWizard(desk, demo=False))
    assert wizard.pageIds() == [0, 1]  # no demo data offered on a real database
    fill_office_page(qtbot, wizard, "73282932000075")
    qtbot.keyClick(wizard.office_page.form.price, Qt.Key.Key_Return)
    # A wrong key: the message sits under the SIRET and the assistant stays on page 1.
    assert wizard.currentPage() is wizard.office_page
    assert "clé de contrôle" in wizard.office_page.form.error_text("siret")
    type_into(qtbot, wizard.office_page.form.siret, "732 829 320 00074")
    qtbot.keyClick(wizard.office_page.form.siret, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.referents_page

    page = wizard.referents_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # at least one referent
    for name in ("Claire Martin", "Karim Benali", "claire  martin"):
        qtbot.keyClicks(page.line, name)
        qtbot.keyClick(page.line, Qt.Key.Key_Return)
    assert page.new_names == ["Claire Martin", "Karim Benali"]
    assert page.form.error_text("full_name") == "Un référent « claire martin » existe déjà."
    assert wizard.currentPage() is page  # Enter added names; it did not finish
    assert needs_first_run(desk)  # nothing saved before the end
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    office = read_office(desk)
    assert (office.name, office.siret, office.price_per_case_cents) == (
        "Association Tremplin",
        "73282932000074",
        185_050,
    )
    assert office.configured and office.market_number == "MOV-HDF-2025-LOT 3"
    assert referent_names(session_factory) == ["Claire Martin", "Karim Benali"]


def test_an_office_without_a_name_cannot_go_on(qtbot: QtBot, open_wizard, desk: Desk) -> None:
    wizard = open_wizard(FirstRunWizard(desk, demo=False))
    wizard.next()
    assert wizard.currentPage() is wizard.office_page
    assert wizard.office_page.form.error_text("name") == "Le nom du bureau est obligatoire."
    assert wizard.office_page.form.focusWidget() is wizard.office_page.form.name


def test_the_demo_assistant_loads_demo_cases_and_keeps_the_typed_office(
    qtbot: QtBot, open_wizard, desk: Desk, session_factory
) -> None:
    wizard = open_wizard(FirstRunWizard(desk, demo=True))
    wizard.DEMO_CASES = 3
    assert len(wizard.pageIds()) == 3
    fill_office_page(qtbot, wizard, "73282932000074")
    wizard.next()
    qtbot.keyClicks(wizard.referents_page.line, "Claire Martin")
    qtbot.keyClick(wizard.referents_page.line, Qt.Key.Key_Return)
    wizard.next()
    assert wizard.currentPage() is wizard.demo_page
    assert wizard.demo_page.load.text() == "&Charger des données de démonstration"
    assert wizard.demo_page.load.isChecked()
    # The cases load off the UI thread; the assistant closes once the office is saved.
    with qtbot.waitSignal(wizard.configured, timeout=60_000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
        assert wizard.is_busy() and not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.demo_page.progress.value() == 3
    assert count(session_factory, Case) == 3
    assert read_office(desk).name == "Association Tremplin"
    assert "Claire Martin" in referent_names(session_factory)


def test_the_settings_dialog_edits_the_office(qtbot: QtBot, open_dialog, desk: Desk) -> None:
    save_office(
        desk,
        name="Association Tremplin",
        address=None,
        siret=None,
        market_number=None,
        price_per_case_cents=185_000,
        alsace_moselle=False,
    )
    dialog = open_dialog(OfficeSettingsDialog(desk))
    form = dialog.office_form
    assert form.name.text() == "Association Tremplin"
    assert form.price.text() == "1\u202f850,00 €"  # French grouping: a narrow space
    type_into(qtbot, form.siret, "1234")
    qtbot.keyClick(form.siret, Qt.Key.Key_Return)
    assert dialog.error_text("siret") == "Le SIRET compte 14 chiffres (ici « 1234 »)."
    assert read_office(desk).siret is None

    type_into(qtbot, form.siret, "73282932000074")
    form.alsace_moselle.setFocus()
    qtbot.keyClick(form.alsace_moselle, Qt.Key.Key_Space)
    qtbot.keyClick(form.siret, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    office = read_office(desk)
    assert office.siret == "73282932000074" and office.alsace_moselle


def test_demo_data_only_into_an_empty_base(
    qtbot: QtBot, open_wizard, desk: Desk, case_id: int, session_factory, monkeypatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(
        "movdesk.ui.dialogs.office.QMessageBox.warning", lambda *a: warned.append(a[2])
    )
    wizard = open_wizard(FirstRunWizard(desk, demo=True))
    fill_office_page(qtbot, wizard, "73282932000074")
    wizard.next()
    wizard.next()
    # The base already holds a case: no demo data, the office is saved all the same.
    with qtbot.waitSignal(wizard.configured, timeout=10_000):
        wizard.accept()
    assert warned == [] and count(session_factory, Case) == 1
    assert read_office(desk).name == "Association Tremplin"
