"""Actions on the rows of a case: interviews, suspensions, company periods, barriers,
action-plan steps and job targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import Enum

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..models import (
    DEFAULT_INTERVIEW_MINUTES,
    Action,
    ActionStatus,
    ActionStep,
    AuditAction,
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
    TargetDecision,
)
from ..rules.validation import Problem, fr_date
from . import audit
from .context import Desk, Work, fetch
from .directory import entry_label, name_key
from .editing import add_row, edit_row, remove_row
from .errors import ValidationFailed
from .rome import code_problem, normalise_code, remember_title, validated_code

DESCRIPTION_REQUIRED = "la description de l'action est obligatoire."


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


def employer_for(
    session: Session, employer_id: int | None, employer_name: str | None
) -> Employer | None:
    """The employer chosen (by id), or the one of the directory with the name typed
    (accents, case and punctuation ignored, :func:`~.directory.name_key`), or a new
    entry of the directory with that name (created on the fly, not flushed)."""
    if employer_id is not None:
        return fetch(session, Employer, employer_id)
    name = " ".join((employer_name or "").split())
    if not name:
        return None
    if len(name) > 200:
        raise ValidationFailed([Problem("employer", "200 caractères au plus pour le nom.")])
    key = name_key(name)
    found = [
        row
        for row in session.scalars(select(Employer).order_by(Employer.id))
        if name_key(row.name) == key
    ]
    if len(found) > 1:
        towns = ", ".join(entry_label(row.name, row.town) for row in found)
        raise ValidationFailed(
            [
                Problem(
                    "employer",
                    f"plusieurs entreprises de l'annuaire portent ce nom ({towns}) : "
                    "choisissez la bonne dans la liste.",
                )
            ]
        )
    if found:
        return found[0]
    created = Employer(name=name)
    session.add(created)
    return created


def log_new_employer(session: Session, user: str, employer: Employer | None, case_id: int) -> bool:
    """Write in the history who added ``employer`` to the directory, from which case,
    when :func:`employer_for` has just created it; True if it had."""
    if employer is None or not inspect(employer).pending:
        return False
    audit.record(
        session,
        user=user,
        action=AuditAction.CREATE,
        obj=employer,
        case_id=case_id,
        summary=f"Entreprise « {employer.name} » ajoutée à l'annuaire",
    )
    return True


def _employer(
    work: Work, employer_id: int | None, employer_name: str | None, case_id: int
) -> Employer | None:
    """:func:`employer_for`, a new entry written in the history with the case it came
    from (Ctrl+Z of the period leaves it in the directory, :mod:`.undo`)."""
    employer = employer_for(work.session, employer_id, employer_name)
    if log_new_employer(work.session, work.user, employer, case_id):
        work.entities.add(audit.entity_name(employer))
    return employer


def _period_code(work: Work, rome: str | None, *, kept: str | None = None) -> str | None:
    """The code of a company period: a code of the wrong shape is left to the rules, which
    refuse it with every other problem of the form; a well-shaped one is checked against
    the imported referential."""
    code = normalise_code(rome)
    if code_problem(code, "rome") is not None:
        return code
    return validated_code(work, code, "rome", kept=kept)


def _period_text_fields(
    tutor_name: str | None,
    tutor_phone: str | None,
    objectives: str | None,
    skills_observed: str | None,
) -> dict[str, str | None]:
    """The free texts of a company period, tidied (blank is None); the rules check
    what they may hold when the case is validated."""
    return {
        "tutor_name": " ".join((tutor_name or "").split()) or None,
        "tutor_phone": " ".join((tutor_phone or "").split()) or None,
        "objectives": (objectives or "").strip() or None,
        "skills_observed": (skills_observed or "").strip() or None,
    }


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
    tutor_name: str | None = None,
    tutor_phone: str | None = None,
    objectives: str | None = None,
    skills_observed: str | None = None,
    target_decision: TargetDecision | None = None,
    accept_warnings: bool = False,
) -> int:
    """A period in a company (1 to 6 weeks; under 7 days is accepted with a warning),
    with its tutor, objectives and, once it ended, its evaluation."""
    texts = _period_text_fields(tutor_name, tutor_phone, objectives, skills_observed)

    def make(work: Work, case: Case) -> CompanyPeriod:
        code = _period_code(work, rome)
        row = CompanyPeriod(
            employer=_employer(work, employer_id, employer_name, case.id),
            start_date=start,
            end_date=end,
            job_title=job_title or None,
            rome=code,
            job_target_id=job_target_id,
            evaluation=evaluation or None,
            target_decision=target_decision,
            **texts,
        )
        remember_title(work, code, job_title)
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
    tutor_name: str | None = None,
    tutor_phone: str | None = None,
    objectives: str | None = None,
    skills_observed: str | None = None,
    target_decision: TargetDecision | None = None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Correct a company period: its company, dates, job, tutor, objectives and
    evaluation."""
    texts = _period_text_fields(tutor_name, tutor_phone, objectives, skills_observed)

    def change(work: Work, row: CompanyPeriod) -> str:
        code = _period_code(work, rome, kept=row.rome)
        row.employer = _employer(work, employer_id, employer_name, row.case_id)
        row.start_date, row.end_date = start, end
        row.job_title, row.rome = job_title or None, code
        row.job_target_id, row.evaluation = job_target_id, evaluation or None
        row.target_decision = target_decision
        for field, value in texts.items():
            setattr(row, field, value)
        remember_title(work, code, job_title)
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


