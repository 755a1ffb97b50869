"""Actions on the rows of a case: interviews, suspensions, company periods, barriers,
action-plan steps and job targets.
"""

from __future__ import annotations

from datetime import date, time
from enum import Enum

from sqlalchemy import select

from ..models import (
    DEFAULT_INTERVIEW_MINUTES,
    Action,
    ActionStatus,
    ActionStep,
    Barrier,
    BarrierCategory,
    BarrierStatus,
    Case,
    CompanyPeriod,
    Employer,
    Interview,
    InterviewKind,
    InterviewStatus,
    JobTarget,
    Suspension,
    SuspensionKind,
)
from ..rules.validation import Problem, fr_date
from .context import Desk, Work
from .editing import add_row, edit_row, remove_row
from .errors import ValidationFailed

DESCRIPTION_REQUIRED = "la description de l'action est obligatoire."
_ROME_SHAPE = "une lettre majuscule suivie de 4 chiffres (ex. D1106)"


def _rome(value: str | None, field: str) -> str | None:
    code = (value or "").strip().upper() or None
    if code and not (len(code) == 5 and code[0].isalpha() and code[1:].isdigit()):
        raise ValidationFailed([Problem(field, f"le code ROME s'écrit {_ROME_SHAPE}.")])
    return code


def _interview_text(kind: InterviewKind, on: date, status: InterviewStatus) -> str:
    return f"{kind.label} du {fr_date(on)} ({status.label.lower()})"


def _suspension_text(kind: SuspensionKind, start: date, end: date) -> str:
    return f"Suspension ({kind.label.lower()}) du {fr_date(start)} au {fr_date(end)}"


def _period_text(start: date, end: date) -> str:
    return f"Période en entreprise du {fr_date(start)} au {fr_date(end)}"


def schedule_interview(
    desk: Desk,
    case_id: int,
    *,
    on: date,
    kind: InterviewKind,
    at: time | None = None,
    minutes: int = DEFAULT_INTERVIEW_MINUTES,
    status: InterviewStatus = InterviewStatus.PLANNED,
    notes: str | None = None,
    partner_id: int | None = None,
    employer_id: int | None = None,
    accept_warnings: bool = False,
) -> int:
    """Plan an appointment, or record one that was held (``status=attended``)."""
    if kind is InterviewKind.CONTRACTING:
        raise ValidationFailed(
            [Problem("kind", "l'entretien de contractualisation s'enregistre sur le dossier.")]
        )

    def make(work: Work, case: Case) -> Interview:
        row = Interview(
            date=on,
            time=at,
            minutes=minutes,
            kind=kind,
            status=status,
            notes=notes or None,
            partner_id=partner_id,
            employer_id=employer_id,
        )
        case.interviews.append(row)
        return row

    return add_row(
        desk,
        case_id,
        "Enregistrer un entretien",
        make,
        _interview_text(kind, on, status),
        accept_warnings=accept_warnings,
    )


