"""Bilan intermédiaire (seed « Livrable 1 »), followed by the attendance sheet of its period.

Due at S + 2 months, it says what the case has done so far: the actions already taken
for the job search and the job leads identified (texts drafted from the case file —
the plan's actions, the job targets, the company periods — and completed by the
referent in the report editor), the barriers and their state, the interviews held
and the online obligations. The beneficiary and the referent sign it; the attendance
sheet from S to the report date follows, as the contract asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from .attendance import AttendanceSheet, attendance_part
from .blocks import ending_with, gap, heading, rich_text, signature_boxes
from .case_tables import BarrierLine, CourseFacts, barriers_table, course_block, online_line
from .page import DocumentHeader, DocumentPart, render_pdf


@dataclass(frozen=True)
class IntermediateReport:
    """The data of one intermediate report and of its attendance sheet."""

    header: DocumentHeader
    report_date: date
    course: CourseFacts
    barriers: tuple[BarrierLine, ...]
    #: The texts of the report editor (drafted from the case file until saved).
    actions_taken: str | None
    job_leads: str | None
    observations: str | None
    sheet: AttendanceSheet


def intermediate_story(report: IntermediateReport) -> list[Flowable]:
    return [
        course_block(report.course, report_label="Date du bilan", report_date=report.report_date),
        heading("1. Actions déjà engagées au regard de la recherche d'emploi"),
        *rich_text(report.actions_taken),
        heading("2. Pistes d'emploi identifiées"),
        *rich_text(report.job_leads),
        heading("3. Freins identifiés et leur état"),
        *barriers_table(report.barriers),
        heading("4. Démarches en ligne"),
        online_line(report.course),
        *ending_with(
            heading("5. Observations"),
            rich_text(report.observations, empty="Aucune observation."),
            [
                gap(4),
                signature_boxes(
                    ["Le bénéficiaire", "Le référent, pour le prestataire"],
                    mention="Lu et approuvé",
                    height_mm=30,
                ),
            ],
        ),
    ]


def render_intermediate(report: IntermediateReport) -> bytes:
    """The report, then its attendance sheet, in one PDF (each numbered on its own)."""
    return render_pdf(
        [DocumentPart(report.header, intermediate_story(report)), attendance_part(report.sheet)]
    )
