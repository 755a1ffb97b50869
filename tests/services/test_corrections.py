"""Correcting the beneficiary, the order letter and the contracting interview: the checks
of a new order, the audit log, and Ctrl+Z."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from movdesk.models import (
    AuditAction,
    AuditEntry,
    Beneficiary,
    Case,
    CaseStatus,
    ContractingResult,
    InterviewKind,
    InterviewStatus,
    StatusChange,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.case_list import CaseListQuery, first_page
from movdesk.services.context import Desk
from movdesk.services.corrections import beneficiary_input, update_beneficiary, update_order
from movdesk.services.errors import ValidationFailed
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.services.summary import keep_fresh
from movdesk.services.undo import undo_last

from .conftest import TODAY


def _case(session: Session, case_id: int) -> Case:
    session.expire_all()
    case = session.get(Case, case_id)
    assert case is not None
    return case


def _last_entry(session: Session, entity: str) -> AuditEntry:
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id.desc())
    ).first()
    assert entry is not None
    return entry


def _person(session: Session, case_id: int) -> BeneficiaryInput:
    return beneficiary_input(_case(session, case_id).beneficiary)


def test_a_typo_and_new_contact_details_are_corrected_audited_and_undone(
    desk: Desk, case_id: int, session: Session
) -> None:
    before = _person(session, case_id)
    corrected = replace(
        before, first_name=" Sophia ", phone="06 11 22 33 44", address="3 rue des Lilas, Lille"
    )
    update_beneficiary(desk, case_id, corrected)
    person = _case(session, case_id).beneficiary
    assert (person.first_name, person.phone, person.address) == (
        "Sophia",
        "06 11 22 33 44",
        "3 rue des Lilas, Lille",
    )
    entry = _last_entry(session, "beneficiary")
    assert entry.action is AuditAction.UPDATE and entry.case_id == case_id
    assert entry.summary == "Bénéficiaire DURAND Sophia : prénom, téléphone, adresse"

    assert undo_last(desk) == "Modifier le bénéficiaire"
    assert _person(session, case_id) == before


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"last_name": "  "}, "beneficiary.last_name", "le nom est obligatoire"),
        ({"pe_id": "12345"}, "beneficiary.pe_id", "doit compter 7 chiffres"),
        ({"pe_id": ""}, "beneficiary.pe_id", "l'identifiant France Travail est obligatoire"),
        ({"birth_date": date(2026, 2, 1)}, "beneficiary.birth_date", "doit précéder le début"),
    ],
)
def test_a_correction_gets_the_checks_of_a_new_order(
    desk: Desk, case_id: int, session: Session, change: dict, field: str, words: str
) -> None:
    before = _person(session, case_id)
    with pytest.raises(ValidationFailed) as refused:
        update_beneficiary(desk, case_id, replace(before, **change))
    assert [(p.field, words in p.message) for p in refused.value.problems] == [(field, True)]
    assert _person(session, case_id) == before


@pytest.fixture
def other_case(desk: Desk, referent_id: int) -> int:
    """Marc Petit's case, LC-2026-000200."""
    return register_order(
        desk,
        order_number="LC-2026-000200",
        referent_id=referent_id,
        start_date=date(2026, 2, 2),
        beneficiary=BeneficiaryInput(last_name="Petit", first_name="Marc", pe_id="7654321B"),
    )


def test_an_identifier_of_another_person_is_refused(
    desk: Desk, case_id: int, other_case: int, session: Session
) -> None:
    with pytest.raises(ValidationFailed, match="déjà celui de PETIT Marc"):
        update_beneficiary(desk, case_id, replace(_person(session, case_id), pe_id="7654321b"))
    assert _case(session, case_id).beneficiary.pe_id == "1234567A"


def test_a_corrected_name_is_found_by_the_case_list(
    desk: Desk, case_id: int, session: Session
) -> None:
    stop = keep_fresh(desk)
    try:
        update_beneficiary(desk, case_id, replace(_person(session, case_id), last_name="Dupond"))
    finally:
        stop()
    count, page = first_page(session, CaseListQuery(text="dupond"), TODAY)
    assert count == 1 and list(page.ids) == [case_id]


