"""How the cells of the case list read: French short dates, day n / 180, deadline words.

A deadline's urgency is always written as well as coloured, so that it reads the same
to everyone (colour blindness, printouts, a washed-out screen).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from ...rules.timeline import CASE_DAYS
from ...services.case_list import CaseRow
from ..formatting import FRENCH

#: Shown in an empty cell (no phase, no interview, no deadline).
EMPTY = "—"

#: Words after the date of the next deadline, by its status (none when far off).
DEADLINE_WORDS = {
    "overdue": "en retard",
    "today": "aujourd'hui",
    "soon": "sous 7 jours",
}

#: Background and text colours of the next-deadline cell, by status; later: neutral.
DEADLINE_COLOURS = {
    "overdue": ("#f8d7da", "#842029"),
    "today": ("#ffe0b2", "#8a4200"),
    "soon": ("#fff3cd", "#664d03"),
}


def short_date(value: date | None) -> str:
    """``2026-03-09`` → ``09/03/2026`` (French short format), or a dash."""
    if value is None:
        return EMPTY
    return FRENCH.toString(QDate(value.year, value.month, value.day), "dd/MM/yyyy")


def long_date(value: date) -> str:
    """``2026-03-09`` → ``lundi 9 mars 2026``."""
    qdate = QDate(value.year, value.month, value.day)
    return FRENCH.toString(qdate, QLocale.FormatType.LongFormat)


#: After « Phase 2 » when the case has no company period of 7 days at least.
WITHOUT_PERIOD_TEXT = "sans période"
WITHOUT_PERIOD_COLOUR = "#a85400"
WITHOUT_PERIOD_TIP = (
    "Phase 2 sans période en entreprise d'au moins 7 jours : la prestation en demande une."
)


def phase_text(phase: int | None, *, needs_period: bool = False) -> str:
    """``Phase 2``, or ``Phase 2 · sans période`` when the company period is missing."""
    if phase is None:
        return EMPTY
    return f"Phase {phase} · {WITHOUT_PERIOD_TEXT}" if needs_period else f"Phase {phase}"


def day_text(day: int | None, total: int | None = None) -> str:
    """``42 / 180``: day n of the case's length, S to its current end (a renewed case
    counts to its new end: ``192 / 364``), as the case file's header says it."""
    return EMPTY if day is None else f"{day} / {total or CASE_DAYS}"


def deadline_text(row: CaseRow) -> str:
    """``12/03/2026 · en retard``; a dash without deadline, a note without summary."""
    if row.next_due is None:
        return "non calculée" if row.alert_count is None else EMPTY
    words = DEADLINE_WORDS.get(row.next_status or "")
    shown = short_date(row.next_due)
    return f"{shown} · {words}" if words else shown


def deadline_tooltip(row: CaseRow) -> str:
    """What the next deadline asks, and for when."""
    if row.alert_count is None:
        return "Les échéances de ce dossier n'ont pas encore été calculées."
    if row.next_due is None:
        return "Aucune échéance ouverte."
    return f"{row.next_label} — au plus tard le {long_date(row.next_due)}"


def alerts_tooltip(row: CaseRow) -> str:
    """What the « Alertes » figure counts, in words."""
    if row.alert_count is None:
        return "Les échéances de ce dossier n'ont pas encore été calculées."
    if not row.alert_count:
        return "Aucune échéance dépassée ni à tenir aujourd'hui."
    one = row.alert_count == 1
    what = "échéance dépassée" if one else "échéances dépassées"
    return f"{row.alert_count} {what} ou à tenir aujourd'hui (voir le dossier)."
