"""How the monthly indicators are named and written for people: on screen and on paper.

The CSV keeps the contract's column codes (``recus``, ``taux_reprise_emploi``…); the
window and the PDF summary show French titles, the meaning of each column (MOV-RULES.md
section 7) as a tooltip, counts with grouped digits and rates as ``45,5 %``. The chart
colours live here too, so that the screen and the printed page look alike; they differ
in lightness as well as hue, to stay apart on a black-and-white printer.
"""

from __future__ import annotations

from decimal import Decimal

from ..rules.indicators import CUMUL, month_bounds

#: Column code → title on screen.
COLUMN_TITLES: dict[str, str] = {
    "cohorte": "Cohorte",
    "recus": "Reçus",
    "non_presentes": "Non présentés",
    "entres": "Entrés",
    "refus": "Refus",
    "abandons": "Abandons",
    "sortis": "Sortis",
    "en_cours": "En cours",
    "reprises_emploi_en_cours": "Reprises d'emploi",
    "taux_reprise_emploi": "Taux de reprise d'emploi",
    "sorties_positives": "Sorties positives",
    "taux_sorties_positives": "Taux de sorties positives",
    "sorties_negatives": "Sorties négatives",
    "taux_sorties_negatives": "Taux de sorties négatives",
    "maintien_mesures": "Maintiens mesurables",
    "maintien_emploi": "Maintiens dans l'emploi",
    "taux_maintien_emploi": "Taux de maintien dans l'emploi",
}

#: Column code → title in the narrow columns of the printed table.
COLUMN_SHORT_TITLES: dict[str, str] = {
    **COLUMN_TITLES,
    "non_presentes": "Non prés.",
    "reprises_emploi_en_cours": "Reprises emploi",
    "taux_reprise_emploi": "Taux reprise",
    "sorties_positives": "Sorties +",
    "taux_sorties_positives": "Taux sorties +",
    "sorties_negatives": "Sorties −",
    "taux_sorties_negatives": "Taux sorties −",
    "maintien_mesures": "Maintien mesures",
    "maintien_emploi": "Maintien emploi",
    "taux_maintien_emploi": "Taux maintien",
}

#: Column code → what it counts (MOV-RULES.md section 7), as of the month's last day.
COLUMN_MEANINGS: dict[str, str] = {
    "cohorte": "Mois du début S des dossiers (cumul : tous les mois).",
    "recus": "Entretien de contractualisation tenu (contrat signé ou refusé).",
    "non_presentes": "S + 7 dépassé sans entretien de contractualisation tenu.",
    "entres": "Contrat d'accompagnement signé.",
    "refus": "Contrat refusé.",
    "abandons": "Entrés, puis interrompus (quel que soit le motif).",
    "sortis": "Entrés et sortis : sortie positive, fin à terme ou interruption.",
    "en_cours": "Entrés et pas encore sortis.",
    "reprises_emploi_en_cours": "Entrés avec une sortie en emploi ou en création "
    "d'entreprise (positive ou non).",
    "taux_reprise_emploi": "Reprises d'emploi ÷ entrés.",
    "sorties_positives": "Sorties positives (emploi, formation, création).",
    "taux_sorties_positives": "Sorties positives ÷ sortis.",
    "sorties_negatives": "Sortis moins les sorties positives.",
    "taux_sorties_negatives": "Sorties négatives ÷ sortis.",
    "maintien_mesures": "Sorties positives en emploi ou création dont la date + 3 mois "
    "est passée.",
    "maintien_emploi": "Parmi elles, personnes toujours en poste à 3 mois.",
    "taux_maintien_emploi": "Maintiens dans l'emploi ÷ maintiens mesurables.",
}

#: The three rates the charts follow month by month.
RATE_COLUMNS = ("taux_reprise_emploi", "taux_sorties_positives", "taux_maintien_emploi")
#: Their names in a chart's legend, under a title that says « taux ».
RATE_TITLES = {
    "taux_reprise_emploi": "Reprise d'emploi",
    "taux_sorties_positives": "Sorties positives",
    "taux_maintien_emploi": "Maintien dans l'emploi",
}

#: The parts of a cohort's bar in the progress chart, bottom to top, with their legend.
PROGRESS_PARTS = (
    ("en_cours", "En cours"),
    ("sorties_positives", "Sorties positives"),
    ("sorties_negatives", "Sorties négatives"),
)

#: Three line colours for the rates, then three for the parts of a cohort's bar.
CHART_COLOURS = ("#1f4e8c", "#2e8b57", "#c0392b", "#5b8fd0", "#2e8b57", "#d9a441")

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
#: Narrow no-break space: between the digits of a count and before « % ».
NNBSP = "\u202f"


def month_label(month: str) -> str:
    """``2026-03`` → ``mars 2026``."""
    first, _last = month_bounds(month)
    return f"{_MONTHS[first.month - 1]} {first.year}"


def short_month(month: str) -> str:
    """``2026-03`` → ``03/26`` (a chart's axis); ``cumul`` stays as it is."""
    if month == CUMUL:
        return month
    return f"{month[5:7]}/{month[2:4]}"


def count_text(value: int) -> str:
    """``1234`` → ``1 234``."""
    return f"{value:,}".replace(",", NNBSP)


def rate_text(value: Decimal | None) -> str:
    """``Decimal('45.5')`` → ``45,5 %``; an empty text when the rate has no denominator."""
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",") + f"{NNBSP}%"


def cell_text(value: object) -> str:
    """A count or a rate of an indicator row, as French text."""
    if value is None or isinstance(value, Decimal):
        return rate_text(value)
    if isinstance(value, int):
        return count_text(value)
    return str(value)
