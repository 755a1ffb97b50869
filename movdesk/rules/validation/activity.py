"""Validation of interviews and of the exit (MOV-RULES.md sections 2 and 6)."""

from __future__ import annotations

from typing import Any

from ...models.enums import (
    ContractType,
    ExitReason,
    InterviewKind,
    InterviewStatus,
)
from ..outcomes import classify_exit, french_number, is_employment_or_business
from .common import (
    MAX_HOURS_PER_MONTH,
    MAX_INTERVIEW_MINUTES,
    Problem,
    TextField,
    current_end,
    fr_date,
    multiline_field,
    needs_signature,
    path_of,
    signed,
    text_problems,
)

INTERVIEW_TEXTS = (multiline_field("notes", "les notes"),)
EXIT_TEXTS = (
    TextField("employment_job_title", "l'emploi occupé", 200),
    TextField("training_title", "l'intitulé de la formation", 200),
    TextField("training_organisation", "l'organisme de formation", 200),
    TextField("business_name", "le nom de l'entreprise créée", 200),
)


def check_interview(case: Any, interview: Any) -> list[Problem]:
    """Minutes 1–600; case interviews inside [S, end]; follow-up ones after a positive exit."""
    path = path_of("interviews", case.interviews, interview)
    problems = text_problems(interview, f"{path}.", INTERVIEW_TEXTS)
    minutes = interview.minutes
    if not minutes:
        problems.append(
            Problem(
                f"{path}.minutes",
                f"la durée de l'entretien est obligatoire : de 1 à {MAX_INTERVIEW_MINUTES} "
                "minutes.",
            )
        )
    elif not 1 <= minutes <= MAX_INTERVIEW_MINUTES:
        problems.append(
            Problem(
                f"{path}.minutes", f"la durée d'un entretien va de 1 à 600 minutes (ici {minutes})."
            )
        )
    when, exit = interview.date, case.exit
    if interview.kind == InterviewKind.FOLLOW_UP:
        if exit is None or not classify_exit(exit).positive:
            problems.append(
                Problem(
                    f"{path}.kind",
                    "un entretien de suivi dans l'emploi ou la formation suppose une "
                    "sortie positive enregistrée (emploi, formation ou création d'entreprise).",
                )
            )
        elif when < exit.date:
            problems.append(
                Problem(
                    f"{path}.date",
                    f"un entretien de suivi a lieu à partir de la sortie "
                    f"positive ({fr_date(exit.date)}) ; ici {fr_date(when)}.",
                )
            )
        return problems
    last = exit.date if exit is not None else current_end(case)
    if exit is not None and when > last:
        # Most often the next appointment, planned before the exit was known.
        what = "prévu le" if interview.status == InterviewStatus.PLANNED else "du"
        problems.append(
            Problem(
                f"{path}.date",
                f"l'entretien {what} {fr_date(when)} tombe après la sortie "
                f"({fr_date(last)}) : déplacez-le ou supprimez-le dans l'onglet Entretiens. "
                "Après une sortie positive, un entretien de suivi se saisit avec le type "
                "« Suivi dans l'emploi ou la formation ».",
            )
        )
    elif when < case.start_date or when > last:
        problems.append(
            Problem(
                f"{path}.date",
                f"un entretien de la prestation a lieu entre le début S "
                f"({fr_date(case.start_date)}) et la fin ({fr_date(last)}) ; ici "
                f"{fr_date(when)}.",
            )
        )
    if interview.status != InterviewStatus.ATTENDED or interview.kind == InterviewKind.CONTRACTING:
        return problems
    if not signed(case):
        problems.append(needs_signature(f"{path}.status", "un entretien réalisé"))
    elif case.contracting_date is not None and when < case.contracting_date:
        problems.append(
            Problem(
                f"{path}.date",
                f"un entretien réalisé suit l'entretien de "
                f"contractualisation ({fr_date(case.contracting_date)}) ; ici "
                f"{fr_date(when)}.",
            )
        )
    return problems


_BLOCKS: dict[ExitReason, tuple[str, tuple[str, ...]]] = {
    ExitReason.EMPLOYMENT: (
        "employment",
        (
            "employment_contract",
            "employment_start",
            "employment_end",
            "employment_full_time",
            "employment_hours_per_month",
        ),
    ),
    ExitReason.TRAINING: (
        "training",
        (
            "training_hours_total",
            "training_hours_per_week",
            "training_qualifying",
            "training_afpr",
            "training_start",
            "training_end",
        ),
    ),
    ExitReason.BUSINESS: ("business", ("business_auto_entrepreneur", "business_start")),
}


