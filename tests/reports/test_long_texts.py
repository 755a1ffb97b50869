"""Documents fed with long texts and long names: they lay out, keep who they are about,
and never overlap or crash (the texts are within what the forms and files accept)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time

import pytest

from movdesk.errors import UserError
from movdesk.reports.attendance import AttendanceRow, render_attendance
from movdesk.reports.blocks import para
from movdesk.reports.case_tables import BarrierLine
from movdesk.reports.contract import render_contract
from movdesk.reports.convocation import render_convocation
from movdesk.reports.final import ExitFacts, render_final
from movdesk.reports.group_attendance import GroupParticipant, GroupSheet, render_group_sheet
from movdesk.reports.intermediate import render_intermediate
from movdesk.reports.page import CaseIdentity, DocumentHeader, render_document
from movdesk.rules.text import MULTILINE_MAX_LENGTH

from .pdf_checks import all_text, flat, page_texts, reader
from .samples import OFFICE, START, TODAY, header, sheet
from .test_documents import _contract, _final, _intermediate, _letter

#: A first name and a last name of a hundred letters each (the columns' size).
LONG_FIRST = ("Jean-Édouard-Maximilien-Théodore-François-Xavier-Célestin-" * 2)[:100]
LONG_LAST = ("de La Rochefoucauld-Liancourt-Montmorency-Laval-Châtillon " * 2)[:100].strip()
LONG_CASE = CaseIdentity("LC-2026-000123", LONG_LAST, LONG_FIRST, "1234567A", "Claire Martin", "M.")
#: A long compound name of a referent (two hyphenated family names).
LONG_REFERENT = "Marie-Françoise Lefèvre-Dupont de la Tour d'Auvergne-Châtillon"
#: What a referent may type in a multi-line field: an address, a barrier's description.
LONG_ADDRESS = "\n".join(f"Bâtiment « Œ » n° {n}, escalier {n}" for n in range(400))[
    :MULTILINE_MAX_LENGTH
]


@pytest.mark.parametrize(
    "render",
    [
        lambda h: render_attendance(replace(sheet(3), header=h)),
        lambda h: render_intermediate(
            replace(_intermediate(), header=h, sheet=replace(sheet(3), header=h))
        ),
        lambda h: render_final(replace(_final(), header=h, sheet=replace(sheet(3), header=h))),
    ],
    ids=["sheet", "intermediate", "final"],
)
def test_a_long_first_name_never_hides_the_last_name(render) -> None:
    text = flat(all_text(render(replace(header(), case=LONG_CASE))))
    # On every first page (band) and in every footer, the last name stays.
    last = LONG_LAST.upper()[:20]
    assert text.count(last) >= len(re.findall(r"Page 1 / \d+", text)) * 2
    assert "1234567A" in text and "LC-2026-000123" in text


def test_a_barrier_described_at_length_splits_across_pages() -> None:
    long = "Difficulté décrite avec soin, démarches en cours. " * 200
    report = replace(
        _intermediate(),
        barriers=(
            BarrierLine("Santé", long.strip(), "En cours", None),
            BarrierLine("Autre", "x" * 3000, "Identifié", None),
        ),
    )
    texts = page_texts(render_intermediate(report))
    assert "Difficulté décrite avec soin" in "".join(texts)
    assert sum("x" * 20 in t for t in texts) >= 1


def test_a_contract_with_a_very_long_address_lays_out() -> None:
    beneficiary = (("Nom", "Mme Sophie DURAND"), ("Adresse", LONG_ADDRESS))
    text = all_text(render_contract(_contract(beneficiary=beneficiary)))
    assert "escalier 0" in text and "Lu et approuvé" in text


def test_a_convocation_address_stays_in_its_window() -> None:
    addressee = ("M. " + LONG_FIRST + " " + LONG_LAST.upper(), *LONG_ADDRESS.splitlines()[:12])
    pdf = render_convocation(_letter(addressee=addressee))
    assert len(page_texts(pdf)) == 1
    # The whole address is drawn above the references that follow its window.
    lowest = min(_heights(pdf, "escalier"))
    assert "escalier 11" in flat(all_text(pdf))
    assert lowest > max(_heights(pdf, "N/Réf."))


def test_rows_grow_to_hold_a_long_referent_name() -> None:
    rows = tuple(
        AttendanceRow(START, time(9, 30), 45, "Individuel (face à face)", LONG_REFERENT)
        for _ in range(3)
    )
    long_pdf = render_attendance(replace(sheet(3), rows=rows))
    short_pdf = render_attendance(
        replace(sheet(3), rows=tuple(replace(r, referent="Claire Martin") for r in rows))
    )
    assert flat(all_text(long_pdf)).count("Châtillon") == 3
    # The long name takes more lines, so the rows are taller: the certification box
    # below the table moves down by at least a line a row.
    assert _box_top(long_pdf) < _box_top(short_pdf) - 3 * 8


def _heights(pdf: bytes, needle: str, page: int = 0) -> list[float]:
    """Where each text holding ``needle`` is written (points from the bottom of the page)."""
    found: list[float] = []

    def visit(text, cm, tm, _font, _size):
        if needle in text:
            found.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    assert found, needle
    return found


def _box_top(pdf: bytes) -> float:
    """Where « Certifié exact » is written on page 1."""
    return _heights(pdf, "Certifié exact")[0]


def test_group_sheet_wraps_long_names_and_order_numbers() -> None:
    people = tuple(
        GroupParticipant(LONG_LAST, LONG_FIRST, "1234567A", "LC-2026-" + "9" * 42, "M.")
        for _ in range(2)
    )
    data = GroupSheet(
        header=DocumentHeader("Feuille d'émargement collective", OFFICE, TODAY),
        day=date(2026, 3, 12),
        start=time(9, 30),
        minutes=120,
        referent=LONG_REFERENT,
        participants=people,
    )
    lines = all_text(render_group_sheet(data)).splitlines()
    # Wrapped in their columns: no line holds a whole name or order number.
    assert not [line for line in lines if LONG_LAST.upper() in line or "9" * 42 in line]
    assert "".join(lines).count("1234567A") == 2


def test_the_signatures_of_a_report_never_stand_alone_on_a_page() -> None:
    # Enough text that the observations end near the bottom of page 1.
    for count in range(1, 40):
        report = replace(
            _intermediate(), observations="\n\n".join(["Observation suivie."] * count)
        )
        texts = page_texts(render_intermediate(report))
        report_pages = [t for t in texts if "Feuille d'émargement du" not in t]
        last = report_pages[-1]
        assert "Lu et approuvé" in last
        assert "Observation suivie." in last or "5. Observations" in last, count


def test_no_page_ends_on_the_title_of_the_observations() -> None:
    # However much comes before, « 5. Observations » and its line stay together, with
    # the signatures.
    for count in range(1, 45):
        actions = "\n".join(f"- Action n° {n} menée" for n in range(count))
        report = replace(_intermediate(), actions_taken=actions, observations=None)
        for text in page_texts(render_intermediate(report)):
            if "5. Observations" in text or "Lu et approuvé" in text:
                assert "Aucune observation." in text, count


def test_the_signature_of_an_interrupted_report_stays_with_its_text() -> None:
    exit = ExitFacts(date(2026, 3, 20), "Interruption — abandon", False, "abandon", (), True)
    for count in range(1, 40):
        report = _final(
            exit=exit,
            without_beneficiary_signature=True,
            observations="\n\n".join(["Observation suivie."] * count),
        )
        texts = [t for t in page_texts(render_final(report)) if "Feuille d'émargement du" not in t]
        for text in texts:
            if "Le référent, pour le prestataire" in text:
                assert "Observation suivie." in text or "4. Observations" in text, count


def test_a_story_that_cannot_be_laid_out_is_a_french_refusal() -> None:
    # A flowable taller than any page, with nothing to split it: a French message.
    class Tall(para("x").__class__):  # type: ignore[misc]
        def wrap(self, available_width, available_height):
            return available_width, 5000

        def split(self, available_width, available_height):
            return []

    with pytest.raises(UserError, match="ne tient pas sur une page"):
        render_document(header(), [Tall("x", para("x").style)])


def test_the_signatures_of_a_contract_stay_with_the_last_commitment() -> None:
    for count in range(1, 30):
        commitments = "\n".join(f"- Engagement n° {n} du prestataire." for n in range(count))
        for text in page_texts(render_contract(_contract(provider_commitments=commitments))):
            if "Lu et approuvé" in text:
                assert f"Engagement n° {count - 1} du prestataire." in text, count
