"""Each signable document, rendered from hand-made data and read back with pypdf."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time

import pytest

from movdesk.reports.attendance import render_attendance, render_attendance_batch
from movdesk.reports.contract import ContractData, render_contract
from movdesk.reports.convocation import ConvocationData, render_convocation
from movdesk.reports.final import ExitFacts, FinalReport, render_final
from movdesk.reports.group_attendance import GroupParticipant, GroupSheet, render_group_sheet
from movdesk.reports.intermediate import IntermediateReport, render_intermediate
from movdesk.reports.page import CaseIdentity, DocumentHeader
from movdesk.reports.text import fr_date

from .pdf_checks import all_text, assert_fonts_embedded, flat, page_texts, plain
from .samples import BARRIERS, CASE, COURSE, OFFICE, START, TODAY, header, sheet

#: One row of a sheet as extracted: date, time, duration, kind, referent, two boxes.
ROW = re.compile(
    r"(\d\d/\d\d/\d{4})\n(\d\d\s?h\s?\d\d|—)\n([^\n]+)\n([^\n]+)\n([^\n]+)\nbénéficiaire\nréférent"
)
BOXES = re.compile(r"^bénéficiaire\nréférent$", re.M)


def _rows(text: str) -> list[tuple[str, ...]]:
    return ROW.findall(text)


def test_every_row_appears_once_with_its_date_and_two_boxes() -> None:
    data = sheet(12, blank_rows=3)
    pdf = render_attendance(data)
    text = all_text(pdf)
    found = _rows(text)
    assert [r[0] for r in found] == [fr_date(row.day) for row in data.rows]
    assert [r[4] for r in found] == [row.referent for row in data.rows]
    # A box for the beneficiary and one for the referent on every row, blank rows too.
    assert len(BOXES.findall(text)) == 12 + 3
    assert "LC-2026-000123" in text and "DURAND" in text and "1234567A" in text
    minutes = sum(row.minutes for row in data.rows)
    assert f"total des heures réalisées : {minutes // 60} h {minutes % 60:02d}" in plain(text)
    assert "Entretiens réalisés : 12" in text
    assert_fonts_embedded(pdf)


def test_eighty_interviews_keep_rows_whole_and_number_pages() -> None:
    data = sheet(80)
    texts = page_texts(render_attendance(data))
    total = len(texts)
    assert total >= 4
    seen: list[str] = []
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} / {total}" in text
        assert "Dossier LC-2026-000123" in text
        # Whole rows only: every date on the page starts a complete row on that page.
        dates = re.findall(r"^\d\d/\d\d/\d{4}$", text, re.M)
        rows_here = [r[0] for r in _rows(text)]
        assert dates == rows_here
        seen += rows_here
    assert seen == [fr_date(row.day) for row in data.rows]


def test_planned_rows_are_marked_and_not_counted_as_held() -> None:
    data = sheet(5, planned_from=3)
    text = all_text(render_attendance(data))
    assert text.count("(prévu)") == 2
    assert "Entretiens réalisés : 3" in text
    assert "2 entretiens prévus" in text


def test_an_empty_period_says_so() -> None:
    text = all_text(render_attendance(sheet(0)))
    assert "Aucun entretien réalisé ou prévu sur la période." in text
    assert not BOXES.findall(text)


def test_a_batch_holds_one_numbered_sheet_per_case() -> None:
    other = CaseIdentity("LC-2026-000999", "Petit", "Jean", "7654321B", "Paul Roux", "M.")
    second = replace(sheet(3), header=replace(header(), case=other))
    pdf = render_attendance_batch([sheet(40), second], title="Feuilles du mois")
    texts = page_texts(pdf)
    first_pages = [t for t in texts if "LC-2026-000123" in t]
    assert all(f"/ {len(first_pages)}" in t for t in first_pages)
    assert sum("LC-2026-000999" in t for t in texts) == 1
    assert "Page 1 / 1" in [t for t in texts if "LC-2026-000999" in t][0]


def test_group_sheet_lists_each_participant_with_a_box() -> None:
    people = tuple(
        GroupParticipant(name, "Alice", f"123456{n}A", f"LC-2026-00010{n}")
        for n, name in enumerate(("Martin", "Lefèvre", "Œillet"))
    )
    group = GroupSheet(
        header=DocumentHeader(
            "Feuille d'émargement collective",
            OFFICE,
            TODAY,
            band_lines=("Regroupement du jeudi 12 mars 2026 à 09 h 30",),
            reference="Regroupement du 12/03/2026",
        ),
        day=date(2026, 3, 12),
        start=time(9, 30),
        minutes=120,
        referent="Claire Martin",
        participants=people,
        blank_rows=2,
    )
    pdf = render_group_sheet(group)
    text = all_text(pdf)
    for person in people:
        assert person.name in text and person.pe_id in text and person.order_number in text
    assert len(re.findall(r"^signature$", text, re.M)) == 5
    assert "jeudi 12 mars 2026" in text and "\n2 h\n" in plain(text)
    assert_fonts_embedded(pdf)


def _contract(**changes: object) -> ContractData:
    data = ContractData(
        header=header("Contrat d'accompagnement"),
        beneficiary=(("Nom", "Mme Sophie DURAND"), ("Identifiant FT", "1234567A")),
        provider=(("Organisme", OFFICE.name), ("Référent", "Claire Martin")),
        start=START,
        end=date(2026, 7, 3),
        agency="Agence Lille Centre",
        counsellor="M. Bernard",
        beneficiary_commitments="- Venir à chaque entretien\n- Prévenir en cas d'absence",
        provider_commitments="Recevoir le bénéficiaire chaque semaine.",
        place="Lille",
        signed_on=date(2026, 1, 7),
    )
    return replace(data, **changes)


def test_contract_holds_both_parties_dates_commitments_and_signatures() -> None:
    pdf = render_contract(_contract())
    texts = page_texts(pdf)
    text = "\n".join(texts)
    for expected in (
        "Le bénéficiaire",
        "Le prestataire",
        "Venir à chaque entretien",
        "Recevoir le bénéficiaire chaque semaine.",
        "05/01/2026",
        "03/07/2026",
        "Fait à Lille, le 07/01/2026",
        "Lu et approuvé",
        "Agence Lille Centre",
        "Exemplaire du bénéficiaire",
        "Exemplaire du prestataire",
    ):
        assert expected in text, expected
    assert text.count("Lu et approuvé") == 4  # two boxes in each of the two copies
    assert_fonts_embedded(pdf)
    single = all_text(render_contract(_contract(copies=1, signed_on=None)))
    assert "Exemplaire" not in single and "le ……/……/…………" in single


def _intermediate() -> IntermediateReport:
    return IntermediateReport(
        header=header("Bilan intermédiaire"),
        report_date=TODAY,
        course=COURSE,
        barriers=BARRIERS,
        actions_taken="- CV refait le 14/01/2026\n- Abonnement aux offres",
        job_leads="- Agent de propreté (code ROME K2204)",
        observations=None,
        sheet=sheet(6),
    )


def test_intermediate_report_then_its_sheet() -> None:
    pdf = render_intermediate(_intermediate())
    texts = [plain(t) for t in page_texts(pdf)]
    text = "\n".join(texts)
    text = flat(text)
    for expected in (
        "Actions déjà engagées au regard de la recherche d'emploi",
        "CV refait le 14/01/2026",
        "Pistes d'emploi identifiées",
        "Agent de propreté (code ROME K2204)",
        "Pas de permis",
        "Levé le 23/02/2026",
        "Aucune observation.",
        "8 (6 h 45)",
        "Abonnement aux offres d'emploi : 20/02/2026",
    ):
        assert expected in text, expected
    # The sheet follows, as its own numbered document.
    sheet_pages = [t for t in texts if "Feuille d'émargement du" in t]
    assert sheet_pages and "Page 1 / 1" in sheet_pages[0]
    assert len(_rows("\n".join(texts))) == 6
    assert_fonts_embedded(pdf)


def _final(**changes: object) -> FinalReport:
    data = FinalReport(
        header=header("Bilan final"),
        end_date=date(2026, 5, 4),
        ended=True,
        course=COURSE,
        exit=ExitFacts(
            date=date(2026, 5, 4),
            reason="Reprise d'emploi",
            positive=True,
            verdict="CDI à temps plein : sortie positive",
            details=("Contrat : CDI",),
        ),
        barriers=BARRIERS,
        achievements="- Permis obtenu",
        next_steps="- Ouvrir un compte bancaire — d'ici le 30/06/2026",
        observations="RAS",
        sheet=sheet(4),
    )
    return replace(data, **changes)


def test_final_report_in_two_copies_then_the_sheet_once() -> None:
    pdf = render_final(_final())
    text = all_text(pdf)
    assert text.count("Exemplaire du bénéficiaire") >= 1
    assert text.count("Exemplaire pour France Travail") >= 1
    assert text.count("Permis obtenu") == 2
    assert text.count("d'ici le 30/06/2026") == 2
    assert text.count("CDI à temps plein : sortie positive") == 2
    assert len(_rows(text)) == 4  # the sheet, once
    assert text.count("Lu et approuvé") == 4
    assert "sans la signature du bénéficiaire" not in text
    assert_fonts_embedded(pdf)


def test_an_interrupted_case_prints_without_the_beneficiary_signature() -> None:
    exit = ExitFacts(date(2026, 3, 20), "Interruption — abandon", False, "abandon", (), True)
    pdf = render_final(_final(exit=exit, without_beneficiary_signature=True))
    text = flat(all_text(pdf))
    assert text.count("transmis à France Travail sans la signature du bénéficiaire") == 2
    assert "Lu et approuvé" not in text
    assert "Le bénéficiaire Fait à" not in text


def test_a_final_report_before_the_end_is_a_draft() -> None:
    text = all_text(render_final(_final(exit=None, ended=False)))
    assert "La prestation est en cours" in text


def _letter(**changes: object) -> ConvocationData:
    data = ConvocationData(
        header=header("Convocation à un entretien", layout="letter"),
        salutation="Madame",
        addressee=("Mme Sophie DURAND", "3 rue de la Paix", "59000 Lille"),
        place_and_date="Lille, le 2 mars 2026",
        day=date(2026, 3, 10),
        start=time(14, 0),
        minutes=45,
        kind="Entretien individuel (face à face)",
        place=("Association Tremplin Emploi", "14 rue des Tisserands", "59000 Lille"),
        referent="Claire Martin",
        referent_phone="03 20 11 22 33",
        referent_email=None,
        items=("Une pièce d'identité", "Votre CV"),
    )
    return replace(data, **changes)


def test_convocation_letter() -> None:
    pdf = render_convocation(_letter())
    text = plain(all_text(pdf))
    for expected in (
        "mardi 10 mars 2026",
        "14 h 00",
        "45 min",
        "3 rue de la Paix",
        "Claire Martin",
        "03 20 11 22 33",
        "Une pièce d'identité",
        "LC-2026-000123",
        "1234567A",
        "Madame,",
        "Page 1 / 1",
    ):
        assert expected in text, expected
    assert "Date : 02/03/2026" not in text  # a letter has no band
    assert_fonts_embedded(pdf)


@pytest.mark.parametrize("start", [None, time(8, 0)])
def test_a_convocation_without_a_time_says_so(start: time | None) -> None:
    text = all_text(render_convocation(_letter(start=start, items=())))
    assert ("à convenir avec votre référent" in text) == (start is None)
    assert "Merci d'apporter" not in text


def test_every_document_embeds_only_the_shipped_fonts() -> None:
    for pdf in (
        render_attendance(sheet(3)),
        render_contract(_contract()),
        render_intermediate(_intermediate()),
        render_final(_final()),
        render_convocation(_letter()),
    ):
        assert_fonts_embedded(pdf)
    assert CASE.beneficiary == "Mme Sophie DURAND"


def test_stored_control_characters_print_as_escapes() -> None:
    exit = ExitFacts(date(2026, 3, 20), "Interruption — abandon", False, "abandon", (), True)
    text = all_text(
        render_final(
            _final(exit=exit, achievements="- Texte\x1b[31m ancien", observations="a\x00b")
        )
    )
    assert "\\x1b[31m ancien" in text and "a\\x00b" in text
