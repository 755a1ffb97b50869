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
  definition the first day of the job (J);
* a contract's length is said counting its first and its last day, as a contract is
  read (from 01/12 to 31/01 is « 2 mois »); the 3-month rule stays the contract's own
  (end ≥ start + 3 months), so a refusal names the earliest end date that would count;
* while a fact the rule needs is not given yet (full time or not, hours, the end of a
  CDD, the training's kind or hours, the business status), the verdict says what to
  fill in (``complete`` is False) rather than calling the exit negative for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
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
    """Whether an exit is positive, and the rule that decided, in French.

    ``complete`` is False while a fact the rule needs is missing: the exit is not
    positive *yet*, and ``reason`` says what to fill in.
    """

    positive: bool
    reason: str
    complete: bool = True


def _to_fill(reason: str) -> ExitVerdict:
    return ExitVerdict(False, f"À compléter : {reason}", complete=False)


def french_number(value: float) -> str:
    """``159.5`` → ``159,5``; ``78.0`` → ``78`` (hours as a French reader writes them)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@lru_cache(maxsize=4096)
def french_duration(start: date, end: date) -> str:
    """The length from ``start`` to ``end``, both days counted, in months and days:
    01/12 to 31/01 is ``2 mois``, 01/12 to 15/01 ``1 mois et 15 jours``."""
    delta = relativedelta(end + timedelta(days=1), start)
    months = delta.years * 12 + delta.months
    parts = []
    if months:
        parts.append(f"{months} mois")
    if delta.days or not months:
        parts.append(f"{delta.days} jour{'s' if abs(delta.days) > 1 else ''}")
    return " et ".join(parts)


def _fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _hours_phrase(exit: Any) -> tuple[bool | None, str]:
    """Whether the working time counts (None when unknown), and how to say it."""
    if exit.employment_full_time:
        return True, "à temps plein"
    hours = exit.employment_hours_per_month
    if hours is None:
        return None, ""
    text = f"à {french_number(hours)} h par mois"
    if hours > MIN_HOURS_PER_MONTH:
        return True, f"{text} (plus de 78 h)"
    return False, text


def _classify_employment(exit: Any) -> ExitVerdict:
    contract = exit.employment_contract
    if contract is None:
        return _to_fill("le type de contrat (CDI, CDD, intérim ou contrat aidé)")
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
            return _to_fill(
                f"la date de fin du {'CDD' if contract is ContractType.CDD else 'contrat'}, "
                "pour vérifier qu'il dure au moins 3 mois"
            )
        length = french_duration(start, end)
        earliest = add_months(start, MIN_CDD_MONTHS)
        if end < earliest:
            return ExitVerdict(
                False,
                f"{name} de {length} (jusqu'au {_fr(end)}) : moins de 3 mois (fin au plus "
                f"tôt le {_fr(earliest)}), {_NOT_POSITIVE}",
            )
        name = f"{name} de {length}"
    counts, phrase = _hours_phrase(exit)
    if counts is None:
        if exit.employment_full_time is None:
            return _to_fill(f"{name} à temps plein ou non (sinon, les heures par mois)")
        return _to_fill(f"{name} à temps partiel : le nombre d'heures par mois")
    if not counts:
        return ExitVerdict(
            False,
            f"{name} {phrase} : ni temps plein ni plus de 78 h par mois, {_NOT_POSITIVE}",
        )
    return ExitVerdict(True, f"{name} {phrase} : {_POSITIVE}")


def _classify_training(exit: Any) -> ExitVerdict:
    if exit.training_afpr:
        return ExitVerdict(True, f"Formation dans le cadre d'une AFPR : {_POSITIVE}")
    if exit.training_qualifying is None:
        return _to_fill("la formation est-elle pré-qualifiante ou certifiante (ou une AFPR) ?")
    if not exit.training_qualifying:
        return ExitVerdict(
            False, f"Formation ni pré-qualifiante ni certifiante (et hors AFPR) : {_NOT_POSITIVE}"
        )
    total = exit.training_hours_total
    weekly = exit.training_hours_per_week
    if total is None or weekly is None:
        return _to_fill("les heures de la formation qualifiante (au total et par semaine)")
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
        return _to_fill("la création se fait-elle sous le statut d'auto-entrepreneur ?")
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
