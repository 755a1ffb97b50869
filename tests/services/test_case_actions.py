"""A case's life through the services: every action validated, written, audited, announced."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.models import (
    ActionStatus,
    ActionStep,
    AuditAction,
    AuditEntry,
    BarrierCategory,
    BarrierStatus,
    Case,
    CaseStatus,
    ContractingResult,
    ContractType,
    Employer,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    Suspension,
    SuspensionKind,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.errors import NeedsConfirmation, ValidationFailed
from movdesk.services.events import Change


def _case(session: Session, case_id: int) -> Case:
    session.expire_all()
    case = session.get(Case, case_id)
    assert case is not None
    return case


def _audit_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


def test_contracting_moves_status_and_dates_the_transition(
    desk: Desk, signed: int, session: Session
) -> None:
    case = _case(session, signed)
    assert case.status is CaseStatus.ACTIVE and case.phase == 1
    last = case.status_history[-1]
    assert (last.from_status, last.to_status, last.effective_date) == (
        CaseStatus.ORDERED,
        CaseStatus.ACTIVE,
        date(2026, 1, 7),
    )


def test_late_contracting_asks_for_confirmation(desk: Desk, case_id: int, session) -> None:
    with pytest.raises(NeedsConfirmation) as asked:
        ms.record_contracting(desk, case_id, on=date(2026, 1, 14), result=ContractingResult.SIGNED)
    assert asked.value.warnings
    assert _case(session, case_id).contracting_result is None
    ms.record_contracting(
        desk, case_id, on=date(2026, 1, 14), result=ContractingResult.SIGNED, accept_warnings=True
    )
    assert _case(session, case_id).status is CaseStatus.ACTIVE


def test_interviews_are_planned_recorded_corrected_deleted(
    desk: Desk, signed: int, session: Session, changes: list[Change]
) -> None:
    interview_id = rows.schedule_interview(
        desk, signed, on=date(2026, 1, 14), at=time(9, 30), kind=InterviewKind.INDIVIDUAL
    )
    assert changes[-1].touches("interview") and changes[-1].kind is AuditAction.CREATE
    rows.update_interview(
        desk,
        interview_id,
        on=date(2026, 1, 14),
        kind=InterviewKind.INDIVIDUAL,
        at=time(9, 30),
        minutes=50,
        status=InterviewStatus.ATTENDED,
        notes="Diagnostic logement",
    )
    row = session.get(Interview, interview_id)
    assert row is not None and row.status is InterviewStatus.ATTENDED and row.minutes == 50
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "interview").order_by(AuditEntry.id)
    ).all()[-1]
    assert entry.changes["status"] == ["planned", "attended"]
    assert entry.changes["minutes"] == [45, 50]
    rows.delete_interview(desk, interview_id)
    session.expire_all()
    assert session.get(Interview, interview_id) is None
    assert changes[-1].kind is AuditAction.DELETE


def test_contracting_kind_is_not_an_interview_row(desk: Desk, signed: int) -> None:
    with pytest.raises(ValidationFailed, match="contractualisation"):
        rows.schedule_interview(desk, signed, on=date(2026, 1, 8), kind=InterviewKind.CONTRACTING)


def test_interview_outside_the_case_is_refused(desk: Desk, signed: int, session) -> None:
    with pytest.raises(ValidationFailed) as error:
        rows.schedule_interview(desk, signed, on=date(2026, 8, 1), kind=InterviewKind.INDIVIDUAL)
    assert error.value.problems[0].field.startswith("interviews[")
    assert not _case(session, signed).interviews


@pytest.mark.parametrize(
    ("kind", "start", "end", "words"),
    [
        (SuspensionKind.SICKNESS, date(2026, 3, 2), date(2026, 3, 16), "14"),
        (SuspensionKind.LEAVE, date(2026, 3, 2), date(2026, 4, 6), "35"),
        (SuspensionKind.LEAVE, date(2026, 7, 1), date(2026, 7, 10), ""),
    ],
)
def test_suspension_limits(desk, signed, session, kind, start, end, words) -> None:
    audit_before = _audit_count(session)
    with pytest.raises(ValidationFailed) as error:
        rows.add_suspension(desk, signed, kind=kind, start=start, end=end)
    assert words in str(error.value)
    assert not _case(session, signed).suspensions
    assert _audit_count(session) == audit_before


def test_suspensions_accepted_then_overlap_refused(desk: Desk, signed: int, session) -> None:
    rows.add_suspension(
        desk, signed, kind=SuspensionKind.SICKNESS, start=date(2026, 3, 2), end=date(2026, 3, 15)
    )
    with pytest.raises(ValidationFailed):
        rows.add_suspension(
            desk, signed, kind=SuspensionKind.LEAVE, start=date(2026, 3, 10), end=date(2026, 3, 20)
        )
    assert len(_case(session, signed).suspensions) == 1
    only = session.scalars(select(Suspension)).one()
    rows.delete_suspension(desk, only.id)
    assert not _case(session, signed).suspensions


def test_short_company_period_needs_confirmation(desk: Desk, signed: int, session) -> None:
    ms.start_phase2(desk, signed, on=date(2026, 2, 16))
    kwargs = {
        "start": date(2026, 4, 6),
        "end": date(2026, 4, 10),
        "employer_name": "Boulangerie Petit",
        "job_title": "Vendeur",
        "rome": "d1106",
    }
    with pytest.raises(NeedsConfirmation):
        rows.add_company_period(desk, signed, **kwargs)
    assert session.scalar(select(func.count()).select_from(Employer)) == 0
    period_id = rows.add_company_period(desk, signed, accept_warnings=True, **kwargs)
    case = _case(session, signed)
    assert case.company_periods[0].id == period_id
    assert case.company_periods[0].rome == "D1106"
    assert case.company_periods[0].employer.name == "Boulangerie Petit"
    rows.evaluate_company_period(desk, period_id, "Très bonne intégration")
    assert _case(session, signed).company_periods[0].evaluation == "Très bonne intégration"


def test_long_company_period_and_bad_rome_are_refused(desk: Desk, signed: int) -> None:
    with pytest.raises(ValidationFailed, match="42"):
        rows.add_company_period(desk, signed, start=date(2026, 3, 2), end=date(2026, 4, 13))
    with pytest.raises(ValidationFailed, match="ROME"):
        rows.add_company_period(
            desk, signed, start=date(2026, 3, 2), end=date(2026, 3, 13), rome="1106"
        )


def test_positive_job_exit_then_retention_closes(desk: Desk, signed: int, session) -> None:
    desk.clock = lambda: date(2026, 8, 4)  # the exit is recorded once it has happened
    ms.record_exit(
        desk,
        signed,
        ms.ExitInput(
            date=date(2026, 5, 4),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDI,
            employment_start=date(2026, 5, 4),
            employment_full_time=True,
            training_hours_total=400,  # not this reason's block: ignored
        ),
    )
    case = _case(session, signed)
    assert case.status is CaseStatus.FOLLOW_UP
    assert case.exit is not None and case.exit.training_hours_total is None
    assert session.scalars(select(AuditEntry).where(AuditEntry.entity == "exit")).one()
    ms.record_retention(desk, signed, retained=True, on=date(2026, 8, 4))
    case = _case(session, signed)
    assert case.status is CaseStatus.CLOSED
    assert [h.to_status for h in case.status_history][-2:] == [
        CaseStatus.FOLLOW_UP,
        CaseStatus.CLOSED,
    ]


def test_an_exit_still_to_come_is_refused(desk: Desk, signed: int, session) -> None:
    with pytest.raises(ValidationFailed, match=r"La date de sortie \(03/03/2026\) est à venir"):
        ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 3, 3), reason=ExitReason.ABANDON))
    assert _case(session, signed).exit is None


def test_a_new_employer_named_at_the_exit_joins_the_directory(
    desk: Desk, signed: int, session
) -> None:
    ms.record_exit(
        desk,
        signed,
        ms.ExitInput(
            date=date(2026, 3, 2),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDI,
            employment_full_time=True,
            employment_employer_name="  Boulangerie   Petit ",
        ),
    )
    case = _case(session, signed)
    assert case.exit is not None and case.exit.employment_employer is not None
    assert case.exit.employment_employer.name == "Boulangerie Petit"
    assert session.scalars(select(Employer)).one().name == "Boulangerie Petit"
    added = session.scalars(select(AuditEntry).where(AuditEntry.entity == "employer")).one()
    assert (added.action, added.user, added.case_id) == (AuditAction.CREATE, "claire", signed)
    assert added.summary == "Entreprise « Boulangerie Petit » ajoutée à l'annuaire"


def test_interruption_and_notice(desk: Desk, signed: int, session) -> None:
    with pytest.raises(ValidationFailed, match="Aucune interruption"):
        ms.mark_sent(desk, signed, ms.Dispatch.INTERRUPTION_NOTICE, on=date(2026, 3, 3))
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 3, 2), reason=ExitReason.MOVED))
    ms.mark_sent(desk, signed, ms.Dispatch.INTERRUPTION_NOTICE, on=date(2026, 3, 3))
    case = _case(session, signed)
    assert case.status is CaseStatus.INTERRUPTED
    assert case.exit is not None and case.exit.notice_sent_date == date(2026, 3, 3)
    ms.cancel_exit(desk, signed)
    case = _case(session, signed)
    assert case.exit is None and case.status is CaseStatus.ACTIVE


def test_retention_only_after_job_or_business(desk: Desk, signed: int) -> None:
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 3, 2), reason=ExitReason.ABANDON))
    with pytest.raises(ValidationFailed, match="maintien"):
        ms.record_retention(desk, signed, retained=True, on=date(2026, 6, 2))


def test_retention_is_seen_at_three_months_and_never_ahead_of_today(
    desk: Desk, signed: int, session: Session
) -> None:
    """« Oui » is what J + 3 months shows: before it the follow-up goes on; a job lost
    early is a « Non » known at once; nothing is observed after today."""
    job = ms.ExitInput(
        date=date(2026, 2, 2),
        reason=ExitReason.EMPLOYMENT,
        employment_contract=ContractType.CDI,
        employment_full_time=True,
    )
    ms.record_exit(desk, signed, job)
    with pytest.raises(ValidationFailed, match="à partir du 02/05/2026"):
        ms.record_retention(desk, signed, retained=True, on=date(2026, 3, 2))
    case = _case(session, signed)
    assert case.exit is not None and case.exit.retained_at_3_months is None
    assert case.status is CaseStatus.FOLLOW_UP
    with pytest.raises(ValidationFailed, match="après aujourd'hui"):
        ms.record_retention(desk, signed, retained=False, on=date(2026, 3, 3))
    ms.record_retention(desk, signed, retained=False, on=date(2026, 3, 2))
    case = _case(session, signed)
    assert case.exit is not None and case.exit.retained_at_3_months is False
    assert case.exit.retention_recorded_on == date(2026, 3, 2)


def test_renewal_once(desk: Desk, signed: int, session) -> None:
    ms.envisage_renewal(desk, signed)
    assert _case(session, signed).renewal_envisaged
    ms.record_renewal_decision(desk, signed, decided_on=date(2026, 6, 20), granted=True)
    case = _case(session, signed)
    assert case.renewal_new_end_date == date(2027, 1, 3)
    assert case.current_end_date == date(2027, 1, 3)
    with pytest.raises(ValidationFailed, match="une seule fois"):
        ms.record_renewal_decision(desk, signed, decided_on=date(2026, 6, 25), granted=True)


def test_documents_sent_and_online_obligations(desk: Desk, signed: int, session) -> None:
    ms.mark_sent(desk, signed, ms.Dispatch.CONTRACT, on=date(2026, 1, 8))
    ms.mark_sent(desk, signed, ms.Dispatch.INTERMEDIATE_REPORT, on=date(2026, 3, 5))
    ms.record_online_obligations(
        desk, signed, offers_subscription=date(2026, 2, 20), online_profile=None
    )
    case = _case(session, signed)
    assert case.contract_sent_date == date(2026, 1, 8)
    assert case.intermediate_sent_date == date(2026, 3, 5)
    assert case.offers_subscription_date == date(2026, 2, 20) and case.online_profile_date is None
    with pytest.raises(ValidationFailed, match="précède"):
        ms.mark_sent(desk, signed, ms.Dispatch.FINAL_REPORT, on=date(2025, 12, 1))


def test_plan_rows(desk: Desk, signed: int, session) -> None:
    barrier = rows.add_barrier(desk, signed, category=BarrierCategory.HOUSING, description="FSL")
    rows.update_barrier(desk, barrier, status=BarrierStatus.LIFTED, description="Logement trouvé")
    action = rows.add_action(desk, signed, step=ActionStep.SOCIAL, description="Dossier FSL")
    rows.update_action(desk, action, status=ActionStatus.DONE)
    rows.add_job_target(desk, signed, title="Vendeur en boulangerie", rome="D1106")
    case = _case(session, signed)
    assert case.barriers[0].status is BarrierStatus.LIFTED
    assert case.barriers[0].lifted_on == date(2026, 3, 2)
    assert case.actions[0].done_on == date(2026, 3, 2)
    assert case.job_targets[0].rome == "D1106"
    with pytest.raises(ValidationFailed):
        rows.add_action(desk, signed, step=ActionStep.TARGETS, description="  ")
    history = session.scalars(
        select(AuditEntry.summary).where(AuditEntry.case_id == signed).order_by(AuditEntry.id)
    ).all()
    assert "Frein : Logement / hébergement" in history
