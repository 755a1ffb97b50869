"""The company period with its tutor and evaluation, the employer from the directory,
the job title found among the ROME titles, and a barrier handed to a partner."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from movdesk.models import (
    Barrier,
    BarrierCategory,
    CompanyPeriod,
    Employer,
    JobTarget,
    TargetDecision,
)
from movdesk.services.context import Desk
from movdesk.services.directory import EntryKind
from movdesk.services.directory_edit import EntryInput, save_entry
from movdesk.services.rome import import_referential
from movdesk.ui.dialogs import BarrierDialog, CompanyPeriodDialog, JobTargetDialog

from .conftest import type_into

pytestmark = pytest.mark.gui

TITLES = (
    "code_ogr,libelle_appellation_long,libelle_appellation_court,code_rome\n"
    "1,Vendeur / Vendeuse en boulangerie,Vendeur en boulangerie,D1106\n"
    "2,Agent / Agente de propreté et d'hygiène,Agent de propreté,K2204\n"
).encode()


def test_a_company_period_with_its_tutor_objectives_and_evaluation(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    employer = save_entry(
        desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille")
    )
    import_referential(desk, [("appellations.csv", TITLES)])
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id))
    retained = "« Boulangerie Petit (Lille) », de l'annuaire, sera retenue."
    type_into(qtbot, dialog.employer.lineEdit(), "Boulangerie-Petit")
    assert dialog.employer.hint.text() == retained
    type_into(qtbot, dialog.employer.lineEdit(), "boulangerie PETIT")
    assert dialog.employer.hint.text() == retained
    type_into(qtbot, dialog.tutor_name, "Mme Leroy")
    type_into(qtbot, dialog.tutor_phone, "03 53 01 00 00")
    type_into(qtbot, dialog.start, "02022026")
    type_into(qtbot, dialog.end, "13022026")
    type_into(qtbot, dialog.job_title, "vend boul")
    found = dialog.job.propose()
    assert [t.title for t in found] == ["Vendeur / Vendeuse en boulangerie"]
    dialog.job.pick("Vendeur / Vendeuse en boulangerie — D1106")
    assert (dialog.job_title.text(), dialog.rome.text()) == (
        "Vendeur / Vendeuse en boulangerie",
        "D1106",
    )
    assert dialog.job.hint.text().startswith("D1106 : Vendeur / Vendeuse en boulangerie")
    dialog.objectives.setPlainText("Découvrir la vente en boulangerie.")
    dialog.skills_observed.setPlainText("Accueil de la clientèle, encaissement.")
    dialog.target_decision.set_value(TargetDecision.CONFIRMED)
    dialog.evaluation.setPlainText("Période concluante.")
    dialog.accept()
    assert not dialog.isVisible(), dialog.banner_text()
    with session_factory() as session:
        period = session.scalars(select(CompanyPeriod)).one()
        assert period.employer_id == employer
        assert (period.tutor_name, period.tutor_phone) == ("Mme Leroy", "03 53 01 00 00")
        assert (period.rome, period.target_decision) == ("D1106", TargetDecision.CONFIRMED)
        assert period.skills_observed == "Accueil de la clientèle, encaissement."
        assert period.objectives == "Découvrir la vente en boulangerie."

    again = open_dialog(CompanyPeriodDialog(desk, case_id, period.id))
    assert again.employer.currentText() == "Boulangerie Petit (Lille)"
    assert again.target_decision.value() is TargetDecision.CONFIRMED
    assert again.evaluation.toPlainText() == "Période concluante."
    again.close()


def test_a_new_employer_is_added_on_the_fly_and_two_namesakes_must_be_chosen(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    dialog = open_dialog(CompanyPeriodDialog(desk, case_id))
    type_into(qtbot, dialog.employer.lineEdit(), "Jardins de Loos")
    assert dialog.employer.hint.text().startswith("Nouvelle entreprise : elle sera ajoutée")
    type_into(qtbot, dialog.start, "02022026")
    type_into(qtbot, dialog.end, "13022026")
    dialog.accept()
    with session_factory() as session:
        assert session.scalars(select(Employer.name)).all() == ["Jardins de Loos"]
    for town in ("Lille", "Roubaix"):
        save_entry(
            desk,
            EntryKind.EMPLOYER,
            EntryInput(name="Cabinet Blanc", town=town),
            allow_same_name=True,
        )
    second = open_dialog(CompanyPeriodDialog(desk, case_id))
    type_into(qtbot, second.employer.lineEdit(), "cabinet blanc")
    assert "Plusieurs entreprises de l'annuaire portent ce nom" in second.employer.hint.text()
    type_into(qtbot, second.start, "16022026")
    type_into(qtbot, second.end, "27022026")
    second.accept()
    assert "choisissez la bonne dans la liste" in second.error_text("employer")
    second.employer.setCurrentIndex(second.employer.findText("Cabinet Blanc (Roubaix)"))
    second.accept()
    assert not second.isVisible()
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(CompanyPeriod)) == 2


def test_a_job_target_found_among_the_titles_and_an_unknown_code_refused(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    import_referential(desk, [("appellations.csv", TITLES)])
    dialog = open_dialog(JobTargetDialog(desk, case_id))
    type_into(qtbot, dialog.title_field, "Agent de proprete")
    type_into(qtbot, dialog.rome, "K2299")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    assert "n'est pas dans le référentiel importé" in dialog.error_text("rome")
    type_into(qtbot, dialog.rome, "k2204")
    assert dialog.job.hint.text().startswith("K2204 : Agent / Agente de propreté")
    qtbot.keyClick(dialog.rome, Qt.Key.Key_Return)
    with session_factory() as session:
        assert session.scalars(select(JobTarget.rome)).all() == ["K2204"]


def test_a_barrier_handed_to_a_partner_proposes_its_follow_up(
    qtbot: QtBot, open_dialog, desk: Desk, case_id: int, session_factory
) -> None:
    partner = save_entry(desk, EntryKind.PARTNER, EntryInput(name="CCAS de Lille"))
    dialog = open_dialog(BarrierDialog(desk, case_id))
    dialog.category.set_value(BarrierCategory.HOUSING)
    type_into(qtbot, dialog.referred_on, "16022026")
    assert dialog.follow_up_on.value() == date(2026, 3, 2)
    dialog.accept()
    assert "Choisissez le partenaire" in dialog.error_text("partner")
    dialog.partner.set_value(partner)
    dialog.accept()
    assert not dialog.isVisible()
    with session_factory() as session:
        barrier = session.scalars(select(Barrier)).one()
        assert (barrier.partner_id, barrier.referred_on, barrier.follow_up_on) == (
            partner,
            date(2026, 2, 16),
            date(2026, 3, 2),
        )