def test_the_order_letter_is_corrected_and_s_moves_what_it_dated(
    desk: Desk, case_id: int, session: Session
) -> None:
    update_order(
        desk,
        case_id,
        order_number=" LC-2026-000124 ",
        start_date=date(2026, 1, 12),
        end_date=date(2026, 7, 10),
        agency="Agence Roubaix",
        counsellor="M. Leroy",
    )
    case = _case(session, case_id)
    assert (case.order_number, case.start_date, case.end_date) == (
        "LC-2026-000124",
        date(2026, 1, 12),
        date(2026, 7, 10),
    )
    assert (case.agency, case.counsellor) == ("Agence Roubaix", "M. Leroy")
    assert [a.start_date for a in case.referent_history] == [date(2026, 1, 12)]
    first = session.scalars(select(StatusChange).where(StatusChange.case_id == case_id)).first()
    assert first is not None and first.effective_date == date(2026, 1, 12)
    assert _last_entry(session, "case").summary == (
        "Commande n° LC-2026-000124 : n° de commande, début S, fin E, agence, conseiller"
    )

    undo_last(desk)
    case = _case(session, case_id)
    assert (case.order_number, case.start_date, case.agency) == (
        "LC-2026-000123",
        date(2026, 1, 5),
        "Agence Lille Centre",
    )
    assert [a.start_date for a in case.referent_history] == [date(2026, 1, 5)]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"end_date": date(2026, 7, 4)}, "end_date", "au plus 180 jours"),
        ({"end_date": date(2026, 1, 4)}, "end_date", "précède la date de début S"),
        ({"order_number": "  "}, "order_number", "obligatoire"),
        ({"order_number": "LC-2026-000200"}, "order_number", "déjà enregistrée"),
    ],
)
def test_an_order_correction_is_checked(
    desk: Desk,
    case_id: int,
    other_case: int,
    session: Session,
    values: dict,
    field: str,
    words: str,
) -> None:
    order = {
        "order_number": "LC-2026-000123",
        "start_date": date(2026, 1, 5),
        "end_date": date(2026, 7, 3),
        "agency": None,
        "counsellor": None,
    }
    with pytest.raises(ValidationFailed) as refused:
        update_order(desk, case_id, **{**order, **values})
    assert [(p.field, words in p.message) for p in refused.value.problems] == [(field, True)]
    assert _case(session, case_id).end_date == date(2026, 7, 3)


def test_s_cannot_move_past_what_happened(desk: Desk, case_id: int, session: Session) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    with pytest.raises(ValidationFailed, match="L'entretien de contractualisation a lieu entre"):
        update_order(
            desk,
            case_id,
            order_number="LC-2026-000123",
            start_date=date(2026, 1, 8),
            end_date=None,
            agency=None,
            counsellor=None,
        )
    assert _case(session, case_id).start_date == date(2026, 1, 5)


def test_a_wrong_contracting_result_is_corrected_or_taken_back(
    desk: Desk, case_id: int, session: Session
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.REFUSED)
    assert _case(session, case_id).status is CaseStatus.REFUSED
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    assert _case(session, case_id).status is CaseStatus.ACTIVE
    rows.schedule_interview(
        desk,
        case_id,
        on=date(2026, 1, 14),
        kind=InterviewKind.INDIVIDUAL,
        status=InterviewStatus.ATTENDED,
    )
    # An attended interview needs the signed contract: the result cannot be taken back.
    with pytest.raises(ValidationFailed, match="suppose un contrat d'accompagnement signé"):
        ms.record_contracting(desk, case_id, on=None, result=None)
    undo_last(desk)  # the interview
    ms.record_contracting(desk, case_id, on=None, result=None)
    case = _case(session, case_id)
    assert (case.contracting_date, case.contracting_result, case.status) == (
        None,
        None,
        CaseStatus.ORDERED,
    )


def test_a_known_person_is_updated_from_a_new_order_and_undone(
    desk: Desk, case_id: int, referent_id: int, session: Session
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.REFUSED)
    before = _person(session, case_id)
    moved = replace(before, phone="07 00 00 00 01", address="12 rue Neuve, Douai")
    # Her first case is over (refused): no warning; a name left empty is still refused.
    with pytest.raises(ValidationFailed, match="Le nom est obligatoire"):
        register_order(
            desk,
            order_number="LC-2026-000300",
            referent_id=referent_id,
            start_date=date(2026, 3, 2),
            beneficiary=replace(moved, last_name=""),
            update_known=True,
        )
    second = register_order(
        desk,
        order_number="LC-2026-000300",
        referent_id=referent_id,
        start_date=date(2026, 3, 2),
        beneficiary=moved,
        update_known=True,
    )
    assert _person(session, second) == moved
    assert session.scalars(select(Beneficiary)).one().phone == "07 00 00 00 01"
    undo_last(desk)
    assert session.get(Case, second) is None
    assert _person(session, case_id) == before
