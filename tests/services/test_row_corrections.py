"""Corrections of suspensions, company periods and action-plan steps: checked by the
rules, audited old → new, refused without a trace, undone as a whole."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.models import (
    Action,
    ActionStatus,
    ActionStep,
    AuditAction,
    AuditEntry,
    CompanyPeriod,
    ContractingResult,
    Employer,
    Partner,
    Suspension,
    SuspensionKind,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.errors import NeedsConfirmation, ValidationFailed
from movdesk.services.undo import undo_last


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


def _last_entry(session: Session, entity: str) -> AuditEntry:
    session.expire_all()
    return session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id.desc())
    ).first()


def _audit_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _sickness(desk: Desk, case_id: int) -> int:
    return rows.add_suspension(
        desk, case_id, kind=SuspensionKind.SICKNESS, start=date(2026, 3, 2), end=date(2026, 3, 6)
    )


def test_a_suspension_corrected_and_audited(desk: Desk, signed: int, session: Session) -> None:
    suspension_id = _sickness(desk, signed)
    rows.update_suspension(
        desk,
        suspension_id,
        kind=SuspensionKind.SICKNESS,
        start=date(2026, 3, 2),
        end=date(2026, 3, 13),
        notes="Arrêt prolongé",
    )
    row = session.get(Suspension, suspension_id)
    assert row is not None and (row.end_date, row.notes) == (date(2026, 3, 13), "Arrêt prolongé")
    entry = _last_entry(session, "suspension")
    assert entry.summary == "Suspension (maladie) du 02/03/2026 au 13/03/2026"
    assert entry.changes["end_date"] == ["2026-03-06", "2026-03-13"]
    assert entry.changes["notes"] == [None, "Arrêt prolongé"]


def test_sickness_of_15_days_is_refused_and_nothing_changes(
    desk: Desk, signed: int, session: Session
) -> None:
    suspension_id = _sickness(desk, signed)
    audit_before = _audit_count(session)
    with pytest.raises(ValidationFailed, match="14"):
        rows.update_suspension(
            desk,
            suspension_id,
            kind=SuspensionKind.SICKNESS,
            start=date(2026, 3, 2),
            end=date(2026, 3, 16),
        )
    session.expire_all()
    row = session.get(Suspension, suspension_id)
    assert row is not None and row.end_date == date(2026, 3, 6)
    assert _audit_count(session) == audit_before


@pytest.fixture
def period(desk: Desk, signed: int) -> int:
    ms.start_phase2(desk, signed, on=date(2026, 2, 16))
    return rows.add_company_period(
        desk,
        signed,
        start=date(2026, 4, 6),
        end=date(2026, 4, 17),
        employer_name="Boulangerie Petit",
        job_title="Vendeur",
        rome="D1106",
    )


def test_a_company_period_corrected_with_a_new_employer(
    desk: Desk, period: int, session: Session
) -> None:
    rows.update_company_period(
        desk,
        period,
        start=date(2026, 4, 6),
        end=date(2026, 4, 24),
        employer_name="Fournil du Nord",
        job_title="Vendeur en boulangerie",
        rome="d1102",
        evaluation="Très bonne intégration",
    )
    row = session.get(CompanyPeriod, period)
    assert row is not None and row.employer is not None
    assert (row.employer.name, row.rome, row.end_date) == (
        "Fournil du Nord",
        "D1102",
        date(2026, 4, 24),
    )
    entry = _last_entry(session, "company_period")
    assert entry.changes["end_date"] == ["2026-04-17", "2026-04-24"]
    assert entry.changes["rome"] == ["D1106", "D1102"]
    assert entry.changes["job_title"] == ["Vendeur", "Vendeur en boulangerie"]


def test_an_employer_typed_in_a_period_is_found_or_added_to_the_directory_with_its_author(
    desk: Desk, period: int, signed: int, session: Session
) -> None:
    """« boulangerie-petit » is the employer already in the directory; a new name joins
    it, and the history says who added it and for which case."""
    again = rows.add_company_period(
        desk,
        signed,
        start=date(2026, 5, 4),
        end=date(2026, 5, 15),
        employer_name="boulangerie-petit",
    )
    assert session.scalar(select(func.count()).select_from(Employer)) == 1
    assert session.get(CompanyPeriod, again).employer.name == "Boulangerie Petit"
    rows.update_company_period(
        desk, again, start=date(2026, 5, 4), end=date(2026, 5, 15), employer_name="Fournil du Nord"
    )
    added = _last_entry(session, "employer")
    assert (added.action, added.user, added.case_id) == (AuditAction.CREATE, "claire", signed)
    assert added.summary == "Entreprise « Fournil du Nord » ajoutée à l'annuaire"


def test_a_company_period_of_43_days_is_refused(desk: Desk, period: int, session: Session) -> None:
    audit_before = _audit_count(session)
    with pytest.raises(ValidationFailed, match="42"):
        rows.update_company_period(
            desk,
            period,
            start=date(2026, 4, 6),
            end=date(2026, 5, 18),
            employer_name="Fournil du Nord",
        )
    session.expire_all()
    row = session.get(CompanyPeriod, period)
    assert row is not None and row.end_date == date(2026, 4, 17)
    assert row.employer is not None and row.employer.name == "Boulangerie Petit"
    assert session.scalar(select(func.count()).select_from(Employer)) == 1
    assert _audit_count(session) == audit_before


def test_a_short_company_period_asks_for_confirmation(
    desk: Desk, period: int, session: Session
) -> None:
    kwargs = {
        "start": date(2026, 4, 6),
        "end": date(2026, 4, 10),
        "employer_name": "Boulangerie Petit",
    }
    with pytest.raises(NeedsConfirmation):
        rows.update_company_period(desk, period, **kwargs)
    session.expire_all()
    assert session.get(CompanyPeriod, period).end_date == date(2026, 4, 17)
    warnings = rows.update_company_period(desk, period, accept_warnings=True, **kwargs)
    assert warnings and "7 jours" in warnings[0].message
    session.expire_all()
    assert session.get(CompanyPeriod, period).end_date == date(2026, 4, 10)


def test_undo_of_a_correction_restores_the_old_values(
    desk: Desk, period: int, session: Session
) -> None:
    rows.update_company_period(
        desk,
        period,
        start=date(2026, 4, 13),
        end=date(2026, 4, 24),
        employer_name="Boulangerie Petit",
        rome="D1102",
    )
    assert undo_last(desk) == "Modifier une période en entreprise"
    session.expire_all()
    row = session.get(CompanyPeriod, period)
    assert row is not None
    assert (row.start_date, row.end_date, row.rome, row.job_title) == (
        date(2026, 4, 6),
        date(2026, 4, 17),
        "D1106",
        "Vendeur",
    )


def test_undo_of_a_suspension_correction(desk: Desk, signed: int, session: Session) -> None:
    suspension_id = _sickness(desk, signed)
    rows.update_suspension(
        desk,
        suspension_id,
        kind=SuspensionKind.LEAVE,
        start=date(2026, 3, 9),
        end=date(2026, 3, 13),
    )
    assert undo_last(desk) == "Modifier une suspension"
    session.expire_all()
    row = session.get(Suspension, suspension_id)
    assert row is not None
    assert (row.kind, row.start_date, row.end_date) == (
        SuspensionKind.SICKNESS,
        date(2026, 3, 2),
        date(2026, 3, 6),
    )


def test_an_action_corrected_keeps_what_is_not_named(
    desk: Desk, signed: int, session: Session
) -> None:
    with Session(bind=session.get_bind()) as other:
        other.add(Partner(name="CCAS de Lille"))
        other.commit()
    action_id = rows.add_action(
        desk, signed, step=ActionStep.SOCIAL, description="Dossier FSL", due_date=date(2026, 3, 20)
    )
    rows.update_action(
        desk,
        action_id,
        status=ActionStatus.IN_PROGRESS,
        description="Dossier FSL déposé",
        due_date=date(2026, 3, 27),
        partner_id=1,
    )
    row = session.get(Action, action_id)
    assert row is not None
    assert (row.description, row.due_date, row.partner_id, row.status) == (
        "Dossier FSL déposé",
        date(2026, 3, 27),
        1,
        ActionStatus.IN_PROGRESS,
    )
    entry = _last_entry(session, "action")
    assert entry.changes["due_date"] == ["2026-03-20", "2026-03-27"]
    assert entry.changes["description"] == ["Dossier FSL", "Dossier FSL déposé"]

    # Marking it done from the list names the status only: the rest stays.
    rows.update_action(desk, action_id, status=ActionStatus.DONE)
    session.expire_all()
    row = session.get(Action, action_id)
    assert row is not None
    assert (row.due_date, row.partner_id, row.done_on) == (date(2026, 3, 27), 1, date(2026, 3, 2))

    # Clearing the due date is a correction too; an empty description is refused.
    rows.update_action(desk, action_id, status=ActionStatus.DONE, due_date=None)
    with pytest.raises(ValidationFailed, match="description de l.action est obligatoire"):
        rows.update_action(desk, action_id, status=ActionStatus.DONE, description="  ")
    session.expire_all()
    row = session.get(Action, action_id)
    assert row is not None
    assert (row.due_date, row.description) == (None, "Dossier FSL déposé")
    assert undo_last(desk) == "Modifier une action"
    session.expire_all()
    assert session.get(Action, action_id).due_date == date(2026, 3, 27)
