"""Referents after the first run: a first and a last name, renamed, deactivated."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from movdesk.models import AuditEntry, Case, Referent
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.lookups import referent_choices
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.services.referents import (
    add_referent,
    referent_rows,
    rename_referent,
    set_referent_active,
)
from movdesk.services.undo import undo_last


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "le prénom et le nom du référent sont obligatoires"),
        ("   ", "le prénom et le nom du référent sont obligatoires"),
        ("Claire", "« Claire » : indiquez le prénom et le nom du référent"),
        ("  claire   MARTIN ", "un référent « claire MARTIN » existe déjà"),
    ],
)
def test_a_referent_needs_a_first_and_a_last_name_once(
    desk: Desk, referent_id: int, typed: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        add_referent(desk, typed)
    [problem] = refused.value.problems
    assert problem.field == "full_name" and words in problem.message


def test_renamed_everywhere_and_undone(
    desk: Desk, referent_id: int, case_id: int, session: Session
) -> None:
    rename_referent(desk, referent_id, " Claire   Martin-Roux ")
    session.expire_all()
    assert session.get(Case, case_id).referent.full_name == "Claire Martin-Roux"
    with pytest.raises(ValidationFailed, match="indiquez le prénom et le nom"):
        rename_referent(desk, referent_id, "Claire")
    undo_last(desk)
    session.expire_all()
    assert session.get(Referent, referent_id).full_name == "Claire Martin"


def test_a_name_taken_by_another_referent_is_refused(desk: Desk, referent_id: int) -> None:
    other = add_referent(desk, "Karim Benali")
    with pytest.raises(ValidationFailed, match="existe déjà"):
        rename_referent(desk, other, "CLAIRE martin")
    rename_referent(desk, referent_id, "claire martin")  # her own name, other case: fine


def test_a_deactivated_referent_keeps_cases_and_leaves_the_choices(
    desk: Desk, referent_id: int, case_id: int, session: Session
) -> None:
    other = add_referent(desk, "Karim Benali")
    register_order(
        desk,
        order_number="LC-2026-000200",
        referent_id=referent_id,
        start_date=date(2026, 2, 2),
        beneficiary=BeneficiaryInput(last_name="Petit", first_name="Marc", pe_id="7654321B"),
    )
    rows = {r.full_name: r for r in referent_rows(desk)}
    assert (rows["Claire Martin"].open_cases, rows["Claire Martin"].cases) == (2, 2)
    assert (rows["Karim Benali"].open_cases, rows["Karim Benali"].cases) == (0, 0)

    set_referent_active(desk, referent_id, False)
    assert [c.label for c in referent_choices(desk)] == ["Karim Benali"]
    assert [c.label for c in referent_choices(desk, active_only=False)] == [
        "Claire Martin",
        "Karim Benali",
    ]
    session.expire_all()
    assert session.get(Case, case_id).referent_id == referent_id
    assert [(r.full_name, r.active) for r in referent_rows(desk)] == [
        ("Karim Benali", True),
        ("Claire Martin", False),
    ]
    entry = session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert entry is not None and entry.summary == "Référent Claire Martin désactivé"
    # A new order cannot name her any more…
    with pytest.raises(ValidationFailed, match="ne fait plus partie des référents actifs"):
        register_order(
            desk,
            order_number="LC-2026-000201",
            referent_id=referent_id,
            start_date=date(2026, 2, 2),
            beneficiary=BeneficiaryInput(last_name="Roux", first_name="Léa", pe_id="1111111C"),
        )
    # …until she comes back.
    set_referent_active(desk, referent_id, True)
    assert [c.label for c in referent_choices(desk)] == ["Claire Martin", "Karim Benali"]
    assert other in {c.id for c in referent_choices(desk)}
