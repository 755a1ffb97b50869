"""Hand-made document data for the renderer tests (no database)."""

from __future__ import annotations

from datetime import date, time, timedelta

from movdesk.reports.attendance import AttendanceRow, AttendanceSheet
from movdesk.reports.case_tables import BarrierLine, CourseFacts
from movdesk.reports.page import CaseIdentity, DocumentHeader, OfficeIdentity

OFFICE = OfficeIdentity(
    name="Association Tremplin Emploi",
    address="14 rue des Tisserands\n59000 Lille",
    siret="73282932000074",
    market_number="MOV-HDF-2025-LOT 3",
    phone="03 20 00 00 00",
)
CASE = CaseIdentity("LC-2026-000123", "Durand", "Sophie", "1234567A", "Claire Martin", "Mme")
START = date(2026, 1, 5)
TODAY = date(2026, 3, 2)


def header(title: str = "Feuille d'émargement", **kwargs: object) -> DocumentHeader:
    return DocumentHeader(title, OFFICE, TODAY, CASE, **kwargs)  # type: ignore[arg-type]


def rows(count: int, *, planned_from: int | None = None) -> tuple[AttendanceRow, ...]:
    """``count`` interviews, two days apart, each on its own date."""
    kinds = ("Individuel (face à face)", "Atelier collectif", "Téléphonique")
    return tuple(
        AttendanceRow(
            day=START + timedelta(days=2 * n),
            start=time(9 + n % 8, 30),
            minutes=30 + 15 * (n % 4),
            kind=kinds[n % 3],
            referent="Claire Martin" if n % 5 else "Paul Roux",
            planned=planned_from is not None and n >= planned_from,
        )
        for n in range(count)
    )


def sheet(count: int, *, blank_rows: int = 0, planned_from: int | None = None) -> AttendanceSheet:
    made = rows(count, planned_from=planned_from)
    end = made[-1].day if made else TODAY
    return AttendanceSheet(header(), START, end, made, blank_rows)


COURSE = CourseFacts(
    start=START,
    planned_end=date(2026, 7, 3),
    phase="Phase 2 — plan d'action (depuis le 09/02/2026)",
    interviews_held=8,
    minutes_held=405,
    missed=1,
    offers_subscription=date(2026, 2, 20),
    online_profile=None,
)
BARRIERS = (
    BarrierLine("Mobilité", "Pas de permis", "Levé le 23/02/2026", "Auto-école sociale"),
    BarrierLine("Logement / hébergement", None, "En cours de traitement", None),
)
