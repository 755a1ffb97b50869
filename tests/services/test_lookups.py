"""The lists behind the combos, and the case read for live advice."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from movdesk.models import Employer, InterviewKind, Partner, PartnerKind, Referent
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.errors import NotFound
from movdesk.services.lookups import (
    Choice,
    employer_choices,
    load_case,
    partner_choices,
    read_interview,
    referent_choices,
)
from movdesk.services.orders import find_beneficiary


def test_directory_choices_are_sorted_by_name(
    desk: Desk, session: Session, referent_id: int
) -> None:
    session.add_all(
        [
            Referent(full_name="Bruno Petit", active=False),
            Referent(full_name="Anne Roy"),
            Partner(name="CCAS de Lille", kind=PartnerKind.CCAS),
            Partner(name="CAF du Nord", kind=PartnerKind.CAF),
            Employer(name="Boulangerie Paul"),
        ]
    )
    session.commit()
    assert [c.label for c in referent_choices(desk)] == ["Anne Roy", "Claire Martin"]
    assert [c.label for c in referent_choices(desk, active_only=False)] == [
        "Anne Roy",
        "Bruno Petit",
        "Claire Martin",
    ]
    assert [c.label for c in partner_choices(desk)] == ["CAF du Nord", "CCAS de Lille"]
    assert employer_choices(desk) == [Choice(1, "Boulangerie Paul")]


def test_the_case_is_read_whole_and_detached(desk: Desk, case_id: int) -> None:
    rows.schedule_interview(desk, case_id, on=date(2026, 2, 2), kind=InterviewKind.INDIVIDUAL)
    case = load_case(desk, case_id)
    assert case.beneficiary.display_name == "DURAND Sophie"
    assert [i.date for i in case.interviews] == [date(2026, 2, 2)]
    assert case.exit is None
    with pytest.raises(NotFound):
        load_case(desk, 999)


def test_an_interview_and_an_identity_as_forms_show_them(desk: Desk, case_id: int) -> None:
    interview_id = rows.schedule_interview(
        desk, case_id, on=date(2026, 2, 2), kind=InterviewKind.PHONE, minutes=20
    )
    values = read_interview(desk, interview_id)
    assert (values.kind, values.minutes, values.case_id) == (InterviewKind.PHONE, 20, case_id)
    with pytest.raises(NotFound):
        read_interview(desk, 999)
    known = find_beneficiary(desk, "1234567a")
    assert known is not None
    assert known.identity.birth_date == date(1985, 4, 12)
    assert (known.identity.last_name, known.identity.pe_id) == ("Durand", "1234567A")
