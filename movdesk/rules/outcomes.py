"""Positive exit (issue positive), MOV-RULES.md section 6, as pure functions.

:func:`classify_exit` says whether an exit is positive and *why*, in French words that
can be shown to the user as they are ("CDD de 2 mois : moins de 3 mois, sortie non
positive"). It reads only attributes, so it accepts an :class:`~movdesk.models.Exit`
or any object with the same attribute names (tests use simple namespaces).

Decisions beyond the contract's text:

* temp work (intérim) is a CDD of the mission's length (MOV-RULES.md);
* a missing fact that the rule needs (CDD end date, hours, training hours, business
  status) makes the exit not positive, and the reason names what is missing, so that
  completing the record is what turns it positive;
* a CDD or mission with no ``employment_start`` runs from the exit date, which is by
  definition the first day of the job (J).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta

from ..models.enums import ContractType, ExitReason
from .calendar import add_months

#: A job counts when full time or strictly more than this many hours per month.
MIN_HOURS_PER_MONTH = 78.0
#: A fixed-term contract counts when it lasts at least this many calendar months.
MIN_CDD_MONTHS = 3
#: A qualifying training counts from this many hours in total…
MIN_TRAINING_HOURS = 160.0
#: …at this many hours per week at least.
MIN_TRAINING_HOURS_PER_WEEK = 20.0

_NOT_POSITIVE = "sortie non positive"
_POSITIVE = "sortie positive"


@dataclass(frozen=True)
class ExitVerdict:
    """Whether an exit is positive, and the rule that decided, in French."""

    positive: bool
    reason: str


def french_number(value: float) -> str:
    """``159.5`` → ``159,5``; ``78.0`` → ``78`` (hours as a French reader writes them)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@lru_cache(maxsize=4096)
def french_duration(start: date, end: date) -> str:
    """The length from ``start`` to ``end`` in months and days: ``2 mois et 30 jours``."""
    delta = relativedelta(end, start)
    months = delta.years * 12 + delta.months
    parts = []
    if months:
        parts.append(f"{months} mois")
    if delta.days or not months:
        parts.append(f"{delta.days} jour{'s' if abs(delta.days) > 1 else ''}")
    return " et ".join(parts)


def _hours_phrase(exit: Any) -> tuple[bool | None, str]:
    """Whether the working time counts (None when unknown), and how to say it."""
    if exit.employment_full_time:
        return True, "à temps plein"
    hours = exit.employment_hours_per_month
    if hours is None:
        return None, "à temps partiel sans nombre d'heures mensuelles"
    text = f"à {french_number(hours)} h par mois"
    if hours > MIN_HOURS_PER_MONTH:
        return True, f"{text} (plus de 78 h)"
    return False, text


def _classify_employment(exit: Any) -> ExitVerdict:
    contract = exit.employment_contract
    if contract is None:
        return ExitVerdict(False, f"Reprise d'emploi sans type de contrat : {_NOT_POSITIVE}")
    contract = ContractType(contract)
    if contract is ContractType.SUBSIDISED:
        return ExitVerdict(
            True, f"Contrat aidé : {_POSITIVE}, quelle que soit la durée du travail"
        )
    if contract is ContractType.CDI:
        name = "CDI"
    else:
        name = "CDD" if contract is ContractType.CDD else "Mission d'intérim (comptée comme un CDD)"
        start = exit.employment_start or exit.date
        end = exit.employment_end
        if end is None:
            return ExitVerdict(
                False,
                f"{name} sans date de fin : la date de fin manque pour vérifier la durée "
                f"d'au moins 3 mois, {_NOT_POSITIVE}",
            )
        length = french_duration(start, end)
        if end < add_months(start, MIN_CDD_MONTHS):
            return ExitVerdict(False, f"{name} de {length} : moins de 3 mois, {_NOT_POSITIVE}")
        name = f"{name} de {length}"
    counts, phrase = _hours_phrase(exit)
    if counts is None:
        return ExitVerdict(
            False, f"{name} {phrase} : durée du travail inconnue, {_NOT_POSITIVE}"
        )
    if not counts:
        return ExitVerdict(
            False,
            f"{name} {phrase} : ni temps plein ni plus de 78 h par mois, {_NOT_POSITIVE}",
        )
    return ExitVerdict(True, f"{name} {phrase} : {_POSITIVE}")


def _classify_training(exit: Any) -> ExitVerdict:
    if exit.training_afpr:
        return ExitVerdict(True, f"Formation dans le cadre d'une AFPR : {_POSITIVE}")
    if not exit.training_qualifying:
        return ExitVerdict(
            False, f"Formation ni pré-qualifiante ni certifiante (et hors AFPR) : {_NOT_POSITIVE}"
        )
    total = exit.training_hours_total
    weekly = exit.training_hours_per_week
    if total is None or weekly is None:
        return ExitVerdict(
            False,
            "Formation qualifiante sans nombre d'heures (total et par semaine) : "
            f"{_NOT_POSITIVE}",
        )
    if total < MIN_TRAINING_HOURS:
        return ExitVerdict(
            False,
            f"Formation de {french_number(total)} h au total : moins de 160 heures, "
            f"{_NOT_POSITIVE}",
        )
    if weekly < MIN_TRAINING_HOURS_PER_WEEK:
        return ExitVerdict(
            False,
            f"Formation à {french_number(weekly)} h par semaine : moins de 20 heures par "
            f"semaine, {_NOT_POSITIVE}",
        )
    return ExitVerdict(
        True,
        f"Formation qualifiante de {french_number(total)} h à {french_number(weekly)} h "
        f"par semaine : {_POSITIVE}",
    )


def _classify_business(exit: Any) -> ExitVerdict:
    status = exit.business_auto_entrepreneur
    if status is None:
        return ExitVerdict(
            False,
            "Création ou reprise d'entreprise sans statut précisé (auto-entrepreneur ou "
            f"non) : {_NOT_POSITIVE}",
        )
    if status:
        return ExitVerdict(
            False,
            "Création sous le statut d'auto-entrepreneur : jamais une sortie positive",
        )
    return ExitVerdict(True, f"Création ou reprise d'entreprise : {_POSITIVE}")


def classify_exit(exit: Any) -> ExitVerdict:
    """Decide whether ``exit`` is a positive exit (MOV-RULES.md section 6), and why."""
    reason = ExitReason(exit.reason)
    if reason is ExitReason.EMPLOYMENT:
        return _classify_employment(exit)
    if reason is ExitReason.TRAINING:
        return _classify_training(exit)
    if reason is ExitReason.BUSINESS:
        return _classify_business(exit)
    return ExitVerdict(False, f"{reason.label} : {_NOT_POSITIVE}")


def is_positive(exit: Any | None) -> bool:
    """True when there is an exit and it is positive."""
    return exit is not None and classify_exit(exit).positive


def is_employment_or_business(exit: Any | None) -> bool:
    """A job or business exit, positive or not (indicator ``reprises_emploi_en_cours``)."""
    return exit is not None and ExitReason(exit.reason) in (
        ExitReason.EMPLOYMENT,
        ExitReason.BUSINESS,
    )


def earns_retention_check(exit: Any | None) -> bool:
    """A positive job or business exit: retention at 3 months is checked and paid (T3).

    A training exit never earns T3 (MOV-RULES.md section 5, decision).
    """
    return is_employment_or_business(exit) and is_positive(exit)
