"""Loading the demo through the validating importer, and the ``movdesk demo`` command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import main
from movdesk.config import resolve_database
from movdesk.demo import fill_demo
from movdesk.errors import UserError
from movdesk.models import (
    Action,
    Barrier,
    Beneficiary,
    Case,
    CaseDocument,
    Employer,
    Exit,
    Interview,
    JobTarget,
    OfficeSettings,
    Partner,
    PaymentTranche,
    Referent,
)
from movdesk.models.enums import (
    ActionStep,
    CaseStatus,
    ExitReason,
    InterviewStatus,
    Tranche,
)
from movdesk.rules.outcomes import classify_exit
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

TODAY = date(2026, 11, 27)
COUNT = 300


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sessionmaker[Session]]:
    location = resolve_database(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    engine = open_database(location)
    factory = make_session_factory(engine)
    calls: list[tuple[int, int]] = []
    created = fill_demo(factory, cases=COUNT, seed=2026, today=TODAY,
                        progress=lambda done, total: calls.append((done, total)))
    assert created == COUNT
    assert calls[0] == (0, COUNT) and calls[-1] == (COUNT, COUNT)
    yield factory
    engine.dispose()


def test_every_case_is_imported_with_office_and_directories(loaded) -> None:
    with loaded() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == COUNT
        office = s.get(OfficeSettings, 1)
        assert office is not None and "démonstration" in office.name
        assert office.price_per_case_cents == 185_000
        assert office.siret is not None and len(office.siret) == 14
        assert s.scalar(select(func.count()).select_from(Referent)) == 8
        assert s.scalar(select(func.count()).select_from(Partner)) >= 10
        employers = s.scalars(select(Employer)).all()
        assert employers and all(e.siret and e.sector for e in employers)


def test_statuses_cover_the_whole_lifecycle(loaded) -> None:
    with loaded() as s:
        statuses = set(s.scalars(select(Case.status).distinct()))
        reasons = set(s.scalars(select(Exit.reason).distinct()))
    assert statuses == set(CaseStatus)
    assert reasons == set(ExitReason)


def test_each_placement_kind_has_positive_and_negative_exits(loaded) -> None:
    with loaded() as s:
        exits = s.scalars(select(Exit).where(Exit.reason.in_(
            [ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS]))).all()
    verdicts = {(e.reason, classify_exit(e).positive) for e in exits}
    for reason in (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS):
        assert (reason, True) in verdicts and (reason, False) in verdicts


def test_some_cases_are_late_on_purpose(loaded) -> None:
    with loaded() as s:
        overdue_contracting = s.scalar(
            select(func.count()).select_from(Case).where(
                Case.status == CaseStatus.ORDERED,
                Case.start_date < TODAY - timedelta(days=7),
            )
        )
        last_held = (
            select(Interview.case_id, func.max(Interview.date).label("last"))
            .where(Interview.status == InterviewStatus.ATTENDED)
            .group_by(Interview.case_id)
            .subquery()
        )
        stale = s.scalar(
            select(func.count()).select_from(Case).join(last_held, last_held.c.case_id == Case.id)
            .where(Case.status == CaseStatus.ACTIVE, Case.end_date >= TODAY,
                   last_held.c.last < TODAY - timedelta(days=14), ~Case.suspensions.any(),
                   ~Case.company_periods.any())
        )
    assert overdue_contracting >= 1
    assert stale >= 1


def test_what_the_exchange_format_does_not_carry_is_added(loaded) -> None:
    with loaded() as s:
        assert s.scalar(select(func.count()).select_from(Barrier)) > COUNT
        steps = set(s.scalars(select(Action.step).distinct()))
        assert steps == set(ActionStep)
        assert s.scalar(select(func.count()).select_from(JobTarget)) > COUNT / 2
        assert s.scalar(select(func.count()).select_from(CaseDocument)) > COUNT * 2
        tranches = s.execute(select(PaymentTranche.tranche, PaymentTranche.paid_date)).all()
        kinds = {t for t, _ in tranches}
        assert {Tranche.T1, Tranche.T2, Tranche.EARLY, Tranche.T3} <= kinds
        assert any(paid is None for _, paid in tranches)
        assert any(paid is not None for _, paid in tranches)
        titled = s.scalar(select(func.count()).select_from(Exit).where(
            Exit.employment_job_title.is_not(None)))
        assert titled > 0


def test_a_database_with_cases_is_refused(loaded) -> None:
    with pytest.raises(UserError, match="contient déjà 300 dossiers"):
        fill_demo(loaded, cases=5, today=TODAY)


def test_command_fills_then_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.sqlite"
    argv = ["--db", str(db), "demo", "--cases", "25", "--seed", "7", "--today", "2026-11-27"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"25 dossiers de démonstration créés dans {db}" in out
    engine = open_database(resolve_database(str(db)))
    with make_session_factory(engine)() as s:
        numbers = s.scalars(select(Case.order_number).order_by(Case.id)).all()
    engine.dispose()
    assert len(numbers) == 25
    assert main(argv) == 1
    assert "contient déjà 25 dossiers" in capsys.readouterr().err


def test_seed_changes_the_cases(tmp_path: Path) -> None:
    pe_ids = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.sqlite"
        assert main(["--db", str(db), "demo", "--cases", "5", "--seed", seed,
                     "--today", "2026-11-27"]) == 0
        engine = open_database(resolve_database(str(db)))
        with make_session_factory(engine)() as s:
            pe_ids.append(set(s.scalars(select(Beneficiary.pe_id))))
        engine.dispose()
    assert len(pe_ids[0]) == 5 and pe_ids[0] != pe_ids[1]


@pytest.mark.parametrize("count", ["0", "-3", "200001", "beaucoup"])
def test_bad_count_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(tmp_path / "x.sqlite"), "demo", "--cases", count])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --cases : " in err and ("va de 1 à 200000" in err or "entier" in err)
    assert not (tmp_path / "x.sqlite").exists()
