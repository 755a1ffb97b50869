"""Fill an empty database with demo cases: the office, the directories, then the cases.

The cases go through the one importer (:func:`movdesk.exchange.import_cases`), with
its validation, in chunks of :data:`CHUNK_SIZE` cases: each chunk is written (flushed)
and dropped from the session, so memory stays bounded whatever the count (50,000 cases
work), and the window can show progress between chunks. What the exchange format does
not carry is added after each chunk (:mod:`.enrich`).

Everything is **one transaction** (**decision**): a demo interrupted half-way (the
window closed, the process killed) leaves the database as empty as it was, so that
``movdesk demo`` can simply run again, instead of 2,000 cases that make it refuse.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import UserError
from ..exchange import import_cases
from ..exchange.schema import FORMAT, VERSION
from ..models import Case, Employer, OfficeSettings, Partner, Referent
from ..models.enums import PartnerKind
from ..store.engine import unit_of_work
from .catalog import PARTNERS, REFERENTS
from .enrich import EnrichContext, enrich_cases, order_documents
from .generator import demo_employers, generate_cases
from .identity import ascii_slug, fictitious_phone, fictitious_siret
from .placements import enrich_placements

#: Cases per import call and commit.
CHUNK_SIZE = 2_000
#: Prix de la prestation of the demo office: 1 850,00 € HT.
DEMO_PRICE_CENTS = 185_000
DEMO_USER = "démonstration"

Progress = Callable[[int, int], None]


def _chunks(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _office(session: Session, rng: random.Random) -> OfficeSettings:
    office = session.get(OfficeSettings, 1) or OfficeSettings(id=1)
    office.name = "Association Tremplin Emploi (démonstration)"
    office.address = "14 rue des Tisserands\n59000 Lille"
    office.siret = fictitious_siret(rng)
    office.market_number = "MOV-HDF-2025-LOT 3"
    office.price_per_case_cents = DEMO_PRICE_CENTS
    office.configured = True
    session.add(office)
    return office


def _directories(session: Session, rng: random.Random) -> dict[PartnerKind, list[int]]:
    """Referents and partners; returns partner ids by kind for the barriers."""
    known = set(session.scalars(select(Referent.full_name)))
    for name in REFERENTS:
        if name not in known:
            session.add(Referent(full_name=name, phone=fictitious_phone(rng, mobile=False),
                                 email=f"{ascii_slug(name).replace('-', '.')}@example.org"))
    existing = set(session.scalars(select(Partner.name)))
    for entry in PARTNERS:
        if entry.name in existing:
            continue
        session.add(Partner(
            name=entry.name, kind=entry.kind, contact_name=entry.contact_name,
            phone=fictitious_phone(rng, mobile=False),
            email=f"contact@{ascii_slug(entry.name)[:40]}.example.org",
            address=f"{rng.randint(1, 120)} rue de la République",
            postcode=entry.town[0], town=entry.town[1],
        ))
    session.flush()
    partners: dict[PartnerKind, list[int]] = {}
    for pid, kind in session.execute(select(Partner.id, Partner.kind)):
        partners.setdefault(kind, []).append(pid)
    return partners


def _employer_details(session: Session, seed: int, rng: random.Random) -> None:
    """Sector, SIRET and contact of the employers the import created by name."""
    details = {e.name: e for e in demo_employers(seed)}
    for employer in session.scalars(select(Employer)):
        known = details.get(employer.name)
        if known is None or employer.siret:
            continue
        employer.sector = known.sector
        employer.siret = fictitious_siret(rng)
        employer.contact_name = f"{rng.choice(('M.', 'Mme'))} {employer.name.split()[-1]}"
        employer.phone = fictitious_phone(rng, mobile=False)
        employer.email = f"recrutement@{ascii_slug(employer.name)[:40]}.example.com"
        employer.address = f"{rng.randint(1, 200)} rue du Commerce"
        employer.postcode, employer.town = known.town


def fill_demo(
    session_factory: sessionmaker[Session],
    *,
    cases: int = 200,
    seed: int = 2026,
    today: date | None = None,
    progress: Progress | None = None,
) -> int:
    """Fill an empty database with ``cases`` demo cases; returns how many were created.

    Refuses a database that already holds cases. ``progress(done, total)`` is called
    after each committed chunk (the window shows it; it runs off the UI thread).
    """
    if cases < 1:
        raise UserError("Le nombre de dossiers de démonstration doit être d'au moins 1.")
    today = today or date.today()
    rng = random.Random(f"{seed}:office")
    with unit_of_work(session_factory) as session:
        held = session.scalar(select(func.count()).select_from(Case)) or 0
        if held:
            raise UserError(
                f"Cette base contient déjà {held} dossier{'s' if held > 1 else ''} : les "
                "dossiers de démonstration ne se chargent que dans une base vide. Choisissez "
                "un autre fichier (option --db) ou la base de démonstration (--demo)."
            )
        office = _office(session, rng)
        ctx = EnrichContext(seed, today, office.price_per_case_cents, _directories(session, rng))
        session.flush()
        done = 0
        if progress is not None:
            progress(done, cases)
        for chunk in _chunks(generate_cases(cases, seed=seed, today=today), CHUNK_SIZE):
            _load_chunk(session, ctx, chunk, today, seed)
            done += len(chunk)
            if progress is not None:
                progress(done, cases)
        _employer_details(session, seed, rng)
    return done


def _load_chunk(
    session: Session, ctx: EnrichContext, chunk: list[dict[str, Any]], today: date, seed: int
) -> None:
    """Import and enrich one chunk, write it, and let its objects go (memory stays flat)."""
    import_cases(session, {"format": FORMAT, "version": VERSION, "cases": chunk},
                 user=DEMO_USER, source="données de démonstration")
    numbers = [c["order_number"] for c in chunk]
    ids = {
        number: case_id
        for number, case_id in session.execute(
            select(Case.order_number, Case.id).where(Case.order_number.in_(numbers))
        )
    }
    order_documents(session, today, seed, chunk, ids)
    enrich_cases(session, ctx, chunk, ids)
    session.flush()
    enrich_placements(session, seed, today, list(ids.values()))
    session.flush()
    session.expunge_all()

