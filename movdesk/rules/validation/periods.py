"""Validation of suspensions and company periods (MOV-RULES.md sections 2.7 and 2.8)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...models.enums import SuspensionKind
from .common import (
    MAX_COMPANY_DAYS,
    MAX_LEAVE_DAYS_TOTAL,
    MAX_SICKNESS_DAYS,
    MIN_COMPANY_DAYS,
    ROME_RE,
    Problem,
    TextField,
    dates_in_order,
    days_text,
    inside_case,
    multiline_field,
    needs_signature,
    path_of,
    signed,
    span,
    text_problems,
)

#: How one item of each list of periods is named in a sentence.
_ONE = {"suspensions": "la suspension", "company_periods": "la période en entreprise"}


def _one(collection: str, item: Any) -> str:
    """« la suspension pour maladie », « la période en entreprise »: the other item."""
    noun = _ONE.get(collection, "la période")
    kind = getattr(item, "kind", None)
    if collection == "suspensions" and kind is not None:
        noun += " pour maladie" if kind == SuspensionKind.SICKNESS else " pour congés"
    return noun


SUSPENSION_TEXTS = (multiline_field("notes", "les notes"),)
#: ``rome`` has a shape rule of its own (a letter and 4 digits); its limit only keeps
#: an absurd text out of the messages.
COMPANY_PERIOD_TEXTS = (
    TextField("job_title", "le poste occupé", 200),
    TextField("rome", "le code ROME", 20),
    multiline_field("evaluation", "l'évaluation"),
    TextField("tutor_name", "le nom du tuteur", 200),
    TextField("tutor_phone", "le téléphone du tuteur", 40),
    multiline_field("objectives", "les objectifs"),
    multiline_field("skills_observed", "les compétences observées"),
)


def _texts_refused(problems: list[Problem], path: str) -> bool:
    return any(p.field == f"{path}.rome" for p in problems)


def overlap_problems(
    item: Any,
    others: Sequence[Any],
    collection: str,
    case_items: Sequence[Any],
    path: str,
    what: str,
) -> list[Problem]:
    """Overlaps of ``item`` with ``others``, naming each other item by its dates.

    ``case_items`` is kept for the callers; the message names the other period by its
    kind and dates, never by its position in a list.
    """
    problems = []
    for other in others:
        if other is item:
            continue
        if item.start_date <= other.end_date and other.start_date <= item.end_date:
            problems.append(
                Problem(
                    f"{path}.start",
                    f"{what} ne peuvent pas se chevaucher : celle-ci "
                    f"({span(item.start_date, item.end_date)}) chevauche "
                    f"{_one(collection, other)} {span(other.start_date, other.end_date)}.",
                )
            )
    return problems


def leave_total_problems(case: Any, suspensions: Sequence[Any], path: str) -> list[Problem]:
    """Leave (congés) may total at most 35 days over the case; reported on ``path``."""
    total = sum(length(s) for s in suspensions if s.kind == SuspensionKind.LEAVE)
    if total > MAX_LEAVE_DAYS_TOTAL:
        return [
            Problem(
                f"{path}.end",
                f"les congés totalisent au plus 35 jours sur la prestation (ici {total} jours).",
            )
        ]
    return []


def length(item: Any) -> int:
    """Days of a period counting its first and last day (works on any start/end object)."""
    return (item.end_date - item.start_date).days + 1


def suspension_problems(case: Any, item: Any, path: str) -> list[Problem]:
    """The rules that one suspension meets on its own."""
    problems = text_problems(item, f"{path}.", SUSPENSION_TEXTS)
    problems += dates_in_order(item.start_date, item.end_date, path)
    if problems:
        return problems
    if item.kind == SuspensionKind.SICKNESS and length(item) > MAX_SICKNESS_DAYS:
        problems.append(
            Problem(
                f"{path}.end",
                f"une suspension pour maladie dure au plus 14 jours consécutifs "
                f"(ici {length(item)} jours).",
            )
        )
    if not signed(case):
        problems.append(needs_signature(path, "une suspension"))
    return problems + inside_case(case, item.start_date, item.end_date, path, "une suspension")


def check_suspension(case: Any, suspension: Any, others: Sequence[Any]) -> list[Problem]:
    """Sickness ≤ 14 days; leave ≤ 35 days in total; no overlap; inside [S, end]."""
    path = path_of("suspensions", case.suspensions, suspension)
    problems = suspension_problems(case, suspension, path)
    problems += overlap_problems(
        suspension, others, "suspensions", case.suspensions, path, "les suspensions"
    )
    if suspension.kind == SuspensionKind.LEAVE:
        rest = [other for other in others if other is not suspension]
        problems += leave_total_problems(case, [suspension, *rest], path)
    return problems


def company_period_problems(case: Any, item: Any, path: str) -> list[Problem]:
    """The rules that one company period meets on its own."""
    problems = text_problems(item, f"{path}.", COMPANY_PERIOD_TEXTS)
    problems += dates_in_order(item.start_date, item.end_date, path)
    if problems:
        return problems
    if length(item) > MAX_COMPANY_DAYS:
        problems.append(
            Problem(
                f"{path}.end",
                f"une période en entreprise dure au plus 42 jours (6 semaines) "
                f"(ici {length(item)} jours).",
            )
        )
    elif length(item) < MIN_COMPANY_DAYS:
        problems.append(
            Problem(
                f"{path}.end",
                f"une période de moins de 7 jours est acceptée mais ne satisfait pas "
                f"l'obligation de période en entreprise (ici {days_text(length(item))}).",
                "warning",
            )
        )
    if item.rome and not ROME_RE.match(item.rome) and not _texts_refused(problems, path):
        problems.append(
            Problem(
                f"{path}.rome",
                f"le code ROME « {item.rome} » s'écrit d'une lettre majuscule et de 4 "
                "chiffres (ex. D1106).",
            )
        )
    if not signed(case):
        problems.append(needs_signature(path, "une période en entreprise"))
    return problems + inside_case(
        case, item.start_date, item.end_date, path, "une période en entreprise"
    )


def period_suspension_overlaps(case: Any) -> list[Problem]:
    """A company period that overlaps a suspension: accepted, with a warning.

    Both stop the 14-day clock, so the rules lose nothing; but a person is rarely in a
    company while suspended, and a typo in one of the dates is the likelier story.
    """
    problems = []
    periods, suspensions = list(case.company_periods), list(case.suspensions)
    for index, period in enumerate(periods):
        for suspension in suspensions:
            overlap = period.start_date <= suspension.end_date
            if overlap and suspension.start_date <= period.end_date:
                problems.append(
                    Problem(
                        f"company_periods[{index}].start",
                        f"la période en entreprise {span(period.start_date, period.end_date)} "
                        f"chevauche {_one('suspensions', suspension)} "
                        f"{span(suspension.start_date, suspension.end_date)} : vérifiez les "
                        "dates (les jours communs ne sont décomptés qu'une fois).",
                        "warning",
                    )
                )
    return problems


def check_company_period(case: Any, period: Any, others: Sequence[Any]) -> list[Problem]:
    """At most 42 days (under 7 is a warning); inside [S, end]; no overlap between periods."""
    path = path_of("company_periods", case.company_periods, period)
    return company_period_problems(case, period, path) + overlap_problems(
        period,
        others,
        "company_periods",
        case.company_periods,
        path,
        "les périodes en entreprise",
    )
