"""Rows the window tests write before looking at what the window shows."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Beneficiary, Case, CaseStatus, OfficeSettings, Referent
from movdesk.store.engine import unit_of_work


def save_office(factory: sessionmaker[Session], name: str, **values: object) -> None:
    with unit_of_work(factory) as session:
        session.merge(OfficeSettings(id=1, name=name, **values))


def add_cases(factory: sessionmaker[Session], statuses: list[CaseStatus]) -> None:
    """One referent and one beneficiary per case, cases in the given recorded statuses."""
    with unit_of_work(factory) as session:
        referent = Referent(full_name=f"Référent {len(statuses)}")
        session.add(referent)
        for number, status in enumerate(statuses):
            person = Beneficiary(
                last_name=f"Nom{number}", first_name="Prénom", pe_id=f"{number:07d}A"
            )
            session.add(
                Case(
                    order_number=f"LC-{number:04d}",
                    beneficiary=person,
                    referent=referent,
                    start_date=date(2026, 1, 5),
                    end_date=date(2026, 7, 4),
                    status=status,
                )
            )
