"""Bilan final (seed « Livrable 2 »): two copies, then the attendance sheet of the case.

What the case achieved and the actions still to take with their calendar (texts
drafted from the case file and completed in the report editor), the barriers and
their state, how it ended (the exit, whether it is positive and the rule that says
so). One copy for the beneficiary, one for
France Travail, in the same PDF; the attendance sheet from S to the end of the case
follows once, for France Travail's copy.

After an interruption the seed lets the office send the report without the
beneficiary's signature: printed so, the report says it in place of the
beneficiary's box.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.platypus import Flowable

from .attendance import AttendanceSheet, attendance_part
from .blocks import ending_with, gap, heading, key_values, para, rich_text, signature_boxes
from .case_tables import BarrierLine, CourseFacts, barriers_table, course_block
from .page import DocumentHeader, DocumentPart, copy_subtitle, render_pdf
from .text import fr_date

COPIES = ("Exemplaire du bénéficiaire", "Exemplaire pour France Travail")


@dataclass(frozen=True)
class ExitFacts:
    """How the case ended."""

    date: date
    reason: str
    positive: bool
    #: The rule that decided, in words (« CDD de 2 mois : moins de 3 mois »).
    verdict: str
    details: tuple[str, ...] = ()
    interrupted: bool = False


@dataclass(frozen=True)
class FinalReport:
    """The data of one final report and of its attendance sheet."""

    header: DocumentHeader
    end_date: date
    #: How the case stands when it has not ended yet (printed as a draft).
    ended: bool
    course: CourseFacts
    exit: ExitFacts | None
    barriers: tuple[BarrierLine, ...]
    #: The texts of the report editor (drafted from the case file until saved).
    achievements: str | None
    next_steps: str | None
    observations: str | None
    sheet: AttendanceSheet
    #: Printed without the beneficiary's signature (allowed after an interruption).
    without_beneficiary_signature: bool = False


def _exit_block(report: FinalReport) -> list[Flowable]:
    exit = report.exit
    if exit is None:
        if report.ended:
            return [para(f"Fin de la prestation à son terme le {fr_date(report.end_date)}.")]
        return [
            para(
                "La prestation est en cours : aucune sortie n'est enregistrée. Ce bilan est un "
                "projet, à compléter à la fin de la prestation.",
                "Muted",
            )
        ]
    lines: list[tuple[str, str | None]] = [
        ("Date de fin", fr_date(exit.date)),
        ("Motif", exit.reason),
        ("Issue", "positive" if exit.positive else "non positive"),
        ("Règle appliquée", exit.verdict),
    ]
    lines += [("Précisions", detail) for detail in exit.details]
    return [key_values(lines)]


def _signatures(report: FinalReport) -> list[Flowable]:
    """The signatures, kept by :func:`.blocks.ending_with` with the observations."""
    if report.without_beneficiary_signature:
        note = para(
            "Prestation interrompue : conformément au cahier des charges, ce bilan est "
            "transmis à France Travail sans la signature du bénéficiaire.",
            "Muted",
        )
        boxes = signature_boxes(["Le référent, pour le prestataire"], width_mm=87, height_mm=30)
        return [gap(4), note, gap(2), boxes]
    boxes = signature_boxes(
        ["Le bénéficiaire", "Le référent, pour le prestataire"],
        mention="Lu et approuvé",
        height_mm=30,
    )
    return [gap(4), boxes]


def final_story(report: FinalReport) -> list[Flowable]:
    return [
        course_block(
            report.course, report_label="Fin de la prestation", report_date=report.end_date
        ),
        heading("1. Fin de la prestation"),
        *_exit_block(report),
        heading("2. Acquis de la prestation"),
        *rich_text(report.achievements),
        gap(1.5),
        para("Freins et leur état à la fin de la prestation :", "Heading2"),
        *barriers_table(report.barriers),
        heading("3. Actions à mettre en place et leur calendrier"),
        *rich_text(report.next_steps, empty="Aucune action ne reste à mener."),
        *ending_with(
            heading("4. Observations"),
            rich_text(report.observations, empty="Aucune observation."),
            _signatures(report),
        ),
    ]


def render_final(report: FinalReport) -> bytes:
    """Two copies of the report, then the attendance sheet of the case, in one PDF."""
    parts = [
        DocumentPart(
            replace(report.header, subtitle=copy_subtitle(copy, report.header)), final_story(report)
        )
        for copy in COPIES
    ]
    parts.append(attendance_part(report.sheet))
    return render_pdf(parts)
