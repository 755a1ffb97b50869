"""Import then export gives the same document; what the import stores besides the cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import resolve_database
from movdesk.exchange import dumps, export_cases, import_cases
from movdesk.models import (
    AuditEntry,
    Beneficiary,
    Case,
    Employer,
    Referent,
    ReferentAssignment,
    StatusChange,
)
from movdesk.models.enums import AuditAction, CaseStatus
from movdesk.store.engine import make_session_factory, unit_of_work
from movdesk.store.migrate import open_database

from .samples import document, varied_cases
from .strategies import case_documents

EXPECTED_STATUS = {
    "LC-2026-000010": CaseStatus.ORDERED,
    "LC-2026-000011": CaseStatus.NO_SHOW,
    "LC-2026-000012": CaseStatus.REFUSED,
    "LC-2026-000020": CaseStatus.ACTIVE,
    "LC-2026-000030": CaseStatus.CLOSED,
    "LC-2026-000031": CaseStatus.CLOSED,
    "LC-2026-000032": CaseStatus.FOLLOW_UP,
    "LC-2026-000033": CaseStatus.FOLLOW_UP,
    "LC-2026-000040": CaseStatus.FOLLOW_UP,
    "LC-2026-000041": CaseStatus.FOLLOW_UP,
    "LC-2026-000050": CaseStatus.CLOSED,
    "LC-2026-000051": CaseStatus.CLOSED,
    "LC-2026-000060": CaseStatus.ENDED_TERM,
    "LC-2026-000061": CaseStatus.ACTIVE,
    "LC-2026-000070": CaseStatus.INTERRUPTED,
    "LC-2026-000080": CaseStatus.ACTIVE,
}


def _import(factory: sessionmaker[Session], doc: dict[str, Any]) -> None:
    with unit_of_work(factory) as session:
        import_cases(session, doc, user="test", source="dossiers.json")


def _export(factory: sessionmaker[Session]) -> dict[str, Any]:
    with unit_of_work(factory) as session:
        return export_cases(session)


def test_hand_written_round_trip(session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    doc = document(varied_cases())
    _import(session_factory, doc)
    first = _export(session_factory)
    assert first == doc
    other = open_database(resolve_database(str(tmp_path / "other.sqlite")))
    try:
        factory = make_session_factory(other)
        _import(factory, json.loads(dumps(first)))
        assert _export(factory) == first
    finally:
        other.dispose()


def test_import_records_directories_status_history_and_audit(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        summary = import_cases(session, document(varied_cases()), user="claire",
                               source="dossiers.json")
    assert summary.cases == len(EXPECTED_STATUS)
    assert (summary.referents_created, summary.employers_created) == (2, 1)
    assert summary.beneficiaries_created == len(EXPECTED_STATUS) - 1
    # The 5-day company period of LC-2026-000020 is accepted with a warning.
    assert any("LC-2026-000020, company_periods[1].end" in w for w in summary.warnings)
    with session_factory() as session:
        statuses = dict(session.execute(select(Case.order_number, Case.status)).all())
        assert statuses == EXPECTED_STATUS
        assert session.scalar(select(func.count()).select_from(Beneficiary)) == 15
        assert session.scalar(select(func.count()).select_from(Employer)) == 1
        assert set(session.scalars(select(Referent.full_name))) == {
            "Claire Martin", "Karim Benali"}
        assignments = session.execute(
            select(Case.start_date, ReferentAssignment.start_date, ReferentAssignment.end_date)
            .join(ReferentAssignment, ReferentAssignment.case_id == Case.id)
        ).all()
        assert len(assignments) == 16
        assert all(s == a and end is None for s, a, end in assignments)
        changes = session.scalars(select(StatusChange)).all()
        assert len(changes) == 16
        assert all(c.from_status is None and c.recorded_by == "claire" for c in changes)
        audit = session.scalars(select(AuditEntry)).all()
        assert len(audit) == 16
        assert {a.action for a in audit} == {AuditAction.CREATE}
        assert {a.entity for a in audit} == {"case"}
        assert all("dossiers.json" in (a.summary or "") for a in audit)
        assert all(a.case_id == a.entity_id and a.user == "claire" for a in audit)


def test_missing_end_date_is_s_plus_179(session_factory: sessionmaker[Session]) -> None:
    case = varied_cases()[0]
    del case["end_date"]
    _import(session_factory, document([case]))
    exported = _export(session_factory)["cases"][0]
    assert exported["end_date"] == "2026-07-03"


def test_existing_beneficiary_and_referent_are_reused(
    session_factory: sessionmaker[Session],
) -> None:
    cases = varied_cases()
    _import(session_factory, document(cases[:4]))
    _import(session_factory, document(cases[-1:]))
    with session_factory() as session:
        owner = session.scalars(
            select(Beneficiary).where(Beneficiary.pe_id == "1234567A")
        ).one()
        assert len(owner.cases) == 2
        assert session.scalar(select(func.count()).select_from(Employer)) == 1


def test_dumps_is_utf8_indented_and_sorted(session_factory: sessionmaker[Session]) -> None:
    cases = varied_cases()
    _import(session_factory, document(list(reversed(cases))))
    text = dumps(_export(session_factory))
    assert "Lefèvre" in text and "\\u" not in text
    assert text.startswith('{\n  "format": "movdesk-cases",\n  "version": 1,')
    numbers = [c["order_number"] for c in json.loads(text)["cases"]]
    assert numbers == sorted(numbers)
    exits = [c["exit"] for c in json.loads(text)["cases"] if c["exit"]]
    for exit in exits:
        blocks = {"employment", "training", "business"} & exit.keys()
        assert blocks == ({exit["reason"]} & {"employment", "training", "business"})


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = open_database(resolve_database(str(tmp_path_factory.mktemp("hyp") / "h.sqlite")))
    yield engine
    engine.dispose()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=case_documents())
def test_generated_round_trip(shared_engine: Engine, doc: dict[str, Any]) -> None:
    """Import then export returns the generated document, in a transaction rolled back."""
    with make_session_factory(shared_engine)() as session:
        try:
            import_cases(session, doc, user="hypothesis")
            assert export_cases(session) == doc
        finally:
            session.rollback()
