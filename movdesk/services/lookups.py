"""Small read functions for the forms: directory lists for combos, a case to advise on.

Each opens its own short session and returns plain values (or rows detached with what
the rules read already loaded), so a dialog never holds a session open while the user
types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Action,
    Barrier,
    Case,
    CompanyPeriod,
    Employer,
    Interview,
    Partner,
    Referent,
    Suspension,
)
from ..models.enums import (
    ActionStatus,
    ActionStep,
    BarrierCategory,
    BarrierStatus,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
    TargetDecision,
)
from .context import CASE_LOAD, Desk, fetch
from .summary import fold


@dataclass(frozen=True)
class Choice:
    """One entry of a combo box: the row id and what the user reads."""

    id: int
    label: str


def referent_choices(desk: Desk, *, active_only: bool = True) -> list[Choice]:
    """Referents by name in French order (accents ignored); only those still working
    here unless ``active_only`` is False."""
    query = select(Referent.id, Referent.full_name)
    if active_only:
        query = query.where(Referent.active.is_(True))
    choices = desk.read(lambda s: [Choice(i, n) for i, n in s.execute(query)])
    return sorted(choices, key=lambda c: fold(c.label))


def _named(name: str, town: str | None) -> str:
    """``Boulangerie Petit (Lille)``: names may repeat from one town to another."""
    return f"{name} ({town})" if town else name


def partner_choices(desk: Desk) -> list[Choice]:
    """Local partners by name (CCAS, CAF, associations…), with their town."""
    query = select(Partner.id, Partner.name, Partner.town).order_by(Partner.name, Partner.town)
    return desk.read(lambda s: [Choice(i, _named(n, t)) for i, n, t in s.execute(query)])


def employer_choices(desk: Desk) -> list[Choice]:
    """Companies of the network by name, with their town."""
    query = select(Employer.id, Employer.name, Employer.town).order_by(
        Employer.name, Employer.town
    )
    return desk.read(lambda s: [Choice(i, _named(n, t)) for i, n, t in s.execute(query)])


def load_case(desk: Desk, case_id: int) -> Case:
    """The case with everything the rules read, detached: for live advice, never written."""

    return desk.read(lambda session: fetch(session, Case, case_id, options=CASE_LOAD))


@dataclass(frozen=True)
class InterviewValues:
    """An interview as the form shows it, to correct it."""

    id: int
    case_id: int
    date: date
    time: time | None
    minutes: int
    kind: InterviewKind
    status: InterviewStatus
    notes: str | None
    partner_id: int | None
    employer_id: int | None


def read_interview(desk: Desk, interview_id: int) -> InterviewValues:
    def query(session: Session) -> InterviewValues:
        row = fetch(session, Interview, interview_id)
        return InterviewValues(
            row.id,
            row.case_id,
            row.date,
            row.time,
            row.minutes,
            InterviewKind(row.kind),
            InterviewStatus(row.status),
            row.notes,
            row.partner_id,
            row.employer_id,
        )

    return desk.read(query)


@dataclass(frozen=True)
class BarrierValues:
    """A barrier (frein) as the form shows it, to follow it up."""

    id: int
    case_id: int
    category: BarrierCategory
    description: str | None
    status: BarrierStatus
    partner_id: int | None
    referred_on: date | None = None
    follow_up_on: date | None = None
    referral_closed_on: date | None = None


def read_barrier(desk: Desk, barrier_id: int) -> BarrierValues:
    def query(session: Session) -> BarrierValues:
        row = fetch(session, Barrier, barrier_id)
        return BarrierValues(
            id=row.id,
            case_id=row.case_id,
            category=BarrierCategory(row.category),
            description=row.description,
            status=BarrierStatus(row.status),
            partner_id=row.partner_id,
            referred_on=row.referred_on,
            follow_up_on=row.follow_up_on,
            referral_closed_on=row.referral_closed_on,
        )

    return desk.read(query)


def request_to_follow_up(desk: Desk, case_id: int, due: date) -> int | None:
    """The barrier whose request to its partner is still open and is to be followed up on
    ``due`` (the ``partner_follow_up`` deadline of that day); None once answered."""
    query = (
        select(Barrier.id)
        .where(
            Barrier.case_id == case_id,
            Barrier.follow_up_on == due,
            Barrier.partner_id.is_not(None),
            Barrier.referred_on.is_not(None),
            Barrier.referral_closed_on.is_(None),
            Barrier.status != BarrierStatus.LIFTED,
        )
        .order_by(Barrier.id)
        .limit(1)
    )
    return desk.read(lambda session: session.scalar(query))


@dataclass(frozen=True)
class SuspensionValues:
    """A suspension as the form shows it, to correct it."""

    id: int
    case_id: int
    kind: SuspensionKind
    start: date
    end: date
    notes: str | None


def read_suspension(desk: Desk, suspension_id: int) -> SuspensionValues:
    def query(session: Session) -> SuspensionValues:
        row = fetch(session, Suspension, suspension_id)
        return SuspensionValues(
            id=row.id,
            case_id=row.case_id,
            kind=SuspensionKind(row.kind),
            start=row.start_date,
            end=row.end_date,
            notes=row.notes,
        )

    return desk.read(query)


@dataclass(frozen=True)
class CompanyPeriodValues:
    """A company period as the form shows it, to correct it."""

    id: int
    case_id: int
    start: date
    end: date
    employer_id: int | None
    employer_name: str | None
    job_title: str | None
    rome: str | None
    job_target_id: int | None
    evaluation: str | None
    employer_town: str | None = None
    tutor_name: str | None = None
    tutor_phone: str | None = None
    objectives: str | None = None
    skills_observed: str | None = None
    target_decision: TargetDecision | None = None


def read_company_period(desk: Desk, period_id: int) -> CompanyPeriodValues:
    def query(session: Session) -> CompanyPeriodValues:
        row = fetch(session, CompanyPeriod, period_id)
        return CompanyPeriodValues(
            id=row.id,
            case_id=row.case_id,
            start=row.start_date,
            end=row.end_date,
            employer_id=row.employer_id,
            employer_name=row.employer.name if row.employer is not None else None,
            job_title=row.job_title,
            rome=row.rome,
            job_target_id=row.job_target_id,
            evaluation=row.evaluation,
            employer_town=row.employer.town if row.employer is not None else None,
            tutor_name=row.tutor_name,
            tutor_phone=row.tutor_phone,
            objectives=row.objectives,
            skills_observed=row.skills_observed,
            target_decision=(
                TargetDecision(row.target_decision) if row.target_decision is not None else None
            ),
        )

    return desk.read(query)


@dataclass(frozen=True)
class ActionValues:
    """A step of the action plan as the form shows it, to follow it up or correct it."""

    id: int
    case_id: int
    step: ActionStep
    description: str
    due_date: date | None
    status: ActionStatus
    partner_id: int | None


def read_action(desk: Desk, action_id: int) -> ActionValues:
    def query(session: Session) -> ActionValues:
        row = fetch(session, Action, action_id)
        return ActionValues(
            id=row.id,
            case_id=row.case_id,
            step=ActionStep(row.step),
            description=row.description,
            due_date=row.due_date,
            status=ActionStatus(row.status),
            partner_id=row.partner_id,
        )

    return desk.read(query)
