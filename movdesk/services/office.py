"""The provider office's settings (paramètres du bureau): read, check, save.

The first-run assistant and the settings dialog both save through :func:`save_office`,
which checks the SIRET (14 digits, Luhn key), the price and the name, and keeps the
change in the audit log like any other action.
"""

from __future__ import annotations

from ..models import AuditAction, OfficeSettings
from ..rules.validation import Problem
from . import audit
from .context import Desk
from .dashboard import OfficeSummary
from .dashboard import read_office as _read_office
from .errors import ValidationFailed

#: SIREN of La Poste: its establishments' SIRET follow another key (sum of digits % 5).
_LA_POSTE_SIREN = "356000000"


def siret_key_ok(siret: str) -> bool:
    """The Luhn check of a 14-digit SIRET; La Poste's offices follow their own (the sum
    of the digits is a multiple of 5), its head office the usual one."""
    total = 0
    for position, char in enumerate(reversed(siret)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10 == 0:
        return True
    return siret.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0


def normalise_siret(raw: str) -> str:
    """SIRETs are often typed in groups (``123 456 789 00012``): keep the digits only."""
    return "".join(raw.split())


def siret_problem(siret: str, field: str = "siret") -> Problem | None:
    """What is wrong with a SIRET (spaces already taken out): fourteen plain digits (not
    « ² » nor the digits of another script) whose key is right."""
    if len(siret) != 14 or not (siret.isascii() and siret.isdigit()):
        return Problem(field, f"le SIRET compte 14 chiffres (ici « {siret} »).")
    if not siret_key_ok(siret):
        return Problem(
            field,
            f"le SIRET {siret} n'est pas valide : sa clé de contrôle ne correspond pas. "
            "Vérifiez chaque chiffre.",
        )
    return None


def check_office(*, name: str, siret: str | None, price_per_case_cents: int) -> list[Problem]:
    """What is wrong with the office as typed: the name, the SIRET, the price."""
    problems: list[Problem] = []
    if not name.strip():
        problems.append(Problem("name", "le nom du bureau est obligatoire."))
    number = normalise_siret(siret or "")
    if number and (problem := siret_problem(number)) is not None:
        problems.append(problem)
    if price_per_case_cents < 0:
        problems.append(
            Problem("price_per_case_cents", "le prix de la prestation ne peut être négatif.")
        )
    return problems


def read_office(desk: Desk) -> OfficeSummary:
    """The office settings, or an empty office before the first run."""
    return _read_office(desk.session_factory)


def needs_first_run(desk: Desk) -> bool:
    """True until the first-run assistant (or the settings dialog) has saved the office."""
    return not read_office(desk).configured


def save_office(
    desk: Desk,
    *,
    name: str,
    address: str | None,
    siret: str | None,
    market_number: str | None,
    price_per_case_cents: int,
    alsace_moselle: bool,
) -> None:
    """Check and save the office; the office counts as configured from then on."""
    problems = check_office(name=name, siret=siret, price_per_case_cents=price_per_case_cents)
    if problems:
        raise ValidationFailed(problems)
    with desk.action("Enregistrer les paramètres du bureau") as work:
        office = work.session.get(OfficeSettings, 1)
        created = office is None
        if office is None:
            office = OfficeSettings(id=1)
            work.session.add(office)
            work.session.flush()
        before = audit.snapshot(office)
        office.name = " ".join(name.split())
        office.address = (address or "").strip() or None
        office.siret = normalise_siret(siret or "") or None
        office.market_number = (market_number or "").strip() or None
        office.price_per_case_cents = price_per_case_cents
        office.alsace_moselle = alsace_moselle
        office.configured = True
        work.log(
            AuditAction.CREATE if created else AuditAction.UPDATE,
            office,
            case_id=None,
            summary=f"Paramètres du bureau « {office.name} »",
            before=None if created else before,
        )
