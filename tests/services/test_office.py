"""The office's settings: SIRET shape and key, price, name; audited; first run."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from movdesk.models import AuditEntry, OfficeSettings
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.office import needs_first_run, read_office, save_office, siret_key_ok

GOOD = {
    "name": "  Association   Tremplin ",
    "address": "14 rue des Tisserands\n59000 Lille",
    "siret": "732 829 320 00074",
    "market_number": "MOV-HDF-2025-LOT 3",
    "price_per_case_cents": 185_000,
    "alsace_moselle": False,
}


@pytest.mark.parametrize(
    ("siret", "ok"),
    [
        ("73282932000074", True),
        ("73282932000075", False),
        ("35600000000001", True),  # La Poste: sum of digits divisible by 5
        ("35600000000002", False),
        ("35600000000048", True),  # La Poste's head office: the usual key
    ],
)
def test_siret_key(siret: str, ok: bool) -> None:
    assert siret_key_ok(siret) is ok


def test_an_office_siret_of_other_digits_is_refused_in_words(desk: Desk) -> None:
    """« ² » (top left of a French keyboard) stopped the assistant with a Python error."""
    with pytest.raises(ValidationFailed) as refused:
        save_office(desk, **{**GOOD, "siret": "7328293200007²"})
    (problem,) = refused.value.problems
    assert problem.field == "siret" and "14 chiffres" in problem.message


def test_saving_the_office_configures_it_and_is_audited(desk: Desk, session: Session) -> None:
    assert needs_first_run(desk)
    save_office(desk, **GOOD)
    office = read_office(desk)
    assert (office.name, office.siret, office.price_per_case_cents) == (
        "Association Tremplin",
        "73282932000074",
        185_000,
    )
    assert office.configured and not needs_first_run(desk)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "office_settings")).one()
    assert entry.user == "claire" and "Tremplin" in entry.summary


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": " "}, "name", "le nom du bureau est obligatoire."),
        ({"siret": "1234"}, "siret", "le SIRET compte 14 chiffres"),
        ({"siret": "7328293200007A"}, "siret", "le SIRET compte 14 chiffres"),
        ({"siret": "73282932000075"}, "siret", "clé de contrôle"),
        ({"price_per_case_cents": -1}, "price_per_case_cents", "ne peut être négatif"),
    ],
)
def test_bad_office_is_refused_and_nothing_saved(
    desk: Desk, session: Session, changes: dict, field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_office(desk, **{**GOOD, **changes})
    [problem] = refused.value.problems
    assert problem.field == field and words in problem.message
    assert session.get(OfficeSettings, 1) is None or not session.get(OfficeSettings, 1).configured


def test_an_empty_siret_is_allowed(desk: Desk) -> None:
    save_office(desk, **{**GOOD, "siret": ""})
    assert read_office(desk).siret is None