def update_interview(
    desk: Desk,
    interview_id: int,
    *,
    on: date,
    kind: InterviewKind,
    at: time | None,
    minutes: int,
    status: InterviewStatus,
    notes: str | None = None,
    partner_id: int | None = None,
    employer_id: int | None = None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Correct an interview, or record how a planned one went."""

    def change(work: Work, row: Interview) -> str:
        row.date, row.kind, row.time, row.minutes = on, kind, at, minutes
        row.status, row.notes = status, notes or None
        row.partner_id, row.employer_id = partner_id, employer_id
        return _interview_text(kind, on, status)

    return edit_row(
        desk,
        Interview,
        interview_id,
        "Modifier un entretien",
        change,
        accept_warnings=accept_warnings,
    )


def delete_interview(desk: Desk, interview_id: int) -> None:
    remove_row(desk, Interview, interview_id, "Supprimer un entretien", "Entretien supprimé")


def add_suspension(
    desk: Desk,
    case_id: int,
    *,
    kind: SuspensionKind,
    start: date,
    end: date,
    notes: str | None = None,
    accept_warnings: bool = False,
) -> int:
    """Sickness (14 consecutive days at most) or leave (35 days in all), without postponement."""

    def make(work: Work, case: Case) -> Suspension:
        row = Suspension(kind=kind, start_date=start, end_date=end, notes=notes or None)
        case.suspensions.append(row)
        return row

    return add_row(
        desk,
        case_id,
        "Ajouter une suspension",
        make,
        _suspension_text(kind, start, end),
        accept_warnings=accept_warnings,
    )


def update_suspension(
    desk: Desk,
    suspension_id: int,
    *,
    kind: SuspensionKind,
    start: date,
    end: date,
    notes: str | None = None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Correct a suspension: its reason, its dates, its notes."""

    def change(work: Work, row: Suspension) -> str:
        row.kind, row.start_date, row.end_date = kind, start, end
        row.notes = notes or None
        return _suspension_text(kind, start, end)

    return edit_row(
        desk,
        Suspension,
        suspension_id,
        "Modifier une suspension",
        change,
        accept_warnings=accept_warnings,
    )


def delete_suspension(desk: Desk, suspension_id: int) -> None:
    remove_row(
        desk,
        Suspension,
        suspension_id,
        "Supprimer une suspension",
        "Suspension supprimée",
    )


def _employer(work: Work, employer_id: int | None, employer_name: str | None) -> Employer | None:
    if employer_id is not None:
        return work.get(Employer, employer_id)
    name = " ".join((employer_name or "").split())
    if not name:
        return None
    found = work.session.scalars(select(Employer).where(Employer.name == name)).first()
    if found is None:
        found = Employer(name=name)
        work.session.add(found)
    return found


def add_company_period(
    desk: Desk,
    case_id: int,
    *,
    start: date,
    end: date,
    employer_id: int | None = None,
    employer_name: str | None = None,
    job_title: str | None = None,
    rome: str | None = None,
    job_target_id: int | None = None,
    evaluation: str | None = None,
    accept_warnings: bool = False,
) -> int:
    """A period in a company (1 to 6 weeks; under 7 days is accepted with a warning)."""
    code = _rome(rome, "rome")

    def make(work: Work, case: Case) -> CompanyPeriod:
        row = CompanyPeriod(
            employer=_employer(work, employer_id, employer_name),
            start_date=start,
            end_date=end,
            job_title=job_title or None,
            rome=code,
            job_target_id=job_target_id,
            evaluation=evaluation or None,
        )
        case.company_periods.append(row)
        return row

    return add_row(
        desk,
        case_id,
        "Ajouter une période en entreprise",
        make,
        _period_text(start, end),
        accept_warnings=accept_warnings,
    )


def update_company_period(
    desk: Desk,
    period_id: int,
    *,
    start: date,
    end: date,
    employer_id: int | None = None,
    employer_name: str | None = None,
    job_title: str | None = None,
    rome: str | None = None,
    job_target_id: int | None = None,
    evaluation: str | None = None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Correct a company period: its company, dates, job and evaluation."""
    code = _rome(rome, "rome")

    def change(work: Work, row: CompanyPeriod) -> str:
        row.employer = _employer(work, employer_id, employer_name)
        row.start_date, row.end_date = start, end
        row.job_title, row.rome = job_title or None, code
        row.job_target_id, row.evaluation = job_target_id, evaluation or None
        return _period_text(start, end)

    return edit_row(
        desk,
        CompanyPeriod,
        period_id,
        "Modifier une période en entreprise",
        change,
        accept_warnings=accept_warnings,
    )


def evaluate_company_period(desk: Desk, period_id: int, evaluation: str) -> None:
    def change(work: Work, row: CompanyPeriod) -> str:
        row.evaluation = evaluation or None
        return "Évaluation de la période en entreprise"

    edit_row(
        desk,
        CompanyPeriod,
        period_id,
        "Évaluer une période en entreprise",
        change,
    )


def delete_company_period(desk: Desk, period_id: int) -> None:
    remove_row(
        desk,
        CompanyPeriod,
        period_id,
        "Supprimer une période en entreprise",
        "Période en entreprise supprimée",
    )


def add_barrier(
    desk: Desk,
    case_id: int,
    *,
    category: BarrierCategory,
    description: str | None = None,
    status: BarrierStatus = BarrierStatus.IDENTIFIED,
    partner_id: int | None = None,
    identified_on: date | None = None,
) -> int:
    """A barrier identified in the diagnostic, and the partner who can lift it."""

    def make(work: Work, case: Case) -> Barrier:
        row = Barrier(
            category=category,
            description=description or None,
            status=status,
            partner_id=partner_id,
            identified_on=identified_on or desk.today(),
        )
        case.barriers.append(row)
        return row

    return add_row(desk, case_id, "Ajouter un frein", make, f"Frein : {category.label}")


def update_barrier(
    desk: Desk,
    barrier_id: int,
    *,
    status: BarrierStatus,
    description: str | None = None,
    partner_id: int | None = None,
) -> None:
    def change(work: Work, row: Barrier) -> str:
        row.status, row.description, row.partner_id = status, description or None, partner_id
        if status is BarrierStatus.LIFTED and row.lifted_on is None:
            row.lifted_on = desk.today()
        return f"Frein {BarrierCategory(row.category).label} : {status.label.lower()}"

    edit_row(desk, Barrier, barrier_id, "Modifier un frein", change)


def add_action(
    desk: Desk,
    case_id: int,
    *,
    step: ActionStep,
    description: str,
    due_date: date | None = None,
    partner_id: int | None = None,
) -> int:
    """A step of the action plan (phase 2)."""
    if not description.strip():
        raise ValidationFailed([Problem("description", DESCRIPTION_REQUIRED)])

    def make(work: Work, case: Case) -> Action:
        row = Action(
            step=step, description=description.strip(), due_date=due_date, partner_id=partner_id
        )
        case.actions.append(row)
        return row

    return add_row(desk, case_id, "Ajouter une action", make, f"Action : {description.strip()}")


class _Keep(Enum):
    """What a correction leaves as it is when the caller does not name it."""

    KEEP = "keep"


KEEP = _Keep.KEEP


def update_action(
    desk: Desk,
    action_id: int,
    *,
    status: ActionStatus,
    description: str | None = None,
    due_date: date | None | _Keep = KEEP,
    partner_id: int | None | _Keep = KEEP,
) -> None:
    """Follow up or correct a step of the action plan.

    Only ``status`` is required: the description (when None), the due date and the
    partner (when not given) stay as they are.
    """
    if description is not None and not description.strip():
        raise ValidationFailed([Problem("description", DESCRIPTION_REQUIRED)])

    def change(work: Work, row: Action) -> str:
        row.status = status
        if status is not ActionStatus.DONE:
            row.done_on = None
        elif row.done_on is None:
            row.done_on = desk.today()
        if description is not None:
            row.description = description.strip()
        if not isinstance(due_date, _Keep):
            row.due_date = due_date
        if not isinstance(partner_id, _Keep):
            row.partner_id = partner_id
        return f"Action « {row.description} » : {status.label.lower()}"

    edit_row(desk, Action, action_id, "Modifier une action", change)


def add_job_target(desk: Desk, case_id: int, *, title: str, rome: str | None = None) -> int:
    """A professional lead (piste professionnelle) with its ROME code."""
    if not title.strip():
        raise ValidationFailed([Problem("title", "l'intitulé du métier est obligatoire.")])
    code = _rome(rome, "rome")

    def make(work: Work, case: Case) -> JobTarget:
        row = JobTarget(title=title.strip(), rome=code)
        case.job_targets.append(row)
        return row

    return add_row(
        desk,
        case_id,
        "Ajouter une piste professionnelle",
        make,
        f"Piste professionnelle : {title.strip()}",
    )
