"""Undo of the last change: rows back as they were, audited, refused when stale."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.errors import UserError
from movdesk.models import (
    AuditAction,
    AuditEntry,
    Beneficiary,
    Case,
    CaseStatus,
    ContractingResult,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    ReferentAssignment,
    Suspension,
    SuspensionKind,
)
from movdesk.services import (
    agenda,
    checklist,
    corrections,
    directory_edit,
    invoicing,
    orders,
    planning,
    referents,
    rows,
)
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.documents import records as document_records
from movdesk.services.documents import report_texts
from movdesk.services.undo import UNDOABLE_ACTIONS, undo_label, undo_last


def _case(session: Session, case_id: int) -> Case:
    session.expire_all()
    case = session.get(Case, case_id)
    assert case is not None
    return case


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


def test_every_undoable_name_is_an_action_of_the_services() -> None:
    sources = "".join(
        inspect.getsource(m)
        for m in (orders, ms, rows, agenda, planning, document_records, report_texts,
                  checklist, invoicing, directory_edit, corrections, referents)
    )
    for name in UNDOABLE_ACTIONS:
        assert f'"{name}"' in sources or f"{name}\")" in sources, name


def test_an_interview_added_then_undone(desk: Desk, signed: int, session: Session) -> None:
    interview_id = rows.schedule_interview(
        desk, signed, on=date(2026, 1, 14), kind=InterviewKind.INDIVIDUAL
    )
    assert undo_label(desk) == "Enregistrer un entretien"

    assert undo_last(desk) == "Enregistrer un entretien"

    assert session.get(Interview, interview_id) is None
    assert not _case(session, signed).interviews
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "interview").order_by(AuditEntry.id.desc())
    ).first()
    assert entry is not None and entry.action is AuditAction.DELETE
    assert entry.summary == "Annulation : Enregistrer un entretien"
    assert undo_label(desk) is None


def test_an_interview_change_is_undone_column_by_column(
    desk: Desk, signed: int, session: Session
) -> None:
    interview_id = rows.schedule_interview(
        desk, signed, on=date(2026, 1, 14), kind=InterviewKind.INDIVIDUAL, notes="Premier"
    )
    rows.update_interview(
        desk,
        interview_id,
        on=date(2026, 1, 15),
        kind=InterviewKind.PHONE,
        at=None,
        minutes=90,
        status=InterviewStatus.ATTENDED,
        notes="Corrigé",
    )
    undo_last(desk)
    session.expire_all()
    row = session.get(Interview, interview_id)
    assert row is not None
    assert (row.date, row.kind, row.status, row.notes) == (
        date(2026, 1, 14),
        InterviewKind.INDIVIDUAL,
        InterviewStatus.PLANNED,
        "Premier",
    )


def test_an_exit_recorded_then_undone(desk: Desk, signed: int, session: Session) -> None:
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 3, 2), reason=ExitReason.MOVED))
    assert _case(session, signed).status is CaseStatus.INTERRUPTED

    assert undo_last(desk) == "Enregistrer la sortie"

    case = _case(session, signed)
    assert case.exit is None
    assert case.status is CaseStatus.ACTIVE
    # The history keeps both moves, dated, instead of losing one.
    assert [s.to_status for s in case.status_history][-2:] == [
        CaseStatus.INTERRUPTED,
        CaseStatus.ACTIVE,
    ]


def test_a_deleted_suspension_comes_back_with_its_id(
    desk: Desk, signed: int, session: Session
) -> None:
    suspension_id = rows.add_suspension(
        desk,
        signed,
        kind=SuspensionKind.SICKNESS,
        start=date(2026, 3, 2),
        end=date(2026, 3, 15),
        notes="Arrêt maladie",
    )
    rows.delete_suspension(desk, suspension_id)
    session.expire_all()
    assert session.get(Suspension, suspension_id) is None

    assert undo_last(desk) == "Supprimer une suspension"

    session.expire_all()
    back = session.get(Suspension, suspension_id)
    assert back is not None
    assert (back.case_id, back.kind, back.start_date, back.end_date, back.notes) == (
        signed,
        SuspensionKind.SICKNESS,
        date(2026, 3, 2),
        date(2026, 3, 15),
        "Arrêt maladie",
    )


def test_undo_is_refused_when_another_window_changed_the_row(
    desk: Desk, signed: int, session: Session
) -> None:
    interview_id = rows.schedule_interview(
        desk, signed, on=date(2026, 1, 14), kind=InterviewKind.INDIVIDUAL
    )
    other_window = Desk(desk.session_factory, user="marc", clock=desk.clock)
    rows.update_interview(
        other_window,
        interview_id,
        on=date(2026, 1, 14),
        kind=InterviewKind.INDIVIDUAL,
        at=None,
        minutes=60,
        status=InterviewStatus.ATTENDED,
    )
    audit_before = session.scalar(select(func.count()).select_from(AuditEntry))

    with pytest.raises(UserError, match="modifiées depuis"):
        undo_last(desk)

    session.expire_all()
    row = session.get(Interview, interview_id)
    assert row is not None and row.status is InterviewStatus.ATTENDED
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_nothing_to_undo_is_said_in_french(session_factory) -> None:
    desk = Desk(session_factory, user="claire")
    assert undo_label(desk) is None
    with pytest.raises(UserError, match="^Rien à annuler"):
        undo_last(desk)


def test_an_undo_is_not_undone_twice(desk: Desk, signed: int) -> None:
    rows.schedule_interview(desk, signed, on=date(2026, 1, 14), kind=InterviewKind.INDIVIDUAL)
    undo_last(desk)
    with pytest.raises(UserError, match="^Rien à annuler"):
        undo_last(desk)


def test_an_order_registration_is_undone_with_its_new_beneficiary(
    desk: Desk, case_id: int, session: Session
) -> None:
    assert undo_last(desk) == "Enregistrer une lettre de commande"
    session.expire_all()
    assert session.get(Case, case_id) is None
    assert session.scalar(select(func.count()).select_from(Beneficiary)) == 0


def test_an_order_for_a_known_beneficiary_keeps_the_beneficiary(
    desk: Desk, case_id: int, referent_id: int, session: Session
) -> None:
    second = orders.register_order(
        desk,
        order_number="LC-2026-000999",
        referent_id=referent_id,
        start_date=date(2026, 2, 2),
        beneficiary=orders.BeneficiaryInput(last_name="Durand", first_name="S", pe_id="1234567A"),
        accept_warnings=True,  # her first case is still in progress
    )
    undo_last(desk)
    session.expire_all()
    assert session.get(Case, second) is None
    assert session.get(Case, case_id) is not None
    assert session.scalar(select(func.count()).select_from(Beneficiary)) == 1


def test_an_order_worked_on_since_is_not_deleted(
    desk: Desk, case_id: int, session: Session
) -> None:
    other_window = Desk(desk.session_factory, user="marc", clock=desk.clock)
    ms.record_contracting(
        other_window, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED
    )
    with pytest.raises(UserError, match="modifiées depuis"):
        undo_last(desk)
    assert _case(session, case_id).status is CaseStatus.ACTIVE


def test_a_change_of_referent_is_undone_with_its_history(
    desk: Desk, case_id: int, referent_id: int, session: Session
) -> None:
    other = orders.add_referent(desk, "Marc Petit")
    orders.change_referent(desk, case_id, other, on=date(2026, 2, 1))
    undo_last(desk)
    case = _case(session, case_id)
    assert case.referent_id == referent_id
    history = session.scalars(
        select(ReferentAssignment).where(ReferentAssignment.case_id == case_id)
    ).all()
    assert [(a.referent_id, a.end_date) for a in history] == [(referent_id, None)]


def test_settings_like_actions_are_not_undone(desk: Desk) -> None:
    with desk.action("Enregistrer les paramètres du bureau") as work:
        beneficiary = Beneficiary(last_name="X", first_name="Y", pe_id="7654321B")
        work.session.add(beneficiary)
        work.log(AuditAction.CREATE, beneficiary, case_id=None, summary="test")
    assert undo_label(desk) is None
    with pytest.raises(UserError, match="ne peut pas être annulée"):
        undo_last(desk)
