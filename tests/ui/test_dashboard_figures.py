"""The dashboard's figures, read without Qt."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import CaseStatus, Referent
from movdesk.services.dashboard import (
    UNCONFIGURED_OFFICE,
    count_cases,
    read_dashboard,
    read_office,
)
from movdesk.store.engine import unit_of_work
from tests.ui.rows import add_cases, save_office


def test_empty_database(session_factory: sessionmaker[Session]) -> None:
    figures = read_dashboard(session_factory)
    assert figures.office == UNCONFIGURED_OFFICE
    assert [status for status, _count in figures.cases_by_status] == list(CaseStatus)
    assert figures.total_cases == 0
    assert figures.referent_count == figures.active_referent_count == 0
    assert count_cases(session_factory) == 0


def test_counts_by_recorded_status_and_referents(session_factory: sessionmaker[Session]) -> None:
    add_cases(
        session_factory,
        [CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP, CaseStatus.ACTIVE, CaseStatus.REFUSED],
    )
    with unit_of_work(session_factory) as session:
        session.add(Referent(full_name="Ancienne référente", active=False))
    figures = read_dashboard(session_factory)
    counts = dict(figures.cases_by_status)
    assert counts[CaseStatus.ACTIVE] == 2
    assert counts[CaseStatus.FOLLOW_UP] == 1
    assert counts[CaseStatus.REFUSED] == 1
    assert counts[CaseStatus.ORDERED] == 0
    assert figures.total_cases == 4 == count_cases(session_factory)
    assert (figures.referent_count, figures.active_referent_count) == (2, 1)


def test_office_settings(session_factory: sessionmaker[Session]) -> None:
    save_office(
        session_factory,
        "  Bureau de Roubaix ",
        siret="12345678900012",
        price_per_case_cents=180_000,
        configured=True,
    )
    office = read_office(session_factory)
    assert office.name == "Bureau de Roubaix"
    assert office.siret == "12345678900012"
    assert office.price_per_case_cents == 180_000
    assert office.configured and not office.alsace_moselle
    assert read_dashboard(session_factory).office == office
