"""Fictitious identities: beneficiaries, phone numbers, e-mail addresses, SIRET numbers.

Nothing here may point at a real person or company: phone numbers come from the
ranges ARCEP reserves for fiction (``01 99 00``, ``03 53 01``, ``06 39 98``), e-mail
addresses use the ``example.*`` domains reserved by RFC 2606, and SIRET numbers are
random (with a valid Luhn key, so that a form that checks them accepts them).
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from faker import Faker

from .catalog import TRADES, Agency, Employer

_EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
_PE_ID_LAST = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def fictitious_phone(rng: random.Random, *, mobile: bool = True) -> str:
    """A French phone number from a range reserved for fiction."""
    prefix = "06 39 98" if mobile else "03 53 01"
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"


def ascii_slug(text: str) -> str:
    """``Élodie Le Gall`` → ``elodie-le-gall``, for e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in plain.lower()).split()
    return "-".join(words)


def fictitious_email(rng: random.Random, first_name: str, last_name: str) -> str:
    """``prenom.nom12@example.org``."""
    number = "" if rng.random() < 0.5 else str(rng.randrange(1, 100))
    domain = rng.choice(_EMAIL_DOMAINS)
    return f"{ascii_slug(first_name)}.{ascii_slug(last_name)}{number}@{domain}"


def _luhn_complete(digits: str) -> str:
    """Append the digit that makes ``digits`` pass the Luhn check (SIREN/SIRET key)."""
    for key in "0123456789":
        candidate = digits + key
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable: one key digit always completes a Luhn number")


def fictitious_siret(rng: random.Random) -> str:
    """A 14-digit SIRET whose SIREN and whole number both pass the Luhn check."""
    siren = _luhn_complete(f"{rng.randrange(10**8):08d}")
    return _luhn_complete(siren + f"{rng.randrange(1, 10**4):04d}")


class PeIdSource:
    """Unique France Travail identifiers (7 digits and a digit or a letter)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def next(self) -> str:
        while True:
            pe_id = f"{self._rng.randrange(10**7):07d}{self._rng.choice(_PE_ID_LAST)}"
            if pe_id not in self._used:
                self._used.add(pe_id)
                return pe_id


def make_beneficiary(
    fake: Faker, rng: random.Random, pe_ids: PeIdSource, agency: Agency, start: date
) -> dict[str, object]:
    """A beneficiary block of the exchange format, aged 18 to 62 at the case's start."""
    female = rng.random() < 0.5
    first_name = fake.first_name_female() if female else fake.first_name_male()
    last_name = fake.last_name()
    age = rng.randint(18, 62)
    birth = start - relativedelta(years=age) - timedelta(days=rng.randrange(365))
    postcode, town = rng.choice(agency.towns)
    return {
        "civility": "Mme" if female else "M.",
        "last_name": last_name,
        "first_name": first_name,
        "birth_date": birth.isoformat(),
        "pe_id": pe_ids.next(),
        "category": rng.choices((1, 2, 3), weights=(70, 20, 10))[0],
        "phone": fictitious_phone(rng, mobile=rng.random() < 0.85),
        "email": fictitious_email(rng, first_name, last_name) if rng.random() < 0.75 else None,
        "address": f"{fake.street_address()}\n{postcode} {town}",
    }


def make_employers(fake: Faker, rng: random.Random, agencies: tuple[Agency, ...]) -> list[Employer]:
    """The demo network of employers: a few of each trade, with unique names."""
    employers: list[Employer] = []
    names: set[str] = set()
    for trade in TRADES:
        for _ in range(4):
            town = rng.choice(rng.choice(agencies).towns)
            name = trade.name_pattern.format(name=fake.last_name(), town=town[1])
            if name not in names:
                names.add(name)
                employers.append(Employer(name, trade.sector, trade.jobs, town))
    return employers
