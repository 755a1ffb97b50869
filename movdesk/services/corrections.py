"""Corrections of what an order letter said: the beneficiary's identity and contact
details, and the order's number, dates, agency and counsellor.

Both go through the checks of a new order (names, identifier shape, category, birth
date before the start, 180 days at most, an order number used once) and through every
rule of the case, which refuses only what the correction newly breaks. Both are audited
with the fields changed, and undone by Ctrl+Z like any case action.

Decisions:

* A beneficiary is one person across their cases: a correction from one case file is
  seen in all of them (and logged in the history of the case it was made from). Their
  France Travail identifier may be corrected, unless another person already has it.
* Moving S moves with it what was dated on S by the order itself: the first referent's
  start and the « Commandée » line of the status history.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from ..models import AuditAction, Beneficiary, Case
from ..rules.validation import Problem, check_beneficiary, validate_case
from . import audit
from .context import Desk, Work, guard
from .errors import ValidationFailed
from .orders import (
    DEFAULT_LENGTH_DAYS,
    BeneficiaryInput,
    apply_identity,
    clean_text,
    normalise_pe_id,
)

#: How each corrected field is named in the case history.
_BENEFICIARY_LABELS = {
    "civility": "civilité",
    "last_name": "nom",
    "first_name": "prénom",
    "birth_date": "date de naissance",
    "pe_id": "identifiant France Travail",
    "category": "catégorie",
    "phone": "téléphone",
    "email": "courriel",
    "address": "adresse",
}
_ORDER_LABELS = {
    "order_number": "n° de commande",
    "start_date": "début S",
    "end_date": "fin E",
    "agency": "agence",
    "counsellor": "conseiller",
}


def changed_fields(labels: dict[str, str], before: dict[str, Any], row: Any) -> str:
    """« téléphone, adresse » for the fields of ``labels`` that changed."""
    after = audit.snapshot(row)
    return ", ".join(label for key, label in labels.items() if before.get(key) != after.get(key))


def identity_problems(work: Work, person: Beneficiary) -> list[Problem]:
    """The checks of a new order on a person: names, identifier, category, birth date
    before the earliest start; and an identifier nobody else has."""
    starts = [c.start_date for c in person.cases]
    problems = check_beneficiary(person, min(starts) if starts else None)
    other = work.session.scalars(
        select(Beneficiary).where(Beneficiary.pe_id == person.pe_id, Beneficiary.id != person.id)
    ).first()
    if other is not None:
        numbers = ", ".join(c.order_number for c in other.cases) or "aucun dossier"
        problems.append(
            Problem(
                "beneficiary.pe_id",
                f"l'identifiant France Travail {person.pe_id} est déjà celui de "
                f"{other.display_name} ({numbers}) : un identifiant ne désigne qu'une "
                "personne.",
            )
        )
    return [p for p in problems if p.is_error]


def update_beneficiary(desk: Desk, case_id: int, data: BeneficiaryInput) -> None:
    """Correct the beneficiary of ``case_id``: identity, identifier and contact details."""
    with desk.action("Modifier le bénéficiaire") as work:
        case = work.case(case_id)
        person = case.beneficiary
        before = audit.snapshot(person)
        with work.session.no_autoflush:
            apply_identity(person, data)
            person.pe_id = normalise_pe_id(data.pe_id)
            problems = identity_problems(work, person)
        if problems:
            raise ValidationFailed(problems)
        what = changed_fields(_BENEFICIARY_LABELS, before, person)
        summary = f"Bénéficiaire {person.display_name} : {what or 'aucun changement'}"
        work.log(AuditAction.UPDATE, person, case_id=case.id, summary=summary, before=before)
        # Every case of the person shows the new name: their summaries are read again.
        work.case_ids.update(c.id for c in person.cases)


def update_order(
    desk: Desk,
    case_id: int,
    *,
    order_number: str,
    start_date: date,
    end_date: date | None,
    agency: str | None,
    counsellor: str | None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Correct the order letter of a case; returns the warnings the user accepted."""
    number = order_number.strip()
    with desk.action("Modifier la commande") as work:
        case = work.case(case_id)
        problems_before = validate_case(case)
        before = audit.snapshot(case)
        taken = work.session.scalar(
            select(Case.id).where(Case.order_number == number, Case.id != case.id)
        )
        if number and taken is not None:
            raise ValidationFailed(
                [
                    Problem(
                        "order_number",
                        f"la lettre de commande n° {number} est déjà enregistrée ; un "
                        "numéro de commande ne sert qu'une fois.",
                    )
                ]
            )
        old_start = case.start_date
        case.order_number = number
        case.start_date = start_date
        case.end_date = end_date or start_date + timedelta(days=DEFAULT_LENGTH_DAYS)
        case.agency = clean_text(agency)
        case.counsellor = clean_text(counsellor)
        # What the order itself dated on S moves with S (module notes).
        moved: list[tuple[Any, dict[str, Any]]] = []
        if start_date != old_start:
            for assignment in case.referent_history:
                if assignment.start_date == old_start:
                    moved.append((assignment, audit.snapshot(assignment)))
                    assignment.start_date = start_date
            for line in case.status_history:
                if line.from_status is None and line.effective_date == old_start:
                    moved.append((line, audit.snapshot(line)))
                    line.effective_date = start_date
        warnings = guard(case, problems_before, accept_warnings=accept_warnings)
        work.sync_status(case)
        what = changed_fields(_ORDER_LABELS, before, case)
        summary = f"Commande n° {number} : {what or 'aucun changement'}"
        for row, row_before in moved:
            work.log(AuditAction.UPDATE, row, case_id=case.id, summary=summary, before=row_before)
        work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=before)
        return warnings


def beneficiary_input(person: Beneficiary) -> BeneficiaryInput:
    """The person as the forms show it."""
    return BeneficiaryInput(**{f.name: getattr(person, f.name) for f in fields(BeneficiaryInput)})


__all__ = ["beneficiary_input", "update_beneficiary", "update_order"]
