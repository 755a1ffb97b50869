"""Registering an order letter (lettre de commande), referents, and changes of referent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..models import (
    AuditAction,
    Beneficiary,
    Case,
    CaseStatus,
    Civility,
    Referent,
    ReferentAssignment,
    StatusChange,
)
from ..rules.timeline import effective_status
from ..rules.validation import Problem, check_beneficiary, check_order, fr_date
from . import audit
from .context import Desk
from .errors import NeedsConfirmation, ValidationFailed
from .referents import add_referent

__all__ = [
    "BeneficiaryInput",
    "KnownBeneficiary",
    "add_referent",
    "change_referent",
    "find_beneficiary",
    "register_order",
]

#: E defaults to S + 179 when the order letter gives no end date (MOV-RULES.md 2.1).
DEFAULT_LENGTH_DAYS = 179


@dataclass(frozen=True)
class BeneficiaryInput:
    """What the order letter says about the job seeker."""

    last_name: str
    first_name: str
    pe_id: str
    civility: Civility | None = None
    birth_date: date | None = None
    category: int | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class KnownBeneficiary:
    """A beneficiary already in the database, found by PE identifier: what the order
    form shows and fills in instead of having it typed again."""

    id: int
    display_name: str
    case_numbers: tuple[str, ...]
    identity: BeneficiaryInput
    #: « LC-2025-000001 (En cours) » for each case still in progress or in follow-up.
    in_progress: tuple[str, ...] = ()


#: The statuses of a case that is not over: a new order for the person is unusual.
IN_PROGRESS = (CaseStatus.ORDERED, CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)


def cases_in_progress(cases: Iterable[Case], today: date) -> tuple[str, ...]:
    """« LC-2025-000001 (En cours) » for each case not over as of ``today``."""
    found = []
    for case in cases:
        status = effective_status(case, today)
        if status in IN_PROGRESS:
            found.append(f"{case.order_number} ({status.label})")
    return tuple(found)


def normalise_pe_id(raw: str) -> str:
    """Identifiers are typed in any case and with stray spaces; store them one way."""
    return "".join(raw.split()).upper()


def clean_text(value: str | None) -> str | None:
    """Typed text without its outer spaces; None for nothing typed."""
    text = (value or "").strip()
    return text or None


def apply_identity(person: Beneficiary, data: BeneficiaryInput) -> None:
    """Write the identity and contact details typed into ``person`` (tidied as on entry)."""
    person.civility = data.civility
    person.last_name = " ".join(data.last_name.split())
    person.first_name = " ".join(data.first_name.split())
    person.birth_date = data.birth_date
    person.category = data.category
    person.phone = clean_text(data.phone)
    person.email = clean_text(data.email)
    person.address = clean_text(data.address)


def find_beneficiary(desk: Desk, pe_id: str) -> KnownBeneficiary | None:
    """The beneficiary with this PE identifier, to reuse instead of typing again."""
    wanted = normalise_pe_id(pe_id)

    def query(session) -> KnownBeneficiary | None:  # type: ignore[no-untyped-def]
        b = session.scalars(select(Beneficiary).where(Beneficiary.pe_id == wanted)).first()
        if b is None:
            return None
        numbers = tuple(c.order_number for c in b.cases)
        in_progress = cases_in_progress(b.cases, desk.today())
        identity = BeneficiaryInput(
            last_name=b.last_name,
            first_name=b.first_name,
            pe_id=b.pe_id,
            civility=Civility(b.civility) if b.civility else None,
            birth_date=b.birth_date,
            category=b.category,
            phone=b.phone,
            email=b.email,
            address=b.address,
        )
        return KnownBeneficiary(b.id, b.display_name, numbers, identity, in_progress)

    return desk.read(query)


def inactive_referent(name: str) -> str:
    return f"{name} ne fait plus partie des référents actifs : choisissez-en un autre."


#: What an order without referent is told.
REFERENT_REQUIRED = "le référent est obligatoire : choisissez-le dans la liste."


def register_order(
    desk: Desk,
    *,
    order_number: str,
    referent_id: int | None,
    start_date: date,
    beneficiary: BeneficiaryInput,
    end_date: date | None = None,
    agency: str | None = None,
    counsellor: str | None = None,
    update_known: bool = False,
    accept_warnings: bool = False,
) -> int:
    """Open a case from an order letter; a known PE identifier reuses the beneficiary,
    whose details ``beneficiary`` replaces when ``update_known`` (same checks).

    Refused with the field and the rule: no referent, an empty or already registered
    order number, an order longer than 180 days, an end before the start, a malformed
    identifier — every one found, at once. A person who still has a case in progress
    or in follow-up is a warning, naming that case.
    """
    number = order_number.strip()
    pe_id = normalise_pe_id(beneficiary.pe_id)
    with desk.action("Enregistrer une lettre de commande") as work:
        session = work.session
        problems: list[Problem] = []
        referent = work.get(Referent, referent_id) if referent_id is not None else None
        if referent is None:
            problems.append(Problem("referent_id", REFERENT_REQUIRED))
        elif not referent.active:
            problems.append(Problem("referent_id", inactive_referent(referent.full_name)))
        if number and session.scalar(select(Case.id).where(Case.order_number == number)):
            problems.append(
                Problem(
                    "order_number",
                    f"la lettre de commande n° {number} est déjà enregistrée ; "
                    "un numéro de commande ne sert qu'une fois.",
                )
            )
        person = session.scalars(select(Beneficiary).where(Beneficiary.pe_id == pe_id)).first()
        warnings: list[Problem] = []
        person_before = audit.snapshot(person) if person is not None else None
        if person is not None:
            running = cases_in_progress(person.cases, desk.today())
            if running:
                word = "les dossiers" if len(running) > 1 else "le dossier"
                warnings.append(
                    Problem(
                        "beneficiary.pe_id",
                        f"{person.display_name} a encore {word} {', '.join(running)} : une "
                        "nouvelle commande pour la même personne est inhabituelle. "
                        "Vérifiez l'identifiant France Travail.",
                        "warning",
                    )
                )
            if update_known:
                with session.no_autoflush:
                    apply_identity(person, beneficiary)
                    problems += check_beneficiary(person, start_date)
        if person is None:
            person = Beneficiary(
                civility=beneficiary.civility,
                last_name=beneficiary.last_name.strip(),
                first_name=beneficiary.first_name.strip(),
                birth_date=beneficiary.birth_date,
                pe_id=pe_id,
                category=beneficiary.category,
                phone=beneficiary.phone or None,
                email=beneficiary.email or None,
                address=beneficiary.address or None,
            )
            problems += check_beneficiary(person, start_date)
        case = Case(
            order_number=number,
            beneficiary=person,
            referent=referent,
            start_date=start_date,
            end_date=end_date or start_date + timedelta(days=DEFAULT_LENGTH_DAYS),
            agency=agency or None,
            counsellor=counsellor or None,
            status=CaseStatus.ORDERED,
        )
        with session.no_autoflush:
            problems += check_order(case)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise ValidationFailed(errors)
        if warnings and not accept_warnings:
            raise NeedsConfirmation(warnings)
        case.referent_history.append(ReferentAssignment(referent=referent, start_date=start_date))
        case.status_history.append(
            StatusChange(
                from_status=None,
                to_status=CaseStatus.ORDERED,
                effective_date=start_date,
                recorded_by=work.user,
            )
        )
        session.add(case)
        session.flush()
        summary = f"Lettre de commande n° {number} enregistrée"
        if person_before is not None and audit.snapshot(person) != person_before:
            work.log(
                AuditAction.UPDATE,
                person,
                case_id=case.id,
                summary=f"{summary} ; coordonnées de {person.display_name} mises à jour",
                before=person_before,
            )
        work.log(AuditAction.CREATE, case, case_id=case.id, summary=summary)
        return case.id


def change_referent(
    desk: Desk, case_id: int, referent_id: int | None, *, on: date, reason: str | None = None
) -> None:
    """Hand the case to another referent from ``on``; the history keeps who had it.

    Refused, every reason at once: no referent chosen, one no longer active, a date
    before S.
    """
    with desk.action("Changer de référent") as work:
        case = work.case(case_id)
        referent = work.get(Referent, referent_id) if referent_id is not None else None
        if referent is not None and referent.id == case.referent_id:
            return
        problems = []
        if referent is None:
            problems.append(
                Problem(
                    "referent_id",
                    "le nouveau référent est obligatoire : choisissez-le dans la liste.",
                )
            )
        elif not referent.active:
            problems.append(Problem("referent_id", inactive_referent(referent.full_name)))
        if on < case.start_date:
            problems.append(
                Problem(
                    "referent",
                    f"le changement de référent ne peut précéder le début S "
                    f"({fr_date(case.start_date)}).",
                )
            )
        if problems or referent is None:
            raise ValidationFailed(problems)
        before = audit.snapshot(case)
        previous = case.referent.full_name
        for assignment in case.referent_history:
            if assignment.end_date is None:
                assignment.end_date = on
        case.referent_history.append(
            ReferentAssignment(referent=referent, start_date=on, reason=reason or None)
        )
        case.referent = referent
        work.log(
            AuditAction.UPDATE,
            case,
            case_id=case.id,
            summary=f"Référent : {previous} → {referent.full_name}",
            before=before,
        )
