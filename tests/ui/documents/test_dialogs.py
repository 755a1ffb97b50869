"""The print dialog of each kind, the report editor and Paramètres › Documents imprimés."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import AuditEntry, CaseReport, DocumentSettings, ExitReason, ReportKind
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.documents.printing import PrintKind
from movdesk.ui.documents.options import DocumentOptionsDialog, preview_case_document
from movdesk.ui.documents.preview import PreviewWindow
from movdesk.ui.documents.report_editor import ReportEditorDialog
from movdesk.ui.documents.settings import DocumentSettingsDialog, DocumentSettingsGroup

from ...reports.pdf_checks import all_text, flat

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, desk: Desk, case_id: int, kind: PrintKind) -> DocumentOptionsDialog:
    dialog = DocumentOptionsDialog(desk, case_id, kind)
    qtbot.addWidget(dialog)
    return dialog


def test_attendance_dialog_builds_the_sheet_of_the_chosen_period(
    qtbot: QtBot, desk: Desk, followed: int
) -> None:
    dialog = _dialog(qtbot, desk, followed, PrintKind.ATTENDANCE)
    assert dialog.start.value() == date(2026, 1, 5) and dialog.end.value() == date(2026, 3, 2)
    dialog.start.set_value(date(2026, 2, 1))
    dialog.blank_rows.setValue(2)
    dialog.accept()
    assert dialog.result() == DocumentOptionsDialog.DialogCode.Accepted
    text = all_text(dialog.rendered.data)
    assert "Période du 01/02/2026 au 02/03/2026" in text
    assert "12/01/2026" not in text and "02/02/2026" in text


def test_a_period_ending_before_it_starts_keeps_the_dialog_open(
    qtbot: QtBot, desk: Desk, followed: int
) -> None:
    dialog = _dialog(qtbot, desk, followed, PrintKind.ATTENDANCE)
    dialog.show()
    dialog.end.set_value(date(2026, 1, 1))
    dialog.accept()
    assert dialog.rendered is None and dialog.isVisible()
    assert "avant son début" in dialog.error_text("start")


def test_final_dialog_offers_no_signature_only_after_an_interruption(
    qtbot: QtBot, desk: Desk, followed: int
) -> None:
    dialog = _dialog(qtbot, desk, followed, PrintKind.FINAL)
    assert not dialog.without_signature.isEnabled() and not dialog.without_signature.isChecked()


def test_final_dialog_of_an_interrupted_case(qtbot: QtBot, desk: Desk, signed: int) -> None:
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 2, 20), reason=ExitReason.MOVED))
    dialog = _dialog(qtbot, desk, signed, PrintKind.FINAL)
    assert dialog.without_signature.isEnabled() and dialog.without_signature.isChecked()
    dialog.accept()
    assert "sans la signature du bénéficiaire" in flat(all_text(dialog.rendered.data))


def test_intermediate_dialog_of_an_ended_case_dates_the_report_on_its_end(
    qtbot: QtBot, desk: Desk, signed: int
) -> None:
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 2, 20), reason=ExitReason.MOVED))
    dialog = _dialog(qtbot, desk, signed, PrintKind.INTERMEDIATE)
    assert dialog.report_date.value() == date(2026, 2, 20)
    dialog.show()
    dialog.report_date.set_value(date(2026, 3, 2))
    dialog.accept()
    assert dialog.rendered is None and dialog.isVisible()
    assert "après la fin de la prestation" in dialog.error_text("report_date")


def test_convocation_dialog_lists_planned_interviews_and_another_place(
    qtbot: QtBot, desk: Desk, followed: int
) -> None:
    dialog = _dialog(qtbot, desk, followed, PrintKind.CONVOCATION)
    assert dialog.interview.count() == 2
    assert dialog.interview.itemText(1).startswith("lundi 9 mars 2026 à 10")
    dialog.interview.setCurrentIndex(1)
    dialog.place.setCurrentIndex(1)
    dialog.show()
    dialog.accept()  # « Autre lieu » without an address
    assert "adresse du rendez-vous" in dialog.error_text("other_place")
    dialog.other_place.setText("Mairie annexe, 2 place Verte, Roubaix")
    dialog.accept()
    text = flat(all_text(dialog.rendered.data))
    assert "lundi 9 mars 2026" in text and "Mairie annexe" in text


def test_no_planned_interview_no_convocation(qtbot: QtBot, desk: Desk, signed: int) -> None:
    dialog = _dialog(qtbot, desk, signed, PrintKind.CONVOCATION)
    assert not dialog.save_button.isEnabled()
    assert "Aucun entretien n'est prévu" in dialog.banner.text()


def test_preview_case_document_from_anywhere(qtbot: QtBot, desk: Desk, followed: int) -> None:
    window = preview_case_document(None, desk, followed, "contract", ask=False)
    assert isinstance(window, PreviewWindow)
    qtbot.addWidget(window)
    assert window.page_count() == window.document.pages


def test_preview_refusal_is_said(qtbot: QtBot, desk: Desk, case_id: int, boxes) -> None:
    assert preview_case_document(None, desk, case_id, "final", ask=False) is None
    assert "suppose un contrat signé" in boxes[-1][2]


def test_report_editor_saves_texts_and_takes_drafts_back(
    qtbot: QtBot, desk: Desk, followed: int, session_factory: sessionmaker[Session]
) -> None:
    from movdesk.services import rows

    rows.add_job_target(desk, followed, title="Agent de propreté", rome="K2204")
    dialog = ReportEditorDialog(desk, followed, ReportKind.INTERMEDIATE)
    qtbot.addWidget(dialog)
    assert dialog.text("job_leads") == "- Agent de propreté (code ROME K2204)"
    assert "repris du dossier" in dialog.advice.text()
    dialog.set_text("job_leads", "- Agent d'entretien")
    dialog.set_text("observations", "Très assidue.")
    dialog.accept()
    with session_factory() as session:
        report = session.scalars(select(CaseReport)).one()
        assert (report.job_leads, report.observations) == ("- Agent d'entretien", "Très assidue.")
        logged = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.entity == "case_report")
        ).all()
    assert logged == ["Textes du bilan intermédiaire enregistrés"]
    again = ReportEditorDialog(desk, followed, ReportKind.INTERMEDIATE)
    qtbot.addWidget(again)
    assert again.text("job_leads") == "- Agent d'entretien" and not again.advice.isVisible()
    again.fields["job_leads"].reset.click()
    assert again.text("job_leads") == "- Agent de propreté (code ROME K2204)"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 60), (10, 70, 140)).save(out, "PNG")
    return out.getvalue()


def test_a_logo_file_far_too_big_is_refused_before_it_is_read(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    dialog = DocumentSettingsDialog(desk)
    qtbot.addWidget(dialog)
    huge = tmp_path / "film.png"
    with open(huge, "wb") as handle:
        handle.write(_png())
        handle.truncate(2 * 1024**3)  # 2 Go, sparse: nothing to read if it is refused
    assert not dialog.choose_logo(str(huge))
    assert dialog.logo_data is None
    assert "le logo pèse 2048,0 Mo ; la limite est de 10 Mo." in dialog.banner_text()
    assert not dialog.choose_logo(str(tmp_path / "absent.png"))
    assert "n'existe pas" in dialog.banner_text()


def test_document_settings_from_the_settings_page(
    qtbot: QtBot, desk: Desk, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    group = DocumentSettingsGroup(desk)
    qtbot.addWidget(group)
    assert "engagements par défaut" in group.summary_text()
    dialog = DocumentSettingsDialog(desk)
    qtbot.addWidget(dialog)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    assert dialog.choose_logo(str(logo))
    dialog.phone.setText("03 20 00 00 00")
    dialog.email.setText("pas-une-adresse")
    dialog.blank_rows.setValue(4)
    dialog.provider.edit.setPlainText("- Notre engagement")
    dialog.show()
    dialog.accept()
    assert "adresse électronique" in dialog.error_text("email")
    dialog.email.setText("accueil@example.org")
    dialog.accept()
    with session_factory() as session:
        row = session.get(DocumentSettings, 1)
        assert (row.phone, row.email, row.blank_rows) == (
            "03 20 00 00 00",
            "accueil@example.org",
            4,
        )
        assert row.logo == _png() and row.logo_name == "logo.png"
        assert row.provider_commitments == "- Notre engagement"
    group.refresh()
    assert "engagements du bureau" in group.summary_text()
    assert "tél. 03 20 00 00 00" in group.summary_text()
    assert group.logo.pixmap() is not None and not group.logo.pixmap().isNull()