#: How the exit form titles each block of details.
_BLOCK_TITLES = {
    ExitReason.EMPLOYMENT: "Emploi",
    ExitReason.TRAINING: "Formation",
    ExitReason.BUSINESS: "Entreprise",
}


def _hours(value: float | None, field: str, top: float, unit: str) -> list[Problem]:
    if value is not None and not 0 < value <= top:
        return [
            Problem(
                field,
                f"le nombre d'heures {unit} est positif et d'au plus "
                f"{french_number(top)} (ici {french_number(value)}).",
            )
        ]
    return []


def _exit_details(exit: Any, reason: ExitReason) -> list[Problem]:
    problems: list[Problem] = []
    for block_reason, (block, fields) in _BLOCKS.items():
        if block_reason is not reason and any(getattr(exit, f) is not None for f in fields):
            problems.append(
                Problem(
                    f"exit.{block}",
                    f"les informations « {_BLOCK_TITLES[block_reason]} » ne valent que pour "
                    f"le motif de sortie « {block_reason.label} » (ici « {reason.label} »).",
                )
            )
    if reason is ExitReason.EMPLOYMENT:
        contract, start, end = exit.employment_contract, exit.employment_start, exit.employment_end
        if contract is None:
            problems.append(
                Problem(
                    "exit.employment.contract",
                    "le type de contrat est obligatoire pour une reprise d'emploi.",
                )
            )
        if start is not None and start != exit.date:
            problems.append(
                Problem(
                    "exit.employment.start",
                    f"le premier jour de l'emploi ({fr_date(start)}) n'est pas la date "
                    f"de sortie ({fr_date(exit.date)}) : la sortie se date du premier jour "
                    "de l'emploi, d'où partent les 3 mois de suivi.",
                    "warning",
                )
            )
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(
                    "exit.employment.end",
                    f"la fin du contrat ({fr_date(end)}) précède son début ({fr_date(start)}).",
                )
            )
        if contract in (ContractType.CDD, ContractType.INTERIM) and end is None:
            problems.append(
                Problem(
                    "exit.employment.end",
                    "sans date de fin, la durée d'au "
                    "moins 3 mois ne peut être vérifiée : sortie non positive.",
                    "warning",
                )
            )
        problems += _hours(
            exit.employment_hours_per_month,
            "exit.employment.hours_per_month",
            MAX_HOURS_PER_MONTH,
            "par mois",
        )
    elif reason is ExitReason.TRAINING:
        problems += _hours(
            exit.training_hours_total, "exit.training.hours_total", 10_000.0, "de la formation"
        )
        problems += _hours(
            exit.training_hours_per_week, "exit.training.hours_per_week", 168.0, "par semaine"
        )
        if exit.training_start and exit.training_end and exit.training_end < exit.training_start:
            problems.append(
                Problem(
                    "exit.training.end",
                    f"la fin de la formation "
                    f"({fr_date(exit.training_end)}) précède son début "
                    f"({fr_date(exit.training_start)}).",
                )
            )
    return problems


def check_exit(case: Any, exit: Any) -> list[Problem]:
    """Exit date between the contracting interview and the end; details match the reason."""
    reason = ExitReason(exit.reason)
    problems = text_problems(exit, "exit.", EXIT_TEXTS)
    if not signed(case):
        problems.append(needs_signature("exit", "une sortie"))
    first = case.contracting_date or case.start_date
    last = current_end(case)
    if not first <= exit.date <= last:
        problems.append(
            Problem(
                "exit.date",
                f"la sortie a lieu entre l'entretien de contractualisation "
                f"({fr_date(first)}) et la fin de la prestation ({fr_date(last)}) ; ici "
                f"{fr_date(exit.date)}.",
            )
        )
    elif reason is ExitReason.TERM and exit.date != last:
        problems.append(
            Problem(
                "exit.date",
                f"une fin à terme a lieu à la date de fin de la prestation "
                f"({fr_date(last)}) ; ici {fr_date(exit.date)}.",
            )
        )
    if exit.notice_sent_date is not None and exit.notice_sent_date < exit.date:
        problems.append(
            Problem(
                "exit.notice_sent_date",
                f"l'avis à France Travail "
                f"({fr_date(exit.notice_sent_date)}) ne peut précéder la sortie "
                f"({fr_date(exit.date)}).",
            )
        )
    problems += _exit_details(exit, reason)
    if exit.retained_at_3_months is not None and not (
        is_employment_or_business(exit) and classify_exit(exit).positive
    ):
        problems.append(
            Problem(
                "follow_up.retained_at_3_months",
                "le maintien à 3 mois ne se note "
                "qu'après une sortie positive en emploi ou en création d'entreprise.",
            )
        )
    return problems