class _Keep(Enum):
    """What a correction leaves as it is when the caller does not name it."""

    KEEP = "keep"


KEEP = _Keep.KEEP


@dataclass(frozen=True)
class Referral:
    """A barrier handed to its partner (orientation): the request date, when to follow it
    up, and when the partner's answer closed the request."""

    referred_on: date | None = None
    follow_up_on: date | None = None
    closed_on: date | None = None


def _check_referral(case: Case, referral: Referral, partner_id: int | None, today: date) -> None:
    problems = []
    on, follow_up, closed = referral.referred_on, referral.follow_up_on, referral.closed_on
    if on is None:
        for field, value in (("follow_up_on", follow_up), ("referral_closed_on", closed)):
            if value is not None:
                problems.append(Problem(field, "indiquez d'abord la date de la demande."))
    else:
        if partner_id is None:
            problems.append(
                Problem("partner_id", "choisissez le partenaire à qui le frein est confié.")
            )
        if on > today:
            problems.append(
                Problem("referred_on", "la date de la demande ne peut pas être à venir.")
            )
        if on < case.start_date:
            problems.append(
                Problem(
                    "referred_on",
                    f"la demande précède le début de la prestation ({fr_date(case.start_date)}).",
                )
            )
        if follow_up is not None and follow_up < on:
            problems.append(Problem("follow_up_on", f"la relance suit la demande ({fr_date(on)})."))
        if closed is not None and closed < on:
            problems.append(
                Problem("referral_closed_on", f"la réponse suit la demande ({fr_date(on)}).")
            )
        elif closed is not None and closed > today:
            problems.append(
                Problem(
                    "referral_closed_on",
                    "la date de la réponse du partenaire ne peut pas être à venir.",
                )
            )
    if problems:
        raise ValidationFailed(problems)


def _apply_referral(row: Barrier, referral: Referral) -> None:
    row.referred_on = referral.referred_on
    row.follow_up_on = referral.follow_up_on
    row.referral_closed_on = referral.closed_on


def _referral_text(text: str, referral: Referral) -> str:
    """``text`` followed by what was handed to the partner, if anything."""
    if referral.referred_on is not None:
        text += f", confié au partenaire le {fr_date(referral.referred_on)}"
    if referral.closed_on is not None:
        text += f", réponse le {fr_date(referral.closed_on)}"
    elif referral.follow_up_on is not None:
        text += f", relance le {fr_date(referral.follow_up_on)}"
    return text


def add_barrier(
    desk: Desk,
    case_id: int,
    *,
    category: BarrierCategory,
    description: str | None = None,
    status: BarrierStatus = BarrierStatus.IDENTIFIED,
    partner_id: int | None = None,
    identified_on: date | None = None,
    referral: Referral | None = None,
) -> int:
    """A barrier identified in the diagnostic, the partner who can lift it, and the
    request handed to that partner."""
    handed = referral or Referral()

    def make(work: Work, case: Case) -> Barrier:
        _check_referral(case, handed, partner_id, desk.today())
        row = Barrier(
            category=category,
            description=description or None,
            status=status,
            partner_id=partner_id,
            identified_on=identified_on or desk.today(),
        )
        _apply_referral(row, handed)
        case.barriers.append(row)
        return row

    summary = _referral_text(f"Frein : {category.label}", handed)
    return add_row(desk, case_id, "Ajouter un frein", make, summary)


def update_barrier(
    desk: Desk,
    barrier_id: int,
    *,
    status: BarrierStatus,
    description: str | None = None,
    partner_id: int | None = None,
    referral: Referral | _Keep = KEEP,
) -> None:
    """Follow a barrier up: its status, description, partner and (unless left as it is)
    the request handed to the partner."""

    def change(work: Work, row: Barrier) -> str:
        handed = (
            Referral(row.referred_on, row.follow_up_on, row.referral_closed_on)
            if isinstance(referral, _Keep)
            else referral
        )
        _check_referral(row.case, handed, partner_id, desk.today())
        row.status, row.description, row.partner_id = status, description or None, partner_id
        _apply_referral(row, handed)
        if status is BarrierStatus.LIFTED and row.lifted_on is None:
            row.lifted_on = desk.today()
        if status is not BarrierStatus.LIFTED:
            row.lifted_on = None
        category = BarrierCategory(row.category)
        return _referral_text(f"Frein {category.label} : {status.label.lower()}", handed)

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
    problems = []
    if not title.strip():
        problems.append(Problem("title", "l'intitulé du métier est obligatoire."))
    elif len(title.strip()) > 200:
        problems.append(Problem("title", "200 caractères au plus pour l'intitulé."))
    shape = code_problem(normalise_code(rome), "rome")
    if shape is not None:
        problems.append(shape)
    if problems:
        raise ValidationFailed(problems)

    def make(work: Work, case: Case) -> JobTarget:
        code = validated_code(work, rome, "rome")
        row = JobTarget(title=" ".join(title.split()), rome=code)
        remember_title(work, code, row.title)
        case.job_targets.append(row)
        return row

    return add_row(
        desk,
        case_id,
        "Ajouter une piste professionnelle",
        make,
        f"Piste professionnelle : {title.strip()}",
    )
