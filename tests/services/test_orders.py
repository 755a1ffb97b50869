"""Registering orders and referents: checks, reuse of a known beneficiary, history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.models import AuditEntry, Beneficiary, Case, CaseStatus, StatusChange
from movdesk.services.context import Desk
from movdesk.services.errors import NeedsConfirmation, NotFound, ValidationFailed
from movdesk.services.events import Change
from movdesk.services.orders import (
    BeneficiaryInput,
    add_referent,
    change_referent,
    find_beneficiary,
    register_order,
)

PERSON = BeneficiaryInput(last_name="Petit", first_name="Marc", pe_id="7654321B")


def _count(session: Session, entity: type) -> int:
    return session.scalar(select(func.count()).select_from(entity)) or 0


def test_register_order_writes_case_history_and_audit(
    changes: list[Change], case_id: int, session: Session
) -> None:
    case = session.get(Case, case_id)
    assert case is not None
    assert case.status is CaseStatus.ORDERED
    assert case.beneficiary.pe_id == "1234567A"  # typed in lower case, stored one way
    assert [a.referent.full_name for a in case.referent_history] == ["Claire Martin"]
    history = session.scalars(select(StatusChange)).all()
    assert [(h.from_status, h.to_status, h.recorded_by) for h in history] == [
        (None, CaseStatus.ORDERED, "claire")
    ]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "case")).one()
    assert entry.case_id == case_id and entry.user == "claire"
    assert entry.changes["order_number"] == [None, "LC-2026-000123"]
    assert changes[-1].case_ids == frozenset({case_id})
    assert changes[-1].touches("case")


def test_missing_end_date_is_start_plus_179(desk: Desk, referent_id: int, session: Session) -> None:
    new_id = register_order(
        desk,
        order_number="LC-2",
        referent_id=referent_id,
        start_date=date(2026, 1, 5),
        beneficiary=PERSON,
    )
    assert session.get(Case, new_id).end_date == date(2026, 7, 3)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"order_number": "LC-2026-000123"}, "order_number", "déjà enregistrée"),
        ({"end_date": date(2026, 7, 4)}, "end_date", "180"),
        ({"end_date": date(2026, 1, 4)}, "end_date", ""),
        (
            {"beneficiary": BeneficiaryInput(last_name="A", first_name="B", pe_id="12345")},
            "beneficiary.pe_id",
            "",
        ),
    ],
)
def test_bad_orders_are_refused_and_nothing_is_written(
    desk: Desk, case_id: int, referent_id: int, session: Session, kwargs, field, words
) -> None:
    before = (_count(session, Case), _count(session, Beneficiary), _count(session, AuditEntry))
    args = {
        "order_number": "LC-NEW",
        "referent_id": referent_id,
        "start_date": date(2026, 1, 5),
        "beneficiary": PERSON,
    } | kwargs
    with pytest.raises(ValidationFailed) as error:
        register_order(desk, **args)
    assert any(p.field == field and words in p.message for p in error.value.problems), (
        error.value.problems
    )
    session.expire_all()
    after = (_count(session, Case), _count(session, Beneficiary), _count(session, AuditEntry))
    assert after == before


def test_known_beneficiary_is_reused(desk: Desk, case_id: int, referent_id: int, session) -> None:
    known = find_beneficiary(desk, " 1234567 a ")
    assert known is not None and known.case_numbers == ("LC-2026-000123",)
    again = {
        "order_number": "LC-2027-1",
        "referent_id": referent_id,
        "start_date": date(2027, 1, 4),
        "beneficiary": BeneficiaryInput(last_name="Durand", first_name="Sophie", pe_id="1234567A"),
    }
    # Her first case is not over: the new order is a warning naming it.
    with pytest.raises(NeedsConfirmation, match=r"le dossier LC-2026-000123 \(Commandée\)"):
        register_order(desk, **again)
    assert _count(session, Case) == 1
    register_order(desk, **again, accept_warnings=True)
    assert _count(session, Beneficiary) == 1
    assert find_beneficiary(desk, "0000000Z") is None


def test_referent_names_are_unique(desk: Desk, referent_id: int) -> None:
    with pytest.raises(ValidationFailed, match="existe déjà"):
        add_referent(desk, "  Claire   Martin ")
    with pytest.raises(ValidationFailed, match="obligatoire"):
        add_referent(desk, "   ")


def test_change_referent_keeps_history(desk: Desk, case_id: int, session: Session) -> None:
    other = add_referent(desk, "Karim Benali")
    change_referent(desk, case_id, other, on=date(2026, 2, 2), reason="Congé maternité")
    case = session.get(Case, case_id)
    assert case is not None and case.referent.full_name == "Karim Benali"
    history = [(a.referent.full_name, a.start_date, a.end_date) for a in case.referent_history]
    assert history == [
        ("Claire Martin", date(2026, 1, 5), date(2026, 2, 2)),
        ("Karim Benali", date(2026, 2, 2), None),
    ]
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.summary.like("Référent :%"))
    ).one()
    assert entry.summary == "Référent : Claire Martin → Karim Benali"
    assert entry.changes["referent_id"][1] == other


def test_unknown_rows_give_a_french_error(desk: Desk) -> None:
    with pytest.raises(NotFound, match="introuvable"):
        change_referent(desk, 999, 1, on=date(2026, 1, 1))
